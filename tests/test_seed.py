"""The seed article: how many of its spun phrases unspin restores (corpora/seed-expected.tsv)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from seed_coverage import coverage  # noqa: E402


def test_seed_coverage_at_least_85_percent():
    rows = coverage()
    restored = sum(r[3] for r in rows)
    share = restored / len(rows)
    missed = [f"line {n}: {spun!r} -> {fixed!r}" for n, spun, fixed, ok in rows if not ok]
    print(f"seed: {restored}/{len(rows)} restored ({share:.1%}); missed: {missed}")
    assert len(rows) >= 80
    assert share >= 0.85, missed
