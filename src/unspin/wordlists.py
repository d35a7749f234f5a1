"""The word lists every part of unspin shares, read from ``rules/classes.txt``: one home each.

Months, function words, units, script names and the rest are data there; rules use them as
``{name}`` macros and conditions, and code reads them with ``word_class``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex


class MissingData(Exception):
    """The shipped rule data is not where it should be."""


def rules_dir() -> Path:
    """The shipped rule data: inside the installed package, or the source checkout's ``rules/``."""
    here = Path(__file__).resolve().parent
    for cand in (here / "rules", here.parent.parent / "rules"):
        if (cand / "classes.txt").is_file():
            return cand
    raise MissingData(f"{here}: the rule data (rules/) is missing from this installation")


def parse_classes(path: Path, problems: list[str]) -> dict[str, frozenset[str]]:
    """``name: word word ...`` lines (``_`` joins a multi-word member); problems as ``file:line: ...``."""
    classes: dict[str, frozenset[str]] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, rest = line.partition(":")
        if not sep or not regex.fullmatch(r"[a-z][a-z0-9-]*", name.strip()):
            problems.append(f"{path}:{n}: expected 'class-name: word word ...'")
            continue
        if name.strip() in classes:
            problems.append(f"{path}:{n}: duplicate class '{name.strip()}'")
        classes[name.strip()] = frozenset(w.replace("_", " ") for w in rest.split())
    return classes


@lru_cache(maxsize=1)
def _shipped() -> dict[str, frozenset[str]]:
    problems: list[str] = []
    classes = parse_classes(rules_dir() / "classes.txt", problems)
    if problems:
        raise MissingData(problems[0])
    return classes


def word_class(name: str) -> frozenset[str]:
    """The shipped word class ``name`` (a KeyError names a class the data lacks: a bug)."""
    return _shipped()[name]


def words_regex(words: frozenset[str]) -> str:
    """Words as one regex group, longest first, any run of spaces inside a member matching
    any run of white space: ``(?:September|May|...)``."""
    alts = sorted(words, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in alts) + ")"


def alternation(*names: str, lower: bool = False) -> str:
    """The members of these shipped classes as one regex group (``words_regex``)."""
    words = frozenset().union(*(word_class(n) for n in names))
    return words_regex(frozenset(w.lower() for w in words) if lower else words)
