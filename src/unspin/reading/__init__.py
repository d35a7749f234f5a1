"""The reading of a text: the facts every pass needs, each computed once, on first use.

A pass reads the document's ``Reading`` and never another pass: where glued tokens split,
which paragraphs show PDF-style damage, the words as a reader sees them, the runs of doubled
words. The facts are worked out by the modules beside this one, each a set of pure functions
over the reading (``glued``: tokens run together; ``breaks``: words broken by hyphens and
spaces; ``damage``: the paragraphs damaged like PDF extraction; ``views``: the words and the
text with every cut spaced out), so a fact another fact needs is always read from here.

``unspin words FILE`` prints this reading.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from functools import cached_property, partial
from operator import attrgetter, methodcaller

import regex

from ..textutil import WORD_RE, is_sentence_start, lazy
from . import breaks, damage, glued, views
from .records import Glue, Spaced, Word

__all__ = ["Reading", "Word", "Glue", "Spaced"]


#: what software documentation is full of and prose (even spun prose) is not, one kind a pattern
#: (counted kind by kind: eight simple scans cost a third of one scan for all eight)
CODE_TOKENS = tuple(
    lazy(pattern)
    for pattern in (
        r"`[^`\n]+`",  # inline code
        r"\b\w+\((?:\)|\w)",  # calls: run(), f(x)
        r"[{}]",  # braces
        r"\b[a-z]+_[a-z_]+\b",  # snake_case
        r"(?<!\S)--?[a-z][\w-]+",  # command-line options
        r"\b\w+=\S",  # assignments, key=value
        r"\b[a-z]+(?:[A-Z][a-z]+){2,}\b",  # camelCase with two humps: getElementById
        r"\b[a-z]{2,}\.[a-z]{2,}\b(?!\.)",  # dotted names: os.path, net.server
    )
)
#: one identifier per this many words makes a text technical
WORDS_PER_IDENTIFIER = 150


class Reading:
    """The facts about ``text`` that passes share. ``classes`` are the rule data's word classes;
    ``plain`` is a second reading of text unspin has just repaired: nothing is read as glued
    or broken there (the first reading did that), only words. ``technical`` may be given when
    the text is a view of a larger one whose verdict it shares."""

    def __init__(
        self,
        text: str,
        classes: dict[str, frozenset[str]],
        protected_words: frozenset[str] = frozenset(),
        *,
        plain: bool = False,
        technical: bool | None = None,
    ):
        self.text = text
        self.classes = classes
        self.protected_words = protected_words
        self.plain = plain
        if technical is not None:
            self.__dict__["technical"] = technical

    # ------------------------------------------------------------ words
    @cached_property
    def words(self) -> list[Word]:
        """Every word as written (a glued token is one word here)."""
        make = partial(tuple.__new__, Word)  # (C calls only: a text has hundreds of thousands of words)
        return list(map(make, ((*m.span(), m.group(), False, False) for m in WORD_RE.finditer(self.text))))

    @cached_property
    def word_starts(self) -> list[int]:
        return list(map(attrgetter("start"), self.words))

    def word_at(self, pos: int) -> int | None:
        """The index of the word holding ``pos``, if one does."""
        i = bisect_right(self.word_starts, pos) - 1
        return i if i >= 0 and self.words[i].start <= pos < self.words[i].end else None

    @cached_property
    def counts(self) -> Counter[str]:
        """How often each word is written, exactly as written."""
        return Counter(map(attrgetter("text"), self.words))

    @cached_property
    def technical(self) -> bool:
        """The text reads like software documentation: identifiers ('readFile', 'net.Server',
        'user_id', 'run()') at least once per WORDS_PER_IDENTIFIER words. Word-break rules then
        stay quiet, because such text writes compounds and camel case on purpose."""
        hits = sum(len(kind.findall(self.text)) for kind in CODE_TOKENS)
        return hits >= 2 and hits * WORDS_PER_IDENTIFIER >= len(self.words)

    def sentence_start(self, pos: int) -> bool:
        return is_sentence_start(self.text, pos)

    # ------------------------------------------------------------ tokens run together (glued.py)
    @cached_property
    def glue_candidates(self) -> list[regex.Match]:
        """Every word run into a capitalised one ('byGoogle', 'HillClimbing'), found once."""
        return glued.candidates(self)

    @cached_property
    def glued_names(self) -> list[Glue]:
        """A word run into the name after it: 'byGoogle', 'theUnited'."""
        return glued.names(self)

    @cached_property
    def glued_capitals(self) -> list[Glue]:
        """Two capitalised words run together in a damaged paragraph: 'HillClimbing'."""
        return glued.capitals(self)

    @cached_property
    def glued_sure(self) -> tuple[dict[int, int], list[tuple[int, str, bool]]]:
        """Lower-case glues the frequencies settle alone (start -> cut length), and the tokens
        left for a second look in damaged paragraphs ``(start, token, midsentence)``."""
        return glued.sure(self)

    @cached_property
    def glued_words(self) -> dict[int, int]:
        """Start of each lower-case glued token -> the length of its left part: 'thealgorithm'."""
        return glued.words(self)

    @cached_property
    def number_glues(self) -> list[tuple[int, int, str]]:
        """``(start, cut, reason)`` for a number run into a word, or a word into a number."""
        return glued.numbers(self)

    # ------------------------------------------------------------ broken words (breaks.py)
    @cached_property
    def hyphenated(self) -> list[Word]:
        return breaks.hyphenated(self)

    @cached_property
    def hyphen_breaks(self) -> list[tuple[int, int, str]]:
        """``(start, end, joined)`` for a word split by a line-end hyphen: 'organiza-tion'."""
        return breaks.hyphen_breaks(self)

    @cached_property
    def odd(self) -> frozenset[int]:
        """Indexes of the alphabetic words that are no word on their own ('exper', 'einformation')."""
        return breaks.odd(self)

    @cached_property
    def broken_runs(self) -> list[tuple[int, int, str]]:
        """``(start, end, joined)`` for word pieces split by spaces: 'partial ly'."""
        return breaks.broken_runs(self)

    # ------------------------------------------------------------ damage (damage.py)
    @cached_property
    def paragraph_starts(self) -> list[int]:
        return damage.paragraph_starts(self.text)

    def paragraph(self, pos: int) -> int:
        """Which paragraph (blank-line separated) ``pos`` is in."""
        return bisect_right(self.paragraph_starts, pos)

    @cached_property
    def damaged(self) -> frozenset[int]:
        """The paragraphs damaged the way PDF extraction damages text."""
        return damage.damaged(self)

    def damaged_at(self, pos: int) -> bool:
        return bool(self.damaged) and self.paragraph(pos) in self.damaged

    # ------------------------------------------------------------ views (views.py)
    @cached_property
    def cut_facts(self) -> dict[int, tuple[int, str]]:
        """Token start -> (length of its left part, the name of the fact that splits it)."""
        return views.cut_facts(self)

    @cached_property
    def cuts(self) -> dict[int, int]:
        """Token start -> length of its left part, for every token read as two words."""
        return views.cuts(self)

    @cached_property
    def virtual(self) -> list[Word]:
        """The words as a reader sees them: glued tokens in two, 'the.Kremlin' in two."""
        return views.virtual(self)

    @cached_property
    def virtual_norms(self) -> list[str]:
        """The lookup form (``textutil.norm``) of each virtual word."""
        return list(map(methodcaller("replace", "’", "'"), self.virtual_lower))

    @cached_property
    def virtual_lower(self) -> list[str]:
        """Each virtual word in lower case."""
        return list(map(str.lower, map(attrgetter("text"), self.virtual)))

    @cached_property
    def spaced(self) -> Spaced:
        """The text with a space at every cut: pattern rules read 'informedTuesday' as two words."""
        return views.spaced(self)

    @cached_property
    def doubled(self) -> list[list[Word]]:
        """Runs of one word repeated ('with with', 'the theKremlin'), as virtual words."""
        return views.doubled(self)
