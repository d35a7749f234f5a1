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


_TOKEN = regex.compile(r"\s+|[\p{L}\p{N}'’-]+|.", regex.S)


def word_diff(path: str, result: Result, color: bool = False) -> str:
    """Changed lines only, with ``[-old-]{+new+}`` marks, like ``git diff --word-diff``."""
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
            if x2 > x1:
                gone = "".join(a[x1:x2])
                parts.append(f"{RED}[-{gone}-]{RESET}" if color else f"[-{gone}-]")
            if y2 > y1:
                came = "".join(b[y1:y2])
                parts.append(f"{GREEN}{{+{came}+}}{RESET}" if color else f"{{+{came}+}}")
        out.append("".join(parts) + "\n")
    return "".join(out)
