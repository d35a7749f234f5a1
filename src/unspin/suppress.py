"""Inline suppression, in any comment syntax: 'unspin: ignore' (this line),
'unspin: ignore-next-line', 'unspin: off' ... 'unspin: on', and '[sic]' after a word."""

from __future__ import annotations

import regex

from .protect import Region

_DIRECTIVE = regex.compile(r"unspin:\s*(ignore-next-line|ignore|off|on)\b")
_SIC = regex.compile(r"[\p{L}\p{N}'’-]+[\"”’]?\s*\[sic\]", regex.I)


def _line_span(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def regions(text: str) -> list[Region]:
    out: list[Region] = []
    off_at = None
    for m in _DIRECTIVE.finditer(text):
        kind = m.group(1)
        line_start, line_end = _line_span(text, m.start())
        if kind == "ignore":
            out.append(Region(line_start, line_end, "suppressed"))
        elif kind == "ignore-next-line" and line_end < len(text):
            nxt = _line_span(text, line_end + 1)
            out.append(Region(line_start, nxt[1], "suppressed"))
        elif kind == "off" and off_at is None:
            off_at = line_start
        elif kind == "on" and off_at is not None:
            out.append(Region(off_at, line_end, "suppressed"))
            off_at = None
    if off_at is not None:
        out.append(Region(off_at, len(text), "suppressed"))
    out.extend(Region(m.start(), m.end(), "suppressed") for m in _SIC.finditer(text))
    return out
