#!/usr/bin/env python3
"""What unspin does to every text in the repository, as one JSON file: the repaired text and
every finding, in each mode. Two snapshots compared show whether a refactor changed outputs.

  python scripts/snapshot.py OUT.json            # take a snapshot with this checkout's src/
  python scripts/snapshot.py --compare A.json B.json   # list the texts whose output differs

The texts: the seed and every corpora/*/*.txt (spun, clean, held-out, science, docs).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODES = {
    "default": {},
    "unsafe": {"unsafe": True},
    "spin-on": {"spin": "on"},
    "all-findings": {"all_findings": True},
}


def texts() -> list[Path]:
    return [ROOT / "seeds" / "kremlin-iran-spun.txt", *sorted((ROOT / "corpora").glob("*/*.txt"))]


def take(out: Path) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from unspin import repair

    snap = {}
    for path in texts():
        text = path.read_text(encoding="utf-8")
        for mode, settings in MODES.items():
            result = repair(text, **settings)
            snap[f"{path.relative_to(ROOT)} [{mode}]"] = {
                "text": result.text,
                "findings": [[e.start, e.end, e.replacement, e.rule, e.held] for e in result.findings],
            }
    out.write_text(json.dumps(snap, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(snap)} outputs -> {out}")


def compare(a: Path, b: Path) -> int:
    old, new = json.loads(a.read_text(encoding="utf-8")), json.loads(b.read_text(encoding="utf-8"))
    differ = 0
    for key in sorted(set(old) | set(new)):
        if old.get(key) == new.get(key):
            continue
        differ += 1
        if key not in old or key not in new:
            print(f"{key}: only in {'B' if key not in old else 'A'}")
            continue
        o, n = old[key], new[key]
        texts_differ = " text differs;" if o["text"] != n["text"] else ""
        gone = [f for f in o["findings"] if f not in n["findings"]]
        added = [f for f in n["findings"] if f not in o["findings"]]
        print(f"{key}:{texts_differ} {len(gone)} findings gone, {len(added)} new")
        for f in gone[:5]:
            print(f"   - {f}")
        for f in added[:5]:
            print(f"   + {f}")
    print(f"{differ} of {len(set(old) | set(new))} outputs differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    if args.compare:
        if len(args.paths) != 2:
            parser.error("--compare takes two snapshots")
        return compare(*args.paths)
    take(args.paths[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
