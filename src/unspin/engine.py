"""The one pipeline: text -> protected regions -> passes -> edits -> resolved edits -> text.

``check``, ``fix`` and ``diff`` are all views of the ``Result`` this returns.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from dataclasses import replace

from . import evidence, loader
from .document import Document
from .model import Edit, Options, Result
from .passes import PASSES, SPIN_PASSES, WORD_PASSES
from .protect import Protection
from .resolve import Rounds, apply, resolve

MAX_ROUNDS = 3  # word rules completed by an earlier round's output; a chain longer than this is a bug

#: pass name -> the rule ids its module declares (``RULES``): 'spacing' for unspin.passes.spacing
DECLARED = {
    module.__name__.rsplit(".", 1)[-1]: module.RULES
    for module in {sys.modules[run_pass.__module__] for run_pass in PASSES + SPIN_PASSES}
}
# every rule set, as it loads, is checked against what the passes declare (both ways)
loader.CHECKS.append(lambda rules: loader.check_passes(rules, DECLARED))


def find_edits(doc: Document, passes=PASSES) -> list[Edit]:
    return [
        e
        for run_pass in passes
        for e in run_pass(doc)
        if doc.options.wants(e.rule, e.category)
        and (e.replacement != e.original or _flag(doc.rules, e.rule))
        and not doc.suppressed(e.start, e.rule, e.category)
    ]


def read(text: str, options: Options | None = None, **settings) -> Document:
    """The document as every pass reads it (``unspin words`` shows its reading)."""
    options = replace(options or Options(), **settings)
    return Document(text, loader.load(options.dictionaries), options)


def _flag(rules: loader.RuleSet, rule_id: str) -> bool:
    """A flag's edit replaces a span by itself: it points at a problem and changes nothing."""
    rule = rules.lookup(rule_id)
    return rule is not None and rule.flag


def repair(text: str, options: Options | None = None, **settings) -> Result:
    """Repair ``text``; ``settings`` are ``Options`` fields (``unsafe=True`` ...)."""
    options = replace(options or Options(), **settings)
    rules = loader.load(options.dictionaries)
    doc = Document(text, rules, options)
    candidates = find_edits(doc)
    spin = evidence.assess(text, candidates, lambda s, e: bool(doc.protection.hit(s, e)), options.spin)
    doc.spin = spin
    candidates += find_edits(doc, SPIN_PASSES)
    applied, suggestions = resolve(candidates, doc.protection, rules, options, spin)
    applied = _complete(text, applied, rules, options, doc)
    return Result(text, apply(text, applied), applied, suggestions, spin)


def _complete(text: str, applied: list[Edit], rules, options: Options, first: Document) -> list[Edit]:
    """Run the word rules again where the repair changed the text, so that fix(fix(x)) == fix(x):
    an edit whose key, neighbour or sentence an earlier edit completed joins it in one edit.

    Only the lines that changed are read again, and what the original text protects (quotations,
    names, code) stays protected, whatever the repaired line looks like on its own."""
    for _ in range(MAX_ROUNDS):
        rounds = Rounds(text, applied)
        windows = rounds.changed_lines()
        if not windows:
            break
        view = "\n".join(rounds.text[a:b] for a, b in windows)
        starts, at = [], 0
        for a, b in windows:
            starts.append((at, a))
            at += b - a + 1
        # whether the text is technical is a fact about the whole text, not the view
        doc = Document(view, rules, options, plain=True, technical=first.reading.technical)

        def to_repaired(pos: int, starts=starts) -> int:
            i = bisect_right(starts, (pos, float("inf"))) - 1
            return starts[i][1] + pos - starts[i][0]

        fresh = [shift(e, to_repaired(e.start) - e.start) for e in find_edits(doc, WORD_PASSES)]
        fresh = [
            e
            for e in fresh
            if rounds.touches(e)
            and not first.protection.hit(rounds.to_original(e.start), rounds.to_original(e.end), _allow(rules, e))
            and not first.suppressed(rounds.to_original(e.start), e.rule, e.category)
        ]
        if not fresh:
            break
        later, _ = resolve(fresh, Protection([]), rules, options, rounds.mapped(first.spin))
        if not later:
            break
        applied = rounds.compose(later)
    return applied


def _allow(rules, e: Edit) -> frozenset[str]:
    rule = rules.lookup(e.rule)
    return rule.allow if rule else frozenset()


def shift(e: Edit, by: int) -> Edit:
    return replace(e, start=e.start + by, end=e.end + by)


def check(text: str, options: Options | None = None, **settings) -> list[Edit]:
    """Every finding, applied or held back, in text order."""
    return repair(text, options, **settings).findings
