#!/usr/bin/env python3
"""Speed, memory and scale of unspin against the tools a user would otherwise run, in one run.

Builds its inputs under bench/out/ from the project's own corpora (seed, hand-spun and clean
articles), then times whole processes (start-up included), alternating the tools in each
round and taking the median. Prints markdown tables.

  throughput   1M+ words: unspin check, unspin fix, codespell, proselint, harper-py (words/s, ratio to codespell)
  cold start   unspin check on a one-line file
  scaling      100k vs 1M words (10x input), 2k vs 20k dictionary entries (--dictionary with 18k more)
  memory       peak RSS of unspin check on 10 MB and 100 MB inputs (--gigabyte adds 1 GB)
  many files   1,000 small files, --jobs 1 vs --jobs N

  baseline     with --baseline DIR: the same throughput runs with another checkout's src/
               (an earlier version: git worktree add /tmp/base REV), to see what a change cost

  long lines   with --long-lines MB: peak RSS on one paragraph of MB megabytes (80-character
               lines, no blank line) and on one line of MB megabytes (no line break at all)

usage: python bench/speed.py [--rounds 3] [--gigabyte] [--skip-peers | --peers NAMES] [--baseline DIR]
                            [--long-lines MB]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = sys.executable


def corpus_text() -> str:
    files = [ROOT / "seeds" / "kremlin-iran-spun.txt"]
    files += sorted((ROOT / "corpora").glob("*/*.txt"))
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def build(name: str, words: int) -> Path:
    """A file of at least ``words`` words, repeating the corpus (paragraphs shuffled per copy)."""
    path = OUT / name
    if path.exists():
        return path
    paragraphs = [p for p in corpus_text().splitlines() if p.strip()]
    rng = random.Random(7)
    count, parts = 0, []
    while count < words:
        rng.shuffle(paragraphs)
        for p in paragraphs:
            parts.append(p)
            count += len(p.split())
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return path


def build_bytes(name: str, size: int) -> Path:
    path = OUT / name
    if path.exists() and path.stat().st_size >= size:
        return path
    block = (corpus_text() + "\n").encode("utf-8")
    with path.open("wb") as fh:
        written = 0
        while written < size:
            fh.write(block)
            written += len(block)
    return path


def unspin(*args: str, src: Path | None = None) -> list[str]:
    """The command line; ``src`` runs another checkout's code (``env`` puts it on the path)."""
    if src is None:
        return [PY, "-m", "unspin", *args]
    # its own cache folder: versions keep different caches, and a newer one sweeps an older one's
    return ["env", f"PYTHONPATH={src}", f"UNSPIN_CACHE_DIR={OUT / 'baseline-cache'}", PY, "-m", "unspin", *args]


def run(cmd: list[str], timeout: float = 900) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one whole process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    except KeyboardInterrupt:
        proc.kill()
        raise
    return time.perf_counter() - start, usage.ru_maxrss


def median_times(cmds: dict[str, list[str]], rounds: int) -> dict[str, float]:
    """Each command once per round, in turn, so machine noise falls on all alike."""
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(rounds):
        for name, cmd in cmds.items():
            times[name].append(run(cmd)[0])
    return {k: statistics.median(v) for k, v in times.items()}


def harper_cmd(path: Path) -> list[str]:
    code = "import harper,sys; l=harper.Linter(); print(len(l.lint(open(sys.argv[1], encoding='utf-8').read())))"
    return [PY, "-c", code, str(path)]


def peers(path: Path) -> dict[str, list[str]]:
    found = {}
    if shutil.which("codespell"):
        found["codespell"] = ["codespell", str(path)]
    if shutil.which("proselint"):
        found["proselint"] = ["proselint", "check", str(path)]
    try:
        import harper  # noqa: F401

        found["harper-py"] = harper_cmd(path)
    except ImportError:
        pass
    return found


def synthetic_dictionary(entries: int) -> Path:
    """``entries`` made-up phrases whose first words are common English words (so the index
    buckets the matcher consults really grow)."""
    path = OUT / f"synthetic-{entries}.dict"
    if path.exists():
        return path
    rng = random.Random(11)
    firsts = [w for w in corpus_text().lower().split() if w.isalpha() and len(w) > 2][:5000]
    seen, lines = set(), []
    while len(lines) < entries:
        key = f"{rng.choice(firsts)} zq{rng.randrange(10**6)}x"
        if key not in seen:
            seen.add(key)
            lines.append(f"{key} -> replacement{len(lines)}")
    path.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    return path


def long_lines(mb: int) -> int:
    """Peak RSS of ``unspin check`` on one paragraph (no blank line) and on one line of ``mb`` MB."""
    OUT.mkdir(parents=True, exist_ok=True)
    words = " ".join(corpus_text().split())
    print(f"## Memory on long lines ({mb} MB, unspin check -q -j1)\n\n| input | seconds | peak RSS |\n|---|---|---|")
    for label, name, width in (("one paragraph (80-character lines)", "paragraph", 80), ("one line", "line", 0)):
        path = OUT / f"long-{name}-{mb}mb.txt"
        if not path.exists() or path.stat().st_size < mb * 2**20:
            with path.open("w", encoding="utf-8") as fh:
                written = 0
                while written < mb * 2**20:
                    if width:
                        import textwrap

                        block = "\n".join(textwrap.wrap(words, width)) + "\n"
                    else:
                        block = words + " "
                    fh.write(block)
                    written += len(block.encode("utf-8"))
        secs, rss = run(unspin("check", "-q", "-j", "1", str(path)), timeout=7200)
        print(f"| {label} | {secs:.0f} | {rss / 1024:.0f} MiB |")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--gigabyte", action="store_true", help="also measure memory on a 1 GB input (slow)")
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument(
        "--peers", metavar="NAMES", help="only these peers, comma-separated (codespell,proselint,harper-py)"
    )
    ap.add_argument("--baseline", metavar="DIR", help="another checkout (an earlier version) to time alongside")
    ap.add_argument(
        "--long-lines", type=int, metavar="MB", help="only measure memory on one paragraph and one line of MB MB"
    )
    args = ap.parse_args()
    if args.long_lines:
        return long_lines(args.long_lines)
    OUT.mkdir(parents=True, exist_ok=True)
    big, small = build("news-1m.txt", 1_000_000), build("news-100k.txt", 100_000)
    words = len(big.read_text(encoding="utf-8").split())
    one = OUT / "one-line.txt"
    one.write_text("The minister said on Monday that talks would resume next week.\n", encoding="utf-8")
    subprocess.run(
        unspin("check", str(one)), env=dict(os.environ, PYTHONPATH=str(ROOT / "src")), capture_output=True
    )  # build the caches once, as a first run after install does

    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {os.uname().machine}\n")
    cmds = {
        "unspin check": unspin("check", "-q", str(big)),
        "unspin fix": unspin("fix", str(big)),
        "unspin check -j1": unspin("check", "-q", "-j", "1", str(big)),
    }
    if args.baseline:
        src = Path(args.baseline).resolve() / "src"
        subprocess.run(unspin("check", str(one), src=src), capture_output=True)  # its caches too
        cmds["baseline check"] = unspin("check", "-q", str(big), src=src)
        cmds["baseline fix"] = unspin("fix", str(big), src=src)
    if not args.skip_peers:
        wanted = set(args.peers.split(",")) if args.peers else None
        cmds.update((k, v) for k, v in peers(big).items() if wanted is None or k in wanted)
    t = median_times(cmds, args.rounds)
    base = t.get("codespell")
    print(f"## Throughput ({words:,} words, {big.stat().st_size / 1e6:.1f} MB, median of {args.rounds})\n")
    print("| tool | seconds | words/s | ratio to codespell |\n|---|---|---|---|")
    for name, secs in t.items():
        ratio = f"{secs / base:.2f}" if base else "n/a"
        print(f"| {name} | {secs:.2f} | {words / secs:,.0f} | {ratio} |")

    cold = statistics.median(run(unspin("check", str(one)))[0] for _ in range(10))
    print(f"\n## Cold start\n\nunspin check on a one-line file: {cold:.3f} s (median of 10; target 0.15 s)")

    t_small = median_times({"100k": unspin("check", "-q", str(small))}, args.rounds)["100k"]
    t_big = t["unspin check"]
    extra = synthetic_dictionary(18_000)
    t_dict = median_times({"20k": unspin("check", "-q", "-d", str(extra), str(big))}, args.rounds)["20k"]
    print("\n## Scaling\n\n| case | seconds | ratio |\n|---|---|---|")
    print(f"| 100k words | {t_small:.2f} | |\n| 1M words (10x) | {t_big:.2f} | {t_big / t_small:.2f} (target <= 11) |")
    print(f"| 1M words, shipped dictionary | {t_big:.2f} | |")
    print(f"| 1M words, + 18,000 entries | {t_dict:.2f} | {t_dict / t_big:.2f} (target <= 1.10) |")

    sizes = [("10 MB", 10 * 2**20), ("100 MB", 100 * 2**20)] + ([("1 GB", 2**30)] if args.gigabyte else [])
    print("\n## Memory (unspin check, peak RSS)\n\n| input | seconds | peak RSS |\n|---|---|---|")
    for label, size in sizes:
        path = build_bytes(f"mem-{label.replace(' ', '')}.txt", size)
        secs, rss = run(unspin("check", "-q", str(path)), timeout=7200)
        print(f"| {label} | {secs:.1f} | {rss / 1024:.0f} MB |")

    folder = OUT / "many"
    if not folder.exists():
        folder.mkdir()
        paragraphs = [p for p in corpus_text().splitlines() if p.strip()]
        for n in range(1000):
            (folder / f"f{n:04d}.txt").write_text(paragraphs[n % len(paragraphs)] + "\n", encoding="utf-8")
    jobs = os.cpu_count() or 1
    tj = median_times(
        {
            "1": unspin("check", "-q", "-j", "1", str(folder)),
            str(jobs): unspin("check", "-q", "-j", str(jobs), str(folder)),
        },
        args.rounds,
    )
    print("\n## Many files (1,000 one-paragraph files)\n\n| --jobs | seconds |\n|---|---|")
    print(f"| 1 | {tj['1']:.2f} |\n| {jobs} | {tj[str(jobs)]:.2f} (speed-up {tj['1'] / tj[str(jobs)]:.2f}x) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
