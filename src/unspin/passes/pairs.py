"""Unidiomatic word pairs no dictionary entry covers: 'straight strike', 'hefty attack'.

For an adjacent pair where one word is a known spinner swap (learned from the dictionary's
entries), propose the standard word when that makes the pair far more frequent in English
(symspellpy's bigram counts). Spin tier: applied in text that reads as spun (on the dev
corpus it is right about 4 times in 5 there), not shown elsewhere unless asked for
(``--all-findings``): frequency is evidence, not proof.
"""

from __future__ import annotations

from .. import freq, thesaurus
from ..document import Document
from ..model import Edit
from ..textutil import norm

#: the rule ids this pass emits (checked against rules/passes.rules as the rules load)
RULES = frozenset({"pair.unidiomatic"})

COMMON_PAIR = 30_000_000  # the proposed pair must be at least this frequent, and the pair as written
#                          absent from the bigram list (it holds every pair seen 6.4 million times or more)


RARER_BY = 0.5  # a spinner writes the rarer synonym: the standard word is at least 3x as frequent (Zipf)


def _better(w1: str, w2: str, alts, left: bool) -> tuple[str, int] | None:
    seen = freq.pair(w1, w2)
    best = None
    floor = freq.zipf(w1 if left else w2) + RARER_BY
    for alt in alts:
        if freq.zipf(alt) < floor:
            continue  # 'strike' for 'hit', 'cost' for 'price': as common as the word it would replace
        count = freq.pair(alt, w2) if left else freq.pair(w1, alt)
        if not seen and count >= COMMON_PAIR and (best is None or count > best[1]):
            best = (alt, count)
    return best


def edits(doc: Document) -> list[Edit]:
    swaps = doc.rules.synonyms
    if not swaps:
        return []
    toks, text, out = doc.reading.virtual, doc.text, []
    function = doc.rules.classes.get("function", frozenset()) | doc.rules.classes.get("pronoun", frozenset())
    # only a pair holding a known swap can fire: the pairs around each such word, in text order
    norms = doc.reading.virtual_norms
    around = sorted({j for i, n in enumerate(norms) if n in swaps for j in (i - 1, i) if 0 <= j < len(toks) - 1})
    for a, b in ((toks[j], toks[j + 1]) for j in around):
        w1, w2 = a.text, b.text
        if not (w1.islower() and w2.islower()) or text[a.end : b.start] != " ":
            continue
        n1, n2 = norm(w1), norm(w2)
        if n1 in function or n2 in function:
            continue  # 'strike it' says nothing
        for word, left in ((n1, True), (n2, False)):
            if word not in swaps:
                continue
            found = _better(n1, n2, swaps[word], left)
            if found and thesaurus.is_expression(n1, n2):
                break  # 'general strike': a fixed expression as written
            if found:
                alt, count = found
                tok = a if left else b
                proposal = f"{alt} {n2}" if left else f"{n1} {alt}"
                out.append(
                    doc.edit(
                        tok.start,
                        tok.end,
                        alt,
                        "pair.unidiomatic",
                        f"'{n1} {n2}' is rare in English; '{proposal}' is common (a known spinner swap undone)",
                    )
                )
                break
    return out
