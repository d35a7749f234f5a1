"""English word and word-pair frequencies, from the lists symspellpy ships, loaded on first use."""

from __future__ import annotations

import zlib
from array import array
from bisect import bisect_left
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from . import cache


def _data_file(name: str) -> Path:
    spec = find_spec("symspellpy")
    if spec is None or not spec.origin:
        raise RuntimeError("symspellpy is not installed; it carries unspin's word-frequency lists")
    return Path(spec.origin).parent / name


def cache_dir() -> Path:
    """unspin's cache folder (compiled rules and frequency tables); UNSPIN_CACHE_DIR overrides."""
    return cache.folder()


def _pack(table) -> bytes:
    """A table as plain bytes: raw bytes as they are; words, then their counts as an array."""
    if isinstance(table, bytes):
        return b"B" + table
    if isinstance(table, frozenset):
        return b"S" + "\n".join(sorted(table)).encode("utf-8")
    words = "\n".join(table).encode("utf-8")
    return b"D" + len(words).to_bytes(8, "little") + words + array("Q", table.values()).tobytes()


def _unpack(data: bytes):
    kind, body = data[:1], memoryview(data)[1:]  # a view: large tables are not copied again
    if kind == b"B":
        return body
    if kind == b"S":
        return frozenset(str(body, "utf-8").split("\n")) if body else frozenset()
    if kind == b"D":
        n = int.from_bytes(body[:8], "little")
        words = str(body[8 : 8 + n], "utf-8").split("\n") if n else []
        counts = array("Q")
        counts.frombytes(body[8 + n :])
        if len(counts) != len(words):
            raise ValueError("word and count lists differ in length")
        return dict(zip(words, counts))
    raise ValueError("unknown table kind")


def _cached(name: str, source: Path, build):
    """``build()``'s table, kept in the cache as plain bytes, keyed by the source's content."""
    try:
        key = cache.key(name, source.read_bytes())
    except OSError:
        return build()
    data = cache.read(name, key)
    if data is not None:
        try:
            return _unpack(data)
        except (ValueError, UnicodeDecodeError):
            pass  # damaged: rebuilt below
    table = build()
    cache.write(name, key, _pack(table))
    return table


def _read_counts(path: Path, words: int) -> dict[str, int]:
    table: dict[str, int] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == words + 1:
                table[" ".join(parts[:words])] = int(parts[words])
    return table


@lru_cache(maxsize=1)
def unigrams() -> dict[str, int]:
    path = _data_file("frequency_dictionary_en_82_765.txt")
    return _cached("unigrams", path, lambda: _read_counts(path, 1))


class CompactCounts:
    """A large string -> count table kept as two sorted arrays of CRC-32 keys and counts.

    About 12 bytes an entry instead of about 120 for a dict: the word-pair and lexicon tables
    stay a few MiB. A CRC collision can make an unknown key look known; at these sizes the
    chance is below 1 in 10,000 per lookup, and the tables only inform heuristics.
    """

    def __init__(self, data: bytes | memoryview):
        data = memoryview(data)
        keys, counts = data[: len(data) // 3], data[len(data) // 3 :]
        self.keys, self.counts = array("I"), array("Q")
        self.keys.frombytes(keys)
        self.counts.frombytes(counts)

    @staticmethod
    def build(table: dict[str, int]) -> bytes:
        merged: dict[int, int] = {}
        for key, count in table.items():
            h = zlib.crc32(key.encode("utf-8"))
            merged[h] = max(count, merged.get(h, 0))
        order = sorted(merged)
        return array("I", order).tobytes() + array("Q", (merged[h] for h in order)).tobytes()

    def get(self, key: str, default: int = 0) -> int:
        h = zlib.crc32(key.encode("utf-8"))
        i = bisect_left(self.keys, h)
        return self.counts[i] if i < len(self.keys) and self.keys[i] == h else default

    def __contains__(self, key: str) -> bool:
        return self.get(key) > 0


@lru_cache(maxsize=1)
def bigrams() -> CompactCounts:
    path = _data_file("frequency_bigramdictionary_en_243_342.txt")
    return CompactCounts(_cached("bigrams-compact", path, lambda: CompactCounts.build(_read_counts(path, 2))))


@lru_cache(maxsize=1)
def common() -> frozenset[str]:
    """Words seen a million times or more (22k): enough to settle most tokens without the full table."""
    path = _data_file("frequency_dictionary_en_82_765.txt")
    return _cached("common", path, lambda: frozenset(w for w, c in unigrams().items() if c >= COMMON_COUNT))


COMMON_COUNT = 1_000_000


def word(w: str) -> int:
    return unigrams().get(w.lower().replace("’", "'"), 0)


def pair(a: str, b: str) -> int:
    return bigrams().get(f"{a.lower()} {b.lower()}", 0)


@lru_cache(maxsize=1)
def lexicon() -> CompactCounts:
    """wordfreq's large English list (321k words, web + books + subtitles): what counts as a
    word, kept as Zipf frequency x 100 (1 = seen about once in 10^8 words, 700 = 'the').

    It knows rare real words the symspellpy list lacks ('treebank', 'accessor'); it also
    lists common typos ('ofthe'), so it vetoes splits of content words only.
    """
    import math

    import wordfreq

    source = Path(wordfreq.__file__).parent / "data" / "large_en.msgpack.gz"
    return CompactCounts(
        _cached(
            "lexicon-zipf",
            source if source.exists() else Path(wordfreq.__file__),
            lambda: CompactCounts.build(
                {
                    w: max(1, round(100 * (math.log10(f) + 9)))
                    for w, f in wordfreq.get_frequency_dict("en", "large").items()
                }
            ),
        )
    )


@lru_cache(maxsize=1)
def frequent_lexicon() -> frozenset[str]:
    """wordfreq words seen once per million words or more (Zipf >= 3): common typos such as
    'goverment' and 'recieve' fall below it, real words rarely do."""
    import wordfreq

    source = Path(wordfreq.__file__).parent / "data" / "large_en.msgpack.gz"
    return _cached(
        "frequent-lexicon",
        source if source.exists() else Path(wordfreq.__file__),
        lambda: frozenset(w for w, f in wordfreq.get_frequency_dict("en", "large").items() if f >= 1e-6),
    )


def is_word(w: str) -> bool:
    return w.lower().replace("’", "'") in lexicon()


def zipf(w: str) -> float:
    """wordfreq's Zipf frequency (log10 of uses per 10^9 words; 0 = not listed): 'the' 7.7,
    'algorithm' 4.0, 'latent' 3.3, 'scoping' 2.8."""
    return lexicon().get(w.lower().replace("’", "'")) / 100
