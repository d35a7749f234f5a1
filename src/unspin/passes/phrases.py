"""Dictionary pass: spun phrases and filler, matched word by word against one index.

The index maps a first word to its variants (longest first), so the cost per word does not
grow with the size of the dictionary.
"""
from __future__ import annotations

from bisect import bisect_left

from ..document import Document
from ..loader import Variant
from ..model import Edit
from ..textutil import has_capital, norm, sentence_bounds, transfer_case

_PARTICIPLE_CUES = frozenset("have has had having 've 's 'd be been being is was were are am get got gets".split())


def _conditions_hold(doc: Document, var: Variant, first: int, last: int) -> bool:
    toks, classes = doc.tokens, doc.rules.classes
    for key, (negated, cls) in var.rule.conditions.items():
        members = classes[cls]
        if key == "after":
            hit = first > 0 and norm(toks[first - 1][2]) in members
        elif key == "before":
            hit = last + 1 < len(toks) and norm(toks[last + 1][2]) in members
        else:
            s, e = sentence_bounds(doc.text, toks[first][0])
            lo, hi = bisect_left(doc.token_starts, s), bisect_left(doc.token_starts, e)
            hit = any(norm(w[2]) in members or w[2] in members for w in toks[lo:hi])
            hit = hit if key == "when" else not hit
        if hit == negated:
            return False
    return True


def _joined_by_space(text: str, toks, i: int, k: int) -> bool:
    for j in range(i, i + k - 1):
        gap = text[toks[j][1]:toks[j + 1][0]]
        if not gap or not gap.isspace() or gap.count("\n") > 0:
            return False
    return True


def _case_ok(doc: Document, var: Variant, toks, i: int) -> bool:
    """Names are never rewritten: a capital is allowed only sentence-initially or where the key has it."""
    key_words = var.rule.spun.split()
    for j in range(len(var.words)):
        word = toks[i + j][2]
        if not has_capital(word):
            continue
        written = key_words[j] if j < len(key_words) and len(key_words) == len(var.words) else ""
        if written and written == word:
            continue
        if j == 0 and doc.sentence_start(toks[i][0]) and word[1:].islower():
            continue
        if all(t[2].isupper() for t in toks[i:i + len(var.words)]) and sum(len(t[2]) for t in toks[i:i + len(var.words)]) > 3:
            continue  # ALL CAPS text
        return False
    return True


def _choose(replacement: str, doc: Document, i: int) -> str:
    if "\0" not in replacement:
        return replacement
    simple_past, participle = replacement.split("\0")
    prev = norm(doc.tokens[i - 1][2]) if i > 0 else ""
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


def _fix_article(doc: Document, i: int, start: int, replacement: str) -> tuple[int, str]:
    """'an army degree' -> 'a military level': take the article into the edit when it must change."""
    if i == 0:
        return start, replacement
    a_start, a_end, article = doc.tokens[i - 1]
    if norm(article) not in ("a", "an") or doc.text[a_end:start] != " ":
        return start, replacement
    wanted = article_for(replacement)
    if wanted == norm(article):
        return start, replacement
    return a_start, transfer_case(article, wanted) + " " + replacement


def edits(doc: Document) -> list[Edit]:
    index = doc.rules.variants
    toks, text = doc.tokens, doc.text
    out: list[Edit] = []
    for i, (start, _, word) in enumerate(toks):
        for var in index.get(norm(word), ()):
            k = len(var.words)
            if i + k > len(toks) or tuple(norm(t[2]) for t in toks[i:i + k]) != var.words:
                continue
            if not doc.options.wants(var.rule.id, var.rule.category):
                continue
            if not (_joined_by_space(text, toks, i, k) and _case_ok(doc, var, toks, i)
                    and _conditions_hold(doc, var, i, i + k - 1)):
                continue
            end = toks[i + k - 1][1]
            replacement = transfer_case(text[start:end], _choose(var.replacement, doc, i))
            start, replacement = _fix_article(doc, i, start, replacement)
            out.append(doc.edit(start, end, replacement, var.rule))
            break  # longest variant at this position; shorter ones at later positions still compete
    return out
