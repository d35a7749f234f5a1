"""Doubled words: 'along with with' -> 'along with'; real repeats ('had had') stay.

Glued tokens count as two words here, so 'the thealgorithm' and 'thethe' are doubles too;
the word-break pass leaves those cuts to this pass.
"""

from __future__ import annotations

import regex

from ..document import Document
from ..model import Edit
from . import glue

#: the rule ids this pass emits (checked against rules/passes.rules as the rules load)
RULES = frozenset({"doubled.word"})

_WORD = regex.compile(r"\p{L}+")
_GAP = regex.compile(r" ")  # one space: wider gaps are table columns ('never   never')


def owned_cuts(doc: Document) -> set[int]:
    """Glue cuts at the edge of a repeated word: this pass rewrites them, the spacing passes must not."""
    return {cut for run in runs(doc) for w in run for cut, at_cut in ((w[0], w[3]), (w[1], w[4])) if at_cut}


def runs(doc: Document):
    """Runs of the same word repeated, as lists of virtual words (shared with wordbreak)."""
    if "doubled" in doc.memo:
        return doc.memo["doubled"]
    allowed = doc.rules.classes["doubled-ok"]
    text, out, run = doc.text, [], []
    for w in glue.virtual_tokens(doc):
        if run:
            prev = run[-1]
            joined = prev[1] == w[0] and prev[4]  # the two halves of a glued token
            spaced = _GAP.fullmatch(text, prev[1], w[0]) is not None
            if (joined or spaced) and w[2] == run[0][2].lower() and _WORD.fullmatch(w[2]):
                run.append(w)
                continue
            if len(run) > 1:
                out.append(run)
        run = [w] if (w[2].islower() or w[2].istitle()) and w[2].lower() not in allowed else []
    if len(run) > 1:
        out.append(run)
    doc.memo["doubled"] = out
    return out


def edits(doc: Document) -> list[Edit]:
    out = []
    for run in runs(doc):
        first, last = run[0], run[-1]
        replacement = (" " if first[3] else "") + first[2] + (" " if last[4] else "")
        out.append(doc.edit(first[0], last[1], replacement, "doubled.word", f"'{first[2]}' {len(run)} times in a row"))
    return out
