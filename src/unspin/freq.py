"""English word and word-pair frequencies, from the lists symspellpy ships, loaded on first use."""
from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path


def _data_file(name: str) -> Path:
    spec = find_spec("symspellpy")
    if spec is None or not spec.origin:
        raise RuntimeError("symspellpy is not installed; it carries unspin's word-frequency lists")
    return Path(spec.origin).parent / name


@lru_cache(maxsize=1)
def unigrams() -> dict[str, int]:
    table: dict[str, int] = {}
    with _data_file("frequency_dictionary_en_82_765.txt").open(encoding="utf-8") as fh:
        for line in fh:
            word, _, count = line.rstrip("\n").partition(" ")
            table[word] = int(count)
    return table


@lru_cache(maxsize=1)
def bigrams() -> dict[str, int]:
    table: dict[str, int] = {}
    with _data_file("frequency_bigramdictionary_en_243_342.txt").open(encoding="utf-8") as fh:
        for line in fh:
            a, b, count = line.split()
            table[f"{a} {b}"] = int(count)
    return table


def word(w: str) -> int:
    return unigrams().get(w.lower().replace("’", "'"), 0)


def pair(a: str, b: str) -> int:
    return bigrams().get(f"{a.lower()} {b.lower()}", 0)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """wordfreq's large English list (321k words, web + books + subtitles): what counts as a word.

    It knows rare real words the symspellpy list lacks ('treebank', 'accessor'); it also
    lists common typos ('ofthe'), so it vetoes splits of content words only.
    """
    from wordfreq import get_frequency_dict
    return get_frequency_dict("en", "large")


def is_word(w: str) -> bool:
    return w.lower().replace("’", "'") in lexicon()
