"""Command line: ``unspin fix|check|diff|score|words|corpus|rules|explain|config|lsp``.
All I/O and exit codes live here.

Exit codes: 0 clean (or nothing to change), 1 findings (check), changes (diff) or files
rewritten by a hook-style fix (--exit-nonzero-on-fix), 2 usage, input, configuration or
rule-data errors, 3 an internal error (a bug: one line, no traceback).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from pathlib import Path

import click

from . import __version__, config, engine, evidence, fileio, files, loader, readout, report, stream, suppress, workers
from .corpus.job import PARTITION_RECORDS, Job
from .grammar import GrammarError
from .model import CATEGORIES, Options, Result
from .resolve import NOT_SPUN, apply
from .workers import Interrupted, on_signal

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3


def _fail(message: str) -> None:
    """One line on stderr (file names in it may hold anything: shown escaped)."""
    click.echo(f"unspin: {report.shown_name(message)}", err=True)


@dataclass
class Outcome:
    """One input, processed: what the command needs of it, or the errors that stopped it."""

    name: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # shown, but the exit code does not change
    records: list[dict] = field(default_factory=list)  # check: findings (when not streamed)
    found: int = 0
    output: bytes = b""  # fix to stdout, when not streamed
    edits: int = 0
    changed: bool = False
    spin: evidence.SpinTotal = field(default_factory=lambda: evidence.SpinTotal())  # score: summed over chunks
    source: fileio.Source | None = None  # diff / interactive: the whole text ...
    result: Result | None = None  # ... and its repair
    snapshot: fileio.Snapshot | None = None  # ... and what the file was when read

    @property
    def path(self) -> str:
        """The name as every output format shows it (escaped: see report.shown_name)."""
        return "<stdin>" if self.name == "-" else report.shown_name(self.name)


def options_for(name: str, settings: config.Settings) -> Options:
    for key in ("select", "disable"):
        _known_ids(getattr(settings, key), f"{settings.origin.get(key, 'command line')} ({key})", settings.dictionaries)
    return Options(
        unsafe=settings.unsafe,
        protect_quotes=settings.protect_quotes,
        disabled=frozenset(settings.disable),
        enabled_only=frozenset(settings.select),
        protected_words=config.protected_words(settings),
        dictionaries=settings.dictionaries,
        markup=files.markup_for(name, settings.markup),
        grammar=settings.grammar,
        languagetool_url=settings.languagetool_url,
        spin=settings.spin,
        all_findings=settings.all_findings,
    )


def _known_ids(ids, where: str, dictionaries=()) -> None:
    """Every id names a rule or a category; otherwise a ConfigError that suggests the nearest."""
    if not ids:
        return
    rules = loader.load(tuple(dictionaries))
    known = set(rules.rules) | set(CATEGORIES)
    for rid in ids:
        if rid in known or rules.lookup(rid) is not None:  # (a grammar backend's own ids: by their prefix)
            continue
        raise config.ConfigError(f"{where}: unknown rule or category '{rid}'{_nearest(rid, known)}")


def _closest(word: str, known) -> str | None:
    import difflib

    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None


def _nearest(word: str, known) -> str:
    close = _closest(word, known)
    return f" (did you mean '{close}'?)" if close else ""


def _unknown_ignores(out: Outcome, text: str, locate, options: Options) -> None:
    """A warning for each id in an 'unspin: ignore[...]' comment that names no rule or category."""
    named = suppress.named_ids(text)
    if not named:
        return
    rules = loader.load(options.dictionaries)
    known = set(rules.rules) | set(CATEGORIES)
    for at, rid in named:
        if rid not in known and rules.lookup(rid) is None:
            line, col = locate(at)
            out.warnings.append(
                f"{'<stdin>' if out.name == '-' else out.name}:{line}:{col}: unknown rule or category '{rid}' in "
                f"an ignore comment{_nearest(rid, known)}; it suppresses nothing"
            )


def _open(name: str):
    if name == "-":
        return open(sys.stdin.fileno(), "rb", closefd=False)
    if os.path.isdir(name):
        raise fileio.InputError(f"{name}: is a directory")
    try:
        return open(name, "rb")
    except FileNotFoundError:
        raise fileio.InputError(f"{name}: no such file") from None
    except PermissionError:
        raise fileio.InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise fileio.InputError(f"{name}: cannot read ({exc.strerror})") from None


def process(
    name: str,
    overrides: dict,
    mode: str,
    sink=None,
    safe_only: bool = False,
    emit=None,
    force: bool = False,
    jobs: int = 1,
) -> Outcome:
    """Read, configure and repair one input, chunk by chunk; failures become data, never tracebacks.

    mode: 'check' (collect findings), 'fix' (repaired bytes to ``sink`` or ``output``),
    'write' (rewrite the file atomically), 'whole' (keep the whole source and result).
    ``sink`` takes repaired bytes and ``emit`` findings as they come, so memory stays flat.
    ``jobs`` > 1: a long input's chunks are repaired in that many processes (``_repairs``).
    """
    out = Outcome(name)
    try:
        settings = config.settings_for(None if name == "-" else Path(name), overrides)
        options = options_for(name, settings)
        with _open(name) as raw:
            # a file to rewrite is checked before any work, and hashed as it is read
            writer = fileio.AtomicWriter(name, force=force) if mode == "write" and name != "-" else None
            try:
                fh = fileio.HashingReader(raw) if name != "-" and mode in ("write", "whole") else raw
                bom, parts = stream.chunks(fh, "<stdin>" if name == "-" else name, options.markup)
            except BaseException:
                if writer:
                    writer.discard()
                raise
            if mode == "whole":
                text = "".join(c.text for c in parts)
                _unknown_ignores(out, text, partial(report.line_col, text), options)
                out.source, out.result = fileio.Source(name, text, bom), engine.repair(text, options)
                out.changed, out.edits = out.result.changed, len(out.result.applied)
                out.snapshot = fh.finish() if fh is not raw else None
                return out
            if mode == "words":
                for chunk in parts:
                    head, body = chunk.text[: chunk.protected], chunk.text[chunk.protected :]
                    loc = report.Locator(chunk.text, chunk.line, chunk.byte)
                    at = chunk.start + len(head)  # rows carry offsets in the whole file
                    for row in readout.describe(engine.read(body, options)):
                        line, col = loc.line_col(row["start"] + len(head))
                        out.found += row["kind"] == "word"
                        row.update(start=row["start"] + at, end=row["end"] + at)
                        (emit or out.records.append)({"path": out.path, "line": line, "column": col, **row})
                return out
            pieces: list[bytes] = []
            try:
                if bom and mode != "check":
                    (writer.write if writer else sink or pieces.append)(fileio.BOM.encode())
                for chunk, result in _repairs(parts, options, jobs):
                    loc = report.Locator(chunk.text, chunk.line, chunk.byte)
                    _unknown_ignores(out, chunk.text, loc.line_col, options)
                    # the rest of a block too long for one chunk passes through untouched
                    head = chunk.text[: chunk.protected]
                    out.edits += len(result.applied)
                    out.changed |= result.changed
                    if mode == "score":
                        assert result.spin is not None  # engine.repair always assesses the text
                        out.spin.add(result.spin, loc, chunk.start)
                        continue
                    if mode == "check":
                        for e in result.applied if safe_only else result.findings:
                            if head:
                                e = replace(e, start=e.start + len(head), end=e.end + len(head))
                            rec = report.record(out.path, loc, e, chunk.start)
                            out.found += 1
                            (emit or out.records.append)(rec)
                        continue
                    data = (head + result.text).encode("utf-8")
                    (writer.write if writer else sink or pieces.append)(data)
                if writer and out.changed:
                    writer.commit(fh.finish().digest)
            finally:
                if writer:
                    writer.discard()
            out.output = b"".join(pieces)
    except (fileio.InputError, config.ConfigError, GrammarError) as exc:
        out.errors = [str(exc)]
    except BrokenPipeError:
        raise  # the reader of our output went away (`| head`): not this file's fault
    except OSError as exc:
        out.errors = [f"{name}: cannot write ({exc.strerror}); the file is unchanged"]
    except loader.RuleError as exc:
        out.errors = exc.problems[:20] + ([f"... and {len(exc.problems) - 20} more"] if len(exc.problems) > 20 else [])
    return out


def run_all(names: list[str], overrides: dict, jobs: int, progress: bool, mode: str, emit=None, **kw):
    """Outcomes in input order; files are spread over ``jobs`` processes when there are many.

    In one process, a 'fix' to stdout streams each chunk out as soon as it is repaired.
    """
    total = len(names)
    if jobs > 1 and total >= 2 * jobs and "-" not in names:
        try:
            loader.load(tuple(overrides.get("dictionaries") or ()))  # warm the rules before forking
        except loader.RuleError:
            pass
        work = partial(_in_worker, overrides=overrides, mode=mode, **kw)
        pool = workers.pool(jobs)
        try:
            for n, outcome in enumerate(pool.map(work, names, chunksize=max(1, min(64, total // (jobs * 4)))), 1):
                _progress(progress, n, total)
                yield outcome
        except BaseException:  # interrupted, or the consumer stopped
            workers.stop(pool, interrupted=True)
            raise
        workers.stop(pool)
    else:
        sink = _stdout_sink if mode == "fix" else None
        for n, name in enumerate(names, 1):
            _progress(progress, n, total)
            yield process(name, overrides, mode, sink=sink, emit=emit, jobs=jobs, **kw)
    if progress and total > 1:
        click.echo("\r\033[K", err=True, nl=False)


#: chunks repaired ahead of the one being written, per worker: enough to keep every worker busy,
#: few enough that memory stays bounded on any input
AHEAD_PER_JOB = 2


def _repairs(parts, options: Options, jobs: int):
    """``(chunk, repair)`` for each chunk, in order. With ``jobs`` > 1 and a second chunk, the
    chunks are repaired in worker processes, at most AHEAD_PER_JOB x jobs at a time; one chunk
    (every short input) is repaired here, without a pool."""
    parts = iter(parts)
    first, second = next(parts, None), next(parts, None)
    if first is None:
        return
    if jobs <= 1 or second is None:
        for chunk in chain([first], [] if second is None else [second], parts):
            yield chunk, engine.repair(chunk.text[chunk.protected :], options)
        return
    from collections import deque

    loader.load(options.dictionaries)  # loaded once here, shared by the forked workers
    pool = workers.pool(jobs)
    pending: deque = deque()
    try:
        for chunk in chain([first, second], parts):
            pending.append((chunk, pool.submit(engine.repair, chunk.text[chunk.protected :], options)))
            while len(pending) >= AHEAD_PER_JOB * jobs:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
    except BaseException:  # interrupted, or the reader stopped
        workers.stop(pool, interrupted=True)
        raise
    workers.stop(pool)


def _in_worker(name: str, **kw) -> Outcome:
    """``process`` in a -j worker; a SIGTERM ends the worker once its temp file is removed."""
    try:
        return process(name, **kw)
    except Interrupted as exc:
        fileio.remove_live_temps()
        os._exit(128 + exc.signum)


def _stdout_sink(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _progress(show: bool, n: int, total: int) -> None:
    if show and total > 1:
        click.echo(f"\r\033[Kunspin: {n}/{total} files", err=True, nl=False)


def rule_options(func):
    """Options that choose what is repaired and how; each overrides the configuration file when given."""
    decorators = [
        click.option(
            "--unsafe/--safe", "unsafe", default=None, help="Also apply suggest-only edits (default: safe only)."
        ),
        click.option(
            "--protect-quotes/--no-protect-quotes",
            "protect_quotes",
            default=None,
            help="Leave text inside quotations alone (default: yes).",
        ),
        click.option(
            "-d",
            "--dictionary",
            "dictionaries",
            multiple=True,
            metavar="FILE",
            help="Extra dictionary (.dict format, or spun<TAB>standard lines); repeatable.",
        ),
        click.option(
            "--disable", multiple=True, metavar="RULE|CATEGORY", help="Turn a rule or category off; repeatable."
        ),
        click.option(
            "--select", multiple=True, metavar="RULE|CATEGORY", help="Run only these rules or categories; repeatable."
        ),
        click.option("--protect", multiple=True, metavar="WORD", help="A word never to split or rewrite; repeatable."),
        click.option(
            "--protect-file",
            "protect_files",
            multiple=True,
            metavar="FILE",
            help="A file of protected words (whitespace-separated, # comments); repeatable.",
        ),
        click.option(
            "--markup",
            type=click.Choice(config.MARKUPS),
            default=None,
            help="How to read files: by extension (auto), text, markdown or html.",
        ),
        click.option(
            "--spin",
            "spin",
            type=click.Choice(config.SPIN_MODES),
            default=None,
            help="Spin-tier edits: where evidence says the text is spun (auto), everywhere (on), nowhere (off).",
        ),
        click.option(
            "--all-findings/--spun-findings",
            "all_findings",
            default=None,
            help="Also report weak findings (unidiomatic pairs) in text that does not read as spun.",
        ),
        click.option(
            "--grammar",
            type=click.Choice(["harper", "languagetool"]),
            default=None,
            is_flag=False,
            flag_value="harper",
            help="Add a grammar checker's findings (report only); harper if not named.",
        ),
        click.option(
            "--languagetool-url", default=None, metavar="URL", help="A LanguageTool server, for --grammar languagetool."
        ),
    ]
    for deco in reversed(decorators):
        func = deco(func)
    return func


def common(func):
    """Options every text command takes: the paths, the rule options, and how files are walked."""
    decorators = [
        click.argument("paths", nargs=-1),
        rule_options,
        click.option(
            "--exclude",
            multiple=True,
            metavar="GLOB",
            help="Skip files and folders matching this gitignore-style pattern (from the current folder); repeatable.",
        ),
        click.option(
            "--no-ignore", "no_ignore", is_flag=True, help="Also walk what .gitignore and .ignore files leave out."
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(1, 256),
            default=None,
            help="Processes: files in parallel, or the chunks of a long file (default: number of CPUs).",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No summary line or progress on stderr."),
    ]
    for deco in reversed(decorators):
        func = deco(func)
    return func


def _overrides(kw: dict) -> dict:
    """The command line's settings; None where an option was not given (the file decides)."""
    out = {}
    for key in ("unsafe", "protect_quotes", "markup", "grammar", "languagetool_url", "spin", "all_findings"):
        out[key] = kw[key]
    for key in ("select", "disable", "protect", "dictionaries", "protect_files"):
        values = tuple(kw[key])
        if key in ("dictionaries", "protect_files"):
            values = tuple(str(Path(p).resolve()) for p in values)
        out[key] = values or None
    return out


def _names(kw: dict) -> list[str]:
    try:
        walk = files.Walk(tuple(kw["exclude"]), ignore_files=not kw["no_ignore"])
    except ValueError as exc:
        _fail(f"--exclude: bad pattern ({exc})")
        sys.exit(EXIT_ERROR)
    names = walk.expand(kw["paths"])
    for note in walk.notes:  # a named folder that gave no file: said, not an error
        _fail(note)
    return names


def _start(kw: dict, mode: str, emit=None, prompts: bool = False, **extra):
    """``prompts``: the run asks questions on the terminal, so no progress line is drawn between them."""
    names = _names(kw)
    jobs = kw["jobs"] or os.cpu_count() or 1
    progress = not kw["quiet"] and not prompts and sys.stderr.isatty()
    return names, run_all(names, _overrides(kw), jobs, progress, mode, emit=emit, **extra)


def _report_errors(outcome: Outcome) -> bool:
    for line in outcome.warnings + outcome.errors:
        _fail(line)
    return bool(outcome.errors)


def _summary(kw: dict, names: list[str], text: str) -> None:
    """One line on stderr after several files (a single file's output speaks for itself)."""
    if not kw["quiet"] and len(names) > 1:
        click.echo(f"unspin: {text}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="unspin")  # from the source, installed or not
def main():
    """Repair English text mangled by article spinners and bad machine translation."""


@main.command()
@common
@click.option("-w", "--write", is_flag=True, help="Rewrite the files in place (atomically) instead of printing.")
@click.option(
    "-i",
    "--interactive",
    is_flag=True,
    help="Review each edit (accept/reject/all/quit), then write; quit keeps the edits accepted so far.",
)
@click.option("--exit-nonzero-on-fix", is_flag=True, help="Exit 1 when a file was rewritten (for hooks).")
@click.option("--force", is_flag=True, help="With -w: rewrite read-only files too.")
def fix(write, interactive, exit_nonzero_on_fix, force, **kw):
    """Print the repaired text, or rewrite files with -w. '-' or no PATH reads standard input."""
    mode = "whole" if interactive else "write" if write else "fix"
    names, outcomes = _start(kw, mode, prompts=interactive, **({"force": force} if write else {}))
    errors = fixed = edits = 0
    stopped = False
    for o in outcomes:
        if _report_errors(o):
            errors += 1
            continue
        if interactive:
            if o.name == "-":
                _fail("--interactive needs a file, not standard input")
                errors += 1
                continue
            result, stopped = _review(o)
            if result.changed:
                try:
                    fileio.write_atomic(o.name, fileio.encode(o.source, result.text), o.snapshot, force)
                    fixed += 1
                    edits += len(result.applied)
                except fileio.InputError as exc:
                    _fail(str(exc))
                    errors += 1
                except OSError as exc:
                    _fail(f"{o.name}: cannot write ({exc.strerror}); the file is unchanged")
                    errors += 1
            if stopped:  # q: this file keeps the edits accepted so far; later files are not reviewed
                outcomes.close()  # (and -j workers stop reading ahead)
                break
        elif write and o.name != "-":
            fixed += o.changed
            edits += o.edits if o.changed else 0
        elif o.output:
            _stdout_sink(o.output)
    if write or interactive:
        quit_note = "; quit, later files untouched" if stopped else ""
        _summary(kw, names, f"{len(names)} files, {fixed} fixed ({edits} edits){quit_note}")
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if exit_nonzero_on_fix and fixed else EXIT_CLEAN)


def _review(o: Outcome) -> tuple[Result, bool]:
    """Ask about each edit: the result with only the accepted ones, and whether the user quit
    (``q``: the edits accepted before it still count, the rest of the run is skipped)."""
    from .views import marked

    if o.source is None or o.result is None:
        raise RuntimeError(f"{o.name}: read without keeping its whole text (mode 'whole')")
    text, accepted, take_all, stop = o.source.text, [], False, False
    for e in o.result.findings:
        if e.held and e.held not in ("suggestion only", NOT_SPUN):
            continue
        if not take_all:
            line, col = report.line_col(text, e.start)
            before = text[max(0, e.start - 40) : e.start].rsplit("\n", 1)[-1]
            after = text[e.end : e.end + 40].split("\n", 1)[0]
            click.echo(f"\n{o.path}:{line}:{col}: {e.rule} ({'suggestion' if e.held else 'safe'}): {e.reason}")
            click.echo(f"  {before}{marked(e.original, e.replacement)}{after}")  # a space shows as ␣
            answer = click.prompt(
                "  apply? [y]es [n]o [a]ll [q]uit",
                type=click.Choice(["y", "n", "a", "q"]),
                show_choices=False,
                default="y",
            )
            if answer == "q":
                stop = True
                break
            if answer == "n":
                continue
            take_all = answer == "a"
        accepted.append(e)
    accepted.sort(key=lambda e: e.start)
    return Result(text, apply(text, accepted), accepted, []), stop


@main.command()
@common
@click.option("--safe-only", is_flag=True, help="Report only what 'fix' would change.")
@click.option("--format", "fmt", type=click.Choice(report.FORMATS), default="text", show_default=True)
def check(safe_only: bool, fmt: str, **kw) -> None:
    """Report findings, one per line ('path:line:col: rule: message (-> suggestion)')."""
    records: list[dict] = []

    def emit(rec: dict) -> None:
        if fmt == "text":
            click.echo(report.text_line(rec))
        elif fmt == "jsonl":
            click.echo(json.dumps(rec, ensure_ascii=False))
        elif fmt == "github":
            click.echo(report.github_line(rec))
        else:  # json and sarif are one document: collected, written at the end
            records.append(rec)

    names, outcomes = _start(kw, "check", emit=emit, safe_only=safe_only)
    errors = found = 0
    for o in outcomes:
        if _report_errors(o):
            errors += 1
            continue
        found += o.found
        for rec in o.records:  # from worker processes
            emit(rec)
    if fmt == "json":
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
    elif fmt == "sarif":
        try:
            rules = loader.load().rules
        except loader.RuleError:
            rules = {}
        click.echo(report.sarif(records, rules))
    _summary(kw, names, f"{len(names)} files checked, {found} findings")
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if found else EXIT_CLEAN)


@main.command()
@common
@click.option("--word", is_flag=True, help="Word-level diff ([-old-]{+new+}), like git diff --word-diff.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--html", "html_out", metavar="FILE", help="Also write a side-by-side HTML page of the edits.")
def diff(word, color, html_out, **kw):
    """Show a diff of original versus repaired text (exit 1 when there are changes)."""
    from . import views

    use_color = color == "always" or (color == "auto" and sys.stdout.isatty())
    names, outcomes = _start(kw, "whole")
    errors, changed, pages = 0, 0, []
    for o in outcomes:
        if _report_errors(o):
            errors += 1
            continue
        pages.append((o.path, o.result))
        if o.result.changed:
            changed += 1
            view = views.word_diff if word else views.unified
            click.echo(view(o.path, o.result, use_color), nl=False, color=use_color)
    if html_out:
        from . import htmlview

        try:
            Path(html_out).write_text(htmlview.page(pages), encoding="utf-8")
        except OSError as exc:
            _fail(f"{html_out}: cannot write the HTML page ({exc.strerror})")
            errors += 1
    _summary(kw, names, f"{len(names)} files, {changed} would change")
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if changed else EXIT_CLEAN)


@main.command()
@common
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def score(fmt, **kw):
    """Judge how spun each text reads: 'PATH: SCORE VERDICT' (exit 1 when any is spun)."""
    names, outcomes = _start(kw, "score")
    errors = spun = 0
    rows = []
    for o in outcomes:
        if _report_errors(o):
            errors += 1
            continue
        spun += o.spin.spun
        if fmt == "text":
            click.echo(f"{o.path}: {o.spin.score:.2f} {'spun' if o.spin.spun else 'clean'}")
        else:
            rows.append({"path": o.path, **o.spin.as_dict()})
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    _summary(kw, names, f"{len(names)} files scored, {spun} spun")
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if spun else EXIT_CLEAN)


@main.command()
@common
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def words(fmt, **kw):
    """Show how unspin reads each text: its words, glue cuts, protected regions, damaged paragraphs."""

    def show(row: dict) -> None:
        if fmt == "jsonl":
            click.echo(json.dumps(row, ensure_ascii=False))
            return
        where = f"{row['path']}:{row['line']}:{row['column']}"
        notes = "; ".join(row["notes"])
        if row["kind"] == "word":
            click.echo(f"{where}\t{row['text']}" + (f"\t{notes}" if notes else ""))
        else:
            click.echo(f"{where}\t-- {row['kind']}: {notes}")

    names, outcomes = _start(kw, "words", emit=show)
    errors = shown = 0
    for o in outcomes:
        errors += _report_errors(o)
        for row in o.records:  # (from a -j worker; in one process rows are shown as they come)
            show(row)
        shown += o.found
    _summary(kw, names, f"{len(names)} files read, {shown} words")
    sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o", "--out", required=True, metavar="OUTPUT", help="A folder (one output per input), or a file for one input."
)
@click.option("--text-field", default="text", show_default=True, help="The field (column) holding the text.")
@click.option("--output-field", default="", metavar="FIELD", help="Write the repaired text here (default: replace it).")
@click.option(
    "--mode",
    type=click.Choice(["fix", "check"]),
    default="fix",
    show_default=True,
    help="fix: repair the text; check: leave it, and add the findings.",
)
@click.option("--findings", is_flag=True, help="Also add each record's findings (unspin_findings).")
@click.option("--rejects", metavar="FILE", help="Where bad records go (default: OUTPUT.rejects.jsonl).")
@rule_options
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 256), default=None, help="Local worker processes (default: number of CPUs)."
)
@click.option("--scheduler", metavar="ADDRESS", help="Run on this Dask distributed scheduler (tcp://HOST:PORT).")
@click.option(
    "--partition-size",
    type=click.IntRange(1, 10_000_000),
    default=PARTITION_RECORDS,
    show_default=True,
    help="Records per partition (what a worker holds at a time, and what a resumed run redoes at most).",
)
@click.option("--stats", "stats_out", metavar="FILE", help="Write the run's figures as JSON to FILE.")
@click.option("--restart", is_flag=True, help="Discard an interrupted run's work instead of resuming it.")
@click.option("--overwrite", is_flag=True, help="Replace an existing output.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
def corpus(inputs, out, text_field, output_field, mode, findings, rejects, jobs, scheduler, partition_size, **kw):
    """Clean a corpus: JSON Lines (.jsonl, .jsonl.gz) or Parquet files, one document per record.

    Writes the same records in the same format with the text repaired (or, with --mode check,
    left as it was) and the fields unspin_score, unspin_verdict, unspin_applied and unspin_held
    added. Bad records go to the rejects file with the reason. An interrupted run resumes when
    the same command is run again.
    """
    from .corpus import execute
    from .corpus import run as corpus_run

    overrides = _overrides(kw)

    def job_for(path: Path) -> Job:
        options = options_for(str(path), config.settings_for(path, overrides))
        return Job(options, text_field, output_field, mode, findings)

    if scheduler and jobs:
        _fail("-j/--jobs chooses local workers; with --scheduler the cluster's workers do the work: give one of them")
        sys.exit(EXIT_ERROR)
    executor, plan = None, None
    try:
        plan = corpus_run.plan(inputs, out, job_for, kw["overwrite"], rejects)
        local = jobs or os.cpu_count() or 1
        if scheduler:
            executor = execute.DaskCluster(scheduler)
        elif local > 1:
            executor = execute.LocalPool(local, [i.job for i in plan.inputs])
        else:
            executor = execute.InProcess()
        meter = None if kw["quiet"] else corpus_run.Meter
        summary = corpus_run.run(plan, executor, partition_size, kw["restart"], meter)
    except (fileio.InputError, config.ConfigError, GrammarError) as exc:
        if executor is not None:
            executor.close(cancel=True)
        _fail(str(exc))
        sys.exit(EXIT_ERROR)
    except loader.RuleError as exc:
        for problem in exc.problems[:20]:
            _fail(problem)
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        _fail(f"{getattr(exc, 'filename', None) or out}: cannot write ({exc.strerror})")
        sys.exit(EXIT_ERROR)
    except (KeyboardInterrupt, Interrupted):
        if plan is not None and plan.work.exists():
            _fail(f"stopped; the finished partitions are kept in {plan.work}: the same command resumes the run")
        raise
    figures = summary.as_dict()
    if kw["stats_out"]:
        try:
            Path(kw["stats_out"]).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        except OSError as exc:
            _fail(f"{kw['stats_out']}: cannot write the figures ({exc.strerror})")
            sys.exit(EXIT_ERROR)
    if not kw["quiet"]:
        _fail(_corpus_line(figures, len(plan.inputs)))
    sys.exit(EXIT_CLEAN)


def _corpus_line(f: dict, inputs: int) -> str:
    rate = f["records_this_run"] / max(f["seconds"], 1e-9)  # (not the records an interrupted run cleaned)
    line = (
        f"{inputs} input{'s' * (inputs != 1)}, {f['records']:,} records: {f['written']:,} written "
        f"({f['changed']:,} changed, {f['spun']:,} spun), {f['rejected']:,} rejected"
    )
    if f["rejects_file"]:
        line += f" (see {f['rejects_file']})"
    if f["partitions_resumed"]:
        line += f"; {f['partitions_resumed']} of {f['partitions']} partitions kept from the interrupted run"
    return line + f"; {f['seconds']:.1f} s, {rate:,.0f} records/s"


def _guard(run):
    try:
        sys.exit(run())
    except loader.RuleError as exc:
        for problem in exc.problems[:20]:
            _fail(problem)
        sys.exit(EXIT_ERROR)


@main.command("rules")
@click.option("--category", default=None, help="Only this category.")
def list_rules(category):
    """List the rules: id, category, safe or suggest, and why."""

    def run():
        if category is not None and category not in CATEGORIES:
            _fail(f"unknown category '{category}'{_nearest(category, CATEGORIES)}; known: {', '.join(CATEGORIES)}")
            return EXIT_ERROR
        for rule in sorted(loader.load().rules.values(), key=lambda r: (r.category, r.id)):
            if not category or rule.category == category:
                click.echo(f"{rule.id}\t{rule.category}\t{'safe' if rule.safe else 'suggest'}\t{rule.reason}")
        return EXIT_CLEAN

    _guard(run)


@main.command()
@click.argument("rule_id")
def explain(rule_id):
    """Show one rule with its examples."""

    def run():
        rules = loader.load().rules
        rule = rules.get(rule_id)
        if rule is None:
            near = [r for r in rules if rule_id.lower() in r.lower()][:5] or [
                r for r in [_closest(rule_id, rules)] if r
            ]
            _fail(f"no rule '{rule_id}'" + (f"; did you mean: {', '.join(near)}" if near else ""))
            return EXIT_ERROR
        click.echo(f"{rule.id} ({rule.category}, {'safe' if rule.safe else 'suggest-only'})")
        click.echo(f"  why: {rule.reason}")
        if rule.kind == "phrase":
            click.echo(
                f"  replaces: {rule.spun!r} -> {rule.standard!r}"
                + (f" ({rule.inflect} forms too)" if rule.inflect else "")
            )
        elif isinstance(rule, loader.ContextRule):
            click.echo(f"  replaces: /{rule.pattern.pattern[:200]}/ -> {rule.replace!r}")
        click.echo(f"  defined at: {rule.where}")
        for ex in rule.examples:
            if ex.fixed is None:
                click.echo(f"  left alone: {ex.text}")
            else:
                click.echo(f"  spun:  {ex.text}\n  fixed: {ex.fixed}")
        return EXIT_CLEAN

    _guard(run)


@main.command("config")
@click.argument("path", required=False, default=".")
def show_config(path):
    """Print the effective configuration for PATH (a file or folder) and where each value comes from."""
    try:
        settings = config.settings_for(Path(path), {})
    except config.ConfigError as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)
    click.echo(f"# configuration file: {settings.source}")
    for parent in settings.sources[1:]:
        click.echo(f"# extends: {parent}")
    found = config.chain(Path(path))
    if found and found[-1].root:
        click.echo(f"# root = true in {found[-1].path}: no folder above it is read")
    for cf in reversed(found):
        for block in cf.overrides:
            click.echo(f"# {block.label}: {'applied' if block.label in settings.overrides else 'not for this path'}")
    for key in config.KEYS:
        attr = key.replace("-", "_")
        value = getattr(settings, attr)
        shown = json.dumps(list(value) if isinstance(value, tuple) else value)
        click.echo(f"{key} = {shown}  # {settings.origin.get(attr, 'default')}")
    sys.exit(EXIT_CLEAN)


@main.command()
def lsp():
    """Run the language server on standard input and output (for editors; see the README)."""
    from . import lspserver  # pygls is loaded only here: other commands start as fast as before

    lspserver.serve(options_for)


def entry() -> None:
    """The console script: a bug in unspin is one line and exit code 3, never a traceback.

    Ctrl-C (SIGINT) exits 130 and SIGTERM 143, after removing temp files. UNSPIN_DEBUG=1 shows
    the traceback.
    """
    import signal

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, on_signal)
    try:
        main()
    except (KeyboardInterrupt, Interrupted) as exc:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C does not interrupt the goodbye
        fileio.remove_live_temps()
        _fail("interrupted")
        sys.exit(128 + getattr(exc, "signum", signal.SIGINT))
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(EXIT_FINDINGS)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("UNSPIN_DEBUG"):
            raise
        _fail(f"internal error: {type(exc).__name__}: {exc} (please report it; UNSPIN_DEBUG=1 shows details)")
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    entry()
