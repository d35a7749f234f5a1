"""The text as a reader sees it: every cut from ``glued`` spaced out, and the words that result.

Word rules match on these "virtual" words so that 'theveryown' and 'the theKremlin' are seen
as the words a reader sees, and a repair never creates work for a second run.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

import regex

from .records import Spaced, Word

if TYPE_CHECKING:
    from . import Reading

_DOT_JOIN = regex.compile(r"(?<=\p{Ll}{2})\.(?=\p{Lu}\p{Ll})")


def cut_facts(r: Reading) -> dict[int, tuple[int, str]]:
    """Token start -> (length of its left part, the fact that splits it), for every token some
    fact splits; where two facts split one token, the later in this order wins."""
    if r.plain:
        return {}
    out = {start: (cut - start, "number_glues") for start, cut, _ in r.number_glues}  # '2004the'
    out.update((start, (cut, "glued_words")) for start, cut in r.glued_words.items())
    out.update((g.start, (g.cut - g.start, "glued_names")) for g in r.glued_names)
    out.update((g.start, (g.cut - g.start, "glued_capitals")) for g in r.glued_capitals)
    return out


def cuts(r: Reading) -> dict[int, int]:
    """Token start -> length of its left part, for every token some fact splits."""
    return {start: cut for start, (cut, _) in r.cut_facts.items()}


def virtual(r: Reading) -> list[Word]:
    """Every word, glued ones in two ('thealgorithm'), and words joined by a full stop too
    ('the.Kremlin', which the spacing pass will space out)."""
    cut_at, text, words = r.cuts, r.text, r.words
    # only a word with a cut or a full stop in it may read as two: the others are copied as runs
    special = (
        [i for i, w in enumerate(words) if w.start in cut_at or "." in w.text]
        if cut_at
        else [i for i, w in enumerate(words) if "." in w.text]
    )
    if not special:
        return words
    out: list[Word] = []
    copied = 0
    for i in special:
        out.extend(words[copied:i])
        copied = i + 1
        start, end, word = words[i].start, words[i].end, words[i].text
        cut = cut_at.get(start)
        pieces = (
            [(start, start + cut, False, True), (start + cut, end, True, False)]
            if cut and start + cut < end
            else [(start, end, False, False)]
        )
        for a, b, after_cut, before_cut in pieces:
            dot = _DOT_JOIN.search(text, a, b) if "." in word else None
            if dot:
                out.append(Word(a, dot.start(), text[a : dot.start()], after_cut, False))
                out.append(Word(dot.end(), b, text[dot.end() : b], False, before_cut))
            else:
                out.append(Word(a, b, text[a:b], after_cut, before_cut))
    out.extend(words[copied:])
    return out


def spaced(r: Reading) -> Spaced:
    """The text with a space at every cut, and the cuts' positions in that text (sorted)."""
    positions = sorted(start + cut for start, cut in r.cuts.items())
    parts, pos, inserted = [], 0, []
    for n, cut in enumerate(positions):
        parts.append(r.text[pos:cut])
        inserted.append(cut + n)  # where the added space sits in the view
        parts.append(" ")
        pos = cut
    parts.append(r.text[pos:])
    return Spaced("".join(parts), inserted)


def to_view(pos: int, cuts: list[int], after_cut: bool = False) -> int:
    """A position in the original text -> the position in the spaced view, given the cuts (in
    original positions, sorted); a word that starts at a cut starts after the space added there."""
    return pos + (bisect_right(cuts, pos) if after_cut else bisect_left(cuts, pos))


def to_original(pos: int, inserted: list[int]) -> int:
    """A position in the spaced view -> the position in the original text."""
    return pos - bisect_left(inserted, pos)


_WORD = regex.compile(r"\p{L}+")
_GAP = regex.compile(r" ")  # one space: wider gaps are table columns ('never   never')


def doubled(r: Reading) -> list[list[Word]]:
    """Runs of the same word repeated, as lists of virtual words: 'with with', 'thethe' (the two
    halves of a glued token), 'the theKremlin'; real repeats ('had had') are not runs."""
    allowed = r.classes["doubled-ok"]
    text, words, lowered = r.text, r.virtual, r.virtual_lower
    out: list[list[Word]] = []
    run: list[Word] = []
    # a word can only continue a run where it repeats the word before it (in lower case): the
    # rare places tried one by one
    for i in [i for i in range(1, len(words)) if lowered[i] == lowered[i - 1]]:
        prev, w = words[i - 1], words[i]
        if not (run and run[-1] is prev):  # a new run may start at the word before
            if len(run) > 1:
                out.append(run)
            run = [prev] if (prev.text.islower() or prev.text.istitle()) and lowered[i - 1] not in allowed else []
            if not run:
                continue
        joined = prev.end == w.start and prev.before_cut  # the two halves of a glued token
        spaced = _GAP.fullmatch(text, prev.end, w.start) is not None
        if (joined or spaced) and w.text == run[0].text.lower() and _WORD.fullmatch(w.text):
            run.append(w)
        else:
            if len(run) > 1:
                out.append(run)
            run = []
    if len(run) > 1:
        out.append(run)
    return out
