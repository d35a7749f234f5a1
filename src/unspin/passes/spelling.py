"""Spelling: unknown words reported with symspellpy's suggestions (report-only).

Exempt: capitalised words (names: Pezeshkian, Peskov, Ashgabat), abbreviations alone in
brackets ('true positive rate (tpr)'), words the document repeats,
the user's protected words, words with digits, words in symspellpy's list (British spellings
included: manoeuvring, minimise, theatres) and words wordfreq sees once per million or more.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from itertools import compress
from operator import attrgetter

from .. import cache, freq, segment
from ..document import Document
from ..model import Edit

#: the rule ids this pass emits (checked against rules/passes.rules as the rules load)
RULES = frozenset({"spelling.unknown"})

MAX_EDITS = 1
ABBREVIATION = 6  # a word this short alone in brackets is an abbreviation being defined: '(tpr)', '(relu)'
SUGGEST_MIN = 1_000_000  # 22k words: what a slip of the keyboard most likely meant, in little memory


@lru_cache(maxsize=1)
def _speller():
    """symspellpy's checker over its English list; its tables are cached as plain JSON."""
    from collections import defaultdict

    from symspellpy import SymSpell

    # one edit, prefix 5, common words: a few MiB instead of 128 MiB for the whole list at two
    # edits, and the usual slips ('goverment', 'recieve', 'parliment') are one edit away
    sym = SymSpell(max_dictionary_edit_distance=MAX_EDITS, prefix_length=5)
    path = freq._data_file("frequency_dictionary_en_82_765.txt")
    try:
        key = cache.key("symspell", str(MAX_EDITS), str(SUGGEST_MIN), str(sym.data_version), path.read_bytes())
    except OSError:
        key = None
    data = cache.read("symspell", key) if key else None
    if data is not None:
        try:
            table = json.loads(data)
            deletes, words, longest = table["deletes"], table["words"], table["max_length"]
            if (
                isinstance(deletes, dict)
                and isinstance(words, dict)
                and isinstance(longest, int)
                and all(isinstance(v, list) for v in deletes.values())
                and all(isinstance(v, int) for v in words.values())
            ):
                sym._deletes, sym._words, sym._max_length = defaultdict(list, deletes), words, longest
                return sym
        except (ValueError, KeyError, TypeError):
            pass  # damaged: rebuilt below
    for word, count in freq.unigrams().items():  # suggestions come from the common words only
        if count >= SUGGEST_MIN:
            sym.create_dictionary_entry(word, count)
    if key:
        table = {"deletes": sym._deletes, "words": sym._words, "max_length": sym._max_length}
        cache.write("symspell", key, json.dumps(table, separators=(",", ":")).encode("utf-8"))
    return sym


def suggest(word: str) -> str | None:
    from symspellpy import Verbosity

    hits = _speller().lookup(word.lower(), Verbosity.CLOSEST, max_edit_distance=MAX_EDITS, include_unknown=False)
    return hits[0].term if hits else None


def edits(doc: Document) -> list[Edit]:
    if not doc.options.wants("spelling.unknown", "spelling"):
        return []
    toks = doc.reading.virtual
    lowered = doc.reading.virtual_lower
    counts = Counter(lowered)
    cut = set(compress(map(attrgetter("start"), toks), map(attrgetter("after_cut"), toks)))
    cut |= set(compress(map(attrgetter("end"), toks), map(attrgetter("before_cut"), toks)))
    # only a lower-case word of three letters or more, written once, can be a misspelling
    texts = list(map(attrgetter("text"), toks))
    once = {w for w in set(texts) if len(w) >= 3 and w.isalpha() and w.islower() and counts[w] == 1}
    out = []
    for start, end, word, _, _ in compress(toks, map(once.__contains__, texts)):
        low = word.lower()
        if (
            len(word) < 3
            or not word.isalpha()
            or not word.islower()
            or counts[low] > 1
            or word in doc.protected_words
            or start in cut
            or end in cut
        ):
            continue
        if len(word) <= ABBREVIATION and doc.text[start - 1 : start] == "(" and doc.text[end : end + 1] == ")":
            continue
        if segment.known(low, 1) or low in freq.frequent_lexicon() or segment.explained(low):
            continue
        better = suggest(low)
        if better and better != low:
            out.append(
                doc.edit(
                    start, end, better, "spelling.unknown", f"'{word}' is not an English word; did you mean '{better}'?"
                )
            )
    return out
