"""Dictionary pass: spun phrases and filler, matched word by word against one index.

The index maps the first two words (one, for one-word entries) to the entries that start
with them, longest first, so the cost per word does not grow with the dictionary's size.
"""

from __future__ import annotations

from bisect import bisect_left
from operator import attrgetter

from ..document import Document
from ..loader import Variant
from ..model import Edit
from ..reading import Word
from ..textutil import has_capital, norm, sentence_bounds, transfer_case

#: the rule ids this pass emits as pass rules: none (it applies the dictionary entries of the data)
RULES: frozenset[str] = frozenset()

_PARTICIPLE_CUES = frozenset("have has had having 've 's 'd be been being is was were are am get got gets".split())


def _conditions_hold(doc: Document, toks, starts, var: Variant, first: int, last: int) -> bool:
    classes = doc.rules.classes
    for key, (negated, cls) in var.rule.conditions.items():
        members = classes[cls]
        if key == "after":
            hit = first > 0 and norm(toks[first - 1].text) in members
        elif key == "before":
            hit = last + 1 < len(toks) and norm(toks[last + 1].text) in members
        else:
            s, e = sentence_bounds(doc.text, toks[first].start)
            lo, hi = bisect_left(starts, s), bisect_left(starts, e)
            hit = any(norm(w.text) in members or w.text in members for w in toks[lo:hi])
            hit = hit if key == "when" else not hit
        if hit == negated:
            return False
    return True


def _joined_by_space(text: str, toks, i: int, k: int) -> bool:
    """Words of one phrase: separated by spaces within a line, or the two halves of a glued token."""
    for j in range(i, i + k - 1):
        if toks[j].before_cut and toks[j + 1].after_cut:
            continue
        gap = text[toks[j].end : toks[j + 1].start]
        if not gap or not gap.isspace() or "\n" in gap:
            return False
    return True


def _case_ok(doc: Document, var: Variant, toks, i: int) -> bool:
    """Names are never rewritten: a capital is allowed only sentence-initially or where the key has it."""
    key_words = var.rule.spun.split()
    for j in range(len(var.words)):
        word = toks[i + j].text
        if not has_capital(word):
            continue
        written = key_words[j] if j < len(key_words) and len(key_words) == len(var.words) else ""
        if written and written == word:
            continue
        if j == 0 and doc.reading.sentence_start(toks[i].start) and word[1:].islower():
            continue
        if (
            all(t.text.isupper() for t in toks[i : i + len(var.words)])
            and sum(len(t.text) for t in toks[i : i + len(var.words)]) > 3
        ):
            continue  # ALL CAPS text
        return False
    return True


def _choose(replacement: str, toks, i: int) -> str:
    if "\0" not in replacement:
        return replacement
    simple_past, participle = replacement.split("\0")
    prev = norm(toks[i - 1].text) if i > 0 else ""
    contracted = prev.endswith(("'s", "'ve", "'d"))
    return participle if prev in _PARTICIPLE_CUES or contracted else simple_past


_AN_EXCEPTIONS = ("hour", "honest", "honor", "honour", "heir")
_A_EXCEPTIONS = ("one", "once", "uni", "use", "usu", "eu", "ewe", "uk", "us ")


def article_for(phrase: str) -> str:
    low = phrase.lower()
    if low.startswith(_AN_EXCEPTIONS):
        return "an"
    if low.startswith(_A_EXCEPTIONS):
        return "a"
    return "an" if low[:1] in "aeiou" else "a"


def _fix_article(doc: Document, toks, i: int, start: int, replacement: str) -> tuple[int, str]:
    """'an army degree' -> 'a military level': take the article into the edit when it must change."""
    if i == 0:
        return start, replacement
    a_start, a_end, article = toks[i - 1].start, toks[i - 1].end, toks[i - 1].text
    if norm(article) not in ("a", "an") or doc.text[a_end:start] != " ":
        return start, replacement
    wanted = article_for(replacement)
    if wanted == norm(article):
        return start, replacement
    return a_start, transfer_case(article, wanted) + " " + replacement


def _joined(doc: Document, toks: list[Word]) -> list[Word]:
    """The virtual words with broken words read whole ('partial ly' as 'partially'), so a phrase
    rule on the joined word fires in the same run as the join (no work left for a second run)."""
    runs = doc.reading.broken_runs
    if not runs:
        return toks
    starts = {start: (end, joined) for start, end, joined in runs}
    out, skip_until = [], -1
    for tok in toks:
        if tok.start < skip_until:
            continue
        run = starts.get(tok.start)
        if run:
            out.append(Word(tok.start, run[0], run[1], tok.after_cut, False))
            skip_until = run[0]
        else:
            out.append(tok)
    return out


def edits(doc: Document) -> list[Edit]:
    index, firsts = doc.rules.variants, doc.rules.first_words
    toks = _joined(doc, doc.reading.virtual)
    starts = list(map(attrgetter("start"), toks))
    text = doc.text
    out: list[Edit] = []
    norms = doc.reading.virtual_norms if toks is doc.reading.virtual else [norm(w.text) for w in toks]
    for i in [i for i, n in enumerate(norms) if n in firsts]:  # (a word that starts no phrase is skipped)
        start, word = toks[i].start, toks[i].text
        pair = index.get((norms[i], norms[i + 1])) if i + 1 < len(norms) else None
        single = index.get((norms[i],))
        if not pair and not single:
            continue
        candidates = (pair or []) + (single or [])  # longer entries first: pairs hold the multi-word ones
        for var in candidates:
            k = len(var.words)
            if i + k > len(toks) or tuple(norms[i : i + k]) != var.words:
                continue
            if not doc.options.wants(var.rule.id, var.rule.category):
                continue
            if not (
                _joined_by_space(text, toks, i, k)
                and _case_ok(doc, var, toks, i)
                and _conditions_hold(doc, toks, starts, var, i, i + k - 1)
            ):
                continue
            last = i + k - 1
            replacement = transfer_case(text[start : toks[last].end], _choose(var.replacement, toks, i))
            while (
                last + 1 < len(toks)
                and norm(toks[last + 1].text) == norm(toks[last].text)
                and (toks[last + 1].after_cut or text[toks[last].end : toks[last + 1].start].isspace())
            ):
                last += 1  # 'very own own' -> 'own': a repeated last word goes with it too
            end = toks[last].end
            first = i
            while (
                first > 0
                and norm(toks[first - 1].text) == norm(word)
                and (toks[first].after_cut or text[toks[first - 1].end : toks[first].start].isspace())
            ):
                first -= 1  # 'very very own' -> 'own': a repeated first word goes with the phrase
            if first < i:
                replacement = transfer_case(toks[first].text, replacement)
            begin, replacement = _fix_article(doc, toks, first, toks[first].start, replacement)
            # a phrase that starts or ends inside a glued token: the spacing pass's insertion at
            # the cut (on the edge of this edit, so both apply) supplies the space
            out.append(doc.edit(begin, end, replacement, var.rule))
            break  # longest variant at this position; shorter ones at later positions still compete
    return out
