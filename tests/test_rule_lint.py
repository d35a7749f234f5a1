"""The rule data is linted like code (codespell's test_dictionary.py, typos' verify)."""

from pathlib import Path

import pytest

from unspin import loader, wordlists
from unspin.textutil import tokenize_key

RULES_DIR = loader.rules_dir()
DICTS = sorted(RULES_DIR.glob("**/*.dict"))


def _keys(path: Path):
    return [
        (n, line.split(" -> ")[0])
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line and not line[0].isspace() and not line.startswith(("#", "%"))
    ]


@pytest.mark.parametrize("path", DICTS, ids=[p.name for p in DICTS])
def test_dictionary_is_sorted(path):
    keys = [k.lower() for _, k in _keys(path)]
    assert keys == sorted(keys), f"{path.name} is not sorted; first out of order: " + next(
        f"{a!r} before {b!r}" for a, b in zip(keys, keys[1:]) if a > b
    )


@pytest.mark.parametrize("path", DICTS, ids=[p.name for p in DICTS])
def test_keys_are_plain_words(path):
    for n, key in _keys(path):
        assert key == key.strip() and "  " not in key, f"{path.name}:{n}: stray spaces in {key!r}"
        assert tokenize_key(key), f"{path.name}:{n}: empty key"


def test_loader_reports_every_problem_with_file_and_line(tmp_path, monkeypatch):
    bad = tmp_path / "rules"
    (bad / "context").mkdir(parents=True)
    for name in ("classes.txt", "irregular-verbs.txt"):
        (bad / name).write_text((RULES_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    (bad / "x.dict").write_text(
        "alpha beta -> alpha beta\n  + alpha beta. => alpha beta.\n"
        "gamma -> delta\n  + gamma => delta\n"
        "delta -> epsilon\n  + delta => epsilon\n"
        "gamma -> zeta\n  + gamma => zeta\n"
        "eta -> theta | sugest\n  + eta => theta\n"
        "iota -> kappa\n",
        encoding="utf-8",
    )
    (bad / "context" / "y.rules").write_text(
        "[broken]\nwhy: test\nmatch: (unclosed\nreplace: x\n+ a => b\n"
        "[odd-key]\nwhy: test\ncolour: red\nmatch: a\nreplace: b\n+ a => b\n"
        "[class]\nwhy: test\nmatch: {nosuchclass}\nreplace: b\n+ a => b\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(loader, "rules_dir", lambda: bad)
    loader._load_cached.cache_clear()
    try:
        with pytest.raises(loader.RuleError) as info:
            loader.load()
    finally:
        loader._load_cached.cache_clear()
    text = "\n".join(info.value.problems)
    assert "x.dict:1: 'alpha beta' maps to itself" in text
    assert "x.dict:3: chain: 'gamma' -> 'delta'" in text
    assert "x.dict:7: 'gamma' duplicates" in text
    assert "x.dict:9: unknown flag 'sugest'" in text
    assert "x.dict:11: 'iota' has no '+ spun => fixed' example" in text
    assert "y.rules:1: bad regex in match" in text
    assert "y.rules:8: unknown key 'colour'" in text
    assert "y.rules:12: unknown word class '{nosuchclass}'" in text


def _stanzas(tmp_path, text: str):
    path = tmp_path / "t.rules"
    path.write_text(text, encoding="utf-8")
    problems: list[str] = []
    classes = wordlists.parse_classes(RULES_DIR / "classes.txt", [])
    return loader.parse_stanzas(path, problems, classes), problems


def test_each_kind_owns_its_keys(tmp_path):
    rules, problems = _stanzas(
        tmp_path,
        "[ctx]\nwhy: test\npass: spacing\nmatch: a\nreplace: b\n+ a => b\n"
        "[pss]\npass: spacing\nwhy: test\nunless: x\n+ a => b\n"
        "[lvl]\npass: spacing\nsafe: maybe\nwhy: test\n+ a => b\n"
        "[shw]\npass: spacing\nsafe: yes\nshown: spun\nwhy: test\n+ a => b\n",
    )
    assert [type(r).__name__ for r in rules] == ["ContextRule", "PassRule", "PassRule", "PassRule"]
    text = "\n".join(problems)
    assert "t.rules:3: a context rule takes no 'pass:' ('pass:' is for pass rules)" in text
    assert "t.rules:10: a pass rule takes no 'unless:' ('unless:' is for context rules)" in text
    assert "t.rules:14: safe is 'yes', 'no', 'spin'" in text
    assert "t.rules:20: 'shown:' is for report-only rules" in text


def test_safe_values_are_data(tmp_path):
    rules, problems = _stanzas(
        tmp_path,
        "[r]\npass: x\nsafe: report\nshown: spun\nwhy: t\n+ a => b\n"
        "[f]\npass: x\nsafe: flag\nwhy: t\n+ a => a\n"
        "[s]\npass: x\nsafe: spin report\nwhy: t\n+ a => b\n"
        "[g]\npass: x\nprefix: XYZ:\nsafe: report\nwhy: t\n",
    )
    assert problems == []
    r, f, s, g = rules
    assert (r.safe, r.spin, r.report, r.flag, r.shown) == (False, False, True, False, "spun")
    assert (f.safe, f.report, f.flag, f.shown) == (False, False, True, "always")
    assert (s.safe, s.spin, s.report) == (False, True, True)
    assert g.prefix == "XYZ:" and not g.examples  # another checker's findings need no example
    shipped = loader.load()
    assert shipped.lookup("HARPER:Agreement").id == "grammar.harper"
    assert shipped.lookup("LT:HE_VERB_AGR").id == "grammar.languagetool"
    assert shipped.lookup("NOPE:x") is None


def test_continuation_lines_join_a_pattern(tmp_path):
    rules, problems = _stanzas(
        tmp_path,
        "[long]\nwhy: test\nmatch: \\bfoo\n    (?=\\s+bar)\n  \\b\nreplace: baz\n"
        "unless: \\bqux\n  \\b\n+ foo bar. => baz bar.\n"
        "[stray]\nwhy: test\nreplace: b\n  (x)\nmatch: a\n+ a => b\n",
    )
    assert rules[0].pattern.pattern == r"\bfoo(?=\s+bar)\b"
    assert rules[0].unless.pattern == r"\bqux\b"
    assert problems == [
        "%s:13: an indented line continues a 'match:', 'when:' or 'unless:' value" % (tmp_path / "t.rules")
    ]


def test_the_passes_declare_exactly_the_pass_rules():
    from unspin import engine, grammar
    from unspin.grammar import harper, languagetool

    rules = loader.load()
    loader.check_passes(rules, engine.DECLARED)  # (also run as the rules load)
    assert grammar.RULES == harper.RULES | languagetool.RULES
    declared = set().union(*engine.DECLARED.values())
    assert declared == {r.id for r in rules.pass_rules()}
    assert len(declared) == sum(len(ids) for ids in engine.DECLARED.values())  # one owner per id


def test_a_mismatch_between_data_and_passes_is_caught():
    from unspin import engine

    rules = loader.load()
    declared = dict(engine.DECLARED)
    declared["doubled"] = frozenset()  # the data's doubled.word, not declared
    declared["spacing"] = declared["spacing"] | {"spacing.nowhere", "doubled.word", "informed-said"}
    del declared["boundary"]
    with pytest.raises(loader.RuleError) as info:
        loader.check_passes(rules, declared)
    text = "\n".join(info.value.problems)
    assert "rule 'doubled.word' names pass 'doubled', whose RULES do not declare it" in text
    assert "pass 'spacing' declares 'spacing.nowhere' in its RULES, and no rule in the data has that id" in text
    assert "pass 'spacing' declares 'doubled.word', which " in text and "gives to pass 'doubled'" in text
    assert "pass 'spacing' declares 'informed-said', which " in text and "as a context rule" in text
    assert "rule 'boundary.lost-stop' names pass 'boundary', which is not a pass" in text


def test_loading_checks_the_passes(monkeypatch):
    from unspin import engine

    assert loader.CHECKS  # registered by the engine
    monkeypatch.setitem(engine.DECLARED, "doubled", frozenset())
    loader._load_cached.cache_clear()
    try:
        with pytest.raises(loader.RuleError, match="whose RULES do not declare it"):
            loader.load()
    finally:
        loader._load_cached.cache_clear()
