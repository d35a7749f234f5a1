"""What every pass reads: the text with its words, protected regions and the loaded rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import regex

from . import suppress
from .loader import Rule, RuleSet
from .model import Edit, Options
from .protect import Protection, find_regions
from .textutil import is_sentence_start, words

#: what software documentation is full of and prose (even spun prose) is not
CODE_TOKEN = regex.compile(
    r"`[^`\n]+`"  # inline code
    r"|\b\w+\((?:\)|\w)"  # calls: run(), f(x)
    r"|[{}]"  # braces
    r"|\b[a-z]+_[a-z_]+\b"  # snake_case
    r"|(?<!\S)--?[a-z][\w-]+"  # command-line options
    r"|\b\w+=\S"  # assignments, key=value
    r"|\b[a-z]+(?:[A-Z][a-z]+){2,}\b"  # camelCase with two humps: getElementById
    r"|\b[a-z]{2,}\.[a-z]{2,}\b(?!\.)"  # dotted names: os.path, net.server
)


@dataclass
class Document:
    text: str
    rules: RuleSet
    options: Options = field(default_factory=Options)
    #: facts one pass derives and another reuses (e.g. where glued words split), by name
    memo: dict = field(default_factory=dict)
    #: how spun the text reads (evidence.SpinReport), judged from the first passes' findings;
    #: the spin passes (``passes.SPIN_PASSES``) read it. None: not judged (everywhere counts)
    spin: object = None
    #: a second reading of text unspin has just repaired (``engine``): glued and broken words
    #: are not looked for again, only the word rules run
    plain: bool = False

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
    def tokens(self) -> list[tuple[int, int, str]]:
        return list(words(self.text))

    @cached_property
    def token_starts(self) -> list[int]:
        return [t[0] for t in self.tokens]

    @cached_property
    def protected_words(self) -> frozenset[str]:
        shipped = self.rules.classes.get("protected", frozenset())
        return frozenset(shipped | self.options.protected_words)

    @cached_property
    def technical(self) -> bool:
        """The text reads like software documentation: identifiers ('readFile', 'net.Server',
        'user_id', 'run()') at least once per 150 words. Word-break rules then stay quiet,
        because such text writes compounds and camel case on purpose."""
        hits = len(CODE_TOKEN.findall(self.text))
        return hits >= 2 and hits * 150 >= len(self.tokens)

    def sentence_start(self, pos: int) -> bool:
        return is_sentence_start(self.text, pos)

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
