"""Tokens run together: a word glued to a name ('byGoogle'), two capitalised words in a damaged
paragraph ('HillClimbing'), lower-case words ('thealgorithm') and numbers ('2004in').

Each function reads the ``Reading`` it is given and returns plain data; the reading caches it.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import compress
from operator import attrgetter, methodcaller, ne
from typing import TYPE_CHECKING

import regex

from .. import freq, segment
from ..textutil import letters_at
from ..wordlists import alternation
from .records import Glue

if TYPE_CHECKING:
    from . import Reading

#: a lower-case word run into a capitalised one: byGoogle, theUnited, largerMiddle, theUS
GLUED_RE = regex.compile(
    r"""(?<![\p{L}\p{N}_@#/\\.'’-])          # not inside a longer token, a path or a handle
    (\p{Lu}?\p{Ll}+)                        # the word: 'by', 'the', 'larger'
    (\p{Lu}(?:\p{Ll}+|\p{Lu}+))             # the name: 'Google', 'US'
    (?:(['’]s)\b)?                          # its possessive
    (?![\p{L}\p{N}_@(=/\\]|\.\p{L})         # and no identifier or dotted name after it
    """,
    regex.X,
)
#: the left part of a glued name must be a common word (wordfreq count), not a prefix like 'i' or 'e'
MIN_LEFT_FREQ = 2_000_000
#: ... and the name after it a word this common, unless written in capitals ('theUS')
MIN_RIGHT_FREQ = 100_000


@lru_cache(maxsize=4096)
def _name_cut(token: str, function_words: frozenset[str]) -> int:
    """Where to split a word glued to a name (0: leave it)."""
    m = GLUED_RE.fullmatch(token)
    if not m:
        return 0
    left, right = m.group(1), m.group(2)
    if freq.word(token.replace("’", "'")) or freq.word(left + right):
        return 0  # the joined form is itself a word
    if left[0].isupper():  # 'CoolerMaster', 'DeepMind': capitalised camel case is a brand or a name
        return 0
    if left in function_words:
        return len(left)
    if len(left) < 3 or freq.word(left) < MIN_LEFT_FREQ:
        return 0
    if right.isupper() or freq.word(right) >= MIN_RIGHT_FREQ:
        return len(left)
    return 0


_TRANSITION = regex.compile(r"\p{Ll}\p{Lu}")


def candidates(r: Reading) -> list[regex.Match]:
    """Every word run into a capitalised one: what ``names`` and ``capitals`` choose from.

    The same matches as ``GLUED_RE.finditer``, found faster: a match starts a run of letters
    that holds a lower-case letter followed by a capital, which prose rarely has, so only
    those runs are tried."""
    if r.technical:  # in text about software, 'readFile', 'notBefore' and 'libCURL' are identifiers
        return []
    text, out, scanned = r.text, [], 0
    for t in _TRANSITION.finditer(text):
        if t.start() < scanned:
            continue  # a second capital in a run already tried ('theUnitedStates')
        start = t.start()
        while start > scanned and text[start - 1].isalpha():
            start -= 1  # back to the start of the run (never past the last run tried: linear)
        scanned = t.end() + len(letters_at(text, t.end()))
        m = GLUED_RE.match(text, start)
        if m:
            out.append(m)
            scanned = max(scanned, m.end())
    return out


def names(r: Reading) -> list[Glue]:
    """A lower-case word run into a name: 'byGoogle', 'theUnited Arab Emirates'."""
    function_words = r.classes["function"]
    out = []
    for m in r.glue_candidates:
        if m.group(1)[0].isupper():
            continue  # 'CoolerMaster', 'DeepMind': see capitals()
        token = m.group(0)
        if token in r.protected_words or m.group(1) + m.group(2) in r.protected_words:
            continue
        cut = _name_cut(token, function_words)
        if cut:
            out.append(Glue(m.start(), m.start() + cut, m.end()))
    return out


def capitals(r: Reading) -> list[Glue]:
    """Two capitalised words run together ('HillClimbing', 'InProceedings'), read as two only in a
    paragraph with PDF-style damage: elsewhere that is how brands and names look ('PowerPoint')."""
    out = []
    for m in r.glue_candidates:
        left, right = m.group(1), m.group(2)
        if not left[0].isupper() or right.isupper() or m.group(0) in r.protected_words:
            continue
        if freq.is_word(left + right) or not r.damaged_at(m.start()):
            continue
        if r.counts[left + right] > 1:
            continue  # written so more than once ('GridSight'): a name
        if (left.lower() in segment.FUNCTION and freq.zipf(right) >= segment.DAMAGED_ZIPF) or (
            len(left) >= 4 and len(right) >= 4 and min(freq.zipf(left), freq.zipf(right)) >= segment.DAMAGED_ZIPF
        ):
            out.append(Glue(m.start(), m.start() + len(left), m.end()))
    return out


# a lower-case token: it starts after space or an opener, or after punctuation the spacing pass
# will space out, and it is not part of an identifier, a path or a dotted name
_LOWER_TOKEN = regex.compile(
    r"""(?:
        (?<=^|[\s(\[“‘"])                       # after space or an opener
      | (?<=\s')|(?<=^')                        # after a quote mark
      | (?<=\p{Ll}{2}["”’)]?[,;])               # after 'word,' ('Friday,and')
      | (?<=[,;][\ \t]*[,;])
      | (?<=\p{Ll}{2}["”’)]?[:?!.])(?=\p{Lu})   # after a stop run into the next sentence
    )
    (\p{Lu}?\p{Ll}+)
    (?![\p{L}\p{N}_@/\\'’(-]|\.(?!\p{Lu}\p{Ll})\p{L})
    """,
    regex.M | regex.X,
)
#: a determiner right before a token: 'the todo list' (a noun follows it, never 'to do')
_DETERMINER_BEFORE = regex.compile(rf"\b{alternation('determiner', 'quantifier')}\s+$", regex.I)
#: a token this long or longer that is no word is looked at again in a damaged paragraph
UNSURE_LENGTH = 6


_GROUP_1 = methodcaller("group", 1)
_TEXT = attrgetter("text")


def _quiet(token: str, counts: Counter[str], protected: frozenset[str]) -> bool:
    """Whether no occurrence of ``token`` can be split or looked at again (most words)."""
    if token in protected:
        return True
    low = token.lower()
    repeated = counts[low] > 1
    for midsentence in (False, True) if token[0].isupper() else (False,):
        cut = segment.split_glued(token, midsentence=midsentence)
        if cut:
            if not repeated or low[:cut] in segment.GLUE_WORDS:
                return False
        elif not repeated and len(token) >= UNSURE_LENGTH and not segment.known(low, 1):
            return False
    return True


def sure(r: Reading) -> tuple[dict[int, int], list[tuple[int, str, bool]]]:
    """The splits the frequencies alone settle, and the tokens left for a second look."""
    splits: dict[int, int] = {}
    unsure: list[tuple[int, str, bool]] = []
    if r.technical:  # 'lockfile', 'todo', 'superproject': software writes them solid
        return splits, unsure
    text = r.text
    # how often each token recurs, not counting a direct repeat ('thethe thethe' is one accident)
    lowered = list(map(str.lower, map(_TEXT, r.words)))
    counts = Counter(compress(lowered, map(ne, lowered, [None, *lowered[:-1]])))
    # each token is settled once for all its occurrences, and the (few) occurrences of tokens
    # that are not quiet are picked out in C: no Python runs for the common word
    matches = list(_LOWER_TOKEN.finditer(text))
    tokens = list(map(_GROUP_1, matches))
    loud = {t for t in set(tokens) if not _quiet(t, counts, r.protected_words)}
    for m in compress(matches, map(loud.__contains__, tokens)):
        token = m.group(1)
        # a capitalised word mid-sentence is likely a name: only 'Proceedingsof' splits
        midsentence = token[0].isupper() and not r.sentence_start(m.start())
        low = token.lower()
        repeated = counts[low] > 1
        cut = segment.split_glued(token, midsentence=midsentence)
        if cut and low[:cut] == "to" and _DETERMINER_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # 'the todo list': a noun after an article, never 'the to do'
        if cut and repeated and low[:cut] not in segment.GLUE_WORDS:
            continue  # written the same way more than once ('polkit'): a term, unless it starts 'the...'
        if cut:
            splits[m.start()] = cut
        elif not repeated and len(token) >= UNSURE_LENGTH and not segment.known(low, 1):
            unsure.append((m.start(), token, midsentence))
    # the outer pieces of a hyphenated word ('finite-statecomposition', 'distinguishingparts-of')
    for start, _, word, _, _ in r.hyphenated:
        if segment.known(word.replace("-", "").lower()):
            continue  # 'In-ternational': a word hyphenated at a line end, not a glue
        pieces = word.split("-")
        for token, at in ((pieces[0], start), (pieces[-1], start + len(word) - len(pieces[-1]))):
            if (
                len(token) >= UNSURE_LENGTH
                and token.isalpha()
                and token.islower()
                and counts[token] <= 1
                and token not in r.protected_words
            ):
                unsure.append((at, token, False))
    return splits, unsure


def words(r: Reading) -> dict[int, int]:
    """The sure splits, and the unsure tokens split where their paragraph is damaged."""
    found, unsure = r.glued_sure
    splits = dict(found)
    for start, token, midsentence in unsure:
        if r.damaged_at(start):
            cut = segment.split_glued(token, damaged=True, midsentence=midsentence)
            if cut:
                splits[start] = cut
    return splits


_DIGIT_GLUE = regex.compile(r"(?<![\p{L}\p{N}.,:/#@_-])(\d+)(\p{Lu}\p{Ll}+|\p{Ll}{2,})(?![\p{L}\p{N}_@/-])")
#: a word run into the number after it: 'September30', 'of18th', 'in2004'
_WORD_NUMBER = r"""({month}|of|in|on|at|by|for|from|since|until|to|and)
    (?=\d{{2,}}(?:st|nd|rd|th)?\b|\d(?:st|nd|rd|th)\b)"""
#: a decimal run into a word: '0.76umcp' in a flattened table
_DECIMAL_WORD = regex.compile(r"(?<![\p{L}\p{N}.,_-])\d+\.\d+(?=(\p{L}[\p{L}\p{N}]*)(?![\p{L}\p{N}.,_-]))")


@lru_cache(maxsize=4)
def _word_number(months: frozenset[str]) -> regex.Pattern:
    # ('May' is the modal verb as often as the month: 'May30' is left alone)
    return regex.compile(_WORD_NUMBER.format(month="|".join(sorted(months - {"May"}))), regex.X)


def numbers(r: Reading) -> list[tuple[int, int, str]]:
    """``(token_start, cut, reason)`` for '2004in', '15That', 'September30', '0.76umcp': a number
    run into a word (never a unit, an ordinal, a decade or a version mark)."""
    out: list[tuple[int, int, str]] = []
    units = r.classes["unit"]
    for m in _DIGIT_GLUE.finditer(r.text):
        word = m.group(2)
        low = word.lower()
        if low in units or word in r.protected_words:
            continue
        if low in segment.GLUE_WORDS or (word[0].isupper() and low in r.classes["starter"]):
            out.append((m.start(), m.start(2), f"'{m.group()}' is a number run into '{word}'"))
    if r.technical:
        return out  # 'in2', 'v1.2rc1': identifiers and versions
    text = r.text
    word_number = _word_number(r.classes["month"])
    for start, end, token, _, _ in r.words:
        if not token.isalpha() and token[0].isalpha():  # letters, then digits somewhere
            # the token, or its part after a sentence run into it ('over.September30')
            for at in [start] + [
                start + i + 1 for i, ch in enumerate(token) if ch == "." and _sentence_glue(text, start + i + 1)
            ]:
                hit = word_number.match(text, at, end)
                if hit and (at == 0 or text[at - 1] not in "_@#/.-" or at != start):
                    out.append((at, hit.end(), f"'{hit.group()}' is run into the number after it"))
                    break
    versions = r.classes["version-mark"]
    for m in _DECIMAL_WORD.finditer(text):
        word = m.group(1)
        if word.lower() in units or word.lower().rstrip("0123456789") in versions:
            continue
        # only where the word also stands alone in the text: a table's row label, not a unit
        if r.counts[word]:
            out.append(
                (
                    m.start(),
                    m.end(),
                    f"'{m.group()}{word}' is a number run into '{word}', a word found on its own elsewhere",
                )
            )
    return out


def _sentence_glue(text: str, start: int) -> bool:
    """'over.September30': the dot before the token ends a sentence run into the next (the
    after-punct rule spaces it in the same run), not a dotted name."""
    return (
        text[start - 1] == "."
        and start >= 3
        and text[start - 3 : start - 1].isalpha()
        and text[start - 3 : start - 1].islower()
        and text[start : start + 2].istitle()
    )
