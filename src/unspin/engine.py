"""The one pipeline: text -> protected regions -> passes -> edits -> resolved edits -> text.

``check``, ``fix`` and ``diff`` are all views of the ``Result`` this returns.
"""
from __future__ import annotations

from dataclasses import replace

from . import evidence, loader
from .document import Document
from .model import Edit, Options, Result
from .passes import PASSES, SPIN_PASSES
from .resolve import FLAGS, apply, resolve


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
    return Result(text, apply(text, applied), applied, suggestions, spin)


def check(text: str, options: Options | None = None, **settings) -> list[Edit]:
    """Every finding, applied or held back, in text order."""
    return repair(text, options, **settings).findings
