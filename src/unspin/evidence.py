"""Spin evidence: how spun a text reads, for each paragraph and for the whole text.

Read from the candidate edits the passes found (before they are resolved), so judging a text
costs no extra scan. Each finding outside protected regions is evidence with a weight:

- strong (1.0): a safe dictionary or context rule (a spinner's swap that clean text does not
  write: 'brain trust informed', 'has actually'), and a name glued on with its full stop lost
- medium (0.5): a suggest-only dictionary or context rule, an unidiomatic pair, a broken
  collocation the thesaurus restores
- weak (0.2): a signature word of the spin tier ('stated', 'additionally', 'versus'), which
  clean news also writes now and then

Findings that overlap count once, at the weight of the strongest. The score is a saturating
function of the evidence per 100 words, with a prior of 100 words so that one finding in a
short text does not decide it:

    density = evidence / (words / 100 + 1)          score = density / (density + 1)

A text is spun at a score of 0.5 or more (one strong finding per 100 words, or five weak
ones, in a long text; two strong findings in one sentence). A paragraph of a text that is not
spun as a whole is unlocked on its own only with a strong finding and a score of 0.5.
Calibrated in ``bench/quality.py`` (the spin-score table).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from .model import Edit

THRESHOLD = 0.5  # the verdict 'spun'
PRIOR_WORDS = 100  # words of 'no evidence' every text starts with: one sentence is not enough to judge
DENSITY_AT_HALF = 1.0  # evidence per 100 words where the score is 0.5

STRONG, MEDIUM, WEAK = 1.0, 0.5, 0.2

#: rule ids whose findings are spinner evidence although their category is not
SIGNATURE_RULES = {
    "boundary.lost-stop": STRONG,
    "spacing.glued-name": WEAK,
    "pair.unidiomatic": MEDIUM,
    "pair.thesaurus": 0.0,
}  # (a rare pair a thesaurus could explain: clean text has plenty)
#: categories that are evidence at all (spacing and MT damage are not spin)
EVIDENCE_CATEGORIES = frozenset({"filler", "phrase", "context", "style", "collocation", "pair"})

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")
_PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    rule: str
    text: str
    weight: float


@dataclass
class Paragraph:
    start: int
    end: int
    words: int
    evidence: float = 0.0
    strong: int = 0

    @property
    def score(self) -> float:
        return score(self.evidence, self.words)


@dataclass
class SpinReport:
    words: int
    evidence: list[Evidence] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    #: 'auto', or the user's 'on'/'off' (then the verdict does not decide what is applied)
    mode: str = "auto"
    #: the evidence's summed weight (set by ``assess``)
    total: float = 0.0
    _starts: list[int] = field(default_factory=list, repr=False)

    @property
    def score(self) -> float:
        return score(self.total, self.words)

    @property
    def spun(self) -> bool:
        return self.score >= THRESHOLD

    def unlocked(self, pos: int) -> bool:
        """Spin-tier edits apply at ``pos``: the text is spun, or its paragraph is on its own."""
        if self.mode != "auto":
            return self.mode == "on"
        if self.spun:
            return True
        para = self.paragraph_at(pos)
        return para is not None and para.strong > 0 and para.score >= THRESHOLD

    def unlocked_spans(self, length: int) -> list[tuple[int, int]]:
        """The ``(start, end)`` spans where spin-tier edits apply, in a text of ``length``."""
        if self.mode != "auto":
            return [(0, length)] if self.mode == "on" else []
        if self.spun:
            return [(0, length)]
        return [(p.start, p.end) for p in self.paragraphs if p.strong > 0 and p.score >= THRESHOLD]

    def paragraph_at(self, pos: int) -> Paragraph | None:
        if len(self._starts) != len(self.paragraphs):
            self._starts = [p.start for p in self.paragraphs]
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.paragraphs[i] if i >= 0 and pos <= self.paragraphs[i].end else None


def score(evidence: float, words: int) -> float:
    density = evidence / (words / 100 + PRIOR_WORDS / 100)
    return density / (density + DENSITY_AT_HALF)


def weight(e: Edit) -> float:
    """How much one finding says that the text was spun (0: nothing)."""
    if e.rule in SIGNATURE_RULES:
        return SIGNATURE_RULES[e.rule]
    if e.category not in EVIDENCE_CATEGORIES:
        return 0.0
    if e.spin:
        return WEAK
    return STRONG if e.safe else MEDIUM


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blocks between blank lines; a block of long lines (one paragraph a line,
    as news files and spun articles are written) is split at each line."""
    spans, pos = [], 0
    for m in list(_PARAGRAPH_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        block = text[pos:end]
        lines = block.split("\n")
        if len(lines) > 1 and sum(len(ln) >= 100 for ln in lines) * 2 >= len(lines):
            at = pos
            for ln in lines:
                spans.append((at, at + len(ln)))
                at += len(ln) + 1
        elif block.strip():
            spans.append((pos, end))
        pos = m.end() if m else len(text)
    return spans


def assess(text: str, candidates: list[Edit], protected, mode: str = "auto") -> SpinReport:
    """The spin report of ``text`` from the passes' candidate edits.

    ``protected(start, end)`` is true where a finding is not the writer's prose (a quotation,
    a URL, code): the spinner leaves quotations alone, so they are no evidence either way.
    """
    paras = [Paragraph(s, e, len(_WORD.findall(text, s, e))) for s, e in paragraphs(text)]
    report = SpinReport(sum(p.words for p in paras), paragraphs=paras, mode=mode)
    # findings that overlap are one piece of evidence, weighing what the strongest of them does
    # ('acquiring power' as a suggest-only entry and 'acquiring' as an unidiomatic pair)
    kept: list[Evidence] = []
    for e in sorted(candidates, key=lambda e: (e.start, -e.end)):
        w = weight(e)
        if not w or protected(e.start, e.end):
            continue
        found = Evidence(e.start, e.end, e.rule, e.original, w)
        if kept and e.start < kept[-1].end:
            if w > kept[-1].weight:
                kept[-1] = found
            continue
        kept.append(found)
    for found in kept:
        report.evidence.append(found)
        para = report.paragraph_at(found.start)
        if para is not None:
            para.evidence += found.weight
            para.strong += found.weight >= STRONG
    report.total = sum(e.weight for e in report.evidence)
    return report


@dataclass
class SpinTotal:
    """A whole file's spin evidence, summed over the chunks it was read in (``unspin score``)."""

    words: int = 0
    weight: float = 0.0
    items: list[dict] = field(default_factory=list)

    def add(self, report: SpinReport, locate, first_char: int = 0) -> None:
        """Add one chunk's report; ``locate.line_col(pos)`` places a finding in the file."""
        self.words += report.words
        self.weight += report.total
        for e in report.evidence:
            line, col = locate.line_col(e.start)
            self.items.append(
                {
                    "rule": e.rule,
                    "text": e.text,
                    "weight": e.weight,
                    "line": line,
                    "column": col,
                    "start": first_char + e.start,
                    "end": first_char + e.end,
                }
            )

    @property
    def score(self) -> float:
        return score(self.weight, self.words)

    @property
    def spun(self) -> bool:
        return self.score >= THRESHOLD

    def as_dict(self) -> dict:
        return {
            "score": round(self.score, 4),
            "spun": self.spun,
            "threshold": THRESHOLD,
            "words": self.words,
            "evidence": self.items,
        }
