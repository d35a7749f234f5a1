"""Spin evidence: `unspin score` through a real subprocess, the spin tier's gating by document
and by paragraph, and weak findings shown only where the text reads as spun."""

import json
import re
from pathlib import Path

import pytest

from conftest import run
from unspin import evidence, repair

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kremlin-iran-spun.txt"
CLEAN_FILES = sorted((ROOT / "corpora" / "clean").glob("*.txt"))
SPUN_FILES = sorted((ROOT / "corpora" / "news").glob("*.spun.txt"))
# one sentence whose repair is spin tier (a collocation a thesaurus broke), nothing else in it
SPIN_ONLY = "Prices in the actual estate sector fell."
SPIN_FIXED = "Prices in the real estate sector fell."


# ------------------------------------------------------------------ unspin score
def test_score_text_lines_and_exit_code():
    clean = CLEAN_FILES[0]
    proc = run("score", str(SEED), str(clean))
    assert proc.returncode == 1  # one file is spun
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 2
    path, value, verdict = re.fullmatch(r"(.+): (\d\.\d\d) (spun|clean)", lines[0]).groups()
    assert (path, verdict) == (str(SEED), "spun") and float(value) >= evidence.THRESHOLD
    assert re.fullmatch(re.escape(str(clean)) + r": 0\.\d\d clean", lines[1])
    assert run("score", str(clean)).returncode == 0


def test_score_json_has_the_documented_fields():
    proc = run("score", "--format", "json", str(SEED), str(CLEAN_FILES[1]))
    rows = json.loads(proc.stdout)
    assert [r["path"] for r in rows] == [str(SEED), str(CLEAN_FILES[1])]
    seed = rows[0]
    assert {"path", "score", "spun", "words", "evidence", "threshold"} <= set(seed)
    assert seed["spun"] is True and rows[1]["spun"] is False
    assert 700 < seed["words"] < 900
    hit = next(e for e in seed["evidence"] if e["rule"] == "brain-trust-think-tank" or e["text"] == "brain trust")
    assert {"rule", "text", "weight", "line", "column", "start", "end"} <= set(hit)
    text = SEED.read_text(encoding="utf-8")
    assert all(text[e["start"] : e["end"]] == e["text"] for e in seed["evidence"])  # offsets into the file


def test_score_reads_stdin_and_reports_errors_in_one_line(tmp_path):
    proc = run("score", "-", stdin=SEED.read_bytes())
    assert proc.returncode == 1 and proc.stdout.decode().startswith("<stdin>: ")
    missing = run("score", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2
    assert missing.stderr.decode().strip() == f"unspin: {tmp_path / 'nope.txt'}: no such file"


def test_score_of_a_file_read_in_chunks_sums_the_chunks(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_text((SEED.read_text(encoding="utf-8") + "\n\n") * 400, encoding="utf-8")  # > one 256K chunk
    rows = json.loads(run("score", "--format", "json", str(big)).stdout)
    one = repair(SEED.read_text(encoding="utf-8")).spin
    assert rows[0]["spun"] and abs(rows[0]["words"] - 400 * one.words) < 400


# ------------------------------------------------------------------ calibration on the corpora
@pytest.mark.parametrize(
    "path", CLEAN_FILES + sorted((ROOT / "corpora" / "news").glob("*.orig.txt")), ids=lambda p: p.name
)
def test_clean_articles_score_below_the_threshold(path):
    assert not repair(path.read_text(encoding="utf-8")).spin.spun


def test_spun_articles_and_the_seed_score_above_the_threshold():
    scores = [repair(p.read_text(encoding="utf-8")).spin.score for p in SPUN_FILES]
    assert sum(s >= evidence.THRESHOLD for s in scores) >= 0.9 * len(scores)
    assert repair(SEED.read_text(encoding="utf-8")).spin.score >= 0.8


def test_quotations_are_no_evidence():
    quoted = "“We will not sign a worldwide warming brain trust deal,” she said on Monday."
    plain = "We will not sign a worldwide warming brain trust deal, she said on Monday."
    assert repair(quoted).spin.total == 0
    assert repair(plain).spin.total > 0


# ------------------------------------------------------------------ the spin tier
def test_spin_tier_waits_for_spun_text():
    result = repair(SPIN_ONLY)
    assert result.text == SPIN_ONLY and not result.spin.spun
    assert not result.suggestions  # the collocation pass looks only where the text reads as spun ...
    (held,) = [e for e in repair(SPIN_ONLY, all_findings=True).suggestions if e.rule == "collocation.expression"]
    assert held.held == "suggestion only: the text is not judged spun"
    assert repair(SPIN_ONLY, spin="on").text == SPIN_FIXED
    assert repair(SPIN_ONLY, unsafe=True, all_findings=True).text == SPIN_FIXED  # --unsafe applies suggestions


def test_a_spun_document_unlocks_every_paragraph():
    seed = SEED.read_text(encoding="utf-8")
    result = repair(seed + "\n" + SPIN_ONLY)
    assert result.text.endswith(SPIN_FIXED)
    assert repair(seed + "\n" + SPIN_ONLY, spin="off").text.endswith(SPIN_ONLY)


def test_a_spun_paragraph_is_unlocked_in_a_clean_document():
    clean = CLEAN_FILES[2].read_text(encoding="utf-8")
    spun_paragraph = (
        "The Kremlin stated it has no purpose of deserting Iran as it deals with a straight strike, "
        "a brain trust informed in emailed remarks equated byGoogle " + SPIN_ONLY
    )
    result = repair(clean + "\n\n" + spun_paragraph + "\n\n" + clean)
    assert not result.spin.spun  # the document as a whole reads clean ...
    assert SPIN_FIXED in result.text  # ... but the spun paragraph is repaired in full
    assert result.text.startswith(clean) and result.text.endswith(clean)


def test_cli_spin_switch_and_all_findings(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SPIN_ONLY + "\n", encoding="utf-8")
    assert run("fix", str(path)).stdout.decode() == SPIN_ONLY + "\n"
    assert run("fix", "--spin", "on", str(path)).stdout.decode() == SPIN_FIXED + "\n"
    assert run("check", str(path)).returncode == 0  # nothing shown in text that reads clean
    shown = run("check", "--all-findings", str(path)).stdout.decode()
    assert "collocation.expression" in shown and "[suggestion only: the text is not judged spun]" in shown
    (tmp_path / ".unspin.toml").write_text('spin = "on"\n', encoding="utf-8")
    assert run("fix", str(path)).stdout.decode() == SPIN_FIXED + "\n"
    (tmp_path / ".unspin.toml").write_text('spin = "sometimes"\n', encoding="utf-8")
    bad = run("fix", str(path))
    assert bad.returncode == 2 and "spin must be one of auto, on, off" in bad.stderr.decode()


def test_pair_reports_are_shown_only_in_spun_text():
    # 'exclusive sector' is a pair the detector finds; in a sentence that reads clean it stays hidden
    sentence = "The exclusive sector added 12,000 jobs in May."
    assert not [e for e in repair(sentence).findings if e.category == "pair"]
    assert [e for e in repair(sentence, all_findings=True).findings if e.category == "pair"]
    assert [e for e in repair(sentence, spin="on").findings if e.category == "pair"]
