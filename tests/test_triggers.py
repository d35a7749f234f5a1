"""Triggers: words a context rule's pattern cannot match without, so it is skipped (and not even
compiled) on a text that has none of them. A wrong trigger would silently switch a rule off,
so the promise is checked against every text the repository has."""

from pathlib import Path

import pytest

from unspin import loader, repair
from unspin.triggers import required

ROOT = Path(__file__).resolve().parent.parent
RULES = loader.load()


@pytest.mark.parametrize(
    "pattern, words",
    [
        (r"\binformed(?=\s+that)", {"informed"}),
        (r"(?<=\b(?:he|she)\s+)(?:kept|keeps)\s+in\s+mind\b", {"mind"}),  # the longest sure word wins
        (r"\b(?:brain\s+trust|think-tank)\b", {"brain", "think-tank"}),  # one word from each way through
        (r"(?:uses|utilises|utilizes)\b", {"ses", "tilises", "tilizes"}),  # Python's parser factors 'u' out
        (r"\b\p{Lu}\p{Ll}+\s+stated\b", {"stated"}),  # regex-only classes read as classes
        (r"(?i)Straight\s+strike", {"straight"}),  # lower case: matched against the text in lower case
        (r"(?:desert|abandon)(?:s|ed)?", {"desert", "abandon"}),
    ],
)
def test_required_words(pattern, words):
    assert required(pattern) == frozenset(words)


@pytest.mark.parametrize(
    "pattern, words",
    [
        (r"\b\w+ly\b", set()),  # no literal at all
        (r"\b(?:of|in)\b", set()),  # too short to rule anything out
        (r"(?:informed|\w+ed)\s+that", {"that"}),  # one way through needs no word, but 'that' is required
        (r"[[a-z]--[aeiou]]+ing", set()),  # V1 set operations: Python's parser would misread them
        (r"(?:x(?:)", set()),  # unreadable
        (r"(?:informed)?\s+said?", {"sai"}),  # optional parts promise nothing
    ],
)
def test_no_false_promise(pattern, words):
    assert required(pattern) == frozenset(words)


def _texts():
    yield from (p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").glob("*/*.txt")))
    yield (ROOT / "seeds" / "kremlin-iran-spun.txt").read_text(encoding="utf-8")
    for rule in RULES.rules.values():
        for example in rule.examples:
            yield example.text
            if example.fixed:
                yield example.fixed


def test_every_match_holds_a_trigger():
    """On every corpus text and rule example: where a context rule's pattern matches, one of its
    triggers is in the text (in lower case), so skipping texts without them changes nothing."""
    texts = list(_texts())
    rules = [r for r in RULES.context_rules() if r.triggers]
    assert len(rules) >= 0.9 * len(RULES.context_rules())  # nearly every rule has triggers
    for rule in rules:
        for text in texts:
            m = rule.pattern.search(text)
            if m:
                assert any(t in text.lower() for t in rule.triggers), (rule.id, m.group(), rule.triggers)


def test_a_rule_without_its_trigger_is_not_compiled():
    rule = RULES.rules["informed-said"]
    loader._compiled.cache_clear()
    repair("The weather was fine on Tuesday and nobody spoke.")
    assert (rule.pattern.pattern, rule.pattern.flags) not in {args for args in _compiled_args()}, (
        "a context rule was compiled for a text without its trigger"
    )
    assert repair("Peskov informed Tuesday.").text == "Peskov said Tuesday."


def _compiled_args():
    # functools.cache keeps no list of its keys: ask for each rule whether compiling it is a hit
    seen = set()
    for rule in RULES.context_rules():
        before = loader._compiled.cache_info().hits
        loader._compiled(rule.pattern.pattern, rule.pattern.flags)
        if loader._compiled.cache_info().hits > before:
            seen.add((rule.pattern.pattern, rule.pattern.flags))
    return seen
