"""Context rules: a regular expression (with word-class macros) decides where a word is spun."""

from __future__ import annotations

from ..document import Document
from ..model import Edit
from ..reading.views import to_original
from ..textutil import sentence_bounds, transfer_case

#: the rule ids this pass emits as pass rules: none (it applies the context rules of the data)
RULES: frozenset[str] = frozenset()


def edits(doc: Document) -> list[Edit]:
    out: list[Edit] = []
    text, inserted = doc.reading.spaced
    folded = text.lower()
    for rule in doc.rules.context_rules():
        if not doc.options.wants(rule.id, rule.category):
            continue
        if rule.triggers and not any(word in folded for word in rule.triggers):
            continue  # the pattern cannot match without one of these words (nor is it compiled)
        for m in rule.pattern.finditer(text):
            span = m.span("x") if "x" in rule.pattern.groupindex else m.span()
            if rule.when or rule.unless:
                s, e = sentence_bounds(text, span[0])
                sentence = text[s:e]
                if rule.when and not rule.when.search(sentence):
                    continue
                if rule.unless and rule.unless.search(sentence):
                    continue
            replacement = m.expand(rule.replace)
            seen = text[span[0] : span[1]]
            if seen[:1].isupper() and replacement[:1].islower():
                replacement = transfer_case(seen, replacement)
            if replacement != seen:
                start, end = to_original(span[0], inserted), to_original(span[1], inserted)
                out.append(doc.edit(start, end, replacement, rule))
    return out
