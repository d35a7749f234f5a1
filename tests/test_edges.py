"""Input at the edges: each case below once crashed (exit 3), hung or did the wrong thing quietly.

Now each works or exits 2 with one line on stderr.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run

ROOT = Path(__file__).resolve().parent.parent
SPUN = "The Kremlin informed Tuesday it has no purpose of deserting Iran.\n"
FIXED = "The Kremlin said Tuesday it has no intention of abandoning Iran.\n"


def one_line_error(proc, *needles):
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err, err
    for needle in needles:
        assert needle in err, err
    return err


def test_markdown_with_bare_cr_line_endings(tmp_path):
    path = tmp_path / "mac.md"
    path.write_bytes(
        b"# Title\r\rThe Kremlin informed Tuesday it has no purpose of deserting Iran.\r\r```\rinformed\r```\r"
    )
    proc = run("fix", str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == path.read_bytes().replace(b"informed Tuesday", b"said Tuesday").replace(
        b"purpose of deserting", b"intention of abandoning"
    )


def test_html_with_a_marked_section(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<p>The Kremlin informed Tuesday</p><![CDATA[ informed Tuesday ]]><![if x]>", encoding="utf-8")
    proc = run("fix", str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == "<p>The Kremlin said Tuesday</p><![CDATA[ informed Tuesday ]]><![if x]>"


@pytest.mark.parametrize("option", ["-d", "--protect-file"])
def test_binary_or_special_user_files_are_refused(option, tmp_path):
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x7fELF\x00\x01\xff\xfe")
    one_line_error(run("check", option, str(binary), "-", stdin=SPUN.encode()), "binary")
    one_line_error(run("check", option, "/dev/zero", "-", stdin=SPUN.encode()), "not a regular file")


def test_protect_files_in_configuration_are_checked(tmp_path):
    (tmp_path / ".unspin.toml").write_text('protect-files = ["/dev/zero"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(SPUN, encoding="utf-8")
    one_line_error(run("check", str(tmp_path / "a.txt")), "/dev/zero", "not a regular file")


def test_a_dictionary_that_is_not_one_is_not_quoted(tmp_path):
    secret = tmp_path / "credentials"
    secret.write_text("password -> hunter2 | token=s3cr3t\nmachine example.org login bob\n", encoding="utf-8")
    err = one_line_error(run("check", "-d", str(secret), "-", stdin=SPUN.encode()), f"{secret}:1")
    assert "hunter2" not in err and "s3cr3t" not in err and "bob" not in err


@pytest.mark.parametrize("table", ["[tool]\nunspin = 5\n", "[tool]\nunspin = []\n", "tool = 3\n"])
def test_odd_pyproject_tables(table, tmp_path):
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    (tmp_path / "a.txt").write_text(SPUN, encoding="utf-8")
    proc = run("check", "a.txt", cwd=tmp_path)
    if table == "tool = 3\n":  # no [tool.unspin]: not a configuration at all
        assert proc.returncode == 1, proc.stderr
    else:
        one_line_error(proc, "pyproject.toml", "must be a table")


def test_diff_html_into_a_missing_folder(tmp_path):
    proc = run("diff", "--html", str(tmp_path / "missing" / "x.html"), "-", stdin=SPUN.encode())
    one_line_error(proc, "cannot write the HTML page")


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes in names")
def test_names_that_are_not_utf8(tmp_path):
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "wb") as fh:
        fh.write(SPUN.encode())
    name = os.fsdecode(raw)
    html = tmp_path / "out.html"
    proc = run("diff", "--html", str(html), name)
    assert proc.returncode == 1, proc.stderr
    assert "caf\\xe9.txt" in html.read_text(encoding="utf-8")
    assert b"caf\\xe9.txt:1:" in run("check", name).stdout


def test_unknown_rule_ids_and_categories_are_errors_with_a_suggestion(tmp_path):
    one_line_error(
        run("check", "--select", "informed-sad", "-", stdin=SPUN.encode()),
        "unknown rule or category 'informed-sad'",
        "did you mean 'informed-said'",
    )
    one_line_error(run("check", "--disable", "phrse", "-", stdin=SPUN.encode()), "did you mean 'phrase'")
    one_line_error(run("rules", "--category", "nosuch"), "unknown category 'nosuch'")
    (tmp_path / ".unspin.toml").write_text('disable = ["mt.unbalance"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(SPUN, encoding="utf-8")
    one_line_error(run("check", "a.txt", cwd=tmp_path), ".unspin.toml", "did you mean 'mt.unbalanced'")
    assert (
        run("check", "--select", "informed-said", "--disable", "HARPER:Spelling", "-", stdin=SPUN.encode()).returncode
        == 1
    )


def test_user_dictionary_entries_are_suggestions(tmp_path):
    own = tmp_path / "mine.dict"
    own.write_text("purple prose -> plain prose\n", encoding="utf-8")
    text = b"We cut purple prose.\n"
    assert run("fix", "-d", str(own), "-", stdin=text).stdout == text
    found = json.loads(run("check", "--format", "json", "-d", str(own), "-", stdin=text).stdout)
    assert [(f["original"], f["safe"], f["applied"]) for f in found] == [("purple prose", False, False)]


@pytest.mark.skipif(sys.platform == "win32", reason="newlines in file names")
def test_file_names_are_escaped_in_every_format(tmp_path):
    path = tmp_path / "x\n::error file=evil.txt,line=1::pwned\r,a:b%.txt"
    path.write_text(SPUN, encoding="utf-8")
    gh = run("check", "--format", "github", str(path)).stdout.decode()
    assert all(line.startswith(("::warning ", "::notice ")) for line in gh.splitlines()), gh
    assert "::error" not in gh.replace("%3A%3Aerror", "")
    assert "x\\n%3A%3Aerror file=evil.txt%2Cline=1%3A%3Apwned\\r%2Ca%3Ab%25.txt" in gh
    for fmt in ("text", "jsonl"):
        out = run("check", "--format", fmt, str(path)).stdout.decode()
        assert len(out.splitlines()) == 3, out
    for args in (["diff"], ["diff", "--word"]):
        out = run(*args, str(path)).stdout.decode()
        assert "::error" not in "".join(line for line in out.splitlines() if line.startswith("::")), out
        assert "\\n::error" in out


def test_github_messages_and_titles_are_escaped():
    from unspin import report

    line = report.github_line(
        {
            "applied": True,
            "message": "100% a\nb\r",
            "original": "x",
            "suggestion": "y",
            "path": "a,b:c",
            "line": 1,
            "column": 2,
            "end_line": 1,
            "end_column": 3,
            "rule": "phrase:x,y",
        }
    )
    assert line == (
        "::warning file=a%2Cb%3Ac,line=1,col=2,endLine=1,endColumn=3,title=unspin phrase%3Ax%2Cy"
        "::100%25 a%0Ab%0D: 'x' -> 'y'"
    )


def test_configuration_discovery_stops_at_the_repository_root(tmp_path):
    (tmp_path / ".unspin.toml").write_text('disable = ["phrase", "context"]\n', encoding="utf-8")  # planted above
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    (repo / "docs" / "a.txt").write_text(SPUN, encoding="utf-8")
    assert run("fix", "docs/a.txt", cwd=repo).stdout.decode() == FIXED
    proc = run("config", "docs/a.txt", cwd=repo)
    assert "# configuration file: defaults" in proc.stdout.decode()


def test_configuration_discovery_stops_at_home(tmp_path):
    (tmp_path / ".unspin.toml").write_text('disable = ["phrase", "context"]\n', encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    (home / "a.txt").write_text(SPUN, encoding="utf-8")
    assert run("fix", "a.txt", cwd=home, env={"HOME": str(home)}).stdout.decode() == FIXED


def test_fifos_in_a_walked_folder_are_skipped(tmp_path):
    (tmp_path / "a.txt").write_text(SPUN, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    proc = run("fix", "-w", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == FIXED


def test_ctrl_c_exits_130():
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "unspin", "check", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    proc.stdin.write(SPUN.encode())
    proc.stdin.flush()
    time.sleep(3)  # started and waiting for the rest of standard input
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.decode().strip() == "unspin: interrupted"
