"""Doubled words: 'along with with' -> 'along with'; real repeats ('had had') stay.

Glued tokens count as two words here (the reading's virtual words), so 'the thealgorithm' and
'thethe' are doubles too. The edit brings its own space at a glue cut ('the theKremlin' ->
'the Kremlin'); ``resolve`` drops the spacing pass's insertion there as redundant.
"""

from __future__ import annotations

from ..document import Document
from ..model import Edit

#: the rule ids this pass emits (checked against rules/passes.rules as the rules load)
RULES = frozenset({"doubled.word"})


def edits(doc: Document) -> list[Edit]:
    out = []
    for run in doc.reading.doubled:
        first, last = run[0], run[-1]
        replacement = (" " if first.after_cut else "") + first.text + (" " if last.before_cut else "")
        out.append(
            doc.edit(first.start, last.end, replacement, "doubled.word", f"'{first.text}' {len(run)} times in a row")
        )
    return out
