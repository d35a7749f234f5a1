"""The damage gate: which paragraphs are damaged the way PDF extraction damages text.

A paragraph is damaged when a function word is glued to a neighbour ('thealgorithm') or a
word is hyphenated mid-line ('tech-niques'). There two common words run together
('newalgorithms', 'HillClimbing') are read as a glue too. The spinner's glued names
('byGoogle') do not count: spun news is full of brand names ('GridSight') that look just like
two words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from .. import segment
from ..textutil import letters_at

if TYPE_CHECKING:
    from . import Reading

_PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n")


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph after the first starts (after a blank line)."""
    return [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]


def damaged(r: Reading) -> frozenset[int]:
    """The paragraphs (numbered as ``Reading.paragraph`` numbers them) that show the damage."""
    splits, _ = r.glued_sure
    text = r.text
    evidence = [
        start
        for start, cut in splits.items()
        if text[start : start + cut].lower() in segment.FUNCTION
        or letters_at(text, start)[cut:].lower() in segment.FUNCTION
    ]
    evidence += [start for start, _, _ in r.hyphen_breaks]
    return frozenset(r.paragraph(pos) for pos in evidence)
