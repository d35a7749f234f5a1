"""Doubled words: 'along with with' -> 'along with'; real repeats ('had had') stay."""
from __future__ import annotations

import regex

from ..document import Document
from ..model import Edit

DOUBLED_RE = regex.compile(r"\b(\p{L}+)((?:[ \t]+\1\b)+)", regex.I)


def edits(doc: Document) -> list[Edit]:
    allowed = doc.rules.classes["doubled-ok"]
    out = []
    for m in DOUBLED_RE.finditer(doc.text):
        word, repeats = m.group(1), m.group(2).split()
        if word.lower() in allowed or any(r != word and not r.islower() for r in repeats):
            continue
        out.append(doc.edit(m.end(1), m.end(2), "", "doubled.word"))
    return out
