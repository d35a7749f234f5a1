"""Command line: ``unspin fix|check|diff|rules|explain``. All I/O and exit codes live here.

Exit codes: 0 clean (or nothing to change), 1 findings (check) or changes (diff),
2 usage, input or rule-data errors.
"""
from __future__ import annotations

import sys

import click

from . import engine, fileio, loader, views
from .model import Options

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"unspin: {message}", err=True)


def _options(unsafe: bool, dictionary: tuple[str, ...], disable: tuple[str, ...], select: tuple[str, ...],
             no_protect_quotes: bool = False) -> Options:
    return Options(unsafe=unsafe, dictionaries=tuple(dictionary), disabled=frozenset(disable),
                   enabled_only=frozenset(select), protect_quotes=not no_protect_quotes)


def common(func):
    """Options every text command takes."""
    decorators = [
        click.argument("files", nargs=-1),
        click.option("--unsafe", is_flag=True, help="Also apply suggest-only edits."),
        click.option("--dictionary", "-d", multiple=True, metavar="FILE",
                     help="Extra dictionary (.dict format, or spun<TAB>standard lines); repeatable."),
        click.option("--disable", multiple=True, metavar="RULE|CATEGORY", help="Turn a rule or category off; repeatable."),
        click.option("--select", multiple=True, metavar="RULE|CATEGORY", help="Run only these rules or categories; repeatable."),
        click.option("--no-protect-quotes", is_flag=True, help="Also edit text inside quotations."),
    ]
    for deco in reversed(decorators):
        func = deco(func)
    return func


def _each(files: tuple[str, ...], options: Options):
    """Yield ``(source, result)`` per input; report bad input and remember it."""
    state = {"errors": 0}
    names = files or ("-",)

    def gen():
        for name in names:
            try:
                source = fileio.read(name)
            except fileio.InputError as exc:
                _fail(str(exc))
                state["errors"] += 1
                continue
            yield source, engine.repair(source.text, options)
    return gen(), state


def _guard(run):
    """Turn rule-data errors into a clear message and exit code 2 (never a traceback)."""
    try:
        return run()
    except loader.RuleError as exc:
        for problem in exc.problems[:20]:
            _fail(problem)
        if len(exc.problems) > 20:
            _fail(f"... and {len(exc.problems) - 20} more problems in the rule data")
        sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="unspin", prog_name="unspin")
def main():
    """Repair English text mangled by article spinners and bad machine translation."""


@main.command()
@common
@click.option("-w", "--write", is_flag=True, help="Rewrite the files in place (atomically) instead of printing.")
def fix(files, unsafe, dictionary, disable, select, no_protect_quotes, write):
    """Print the repaired text (or rewrite files with -w). '-' or no FILE reads standard input."""
    options = _options(unsafe, dictionary, disable, select, no_protect_quotes)

    def run():
        results, state = _each(files, options)
        out = sys.stdout.buffer
        for source, result in results:
            if write and not source.is_stdin:
                if result.changed:
                    try:
                        fileio.write_atomic(source.name, fileio.encode(source, result.text))
                    except OSError as exc:
                        _fail(f"{source.name}: cannot write ({exc.strerror}); the file is unchanged")
                        state["errors"] += 1
                        continue
                    click.echo(f"fixed {source.name} ({len(result.applied)} edits)", err=True)
            else:
                out.write(fileio.encode(source, result.text))
                out.flush()
        return EXIT_ERROR if state["errors"] else EXIT_CLEAN
    sys.exit(_guard(run))


@main.command()
@common
@click.option("--safe-only", is_flag=True, help="Report only what 'fix' would change.")
def check(files, unsafe, dictionary, disable, select, no_protect_quotes, safe_only):
    """Report findings as 'path:line:col: rule: message (-> suggestion)'. Exit 1 on findings."""
    options = _options(unsafe, dictionary, disable, select, no_protect_quotes)

    def run():
        results, state = _each(files, options)
        found = 0
        for source, result in results:
            path = "<stdin>" if source.is_stdin else source.name
            for e in (result.applied if safe_only else result.findings):
                click.echo(views.finding_line(path, source.text, e))
                found += 1
        if state["errors"]:
            return EXIT_ERROR
        return EXIT_FINDINGS if found else EXIT_CLEAN
    sys.exit(_guard(run))


@main.command()
@common
@click.option("--word", is_flag=True, help="Word-level diff ([-old-]{+new+}), like git diff --word-diff.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
def diff(files, unsafe, dictionary, disable, select, no_protect_quotes, word, color):
    """Show a diff of original versus repaired text. Exit 1 when there are changes."""
    options = _options(unsafe, dictionary, disable, select, no_protect_quotes)
    use_color = color == "always" or (color == "auto" and sys.stdout.isatty())

    def run():
        results, state = _each(files, options)
        changed = False
        for source, result in results:
            path = "<stdin>" if source.is_stdin else source.name
            if result.changed:
                changed = True
                view = views.word_diff if word else views.unified
                click.echo(view(path, result, use_color), nl=False, color=use_color)
        if state["errors"]:
            return EXIT_ERROR
        return EXIT_FINDINGS if changed else EXIT_CLEAN
    sys.exit(_guard(run))


@main.command("rules")
@click.option("--category", default=None, help="Only this category.")
def list_rules(category):
    """List the rules: id, category, safe or suggest, and why."""
    def run():
        for rule in sorted(loader.load().rules.values(), key=lambda r: (r.category, r.id)):
            if category and rule.category != category:
                continue
            click.echo(f"{rule.id}\t{rule.category}\t{'safe' if rule.safe else 'suggest'}\t{rule.reason}")
        return EXIT_CLEAN
    sys.exit(_guard(run))


@main.command()
@click.argument("rule_id")
def explain(rule_id):
    """Show one rule with its examples."""
    def run():
        rules = loader.load().rules
        rule = rules.get(rule_id)
        if rule is None:
            near = [r for r in rules if rule_id.lower() in r.lower()][:5]
            _fail(f"no rule '{rule_id}'" + (f"; did you mean: {', '.join(near)}" if near else ""))
            return EXIT_ERROR
        click.echo(f"{rule.id} ({rule.category}, {'safe' if rule.safe else 'suggest-only'})")
        click.echo(f"  why: {rule.reason}")
        if rule.kind == "phrase":
            click.echo(f"  replaces: {rule.spun!r} -> {rule.standard!r}" + (f" ({rule.inflect} forms too)" if rule.inflect else ""))
        elif rule.pattern is not None:
            click.echo(f"  replaces: /{rule.pattern.pattern[:200]}/ -> {rule.replace!r}")
        click.echo(f"  defined at: {rule.where}")
        for ex in rule.examples:
            if ex.fixed is None:
                click.echo(f"  left alone: {ex.text}")
            else:
                click.echo(f"  spun:  {ex.text}\n  fixed: {ex.fixed}")
        return EXIT_CLEAN
    sys.exit(_guard(run))


if __name__ == "__main__":
    main()
