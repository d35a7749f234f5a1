"""Configuration: ``[tool.unspin]`` in pyproject.toml or a ``.unspin.toml``, found by walking up
from each file's folder. Precedence: command line > configuration file > defaults."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

KEYS: dict[str, type] = {
    "unsafe": bool,
    "protect-quotes": bool,
    "markup": str,
    "select": list,
    "disable": list,
    "dictionaries": list,
    "protect": list,
    "protect-files": list,
    "exclude": list,
    "grammar": str,
    "languagetool-url": str,
    "spin": str,
    "all-findings": bool,
}
MARKUPS = ("auto", "text", "markdown", "html", "rst")
SPIN_MODES = ("auto", "on", "off")


class ConfigError(Exception):
    """A configuration file unspin cannot use; the message names the file."""


@dataclass(frozen=True)
class Settings:
    unsafe: bool = False
    protect_quotes: bool = True
    markup: str = "auto"
    select: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    dictionaries: tuple[str, ...] = ()
    protect: tuple[str, ...] = ()
    protect_files: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    grammar: str = ""
    languagetool_url: str = ""
    spin: str = "auto"
    all_findings: bool = False
    source: str = "defaults"  # the file these came from
    origin: dict = field(default_factory=dict, compare=False, hash=False)  # key -> where its value came from


def find_config(start: Path) -> Path | None:
    """The nearest .unspin.toml, or pyproject.toml with a [tool.unspin] table, at or above ``start``.

    The search stops at the repository's root (the folder holding ``.git``) and at the user's
    home folder: a file planted in a shared parent (``/tmp``) does not configure other people's files.
    """
    folder = start if start.is_dir() else start.parent
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        home = None
    for d in (folder.resolve(), *folder.resolve().parents):
        dotfile = d / ".unspin.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = d / "pyproject.toml"
        if pyproject.is_file():
            tool = _read(pyproject).get("tool")
            if isinstance(tool, dict) and "unspin" in tool:
                return pyproject
        if (d / ".git").exists() or d == home:
            return None
    return None


@lru_cache(maxsize=64)
def _read(path: Path) -> dict:
    if sys.version_info >= (3, 11):  # imported here: most runs find no configuration file
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None


@lru_cache(maxsize=64)
def load_file(path: Path) -> Settings:
    data = _read(path)
    table = data.get("tool", {}).get("unspin", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.unspin] must be a table of settings")
    values: dict = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f"{path}: unknown setting '{key}' (known: {', '.join(sorted(KEYS))})")
        kind = KEYS[key]
        if kind is list:
            right = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            right = isinstance(value, kind)
        if not right:
            raise ConfigError(f"{path}: '{key}' must be {'a list of strings' if kind is list else kind.__name__}")
        if key == "markup" and value not in MARKUPS:
            raise ConfigError(f"{path}: markup must be one of {', '.join(MARKUPS)}")
        if key == "spin" and value not in SPIN_MODES:
            raise ConfigError(f"{path}: spin must be one of {', '.join(SPIN_MODES)}")
        if key == "grammar" and value not in ("", "harper", "languagetool"):
            raise ConfigError(f'{path}: grammar must be "harper", "languagetool" or ""')
        if key in ("dictionaries", "protect-files"):  # paths are relative to the config file
            value = [str((path.parent / v).resolve()) for v in value]
        values[key.replace("-", "_")] = tuple(value) if isinstance(value, list) else value
    return Settings(**values, source=str(path), origin={k: str(path) for k in values})


def settings_for(target: Path | None, overrides: dict) -> Settings:
    """Settings for one file: its config file (if any), then the command line's ``overrides``."""
    found = find_config(target if target is not None else Path.cwd())
    base = load_file(found) if found else Settings()
    given = {k: v for k, v in overrides.items() if v is not None}
    origin = dict(base.origin)
    origin.update({k: "command line" for k in given})
    fields = {k: getattr(base, k) for k in Settings.__dataclass_fields__ if k not in ("source", "origin")}
    fields.update(given)
    return Settings(**fields, source=base.source, origin=origin)


MAX_WORDS_FILE = 64 * 1024 * 1024  # bytes: a protected-words file larger than this is refused


def protected_words(settings: Settings) -> frozenset[str]:
    words = set(settings.protect)
    for name in settings.protect_files:
        words.update(_words_file(name))
    return frozenset(words)


@lru_cache(maxsize=32)
def _words_file(name: str) -> frozenset[str]:
    """The words of one protected-words file, read once per run."""
    text = read_user_file(name, "protected-words file")
    return frozenset(w for line in text.splitlines() for w in line.split("#", 1)[0].split())


def read_user_file(name: str, what: str, limit: int = MAX_WORDS_FILE) -> str:
    """A small text file a user named (dictionary, protected words): regular, bounded, UTF-8.

    Errors name the file and never quote what it holds.
    """
    import os
    import stat

    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise ConfigError(f"{name}: no such {what}") from None
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read {what} ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ConfigError(f"{name}: {what} is not a regular file")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ConfigError(f"{name}: {what} is larger than {limit // (1024 * 1024)} MiB")
    if b"\0" in data:
        raise ConfigError(f"{name}: {what} is a binary file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{name}: {what} is not UTF-8 text (invalid byte at offset {exc.start})") from None
