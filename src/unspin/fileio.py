"""Files at the edge: sources with their BOM, encoding back to bytes, atomic writes."""
from __future__ import annotations

import os
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


def encode(source: Source, text: str) -> bytes:
    return ((BOM if source.bom else "") + text).encode("utf-8")


def write_atomic(name: str, data: bytes) -> None:
    """Replace the file in one step (temp file in the same folder, then rename), keeping its mode."""
    writer = AtomicWriter(name)
    try:
        writer.write(data)
        writer.commit()
    finally:
        writer.discard()


class AtomicWriter:
    """Write a replacement for ``name`` piece by piece; ``commit`` swaps it in, else nothing changes."""

    def __init__(self, name: str):
        self.path = Path(name)
        self.mode = self.path.stat().st_mode & 0o7777
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".unspin", dir=self.path.parent)
        self.fh = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self.fh.write(data)

    def commit(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.chmod(self.tmp, self.mode)
        os.replace(self.tmp, self.path)
        self.tmp = None

    def discard(self) -> None:
        if not self.fh.closed:
            self.fh.close()
        if self.tmp:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass
            self.tmp = None
