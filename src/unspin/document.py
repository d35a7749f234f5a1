"""What every pass reads: the text with its words, protected regions and the loaded rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from . import suppress
from .loader import Rule, RuleSet
from .model import Edit, Options
from .protect import Protection, find_regions
from .reading import Reading

if TYPE_CHECKING:
    from .evidence import SpinReport


@dataclass
class Document:
    text: str
    rules: RuleSet
    options: Options = field(default_factory=Options)
    #: how spun the text reads (evidence.SpinReport), judged from the first passes' findings;
    #: the spin passes (``passes.SPIN_PASSES``) read it. None: not judged (everywhere counts)
    spin: SpinReport | None = None
    #: a second reading of text unspin has just repaired (``engine``): glued and broken words
    #: are not looked for again, only the word rules run
    plain: bool = False
    #: whether the text reads as software documentation; None: judged from the text itself
    #: (a second reading takes the verdict of the whole text, not of its changed lines)
    technical: bool | None = None

    def spin_spans(self) -> list[tuple[int, int]]:
        """Where a spin pass should look: where the text reads as spun; everywhere when the user
        asked for every finding (``--all-findings``) or nothing has been judged yet."""
        if self.spin is None or self.options.all_findings:
            return [(0, len(self.text))]
        return self.spin.unlocked_spans(len(self.text))

    @cached_property
    def protection(self) -> Protection:
        extra = suppress.regions(self.text)
        if self.options.markup != "text":
            from . import markup  # parsers load only for Markdown and HTML files

            extra += markup.regions(self.text, self.options.markup)
        return find_regions(self.text, quotes=self.options.protect_quotes, extra=extra)

    @cached_property
    def rule_suppressions(self) -> list[suppress.RuleSpan]:
        """Lines where 'unspin: ignore[RULE, ...]' turns off only the rules it names."""
        return suppress.rule_spans(self.text)

    def suppressed(self, start: int, rule: str, category: str) -> bool:
        """Whether an edit of ``rule`` at ``start`` is on a line whose comment suppresses it."""
        spans = self.rule_suppressions
        return bool(spans) and suppress.suppressed(spans, start, rule, category)

    @cached_property
    def protected_words(self) -> frozenset[str]:
        shipped = self.rules.classes.get("protected", frozenset())
        return frozenset(shipped | self.options.protected_words)

    @cached_property
    def reading(self) -> Reading:
        """The facts about the text the passes share (words, glue cuts, damaged paragraphs ...)."""
        return Reading(self.text, self.rules.classes, self.protected_words, plain=self.plain, technical=self.technical)

    def edit(self, start: int, end: int, replacement: str, rule: Rule | str, reason: str = "") -> Edit:
        """An edit for ``rule`` (a Rule or the id of a pass rule in the data)."""
        if isinstance(rule, str):
            rule = self.rules.rules[rule]
        return Edit(
            start,
            end,
            replacement,
            rule.id,
            rule.category,
            rule.safe,
            reason or rule.reason,
            self.text[start:end],
            spin=rule.spin,
        )
