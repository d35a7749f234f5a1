"""Finding formats for ``unspin check``: text, json, jsonl, sarif (2.1.0) and github.

The JSON schema (stable; new keys may be added, none removed or renamed):
path, line, column, end_line, end_column (1-based, characters), start, end (character
offsets in the decoded text), byte_start, byte_end (offsets in the file's bytes, BOM
included), rule, category, message, original, suggestion, safe, applied (fix would apply it),
held (why it is not applied: "" or e.g. "suggestion only", "inside a quotation"), context
(a few characters around the finding).
"""

from __future__ import annotations

import json
from bisect import bisect_right

import regex

from . import __version__
from .model import Edit

FORMATS = ("text", "json", "jsonl", "sarif", "github")


_NEWLINE = regex.compile(r"\n")


def line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


class Locator:
    """Line, column and byte offset of positions in one text, asked in increasing order."""

    def __init__(self, text: str, first_line: int = 0, first_byte: int = 0):
        self.text, self.first_line = text, first_line
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.ascii = text.isascii()
        self._pos, self._byte = 0, first_byte

    def line_col(self, pos: int) -> tuple[int, int]:
        n = bisect_right(self.starts, pos) - 1
        return n + 1 + self.first_line, pos - self.starts[n] + 1

    def byte(self, pos: int) -> int:
        if self.ascii:
            return self._byte + pos - self._pos if pos >= self._pos else self._byte - (self._pos - pos)
        if pos < self._pos:  # out of order: count from the start again
            self._byte -= len(self.text[pos : self._pos].encode("utf-8"))
        else:
            self._byte += len(self.text[self._pos : pos].encode("utf-8"))
        self._pos = pos
        return self._byte


def record(path: str, loc: Locator, e: Edit, first_char: int = 0) -> dict:
    """A finding as data; ``loc`` places it in its text, ``first_char`` is where that text begins."""
    line, col = loc.line_col(e.start)
    end_line, end_col = loc.line_col(e.end)
    byte_start = loc.byte(e.start)
    text = loc.text
    context = text[max(0, e.start - 12) : e.start + 12].strip()
    return {
        "path": path,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "start": e.start + first_char,
        "end": e.end + first_char,
        "byte_start": byte_start,
        "byte_end": byte_start + len(e.original.encode("utf-8")),
        **what(e),
        "context": context,
    }


def what(e: Edit) -> dict:
    """What a finding is, wherever it is: the keys every finding record has after its place."""
    return {
        "rule": e.rule,
        "category": e.category,
        "message": e.reason,
        "original": e.original,
        "suggestion": e.replacement,
        "safe": e.safe,
        "applied": not e.held,
        "held": e.held,
    }


def text_line(r: dict) -> str:
    """``path:line:col: rule-id: message: 'text' (-> 'suggestion') [held]``."""
    shown = r["original"] if r["original"] else r["context"]
    held = f" [{r['held']}]" if r["held"] else ""
    return (
        f"{r['path']}:{r['line']}:{r['column']}: {r['rule']}: {r['message']}: {shown!r} (-> {r['suggestion']!r}){held}"
    )


_CONTROL = regex.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")


def shown_name(name: str) -> str:
    """A file name safe to print on one line in any format: bytes that are not UTF-8 (kept by
    Python as surrogates) and control characters (a newline in a name) become escapes."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner reads it back."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A workflow command's property value (file, title): colons and commas escaped too."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(r: dict) -> str:
    level = "warning" if r["applied"] else "notice"
    msg = github_data(f"{r['message']}: '{r['original']}' -> '{r['suggestion']}'")
    return (
        f"::{level} file={github_property(r['path'])},line={r['line']},col={r['column']},endLine={r['end_line']},"
        f"endColumn={r['end_column']},title={github_property('unspin ' + r['rule'])}::{msg}"
    )


def sarif(records: list[dict], rules: dict) -> str:
    used = sorted({r["rule"] for r in records})
    index = {rid: n for n, rid in enumerate(used)}
    driver_rules = []
    for rid in used:
        rule = rules.get(rid)
        driver_rules.append(
            {
                "id": rid,
                "shortDescription": {"text": rule.reason if rule else rid},
                "properties": {"category": rule.category if rule else "", "safe": bool(rule.safe) if rule else False},
            }
        )
    results = []
    for r in records:
        results.append(
            {
                "ruleId": r["rule"],
                "ruleIndex": index[r["rule"]],
                "level": "warning" if r["applied"] else "note",
                "message": {"text": f"{r['message']}: '{r['original']}' -> '{r['suggestion']}'"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": r["path"]},
                            "region": {
                                "startLine": r["line"],
                                "startColumn": r["column"],
                                "endLine": r["end_line"],
                                "endColumn": r["end_column"],
                                "byteOffset": r["byte_start"],
                                "byteLength": r["byte_end"] - r["byte_start"],
                            },
                        }
                    }
                ],
                "fixes": [
                    {
                        "description": {"text": r["message"]},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": r["path"]},
                                "replacements": [
                                    {
                                        "deletedRegion": {
                                            "byteOffset": r["byte_start"],
                                            "byteLength": r["byte_end"] - r["byte_start"],
                                        },
                                        "insertedContent": {"text": r["suggestion"]},
                                    }
                                ],
                            }
                        ],
                    }
                ],
            }
        )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "unspin",
                        "version": __version__,  # (no informationUri: unspin has no hosted page to point at)
                        "rules": driver_rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)
