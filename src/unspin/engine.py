"""The one pipeline: text -> protected regions -> passes -> edits -> resolved edits -> text.

``check``, ``fix`` and ``diff`` are all views of the ``Result`` this returns.
"""
from __future__ import annotations

from dataclasses import replace

from . import evidence, loader
from .document import Document
from .model import Edit, Options, Result
from .passes import PASSES, SPIN_PASSES, WORD_PASSES
from .resolve import FLAGS, Rounds, apply, resolve

MAX_ROUNDS = 3  # word rules completed by an earlier round's output; a chain longer than this is a bug


def find_edits(doc: Document, passes=PASSES) -> list[Edit]:
    return [e for run_pass in passes for e in run_pass(doc)
            if doc.options.wants(e.rule, e.category) and (e.replacement != e.original or e.rule in FLAGS)]


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
    applied = _complete(text, applied, rules, options, spin)
    return Result(text, apply(text, applied), applied, suggestions, spin)


def _complete(text: str, applied: list[Edit], rules, options: Options, spin) -> list[Edit]:
    """Run the word rules again where the repair changed the text, so that fix(fix(x)) == fix(x):
    an edit whose key the first round's output completed joins that output in one edit."""
    for _ in range(MAX_ROUNDS):
        rounds = Rounds(text, applied)
        if not rounds.changed:
            break
        doc = Document(rounds.text, rules, options, plain=True)
        fresh = [e for e in find_edits(doc, WORD_PASSES) if rounds.touches(e)]
        if not fresh:
            break
        later, _ = resolve(fresh, doc.protection, rules, options, rounds.mapped(spin))
        if not later:
            break
        applied = rounds.compose(later)
    return applied


def check(text: str, options: Options | None = None, **settings) -> list[Edit]:
    """Every finding, applied or held back, in text order."""
    return repair(text, options, **settings).findings
