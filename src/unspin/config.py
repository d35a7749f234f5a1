"""Configuration: ``[tool.unspin]`` in pyproject.toml or a ``.unspin.toml``, found by walking up
from each file's folder. Precedence: command line > configuration file > defaults."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

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
#: keys that shape the configuration itself: ``root = true`` (do not extend the folders above),
#: ``[[overrides]]`` (settings for the files matching ``files`` globs)
STRUCTURE_KEYS: dict[str, type] = {"root": bool, "overrides": list}
#: lists that a nearer configuration (or an override) extends rather than replaces; ``select``,
#: which says what runs, is replaced
MERGED = ("disable", "dictionaries", "protect", "protect_files", "exclude")
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
    source: str = "defaults"  # the nearest configuration file
    origin: dict = field(default_factory=dict, compare=False, hash=False)  # key -> where its value came from
    sources: tuple[str, ...] = ()  # every configuration file that counted, nearest first
    overrides: tuple[str, ...] = ()  # the [[overrides]] blocks that matched, in the order applied


@dataclass(frozen=True)
class Override:
    """One ``[[overrides]]`` block: settings for the files its gitignore-style ``files`` match."""

    label: str  # 'PATH [overrides 1: docs/**]'
    files: tuple[str, ...]
    values: dict = field(hash=False)  # Settings field -> value
    spec: Any = field(hash=False, compare=False)

    def matches(self, rel: str) -> bool:
        return bool(self.spec.match_file(rel))


@dataclass(frozen=True)
class ConfigFile:
    """One configuration file, read and checked: its own settings, ``root``, its overrides."""

    path: Path  # absolute, in a resolved folder
    values: dict = field(hash=False)  # Settings field -> value
    root: bool = False
    overrides: tuple[Override, ...] = ()
    exclude: Any = field(default=None, hash=False, compare=False)  # its exclude patterns, compiled

    @property
    def folder(self) -> Path:
        return self.path.parent


def _config_in(d: Path) -> Path | None:
    """The configuration file of one folder: .unspin.toml, else pyproject.toml with [tool.unspin]."""
    dotfile = d / ".unspin.toml"
    if dotfile.is_file():
        return dotfile
    pyproject = d / "pyproject.toml"
    if pyproject.is_file():
        tool = _read(pyproject).get("tool")
        if isinstance(tool, dict) and "unspin" in tool:
            return pyproject
    return None


@lru_cache(maxsize=1)
def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        return None


def _stops(d: Path) -> bool:
    """The search goes no higher than a repository's root or the home folder."""
    return (d / ".git").exists() or d == _home()


def find_config(start: Path) -> Path | None:
    """The nearest .unspin.toml, or pyproject.toml with a [tool.unspin] table, at or above ``start``.

    The search stops at the repository's root (the folder holding ``.git``) and at the user's
    home folder: a file planted in a shared parent (``/tmp``) does not configure other people's files.
    """
    folder = start if start.is_dir() else start.parent
    for d in (folder.resolve(), *folder.resolve().parents):
        found = _config_in(d)
        if found:
            return found
        if _stops(d):
            return None
    return None


def chain(start: Path) -> tuple[ConfigFile, ...]:
    """Every configuration that applies at ``start`` (a file or folder), nearest first: the
    nearest file, then the ones above it it extends, up to one that says ``root = true``, the
    repository's root or the home folder."""
    folder = start if start.is_dir() else start.parent
    return _chain(folder.resolve())


@lru_cache(maxsize=1024)
def _chain(folder: Path) -> tuple[ConfigFile, ...]:
    out: list[ConfigFile] = []
    for d in (folder, *folder.parents):
        found = _config_in(d)
        if found:
            out.append(parse(found))
            if out[-1].root:
                break
        if _stops(d):
            break
    return tuple(out)


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


def _table(path: Path, data: dict) -> dict:
    """The settings table: [tool.unspin] of a pyproject.toml; in a .unspin.toml either bare keys
    or a [tool.unspin] table (the README's example, pasted), not both."""
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("unspin", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.unspin] must be a table of settings")
        return table
    if "tool" not in data:
        return data
    tool = data["tool"]
    if not isinstance(tool, dict) or "unspin" not in tool:
        raise ConfigError(f"{path}: a [tool] table without [tool.unspin] (write bare settings, or [tool.unspin])")
    if len(data) > 1:
        others = ", ".join(sorted(k for k in data if k != "tool"))
        raise ConfigError(f"{path}: settings both in [tool.unspin] and outside it ({others}); use one form")
    if not isinstance(tool["unspin"], dict):
        raise ConfigError(f"{path}: [tool.unspin] must be a table of settings")
    return tool["unspin"]


def _patterns(where: str, key: str, lines) -> Any:
    """gitignore-style patterns, compiled (pathspec); a bad one is a ConfigError."""
    from pathspec import GitIgnoreSpec

    try:
        return GitIgnoreSpec.from_lines(lines)
    except ValueError as exc:
        raise ConfigError(f"{where}: bad pattern in '{key}' ({exc})") from None


def _values(path: Path, where: str, table: dict, allowed: dict[str, type], also: tuple[str, ...] = ()) -> dict:
    """Checked settings of one table: Settings field -> value (paths made absolute). ``also``:
    other keys the table may hold, named when an unknown one is found."""
    values: dict = {}
    for key, value in table.items():
        if key not in allowed:
            raise ConfigError(f"{where}: unknown setting '{key}' (known: {', '.join(sorted((*allowed, *also)))})")
        kind = allowed[key]
        if kind is list:
            right = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            right = isinstance(value, kind)
        if not right:
            raise ConfigError(f"{where}: '{key}' must be {'a list of strings' if kind is list else kind.__name__}")
        if key == "markup" and value not in MARKUPS:
            raise ConfigError(f"{where}: markup must be one of {', '.join(MARKUPS)}")
        if key == "spin" and value not in SPIN_MODES:
            raise ConfigError(f"{where}: spin must be one of {', '.join(SPIN_MODES)}")
        if key == "grammar" and value not in ("", "harper", "languagetool"):
            raise ConfigError(f'{where}: grammar must be "harper", "languagetool" or ""')
        if key in ("dictionaries", "protect-files"):  # paths are relative to the config file
            value = [str((path.parent / v).resolve()) for v in value]
        values[key.replace("-", "_")] = tuple(value) if isinstance(value, list) else value
    return values


@lru_cache(maxsize=256)
def parse(path: Path) -> ConfigFile:
    """One configuration file, checked: unknown settings and wrong types are ConfigErrors."""
    table = dict(_table(path, _read(path)))
    root = table.pop("root", False)
    blocks = table.pop("overrides", [])
    if not isinstance(root, bool):
        raise ConfigError(f"{path}: 'root' must be true or false")
    if not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
        raise ConfigError(
            f"{path}: 'overrides' must be an array of tables ([[tool.unspin.overrides]] or [[overrides]])"
        )
    values = _values(path, str(path), table, KEYS, tuple(STRUCTURE_KEYS))
    overrides = []
    in_override = {k: v for k, v in KEYS.items() if k != "exclude"}
    for n, block in enumerate(blocks, 1):
        where = f"{path}: overrides {n}"
        block = dict(block)
        files = block.pop("files", None)
        if not (isinstance(files, list) and files and all(isinstance(f, str) for f in files)):
            raise ConfigError(f"{where}: 'files' must be a non-empty list of globs")
        label = f"{path} [overrides {n}: {', '.join(files)}]"
        spec = _patterns(where, "files", files)
        overrides.append(Override(label, tuple(files), _values(path, where, block, in_override, ("files",)), spec))
    exclude = _patterns(str(path), "exclude", values["exclude"]) if values.get("exclude") else None
    return ConfigFile(path, values, root, tuple(overrides), exclude)


def load_file(path: Path) -> Settings:
    """The settings one file gives by itself (no parents, no overrides)."""
    cf = parse(path)
    return Settings(**cf.values, source=str(path), origin={k: str(path) for k in cf.values}, sources=(str(path),))


def _merge(values: dict, origin: dict, new: dict, where: str) -> None:
    """``new`` over ``values``: lists in MERGED are extended (each entry once), the rest replaced."""
    for key, value in new.items():
        if key in MERGED and key in values:
            added = tuple(v for v in value if v not in values[key])
            if added:
                values[key] = values[key] + added
                origin[key] = f"{origin[key]} + {where}"
        else:
            values[key] = value
            origin[key] = where


def relative(target: Path, folder: Path) -> str | None:
    """``target`` as a gitignore-style path relative to ``folder`` (a resolved folder; folders
    end in '/'), or None when it is not below it. The target's own name is not resolved, so a
    symlink is matched by its own name."""
    p = Path(os.path.abspath(target))
    p = p.parent.resolve() / p.name if p.name else p.resolve()
    try:
        rel = p.relative_to(folder).as_posix()
    except ValueError:
        return None
    if rel in ("", "."):
        return None
    return rel + "/" if p.is_dir() else rel


def settings_for(target: Path | None, overrides: dict) -> Settings:
    """Settings for one file: its configuration files from the farthest to the nearest (each
    followed by its overrides that match the file), then the command line's ``overrides``."""
    files = chain(target if target is not None else Path.cwd())
    values: dict = {}
    origin: dict = {}
    applied: list[str] = []
    for cf in reversed(files):
        _merge(values, origin, cf.values, str(cf.path))
        rel = relative(target, cf.folder) if target is not None and cf.overrides else None
        for block in cf.overrides:
            if rel is not None and block.matches(rel):
                _merge(values, origin, block.values, block.label)
                applied.append(block.label)
    given = {k: v for k, v in overrides.items() if v is not None}
    values.update(given)
    origin.update({k: "command line" for k in given})
    return Settings(
        **values,
        source=str(files[0].path) if files else "defaults",
        origin=origin,
        sources=tuple(str(cf.path) for cf in files),
        overrides=tuple(applied),
    )


def excluded(path: str, is_dir: bool = False) -> bool:
    """Whether a configuration's ``exclude`` (gitignore-style, anchored at that file's folder)
    takes ``path``: the configurations of its folder and those it extends count. A broken
    configuration excludes nothing here (reading the file reports it)."""
    folder, name = os.path.split(os.path.abspath(path))
    real = _real(folder)
    try:
        files = _chain(real)
    except ConfigError:
        return False
    here = str(real).rstrip("/") + "/"
    for cf in files:
        if cf.exclude is None:
            continue
        base = str(cf.folder).rstrip("/") + "/"
        if not here.startswith(base):
            continue
        rel = here[len(base) :] + name + ("/" if is_dir else "")
        if cf.exclude.match_file(rel):
            return True
    return False


@lru_cache(maxsize=4096)
def _real(folder: str) -> Path:
    """A folder with its symlinks resolved (once per folder in a walk)."""
    return Path(folder).resolve()


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


def forget() -> None:
    """Drop every configuration read so far (a long-lived process, the language server, reads
    files edited since again)."""
    for cached in (_chain, _read, parse, _words_file):
        cached.cache_clear()
