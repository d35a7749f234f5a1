"""LanguageTool through language-tool-python: a local LanguageTool directory
(LTP_JAR_DIR_PATH) or a server (--languagetool-url). Its matches become findings 'LT:<rule>'."""

from __future__ import annotations

import os
from functools import lru_cache

from ..document import Document
from ..model import Edit
from . import GrammarError, names_and_repeats

#: its findings 'LT:<rule>' belong to this rule ('prefix: LT:' in rules/passes.rules)
RULES = frozenset({"grammar.languagetool"})

SPELLING_ISSUES = {"misspelling"}


@lru_cache(maxsize=4)
def tool(url: str, language: str = "en-US"):
    try:
        import language_tool_python
    except ImportError:
        raise GrammarError(
            "the languagetool backend needs language-tool-python: pip install 'unspin[languagetool]'"
        ) from None
    if not url and not os.environ.get("LTP_JAR_DIR_PATH"):
        raise GrammarError(
            "LanguageTool needs a server (--languagetool-url URL) or a local LanguageTool "
            "directory (LTP_JAR_DIR_PATH); neither is set"
        )
    try:
        return language_tool_python.LanguageTool(language, remote_server=url or None)
    except Exception as exc:  # the library raises several kinds; all mean "not available"
        raise GrammarError(f"LanguageTool is not available ({type(exc).__name__}: {str(exc)[:200]})") from None


def to_edits(doc: Document, matches) -> list[Edit]:
    """LanguageTool matches (language_tool_python Match objects) -> report-only edits."""
    out = []
    for m in matches:
        start, end = m.offset, m.offset + m.error_length
        if m.rule_issue_type in SPELLING_ISSUES and names_and_repeats(doc, start, end):
            continue
        original = doc.text[start:end]
        replacement = m.replacements[0] if m.replacements else original
        out.append(Edit(start, end, replacement, f"LT:{m.rule_id}", "grammar", False, m.message, original))
    return out


def edits(doc: Document) -> list[Edit]:
    try:
        matches = tool(doc.options.languagetool_url).check(doc.text)
    except GrammarError:
        raise
    except Exception as exc:
        raise GrammarError(f"LanguageTool failed ({type(exc).__name__}: {str(exc)[:200]})") from None
    return to_edits(doc, matches)
