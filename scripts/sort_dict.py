#!/usr/bin/env python3
"""Sort the entries of unspin .dict files in place (each entry keeps its indented lines).

usage: python scripts/sort_dict.py rules/phrases/news.dict [...]
Comment and % lines before the first entry stay at the top.
"""

import sys
from pathlib import Path


def sort_file(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    header, entries = [], []
    for line in lines:
        if not line.strip():
            continue
        if line[0].isspace() and entries:
            entries[-1].append(line)
        elif line.startswith(("#", "%")) and not entries:
            header.append(line)
        elif line.startswith("#"):
            entries[-1].append(line) if entries else header.append(line)
        else:
            entries.append([line])
    entries.sort(key=lambda e: e[0].split(" -> ")[0].lower())
    path.write_text("\n".join(header + [x for e in entries for x in e]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for name in sys.argv[1:]:
        sort_file(Path(name))
