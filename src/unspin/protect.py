"""Regions of the text no default edit may touch: quotations, URLs, numbers, dates, credits, code."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import NamedTuple

import regex

from .wordlists import alternation

_MONTH = alternation("month", "month-abbreviation")
_TLD = r"(?:com|org|net|gov|edu|int|mil|io|co|uk|us|de|fr|ru|cn|jp|in|info|biz|ai|dev|app|ly|me|tv|eu)"

# Every repetition below is bounded, so that a pattern that fails at one position does not scan
# the rest of a long run ('a.a.a.a...', 'www.www...') before the next: time stays linear.
_LABEL = r"[\w-]{1,63}"  # one part of a host name (DNS allows 63 characters)
_LABELS = 8  # parts of a host name before its top-level domain
_URL_BODY = r"[^\s<>\"“”]{1,2047}[^\s<>\"“”.,;:!?)\]'’]"  # up to 2,048 characters, no trailing punctuation
_PATH = r"[^\s]{0,2047}[^\s.,;:!?)]"
_FILE_ENDING = r"(?:py|txt|md|pdf|csv|json|html?|js|ts|rs|go|c|h|cpp|yaml|yml|toml|docx?|xlsx?|png|jpe?g|gif|zip)"

#: what a pattern cannot match without, found far faster than the pattern itself: a text
#: without it is not scanned by that pattern (the host-name and file-name patterns start at
#: every word; the dot and ending they need are rare in prose)
_HOST_ENDING = regex.compile(rf"\.{_TLD}\b")
_FILE_NAME_ENDING = regex.compile(rf"\.{_FILE_ENDING}\b")

#: (kind, pattern, what the pattern needs in the text or None)
PATTERNS: list[tuple[str, regex.Pattern, regex.Pattern | None]] = [
    ("code", regex.compile(r"```.*?(?:```|\Z)|`[^`\n]+`", regex.S), None),
    ("url", regex.compile(rf"\b(?:https?://|ftp://|www\.){_URL_BODY}"), None),
    ("url", regex.compile(r"\b(?:mailto|tel|sms|xmpp|urn|news|irc|magnet):[^\s<>\"“”]{1,320}"), None),
    # settings and assignments: 'receive.denyCurrentBranch=updateInstead', 'color=auto', 'x=5'
    ("setting", regex.compile(r"(?<![\w.-])[A-Za-z_][\w.-]{0,63}=[^\s,;)\]\"“”]{1,256}"), None),
    ("email", regex.compile(rf"\b[\w.+-]{{1,64}}@{_LABEL}(?:\.{_LABEL}){{1,{_LABELS}}}\b"), None),
    ("url", regex.compile(rf"\b{_LABEL}(?:\.{_LABEL}){{0,{_LABELS}}}\.{_TLD}\b(?:/{_PATH})?"), _HOST_ENDING),
    ("file", regex.compile(r"(?<![\w/])(?:~|\.{1,2})?/[\w.@+-]+(?:/[\w.@+-]*)*"), None),  # /usr/bin/git, ./run
    (
        "file",
        regex.compile(rf"\b[\w-]{{1,255}}\.{_FILE_ENDING}\b"),
        _FILE_NAME_ENDING,
    ),
    ("handle", regex.compile(r"(?<![\w@])[@#][\w]+"), None),
    (
        "date",
        regex.compile(
            rf"\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
            rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b(?:,?\s+\d{{4}})?"
        ),
        None,
    ),
    ("number", regex.compile(r"(?<![\w])[$€£¥]?\d(?:[\d,.:/\-–]*\d)?(?:st|nd|rd|th|s|%|am|pm|[kKmMbB]n?)?\b"), None),
    ("credit", regex.compile(r"(?m)^[^\n|]{1,80}(?:\|[^\n|]{1,80})+$"), None),
    (
        "credit",
        regex.compile(
            r"(?mi)^[ \t]*(?:photo|image|picture|credit|source)s?(?:\s+by|\s*:)[^\n]{0,120}$"
            r"|\((?:photo|image|picture)s?\s+(?:by|credit)[^)\n]{0,120}\)"
        ),
        None,
    ),
]

_QUOTE_PAIRS = regex.compile(r"“[^”\n]*(?:”|(?=\n)|\Z)")
# a straight quote opens before a word and after a space or an opener, not after a symbol
# ('T;"#%$' in extracted formulas) or a word ('class="a b">': that one closes)
_STRAIGHT = regex.compile(r"(?<![^\s(\[{\p{Pd}/:,])\"(?=\S)[^\"\n]*(?:\"|(?=\n)|\Z)")
_SINGLE = regex.compile(r"(?<![\p{L}\p{N}])‘[^’\n]{1,120}’(?![\p{L}\p{N}])")


class Region(NamedTuple):
    """A protected span and what it is ('quote', 'url', 'number' ...)."""

    start: int
    end: int
    kind: str


class Protection:
    """A sorted set of protected regions with a fast overlap query."""

    def __init__(self, regions: list[Region]):
        self.regions = sorted(regions, key=lambda r: (r.start, r.end))
        self._starts = [r.start for r in self.regions]
        self._max_len = max((r.end - r.start for r in self.regions), default=0)

    def hit(self, start: int, end: int, allow: frozenset[str] = frozenset()) -> str:
        """The kind of the first region the span touches (not counting ``allow``), or ''."""
        lo = bisect.bisect_left(self._starts, start - self._max_len)
        hi = bisect.bisect_left(self._starts, max(end, start + 1))
        for r in self.regions[lo:hi]:
            if r.kind in allow:
                continue
            if start == end:
                if r.start < start < r.end:
                    return r.kind
            elif r.start < end and start < r.end:
                return r.kind
        return ""


def find_regions(text: str, quotes: bool = True, extra: Iterable[Region] = ()) -> Protection:
    regions: list[Region] = list(extra)
    for kind, pat, needs in PATTERNS:
        if needs is not None and not needs.search(text):
            continue
        regions.extend(Region(m.start(), m.end(), kind) for m in pat.finditer(text))
    if quotes:
        for pat in (_QUOTE_PAIRS, _STRAIGHT, _SINGLE):
            regions.extend(Region(m.start(), m.end(), "quote") for m in pat.finditer(text))
    return Protection(regions)
