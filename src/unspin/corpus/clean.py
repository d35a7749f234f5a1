"""One document's text, cleaned: what ``unspin fix`` writes for it, and the added fields.

The text is read in the same chunks ``unspin fix`` reads a file in (``stream.chunks``), so a
record's repaired text is byte for byte what ``fix`` makes of a file holding that text.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field

from .. import engine, evidence, stream
from ..fileio import BOM, InputError
from ..model import Options

#: the fields every cleaned record gets (``FINDINGS`` too with ``--findings`` or ``--mode check``)
SCORE, VERDICT, APPLIED, HELD, FINDINGS, ERROR = (
    "unspin_score",
    "unspin_verdict",
    "unspin_applied",
    "unspin_held",
    "unspin_findings",
    "unspin_error",
)
MODES = ("fix", "check")


class BadText(ValueError):
    """A record's text that cannot be read as text (a NUL, an unpaired surrogate)."""


@dataclass
class Cleaned:
    text: str  # repaired (mode fix) or as it was (mode check)
    score: float
    words: int  # the words the spin score was judged on
    applied: Counter = field(default_factory=Counter)  # category -> edits applied
    held: Counter = field(default_factory=Counter)  # category -> findings held back
    findings: list[dict] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return "spun" if self.score >= evidence.THRESHOLD else "clean"

    def fields(self, with_findings: bool) -> dict:
        """The fields added to the record (in this order)."""
        out = {
            SCORE: round(self.score, 4),
            VERDICT: self.verdict,
            APPLIED: dict(sorted(self.applied.items())),
            HELD: dict(sorted(self.held.items())),
        }
        if with_findings:
            out[FINDINGS] = self.findings
        return out


def clean_text(text: str, options: Options | None = None, mode: str = "fix", findings: bool = False) -> Cleaned:
    """Repair one document's text as ``unspin fix`` repairs a file holding it; BadText if it
    is not text. ``findings``: keep each finding as data (``unspin check --format json`` keys)."""
    options = options or Options()
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadText(f"the text holds an unpaired surrogate (\\u{ord(text[exc.start]):04x})") from None
    try:
        bom, parts = stream.chunks(io.BytesIO(data), "text", options.markup)
        pieces = [BOM] if bom else []
        weight, words = 0.0, 0
        out = Cleaned(text, 0.0, 0)
        for chunk in parts:
            head = chunk.text[: chunk.protected]  # the rest of a block too long for one chunk
            result = engine.repair(chunk.text[chunk.protected :], options)
            pieces.append(head + result.text)
            if result.spin is not None:
                weight += result.spin.total
                words += result.spin.words
            at = len(BOM) * bom + chunk.start + len(head)  # offsets in the record's text
            for e in result.findings:
                (out.held if e.held else out.applied)[e.category] += 1
                if findings:
                    out.findings.append(_finding(e, at))
    except InputError:
        raise BadText("the text holds NUL characters") from None
    if mode == "fix":
        out.text = "".join(pieces)
    out.score, out.words = evidence.score(weight, words), words
    return out


def _finding(e, at: int) -> dict:
    """A finding as data, with the keys of ``unspin check --format json`` that make sense here."""
    return {
        "start": e.start + at,
        "end": e.end + at,
        "rule": e.rule,
        "category": e.category,
        "message": e.reason,
        "original": e.original,
        "suggestion": e.replacement,
        "safe": e.safe,
        "applied": not e.held,
        "held": e.held,
    }
