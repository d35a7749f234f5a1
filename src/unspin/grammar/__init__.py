"""Grammar backends: another checker's findings as unspin edits (report-only).

A backend is a function ``(text, options) -> list[Edit]``. Harper (harper-py) runs in
process and offline; LanguageTool needs its own Java server or directory.
"""

from __future__ import annotations

from ..document import Document
from ..model import Edit

#: the rule ids this pass emits: one per backend, each standing for its checker's own ids by a
#: prefix ('prefix: HARPER:' in rules/passes.rules); the backends declare theirs too
RULES = frozenset({"grammar.harper", "grammar.languagetool"})


class GrammarError(Exception):
    """The requested backend cannot run; the message is one line for the user."""


def names_and_repeats(doc: Document, start: int, end: int) -> bool:
    """A flagged 'misspelling' to drop: a name, a repeated or protected word, or a word English
    word lists know (British spellings among them: defence, organised, programme)."""
    from .. import freq, segment

    word = doc.text[start:end]
    if not word or word[:1].isupper() or word in doc.protected_words or doc.text.count(word) > 1:
        return True
    low = word.lower()
    return (
        segment.known(low, 1)
        or low in freq.frequent_lexicon()
        or all(segment.known(part, 1) for part in low.replace("’", "'").split("-") if part)
    )


def edits(doc: Document) -> list[Edit]:
    backend = doc.options.grammar
    if not backend:
        return []
    if backend == "harper":
        from .harper import edits as run
    elif backend == "languagetool":
        from .languagetool import edits as run
    else:
        raise GrammarError(f"unknown grammar backend '{backend}' (use harper or languagetool)")
    return run(doc)
