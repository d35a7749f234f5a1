"""Lost sentence boundaries after a glued name: 'byGoogle He did' -> 'by Google. He did'.

Only a glued name (the spinner's signature) opens the search, so clean text full of names
never gets a stop. The capitalised run after the glue ends at a sentence starter ('He',
'It's', 'The'), or splits before a new subject when a reporting verb follows
('the United Arab Emirates Peskov informed that').
"""

from __future__ import annotations

import regex

from .. import freq
from ..document import Document
from ..model import Edit
from ..textutil import norm

#: the rule ids this pass emits (checked against rules/passes.rules as the rules load)
RULES = frozenset({"boundary.lost-stop"})

_CAP_WORD = regex.compile(r"\p{Lu}[\p{L}'’.-]*")


def _run(doc: Document, first_token: int) -> list[int]:
    """Token indexes of the capitalised run starting at ``first_token`` (single spaces only)."""
    toks, text = doc.reading.words, doc.text
    run = [first_token]
    j = first_token + 1
    while j < len(toks) and text[toks[j - 1].end : toks[j].start] == " " and _CAP_WORD.fullmatch(toks[j].text):
        run.append(j)
        j += 1
    return run


COMMON = 5_000_000  # a capitalised word rarer than this before a surname is taken for a given name


def _subject_start(doc: Document, run: list[int], word: dict[int, str]) -> int | None:
    """Where a new 'Name + reporting verb' clause starts inside the run, if one does.

    The subject is the last word of the run ('Emirates Peskov informed'), or the last two
    when the one before the surname is a rare word (a given name: 'Emirates Dmitry Peskov').
    Known pairs ('Middle East') are never split.
    """
    toks, text = doc.reading.words, doc.text
    after = run[-1] + 1
    if (
        len(run) < 2
        or after >= len(toks)
        or text[toks[run[-1]].end : toks[after].start] != " "
        or norm(toks[after].text) not in doc.rules.classes["reporting"]
    ):
        return None
    j = len(run) - 1
    if j >= 2 and freq.word(word[run[j - 1]]) < COMMON and not freq.pair(word[run[j - 2]], word[run[j - 1]]):
        j -= 1
    if freq.pair(word[run[j - 1]], word[run[j]]):
        return None
    return run[j]


def edits(doc: Document) -> list[Edit]:
    reading, text = doc.reading, doc.text
    toks = reading.words
    starters = doc.rules.classes["starter"]
    out: list[Edit] = []
    for glue in reading.glued_names:
        i = reading.word_at(glue.cut)  # the glued token (the tokenizer keeps it whole)
        if i is None:
            continue
        run = _run(doc, i)
        word = {j: toks[j].text for j in run}
        word[i] = text[glue.cut : toks[i].end]  # the name part of the glued token
        # (1) a sentence starter inside or right after the run: the stop goes before it
        stop_before = next((j for j in run[1:] if norm(toks[j].text) in starters), None)
        if stop_before is None:
            stop_before = _subject_start(doc, run, word)
        if stop_before is None:
            continue
        prev_end = toks[stop_before - 1].end
        if text[prev_end : toks[stop_before].start] == " ":
            out.append(doc.edit(prev_end, prev_end + 1, ". ", "boundary.lost-stop"))
    return out
