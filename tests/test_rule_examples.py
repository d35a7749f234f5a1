"""Every rule's examples, run through the whole engine (LanguageTool/prh style).

'+' examples: the spun sentence repairs to exactly the given text, the rule itself fires,
and the repaired sentence is left alone (no chains, no flip-flops). '-' examples: clean
sentences the whole engine (default, safe mode) must leave byte for byte; for a
suggest-only rule they record the innocent use that keeps it suggest-only.

Spin-tier rules (`| spin`, `safe: spin`) apply only in text judged spun: their '+' examples
are run as spun text (`spin="on"`) and must stay suggestions when spin is off; their '-'
examples are innocent even in spun text, so they stay untouched with spin on as well.

A suggest-only rule's '-' example is the innocent use it would break: with `unsafe=True` the
rule must fire on it, or the example no longer shows why the rule is not safe. A safe rule's
'-' example is left whole in every mode (default, unsafe, spin on, both).
"""

import pytest

from unspin import loader, repair
from unspin.resolve import NOT_SPUN

RULES = loader.load()
#: the statistical spin-tier detectors: right most of the time in spun text, measured on the
#: corpora (bench/quality.py harm), not rules whose outputs could chain
STATISTICAL = frozenset({"pair.unidiomatic", "pair.thesaurus", "collocation"})
POSITIVE = [(r, e) for r in RULES.rules.values() for e in r.examples if e.fixed is not None]
NEGATIVE = [(r, e) for r in RULES.rules.values() for e in r.examples if e.fixed is None]


def _id(pair):
    return pair[1].where.split("/rules/")[-1]


@pytest.mark.parametrize("rule,example", POSITIVE, ids=[_id(p) for p in POSITIVE])
def test_spun_example_is_repaired_exactly(rule, example):
    if rule.flag:  # a flag points at the span and changes nothing
        result = repair(example.text)
        assert result.text == example.fixed == example.text
        assert rule.id in {e.rule for e in result.suggestions}, f"{rule.id} did not flag"
        return
    if rule.report:  # applied only when selected by id
        result = repair(example.text, enabled_only=frozenset({rule.id}), unsafe=True, all_findings=True)
    elif rule.spin:  # (the statistical detectors stay out of a data rule's example)
        result = repair(
            example.text,
            spin="on",
            disabled=frozenset() if rule.id in STATISTICAL or rule.category in STATISTICAL else STATISTICAL,
        )
    else:
        result = repair(example.text, unsafe=not rule.safe)
    assert result.text == example.fixed
    assert rule.id in {e.rule for e in result.applied}, f"{rule.id} did not fire"


SPIN_POSITIVE = [p for p in POSITIVE if p[0].spin]


@pytest.mark.parametrize("rule,example", SPIN_POSITIVE, ids=[_id(p) for p in SPIN_POSITIVE])
def test_spin_tier_waits_for_spun_text(rule, example):
    result = repair(example.text, spin="off", all_findings=True)
    assert rule.id not in {e.rule for e in result.applied}
    assert any(e.rule == rule.id and e.held == NOT_SPUN for e in result.suggestions), f"{rule.id} was not suggested"


@pytest.mark.parametrize("rule,example", POSITIVE, ids=[_id(p) for p in POSITIVE])
def test_repaired_example_is_a_fixed_point(rule, example):
    assert repair(example.fixed, unsafe=True).text == example.fixed
    # no chains through the spin tier either (a -> b, then b -> c once the text reads as spun)
    assert repair(example.fixed, unsafe=True, spin="on", disabled=STATISTICAL).text == example.fixed


@pytest.mark.parametrize("rule,example", NEGATIVE, ids=[_id(p) for p in NEGATIVE])
def test_clean_example_is_untouched(rule, example):
    result = repair(example.text)
    assert result.text == example.text, [(e.rule, e.original, e.replacement) for e in result.applied]
    if rule.spin:  # innocent even where the text around it is spun: the rule's conditions say so
        result = repair(example.text, spin="on")
        assert rule.id not in {e.rule for e in result.applied}, [
            (e.rule, e.original, e.replacement) for e in result.applied
        ]


#: suggest-only rules: neither safe nor spin tier, not report-only, not a flag
SUGGEST_ONLY = [(r, e) for r, e in NEGATIVE if not r.safe and not r.spin and not r.report and not r.flag]


def test_suggestion_examples_show_the_innocent_use_the_rule_fires_on():
    """Each '-' example of a suggest-only rule, run with ``unsafe=True``, makes that rule fire.

    One that does not fire is excluded by the rule's own conditions already, so it shows no
    reason to keep the rule suggest-only: rewrite the example to an innocent use the rule does
    fire on, or, where there is none, the rule is a candidate for safe."""
    assert SUGGEST_ONLY
    quiet: dict[str, list[str]] = {}
    for rule, example in SUGGEST_ONLY:
        result = repair(example.text, unsafe=True)
        if rule.id not in {e.rule for e in result.applied}:
            quiet.setdefault(rule.id, []).append(f"  {_id((rule, example))}: {example.text}")
    assert not quiet, (
        f"{len(quiet)} suggest-only rule(s) do not fire on their '-' example with unsafe=True "
        f"(candidates for safe, or examples to rewrite): {', '.join(sorted(quiet))}\n"
        + "\n".join(line for lines in quiet.values() for line in lines)
    )


MODES = {
    "default": {},
    "unsafe": {"unsafe": True},
    "spin": {"spin": "on"},
    "spin-unsafe": {"spin": "on", "unsafe": True},
}
SAFE_NEGATIVE = [(r, e) for r, e in NEGATIVE if r.safe and not r.spin]


@pytest.mark.parametrize("rule,example", SAFE_NEGATIVE, ids=[_id(p) for p in SAFE_NEGATIVE])
def test_safe_rule_clean_example_is_untouched_in_every_mode(rule, example):
    changed = {}
    for mode, settings in MODES.items():
        result = repair(example.text, **settings)
        if result.text != example.text:
            changed[mode] = [(e.rule, e.original, e.replacement) for e in result.applied]
    assert not changed, changed
