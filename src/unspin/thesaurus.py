"""The inverted thesaurus: what a spun word could have been, and which expressions are fixed.

Tables in ``rules/thesaurus/`` (built from WordNet 3.0 by ``scripts/build_thesaurus.py``):
``neighbours`` maps a word to the common words a spinner could have replaced with it;
``expressions`` lists fixed multiword expressions ('stock market', 'labor union'). Loaded on
first use, since most texts never ask.

Inflection is handled for regular endings only (``-s``, ``-es``, ``-ies``, ``-ed``, ``-ing``):
'supply markets' -> 'stock markets'. A word is looked up as written first, then by its stem.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path


def _folder() -> Path:
    from .loader import rules_dir

    return rules_dir() / "thesaurus"


def _rows(name: str):
    with gzip.open(_folder() / name, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


@lru_cache(maxsize=1)
def neighbours() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Word -> (words it is a synonym of, words it is the generic term of)."""
    return {w: (tuple(syn.split()), tuple(gen.split())) for w, syn, gen in _rows("neighbours.tsv.gz")}


@lru_cache(maxsize=1)
def expressions() -> frozenset[str]:
    """The fixed expressions, as space-joined words ('stock market', 'chief executive officer')."""
    return frozenset(phrase for phrase, _zipf in _rows("expressions.tsv.gz"))


@lru_cache(maxsize=1)
def _seconds() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for phrase in expressions():
        words = phrase.split()
        if len(words) == 2:
            table.setdefault(words[0], set()).add(words[1])
    return {w: frozenset(s) for w, s in table.items()}


def seconds(first: str) -> frozenset[str]:
    """The words that follow ``first`` in a two-word fixed expression."""
    return _seconds().get(first, frozenset())


def is_expression(*words: str) -> bool:
    return " ".join(words) in expressions()


#: (ending as written, ending of the stem): 'markets' -> 'market' + 's'
_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""))


def stems(word: str) -> list[tuple[str, str]]:
    """``(stem, ending)`` readings of ``word``: itself first, then regular inflections."""
    out = [(word, "")]
    for ending, back in _ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < 3 or (ending == "s" and word.endswith("ss")):
            continue
        stem = word[: -len(ending)] + back
        if (
            ending in ("ed", "ing")
            and back == ""
            and len(stem) > 3
            and stem[-1] == stem[-2]
            and stem[-1] not in "aeiosl"
        ):
            stem = stem[:-1]  # 'stopped' -> 'stop'
        out.append((stem, ending))
    return out


def _doubles(stem: str) -> bool:
    """A short consonant-vowel-consonant word doubles its last letter: 'stop' -> 'stopped'."""
    vowels = "aeiou"
    return (
        len(stem) <= 4
        and len(stem) >= 3
        and stem[-1] not in vowels + "wxy"
        and stem[-2] in vowels
        and stem[-3] not in vowels
    )


def inflect(stem: str, ending: str) -> str:
    """Give ``stem`` the regular ending another word had ('market', 's' -> 'markets')."""
    if not ending:
        return stem
    if ending in ("ed", "ing") and _doubles(stem):
        return stem + stem[-1] + ending
    if ending in ("s", "es", "ies"):
        if stem.endswith("y") and stem[-2:-1] not in tuple("aeiou"):
            return stem[:-1] + "ies"
        return stem + ("es" if stem.endswith(("s", "x", "z", "ch", "sh")) else "s")
    if ending in ("ed", "ied"):
        if stem.endswith("e"):
            return stem + "d"
        if stem.endswith("y") and stem[-2:-1] not in tuple("aeiou"):
            return stem[:-1] + "ied"
        return stem + "ed"
    if ending == "ing":
        return (stem[:-1] if stem.endswith("e") and not stem.endswith("ee") else stem) + "ing"
    return stem


def sources(word: str, generic: bool = True) -> list[tuple[str, str]]:
    """``(candidate, stem)`` pairs: the words, inflected like ``word``, that a spinner could
    have replaced with it ('markets' -> [('stocks', 'stock'), ...]); synonyms first, then (with
    ``generic``) the words it is the generic term of."""
    table, out, seen = neighbours(), [], set()
    for stem, ending in stems(word):
        syn, gen = table.get(stem, ((), ()))
        for cand in syn + gen if generic else syn:
            form = inflect(cand, ending)
            if form not in seen and form != word:
                seen.add(form)
                out.append((form, cand))
    return out
