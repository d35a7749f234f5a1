"""The passes: each is a pure function ``(Document) -> list[Edit]``, run in this order.

A new pass is a module here with an ``edits`` function, listed in ``PASSES``.
"""
from .. import grammar
from . import boundary, collocations, context, doubled, mt, pairs, phrases, spacing, spelling, wordbreak

PASSES = (spacing.edits, wordbreak.edits, boundary.edits, doubled.edits, mt.edits, phrases.edits, context.edits,
          pairs.edits, collocations.edits, spelling.edits, grammar.edits)
