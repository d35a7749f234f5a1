"""The data every stage shares: an edit over the original text, and a repair result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # evidence.py imports this module
    from .evidence import SpinReport

#: Categories, in the order a reader meets them in the pipeline.
CATEGORIES = (
    "spacing",
    "boundary",
    "doubled",
    "filler",
    "phrase",
    "context",
    "collocation",
    "pair",
    "style",
    "mt",
    "spelling",
    "grammar",
)


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of the *original* text with ``replacement``."""

    start: int
    end: int
    replacement: str
    rule: str
    category: str
    safe: bool
    reason: str
    original: str = ""
    #: why the edit was not applied although it was found ("" when nothing held it back)
    held: str = ""
    #: the spin tier: applied only where the text is judged spun (suggest-only elsewhere)
    spin: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Edit) -> bool:
        if self.start == self.end or other.start == other.end:
            # pure insertions clash only with an edit strictly around them or at the same point
            if self.start == self.end and other.start == other.end:
                return self.start == other.start
            ins, span = (self, other) if self.start == self.end else (other, self)
            return span.start < ins.start < span.end
        return self.start < other.end and other.start < self.end


@dataclass
class Options:
    """What a caller may switch; the defaults are the safe behaviour."""

    unsafe: bool = False  # also apply suggest-only edits
    protect_quotes: bool = True
    disabled: frozenset[str] = frozenset()  # rule ids or categories turned off
    enabled_only: frozenset[str] = frozenset()  # when set, only these ids/categories run
    protected_words: frozenset[str] = frozenset()
    dictionaries: tuple[str, ...] = ()  # extra dictionary files
    markup: str = "text"  # text | markdown | html | rst: what is prose and what is markup
    grammar: str = ""  # "" (off) | harper | languagetool: a grammar backend's findings too
    languagetool_url: str = ""
    #: auto: spin evidence decides where spin-tier edits apply; on: treat the text as spun;
    #: off: never (spin-tier edits stay suggestions)
    spin: str = "auto"
    #: also report weak findings (unidiomatic pairs) in text that does not read as spun
    all_findings: bool = False

    def wants(self, rule: str, category: str) -> bool:
        if rule in self.disabled or category in self.disabled:
            return False
        if self.enabled_only:
            return rule in self.enabled_only or category in self.enabled_only
        return True


@dataclass
class Result:
    """The outcome of one repair: the repaired text and the edits that made it."""

    original: str
    text: str
    applied: list[Edit] = field(default_factory=list)
    #: found but not applied: suggest-only, or inside a protected region
    suggestions: list[Edit] = field(default_factory=list)
    #: how spun the text reads (evidence.SpinReport); None when not assessed
    spin: SpinReport | None = None

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def findings(self) -> list[Edit]:
        return sorted(self.applied + self.suggestions, key=lambda e: (e.start, e.end, e.rule))
