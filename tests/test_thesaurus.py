"""The inverted thesaurus: the build script on a small WordNet-format fixture, and the runtime
tables' inflection and look-ups."""

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from unspin import repair, thesaurus

ROOT = Path(__file__).resolve().parent.parent

# A tiny WordNet 3.0 database in its own format (offset, lexicographer file, part of speech,
# word count in hex, words with lexical ids, pointer count, pointers, gloss). The synsets are
# invented for the test: 'stock' and 'inventory' are synonyms whose generic term is 'supply';
# 'real' and 'actual' are synonyms with 'genuine' as a similar adjective.
FIXTURE = {
    "data.noun": [
        "00000010 03 n 02 stock 0 inventory 0 001 @ 00000020 n 0000 | goods kept for sale",
        "00000020 03 n 01 supply 0 000 | an amount available",
        "00000030 03 n 02 stock_market 0 stock_exchange 0 000 | where shares are traded",
        "00000040 03 n 01 real_estate 0 000 | land and buildings",
    ],
    "data.verb": ["00000050 29 v 02 say 0 state 0 000 | express in words"],
    "data.adj": [
        "00000060 00 a 02 real 0 actual 0 001 & 00000070 a 0000 | not imaginary",
        "00000070 00 s 01 genuine 0 001 & 00000060 a 0000 | not fake",
    ],
    "data.adv": [],
}
LICENCE_LINE = "  1 This line stands for WordNet's licence header, which the reader skips.  "


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    wordnet = tmp_path_factory.mktemp("wordnet")
    for name, lines in FIXTURE.items():
        (wordnet / name).write_text("\n".join([LICENCE_LINE] + lines) + "\n", encoding="latin-1")
    out = tmp_path_factory.mktemp("tables")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_thesaurus.py"), "--wordnet", str(wordnet), "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "fixed expressions" in proc.stdout

    def rows(name):
        with gzip.open(out / name, "rt", encoding="utf-8") as fh:
            return [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]

    return (
        {w: (syn.split(), gen.split()) for w, syn, gen in rows("neighbours.tsv.gz")},
        {p for p, _z in rows("expressions.tsv.gz")},
        out,
    )


def test_build_inverts_synonyms_and_generic_terms(built):
    neighbours, _, _ = built
    assert "stock" in neighbours["inventory"][0]  # a synonym: 'inventory' may stand for 'stock'
    assert "stock" in neighbours["supply"][1]  # the generic term: 'supply' may stand for 'stock'
    assert "real" in neighbours["actual"][0] and "real" in neighbours["genuine"][0]  # similar adjectives
    assert "say" in neighbours["state"][0]
    assert "inventory" in neighbours["stock"][0]  # synonymy goes both ways
    assert "supply" not in neighbours["stock"][1]  # the generic term does not: 'stock' does not stand for 'supply'
    assert all(w not in ns[0] + ns[1] for w, ns in neighbours.items())  # no word is its own neighbour


def test_build_lists_fixed_expressions(built):
    _, expressions, _ = built
    assert {"stock market", "stock exchange", "real estate"} <= expressions


def test_build_is_reproducible(built, tmp_path):
    _, _, out = built
    wordnet = out.parent / next(p.name for p in out.parent.iterdir() if p.name.startswith("wordnet"))
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_thesaurus.py"),
            "--wordnet",
            str(wordnet),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        check=True,
    )
    for name in ("neighbours.tsv.gz", "expressions.tsv.gz"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()


def test_build_without_wordnet_is_one_line_and_exit_2(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_thesaurus.py"),
            "--wordnet",
            str(tmp_path),
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "apt-get install wordnet-base" in proc.stderr


@pytest.mark.parametrize(
    "word,stem,ending",
    [
        ("markets", "market", "s"),
        ("policies", "policy", "ies"),
        ("taxes", "tax", "es"),
        ("stopped", "stop", "ed"),
        ("raised", "raise", "ed"),
        ("hiring", "hire", "ing"),
    ],
)
def test_stems_and_inflection_round_trip(word, stem, ending):
    assert (stem, ending) in thesaurus.stems(word)
    assert thesaurus.inflect(stem, ending) == word


def test_shipped_tables_answer_inflected_words():
    assert ("health", "health") in thesaurus.sources("wellness")
    assert any(form == "estates" for form, _ in thesaurus.sources("estates") + [("estates", "")])
    assert thesaurus.is_expression("stock", "market") and thesaurus.is_expression("real", "estate")
    assert not thesaurus.is_expression("supply", "market")


def test_collocations_only_where_the_text_reads_as_spun():
    sentence = "Prices in the actual estate sector fell."
    alone = repair(sentence)
    assert alone.text == sentence  # one clean-looking sentence: not judged spun, nothing applied
    assert repair(sentence, spin="on").text == "Prices in the real estate sector fell."
    seed = (ROOT / "seeds" / "kremlin-iran-spun.txt").read_text(encoding="utf-8")
    spun = repair(seed + "\n" + sentence)
    assert spun.spin.spun and spun.text.endswith("Prices in the real estate sector fell.")
