"""Small pure helpers over text: words with offsets, sentence spans, case transfer."""

from __future__ import annotations

import regex

#: A word: letters/digits, with inner apostrophes, hyphens or dots (``it's``, ``one-way``, ``U.S``).
WORD_RE = regex.compile(r"[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*")
SENTENCE_END_RE = regex.compile(r"[.!?][\"'”’)\]]*\s+|\n")
_OPENERS = "\"'“‘([{«—–- \t"


class lazy:
    """A regular expression compiled on first use (keeps start-up fast for passes that rarely fire)."""

    def __init__(self, pattern: str, flags: int = 0):
        self._args, self._compiled = (pattern, flags), None

    def __getattr__(self, name):
        if self._compiled is None:
            self._compiled = regex.compile(*self._args)
        return getattr(self._compiled, name)


def words(text: str, start: int = 0, end: int | None = None):
    """Yield ``(start, end, word)`` for every word in ``text[start:end]``."""
    for m in WORD_RE.finditer(text, start, len(text) if end is None else end):
        yield m.start(), m.end(), m.group()


_LETTER_RUN = regex.compile(r"\p{L}*")


def letters_at(text: str, pos: int) -> str:
    """The run of letters starting at ``pos`` ('' when none does)."""
    m = _LETTER_RUN.match(text, pos)
    return m.group() if m else ""


def norm(word: str) -> str:
    """Lookup form of a word: lower case, typographic apostrophe folded."""
    return word.replace("’", "'").lower()


def tokenize_key(phrase: str) -> tuple[str, ...]:
    """The word tuple a dictionary key stands for (what the matcher looks up)."""
    return tuple(norm(w) for _, _, w in words(phrase))


def is_sentence_start(text: str, pos: int) -> bool:
    """True when ``pos`` begins a sentence: only openers/space between it and a stop or line start."""
    i = pos - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i < 0 or text[i] in "\n\r":
        return True
    if text[i] in ".!?:":
        return i + 1 < len(text) and (text[i + 1].isspace() or text[i + 1] in "\"“‘'")
    return text[i] in "\"”’'" and i > 0 and text[i - 1] in ".!?"


def has_capital(word: str) -> bool:
    return any(c.isupper() for c in word)


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence (or line) around ``pos``, as a rough ``(start, end)`` span."""
    start = 0
    for m in SENTENCE_END_RE.finditer(text, max(0, pos - 600), pos):
        start = m.end()
    after = SENTENCE_END_RE.search(text, pos)
    return start, (after.start() + 1 if after else len(text))


def transfer_case(source: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``source`` (lower, Title or UPPER)."""
    letters = [c for c in source if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement
