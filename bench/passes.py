#!/usr/bin/env python3
"""Where the time of one repair goes: each fact of the reading and each pass, timed in process.

  python bench/passes.py [FILE] [--chunk CHARS]

The reading's facts are timed first (each on first use, in dependency order), then every pass
on the same document, then the second reading and the resolution as the engine runs them.
FILE defaults to bench/out/news-100k.txt (built by bench/speed.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from unspin import engine, evidence, loader, passes  # noqa: E402
from unspin.document import Document  # noqa: E402

FACTS = ["words", "technical", "glue_candidates", "hyphenated", "hyphen_breaks", "glued_sure", "damaged",
         "glued_names", "glued_capitals", "glued_words", "number_glues", "odd", "broken_runs", "cuts",
         "virtual", "virtual_norms", "virtual_lower", "spaced", "doubled"]  # fmt: skip


def _protected(protection, start: int, end: int) -> bool:
    return bool(protection.hit(start, end))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(ROOT / "bench" / "out" / "news-100k.txt"))
    parser.add_argument("--chunk", type=int, default=0, help="repair in pieces of about this many characters")
    args = parser.parse_args()
    text = Path(args.file).read_text(encoding="utf-8")
    rules = loader.load()
    pieces = [text]
    if args.chunk:
        pieces, at = [], 0
        while at < len(text):
            end = text.find("\n", at + args.chunk)
            end = len(text) if end < 0 else end + 1
            pieces.append(text[at:end])
            at = end
    times: Counter[str] = Counter()
    total = time.perf_counter()
    for piece in pieces:
        doc = Document(piece, rules)
        t = time.perf_counter()
        _ = doc.protection
        times["fact protection"] += time.perf_counter() - t
        for name in FACTS:
            t = time.perf_counter()
            getattr(doc.reading, name)
            times[f"fact {name}"] += time.perf_counter() - t
        found = []
        for run in passes.PASSES:
            t = time.perf_counter()
            found += run(doc)
            times[f"pass {run.__module__.rsplit('.', 1)[-1]}"] += time.perf_counter() - t
        t = time.perf_counter()
        doc.spin = evidence.assess(piece, found, partial(_protected, doc.protection), "auto")
        times["evidence"] += time.perf_counter() - t
        for run in passes.SPIN_PASSES:
            t = time.perf_counter()
            found += run(doc)
            times[f"pass {run.__module__.rsplit('.', 1)[-1]} (spin)"] += time.perf_counter() - t
        t = time.perf_counter()
        applied, _ = engine.resolve(found, doc.protection, rules, doc.options, doc.spin)
        times["resolve"] += time.perf_counter() - t
        t = time.perf_counter()
        engine._complete(piece, applied, rules, doc.options, doc)
        times["second reading"] += time.perf_counter() - t
    total = time.perf_counter() - total
    words = len(text.split())
    print(f"{words:,} words in {total:.2f} s ({words / total:,.0f} words/s), {len(pieces)} piece(s)")
    for name, seconds in times.most_common():
        print(f"{seconds:7.3f} s {100 * seconds / total:5.1f}%  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
