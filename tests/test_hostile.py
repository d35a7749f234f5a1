"""Linear time on hostile input: every input in hostile.INPUTS runs within 20x the per-character
time of prose of the same length (each was minutes or hours at 256K characters before)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile  # noqa: E402

SIZE = 12_000  # characters: a quadratic scan shows as 100x and more at this size
LIMIT = 20


@pytest.fixture(scope="module")
def prose_per_char():
    from unspin import Options, repair

    for markup in ("text", "markdown", "html"):  # tables and parsers load before anything is timed
        repair(hostile.prose(2000), Options(markup=markup))
    return hostile.per_char(hostile.prose(SIZE), "text", rounds=2)


@pytest.mark.parametrize("name", sorted(hostile.INPUTS))
def test_hostile_input_runs_in_linear_time(name, prose_per_char):
    markup, text = hostile.INPUTS[name](SIZE)
    ratio = hostile.per_char(text, markup) / prose_per_char
    if ratio > LIMIT:  # a busy machine: measure again before failing
        ratio = hostile.per_char(text, markup, rounds=2) / prose_per_char
    assert ratio <= LIMIT, f"{name}: {ratio:.0f}x the per-character time of prose"


@pytest.mark.parametrize("size", [40_000, 100_000])
def test_one_enormous_word_is_left_alone_quickly(size, prose_per_char):
    from unspin import repair

    word = hostile.INPUTS["long-word"](size)[1]
    result = repair(f"It said {word} today.")
    assert result.text == f"It said {word} today."
    assert hostile.per_char(word, "text") / prose_per_char <= LIMIT
