"""Reading a file as a stream of whole-paragraph chunks, so memory stays flat on huge inputs.

Edits never cross a chunk boundary: chunks end after a blank line where one comes soon
enough, else after a line end, else (a single enormous line) at a space.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from .fileio import BOM, InputError

CHUNK = 256 * 1024  # characters per chunk, roughly


@dataclass
class Chunk:
    text: str
    start: int  # character offset of the chunk in the decoded file (BOM excluded)
    line: int  # 0-based line number of the chunk's first line
    byte: int  # byte offset of the chunk in the file (BOM included)


def _cut(buffer: str, final: bool) -> int:
    """Where to end the next chunk in ``buffer`` (0: need more text)."""
    if final:
        return len(buffer)
    if len(buffer) < CHUNK:
        return 0
    for sep in ("\n\n", "\n", " "):
        pos = buffer.rfind(sep, CHUNK // 2, len(buffer) - 1)
        if pos >= 0:
            return pos + len(sep)
    return len(buffer) - 1


def chunks(fh: BinaryIO, name: str) -> tuple[bool, Iterator[Chunk]]:
    """``(has_bom, chunks)`` of a binary file handle; decoding errors raise InputError."""
    head = fh.read(8192)
    if b"\0" in head:
        raise InputError(f"{name}: binary file (contains NUL bytes), skipped")
    bom = head.startswith(BOM.encode("utf-8"))

    def generate() -> Iterator[Chunk]:
        decoder = codecs.getincrementaldecoder("utf-8")()
        buffer, start, line, byte, consumed = "", 0, 0, 3 if bom else 0, 0
        data = head[3:] if bom else head
        consumed = len(head)
        final = False
        while True:
            try:
                buffer += decoder.decode(data, final=final)
            except UnicodeDecodeError as exc:
                where = consumed - len(data) + exc.start
                raise InputError(f"{name}: not UTF-8 text (invalid byte at offset {where})") from None
            while True:
                cut = _cut(buffer, final)
                if not cut:
                    break
                text, buffer = buffer[:cut], buffer[cut:]
                yield Chunk(text, start, line, byte)
                start += len(text)
                line += text.count("\n")
                byte += len(text.encode("utf-8"))
                if final and not buffer:
                    return
            if final:
                return
            data = fh.read(CHUNK)
            consumed += len(data)
            final = not data
    return bom, generate()
