"""Reading a file as a stream of whole-block chunks, so memory stays flat on huge inputs.

Edits never cross a chunk boundary, and a chunk boundary never falls inside a block that is
protected as a whole (a code fence, an HTML ``<pre>``/``<code>``/``<script>`` element or
comment, an ``unspin: off`` stretch, an indented block): chunks end after a blank line
followed by a line that starts at the margin, outside every such block. So ``check``,
``fix`` and ``diff`` (which reads whole files) see the same protection.

A block longer than ``MAX_BUFFER`` characters is cut anyway; the rest of it, at the start of
the next chunk, is passed through untouched (``Chunk.protected``).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

import regex

from .fileio import BOM, InputError

CHUNK = 128 * 1024  # characters per chunk, roughly (a repair holds about 0.2 KB per character: 25 MB)
MAX_BUFFER = 16 * CHUNK  # characters held while waiting for the end of a block


@dataclass
class Chunk:
    text: str
    start: int  # character offset of the chunk in the decoded file (BOM excluded)
    line: int  # 0-based line number of the chunk's first line
    byte: int  # byte offset of the chunk in the file (BOM included)
    protected: int = 0  # the first ``protected`` characters continue a block cut by force: leave them alone


# ---------------------------------------------------------------- where blocks open and close
_OFF = regex.compile(r"unspin:\s*(off|on)\b")
_FENCE = regex.compile(r" {0,3}(`{3,}|~{3,})")
_TICKS = regex.compile(r"```")
_HTML_RAW = regex.compile(r"<(pre|code|script|style|textarea)\b|<!--", regex.I)
_OPENERS = regex.compile(r"unspin:|```|~~~|<(?:pre|code|script|style|textarea)\b|<!--", regex.I)


@dataclass
class State:
    """Which protected blocks are open at a point of the text."""

    off: bool = False  # between 'unspin: off' and 'unspin: on'
    fence: str = ""  # Markdown: the open fence ('```', '~~~~')
    ticks: bool = False  # plain text: an odd number of ``` so far (protect.py's code spans)
    raw: str = ""  # HTML: the open raw element ('pre', 'script') or '--' for a comment

    @property
    def top(self) -> bool:
        return not (self.off or self.fence or self.ticks or self.raw)


@dataclass
class Scanner:
    markup: str
    state: State = field(default_factory=State)

    def line(self, text: str) -> None:
        """Advance the state over one line (without its line end)."""
        s = self.state
        for switch in _OFF.finditer(text):
            s.off = switch.group(1) == "off"
        if self.markup == "markdown":
            m = _FENCE.match(text)
            if s.fence:
                if (
                    m
                    and m.group(1)[0] == s.fence[0]
                    and len(m.group(1)) >= len(s.fence)
                    and not text[m.end() :].strip()
                ):
                    s.fence = ""
                return
            if m and not s.raw:
                s.fence = m.group(1)
                return
        elif self.markup == "text" and "```" in text:
            s.ticks ^= len(_TICKS.findall(text)) % 2 == 1
        if self.markup in ("html", "markdown"):
            pos = 0
            while True:
                if s.raw:
                    closer = "-->" if s.raw == "--" else f"</{s.raw}"
                    end = text.lower().find(closer, pos)
                    if end < 0:
                        return
                    s.raw, pos = "", end + len(closer)
                opener = _HTML_RAW.search(text, pos)
                if not opener:
                    return
                s.raw, pos = (opener.group(1) or "--").lower(), opener.end()


def _cut(buffer: str, final: bool, scanner: Scanner) -> tuple[int, bool]:
    """Where to end the next chunk in ``buffer`` (0: need more text) and whether the cut is at
    the top level. ``scanner`` holds the state at the buffer's start and is advanced to the cut."""
    if final:
        return len(buffer), True
    if len(buffer) < CHUNK:
        return 0, True
    probe = Scanner(scanner.markup, State(**vars(scanner.state)))
    best, pos = 0, 0
    best_state: State | None = None
    line_end, line_state = 0, None  # the last line end at the top level: second choice
    while True:
        nl = buffer.find("\n", pos)
        if nl < 0 or nl + 2 >= len(buffer):
            break
        probe.line(buffer[pos:nl])
        pos = nl + 1
        if pos >= CHUNK // 2 and probe.state.top:
            if buffer[pos - 2 : pos] == "\n\n" and not buffer[pos].isspace():
                best, best_state = pos, State(**vars(probe.state))
            elif not buffer[pos].isspace():
                line_end, line_state = pos, State(**vars(probe.state))
        if best and pos > CHUNK * 2:
            break
    if best_state is not None:
        scanner.state = best_state
        return best, True
    if line_state is not None:  # no paragraph break at the top level: a line break will do
        scanner.state = line_state
        return line_end, True
    if pos == 0 and scanner.state.top and not _OPENERS.search(buffer):
        cut = buffer.rfind(" ", CHUNK // 2, len(buffer) - 1)  # one enormous line of plain words
        if cut >= 0:
            return cut + 1, True
    if len(buffer) < MAX_BUFFER:
        return 0, True
    for sep in ("\n\n", "\n", " "):  # one enormous block: cut it, and carry its state over
        cut = buffer.rfind(sep, CHUNK // 2, len(buffer) - 1)
        if cut >= 0:
            cut += len(sep)
            break
    else:
        cut = len(buffer) - 1
    for line in buffer[:cut].split("\n"):
        scanner.line(line)
    return cut, scanner.state.top


def _protected_head(text: str, scanner: Scanner) -> int:
    """How much of a chunk that starts inside an open block belongs to that block."""
    pos = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl + 1
        scanner.line(text[pos:end].rstrip("\n"))
        pos = end
        if scanner.state.top:
            return pos
    return len(text)


class Reader(Protocol):
    """What ``chunks`` reads from: a binary file, or fileio.HashingReader around one."""

    def read(self, n: int = -1, /) -> bytes: ...


def chunks(fh: Reader, name: str, markup: str = "text") -> tuple[bool, Iterator[Chunk]]:
    """``(has_bom, chunks)`` of a binary file handle; decoding errors and NUL bytes raise InputError."""
    head = fh.read(8192)
    if b"\0" in head:
        raise InputError(f"{name}: binary file (contains NUL bytes), skipped")
    bom = head.startswith(BOM.encode("utf-8"))

    def generate() -> Iterator[Chunk]:
        decoder = codecs.getincrementaldecoder("utf-8")()
        scanner = Scanner(markup)
        buffer, start, line, byte, consumed = "", 0, 0, 3 if bom else 0, 0
        data = head[3:] if bom else head
        consumed = len(head)
        final = False
        carried: State | None = None  # the open blocks a forced cut carried into the next chunk
        while True:
            if b"\0" in data:
                raise InputError(f"{name}: binary file (contains NUL bytes), skipped")
            try:
                buffer += decoder.decode(data, final=final)
            except UnicodeDecodeError as exc:
                where = consumed - len(data) + exc.start
                raise InputError(f"{name}: not UTF-8 text (invalid byte at offset {where})") from None
            while True:
                cut, top = _cut(buffer, final, scanner)
                if not cut:
                    break
                text, buffer = buffer[:cut], buffer[cut:]
                protected = _protected_head(text, Scanner(markup, State(**vars(carried)))) if carried is not None else 0
                yield Chunk(text, start, line, byte, protected)
                carried = None if top else State(**vars(scanner.state))
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
