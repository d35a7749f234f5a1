"""The engine's contract: non-overlapping, explainable, idempotent edits; bytes kept outside edits."""

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from unspin import Edit, Options, check, repair
from unspin.protect import Protection
from unspin.resolve import apply, resolve

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "kremlin-iran-spun.txt").read_text(encoding="utf-8")


def edit(start, end, rep="x", rule="r", safe=True):
    return Edit(start, end, rep, rule, "phrase", safe, "test")


def test_longest_edit_wins_then_leftmost(rules):
    cands = [
        edit(0, 4, rule="short"),
        edit(0, 9, rule="long"),
        edit(5, 12, rule="right"),
        edit(10, 14, rule="a"),
        edit(12, 16, rule="b"),
    ]
    applied, held = resolve(cands, Protection([]), rules, Options())
    assert [e.rule for e in applied] == ["long", "a"]  # 'a' and 'b' tie in length: leftmost wins
    assert held == []


def test_insertions_clash_only_inside_a_span(rules):
    cands = [
        edit(3, 3, " ", rule="ins"),
        edit(0, 3, "abc", rule="left"),
        edit(3, 6, "def", rule="right"),
        edit(3, 3, "!", rule="ins2"),
    ]
    applied, _ = resolve(cands, Protection([]), rules, Options())
    assert {e.rule for e in applied} == {"ins", "left", "right"}


def test_suggestions_never_overlap_applied_edits(rules):
    cands = [edit(0, 10, rule="safe"), edit(5, 20, rule="sugg", safe=False), edit(20, 25, rule="sugg2", safe=False)]
    applied, held = resolve(cands, Protection([]), rules, Options())
    assert [e.rule for e in applied] == ["safe"] and [e.rule for e in held] == ["sugg2"]
    assert held[0].held == "suggestion only"


def test_edits_know_their_span_rule_and_reason():
    result = repair(SEED)
    assert result.applied
    for e in result.applied:
        assert SEED[e.start : e.end] == e.original
        assert e.rule and e.category and e.reason
    starts = [(e.start, e.end) for e in result.applied]
    assert all(a[1] <= b[0] for a, b in zip(starts, starts[1:])), "applied edits overlap"


def test_every_character_outside_an_edit_survives():
    result = repair(SEED)
    pos, out = 0, result.text
    cursor = 0
    for e in result.applied:
        keep = SEED[pos : e.start]
        assert out[cursor : cursor + len(keep)] == keep
        cursor += len(keep) + len(e.replacement)
        pos = e.end
    assert out[cursor:] == SEED[pos:]


def test_repair_is_idempotent_on_the_seed():
    once = repair(SEED).text
    assert repair(once).text == once
    twice_unsafe = repair(repair(SEED, unsafe=True).text, unsafe=True)
    assert not twice_unsafe.applied, [(e.rule, e.original) for e in twice_unsafe.applied]


def test_crlf_tabs_and_trailing_space_are_kept():
    text = "The Kremlin informed Tuesday\tthat it\r\nhas actually agreed.  \r\nNo change here.\r\n"
    result = repair(text)
    assert result.text == "The Kremlin said Tuesday\tthat it\r\nhas agreed.  \r\nNo change here.\r\n"
    crlf_seed = SEED.replace("\n", "\r\n")
    assert repair(crlf_seed).text == repair(SEED).text.replace("\n", "\r\n")


def test_quotations_names_numbers_dates_credits_and_british_spellings_are_untouched():
    result = repair(SEED, unsafe=True)
    for line_before, line_after in zip(SEED.splitlines(), result.text.splitlines()):
        if "|" in line_before:
            assert line_after == line_before  # credit lines
    for quoted in (
        "“We are developing cooperation with Iran in a variety of areas.",
        "a Western ‘agenda of aggression’,”",
        "manoeuvring to minimise military",
        "their respective theatres of conflict",
        "October 8, 2024",
        "September 12, 2024",
        "Pezeshkian",
        "Ozcelik",
        "Ashgabat, Turkmenistan",
        "both a message to the U.S, and its",
    ):
        assert quoted in result.text


def test_quotation_findings_are_reported_but_not_applied():
    text = "He said “the brain trust informed Tuesday it would act” and left."
    result = repair(text)
    assert result.text == text
    held = {e.original for e in result.suggestions if e.held == "inside a quotation"}
    assert "informed" in held
    assert repair(text, protect_quotes=False).text != text


def test_names_are_never_rewritten_by_a_word_rule():
    text = "Straight Strike Records signed the band. The Very Own Tour starts soon."
    assert repair(text, unsafe=True).text == text


def test_case_is_carried_over():
    assert repair("Straight strike feared.").text == "Direct attack feared."
    assert repair("A STRAIGHT STRIKE IS FEARED.").text == "A DIRECT ATTACK IS FEARED."


def test_disable_and_select_by_rule_or_category():
    text = "Putin trembles hands with the envoy in the area– the hall."
    assert (
        repair(text, disabled=frozenset({"spacing"})).text == "Putin shakes hands with the envoy in the area– the hall."
    )
    assert (
        repair(text, enabled_only=frozenset({"spacing.dash"})).text
        == "Putin trembles hands with the envoy in the area – the hall."
    )


def test_check_returns_applied_and_held_findings_in_order():
    findings = check(SEED)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert any(f.held == "suggestion only" for f in findings)
    assert any(not f.held for f in findings)


WORDS = st.sampled_from(
    [
        "the",
        "Kremlin",
        "informed",
        "Tuesday",
        "has",
        "actually",
        "agreed",
        "with",
        "with",
        "straight",
        "strike",
        "byGoogle",
        "He",
        "“quoted",
        "text”",
        "2024",
        "in",
        "area–",
        "very",
        "own",
        "brain",
        "trust",
        "Institute",
        "\n",
        "\r\n",
        "\t",
        ",",
        ".",
    ]
)


# Derandomized so that CI sees the same 150 cases on every run; the cases below are ones a
# 12,000-example local run found (python scripts/fuzz_idempotence.py), kept as regressions.
@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(WORDS, max_size=40), st.lists(st.sampled_from([" ", "", "  "]), min_size=40, max_size=40))
@example(["the", ".", "."], [" "] * 40)
@example(["the"] * 9 + [".", "Kremlin"], [" "] * 7 + ["", "", ""] + [" "] * 30)
@example(["informed", "informed", "Tuesday"], [" "] * 40)
@example(["byGoogle"] * 3, [" "] * 40)
@example(["byGoogle", "in"], [""] + [" "] * 39)
@example(["the"] * 6 + ["byGoogle", "the", "the", "the"], [" "] * 7 + ["", ""] + [" "] * 31)
@example(["the", "the", "the", "2024", "the", "the"], [" "] * 3 + [""] + [" "] * 36)
@example(["the", ",", ",", "2024"], [" ", " ", ""] + [" "] * 37)
@example(["the", ".", ".", "the", ","], ["", " ", " ", " "] + [" "] * 36)
def test_property_idempotent_and_outside_bytes_kept(words, gaps):
    text = "".join(w + g for w, g in zip(words, gaps))
    result = repair(text)
    assert apply(text, result.applied) == result.text
    assert repair(result.text).text == result.text


def test_compose_joins_an_edit_with_one_on_the_text_it_keeps():
    from unspin.model import Edit
    from unspin.resolve import compose

    text = "informed informed Tuesday"
    doubled = Edit(0, 17, "informed", "doubled.word", "doubled", True, "", text[0:17])
    word = Edit(0, 8, "said", "informed-said", "context", True, "", text[0:8])
    both = compose(doubled, word)
    assert (both.start, both.end, both.replacement) == (0, 17, "said")


def test_compose_refuses_a_rewritten_word_that_only_begins_like_the_kept_text():
    from unspin.model import Edit
    from unspin.resolve import compose

    text = "exec order"
    phrase = Edit(0, 10, "executive order", "phrase:exec-order", "phrase", True, "", text)
    word = Edit(0, 4, "executive", "phrase:exec", "phrase", True, "", text[0:4])
    assert compose(phrase, word) is None  # not 'executiveutive order'
    tail = Edit(0, 10, "exec command", "phrase:order", "phrase", True, "", text)
    assert compose(tail, Edit(5, 10, "ordering", "x", "phrase", True, "", "order")) is None


def test_a_rule_completed_by_another_rules_output_joins_it_in_one_run():
    # 'actual' -> 'real' (a thesaurus collocation) completes the key 'real estate programmer'
    text = "Shares of actual estate programmers fell."
    result = repair(text, spin="on")
    assert result.text == "Shares of real estate developers fell."
    (edit,) = result.applied
    assert (edit.original, edit.replacement) == ("actual estate programmers", "real estate developers")
    assert text[edit.start : edit.end] == edit.original  # one edit, on the original text
    assert repair(result.text, spin="on").text == result.text
