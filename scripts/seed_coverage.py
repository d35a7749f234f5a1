#!/usr/bin/env python3
"""How many of the seed's spun phrases `unspin fix` restores (corpora/seed-expected.tsv).

usage: python scripts/seed_coverage.py [--unsafe] [-v]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from unspin import repair  # noqa: E402


def load_expected(path: Path = ROOT / "corpora" / "seed-expected.tsv"):
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw and not raw.startswith("#"):
            line, spun, fixed = raw.split("\t")
            yield int(line), spun, fixed


def coverage(unsafe: bool = False):
    seed = (ROOT / "seeds" / "kremlin-iran-spun.txt").read_text(encoding="utf-8")
    before, after = seed.splitlines(), repair(seed, unsafe=unsafe).text.splitlines()
    rows = []
    for n, spun, fixed in load_expected():
        assert spun in before[n - 1], f"line {n}: {spun!r} is not in the seed"
        rows.append((n, spun, fixed, fixed in after[n - 1] and (spun in fixed or spun not in after[n - 1])))
    return rows


if __name__ == "__main__":
    rows = coverage(unsafe="--unsafe" in sys.argv)
    hit = sum(r[3] for r in rows)
    if "-v" in sys.argv:
        for n, spun, fixed, ok in rows:
            print(f"{'ok  ' if ok else 'MISS'} {n:>2} {spun!r} -> {fixed!r}")
    print(f"seed: {hit}/{len(rows)} expected repairs restored ({hit / len(rows):.1%})")
