"""Idempotence on the cases that once failed and on every corpus file; quiet on clean text:
list markers, mailto: links, settings and documentation words are left alone."""

from pathlib import Path

import pytest

from unspin import Options, repair
from unspin.files import markup_for

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("Regulators have actually additionally approved it.", "Regulators have also approved it."),
        ("It was over.September30 The match", "It was over. September 30 The match"),
        ("Two cars.Friday,and more", "Two cars. Friday, and more"),
        (
            "He said the celebration would certainly additionally introduce a prize.",
            "He said the celebration would also introduce a prize.",
        ),
        ("the , ,thethe ", "the, the "),  # found by scripts/fuzz_idempotence.py
    ],
)
def test_one_run_reaches_the_fixed_point(text, fixed):
    once = repair(text).text
    assert once == fixed
    assert repair(once).text == once


@pytest.mark.parametrize("path", sorted((ROOT / "corpora").glob("**/*.txt")), ids=lambda p: p.name)
def test_every_corpus_file_is_a_fixed_point_after_one_run(path):
    options = Options(markup=markup_for(str(path)))
    once = repair(path.read_text(encoding="utf-8"), options).text
    assert repair(once, options).text == once


@pytest.mark.parametrize(
    "text",
    [
        "Choose one:\na) the red cable\nb) the green cable\n",
        "The steps:\n1) Install it.\n2) Run it.\n",
        "The licence permits i) copying and ii) changing the work, subject to a) notice and b) credit.",
    ],
)
def test_list_markers_are_not_unbalanced_brackets(text):
    assert [e for e in repair(text).findings if e.rule == "mt.unbalanced"] == []


def test_real_unbalanced_brackets_are_still_flagged():
    found = [e.original for e in repair("It works fine) and (so does this.").findings if e.rule == "mt.unbalanced"]
    assert found == [")", "("]


@pytest.mark.parametrize(
    "text",
    [
        "Send mail to mailto:bob@example.org today.",
        "Set receive.denyCurrentBranch=updateInstead in the server's configuration.",
        "Run it with color=auto and pager=lessSecure on the command line.",
        "Please update the todo list before the meeting.",
        "Each todo item has an owner.",
    ],
)
def test_no_safe_edit_in_links_settings_or_documentation_words(text):
    assert repair(text).applied == []


def test_todo_as_a_glue_is_still_split():
    assert repair("There is a lot todo before Friday.").text == "There is a lot to do before Friday."
