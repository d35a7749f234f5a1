"""Machine-translation cleanup, spelling and the grammar backends (Harper, LanguageTool)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run
from unspin import check, repair
from unspin.document import Document
from unspin.loader import load
from unspin.model import Options
from unspin.passes.mt import moses_tokenized

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "kremlin-iran-spun.txt").read_text(encoding="utf-8")


# ------------------------------------------------------------------ machine translation
def test_tokenized_translation_is_detokenized_without_touching_words():
    mt = 'People want peace , " he continued . " And you [ the US ] make us fight and don \'t pay $ 2 billion ! ! !'
    assert moses_tokenized(mt)
    assert repair(mt).text == (
        'People want peace, "he continued." And you [the US] make us fight and don\'t pay $2 billion!!!'
    )
    assert not moses_tokenized("Prices rose 5%, the bank said. Who knew?")


def test_marks_set_apart_in_prose_and_commands_are_kept_where_they_mean_something():
    # a '!' that wraps onto the next line is the operator, not a sentence end; 'cmake .' is a command
    text = "It added the &&, || and !\noperators. Run cmake . -DX=ON, or see https://example.org/issues .\n"
    assert repair(text).text == text
    assert repair("Who wins ?\nNobody knows.").text == "Who wins?\nNobody knows."


def test_repetition_entities_mojibake_and_flags():
    text = (
        "The council the council the council met &amp; voted; the cafÃ© closed. "
        "The law (passed in May was signed by the president, said officials in the capital city here."
    )
    result = repair(text)
    assert result.text == (
        "The council met & voted; the café closed. "
        "The law (passed in May was signed by the president, said officials in the capital city here."
    )
    flags = [(e.rule, e.original) for e in result.suggestions if e.rule == "mt.unbalanced"]
    assert flags == [("mt.unbalanced", "(")]


def test_fragments_in_another_script_are_flagged_with_their_span():
    text = "The minister said the agreement, известное как пакт, was signed in the capital on Monday morning."
    (flag,) = [e for e in check(text) if e.rule == "mt.foreign-script"]
    assert text[flag.start : flag.end] == "известное как пакт"
    assert repair(text).text == text


def test_html_files_keep_their_entities():
    text = "<p>Smith &amp; Sons</p>"
    assert repair(text, markup="html").text == text
    assert repair("Smith &amp; Sons").text == "Smith & Sons"


# ------------------------------------------------------------------ spelling
def test_spelling_reports_typos_but_not_names_or_british_spellings():
    findings = [e for e in check(SEED) if e.category == "spelling"]
    assert findings == []  # Pezeshkian, Peskov, Prokofyev, Ozcelik, Ashgabat, manoeuvring, minimise, theatres
    (typo,) = [e for e in check("The goverment met on Monday.") if e.category == "spelling"]
    assert (typo.original, typo.replacement, typo.held) == ("goverment", "government", "report only")
    assert repair("The goverment met on Monday.").text == "The goverment met on Monday."


def test_spelling_exempts_repeated_and_protected_words():
    text = "The zorblat rose. Every zorblat fell."
    assert [e.original for e in check(text) if e.category == "spelling"] == []
    assert [
        e.original
        for e in check("A frobnicatte ran.", protected_words=frozenset({"frobnicatte"}))
        if e.category == "spelling"
    ] == []


# ------------------------------------------------------------------ Harper
def test_harper_findings_are_report_only_and_skip_names():
    pytest.importorskip("harper")
    text = "Ozcelik said he go to Ashgabat. Pezeshkian agreed."
    findings = [e for e in check(text, grammar="harper") if e.category == "grammar"]
    assert [(e.rule, e.original, e.replacement) for e in findings] == [("HARPER:Agreement", "go", "goes")]
    assert repair(text, grammar="harper").text == text  # never applied ...
    applied = repair(text, grammar="harper", enabled_only=frozenset({"HARPER:Agreement"}))
    assert applied.text == "Ozcelik said he goes to Ashgabat. Pezeshkian agreed."  # ... unless selected by id


def test_harper_on_the_seed_keeps_names_out():
    pytest.importorskip("harper")
    spelling = [e.original for e in check(SEED, grammar="harper") if e.rule in ("HARPER:Spelling", "HARPER:Typo")]
    for name in ("Pezeshkian", "Peskov", "Prokofyev", "Ozcelik", "Ashgabat"):
        assert name not in spelling


def test_grammar_flag_defaults_to_harper_on_the_command_line():
    pytest.importorskip("harper")
    proc = run("check", "-", "--grammar", stdin=b"He go to school.\n")
    assert proc.returncode == 1 and "HARPER:Agreement" in proc.stdout.decode()


# ------------------------------------------------------------------ LanguageTool
# A response in LanguageTool's documented JSON format (POST /v2/check), two matches.
LT_RESPONSE = {
    "matches": [
        {
            "message": "The verb 'go' does not agree with the subject.",
            "shortMessage": "Agreement",
            "replacements": [{"value": "goes"}, {"value": "went"}],
            "offset": 16,
            "length": 2,
            "context": {"text": "Ozcelik said he go to Ashgabat.", "offset": 16, "length": 2},
            "sentence": "Ozcelik said he go to Ashgabat.",
            "rule": {
                "id": "HE_VERB_AGR",
                "description": "Agreement",
                "issueType": "grammar",
                "category": {"id": "GRAMMAR", "name": "Grammar"},
            },
        },
        {
            "message": "Possible spelling mistake found.",
            "shortMessage": "Spelling mistake",
            "replacements": [{"value": "Oscillate"}],
            "offset": 0,
            "length": 7,
            "context": {"text": "Ozcelik said he go to Ashgabat.", "offset": 0, "length": 7},
            "sentence": "Ozcelik said he go to Ashgabat.",
            "rule": {
                "id": "MORFOLOGIK_RULE_EN_US",
                "description": "Possible spelling mistake",
                "issueType": "misspelling",
                "category": {"id": "TYPOS", "name": "Possible Typo"},
            },
        },
    ]
}


def test_languagetool_matches_map_to_report_only_findings():
    lt = pytest.importorskip("language_tool_python")
    from unspin.grammar.languagetool import to_edits

    text = "Ozcelik said he go to Ashgabat."
    import copy

    matches = [lt.match.Match(copy.deepcopy(m), text) for m in LT_RESPONSE["matches"]]
    doc = Document(text, load(), Options())
    (edit,) = to_edits(doc, matches)  # the misspelling of a name is dropped
    assert (edit.rule, edit.category, edit.original, edit.replacement, edit.safe) == (
        "LT:HE_VERB_AGR",
        "grammar",
        "go",
        "goes",
        False,
    )
    assert edit.reason == "The verb 'go' does not agree with the subject."


def test_languagetool_without_server_or_directory_is_one_clear_line(tmp_path):
    pytest.importorskip("language_tool_python")
    env_free = {k: v for k, v in os.environ.items() if k != "LTP_JAR_DIR_PATH"}
    path = tmp_path / "a.txt"
    path.write_text("He go to school.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "unspin", "check", "--grammar", "languagetool", str(path)],
        capture_output=True,
        env=dict(env_free, PYTHONPATH=str(ROOT / "src")),
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == (
        "unspin: LanguageTool needs a server (--languagetool-url URL) or a local "
        "LanguageTool directory (LTP_JAR_DIR_PATH); neither is set"
    )


@pytest.mark.skipif(
    not (os.environ.get("UNSPIN_LANGUAGETOOL_URL") or os.environ.get("LTP_JAR_DIR_PATH")),
    reason="no LanguageTool here: set UNSPIN_LANGUAGETOOL_URL or LTP_JAR_DIR_PATH to run it",
)
def test_languagetool_live():
    findings = check(
        "He go to school yesterday.",
        grammar="languagetool",
        languagetool_url=os.environ.get("UNSPIN_LANGUAGETOOL_URL", ""),
    )
    assert any(e.rule.startswith("LT:") for e in findings)


def test_brackets_pair_across_wrapped_lines_of_a_paragraph():
    wrapped = "A plan (in three\nparts) was approved.\n\nA second (one\n\nnever closed."
    flags = [(e.original, e.start) for e in check(wrapped) if e.rule == "mt.unbalanced"]
    assert flags == [("(", wrapped.index("(one"))]
    per_line = "A plan (in three\nparts) was approved."  # one paragraph a line: no blank lines
    assert len([e for e in check(per_line) if e.rule == "mt.unbalanced"]) == 2
