"""Table tests for the word-break decisions, each function on its own: real cases, each with
the answer expected, both where the decision fires and where it must not.

- ``segment.split_glued``: where a glued token splits ('thealgorithm' -> 'the|algorithm'),
  and words that must stay whole ('therapist', 'together', 'nowhere').
- ``segment.shift_space``: a space a letter or two out of place ('th einformation'), and the
  same through the whole engine, where the pass chooses the neighbours to ask about.
- the damage gate: whether a position lies in a paragraph damaged the way PDF extraction
  damages text; reached only through the adapter ``damaged`` below.
"""

import pytest

from unspin import loader, repair, segment
from unspin.document import Document

RULES = loader.load()


def damaged(text: str, pos: int) -> bool:
    """The damage gate: is ``pos`` in a paragraph damaged like PDF extraction? (A fact of the
    document's reading, ``unspin.reading.damage``.)"""
    return Document(text, RULES).reading.damaged_at(pos)


# ------------------------------------------------------------------ split_glued
# (token, settings, expected split as 'left|right', or the token itself: leave it whole)
SPLITS = [
    # function words glued to a neighbour
    ("thealgorithm", {}, "the|algorithm"),
    ("Thealgorithm", {}, "The|algorithm"),
    ("ofthe", {}, "of|the"),
    ("inthe", {}, "in|the"),
    ("bothof", {}, "both|of"),
    ("ifit", {}, "if|it"),
    ("itis", {}, "it|is"),
    ("relatedto", {}, "related|to"),
    ("ifnecessary", {}, "if|necessary"),
    ("anyreliable", {}, "any|reliable"),
    ("scopingin", {}, "scoping|in"),
    ("Proceedingsof", {"midsentence": True}, "Proceedings|of"),
    ("Eitherby", {}, "Either|by"),
    ("ina", {}, "in|a"),
    ("fora", {}, "for|a"),
    ("thethe", {}, "the|the"),
    # two long common content words
    ("businessappointments", {}, "business|appointments"),
    ("speechrecognition", {}, "speech|recognition"),
    # only in damaged text: two content words, or a function word before a rare word
    ("newalgorithms", {}, "newalgorithms"),
    ("newalgorithms", {"damaged": True}, "new|algorithms"),
    ("discriminantanalysis", {}, "discriminantanalysis"),
    ("discriminantanalysis", {"damaged": True}, "discriminant|analysis"),
    ("theintonational", {}, "theintonational"),
    ("theintonational", {"damaged": True}, "the|intonational"),
    # real words that contain words: whole, damaged or not
    ("therapist", {}, "therapist"),
    ("therapist", {"damaged": True}, "therapist"),
    ("together", {}, "together"),
    ("nowhere", {}, "nowhere"),
    ("nowhere", {"damaged": True}, "nowhere"),
    ("theory", {}, "theory"),
    ("another", {}, "another"),
    ("notable", {}, "notable"),
    ("infamous", {}, "infamous"),
    ("island", {}, "island"),
    ("atone", {}, "atone"),
    ("isa", {}, "isa"),  # a term, unlike 'ina'
    # compounds and jargon written solid; capitalised words read as names
    ("treebank", {}, "treebank"),
    ("docstring", {}, "docstring"),
    ("tokenizer", {}, "tokenizer"),
    ("Kingsmere", {}, "Kingsmere"),
    ("Eastmouth", {}, "Eastmouth"),
    ("Theresa", {}, "Theresa"),
    ("Wearing", {}, "Wearing"),
    # a typo of a common word, not two words
    ("toether", {}, "toether"),
]


@pytest.mark.parametrize("token,settings,expected", SPLITS, ids=[f"{t}-{'-'.join(s) or 'plain'}" for t, s, _ in SPLITS])
def test_split_glued(token, settings, expected):
    cut = segment.split_glued(token, **settings)
    assert (f"{token[:cut]}|{token[cut:]}" if cut else token) == expected


# ------------------------------------------------------------------ shift_space
# (left, right, donor_may_be_word, expected pair or None)
SHIFTS = [
    ("th", "einformation", False, ("the", "information")),
    ("Th", "eresults", False, ("The", "results")),
    ("th", "eresults", False, ("the", "results")),
    ("o", "fthe", False, ("of", "the")),
    ("identificatio", "nof", False, ("identification", "of")),
    ("informatio", "nabout", False, ("information", "about")),
    ("resul", "tsof", False, ("results", "of")),
    ("experiment", "sshow", False, ("experiments", "show")),
    ("wit", "hthe", False, ("with", "the")),
    ("an", "dthe", False, ("and", "the")),
    ("abou", "tthe", False, ("about", "the")),
    # two words: only when the caller allows the donor to be a word
    ("restriction", "son", True, ("restrictions", "on")),
    ("restriction", "son", False, None),
    ("whic", "his", False, None),  # 'his' is a word: a letter was lost, not moved
    ("applications", "uch", False, None),  # 'applications' gives up nothing: a lost letter
    ("meant", "o", False, None),
    ("her", "son", False, None),
    ("her", "son", True, None),
    ("the", "information", False, None),
    ("the", "information", True, None),
    ("ion", "beam", False, None),
    ("th", "element", False, None),
    # names and foreign words
    ("Le", "Pen", False, None),
    ("de", "Janeiro", False, None),
    ("Forme", "et", False, None),
    ("th", "eNATO", False, None),
    # a broken word is a join, not a shift; too short or not letters
    ("bet", "ween", False, None),
    ("fur", "ther", False, None),
    ("ab", "c", False, None),
    ("v2", "beta", False, None),
]


@pytest.mark.parametrize(
    "left,right,donor_may_be_word,expected", SHIFTS, ids=[f"{a} {b}{'-words' if w else ''}" for a, b, w, _ in SHIFTS]
)
def test_shift_space(left, right, donor_may_be_word, expected):
    assert segment.shift_space(left, right, donor_may_be_word=donor_may_be_word) == expected


# (sentence, what the whole engine makes of it with unsafe=True): the word-break pass decides
# which neighbours shift_space is asked about; two real words go only where no known pair
# backs them as written ('her son', 'the year' are attested, 'restriction son' is not)
SHIFTS_IN_CONTEXT = [
    ("Most of th einformation came from the survey.", "Most of the information came from the survey."),
    ("The rules o fthe game changed.", "The rules of the game changed."),
    ("Early identificatio nof the fault saved the bridge.", "Early identification of the fault saved the bridge."),
    ("New restriction son imports were announced.", "New restrictions on imports were announced."),
    ("The restriction was lifted and her son came home.", None),
    ("The show of the year sold well.", None),
    ("The ion beam and the th element were measured.", None),
    ("The Le Pen campaign met in Rio de Janeiro.", None),
]


@pytest.mark.parametrize("text,expected", SHIFTS_IN_CONTEXT, ids=[t for t, _ in SHIFTS_IN_CONTEXT])
def test_shift_space_in_context(text, expected):
    assert repair(text, unsafe=True).text == (expected or text)


# ------------------------------------------------------------------ the damage gate
# (text, a word in it whose position is asked about, expected)
DAMAGE = [
    # glued function words mark the paragraph, everywhere in it
    ("We ran thealgorithm twice and then two newalgorithms.", "newalgorithms", True),
    ("We ran thealgorithm twice and then two newalgorithms.", "ran", True),
    ("The results are relatedto the input size.", "results", True),
    ("Most ofthe samples were taken in winter.", "samples", True),
    ("The results were published inthe journal last year.", "year", True),
    # line-end hyphen breaks
    ("The tech-niques were tested on a small sample.", "sample", True),
    ("We compared the organiza-tion of both teams.", "teams", True),
    # a paragraph is the unit: a blank line ends the damage, a line break does not
    ("We ran thealgorithm twice.\n\nThe second paragraph is clean prose about rain.", "twice", True),
    ("We ran thealgorithm twice.\n\nThe second paragraph is clean prose about rain.", "rain", False),
    ("The first line is clean prose.\nWe ran thealgorithm twice on one line.", "clean", True),
    # clean prose
    ("The minister said on Monday that talks would resume next week.", "talks", False),
    ("The co-op reported record sales and better well-being among staff.", "sales", False),
    ("We ran the algorithm on a treebank with a tokenizer.", "treebank", False),
    ("The firm made businessappointments in March.", "firm", False),  # two content words: no damage sign
    # spun news: glued names are the spinner's, not extraction damage
    ("The deal was announced byGoogle on Tuesday, the company said.", "deal", False),
    ("Shares in GridSight rose after the launch byGoogle and byMicrosoft.", "Shares", False),
    ("Tension grew as the Kremlin informed Tuesday it had no purpose of deserting Iran.", "Kremlin", False),
    # software documentation writes compounds solid: no damage read there
    ("Call run() on thealgorithm with key=value and user_id set.", "Call", False),
]


@pytest.mark.parametrize("text,at,expected", DAMAGE, ids=[f"{n}-{at}" for n, (_, at, _) in enumerate(DAMAGE)])
def test_damage_gate(text, at, expected):
    assert damaged(text, text.index(at)) is expected
