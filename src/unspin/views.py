"""Diff views of one repair result: unified and word-level."""

from __future__ import annotations

import difflib

import regex

from .model import Result

RED, GREEN, CYAN, BOLD, RESET = "\033[31m", "\033[32m", "\033[36m", "\033[1m", "\033[0m"


def unified(path: str, result: Result, color: bool = False) -> str:
    lines = difflib.unified_diff(
        result.original.splitlines(keepends=True), result.text.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    out = []
    for ln in lines:
        if not ln.endswith("\n"):
            ln += "\n\\ No newline at end of file\n"
        if color:
            if ln.startswith(("+++", "---")):
                ln = BOLD + ln.rstrip("\n") + RESET + "\n"
            elif ln.startswith("@@"):
                ln = CYAN + ln.rstrip("\n") + RESET + "\n"
            elif ln.startswith("+"):
                ln = GREEN + ln.rstrip("\n") + RESET + "\n"
            elif ln.startswith("-"):
                ln = RED + ln.rstrip("\n") + RESET + "\n"
        out.append(ln)
    return "".join(out)


#: whitespace as it is shown at the edge of a marked part, where it would otherwise be invisible
_SHOWN = {" ": "\u2423", "\t": "\u21e5", "\n": "\u21b5", "\r": "\u240d", "\u00a0": "\u237d"}  # ␣ ⇥ ↵ ␍ ⍽


def _shown(space: str) -> str:
    return "".join(_SHOWN.get(c, f"<U+{ord(c):04X}>") for c in space)


def visible(part: str) -> str:
    """``part`` with the whitespace at its ends shown as marks (a space as ␣, a newline as ↵, a
    tab as ⇥, a no-break space as ⍽, others as <U+XXXX>), so that a space a repair inserts or
    deletes can be seen between the brackets; spaces between words stay spaces."""
    head = len(part) - len(part.lstrip())
    if head == len(part):
        return _shown(part)
    tail = len(part.rstrip())
    return _shown(part[:head]) + part[head:tail] + _shown(part[tail:])


def marked(old: str, new: str, color: bool = False) -> str:
    """``[-old-]{+new+}`` with visible edge whitespace; an empty side is left out, so an inserted
    space reads ``{+␣+}``."""
    out = ""
    if old:
        out += f"{RED}[-{visible(old)}-]{RESET}" if color else f"[-{visible(old)}-]"
    if new:
        out += f"{GREEN}{{+{visible(new)}+}}{RESET}" if color else f"{{+{visible(new)}+}}"
    return out


_TOKEN = regex.compile(r"\s+|[\p{L}\p{N}'’-]+|.", regex.S)


def word_diff(path: str, result: Result, color: bool = False) -> str:
    """Changed lines only, with ``[-old-]{+new+}`` marks, like ``git diff --word-diff`` (a space
    inserted or deleted at the edge of a mark shows as ␣: see ``visible``)."""
    old_lines, new_lines = result.original.splitlines(), result.text.splitlines()
    out = [f"--- a/{path}\n+++ b/{path}\n"] if result.changed else []
    sm = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        old, new = "\n".join(old_lines[i1:i2]), "\n".join(new_lines[j1:j2])
        out.append(f"@@ line {i1 + 1} @@\n" if not color else f"{CYAN}@@ line {i1 + 1} @@{RESET}\n")
        a, b = _TOKEN.findall(old), _TOKEN.findall(new)
        parts = []
        for t, x1, x2, y1, y2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if t == "equal":
                parts.append("".join(a[x1:x2]))
                continue
            parts.append(marked("".join(a[x1:x2]), "".join(b[y1:y2]), color))
        out.append("".join(parts) + "\n")
    return "".join(out)
