"""Inline suppression, in any comment syntax: 'unspin: ignore' (this line),
'unspin: ignore-next-line', 'unspin: off' ... 'unspin: on', and '[sic]' after a word.

'unspin: ignore[RULE, ...]' and 'unspin: ignore-next-line[RULE, ...]' suppress only the named
rules or categories on that line (``rule_spans``); the rest of the line is read as usual."""

from __future__ import annotations

from typing import NamedTuple

import regex

from .protect import Region

_DIRECTIVE = regex.compile(r"unspin:\s*(?:(ignore-next-line|ignore)(?:\[([^\]\n]{0,1000})\]|\b)|(off|on)\b)")
_SIC = regex.compile(r"[\p{L}\p{N}'’-]+[\"”’]?\s*\[sic\]", regex.I)


class RuleSpan(NamedTuple):
    """Lines where only some rules are suppressed: ``ids`` are rule ids or categories."""

    start: int
    end: int
    ids: frozenset[str]


def _line_span(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _ids(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _lines(text: str, m: regex.Match) -> tuple[int, int] | None:
    """The span an 'ignore' or 'ignore-next-line' directive covers (None: no next line)."""
    line_start, line_end = _line_span(text, m.start())
    if m.group(1) == "ignore":
        return line_start, line_end
    if line_end < len(text):
        return line_start, _line_span(text, line_end + 1)[1]
    return None


def regions(text: str) -> list[Region]:
    out: list[Region] = []
    off_at = None
    for m in _DIRECTIVE.finditer(text) if "unspin:" in text else ():
        kind = m.group(1) or m.group(3)
        line_start, line_end = _line_span(text, m.start())
        if kind in ("ignore", "ignore-next-line"):
            if m.group(2) is not None and _ids(m.group(2)):
                continue  # only some rules: rule_spans
            span = _lines(text, m)
            if span:
                out.append(Region(*span, "suppressed"))
        elif kind == "off" and off_at is None:
            off_at = line_start
        elif kind == "on" and off_at is not None:
            out.append(Region(off_at, line_end, "suppressed"))
            off_at = None
    if off_at is not None:
        out.append(Region(off_at, len(text), "suppressed"))
    out.extend(Region(m.start(), m.end(), "suppressed") for m in _SIC.finditer(text))
    return out


def rule_spans(text: str) -> list[RuleSpan]:
    """The lines of each 'unspin: ignore[RULE, ...]' with the rules it names."""
    if "unspin:" not in text:
        return []
    out = []
    for m in _DIRECTIVE.finditer(text):
        ids = _ids(m.group(2) or "")
        span = _lines(text, m) if ids else None
        if span:
            out.append(RuleSpan(*span, frozenset(ids)))
    return out


def named_ids(text: str) -> list[tuple[int, str]]:
    """``(offset, id)`` of every id an 'unspin: ignore[...]' names (to check that each is known)."""
    if "unspin:" not in text:
        return []
    out = []
    for m in _DIRECTIVE.finditer(text):
        if m.group(2) is None:
            continue
        at = m.start(2)
        for part in m.group(2).split(","):
            rid = part.strip()
            if rid:
                out.append((at + len(part) - len(part.lstrip()), rid))
            at += len(part) + 1
    return out


def suppressed(spans: list[RuleSpan], start: int, rule: str, category: str) -> bool:
    """Whether an edit of ``rule`` starting at ``start`` is on a line that suppresses it."""
    return any(s.start <= start <= s.end and (rule in s.ids or category in s.ids) for s in spans)
