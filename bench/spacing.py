#!/usr/bin/env python3
"""Space-repair quality on real PDF-extraction text, unspin against two baselines, one table.

Data: ../shared/data/tokenization-repair-acl-dev/ (corrupt.txt -> spelling.txt, line-aligned;
Bast, Hertel and Mohamed, CoNLL 2021, Apache-2.0). It is read in place, never copied.

Each output is aligned with the corrupt text on its non-space characters; every gap between
two characters is an insertion (no space -> space) or a deletion (space -> none) or neither.
Precision and recall compare those gap decisions with the gold text. "clean lines touched"
counts lines where corrupt == gold (nothing to repair) that a tool changed in any way.

usage: python bench/spacing.py [--limit N] [--show-errors K]
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "tokenization-repair-acl-dev"
sys.path.insert(0, str(ROOT / "src"))


def gaps(text: str) -> tuple[str, set[int]]:
    """Non-space characters, and the indexes i where a space stands before character i."""
    chars, spaced, pending = [], set(), False
    for ch in text:
        if ch == " ":
            pending = True
            continue
        if pending and chars:
            spaced.add(len(chars))
        pending = False
        chars.append(ch)
    return "".join(chars), spaced


def _around(text: str, i: int) -> str:
    """The text around the i-th non-space character, for error listings."""
    seen = 0
    for pos, ch in enumerate(text):
        if ch != " ":
            if seen == i:
                return text[max(0, pos - 25) : pos] + "|" + text[pos : pos + 25]
            seen += 1
    return text[-50:]


def gap_map(a: str, b: str) -> dict[int, int]:
    """Index in a -> index in b for characters inside equal blocks."""
    out = {}
    for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            out[block.a + k] = block.b + k
    return out


def score_line(corrupt: str, gold: str, pred: str, tally: dict, errors: list) -> None:
    c, c_sp = gaps(corrupt)
    g, g_sp = gaps(gold)
    p, p_sp = gaps(pred)
    to_g = gap_map(c, g) if c != g else {i: i for i in range(len(c))}
    to_p = gap_map(c, p) if c != p else {i: i for i in range(len(c))}
    for i in range(1, len(c)):
        if i not in to_g or i - 1 not in to_g or i not in to_p or i - 1 not in to_p:
            continue
        if to_g[i] - to_g[i - 1] != 1 or to_p[i] - to_p[i - 1] != 1:
            continue
        was, want, got = i in c_sp, to_g[i] in g_sp, to_p[i] in p_sp
        for kind, truth, guess in (
            ("ins", not was and want, not was and got),
            ("del", was and not want, was and not got),
        ):
            if guess and truth:
                tally[kind + "_tp"] += 1
            elif guess:
                tally[kind + "_fp"] += 1
                errors.append((kind, "false", _around(corrupt, i)))
            elif truth:
                tally[kind + "_fn"] += 1
                errors.append((kind, "missed", _around(corrupt, i)))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def unknown_token_repair(segment):
    """Baseline shape: split every unknown lower-case word with a segmenter, leave the rest."""
    import regex

    from unspin import freq

    token = regex.compile(r"(?<![\p{L}\p{N}])[\p{Ll}]{4,}(?![\p{L}\p{N}])")

    def run(line: str) -> str:
        return token.sub(lambda m: m.group() if freq.word(m.group()) else segment(m.group()), line)

    return run


def tools():
    from unspin import repair

    yield "unspin (fix, default)", lambda line: repair(line).text
    try:
        from symspellpy import SymSpell

        from unspin.freq import _data_file

        sym = SymSpell(max_dictionary_edit_distance=0, prefix_length=7)
        sym.load_dictionary(str(_data_file("frequency_dictionary_en_82_765.txt")), 0, 1)
        yield (
            "symspellpy word_segmentation",
            unknown_token_repair(lambda w: sym.word_segmentation(w, max_edit_distance=0).segmented_string),
        )
    except ImportError:
        print("(symspellpy missing: baseline skipped)", file=sys.stderr)
    try:
        import wordninja

        yield "wordninja", unknown_token_repair(lambda w: " ".join(wordninja.split(w)))
    except ImportError:
        print("(wordninja missing: pip install wordninja for that baseline)", file=sys.stderr)


def hyphens(pairs) -> None:
    """Words hyphenated at a lost line end ('organiza-tion'): how many unspin rejoins, and how
    many of its joins the gold text does not have."""
    import regex

    from unspin import repair

    hyphenated = regex.compile(r"\b\p{L}+-\p{L}+\b")
    wanted = joined = wrong = 0
    for c, g in pairs:
        for m in hyphenated.finditer(c):
            word = m.group().replace("-", "")
            wanted += m.group() not in g and word in g
        for e in repair(c).applied:
            if e.rule == "spacing.hyphen-break":
                ok = e.replacement in g and e.original not in g
                joined += ok
                wrong += not ok
    print(
        f"\nLine-end hyphens (same lines): the gold text rejoins {wanted}; unspin rejoins {joined} of them "
        f"and {wrong} it should not have."
    )


def synthetic_paragraphs() -> list[str]:
    """Clean English paragraphs unspin was not tuned on: our own clean news, and the MLQE-PE
    human post-edits (detokenized with sacremoses), five sentences to a paragraph."""
    paras = []
    for path in sorted((ROOT / "corpora").glob("clean/*.txt")) + sorted((ROOT / "corpora").glob("*/*.orig.txt")):
        paras += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    mlqe = DATA.parent / "mlqe-pe-dev"
    try:
        from sacremoses import MosesDetokenizer

        detok = MosesDetokenizer(lang="en")
        for pair in sorted(p for p in mlqe.iterdir() if (p / "dev.pe").is_file()):
            lines = [
                detok.detokenize(line.split())
                for line in (pair / "dev.pe").read_text(encoding="utf-8").split("\n")
                if line
            ]
            paras += [" ".join(lines[i : i + 5]) for i in range(0, len(lines), 5)]
    except ImportError:
        print("(sacremoses missing: MLQE-PE left out of the synthetic test)", file=sys.stderr)
    return paras


def damage(text: str, rate: float, rng) -> str:
    """Delete the space between two words at random, as PDF extraction does."""
    import regex

    return regex.sub(r"(?<=\p{L}) (?=\p{L})", lambda m: "" if rng.random() < rate else " ", text)


def synthetic(rate: float = 0.03, seed: int = 1) -> None:
    """Precision where the truth is known for certain: spaces deleted at random from clean text."""
    import random

    from unspin import repair

    rng = random.Random(seed)
    tally = {k: 0 for k in ("ins_tp", "ins_fp", "ins_fn", "del_tp", "del_fp", "del_fn")}
    errors, words, clean_touched, clean_n = [], 0, 0, 0
    for para in synthetic_paragraphs():
        words += len(para.split())
        broken = damage(para, rate, rng)
        pred = repair(broken).text
        score_line(broken, para, pred, tally, errors)
        clean_n += 1
        clean_touched += repair(para).text != para
    ip = prf(tally["ins_tp"], tally["ins_fp"], tally["ins_fn"])
    print(
        f"\nSynthetic damage ({words} words of clean news and MLQE-PE post-edits, {rate:.0%} of the spaces "
        f"between words deleted at random, seed {seed}):\n"
    )
    print("| tool | ins P | ins R | ins F1 | false insertions | paragraphs changed when undamaged |")
    print("|---|---|---|---|---|---|")
    print(
        f"| unspin (fix, default) | {ip[0]:.3f} | {ip[1]:.3f} | {ip[2]:.3f} | {tally['ins_fp']} "
        f"| {clean_touched} of {clean_n} |"
    )
    for e in [e for e in errors if e[:2] == ("ins", "false")][:20]:
        print("   ", e, file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show-errors", type=int, default=0, metavar="K", help="print K false edits of unspin")
    ap.add_argument(
        "--kind",
        default="all",
        help="which errors to show: ins:false, ins:missed, del:false, del:missed, clean:touched",
    )
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (it sits beside a development checkout only)")
        return 0
    corrupt = (DATA / "corrupt.txt").read_text(encoding="utf-8").split("\n")
    gold = (DATA / "spelling.txt").read_text(encoding="utf-8").split("\n")
    pairs = list(zip(corrupt, gold))[: args.limit or None]
    clean_lines = sum(c == g for c, g in pairs)
    print(f"{len(pairs)} lines, {clean_lines} need no repair\n")
    print(
        "| tool | ins P | ins R | ins F1 | all-space P | all-space R | all-space F1 | clean lines touched | seconds |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, tool in tools():
        tally = {k: 0 for k in ("ins_tp", "ins_fp", "ins_fn", "del_tp", "del_fp", "del_fn")}
        errors, touched = [], 0
        start = time.perf_counter()
        for c, g in pairs:
            pred = tool(c)
            if c == g and pred != c:
                touched += 1
                errors.append(("clean", "touched", f"{c[:60]!r} -> {pred[:60]!r}"))
            score_line(c, g, pred, tally, errors)
        secs = time.perf_counter() - start
        ip = prf(tally["ins_tp"], tally["ins_fp"], tally["ins_fn"])
        ap_ = prf(
            tally["ins_tp"] + tally["del_tp"], tally["ins_fp"] + tally["del_fp"], tally["ins_fn"] + tally["del_fn"]
        )
        print(
            f"| {name} | {ip[0]:.3f} | {ip[1]:.3f} | {ip[2]:.3f} | {ap_[0]:.3f} | {ap_[1]:.3f} | {ap_[2]:.3f} "
            f"| {touched} of {clean_lines} | {secs:.1f} |"
        )
        if args.show_errors and name.startswith("unspin"):
            for e in [e for e in errors if args.kind in (e[0] + ":" + e[1], "all")][: args.show_errors]:
                print("   ", e, file=sys.stderr)
    hyphens(pairs)
    if not args.limit:
        synthetic()
    return 0


if __name__ == "__main__":
    sys.exit(main())
