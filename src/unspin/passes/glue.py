"""Where glued tokens split, from both spacing passes, and the word list that results.

Word rules match on these "virtual" words so that 'theveryown' and 'the theKremlin' are seen
as the words a reader sees, and a repair never creates work for a second run.
"""

from __future__ import annotations

import regex

from ..document import Document
from . import spacing, wordbreak

_DOT_JOIN = regex.compile(r"(?<=\p{Ll}{2})\.(?=\p{Lu}\p{Ll})")


def splits(doc: Document) -> dict[int, int]:
    """Token start -> length of its left part, for every token a spacing pass splits."""
    if doc.plain:
        return {}
    out = {start: cut - start for start, cut, _ in wordbreak.number_glues(doc)}  # '2004the' reads '2004 the'
    out.update(wordbreak.glued_splits(doc))
    out.update((start, cut - start) for start, cut in spacing.glued(doc))
    out.update((start, cut - start) for start, cut in spacing.camel_glued(doc))
    return out


def virtual_tokens(doc: Document) -> list[tuple[int, int, str, bool, bool]]:
    """``(start, end, word, starts_at_cut, ends_at_cut)`` for every word, glued ones in two
    ('thealgorithm'), and words joined by a full stop too ('the.Kremlin', which the spacing
    pass will space out)."""
    if "virtual" in doc.memo:
        return doc.memo["virtual"]
    cuts = splits(doc)
    out = []
    for start, end, word in doc.tokens:
        cut = cuts.get(start)
        if not cut and "." not in word:
            out.append((start, end, word, False, False))
            continue
        pieces = (
            [(start, start + cut, False, True), (start + cut, end, True, False)]
            if cut and start + cut < end
            else [(start, end, False, False)]
        )
        for a, b, after_cut, before_cut in pieces:
            dot = _DOT_JOIN.search(doc.text, a, b) if "." in word else None
            if dot:
                out.append((a, dot.start(), doc.text[a : dot.start()], after_cut, False))
                out.append((dot.end(), b, doc.text[dot.end() : b], False, before_cut))
            else:
                out.append((a, b, doc.text[a:b], after_cut, before_cut))
    doc.memo["virtual"] = out
    return out


def spaced_view(doc: Document) -> tuple[str, list[int]]:
    """The text with a space at every cut, and the cuts' positions in that text (sorted).

    Pattern rules run on this view, so 'informedTuesday' reads as 'informed Tuesday'.
    """
    if "spaced" in doc.memo:
        return doc.memo["spaced"]
    cuts = sorted(start + cut for start, cut in splits(doc).items())
    parts, pos, inserted = [], 0, []
    for n, cut in enumerate(cuts):
        parts.append(doc.text[pos:cut])
        inserted.append(cut + n)  # where the added space sits in the view
        parts.append(" ")
        pos = cut
    parts.append(doc.text[pos:])
    doc.memo["spaced"] = ("".join(parts), inserted)
    return doc.memo["spaced"]


def to_view(pos: int, cuts: list[int], after_cut: bool = False) -> int:
    """A position in the original text -> the position in the spaced view, given the cuts (in
    original positions, sorted); a word that starts at a cut starts after the space added there."""
    from bisect import bisect_left, bisect_right

    return pos + (bisect_right(cuts, pos) if after_cut else bisect_left(cuts, pos))


def to_original(pos: int, inserted: list[int]) -> int:
    """A position in the spaced view -> the position in the original text."""
    from bisect import bisect_left

    return pos - bisect_left(inserted, pos)
