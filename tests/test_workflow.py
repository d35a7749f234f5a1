"""Workflow integration: formats, configuration, suppression, markup, folders, jobs, review, HTML."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run

ROOT = Path(__file__).resolve().parent.parent
SPUN = "The Kremlin informed Tuesday it has no purpose of deserting Iran.\n"
FIXED = "The Kremlin said Tuesday it has no intention of abandoning Iran.\n"
CLEAN = "The minister said on Monday that talks would resume next week.\n"


# ------------------------------------------------------------------ formats
def test_json_findings_follow_the_documented_schema(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Caf\u00e9 news: Peskov informed Tuesday.\n".encode())
    proc = run("check", "--format", "json", str(path))
    assert proc.returncode == 1
    (rec,) = json.loads(proc.stdout)
    assert set(rec) == {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "start",
        "end",
        "byte_start",
        "byte_end",
        "rule",
        "category",
        "message",
        "original",
        "suggestion",
        "safe",
        "applied",
        "held",
        "context",
    }
    assert (rec["rule"], rec["original"], rec["suggestion"], rec["line"], rec["column"]) == (
        "informed-said",
        "informed",
        "said",
        1,
        19,
    )
    data = path.read_bytes()
    assert data[rec["byte_start"] : rec["byte_end"]] == b"informed"  # BOM and the two-byte é counted


def test_jsonl_github_and_sarif(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SPUN, encoding="utf-8")
    lines = run("check", "--format", "jsonl", str(path)).stdout.decode().splitlines()
    assert len(lines) == 3 and all(json.loads(x)["path"] == str(path) for x in lines)
    gh = run("check", "--format", "github", str(path)).stdout.decode().splitlines()
    assert gh[0].startswith(f"::warning file={path},line=1,col=13,") and "title=unspin informed-said::" in gh[0]
    sarif = json.loads(run("check", "--format", "sarif", str(path)).stdout)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"informed-said", "purpose-intention", "deserting-abandoning"}
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1 and region["byteLength"] > 0


# ------------------------------------------------------------------ configuration
def test_config_file_found_by_walking_up_and_overridden_by_the_command_line(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.unspin]\ndisable = ["informed-said"]\n', encoding="utf-8")
    sub = tmp_path / "docs" / "news"
    sub.mkdir(parents=True)
    path = sub / "a.txt"
    path.write_text(SPUN, encoding="utf-8")
    assert run("fix", str(path)).stdout.decode() == FIXED.replace("said Tuesday", "informed Tuesday")
    assert run("fix", "--disable", "deserting-abandoning", str(path)).stdout.decode() == FIXED.replace(
        "abandoning", "deserting"
    )  # the command line replaces the file's list
    (sub / ".unspin.toml").write_text('select = ["purpose-intention"]\n', encoding="utf-8")
    assert run("fix", str(path)).stdout.decode() == SPUN.replace("purpose", "intention")  # nearer file wins
    shown = run("config", str(path)).stdout.decode()
    assert f"# configuration file: {sub.resolve() / '.unspin.toml'}" in shown
    assert f"# extends: {tmp_path.resolve() / 'pyproject.toml'}" in shown  # a nested file extends its parent
    assert 'select = ["purpose-intention"]' in shown
    assert f'disable = ["informed-said"]  # {tmp_path.resolve() / "pyproject.toml"}' in shown
    assert 'markup = "auto"  # default' in shown


def test_bad_config_is_one_line_and_exit_2(tmp_path):
    (tmp_path / ".unspin.toml").write_text("colour = 'red'\n", encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text(SPUN, encoding="utf-8")
    proc = run("check", str(path))
    assert proc.returncode == 2
    assert (
        proc.stderr.decode().strip() == f"unspin: {tmp_path / '.unspin.toml'}: unknown setting 'colour' "
        "(known: all-findings, dictionaries, disable, exclude, grammar, languagetool-url, markup, overrides, "
        "protect, protect-files, protect-quotes, root, select, spin, unsafe)"
    )


def test_protected_words_from_config_and_file(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# our product names\ntheWidget\n", encoding="utf-8")
    (tmp_path / ".unspin.toml").write_text('protect-files = ["words.txt"]\n', encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("We ship theWidget and theGadget.\n", encoding="utf-8")
    assert run("fix", str(path)).stdout == b"We ship theWidget and the Gadget.\n"


# ------------------------------------------------------------------ suppression and markup
def test_suppression_comments_and_sic(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "Putin trembles hands. <!-- unspin: ignore -->\n"
        "<!-- unspin: ignore-next-line -->\nPutin trembles hands.\n"
        "<!-- unspin: off -->\nPutin trembles hands.\n<!-- unspin: on -->\n"
        '# unspin: ignore\nHe wrote "straight" [sic] strike. Putin trembles hands.\n',
        encoding="utf-8",
    )
    out = run("fix", str(path)).stdout.decode()
    assert out.count("trembles hands") == 3 and out.count("shakes hands") == 1
    assert 'straight" [sic] strike' in out
    assert len(run("check", str(path)).stdout.decode().splitlines()) == 1


def test_markdown_code_links_and_front_matter_are_never_edited(tmp_path):
    src = (
        "---\ntitle: a straight strike\n---\n# Putin trembles hands\n\n"
        "Run `straight strike` or see [the straight strike](https://x.org/straight-strike).\n\n"
        "    straight strike in an indented block\n\n```\nstraight strike\n```\n\n- item: a straight strike\n"
        '<div title="straight strike">a straight strike</div>\n'
    )
    path = tmp_path / "doc.md"
    path.write_text(src, encoding="utf-8")
    out = run("fix", str(path)).stdout.decode()
    assert out == (
        src.replace("# Putin trembles hands", "# Putin shakes hands")
        .replace("[the straight strike]", "[the direct attack]")
        .replace("- item: a straight strike", "- item: a direct attack")
    )
    assert "direct attack in an indented block" in run("fix", "--markup", "text", str(path)).stdout.decode()


def test_html_tags_and_scripts_are_never_edited(tmp_path):
    src = '<p class="straight strike">A straight strike &amp; more</p><script>straight strike</script>\n'
    path = tmp_path / "page.html"
    path.write_text(src, encoding="utf-8")
    assert run("fix", str(path)).stdout.decode() == src.replace("A straight strike", "A direct attack")


# ------------------------------------------------------------------ many files
def test_folders_recurse_skip_git_and_honour_exclude_with_a_summary(tmp_path):
    for rel in ("a.txt", "sub/b.md", "sub/skip/c.txt", ".git/d.txt", "e.py", "sub/f.txt"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(SPUN, encoding="utf-8")
    proc = run("check", "--exclude", "skip", "--exclude", "f.txt", str(tmp_path))
    paths = {line.split(":")[0] for line in proc.stdout.decode().splitlines()}
    assert paths == {str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")}
    assert proc.stderr.decode().strip() == "unspin: 2 files checked, 6 findings"
    proc = run("fix", "-w", str(tmp_path))
    assert proc.stderr.decode().strip() == "unspin: 4 files, 4 fixed (12 edits)"
    assert (tmp_path / "sub" / "skip" / "c.txt").read_text(encoding="utf-8") == FIXED
    assert (tmp_path / ".git" / "d.txt").read_text(encoding="utf-8") == SPUN


def test_parallel_jobs_give_the_same_output_in_the_same_order(tmp_path):
    for n in range(40):
        (tmp_path / f"f{n:02d}.txt").write_text(SPUN if n % 3 else CLEAN, encoding="utf-8")
    one = run("check", "-j", "1", str(tmp_path))
    two = run("check", "-j", "2", str(tmp_path))
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 26 * 3


# ------------------------------------------------------------------ diff views
def test_html_diff_is_self_contained_with_rules_on_hover(tmp_path):
    page = tmp_path / "out.html"
    proc = run("diff", "--html", str(page), str(ROOT / "seeds" / "kremlin-iran-spun.txt"))
    assert proc.returncode == 1
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert "http://" not in html.split("<body>")[0] and "<script" not in html and "<link" not in html
    assert 'title="informed-said (context): ' in html
    assert "<del" in html and "<ins" in html and "phrase: " in html and "suggestions not applied: " in html


# ------------------------------------------------------------------ interactive review
def test_interactive_review_through_a_terminal(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    path = tmp_path / "a.txt"
    path.write_text(SPUN, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    child = pexpect.spawn(
        sys.executable, ["-m", "unspin", "fix", "-i", str(path)], env=env, timeout=60, encoding="utf-8"
    )
    child.expect(r"informed-said .*\n  The Kremlin \[-informed-\]\{\+said\+\} Tuesday")
    child.expect(r"apply\? \[y\]es \[n\]o \[a\]ll \[q\]uit")
    child.sendline("y")
    child.expect("purpose-intention")
    child.expect("apply")
    child.sendline("n")
    child.expect("deserting-abandoning")
    child.expect("apply")
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert path.read_text(encoding="utf-8") == "The Kremlin said Tuesday it has no purpose of abandoning Iran.\n"


# ------------------------------------------------------------------ pre-commit
@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of unspin")
    pytest.importorskip("pre_commit")
    repo = tmp_path_factory.mktemp("user-repo")
    for args in (["init", "-q"], ["config", "user.email", "t@example.org"], ["config", "user.name", "t"]):
        subprocess.run(["git", *args], cwd=repo, check=True)
    (repo / "spun.txt").write_text(SPUN, encoding="utf-8")
    (repo / "clean.txt").write_text(CLEAN, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    return repo, str(tmp_path_factory.mktemp("pre-commit-home"))


def _try_repo(hook_repo, hook, *files):
    repo, home = hook_repo
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PRE_COMMIT_HOME"] = home
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--files", *files],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def test_pre_commit_check_hook_fails_on_spun_and_passes_on_clean(hook_repo):
    spun = _try_repo(hook_repo, "unspin-check", "spun.txt")
    assert spun.returncode == 1, spun.stdout + spun.stderr
    assert "informed-said" in spun.stdout
    clean = _try_repo(hook_repo, "unspin-check", "clean.txt")
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_pre_commit_fix_hook_rewrites_the_spun_file(hook_repo):
    repo, _ = hook_repo
    proc = _try_repo(hook_repo, "unspin-fix", "spun.txt", "clean.txt")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert (repo / "spun.txt").read_text(encoding="utf-8") == FIXED
    assert (repo / "clean.txt").read_text(encoding="utf-8") == CLEAN


def test_progress_shows_on_a_terminal(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    for n in range(3):
        (tmp_path / f"f{n}.txt").write_text(SPUN, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    child = pexpect.spawn(
        sys.executable, ["-m", "unspin", "check", "-j", "1", str(tmp_path)], env=env, timeout=60, encoding="utf-8"
    )
    child.expect(r"unspin: 3/3 files")
    child.expect(r"unspin: 3 files checked, 9 findings")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
