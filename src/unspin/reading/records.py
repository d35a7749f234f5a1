"""The typed records a reading is made of."""

from __future__ import annotations

from typing import NamedTuple


class Word(NamedTuple):
    """A word of the text: ``text[start:end]``. A glued token read as two words gives two, the
    left one ending at the cut (``before_cut``) and the right one starting there (``after_cut``)."""

    start: int
    end: int
    text: str
    after_cut: bool = False
    before_cut: bool = False


class Glue(NamedTuple):
    """A glued token and where it splits: ``text[start:cut] + ' ' + text[cut:end]``."""

    start: int
    cut: int
    end: int


class Spaced(NamedTuple):
    """The text with a space added at every cut, and where the added spaces sit in it (sorted)."""

    text: str
    inserted: list[int]
