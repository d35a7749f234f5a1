"""From candidate edits to a consistent set: protection, confidence, overlaps; then apply."""

from __future__ import annotations

import bisect

from .evidence import SpinReport
from .loader import PassRule, RuleSet
from .model import Edit, Options
from .protect import Protection
from .textutil import sentence_bounds

_HELD_REASON = {
    "quote": "inside a quotation",
    "url": "inside a URL",
    "email": "inside an e-mail address",
    "number": "touches a number",
    "date": "touches a date",
    "credit": "in a credit line",
    "code": "inside code",
    "file": "inside a file name",
    "handle": "inside a handle or hashtag",
}


#: regions whose findings are not even reported: the user or the format says "not prose"
SILENT = frozenset({"suppressed", "markup", "code", "url", "email", "file", "handle"})


class _Spans:
    """Accepted, non-overlapping edits kept sorted for an overlap test in O(log n)."""

    def __init__(self):
        self.edits: list[Edit] = []
        self._keys: list[tuple[int, int]] = []

    def clashes(self, e: Edit) -> bool:
        i = bisect.bisect_left(self._keys, (e.start, e.end))
        return any(e.overlaps(o) for o in self.edits[max(0, i - 2) : i + 2]) or self._wide_clash(e, i)

    def _wide_clash(self, e: Edit, i: int) -> bool:
        # an earlier long edit may still cover e; walk back while spans could reach it
        j = i - 3
        while j >= 0 and self.edits[j].end > e.start:
            if e.overlaps(self.edits[j]):
                return True
            j -= 1
        return False

    def clashing(self, e: Edit) -> list[Edit]:
        """The accepted edits ``e`` overlaps (call after ``clashes`` said yes)."""
        i = bisect.bisect_left(self._keys, (e.start, e.end))
        found = [o for o in self.edits[max(0, i - 2) : i + 2] if e.overlaps(o)]
        j = i - 3
        while j >= 0 and self.edits[j].end > e.start:
            if e.overlaps(self.edits[j]):
                found.append(self.edits[j])
            j -= 1
        return found

    def remove(self, e: Edit) -> None:
        i = self.edits.index(e)
        del self.edits[i], self._keys[i]

    def add(self, e: Edit) -> None:
        i = bisect.bisect_left(self._keys, (e.start, e.end))
        self._keys.insert(i, (e.start, e.end))
        self.edits.insert(i, e)


def _order(e: Edit):
    # on the same span a word rule wins over a spacing repair: its replacement already reads the
    # span as the spacing repair would ('partial ly' -> 'partly', not just 'partially')
    return (-(e.end - e.start), e.start, e.category == "spacing", e.rule)


#: what an edit of no known rule is treated as: no flag, not report-only, allowed nowhere
_PLAIN = PassRule("", "", False, "", "")

#: held back because the text does not read as spun (the spin tier)
NOT_SPUN = "suggestion only: the text is not judged spun"


def resolve(
    candidates: list[Edit], protection: Protection, rules: RuleSet, options: Options, spin: SpinReport | None = None
) -> tuple[list[Edit], list[Edit]]:
    """Split candidates into edits to apply and suggestions, none overlapping another.

    Spin-tier edits apply where ``spin`` unlocks them; elsewhere they are suggestions that
    ``--unsafe`` applies and ``--all-findings`` shows (by default they are not reported, as
    clean text uses these words innocently). A rule's data says the rest: ``safe: report`` rules
    are only reported unless selected by id (``shown: spun`` ones only in spun text unless
    ``options.all_findings``), and ``safe: flag`` rules point at a problem with no fix.
    Longest edit wins, then leftmost; applied edits are chosen first, then suggestions are
    kept where they do not clash with an applied edit or with each other.
    """
    unlocked = spin.unlocked if spin is not None else (lambda pos: options.spin == "on")
    applicable, held = [], []
    for e in without_redundant_spaces(candidates):
        rule = rules.lookup(e.rule) or _PLAIN
        kind = protection.hit(e.start, e.end, rule.allow)
        if kind in SILENT:
            continue
        if kind:
            held.append(_with(e, _HELD_REASON.get(kind, f"protected ({kind})")))
        elif rule.flag:
            held.append(_with(e, "flag: no automatic fix"))
        elif e.spin and unlocked(e.start):
            applicable.append(e)
        elif e.spin and not options.unsafe and e.rule not in options.enabled_only:
            if options.all_findings:  # in text that reads clean these are shown only on request
                held.append(_with(e, NOT_SPUN))
        elif rule.report and e.rule not in options.enabled_only:
            if rule.shown == "spun" and not options.all_findings and not unlocked(e.start):
                continue  # a weak signal, worth showing only where the text reads as spun
            held.append(_with(e, "report only"))
        elif not e.safe and not options.unsafe and e.rule not in options.enabled_only:
            held.append(_with(e, "suggestion only"))  # (selecting a rule by its id enables it)
        else:
            applicable.append(e)
    applied, taken = [], _Spans()
    for e in sorted(applicable, key=_order):
        if not taken.clashes(e):
            taken.add(e)
            applied.append(e)
            continue
        clash = taken.clashing(e)
        both = compose(clash[0], e) if len(clash) == 1 else None
        if both:
            taken.remove(clash[0])
            applied.remove(clash[0])
            taken.add(both)
            applied.append(both)
    suggestions = []
    for e in sorted(held, key=_order):
        if not taken.clashes(e):
            taken.add(e)
            suggestions.append(e)
    by_pos = lambda e: (e.start, e.end)  # noqa: E731
    return sorted(applied, key=by_pos), sorted(suggestions, key=by_pos)


def without_redundant_spaces(candidates: list[Edit]) -> list[Edit]:
    """The candidates without an inserted space that another candidate already brings: the
    doubled-word edit on 'the theKremlin' ends with the space the glued-name pass would insert
    at the cut ('the Kremlin'), and both applied would write two."""
    brings = {e.end for e in candidates if e.start < e.end and e.replacement[-1:] == " " != e.original[-1:]}
    brings |= {e.start for e in candidates if e.start < e.end and e.replacement[:1] == " " != e.original[:1]}
    if not brings:
        return candidates
    return [e for e in candidates if not (e.start == e.end and e.replacement == " " and e.start in brings)]


def compose(first: Edit, then: Edit) -> Edit | None:
    """One edit doing ``first`` and then ``then``, where ``then`` rewrites text that ``first``
    keeps at its edge: 'informed informed Tuesday' -> 'informed Tuesday' (a doubled word) ->
    'said Tuesday' (a word rule), in one run, so that a second run has nothing left to do."""
    if first.start == first.end or then.start == then.end:
        return None
    if first.start <= then.start < first.end <= then.end:  # 'then' overlaps the end of 'first'
        kept = first.original[then.start - first.start :]
        rest = first.replacement[: len(first.replacement) - len(kept)]
        if not first.replacement.endswith(kept) or kept == first.original or rest[-1:].isalnum():
            return None  # (a rewritten word that merely ends like the kept text is not kept text)
        replacement = first.replacement[: len(first.replacement) - len(kept)] + then.replacement
        start, end, original = first.start, then.end, first.original + then.original[len(kept) :]
    elif then.start <= first.start < then.end <= first.end:  # ... or its start
        kept = first.original[: then.end - first.start]
        rest = first.replacement[len(kept) :]
        if not first.replacement.startswith(kept) or kept == first.original or rest[:1].isalnum():
            return None  # ('exec order' -> 'executive order' does not keep 'exec')
        replacement = then.replacement + first.replacement[len(kept) :]
        start, end, original = then.start, first.end, then.original[: first.start - then.start] + first.original
    else:
        return None
    return Edit(
        start,
        end,
        replacement,
        first.rule,
        first.category,
        first.safe and then.safe,
        f"{first.reason}; then {then.reason}",
        original,
        spin=first.spin or then.spin,
    )


def _with(e: Edit, held: str) -> Edit:
    return Edit(e.start, e.end, e.replacement, e.rule, e.category, e.safe, e.reason, e.original, held, e.spin)


def apply(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (sorted by position); every other character is kept as is."""
    parts, pos = [], 0
    for e in edits:
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


class Rounds:
    """The text after ``applied`` edits, and how its positions map back to the original, so that
    edits found on the repaired text can be composed with the ones that made it."""

    def __init__(self, original: str, applied: list[Edit]):
        self.original, self.applied = original, sorted(applied, key=lambda e: (e.start, e.end))
        self.text = apply(original, self.applied)
        self.spans: list[tuple[int, int, Edit]] = []  # where each edit's replacement sits in self.text
        shift = 0
        for e in self.applied:
            start = e.start + shift
            self.spans.append((start, start + len(e.replacement), e))
            shift += len(e.replacement) - (e.end - e.start)
        self.changed = [(a, b) for a, b, e in self.spans if e.replacement != e.original]
        self._ends = [b for _, b, _ in self.spans]
        self._shifts, total = [], 0  # the length the first k edits added, for k = 1, 2, ...
        for _, _, e in self.spans:
            total += len(e.replacement) - (e.end - e.start)
            self._shifts.append(total)

    def changed_lines(self) -> list[tuple[int, int]]:
        """The lines of the repaired text that hold a change, as ``(start, end)`` spans."""
        out: list[tuple[int, int]] = []
        for a, b in self.changed:
            start = self.text.rfind("\n", 0, a) + 1
            end = self.text.find("\n", b)
            end = len(self.text) if end < 0 else end
            if out and start <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], end))
            else:
                out.append((start, end))
        return out

    def touches(self, e: Edit) -> bool:
        """``e`` (on the repaired text) shares a sentence with text an applied edit wrote: a word
        rule reads its key, the words beside it and its sentence ('when=' conditions)."""
        start, end = sentence_bounds(self.text, e.start)
        end = max(end, e.end)
        i = bisect.bisect_left(self._ends, start)
        for a, b, old in self.spans[i:]:
            if a > end:
                return False
            if old.replacement != old.original and a <= end and start <= b:
                return True
        return False

    def to_original(self, pos: int) -> int:
        """A position in the repaired text outside every replacement (or at its edge) -> the original."""
        i = bisect.bisect_right(self._ends, pos)  # the edits whose replacement ends at or before pos
        return pos - (self._shifts[i - 1] if i else 0)

    def mapped(self, spin: SpinReport | None):
        """``spin``'s verdict asked at repaired-text positions."""
        rounds = self

        class _Mapped:
            def unlocked(self, pos: int) -> bool:
                return spin.unlocked(rounds.to_original(pos)) if spin is not None else False

        return _Mapped() if spin is not None else None

    def compose(self, later: list[Edit]) -> list[Edit]:
        """The applied edits with ``later`` (non-overlapping edits on the repaired text) folded in:
        each later edit and the applied edits it touches become one edit on the original."""
        groups: list[list] = []  # [start, end, later edits, touched applied edits] on the repaired text
        for e in sorted(later, key=lambda e: e.start):
            start, end = e.start, e.end
            touched = [(a, b, old) for a, b, old in self.spans if a < end and start < b or a == b and start <= a <= end]
            for a, b, _ in touched:
                start, end = min(start, a), max(end, b)
            if groups and start < groups[-1][1]:
                g = groups[-1]
                g[0], g[1] = min(g[0], start), max(g[1], end)
                g[2].append(e)
                g[3].extend(t for t in touched if t not in g[3])
            else:
                groups.append([start, end, [e], touched])
        replaced = {id(t[2]) for g in groups for t in g[3]}
        out = [e for e in self.applied if id(e) not in replaced]
        for start, end, edits, touched in groups:  # (start, end already cover the touched edits)
            start0, end0 = self.to_original(start), self.to_original(end)
            shifted = [
                Edit(
                    e.start - start,
                    e.end - start,
                    e.replacement,
                    e.rule,
                    e.category,
                    e.safe,
                    e.reason,
                    e.original,
                    e.held,
                    e.spin,
                )
                for e in edits
            ]
            lead = edits[0]
            reasons = "; ".join([old.reason for _, _, old in touched] + [f"then {e.reason}" for e in edits])
            out.append(
                Edit(
                    start0,
                    end0,
                    apply(self.text[start:end], shifted),
                    lead.rule,
                    lead.category,
                    all(e.safe for e in edits) and all(old.safe for _, _, old in touched),
                    reasons,
                    self.original[start0:end0],
                    spin=any(e.spin for e in edits) or any(old.spin for _, _, old in touched),
                )
            )
        return sorted(out, key=lambda e: (e.start, e.end))
