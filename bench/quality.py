#!/usr/bin/env python3
"""Quality of unspin's phrase repairs: corpus WER and harm, the seed, clean text, science domain.

1. corpora/news/ (dev) and corpora/heldout/ (written after the rules, never tuned on):
   hand-spun articles (NN-*.spun.txt) with their originals (NN-*.orig.txt), line-aligned.
   Word error rate against the original before and after `fix`; "harm" counts
   words unspin changed that the spinner had left alone.
2. The seed against corpora/seed-expected.tsv.
3. Clean text that must not change: the corpus originals, corpora/clean/, and the human
   post-edits of ../shared/data/mlqe-pe-dev/*/dev.pe (detokenized): changed words per 10,000.
4. Science domain: the share of ../shared/data/pps-tortured-phrases-dev/pairs.tsv phrases that
   unspin flags without loading that file, and how many of them only the pair detector flags.
5. The pair detector alone: spun words it catches that no dictionary or context rule did, and
   clean words it flags.

usage: python bench/quality.py [--unsafe]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common import ROOT, changed_positions, changed_words, detokenize, shared, wer
from unspin import repair


def corpus_pairs(folder: str = "news"):
    for spun in sorted((ROOT / "corpora" / folder).glob("*.spun.txt")):
        orig = spun.with_name(spun.name.replace(".spun.txt", ".orig.txt"))
        yield (
            spun.name.split(".")[0],
            orig.read_text(encoding="utf-8").splitlines(),
            spun.read_text(encoding="utf-8").splitlines(),
        )


def measure_corpus(unsafe: bool, folder: str = "news", spin: str = "auto", verbose: bool = False) -> dict:
    rows, tot = [], {"words": 0, "harm": 0, "spun_err": 0, "fixed_err": 0, "pair_hits": 0, "spinner_changed": 0}
    for name, orig, spun in corpus_pairs(folder):
        assert len(orig) == len(spun), f"{name}: original and spun files are not line-aligned"
        whole = repair("\n".join(spun), unsafe=unsafe, spin=spin)  # one document: spin evidence is read over all of it
        fixed = whole.text.split("\n")
        assert len(fixed) == len(spun), f"{name}: the repair changed the number of lines"
        w_spun, w_fixed = wer(spun, orig), wer(fixed, orig)
        harm = 0
        line_starts = [0]
        for line in spun:
            line_starts.append(line_starts[-1] + len(line) + 1)
        covered = [(e.start, e.end) for e in whole.applied + whole.suggestions if e.category != "pair"]
        for n, (o, s, f) in enumerate(zip(orig, spun, fixed)):
            spinner = changed_positions(s.split(), o.split())
            ours = changed_positions(s.split(), f.split())
            harm += len(ours - spinner)
            if verbose and ours - spinner:
                print(
                    f"  harm {name}:{n + 1}: {[s.split()[i] for i in sorted(ours - spinner)]} -> {f[:0]}"
                    f"{[w for w in f.split() if w not in s.split()]}"
                )
            tot["spinner_changed"] += len(spinner)
            for e in whole.suggestions:
                if (
                    e.category == "pair"
                    and line_starts[n] <= e.start < line_starts[n + 1] - 1
                    and not any(a <= e.start < b for a, b in covered)
                ):
                    index = len(s[: e.start - line_starts[n]].split())
                    tot["pair_hits"] += index in spinner
        words = sum(len(o.split()) for o in orig)
        rows.append((name, words, w_spun, w_fixed, harm))
        tot["words"] += words
        tot["harm"] += harm
        tot["spun_err"] += w_spun * words
        tot["fixed_err"] += w_fixed * words
    return {"rows": rows, **tot}


def clean_texts(folders=("news", "heldout")):
    for folder in folders:
        for path in sorted((ROOT / "corpora" / folder).glob("*.orig.txt")):
            yield f"corpus originals ({', '.join(folders)})", path.read_text(encoding="utf-8").splitlines()
    for path in sorted((ROOT / "corpora" / "clean").glob("*.txt")):
        yield "corpora/clean", path.read_text(encoding="utf-8").splitlines()
    base = shared("mlqe-pe-dev")
    if base:
        for pe in sorted(base.glob("*/dev.pe")):
            yield (
                f"mlqe-pe {pe.parent.name} post-edits",
                [detokenize(line) for line in pe.read_text(encoding="utf-8").splitlines()],
            )


def measure_clean(unsafe: bool, folders=("news", "heldout")) -> list[tuple[str, int, int, int]]:
    by_source: dict[str, list[int]] = {}
    for source, lines in clean_texts(folders):
        words = changed = shown = 0
        # an article is repaired whole (spin evidence is read over the document); the post-edits
        # are unrelated sentences, each repaired on its own
        units = lines if source.startswith("mlqe") else ["\n".join(lines)]
        for unit in units:
            result = repair(unit, unsafe=unsafe)
            words += len(unit.split())
            changed += changed_words(unit, result.text)
            shown += len(result.findings)
        acc = by_source.setdefault(source, [0, 0, 0])
        acc[0] += words
        acc[1] += changed
        acc[2] += shown
    return [(k, *v) for k, v in by_source.items()]


def measure_science(**settings) -> dict | None:
    """Tortured phrases (and, as the negative side, their correct forms) in one frame sentence:
    how many get a finding on the phrase. ``settings`` go to ``repair`` (e.g. all_findings)."""
    path = shared("pps-tortured-phrases-dev", "pairs.tsv")
    if not path:
        return None
    out = {"total": 0, "flagged": 0, "pair_only": 0, "correct": 0, "correct_flagged": 0, "rules": {}}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        parts = line.split("\t")
        if n == 0 and parts[0].lower().startswith("tortured") or len(parts) < 2:
            continue
        for key, phrase in (("flagged", parts[0].strip()), ("correct_flagged", parts[1].strip())):
            sentence = f"In this work we study the {phrase} of the model."
            start = sentence.index(phrase)
            hits = [e for e in repair(sentence, **settings).findings if e.start < start + len(phrase) and start < e.end]
            out[key] += bool(hits)
            if key == "flagged":
                out["total"] += 1
                out["pair_only"] += bool(hits) and all(e.category == "pair" for e in hits)
                for e in hits[:1]:
                    out["rules"][e.rule.split(":")[0]] = out["rules"].get(e.rule.split(":")[0], 0) + 1
            else:
                out["correct"] += 1
    return out


def measure_software_docs(limit: int = 400) -> tuple[int, int, int] | None:
    """READMEs and text files under /usr/share/doc (clean technical English, present on Debian)."""
    from pathlib import Path as P

    base = P("/usr/share/doc")
    if not base.is_dir():
        return None
    files = sorted(
        p
        for p in base.glob("*/*")
        if p.is_file()
        and p.suffix in ("", ".txt", ".md", ".rst")
        and p.name.upper().startswith(("README", "NEWS", "CHANGES"))
        and 1000 < p.stat().st_size < 300_000
    )
    words = changed = count = 0
    for path in files[:limit]:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        count += 1
        words += len(text.split())
        changed += changed_words(text, repair(text).text)
    return count, words, changed


def spin_documents(folders: list[str]):
    """(kind, name, text) for the spin-score table: spun articles, the seed, and clean documents."""
    for folder in folders:
        for name, _orig, spun in corpus_pairs(folder):
            yield "spun", f"corpora/{folder}/{name}", "\n".join(spun)
    yield "spun", "seed", (ROOT / "seeds" / "kremlin-iran-spun.txt").read_text(encoding="utf-8")
    for folder in folders:
        for name, orig, _spun in corpus_pairs(folder):
            yield "clean", f"corpora/{folder}/{name}.orig", "\n".join(orig)
    for path in sorted((ROOT / "corpora" / "clean").glob("*.txt")):
        yield "clean", f"corpora/clean/{path.stem}", path.read_text(encoding="utf-8")
    base = shared("mlqe-pe-dev")
    if base:  # post-edited sentences in documents of 15 lines (about an article's length)
        for pe in sorted(base.glob("*/dev.pe")):
            lines = [detokenize(line) for line in pe.read_text(encoding="utf-8").splitlines()]
            for i in range(0, len(lines), 15):
                yield "clean", f"mlqe-pe {pe.parent.name} {i // 15}", "\n".join(lines[i : i + 15])
    docs = Path("/usr/share/doc")
    for path in sorted(docs.glob("*/README*"))[:150] if docs.is_dir() else []:
        if path.is_file() and path.suffix in ("", ".txt", ".md") and 1000 < path.stat().st_size < 300_000:
            try:
                yield "clean", str(path), path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue


def print_spin_scores(folders: list[str], verbose: bool = False) -> None:
    from unspin.evidence import THRESHOLD

    by_kind: dict[str, list[tuple[float, str]]] = {"spun": [], "clean": []}
    seed = 0.0
    for kind, name, text in spin_documents(folders):
        value = repair(text).spin.score
        by_kind[kind].append((value, name))
        seed = value if name == "seed" else seed
    spun, clean = by_kind["spun"], by_kind["clean"]
    above = sum(v >= THRESHOLD for v, _ in spun)
    false = sorted((v, n) for v, n in clean if v >= THRESHOLD)
    print(f"\n## Spin score (threshold {THRESHOLD})\n")
    print(
        f"spun documents above the threshold: {above}/{len(spun)} ({above / len(spun):.1%}); "
        f"lowest {min(spun)[0]:.2f} ({min(spun)[1]})"
    )
    print(
        f"clean documents above the threshold: {len(false)}/{len(clean)}; highest {max(clean)[0]:.2f} ({max(clean)[1]})"
    )
    print(f"the seed: {seed:.2f}")
    if verbose:
        for v, n in sorted(spun)[:5] + sorted(clean)[-5:]:
            print(f"  {v:.2f} {n}")


DETECTORS = (
    "pair.unidiomatic",
    "collocation.expression",
    "collocation.context",
    "collocation.reordered",
    "pair.thesaurus",
)


def measure_detectors(folders: list[str]) -> dict[str, list[int]]:
    """The statistical detectors alone (every other rule off, spin on): per rule, how many of its
    changes on the spun corpora restore the original word, how many do not, and how many it
    makes on the originals (which the spin gate keeps from being applied there)."""
    import regex

    words_of = lambda s: set(regex.findall(r"[\w’'-]+", s.lower()))  # noqa: E731
    only = frozenset(DETECTORS)
    counts = {r: [0, 0, 0] for r in DETECTORS}
    for folder in folders:
        for _, orig, spun in corpus_pairs(folder):
            for o, s in zip(orig, spun):
                ow = words_of(o)
                for e in repair(s, spin="on", all_findings=True, enabled_only=only).findings:
                    if e.rule in counts:
                        right = words_of(e.replacement) <= ow and not words_of(e.original) <= ow
                        counts[e.rule][0 if right else 1] += 1
            for e in repair("\n".join(orig), spin="on", all_findings=True, enabled_only=only).findings:
                if e.rule in counts:
                    counts[e.rule][2] += 1
    return counts


BASELINE_CODE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from unspin import repair
texts = json.load(sys.stdin)
print(json.dumps([repair(t).text for t in texts]))
"""


def baseline_fix(checkout: str, texts: list[str]) -> list[str]:
    """``fix`` by another checkout's code (an earlier version), in its own process."""
    import json
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-c", BASELINE_CODE, str(Path(checkout).resolve() / "src")],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


def measure_baseline(checkout: str, folder: str) -> tuple[float, float, int, int]:
    """(WER spun, WER after the baseline's fix, harm, words) on one spun corpus."""
    pairs = list(corpus_pairs(folder))
    fixed_docs = baseline_fix(checkout, ["\n".join(spun) for _, _, spun in pairs])
    words = errs_spun = errs_fixed = harm = 0
    for (_, orig, spun), doc in zip(pairs, fixed_docs):
        fixed = doc.split("\n")
        n = sum(len(o.split()) for o in orig)
        words += n
        errs_spun += wer(spun, orig) * n
        errs_fixed += wer(fixed, orig) * n
        for o, s, f in zip(orig, spun, fixed):
            harm += len(changed_positions(s.split(), f.split()) - changed_positions(s.split(), o.split()))
    return errs_spun / words, errs_fixed / words, harm, words


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--unsafe", action="store_true", help="measure fix --unsafe instead of the default")
    ap.add_argument("--spin", choices=("auto", "on", "off"), default="auto", help="fix --spin (default auto)")
    ap.add_argument(
        "--corpora",
        default="news,heldout",
        help="spun corpora, comma-separated folders of corpora/ (heldout2: the round-2 held-out set)",
    )
    ap.add_argument(
        "--only",
        default="corpus,detectors,seed,score,clean,docs,science",
        help="sections to run, comma-separated: corpus,detectors,seed,score,clean,docs,science",
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="print each harmful change and extreme scores")
    ap.add_argument(
        "--baseline",
        metavar="DIR",
        help="also measure another checkout's fix on the spun corpora "
        "(an earlier version: git worktree add /tmp/base REV)",
    )
    args = ap.parse_args()
    mode = "fix --unsafe" if args.unsafe else "fix"
    want = set(args.only.split(","))
    folders = args.corpora.split(",")
    titles = {
        "news": "Dev corpus (rules were tuned on it)",
        "heldout": "Held-out corpus, round 1 (written after the round-1 rules; dev data since round 2)",
        "heldout2": "Held-out corpus, round 2 (written after the round-2 rules were frozen; measured once)",
    }

    for folder in folders if "corpus" in want else []:
        c = measure_corpus(args.unsafe, folder, args.spin, args.verbose)
        print(f"## {titles.get(folder, folder)}: {len(c['rows'])} articles, {c['words']} words, unspin {mode}\n")
        print("| article | words | WER spun | WER repaired | harm (words) |\n|---|---|---|---|---|")
        for name, words, w_spun, w_fixed, harm in c["rows"]:
            print(f"| {name} | {words} | {w_spun:.3f} | {w_fixed:.3f} | {harm} |")
        spun, fixed = c["spun_err"] / c["words"], c["fixed_err"] / c["words"]
        print(f"| **all** | {c['words']} | {spun:.3f} | {fixed:.3f} | {c['harm']} ({c['harm'] / c['words']:.2%}) |")
        print(f"\nrelative WER reduction: {(spun - fixed) / spun:.1%}; harm: {c['harm'] / c['words']:.2%} of words")
        print(
            f"pair detector: {c['pair_hits']} spun words flagged that no dictionary or context rule caught "
            f"(of {c['spinner_changed']} words the spinner changed)\n"
        )
        if args.baseline:
            b_spun, b_fixed, b_harm, b_words = measure_baseline(args.baseline, folder)
            print(
                f"baseline {args.baseline}: WER {b_spun:.3f} -> {b_fixed:.3f}, relative reduction "
                f"{(b_spun - b_fixed) / b_spun:.1%}; harm {b_harm} ({b_harm / b_words:.2%})\n"
            )

    if "detectors" in want:
        print(
            "\n## Statistical detectors alone (spin on, every other rule off)\n\n"
            "| rule | restores the original | does not | changes on the originals |\n|---|---|---|---|"
        )
        for rule, (right, wrong, clean) in measure_detectors(folders).items():
            print(f"| {rule} | {right} | {wrong} | {clean} |")

    if "seed" in want:
        sys.path.insert(0, str(ROOT / "scripts"))
        from seed_coverage import coverage

        rows = coverage(args.unsafe)
        hit = sum(r[3] for r in rows)
        print(f"\n## Seed\n\n{hit}/{len(rows)} expected repairs restored ({hit / len(rows):.1%})")

    if "score" in want:
        print_spin_scores(folders, args.verbose)

    if "clean" in want:
        print(
            f"\n## Clean text ({mode})\n\n"
            "| text | words | words changed | per 10,000 | findings `check` shows |\n|---|---|---|---|---|"
        )
        total_w = total_c = 0
        for source, words, changed, flags in measure_clean(args.unsafe, tuple(folders)):
            total_w += words
            total_c += changed
            print(f"| {source} | {words} | {changed} | {changed / words * 1e4:.2f} | {flags} |")
        print(f"| **all** | {total_w} | {total_c} | {total_c / total_w * 1e4:.2f} | |")

    docs = measure_software_docs() if "docs" in want else None
    if docs:
        n, words, changed = docs
        print(
            f"\n## Software documentation (/usr/share/doc on this machine: {n} files, {words} words)\n\n"
            f"words changed by `fix`: {changed} ({changed / max(words, 1) * 1e4:.2f} per 10,000); "
            "read them with `unspin diff` - most are doubled words and '..' the authors left"
        )

    if "science" in want:
        print(
            "\n## Science domain (tortured phrases, not loaded as a dictionary)\n\n"
            "| mode | tortured phrases flagged | of them by report-only pairs alone | correct phrases flagged |\n"
            "|---|---|---|---|"
        )
        for label, settings in (
            ("check (default)", {}),
            ("check --all-findings", {"all_findings": True}),
            ("check --spin on", {"spin": "on"}),
        ):
            sci = measure_science(**settings)
            if not sci:
                break
            print(
                f"| {label} | {sci['flagged']}/{sci['total']} ({sci['flagged'] / sci['total']:.1%}) "
                f"| {sci['pair_only']} "
                f"| {sci['correct_flagged']}/{sci['correct']} ({sci['correct_flagged'] / sci['correct']:.1%}) |"
            )
            if args.verbose:
                print("  first finding by rule:", sorted(sci["rules"].items(), key=lambda kv: -kv[1])[:12])
    return 0


if __name__ == "__main__":
    sys.exit(main())
