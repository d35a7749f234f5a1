"""Broken spacing, lost sentence boundaries and doubled words, on real and hand-made text."""

import pytest

from conftest import shared_path
from unspin import repair

FIXES = [
    ("remarks translated byGoogle He did not", "remarks translated by Google. He did not"),
    ("Syria and theUnited Arab Emirates Peskov informed that", "Syria and the United Arab Emirates. Peskov said that"),
    ("in the largerMiddle East It’s among", "in the wider Middle East. It’s among"),
    ("Aerial view of the Kremlin spots:St Basil’s Cathedral", "Aerial view of the Kremlin spots: St Basil’s Cathedral"),
    ("partnerships in the area– the Kremlin", "partnerships in the area – the Kremlin"),
    ("along with with other players", "along with other players"),
    ("common wordsin the list", "common words in the list"),
    ("we ran thealgorithm ofthe paper", "we ran the algorithm of the paper"),
    ("The Abst ract and the exper iments", "The Abstract and the experiments"),
    ("the p r e d i c t i o n failed", "the prediction failed"),
    ("the the Kremlin and theKremlin the", "the Kremlin and the Kremlin the"),
    ("They met on Friday,and left.", "They met on Friday, and left."),
    ("The results , as shown .", "The results, as shown."),
]

CLEAN = [
    "Russia has ties with Saudi Arabia, Syria and the United Arab Emirates, Peskov said.",
    "President Vladimir Putin met Iranian President Masoud Pezeshkian in Ashgabat on Friday.",
    "She bought an iPhone on eBay, checked it on macOS and posted on YouTube and LinkedIn.",
    "McDonald's, PayPal, FedEx, SpaceX, BlackRock, DeepMind and OpenAI reported results.",
    "LeBron James, Leonardo DiCaprio, John McCain and Shaquille O'Neal attended; so did Tip O'Neill.",
    "The mRNA vaccine used 5 kWh; her PhD was on iOS and JavaScript.",
    "Doors open at 10:30, tickets cost $4.50 and the ratio was 3:1.",
    "See https://example.com/a,b or e-mail press@example.org, and read notes.txt.",
    "The U.S. economy grew, e.g. in retail, i.e. in shops.",
    "Those who had had the vaccine said that that was fine; what it is is a problem.",
    "We trained a bigram model on a treebank with a tokenizer and a hyperparameter search.",
    "The 2010–2014 period was calm – at least on paper – and either red / blue works.",
    "Call setTimeout(run, 10) and getElementById(x) in the script.",
    "Walla Walla and Bora Bora are real places.",
    "THE HEADLINE IS IN CAPITALS AND SO IS THIS.",
    (
        "Call readFile() with the lastIndex flag; the superproject keeps its lockfile and todo list in "
        "/var/lib/git, next to net.Server, {stream.Transform}, ${perl:Depends} and {Linux,Hurd}; use a tty."
    ),
]


@pytest.mark.parametrize("spun,fixed", FIXES)
def test_spacing_fixes(spun, fixed):
    assert repair(spun).text == fixed


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_with_names_and_camel_case_is_untouched(text):
    result = repair(text)
    assert result.text == text, [(e.rule, e.original, e.replacement) for e in result.applied]


def test_damaged_paragraphs_split_common_words_but_never_brands():
    # a glued function word marks the paragraph as damaged; content-word glues are split there only
    damaged = "Ofthe staff, many use PowerPoint, PlayStation, JavaScript and newalgorithms on the YouTube site."
    assert (
        repair(damaged).text
        == "Of the staff, many use PowerPoint, PlayStation, JavaScript and new algorithms on the YouTube site."
    )
    clean = "Many staff use newalgorithms and HillClimbing."
    assert repair(clean).text == clean
    assert repair(clean + "\n\nThey ran thealgorithm.").text == clean + "\n\nThey ran the algorithm."


def test_spinner_glue_does_not_expose_brand_names():
    # a glued name is the spinner's mark, not PDF damage: the brand next to it stays whole
    text = "Operators such asLone Star Power She said GridSight would publish its methods."
    assert repair(text).text == "Operators such as Lone Star Power. She said GridSight would publish its methods."


def test_damaged_paragraphs_keep_british_spellings_and_prefixed_words():
    text = (
        "Ofthe rules, individualising and generalising ones, the colourful centres travelled far; "
        "superordination and supranatural stayed, but the finite-statecomposition and a thankyou split."
    )
    assert repair(text).text == (
        "Of the rules, individualising and generalising ones, the colourful centres travelled far; "
        "superordination and supranatural stayed, but the finite-state composition and a thank you split."
    )


def test_a_space_after_a_slash_is_repaired_in_prose_and_only_suggested_near_code():
    prose = "in charge of safety issues/ nationwide"
    assert repair(prose).text == "in charge of safety issues/nationwide"
    folders = "Put it in the scripts/ folder, or in docs/ and src/ instead."
    assert repair(folders, unsafe=True).text == folders
    technical = "Call run() with --fast; the build output/ release notes go to stdout."
    assert repair(technical).text == technical
    assert "spacing.slash-path" in [e.rule for e in repair(technical).suggestions]


def test_protected_words_from_the_user_are_respected():
    text = "We ship theWidget to every customer."
    assert repair(text).text == "We ship the Widget to every customer."
    assert repair(text, protected_words=frozenset({"theWidget"})).text == text


def test_repair_is_idempotent_on_real_extraction_and_translation_text():
    lines = shared_path("data", "tokenization-repair-acl-dev", "corrupt.txt").read_text(encoding="utf-8").split("\n")
    lines += shared_path("data", "mlqe-pe-dev", "ru-en", "dev.mt").read_text(encoding="utf-8").split("\n")[:300]
    for line in lines:
        once = repair(line, unsafe=True).text
        assert repair(once, unsafe=True).text == once, line


def test_clean_extraction_lines_are_almost_never_touched():
    base = shared_path("data", "tokenization-repair-acl-dev")
    corrupt = (base / "corrupt.txt").read_text(encoding="utf-8").split("\n")
    gold = (base / "spelling.txt").read_text(encoding="utf-8").split("\n")
    touched = [c for c, g in zip(corrupt, gold) if c == g and repair(c).text != c]
    assert len(touched) <= 3, touched
