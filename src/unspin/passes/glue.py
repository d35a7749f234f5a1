"""Where glued tokens split, from both spacing passes, and the word list that results.

Word rules match on these "virtual" words so that 'theveryown' and 'the theKremlin' are seen
as the words a reader sees, and a repair never creates work for a second run.
"""
from __future__ import annotations

from ..document import Document
from . import spacing, wordbreak


def splits(doc: Document) -> dict[int, int]:
    """Token start -> length of its left part, for every token a spacing pass splits."""
    out = dict(wordbreak.glued_splits(doc))
    out.update((start, cut - start) for start, cut in spacing.glued(doc))
    out.update((start, cut - start) for start, cut in spacing.camel_glued(doc))
    return out


def virtual_tokens(doc: Document) -> list[tuple[int, int, str, bool, bool]]:
    """``(start, end, word, starts_at_cut, ends_at_cut)`` for every word, glued ones in two."""
    if "virtual" in doc.memo:
        return doc.memo["virtual"]
    cuts = splits(doc)
    out = []
    for start, end, word in doc.tokens:
        cut = cuts.get(start)
        if cut and start + cut < end:
            out.append((start, start + cut, word[:cut], False, True))
            out.append((start + cut, end, word[cut:], True, False))
        else:
            out.append((start, end, word, False, False))
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


def to_original(pos: int, inserted: list[int]) -> int:
    """A position in the spaced view -> the position in the original text."""
    from bisect import bisect_left
    return pos - bisect_left(inserted, pos)
