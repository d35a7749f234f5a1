"""Word breaks: lower-case words run together ('thealgorithm'), numbers run into words
('2004in'), words broken by stray spaces ('Exper iments', 'fur ther'), by a line-end hyphen
('organiza-tion') and letter-spaced words ('p r e d i c t i o n').

Where tokens split and words break is read from the document's reading (``unspin.reading``);
this pass turns those facts into edits, and finds the rarer damage only it repairs.
"""

from __future__ import annotations

from itertools import compress
from operator import attrgetter

import regex

from .. import freq, segment
from ..document import Document
from ..model import Edit
from ..reading import Word
from ..textutil import letters_at

#: the rule ids this pass emits (checked against rules/passes.rules as the rules load)
RULES = frozenset(
    {
        "spacing.broken-word",
        "spacing.glued-acronym",
        "spacing.glued-number",
        "spacing.glued-words",
        "spacing.hyphen-break",
        "spacing.letter-spaced",
        "spacing.misplaced-space",
        "spacing.misplaced-space-words",
    }
)


def _glued(doc: Document) -> list[Edit]:
    out = []
    for start, cut in doc.reading.glued_words.items():
        token = letters_at(doc.text, start)
        out.append(
            doc.edit(
                start + cut,
                start + cut,
                " ",
                "spacing.glued-words",
                f"'{token}' is two words run together: '{token[:cut]} {token[cut:]}'",
            )
        )
    return out


def _digit_glue(doc: Document) -> list[Edit]:
    return [doc.edit(cut, cut, " ", "spacing.glued-number", reason) for _, cut, reason in doc.reading.number_glues]


#: an acronym run into a function word: 'VMand CH', 'NATOof'
_ACRONYM_GLUE = regex.compile(
    r"""(?<![\p{L}\p{N}_@#/.-])
    (\p{Lu}{2,})
    (and|the|of|for|with|from|that|which|was|were|are|is|in|on|to|by|at|as)
    (?![\p{L}\p{N}_@/-])""",
    regex.X,
)


def _acronym_glue(doc: Document) -> list[Edit]:
    out = []
    for m in () if doc.reading.technical else _ACRONYM_GLUE.finditer(doc.text):
        if freq.is_word(m.group()) or m.group() in doc.protected_words:
            continue  # a listed word ('DNAse'), not a glue
        pos = m.start(2)
        out.append(
            doc.edit(
                pos,
                pos,
                " ",
                "spacing.glued-acronym",
                f"'{m.group()}' is the acronym '{m.group(1)}' run into '{m.group(2)}'",
            )
        )
    return out


def _hyphen_edits(doc: Document) -> list[Edit]:
    return [
        doc.edit(
            start, end, word, "spacing.hyphen-break", f"'{doc.text[start:end]}' is '{word}' hyphenated at a line end"
        )
        for start, end, word in doc.reading.hyphen_breaks
    ]


def _broken(doc: Document) -> list[Edit]:
    return [
        doc.edit(start, end, joined, "spacing.broken-word", f"'{doc.text[start:end]}' is one word broken by spaces")
        for start, end, joined in doc.reading.broken_runs
    ]


def _unattested(toks: list[Word], n: int) -> bool:
    """Whether no known word pair backs tokens n, n+1 as written, with each other or with their
    neighbours: 'restriction son imports' has none, 'the year sold well' has 'the year'."""
    a, b = toks[n].text, toks[n + 1].text
    if freq.pair(a, b) or (n and freq.pair(toks[n - 1].text, a)):
        return False
    return not (n + 2 < len(toks) and freq.pair(b, toks[n + 2].text))


#: words this short on both sides of a space are too short to judge a shift by their pairs
SHORT_PIECE = 4


def _shifted(doc: Document) -> list[Edit]:
    """'th einformation' -> 'the information': a space a letter or two from where it belongs.

    Safe when neither piece is a word by itself; when both are ('restriction son': a short
    word that is no function word) and only the word pairs tell them apart, a suggestion.
    """
    reading = doc.reading
    if reading.technical:
        return []
    toks, text, out = reading.words, doc.text, []
    glued, odd = reading.glued_words, reading.odd
    texts = list(map(attrgetter("text"), toks))
    shorts = {t for t in set(texts) if len(t) <= 3 and t.lower() not in segment.FUNCTION}
    short = [n for n in compress(range(len(texts)), map(shorts.__contains__, texts)) if n not in odd]
    pairs = sorted({n for n in odd if n + 1 in odd} | {m for n in short for m in (n - 1, n) if m >= 0})
    for n in pairs:
        if n + 1 >= len(toks):
            continue
        a, b = toks[n], toks[n + 1]
        if text[a.end : b.start] != " " or not (a.text.isalpha() and b.text.isalpha()):
            continue
        if (a.start and text[a.start - 1] in "-'’.") or text[b.end : b.end + 1] in ("-", "'", "’"):
            continue
        if a.start in glued or b.start in glued:
            continue  # 'anda vast' is 'and a vast', a glue
        words = n not in odd, n + 1 not in odd
        if any(words) and not all(words):
            continue  # 'use dconf': a word beside an unknown token is most likely just that
        if all(words) and (len(a.text) < SHORT_PIECE and len(b.text) < SHORT_PIECE or not _unattested(toks, n)):
            continue  # two words that go together, or too short to judge
        moved = segment.shift_space(a.text, b.text, donor_may_be_word=all(words))
        if not moved or (all(words) and freq.pair(*moved) < segment.PAIR_MIN):
            continue  # two words are only re-cut into a frequent pair ('restrictions on')
        rule = "spacing.misplaced-space-words" if all(words) else "spacing.misplaced-space"
        out.append(
            doc.edit(
                a.start,
                b.end,
                " ".join(moved),
                rule,
                f"'{a.text} {b.text}' has its space out of place: '{' '.join(moved)}'",
            )
        )
    return out


_LETTER_RUN = regex.compile(r"(?<![\p{L}\p{N}])\p{L}(?: \p{L}){4,}(?![\p{L}\p{N}])")
#: letter-spaced text must read as words this long on average ('i n t h e' is too short to trust)
LETTER_RUN_WORD = 3.5
#: ... each of them a word seen at least this often
LETTER_RUN_FLOOR = 1_000_000


def _letter_runs(doc: Document) -> list[Edit]:
    out = []
    for m in _LETTER_RUN.finditer(doc.text):
        letters = m.group().replace(" ", "")
        words = segment.segment(letters)
        if (
            not words
            or sum(map(len, words)) / len(words) < LETTER_RUN_WORD
            or any(not segment.known(w.lower(), LETTER_RUN_FLOOR) for w in words)
        ):
            continue
        out.append(
            doc.edit(
                m.start(), m.end(), " ".join(words), "spacing.letter-spaced", f"letter-spaced text: '{' '.join(words)}'"
            )
        )
    return out


def edits(doc: Document) -> list[Edit]:
    return (
        _glued(doc)
        + _digit_glue(doc)
        + _acronym_glue(doc)
        + _broken(doc)
        + _shifted(doc)
        + _letter_runs(doc)
        + _hyphen_edits(doc)
    )
