"""Shared helpers for the measurement scripts: paths, data loading, word alignment, WER."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))


def shared(*parts: str) -> Path | None:
    """A path under ../shared/data, or None (with a note) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        print(f"(skipped: {path} is absent; it sits beside a development checkout only)")
        return None
    return path


def detokenize(line: str) -> str:
    """Undo Moses tokenization ('don 't', ' , ', '@-@') the way the MLQE-PE data needs."""
    from sacremoses import MosesDetokenizer

    return MosesDetokenizer("en").detokenize(line.split())


def edit_distance(a: list[str], b: list[str]) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y))
        prev = cur
    return prev[-1]


def wer(hyp_lines: list[str], ref_lines: list[str]) -> float:
    errors = sum(edit_distance(h.split(), r.split()) for h, r in zip(hyp_lines, ref_lines))
    return errors / max(1, sum(len(r.split()) for r in ref_lines))


def changed_positions(a: list[str], b: list[str]) -> set[int]:
    """Indexes of words of ``a`` that an alignment with ``b`` does not keep."""
    kept = set()
    for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        kept.update(range(block.a, block.a + block.size))
    return set(range(len(a))) - kept


def changed_words(before: str, after: str) -> int:
    """Words of ``before`` that ``after`` changed (substituted or deleted), plus insertions."""
    a, b = before.split(), after.split()
    return max(len(changed_positions(a, b)), len(changed_positions(b, a)))
