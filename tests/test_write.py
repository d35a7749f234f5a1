"""`fix -w` keeps what a file is, through real files: symlinks, hard links, modes, owners,
extended attributes, read-only files, edits made during the run, and killed runs."""

import os
import signal
import stat
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest

from conftest import run
from unspin import fileio

ROOT = Path(__file__).resolve().parent.parent
SPUN = "The Kremlin informed Tuesday it has no purpose of deserting Iran.\n"
FIXED = "The Kremlin said Tuesday it has no intention of abandoning Iran.\n"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file semantics")


# (300 s per run, not conftest's default)
run = partial(run, timeout=300)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".unspin" in p.name)


def test_a_symlink_stays_a_symlink_and_its_target_is_fixed(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text(SPUN, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    proc = run("fix", "-w", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert target.read_text(encoding="utf-8") == FIXED
    assert temp_files(tmp_path) == []


def test_hard_links_stay_linked(tmp_path):
    first = tmp_path / "a.txt"
    first.write_text(SPUN, encoding="utf-8")
    second = tmp_path / "b.txt"
    os.link(first, second)
    inode = first.stat().st_ino
    proc = run("fix", "-w", str(first))
    assert proc.returncode == 0, proc.stderr
    assert first.stat().st_ino == inode and first.stat().st_nlink == 2
    assert second.read_text(encoding="utf-8") == FIXED
    assert temp_files(tmp_path) == []


def test_mode_and_extended_attributes_are_kept(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SPUN, encoding="utf-8")
    os.chmod(path, 0o640)
    try:
        os.setxattr(path, "user.origin", b"newsroom")
    except (OSError, AttributeError):
        pytest.skip("no user extended attributes here")
    proc = run("fix", "-w", str(path))
    assert proc.returncode == 0, proc.stderr
    assert path.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.getxattr(path, "user.origin") == b"newsroom"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing owners needs root")
def test_the_owner_is_kept_when_root_fixes_a_users_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SPUN, encoding="utf-8")
    os.chown(path, 1234, 5678)
    proc = run("fix", "-w", str(path))
    assert proc.returncode == 0, proc.stderr
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 5678)
    assert path.read_text(encoding="utf-8") == FIXED


def test_read_only_files_are_refused_unless_forced(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SPUN, encoding="utf-8")
    os.chmod(path, 0o444)
    proc = run("fix", "-w", str(path))
    assert proc.returncode == 2
    assert b"read-only" in proc.stderr and b"Traceback" not in proc.stderr
    assert path.read_text(encoding="utf-8") == SPUN
    proc = run("fix", "-w", "--force", str(path))
    assert proc.returncode == 0, proc.stderr
    assert path.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert temp_files(tmp_path) == []


def test_a_file_changed_during_the_run_is_left_alone(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SPUN, encoding="utf-8")
    with open(path, "rb") as raw:
        reader = fileio.HashingReader(raw)
        writer = fileio.AtomicWriter(str(path))
        try:
            reader.read()
            writer.write(FIXED.encode())
            time.sleep(0.01)
            path.write_text(SPUN.replace("Iran", "Iraq"), encoding="utf-8")  # someone saves meanwhile
            with pytest.raises(fileio.InputError, match="changed while unspin was working"):
                writer.commit(reader.finish().digest)
        finally:
            writer.discard()
    assert path.read_text(encoding="utf-8") == SPUN.replace("Iran", "Iraq")
    assert temp_files(tmp_path) == []


def test_a_same_size_same_time_edit_is_caught_by_the_hash(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SPUN, encoding="utf-8")
    before = path.stat()
    with open(path, "rb") as raw:
        reader = fileio.HashingReader(raw)
        writer = fileio.AtomicWriter(str(path))
        try:
            reader.read()
            writer.write(FIXED.encode())
            path.write_text(SPUN.replace("Iran", "Oman"), encoding="utf-8")
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
            with pytest.raises(fileio.InputError):
                writer.commit(reader.finish().digest)
        finally:
            writer.discard()
    assert "Oman" in path.read_text(encoding="utf-8")


def test_an_edit_during_a_real_run_is_not_overwritten(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(SPUN * 40_000, encoding="utf-8")  # a few seconds of work
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "unspin", "fix", "-w", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while not temp_files(tmp_path) and time.time() < deadline:
        time.sleep(0.05)
    assert temp_files(tmp_path), "the run never started writing"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("A line added by hand.\n")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 2, err
    assert b"changed while unspin was working" in err
    assert path.read_text(encoding="utf-8").endswith("by hand.\n")
    assert "informed Tuesday" in path.read_text(encoding="utf-8")
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_a_killed_run_leaves_no_temp_file_after_the_next_run(sig, tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(SPUN * 40_000, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "unspin", "fix", "-w", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while not temp_files(tmp_path) and time.time() < deadline:
        time.sleep(0.05)
    assert temp_files(tmp_path), "the run never started writing"
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    assert path.read_text(encoding="utf-8") == SPUN * 40_000  # untouched
    if sig == signal.SIGKILL:
        assert len(temp_files(tmp_path)) == 1  # nothing can clean up after SIGKILL ...
        small = tmp_path / "small.txt"
        small.write_text(SPUN, encoding="utf-8")
        assert run("fix", "-w", str(small)).returncode == 0  # ... but the next run in the folder does
    else:
        assert proc.returncode == 128 + sig
    assert temp_files(tmp_path) == []


def test_a_killed_parent_takes_its_workers_along(tmp_path):
    for n in range(8):
        (tmp_path / f"f{n}.txt").write_text(SPUN * 20_000, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "unspin", "check", "-q", "-j", "2", str(tmp_path)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    children: list[int] = []
    while time.time() < deadline and len(children) < 2:
        time.sleep(0.2)
        try:
            children = [int(c) for c in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
        except OSError:
            pytest.skip("needs /proc")
    assert len(children) >= 2, "no workers started"
    proc.kill()
    proc.wait()
    deadline = time.time() + 20
    while time.time() < deadline and any(Path(f"/proc/{c}").exists() and "Z" not in _state(c) for c in children):
        time.sleep(0.2)
    assert not any(Path(f"/proc/{c}").exists() and "Z" not in _state(c) for c in children)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_the_sweep_removes_temp_files_of_dead_runs_only(tmp_path):
    names = {
        "old": ".a.txt.ab12cd_9.unspin",  # an earlier version's name, a day old
        "dead": ".a.txt.unspin-999999999-abc.tmp",  # no such process
        "live": f".a.txt.unspin-{os.getppid()}-abc.tmp",  # a running process
        "user": ".a.txt.notes",
    }
    for name in names.values():
        (tmp_path / name).write_text("x", encoding="utf-8")
    os.utime(tmp_path / names["old"], (1, 1))
    fileio.sweep(str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([names["live"], names["user"]])
