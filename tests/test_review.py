"""``fix -i`` through a real terminal (pexpect): ``q`` ends the whole run, keeping the edits accepted
so far in the file under review and leaving later files untouched; no progress line is drawn
between the prompts; an inserted or deleted space is shown as ␣."""

import io
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPUN = "The Kremlin informed Tuesday it has no purpose of deserting Iran.\n"
GLUED = "He spoke in remarks translated byGoogle He did not answer.\n"

pexpect = pytest.importorskip("pexpect")


def _review(tmp_path, *args):
    """``unspin fix -i ARGS`` on a terminal; the child and everything it printed so far."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    log = io.StringIO()
    child = pexpect.spawn(
        sys.executable, ["-m", "unspin", "fix", "-i", *args], env=env, timeout=60, encoding="utf-8", cwd=tmp_path
    )
    child.logfile_read = log
    return child, log


def _files(tmp_path, n, text=SPUN):
    names = [f"f{k}.txt" for k in range(n)]
    for name in names:
        (tmp_path / name).write_text(text, encoding="utf-8")
    return names


@pytest.mark.parametrize("jobs", ["1", "2"])  # -j 2 with 4 files: reviewed from worker processes
def test_q_ends_the_whole_run_keeping_what_was_accepted_in_this_file(tmp_path, jobs):
    names = _files(tmp_path, 4)
    child, log = _review(tmp_path, "-j", jobs, *names)
    child.expect(r"f0\.txt:1:13: informed-said")
    child.expect(r"apply\? \[y\]es \[n\]o \[a\]ll \[q\]uit")
    child.sendline("y")
    child.expect(r"f0\.txt:1:\d+: purpose-intention")
    child.expect("apply")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    out = log.getvalue()
    assert out.count("apply?") == 2  # no question after q, in this file or the next
    assert "f1.txt" not in out
    assert "unspin: 4 files, 1 fixed (1 edits); quit, later files untouched" in out
    assert (tmp_path / "f0.txt").read_text(encoding="utf-8") == SPUN.replace("informed", "said")
    for name in names[1:]:
        assert (tmp_path / name).read_text(encoding="utf-8") == SPUN
    assert sorted(p.name for p in tmp_path.iterdir()) == names  # no temp file left


def test_q_at_the_first_edit_writes_nothing(tmp_path):
    names = _files(tmp_path, 2)
    child, log = _review(tmp_path, "-j", "1", *names)
    child.expect("apply")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert all((tmp_path / name).read_text(encoding="utf-8") == SPUN for name in names)


def test_no_progress_line_between_prompts_and_every_file_reviewed(tmp_path):
    names = _files(tmp_path, 3)
    child, log = _review(tmp_path, "-j", "1", *names)
    for name in names:
        child.expect(rf"{name}:1:13: informed-said")
        child.expect("apply")
        child.sendline("a")  # all the edits of this file
    child.expect(r"unspin: 3 files, 3 fixed \(9 edits\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    out = log.getvalue()
    assert "files\r" not in out and "/3 files" not in out and "\033[K" not in out  # no progress line at all
    fixed = SPUN.replace("informed", "said").replace("purpose", "intention").replace("deserting", "abandoning")
    assert all((tmp_path / name).read_text(encoding="utf-8") == fixed for name in names)


def test_an_inserted_or_deleted_space_is_visible(tmp_path):
    (tmp_path / "a.txt").write_text(GLUED, encoding="utf-8")
    child, log = _review(tmp_path, "a.txt")
    child.expect("spacing.glued-name")
    child.expect("translated by\\{\\+\u2423\\+\\}Google He did")  # was: by[-]{+ +}Google
    child.sendline("y")
    child.expect("boundary.lost-stop")
    child.expect("byGoogle\\[-\u2423-\\]\\{\\+\\.\u2423\\+\\}He did")
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == GLUED.replace("byGoogle He", "by Google. He")


def test_word_diff_shows_spaces_the_same_way():
    from unspin import engine, views

    result = engine.repair("Officials met in the area\u2013 the talks went on.\n")
    assert "the area{+\u2423+}\u2013 the talks" in views.word_diff("a.txt", result)  # was: area{+ +}– the
    assert views.marked("straight strike", "direct attack") == "[-straight strike-]{+direct attack+}"
    assert views.marked("", "\u00a0") == "{+\u237d+}" and views.marked("\t", "") == "[-\u21e5-]"
