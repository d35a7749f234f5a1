"""Spelling: unknown words reported with symspellpy's suggestions (report-only).

Exempt: capitalised words (names: Pezeshkian, Peskov, Ashgabat), abbreviations alone in
brackets ('true positive rate (tpr)'), words the document repeats,
the user's protected words, words with digits, words in symspellpy's list (British spellings
included: manoeuvring, minimise, theatres) and words wordfreq sees once per million or more.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from .. import freq, segment
from ..document import Document
from ..model import Edit
from . import glue


MAX_EDITS = 1
ABBREVIATION = 6  # a word this short alone in brackets is an abbreviation being defined: '(tpr)', '(relu)'
SUGGEST_MIN = 1_000_000  # 22k words: what a slip of the keyboard most likely meant, in little memory


@lru_cache(maxsize=1)
def _speller():
    """symspellpy's checker over its English list, pickled in the cache after the first build."""
    from symspellpy import SymSpell

    # one edit, prefix 5, common words: a few MiB instead of 128 MiB for the whole list at two
    # edits, and the usual slips ('goverment', 'recieve', 'parliment') are one edit away
    sym = SymSpell(max_dictionary_edit_distance=MAX_EDITS, prefix_length=5)
    path = freq._data_file("frequency_dictionary_en_82_765.txt")
    cache = freq.cache_dir() / f"symspell{MAX_EDITS}-{SUGGEST_MIN}-{path.stat().st_size}-{path.stat().st_mtime_ns}.pickle"
    try:
        if cache.is_file() and sym.load_pickle(cache):
            return sym
    except Exception:  # a broken cache only costs a rebuild
        pass
    for word, count in freq.unigrams().items():  # suggestions come from the common words only
        if count >= SUGGEST_MIN:
            sym.create_dictionary_entry(word, count)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        sym.save_pickle(cache)
    except OSError:
        pass
    return sym


def suggest(word: str) -> str | None:
    from symspellpy import Verbosity

    hits = _speller().lookup(word.lower(), Verbosity.CLOSEST, max_edit_distance=MAX_EDITS, include_unknown=False)
    return hits[0].term if hits else None


def edits(doc: Document) -> list[Edit]:
    if not doc.options.wants("spelling.unknown", "spelling"):
        return []
    toks = glue.virtual_tokens(doc)
    counts = Counter(t[2].lower() for t in toks)
    cut = {t[0] for t in toks if t[3]} | {t[1] for t in toks if t[4]}
    out = []
    for start, end, word, _, _ in toks:
        low = word.lower()
        if (len(word) < 3 or not word.isalpha() or not word.islower() or counts[low] > 1
                or word in doc.protected_words or start in cut or end in cut):
            continue
        if len(word) <= ABBREVIATION and doc.text[start - 1:start] == "(" and doc.text[end:end + 1] == ")":
            continue
        if segment.known(low, 1) or low in freq.frequent_lexicon() or segment.explained(low):
            continue
        better = suggest(low)
        if better and better != low:
            out.append(doc.edit(start, end, better, "spelling.unknown", f"'{word}' is not an English word; did you mean '{better}'?"))
    return out
