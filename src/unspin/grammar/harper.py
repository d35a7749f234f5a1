"""Harper (harper-py, offline, no Java): its lints as findings 'HARPER:<kind>'."""

from __future__ import annotations

from functools import lru_cache

from ..document import Document
from ..model import Edit
from . import GrammarError, names_and_repeats

#: its findings 'HARPER:<kind>' belong to this rule ('prefix: HARPER:' in rules/passes.rules)
RULES = frozenset({"grammar.harper"})

SPELLING_KINDS = {"Spelling", "Typo"}


@lru_cache(maxsize=1)
def linter():
    try:
        from harper import Linter
    except ImportError:
        raise GrammarError("the harper backend needs harper-py: pip install 'unspin[harper]'") from None
    return Linter()


def edits(doc: Document) -> list[Edit]:
    out = []
    for lint in linter().lint(doc.text):
        start, end = lint.span.start, lint.span.end
        kind = lint.lint_kind
        if kind in SPELLING_KINDS and names_and_repeats(doc, start, end):
            continue  # names are not typos: Pezeshkian, Peskov, Ozcelik
        suggestions = [s.replacement_text for s in lint.suggestions]
        original = doc.text[start:end]
        replacement = suggestions[0] if suggestions else original
        out.append(Edit(start, end, replacement, f"HARPER:{kind}", "grammar", False, lint.message, original))
    return out
