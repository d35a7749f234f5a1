"""Doubled words: 'along with with' -> 'along with'; real repeats ('had had') stay."""
from __future__ import annotations

import regex

from ..document import Document
from ..model import Edit

DOUBLED_RE = regex.compile(r"\b(\p{L}+)([ \t]+)(\1)\b", regex.I)


def edits(doc: Document) -> list[Edit]:
    allowed = doc.rules.classes["doubled-ok"]
    out = []
    for m in DOUBLED_RE.finditer(doc.text):
        word = m.group(1)
        if word.lower() in allowed or m.group(1) != m.group(3) and not m.group(3).islower():
            continue
        out.append(doc.edit(m.end(1), m.end(3), "", "doubled.word"))
    return out
