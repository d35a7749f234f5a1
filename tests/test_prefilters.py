"""The speed shortcuts find exactly what the full scans find: a cheap pattern first, the full
pattern only where it can begin (mt), only letter runs with a lower-to-upper change (glued names)."""

import random

import pytest

from unspin import loader
from unspin.passes import mt
from unspin.reading import Reading, glued

ALPHABET = "ab nN’'\t ,;.?!\"”)]xY2 "
PAIRS = [
    (mt._CONTRACTION_AT, mt._CONTRACTION),
    (mt._BEFORE_MARK_AT, mt._BEFORE_MARK),
    (mt._DOUBLE_PUNCT_AT, mt._DOUBLE_PUNCT),
]


def _texts(alphabet: str, n: int = 4000, seed: int = 7):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
    yield "He do n't know , , and it 's fine ?\nShe said \" no \" !  ,, word.. end..."


@pytest.mark.parametrize("prefilter, pattern", PAIRS, ids=["contraction", "before-mark", "double-punct"])
def test_a_prefiltered_scan_finds_what_the_full_scan_finds(prefilter, pattern):
    for text in _texts(ALPHABET):
        full = [m.span() for m in pattern.finditer(text)]
        fast = [m.span() for m in mt._near(prefilter, pattern, text)]
        assert fast == full, repr(text)


def test_glued_name_candidates_are_the_full_scan():
    classes = loader.load().classes
    for text in _texts("aBcD'’s.-_2 theUSbyGoogle", n=3000):
        reading = Reading(text, classes, technical=False)
        full = [m.span() for m in glued.GLUED_RE.finditer(text)]
        assert [m.span() for m in glued.candidates(reading)] == full, repr(text)
