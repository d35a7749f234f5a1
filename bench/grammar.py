#!/usr/bin/env python3
"""Harper's findings through unspin: how many survive the name filter, on the seed (spun) and
on clean news (corpora/clean and the corpus originals, where every finding is a false alarm).

usage: python bench/grammar.py   (needs harper-py: pip install 'unspin[harper]')
"""

from __future__ import annotations

import sys
from collections import Counter

from common import ROOT
from unspin.document import Document
from unspin.grammar import harper
from unspin.loader import load
from unspin.model import Options


def measure(texts: list[str]) -> tuple[int, int, Counter]:
    raw = kept = 0
    kinds: Counter = Counter()
    rules = load()
    for text in texts:
        raw += len(harper.linter().lint(text))
        found = harper.edits(Document(text, rules, Options(grammar="harper")))
        kept += len(found)
        kinds.update(e.rule for e in found)
    return raw, kept, kinds


def main() -> int:
    try:
        harper.linter()
    except Exception as exc:  # noqa: BLE001
        print(f"skipped: {exc}")
        return 0
    seed = [(ROOT / "seeds" / "kremlin-iran-spun.txt").read_text(encoding="utf-8")]
    clean = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "clean").glob("*.txt"))]
    clean += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").glob("*/*.orig.txt"))]
    words = {"seed": sum(len(t.split()) for t in seed), "clean": sum(len(t.split()) for t in clean)}
    print("| text | words | Harper lints | kept after the name filter | kept per 1,000 words | kinds kept |")
    print("|---|---|---|---|---|---|")
    for label, texts in (("seed (spun)", seed), ("clean news (26 articles)", clean)):
        raw, kept, kinds = measure(texts)
        w = words["seed" if label.startswith("seed") else "clean"]
        top = ", ".join(f"{k.split(':')[1]} {n}" for k, n in kinds.most_common(5))
        print(f"| {label} | {w} | {raw} | {kept} | {kept / w * 1000:.1f} | {top} |")
    print(
        "\nOn clean news every kept finding is a false alarm; on the seed, read them with "
        "`unspin check --grammar harper seeds/kremlin-iran-spun.txt`."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
