"""Words a regular expression cannot match without: a cheap test that rules a pattern out.

``required("\\binformed(?=\\s+that)")`` is ``{"informed"}``: no text without 'informed' holds
a match, so a context rule whose pattern needs one of its triggers is skipped (and never even
compiled) on a text that has none of them. The answer is conservative: an empty set means
"no such words known", never a wrong promise.

The pattern is read with Python's own regular-expression parser; the syntax only the ``regex``
module knows (``\\p{Lu}`` classes) is read as a class first, and a pattern the parser still
cannot read has no triggers.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# Python's parser for its own patterns: re._parser from 3.11, sre_parse before (no public name)
try:
    _p: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.10
    _p = importlib.import_module("sre_parse")
    _c = importlib.import_module("sre_constants")

#: a trigger shorter than this ('a', 'of') rules nothing out
MIN_LENGTH = 3
_UNICODE_CLASS = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Z]")
#: set operations inside a class (the regex module's V1 syntax: '[[a-z]--[aeiou]]'), which
#: Python's parser would read as literal characters
_SET_OPERATION = re.compile(r"\[[^\]]*(?:\[|--|&&|~~|\|\|)")


def required(pattern: str) -> frozenset[str]:
    """Lower-case strings one of which every match of ``pattern`` contains (empty: unknown)."""
    if _SET_OPERATION.search(pattern):
        return frozenset()
    try:
        parsed = _p.parse(_UNICODE_CLASS.sub(r"\\w", pattern))
    except (re.error, ValueError, TypeError, IndexError, OverflowError, RecursionError):
        return frozenset()
    found = _sequence(list(parsed))
    return frozenset(s.lower() for s in found) if found else frozenset()


def _sequence(items: list) -> set[str] | None:
    """The most selective required set among the items of a sequence, or None."""
    best: set[str] | None = None
    run: list[str] = []

    def offer(found: set[str] | None) -> None:
        nonlocal best
        if found and all(len(s) >= MIN_LENGTH for s in found):
            if best is None or min(map(len, found)) > min(map(len, best)):
                best = found

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        offer({"".join(run)} if run else None)
        run = []
        offer(_item(op, av))
    offer({"".join(run)} if run else None)
    return best


def _item(op: Any, av: Any) -> set[str] | None:
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        if add_flags & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_VERBOSE):
            return None  # (?i:...): the text may hold it in any case; lower-casing covers that
        return _sequence(list(body))
    if op is _c.BRANCH:
        alternatives = [_sequence(list(alt)) for alt in av[1]]
        if any(not a for a in alternatives):
            return None  # one way through without a known word
        return set().union(*alternatives)  # type: ignore[arg-type]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        return _sequence(list(body)) if low >= 1 else None
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    return None  # classes, anchors, lookarounds, backreferences: no literal required
