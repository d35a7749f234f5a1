"""Collocations broken by a thesaurus, restored by inverting it: 'supply market' -> 'stock market'.

A spinner swaps each word of a fixed expression for a thesaurus synonym. For two adjacent
content words that English does not pair (absent from symspellpy's bigram list, which holds
every pair seen 6.4 million times or more), try the words each could have been (the inverted
WordNet thesaurus, ``unspin.thesaurus``), one word or both, and keep the best pair that is:

- one word swapped back to a WordNet synonym gives a fixed expression (a WordNet multiword
  lemma) that English uses often -> ``collocation.expression`` (spin tier: applied in spun
  text, a suggestion elsewhere);
- anything weaker (a generic term, both words swapped, a pair that is merely common)
  -> ``pair.thesaurus`` (report only, and shown only in spun text).

Measured on the dev corpus (``corpora/news``, spin on) these are right about half the time
for the spin tier and one time in seven for the reports: the bigram list says which pairs
are common, not which fit the sentence. They are a weak signal, kept weak.

It runs after the text is judged (``SPIN_PASSES``) and only where it reads as spun, or
everywhere with ``--all-findings``: in clean text these candidates are mostly false.

Single words (``collocation.context``): a word between two content words, whose pairs with both are absent,
where exactly one thesaurus candidate makes both pairs common ('the governing organ of' ->
'body'); with more than one such candidate, or a margin under ``MARGIN``, it is reported only.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from itertools import repeat
from operator import attrgetter, eq

from .. import freq, thesaurus
from ..document import Document
from ..model import Edit

#: the rule ids this pass emits (checked against rules/passes.rules as the rules load)
RULES = frozenset({"collocation.context", "collocation.expression", "collocation.reordered", "pair.thesaurus"})

FREQUENT = 50_000_000  # a pair this common (about 8x the list's floor): context choice needs both
COMMON_EXPRESSION = 20_000_000  # a fixed expression seen this often is one a news writer uses
MARGIN = 10  # the chosen single word must beat the runner-up by this factor (product of both pairs)
MIN_LETTERS = 3


def _content(word: str, function: frozenset[str]) -> bool:
    return len(word) >= MIN_LETTERS and word.isalpha() and word.islower() and word not in function


RARER_BY = 0.5  # a spinner writes a rarer synonym: the candidate must be 3x as frequent (Zipf +0.5)
GENERIC_ZIPF = 5.8  # candidates commoner than this are light words ('be', 'get', 'down') that pair with anything


@lru_cache(maxsize=8192)
def _sources(word: str, generic: bool = True) -> list[tuple[str, str]]:
    """Thesaurus candidates for ``word`` that a spinner plausibly replaced: commoner than it,
    but not so common that they pair with anything."""
    z = freq.zipf(word)
    return [(c, s) for c, s in thesaurus.sources(word, generic) if z + RARER_BY <= freq.zipf(c) <= GENERIC_ZIPF]


@lru_cache(maxsize=8192)
def _pair_candidates(a: str, b: str) -> list[tuple[int, int, str, str]]:
    """``(kind, count, first, second)`` for the pairs 'a b' could have been. kind 1: one word,
    a synonym, gives a common fixed expression; 0: anything weaker (a generic term, both
    words swapped, a merely common pair)."""
    out = []
    b_stems = [s for s, _ in thesaurus.stems(b)]
    a_syn = {c for c, _ in _sources(a, generic=False)}
    b_syn = {c for c, _ in _sources(b, generic=False)}

    def kind(count: int, expression: bool, synonym: bool) -> int:
        return int(synonym and expression and count >= COMMON_EXPRESSION)

    a_sources = _sources(a)
    for cand, stem in a_sources:  # the first word swapped
        count = freq.pair(cand, b)
        if count:
            after = thesaurus.seconds(stem)
            expr = any(s in after for s in b_stems)
            out.append((kind(count, expr, cand in a_syn), count, cand, b))
    b_sources = _sources(b)
    for cand, stem in b_sources:  # the second word swapped
        count = freq.pair(a, cand)
        if count:
            out.append((kind(count, thesaurus.is_expression(a, stem), cand in b_syn), count, a, cand))
    for c1, s1 in a_sources:  # both swapped: only into a fixed expression, and only reported
        after = thesaurus.seconds(s1) or thesaurus.seconds(c1)
        for c2, s2 in b_sources if after else ():
            if s2 in after:
                count = freq.pair(c1, c2)
                if count:
                    out.append((0, count, c1, c2))
    return out


def edits(doc: Document) -> list[Edit]:
    spans = doc.spin_spans()
    if not spans:
        return []
    function = doc.rules.classes.get("function", frozenset()) | doc.rules.classes.get("pronoun", frozenset())
    toks, text, out = doc.reading.virtual, doc.text, []
    words = list(map(attrgetter("text"), toks))
    starts = list(map(attrgetter("start"), toks))
    # (built with map, in C: these run over every word of the text)
    gaps = map(text.__getitem__, map(slice, map(attrgetter("end"), toks), starts[1:]))
    spaced = [*map(eq, gaps, repeat(" ")), False]
    looked = [i for s, e in spans for i in range(bisect_left(starts, s), bisect_left(starts, e))]
    content_words = {w for w in set(words) if _content(w, function)}
    content = list(map(content_words.__contains__, words))
    for i in looked:
        if i + 1 >= len(toks):
            continue
        a, b = words[i], words[i + 1]
        if not (spaced[i] and content[i] and content[i + 1]) or freq.pair(a, b):
            continue
        if thesaurus.is_expression(a, b):
            continue
        found = _pair_candidates(a, b)
        if not found:
            continue
        kind, count, c1, c2 = max(found)
        start = toks[i].start if c1 != a else toks[i + 1].start
        end = toks[i + 1].end if c2 != b else toks[i].end
        replacement = f"{c1} {c2}" if c1 != a and c2 != b else (c1 if c1 != a else c2)
        rule = ("pair.thesaurus", "collocation.expression")[kind]
        what = "a fixed expression" if kind else f"a common pair ({count / 1e6:.0f} million uses)"
        out.append(
            doc.edit(
                start,
                end,
                replacement,
                rule,
                f"'{a} {b}' is rare in English; '{c1} {c2}' is {what}, and a thesaurus "
                f"gives '{a if c1 != a else b}' for '{c1 if c1 != a else c2}'",
            )
        )
    out.extend(_context_choices(doc, toks, words, spaced, content, looked))
    out.extend(_reordered(doc, toks, words, spaced, content, looked))
    return out


def _reordered(doc: Document, toks, words, spaced, content, looked: list[int]) -> list[Edit]:
    """'X of Y' written for the fixed expression 'Y X' with a word swapped ('supply of H2O' ...):
    'rates of involvement' for 'interest rates'. Both words as written ('rate of growth') is
    good English and left alone."""
    out = []
    for i in looked:
        if i + 2 >= len(toks) or words[i + 1].lower() != "of" or not (spaced[i] and spaced[i + 1]):
            continue
        x, y = words[i], words[i + 2]
        if not (content[i] and content[i + 2]):
            continue
        x_forms = [(x, s, e) for s, e in thesaurus.stems(x)] + [(c, s, "") for c, s in _sources(x, generic=False)]
        y_forms = [(y, y)] + _sources(y, generic=False)
        best = None
        for head, head_stem, ending in x_forms:
            for mod, mod_stem in y_forms:
                if not thesaurus.is_expression(mod_stem, head_stem):
                    continue
                if head == x and mod == y:
                    continue  # both as written: 'rate of growth' is good English too
                form = thesaurus.inflect(head_stem, ending) if head == x else head
                count = freq.pair(mod, form)
                if count >= COMMON_EXPRESSION and (best is None or count > best[0]):
                    best = (count, f"{mod} {form}")
        if best:
            out.append(
                doc.edit(
                    toks[i].start,
                    toks[i + 2].end,
                    best[1],
                    "collocation.reordered",
                    f"'{x} of {y}' is the fixed expression '{best[1]}' taken apart",
                )
            )
    return out


def _context_choices(doc: Document, toks, words, spaced, content, looked: list[int]) -> list[Edit]:
    out = []
    for i in looked:
        if not 0 < i < len(toks) - 1:
            continue
        if not (spaced[i - 1] and spaced[i] and content[i - 1] and content[i] and content[i + 1]):
            continue  # a function word pairs with almost anything: 'hunting the' -> 'running the'
        w, prev, nxt = words[i], words[i - 1], words[i + 1]

        if freq.pair(prev, w) or freq.pair(w, nxt):
            continue
        scored = sorted(
            ((freq.pair(prev, c) * freq.pair(c, nxt), c) for c, _ in _sources(w, generic=False)), reverse=True
        )
        scored = [s for s in scored if s[0]]
        if not scored:
            continue
        best, cand = scored[0]
        strong = (len(scored) == 1 or best >= MARGIN * scored[1][0]) and min(
            freq.pair(prev, cand), freq.pair(cand, nxt)
        ) >= FREQUENT
        out.append(
            doc.edit(
                toks[i].start,
                toks[i].end,
                cand,
                "collocation.context" if strong else "pair.thesaurus",
                f"neither '{prev} {w}' nor '{w} {nxt}' is common English; '{prev} {cand} {nxt}' "
                f"makes both common, and a thesaurus gives '{w}' for '{cand}'",
            )
        )
    return out
