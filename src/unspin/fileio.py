"""Reading and writing files at the edge: encodings, BOM, line endings, atomic writes."""
from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

BOM = "\ufeff"


class InputError(Exception):
    """Input unspin cannot process; the message is one line for the user."""


@dataclass
class Source:
    name: str  # as the user gave it ('-' for standard input)
    text: str  # decoded, without the BOM (line endings untouched)
    bom: bool = False

    @property
    def is_stdin(self) -> bool:
        return self.name == "-"


def decode(data: bytes, name: str) -> Source:
    if b"\0" in data[:8192]:
        raise InputError(f"{name}: binary file (contains NUL bytes), skipped")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (invalid byte at offset {exc.start})") from None
    bom = text.startswith(BOM)
    return Source(name, text[1:] if bom else text, bom)


def read(name: str) -> Source:
    if name == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>")
    path = Path(name)
    if path.is_dir():
        raise InputError(f"{name}: is a directory")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    return decode(data, name)


def encode(source: Source, text: str) -> bytes:
    return ((BOM if source.bom else "") + text).encode("utf-8")


def write_atomic(name: str, data: bytes) -> None:
    """Replace the file in one step (temp file in the same folder, then rename), keeping its mode."""
    path = Path(name)
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".unspin", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
