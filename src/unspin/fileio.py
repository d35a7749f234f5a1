"""Files at the edge: sources with their BOM, encoding back to bytes, atomic writes."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass

BOM = "\ufeff"


class InputError(Exception):
    """Input unspin cannot process; the message is one line for the user."""


@dataclass
class Source:
    name: str  # as the user gave it ('-' for standard input)
    text: str  # decoded, without the BOM (line endings untouched)
    bom: bool = False


def encode(source: Source, text: str) -> bytes:
    return ((BOM if source.bom else "") + text).encode("utf-8")


def write_atomic(name: str, data: bytes, expect: Snapshot | None = None, force: bool = False) -> None:
    """Replace the file in one step (see AtomicWriter); ``expect``: refuse if it changed since."""
    writer = AtomicWriter(name, expect=expect, force=force)
    try:
        writer.write(data)
        writer.commit(expect.digest if expect else None)
    finally:
        writer.discard()


@dataclass
class Snapshot:
    """What a file was when it was read: checked again just before it is replaced."""

    dev: int
    ino: int
    size: int
    mtime_ns: int
    digest: str | None = None  # sha256 of the bytes read

    @classmethod
    def of(cls, st: os.stat_result, digest: str | None = None) -> Snapshot:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, digest)


class HashingReader:
    """A binary file handle that hashes what is read through it (and, at the end, the rest)."""

    def __init__(self, fh):
        self.fh, self.sha = fh, hashlib.sha256()
        self.snapshot = Snapshot.of(os.fstat(fh.fileno()))

    def read(self, n: int = -1) -> bytes:
        data = self.fh.read(n)
        self.sha.update(data)
        return data

    def finish(self) -> Snapshot:
        while data := self.fh.read(1 << 20):  # a reader that stopped early still hashes the whole file
            self.sha.update(data)
        self.snapshot.digest = self.sha.hexdigest()
        return self.snapshot


def _digest(path: str) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as fh:
        while data := fh.read(1 << 20):
            sha.update(data)
    return sha.hexdigest()


TEMP_RE = re.compile(r"\.(?P<name>.+)\.unspin-(?P<pid>\d+)-\w+\.tmp")
OLD_TEMP_RE = re.compile(r"\..+\.[a-z0-9_]{8}\.unspin")
_swept: set[str] = set()


def sweep(folder: str) -> None:
    """Remove temp files that a killed unspin run left in ``folder`` (their process is gone)."""
    if folder in _swept:
        return
    _swept.add(folder)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for entry in names:
        if OLD_TEMP_RE.fullmatch(entry):  # earlier versions' names carry no pid: removed after a day
            path = os.path.join(folder, entry)
            try:
                if os.lstat(path).st_mtime < time.time() - 86400:
                    os.unlink(path)
            except OSError:
                pass
            continue
        m = TEMP_RE.fullmatch(entry)
        if not m or int(m.group("pid")) == os.getpid() or _alive(int(m.group("pid"))):
            continue
        try:
            os.unlink(os.path.join(folder, entry))
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process: not ours to judge
    return True


class AtomicWriter:
    """Write a replacement for ``name`` piece by piece; ``commit`` swaps it in, else nothing changes.

    What the file is stays as it was: a symlink is followed and its target rewritten; mode,
    owner, group and extended attributes (ACLs among them) are copied to the replacement, and
    where that cannot be done, or the file has other hard links, the finished and verified
    replacement is copied into the file itself instead of renamed over it. A read-only file is
    refused unless ``force``; ``commit`` refuses when the file changed since it was read.
    Temp files are named ``.NAME.unspin-PID-XXXX.tmp``; ``sweep`` removes those of dead runs.
    """

    def __init__(self, name: str, expect: Snapshot | None = None, force: bool = False):
        self.path = os.path.realpath(name)  # through symlinks, to the file itself
        self.name = name
        st = os.stat(self.path)
        self.st, self.expect = st, expect
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{name}: not a regular file; unchanged")
        if not force and ((st.st_mode & 0o222) == 0 or not os.access(self.path, os.W_OK)):
            raise InputError(f"{name}: read-only file; unchanged (--force rewrites it)")
        folder = os.path.dirname(self.path)
        sweep(folder)
        # SIGINT/SIGTERM wait until the temp file is on the list the exit path cleans up, so no
        # signal can land between its creation and its registration
        import signal

        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        self.tmp: str | None = None  # the replacement's temp file, until committed or discarded
        try:
            fd, self.tmp = tempfile.mkstemp(
                prefix=f".{os.path.basename(self.path)}.unspin-{os.getpid()}-", suffix=".tmp", dir=folder
            )
            LIVE_TEMPS.add(self.tmp)
            self.fh = os.fdopen(fd, "wb")
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def write(self, data: bytes) -> None:
        self.fh.write(data)

    def _same_identity(self, tmp: str) -> bool:
        """Give the temp file ``tmp`` the original's mode, owner and extended attributes; False
        when some of it cannot be copied (then the file is written in place)."""
        st = self.st
        if st.st_nlink > 1:
            return False
        try:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            tmp_st = os.stat(tmp)
            if (tmp_st.st_uid, tmp_st.st_gid) != (st.st_uid, st.st_gid):
                os.chown(tmp, st.st_uid, st.st_gid)
            if hasattr(os, "listxattr"):
                for attr in os.listxattr(self.path):
                    os.setxattr(tmp, attr, os.getxattr(self.path, attr))
                os.chmod(tmp, stat.S_IMODE(st.st_mode))  # an ACL may have touched the mode bits
        except OSError:
            return False
        return True

    def _unchanged(self, digest: str | None) -> bool:
        now = os.stat(self.path)
        want = self.expect or Snapshot.of(self.st)
        if (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) != (want.dev, want.ino, want.size, want.mtime_ns):
            return False
        return digest is None or _digest(self.path) == digest

    def commit(self, digest: str | None = None) -> None:
        """Swap the replacement in; ``digest``: the sha256 of what was read, checked first."""
        tmp = self.tmp
        if tmp is None:
            raise RuntimeError(f"{self.name}: the replacement was already committed or discarded")
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        if not self._unchanged(digest):
            raise InputError(f"{self.name}: changed while unspin was working on it; unchanged")
        if self._same_identity(tmp):
            os.replace(tmp, self.path)
            LIVE_TEMPS.discard(tmp)
            self.tmp = None
            return
        # in place: the inode (links, owner, ACLs) stays; the verified copy is only then removed
        with open(tmp, "rb") as src, open(self.path, "r+b") as dst:
            while data := src.read(1 << 20):
                dst.write(data)
            dst.truncate()
            dst.flush()
            os.fsync(dst.fileno())

    def discard(self) -> None:
        if not self.fh.closed:
            self.fh.close()
        if self.tmp:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass
            LIVE_TEMPS.discard(self.tmp)
            self.tmp = None


#: temp files this process has open; removed on the way out when a signal ends the run
LIVE_TEMPS: set[str] = set()


def remove_live_temps() -> None:
    """Remove the temp files of writes a signal interrupted (also between creation and use)."""
    for tmp in list(LIVE_TEMPS):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        LIVE_TEMPS.discard(tmp)
