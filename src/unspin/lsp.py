"""The language server's logic, without the server: a document's findings as LSP diagnostics,
quick fixes and hovers (``lspserver.py`` wires these to pygls).

Pure functions of a text and its repair, unit-tested on their own (tests/test_lsp.py). Positions
are in the code units the client and server agreed on: UTF-16 unless the client offered
another encoding (``Positions``).

Severity by tier: what ``fix`` applies is a Warning; a suggest-only or spin-tier suggestion, and
a flag (a problem with no automatic fix), Information; a report-only finding, and a finding held
back because it lies in a protected region (a quotation, a name), a Hint.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types

from . import config, engine, fileio, loader
from .grammar import GrammarError
from .model import Edit, Options, Result
from .resolve import NOT_SPUN

SOURCE = "unspin"
#: the kind of the "fix all" action asked for on save (``editor.codeActionsOnSave``)
FIX_ALL_KIND = "source.fixAll.unspin"
FIX_ALL_TITLE = "Fix all safe edits in this file"
#: held reasons of suggestions the user may still take (the rest: protected regions, flags)
SUGGESTIONS = ("suggestion only", NOT_SPUN, "report only")


class Positions:
    """Character offsets <-> LSP positions (line, code units) in one text.

    Lines end at ``\\n``, ``\\r\\n`` or ``\\r``, as LSP counts them; columns count UTF-16 code
    units (``encoding='utf-16'``, the LSP default: a character outside the BMP, an emoji, is
    two), UTF-8 bytes (``'utf-8'``) or code points (``'utf-32'``).
    """

    def __init__(self, text: str, encoding: str = "utf-16"):
        self.text = text
        self.encoding = encoding
        starts, i, n = [0], 0, len(text)
        while True:
            i = _next_break(text, i)
            if i < 0:
                break
            i += 2 if text.startswith("\r\n", i) else 1
            starts.append(i)
            if i >= n:
                break
        self.starts = starts

    def _units(self, s: str) -> int:
        if self.encoding == "utf-8":
            return len(s.encode("utf-8", "surrogatepass"))
        if self.encoding == "utf-32" or s.isascii():
            return len(s)
        return len(s) + sum(1 for c in s if ord(c) > 0xFFFF)

    def _line_end(self, line: int) -> int:
        """Where ``line``'s content ends (before its line break)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1]
        return end - (2 if self.text.startswith("\r\n", end - 2) else 1)

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        return types.Position(line=line, character=self._units(self.text[self.starts[line] : offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, pos: types.Position) -> int:
        """The character offset of ``pos``; a column past the line's end is its end (as LSP says)."""
        if pos.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[max(0, pos.line)], self._line_end(max(0, pos.line))
        if self.encoding == "utf-32":
            return min(start + pos.character, end)
        units = 0
        for i in range(start, end):
            if units >= pos.character:
                return i
            units += self._units(self.text[i])
        return end


def _next_break(text: str, i: int) -> int:
    a, b = text.find("\n", i), text.find("\r", i)
    return a if b < 0 else b if a < 0 else min(a, b)


@dataclass
class Analysis:
    """One document's text and its repair, or why there is none (a configuration error)."""

    text: str
    result: Result | None = None
    error: str = ""
    #: where the analysed text starts in the document (1 after a byte order mark)
    skip: int = 0
    dictionaries: tuple[str, ...] = field(default_factory=tuple)

    @property
    def findings(self) -> list[Edit]:
        if self.result is None:
            return []
        return [_shifted(e, self.skip) for e in self.result.findings]

    @property
    def applied(self) -> list[Edit]:
        if self.result is None:
            return []
        return [_shifted(e, self.skip) for e in self.result.applied]


def _shifted(e: Edit, by: int) -> Edit:
    return e if not by else engine.shift(e, by)


#: settings and a file name -> the engine's options: ``cli.options_for``, handed in by the ``lsp``
#: command (this module does not import cli, which imports it: no import circle)
Configure = Callable[[str, config.Settings], Options]


def analyse(path: str | None, text: str, options_for: Configure) -> Analysis:
    """Repair ``text`` as ``unspin check PATH`` would: configured by the ``.unspin.toml`` or
    ``pyproject.toml`` nearest ``path`` and ``options_for`` (the command line's own
    ``cli.options_for``), Markdown/HTML/reST by its extension (``None``: a document with no
    file, plain text configured from the working folder).

    Configuration, dictionary and grammar-backend errors come back as ``Analysis.error``.
    """
    # the server lives long: a configuration file edited since the last run is read again
    config.forget()
    skip = 1 if text.startswith(fileio.BOM) else 0
    try:
        settings = config.settings_for(Path(path) if path else None, {})
        options = options_for(path or "-", settings)
        result = engine.repair(text[skip:], options)
    except (config.ConfigError, GrammarError) as exc:
        return Analysis(text, error=str(exc))
    except loader.RuleError as exc:
        return Analysis(text, error="; ".join(exc.problems[:5]))
    return Analysis(text, result, skip=skip, dictionaries=options.dictionaries)


def severity(e: Edit) -> types.DiagnosticSeverity:
    """Warning: ``fix`` applies it; Information: a suggestion (suggest-only, the spin tier in text
    that does not read as spun) or a flag; Hint: report-only, or held in a protected region."""
    if not e.held:
        return types.DiagnosticSeverity.Warning
    if e.held in ("suggestion only", NOT_SPUN) or e.held.startswith("flag"):
        return types.DiagnosticSeverity.Information
    return types.DiagnosticSeverity.Hint


def _shown(s: str, limit: int = 60) -> str:
    s = s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def change(e: Edit) -> str:
    """What an edit does, in words: ``'x' -> 'y'``, ``insert 'y'``, ``delete 'x'``."""
    if e.replacement == e.original:
        return f"'{_shown(e.original)}' (no automatic fix)"
    if not e.original:
        return f"insert '{_shown(e.replacement)}'"
    if not e.replacement:
        return f"delete '{_shown(e.original)}'"
    return f"'{_shown(e.original)}' -> '{_shown(e.replacement)}'"


def message(e: Edit) -> str:
    """The reason and the proposed replacement, and why it is held back when it is."""
    held = "" if not e.held or e.held.startswith("flag") else f" [{e.held}]"
    return f"{e.reason}: {change(e)}{held}"


def diagnostics(analysis: Analysis, encoding: str = "utf-16") -> list[types.Diagnostic]:
    """Every finding as a diagnostic (source 'unspin', code the rule id); a configuration error
    as one Error at line 0."""
    pos = Positions(analysis.text, encoding)
    if analysis.error:
        return [
            types.Diagnostic(
                range=types.Range(start=types.Position(line=0, character=0), end=pos.position(pos._line_end(0))),
                message=f"unspin configuration: {analysis.error}",
                severity=types.DiagnosticSeverity.Error,
                source=SOURCE,
                code="configuration",
            )
        ]
    return [
        types.Diagnostic(
            range=pos.range(e.start, e.end),
            message=message(e),
            severity=severity(e),
            source=SOURCE,
            code=e.rule,
        )
        for e in analysis.findings
    ]


def text_edits(edits: Iterable[Edit], pos: Positions) -> list[types.TextEdit]:
    return [types.TextEdit(range=pos.range(e.start, e.end), new_text=e.replacement) for e in edits]


def touching(findings: Sequence[Edit], start: int, end: int) -> list[Edit]:
    """The findings that overlap or touch the span ``start..end`` (a cursor is an empty span)."""
    return [e for e in findings if e.start <= end and start <= e.end]


def _wants(only: Sequence[str] | None, kind: str) -> bool:
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def action_title(e: Edit) -> str:
    if not e.original:
        verb = f"Insert '{_shown(e.replacement, 40)}'"
    elif not e.replacement:
        verb = f"Delete '{_shown(e.original, 40)}'"
    else:
        verb = f"Replace '{_shown(e.original, 40)}' with '{_shown(e.replacement, 40)}'"
    return f"{verb} ({e.rule})"


def code_actions(
    uri: str,
    analysis: Analysis,
    rng: types.Range,
    only: Sequence[str] | None = None,
    encoding: str = "utf-16",
) -> list[types.CodeAction]:
    """Quick fixes for the findings in ``rng``: one per finding that has a replacement (what
    ``fix`` applies is preferred; suggestions are offered too, never what a protected region
    holds or a flag), then "Fix all safe edits in this file" (what ``unspin fix`` applies).

    ``only``: the kinds the client asks for (``quickfix``, ``source.fixAll``...; None: any). Fix
    all is a quick fix beside the cursor's findings, and ``source.fixAll.unspin`` when asked
    for by kind (on save)."""
    if analysis.result is None:
        return []
    pos = Positions(analysis.text, encoding)
    findings = analysis.findings
    here = touching(findings, pos.offset(rng.start), pos.offset(rng.end))
    actions: list[types.CodeAction] = []
    if _wants(only, types.CodeActionKind.QuickFix):
        for e in here:
            if e.replacement == e.original or (e.held and e.held not in SUGGESTIONS):
                continue
            actions.append(
                types.CodeAction(
                    title=action_title(e),
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[_diagnostic(e, pos)],
                    is_preferred=not e.held,
                    edit=types.WorkspaceEdit(changes={uri: text_edits([e], pos)}),
                )
            )
    applied = analysis.applied
    if applied:
        if here and _wants(only, types.CodeActionKind.QuickFix):
            kind: str | None = types.CodeActionKind.QuickFix
        elif only and _wants(only, FIX_ALL_KIND):
            kind = FIX_ALL_KIND
        else:
            kind = None
        if kind:
            actions.append(
                types.CodeAction(
                    title=FIX_ALL_TITLE,
                    kind=kind,
                    edit=types.WorkspaceEdit(changes={uri: text_edits(applied, pos)}),
                )
            )
    return actions


def _diagnostic(e: Edit, pos: Positions) -> types.Diagnostic:
    return types.Diagnostic(
        range=pos.range(e.start, e.end), message=message(e), severity=severity(e), source=SOURCE, code=e.rule
    )


def hover(analysis: Analysis, at: types.Position, encoding: str = "utf-16") -> types.Hover | None:
    """The findings under ``at``: each rule's id, reason, what it proposes and one example."""
    if analysis.result is None:
        return None
    pos = Positions(analysis.text, encoding)
    offset = pos.offset(at)
    here = touching(analysis.findings, offset, offset)
    if not here:
        return None
    try:
        rules: loader.RuleSet | None = loader.load(analysis.dictionaries)
    except loader.RuleError:
        rules = None
    parts = [explain(e, rules.lookup(e.rule) if rules else None) for e in here]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=pos.range(min(e.start for e in here), max(e.end for e in here)),
    )


def tier(e: Edit) -> str:
    if not e.held:
        return "applied by `unspin fix`"
    return e.held


def explain(e: Edit, rule: loader.Rule | None) -> str:
    """One finding for a hover, in Markdown: rule id, tier, reason, the change, an example."""
    lines = [f"**unspin `{e.rule}`** ({e.category}, {tier(e)})", "", rule.reason if rule else e.reason]
    lines += ["", f"Here: {change(e)}"]
    example = next((x for x in rule.examples if x.fixed is not None), None) if rule else None
    if example is not None:
        lines += ["", f"Example: {example.text} => {example.fixed}"]
    return "\n".join(lines)
