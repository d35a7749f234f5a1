"""unspin's cache: plain data only, never code.

Entries are files ``NAME-KEY.bin`` in a per-user folder (mode 0700, owned by the user):
a header line ``unspin-cache <format> <sha256 of the payload>`` then the payload (bytes, JSON or
raw arrays; nothing that a loader could execute). ``KEY`` hashes unspin's version, the shape
of the data and the content of its sources, so a stale entry is never read. An entry that
fails its checksum or does not decode is ignored and rebuilt; the folder is pruned to
``LIMIT`` bytes, oldest first. Writes go to a temp file in the same folder, then a rename.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import time
from pathlib import Path

from . import __version__

FORMAT = 3
LIMIT = 256 * 1024 * 1024  # bytes the folder may hold before old entries go
_MAGIC = b"unspin-cache"


def folder() -> Path:
    """The cache folder: UNSPIN_CACHE_DIR, else $XDG_CACHE_HOME/unspin, else ~/.cache/unspin."""
    return Path(
        os.environ.get("UNSPIN_CACHE_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "unspin"
    )


def _usable_folder() -> Path | None:
    """The cache folder, created 0700; None when it is not safely ours (then nothing is cached)."""
    if os.environ.get("UNSPIN_NO_CACHE") is not None:
        return None
    path = folder()
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(path)
        if not stat.S_ISDIR(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            return None  # a symlink or someone else's folder: do not read what it holds
        if stat.S_IMODE(st.st_mode) & 0o077:
            os.chmod(path, 0o700)
    except OSError:
        return None
    return path


def key(*parts: bytes | str) -> str:
    """A short hex key over unspin's version, the cache format and ``parts``."""
    h = hashlib.sha256(f"{__version__}|{FORMAT}".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:32]


def read(name: str, k: str) -> bytes | None:
    """The payload stored under ``name`` and ``k``, or None (missing, foreign, damaged)."""
    base = _usable_folder()
    if base is None:
        return None
    path = base / f"{name}-{k}.bin"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            head = fh.readline(200)
            payload = fh.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    parts = head.split()
    if (
        len(parts) != 3
        or parts[0] != _MAGIC
        or parts[1] != str(FORMAT).encode()
        or parts[2] != hashlib.sha256(payload).hexdigest().encode()
    ):
        return None
    return payload


def write(name: str, k: str, payload: bytes) -> None:
    """Store ``payload`` atomically; failures only cost a slower next start."""
    base = _usable_folder()
    if base is None:
        return
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=base)
        with os.fdopen(fd, "wb") as fh:
            fh.write(b"%s %d %s\n" % (_MAGIC, FORMAT, hashlib.sha256(payload).hexdigest().encode()))
            fh.write(payload)
        os.replace(tmp, base / f"{name}-{k}.bin")
        tmp = None
        prune(base)
    except OSError:
        pass
    finally:
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def prune(base: Path, limit: int = LIMIT) -> None:
    """Remove the oldest entries (and stray files of older formats) until the folder fits ``limit``."""
    entries = []
    for p in base.iterdir():
        try:
            st = p.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        if p.name.startswith(".") and p.suffix == ".tmp":  # a write a killed run left behind
            if st.st_mtime < time.time() - 600:
                p.unlink(missing_ok=True)
            continue
        if p.suffix in (".pickle", ".marshal"):  # earlier versions' caches: code, never read again
            p.unlink(missing_ok=True)
            continue
        entries.append((st.st_mtime, st.st_size, p))
    total = sum(size for _, size, _ in entries)
    for _, size, p in sorted(entries):
        if total <= limit:
            break
        try:
            p.unlink()
            total -= size
        except OSError:
            pass
