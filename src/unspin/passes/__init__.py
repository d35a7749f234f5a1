"""The passes: each is a pure function ``(Document) -> list[Edit]``, run in this order.

A new pass is a module here with an ``edits`` function, listed in ``PASSES`` (or in
``SPIN_PASSES`` when it only matters in spun text).
"""

from .. import grammar
from . import boundary, collocations, context, doubled, mt, pairs, phrases, spacing, spelling, wordbreak

PASSES = (
    spacing.edits,
    wordbreak.edits,
    boundary.edits,
    doubled.edits,
    mt.edits,
    phrases.edits,
    context.edits,
    pairs.edits,
    spelling.edits,
    grammar.edits,
)

#: passes that run after the text is judged (``Document.spin``) and look only where it reads as
#: spun: their findings matter nowhere else, and they are the costly ones
SPIN_PASSES = (collocations.edits,)

#: the word rules, run once more on the repaired text where it changed (``engine``): one rule's
#: output can complete another's key ('actual estate programmers' -> 'real estate programmers'
#: -> 'real estate developers'), and that must not be left for a second run
WORD_PASSES = (phrases.edits, context.edits)
