"""The command line through a real subprocess: stdin, -w, exit codes, bad input, BOM/CRLF."""

import os
import stat
import subprocess
import sys
from functools import partial
from pathlib import Path

from conftest import run

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kremlin-iran-spun.txt"
SPUN = "The Kremlin informed Tuesday it has no purpose of deserting Iran.\n"
FIXED = "The Kremlin said Tuesday it has no intention of abandoning Iran.\n"
CLEAN = "The minister said on Monday that talks would resume next week.\n"


# (60 s per run, not conftest's default)
run = partial(run, timeout=60)


def test_fix_reads_stdin_and_prints_repaired_text():
    proc = run("fix", "-", stdin=SPUN.encode())
    assert proc.returncode == 0
    assert proc.stdout.decode() == FIXED


def test_fix_write_rewrites_atomically_keeping_mode_and_only_when_changed(tmp_path):
    spun, clean = tmp_path / "spun.txt", tmp_path / "clean.txt"
    spun.write_text(SPUN, encoding="utf-8")
    clean.write_text(CLEAN, encoding="utf-8")
    os.chmod(spun, 0o640)
    before = clean.stat().st_mtime_ns
    proc = run("fix", "-w", str(spun), str(clean))
    assert proc.returncode == 0, proc.stderr
    assert spun.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(spun.stat().st_mode) == 0o640
    assert clean.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.txt", "spun.txt"]  # no temp files left


def test_bom_and_crlf_survive_a_write(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SPUN.replace("\n", "\r\n").encode())
    assert run("fix", "-w", str(path)).returncode == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()


def test_check_exit_codes_and_finding_format(tmp_path):
    spun, clean = tmp_path / "spun.txt", tmp_path / "clean.txt"
    spun.write_text(SPUN, encoding="utf-8")
    clean.write_text(CLEAN, encoding="utf-8")
    proc = run("check", str(spun))
    assert proc.returncode == 1
    lines = proc.stdout.decode().splitlines()
    assert lines[0].startswith(f"{spun}:1:13: informed-said: ")
    assert lines[0].endswith("'informed' (-> 'said')")
    assert run("check", str(clean)).returncode == 0
    assert run("check", str(clean)).stdout == b""


def test_bad_input_gives_one_line_and_exit_2(tmp_path):
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"abc\0def")
    latin = tmp_path / "l.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    for args, needle in (
        (["check", str(tmp_path / "missing.txt")], "no such file"),
        (["check", str(binary)], "binary file"),
        (["fix", str(latin)], "not UTF-8"),
    ):
        proc = run(*args)
        err = proc.stderr.decode()
        assert proc.returncode == 2, args
        assert needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unknown_option_is_a_usage_error():
    assert run("check", "--no-such-option").returncode == 2


def test_bad_user_dictionary_is_reported_with_file_and_line(tmp_path):
    bad = tmp_path / "mine.dict"
    bad.write_text("good words -> good words\n", encoding="utf-8")
    proc = run("check", "-d", str(bad), "-", stdin=CLEAN.encode())
    assert proc.returncode == 2
    assert f"{bad}:1: 'good words' maps to itself" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


def test_user_dictionary_in_both_formats(tmp_path):
    own = tmp_path / "mine.dict"
    own.write_text("purple prose -> plain prose\n", encoding="utf-8")
    tsv = tmp_path / "tortured.tsv"
    tsv.write_text(
        "tortured\tcorrect\nflag pole -> x\tignored\nsupply chain control\tsupply chain management\n", encoding="utf-8"
    )
    text = b"We cut purple prose and improved supply chain control.\n"
    assert run("fix", "-d", str(own), "-", stdin=text).stdout == text  # user entries are suggest-only
    assert (
        run("fix", "--unsafe", "-d", str(own), "-", stdin=text).stdout
        == b"We cut plain prose and improved supply chain control.\n"
    )
    out = run("fix", "--unsafe", "-d", str(tsv), "-", stdin=text).stdout
    assert out == b"We cut purple prose and improved supply chain management.\n"


def test_diff_unified_and_word():
    proc = run("diff", "--color", "never", "-", stdin=SPUN.encode())
    assert proc.returncode == 1
    out = proc.stdout.decode()
    assert "-The Kremlin informed Tuesday" in out and "+The Kremlin said Tuesday" in out
    word = run("diff", "--word", "-", stdin=SPUN.encode()).stdout.decode()
    assert "[-informed-]{+said+}" in word and "[-deserting-]{+abandoning+}" in word
    colored = run("diff", "--color", "always", "-", stdin=SPUN.encode()).stdout.decode()
    assert "\033[32m+The Kremlin said" in colored
    assert run("diff", "-", stdin=CLEAN.encode()).returncode == 0


def test_rules_and_explain():
    listing = run("rules").stdout.decode()
    assert "informed-said\tcontext\tsafe\t" in listing
    explained = run("explain", "phrase:tremble-hands")
    assert explained.returncode == 0 and "Putin trembles hands" in explained.stdout.decode()
    missing = run("explain", "tremble")
    assert missing.returncode == 2 and "did you mean: phrase:tremble-hands" in missing.stderr.decode()


def test_seed_end_to_end():
    proc = run("fix", str(SEED))
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert "translated by Google. He did not directly respond" in out
    assert "Syria and the United Arab Emirates. Peskov said that Russia" in out
    assert "in the wider Middle East. It’s one of the few nations" in out


def test_installed_package_ships_its_rules(tmp_path):
    """A non-editable install (what the README does) must find rules/ inside the package."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    probe = subprocess.run(
        [sys.executable, "-c", "import unspin, unspin.loader as l; print(unspin.__file__); print(l.rules_dir())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    if probe.returncode != 0:
        import pytest

        pytest.skip("unspin is not installed in this interpreter")
    package_file, rules = probe.stdout.splitlines()
    if Path(package_file).parent.parent.name == "src":  # this checkout's, or another one's
        import pytest

        pytest.skip("editable install: rules come from the checkout")
    assert Path(rules).parent == Path(package_file).parent
    assert (Path(rules) / "classes.txt").is_file() and list(Path(rules).glob("phrases/*.dict"))


def test_large_files_stream_in_chunks_with_correct_positions(tmp_path):
    from unspin import stream

    para = "Officials met in the capital on Monday to discuss the budget and the plan.\n\n"
    n = stream.CHUNK * 3 // len(para)
    text = para * n + SPUN + para * 10
    path = tmp_path / "big.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    proc = run("check", "--format", "jsonl", str(path))
    import json

    recs = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["rule"] for r in recs] == ["informed-said", "purpose-intention", "deserting-abandoning"]
    assert recs[0]["line"] == 2 * n + 1 and recs[0]["column"] == 13
    assert text[recs[0]["start"] : recs[0]["end"]] == "informed"
    assert path.read_bytes()[recs[0]["byte_start"] : recs[0]["byte_end"]] == b"informed"
    out = run("fix", str(path)).stdout
    assert out == b"\xef\xbb\xbf" + (para * n + FIXED + para * 10).encode()


def test_a_late_decoding_error_leaves_the_file_untouched(tmp_path):
    from unspin import stream

    path = tmp_path / "late.txt"
    data = (SPUN * (stream.CHUNK // len(SPUN) * 2)).encode() + b"\xff\n"
    path.write_bytes(data)
    proc = run("fix", "-w", str(path))
    assert proc.returncode == 2 and "not UTF-8" in proc.stderr.decode()
    assert path.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["late.txt"]
