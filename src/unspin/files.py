"""Which files a command line names: files as given, folders walked.

A walk skips VCS, tool and hidden folders, what ``.gitignore`` and ``.ignore`` files say (as git,
ripgrep and typos read them: nested ones anchored at their own folder; ``.gitignore`` only inside
a git repository), and what is not prose: only text files are taken, by name (prose extensions,
or no extension, minus known build and data files) and by content (no NUL byte and a valid UTF-8
start in the first 8 KiB). ``exclude`` patterns (gitignore syntax) apply to walked and named
files alike: the command line's anchored at the current folder, a configuration's at its own.
"""

from __future__ import annotations

import codecs
import fnmatch
import os
import re
import stat
from collections import Counter
from typing import Any

from . import config

#: in a folder, only files that hold prose are taken (a file named on the command line always is)
PROSE_EXT = (".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".mdx", ".rst", ".html", ".htm", ".xhtml")
SKIP_DIRS = {".git", ".hg", ".svn", ".tox", ".venv", "venv", "node_modules", "__pycache__", ".mypy_cache"}
#: files a walk never takes although their name looks like prose or like nothing: build files,
#: lockfiles, package metadata (lower case; fnmatch patterns)
NOT_PROSE = (
    "cmakelists.txt",
    "cmakecache.txt",
    "requirements*.txt",
    "constraints*.txt",
    "robots.txt",
    "*.lock",
    "makefile",
    "makefile.*",
    "gnumakefile",
    "dockerfile",
    "dockerfile.*",
    "containerfile",
    "jenkinsfile",
    "vagrantfile",
    "gemfile",
    "rakefile",
    "procfile",
    "brewfile",
    "podfile",
    "pipfile",
    "justfile",
    "snakefile",
    "caddyfile",
    "earthfile",
    "tiltfile",
    "berksfile",
    "guardfile",
    "capfile",
    "fastfile",
    "appfile",
    "cartfile",
    "puppetfile",
    "build",
    "workspace",
    "codeowners",
    "manifest",
    "go.sum",
    "go.mod",
)
#: folders of package metadata (``SOURCES.txt``, ``top_level.txt``)
NOT_PROSE_DIRS = ("*.egg-info", "*.dist-info")
SNIFF = 8192  # bytes read to judge a file's content

MARKDOWN_EXT = (".md", ".markdown", ".mdown", ".mkd", ".mdx")
HTML_EXT = (".html", ".htm", ".xhtml")
RST_EXT = (".rst", ".rest")


def markup_for(path: str, forced: str = "auto") -> str:
    """How to read a file: as given, or by its extension ('-' is plain text unless told)."""
    if forced != "auto":
        return forced
    low = path.lower()
    if low.endswith(MARKDOWN_EXT):
        return "markdown"
    if low.endswith(HTML_EXT):
        return "html"
    if low.endswith(RST_EXT):
        return "rst"
    return "text"


_NOT_PROSE = re.compile("|".join(fnmatch.translate(pat) for pat in NOT_PROSE))


def by_name(name: str) -> str:
    """What a file's name says: 'prose' (a prose extension), 'maybe' (no extension: its content
    decides) or '' (not prose: another extension, a build file, a hidden file without a prose
    extension)."""
    low = name.lower()
    if _NOT_PROSE.match(low):
        return ""
    if low.endswith(PROSE_EXT):
        return "prose"
    if low.startswith(".") or "." in low:
        return ""
    return "maybe"


def sniff(path: str) -> str:
    """What a file's first 8 KiB say: 'text', 'binary' (a NUL byte), 'not UTF-8' or 'script'
    (a '#!' line); 'text' when it cannot be read (the reader reports that)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF)
    except OSError:
        return "text"
    if b"\0" in head:
        return "binary"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a cut character is fine
    except UnicodeDecodeError:
        return "not UTF-8"
    return "script" if head.startswith(b"#!") else "text"


def _regular(path: str) -> bool:
    """A regular file (through symlinks): FIFOs, sockets and devices found in a walk are skipped,
    since reading one may never end."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # let the reader report it


def _spec(lines) -> Any:
    """gitignore patterns, compiled; a line pathspec cannot read is left out (as git does)."""
    from pathspec import GitIgnoreSpec

    lines = list(lines)
    try:
        return GitIgnoreSpec.from_lines(lines)
    except ValueError:
        good = []
        for line in lines:
            try:
                GitIgnoreSpec.from_lines([line])
            except ValueError:
                continue
            good.append(line)
        return GitIgnoreSpec.from_lines(good)


def _ignore_file(path: str) -> Any:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return _spec(fh.read().splitlines())
    except OSError:
        return None


#: one ignore file in force: the folder it is anchored at, its patterns, 'git' or 'ignore'
Layer = tuple[str, Any, str]

#: why walked entries were left out, for the note on a folder that yields nothing
_REASONS = (
    ("not prose", "not prose by name or extension"),
    ("binary", "binary"),
    ("not UTF-8", "not UTF-8 text"),
    ("script", "scripts"),
    ("special", "not regular files"),
    ("ignored", "ignored by .gitignore or .ignore"),
    ("excluded", "excluded"),
)


class Walk:
    """Expands a command line's names. ``exclude``: the command line's patterns (they replace the
    configurations' when given); ``ignore_files``: read .gitignore, .ignore and .git/info/exclude.
    ``notes`` collects one line for each named folder that yields no file."""

    def __init__(self, exclude: tuple[str, ...] = (), ignore_files: bool = True):
        from pathspec import GitIgnoreSpec

        # ValueError on a pattern pathspec cannot read: the caller reports it
        self.exclude = GitIgnoreSpec.from_lines(exclude) if exclude else None
        self.ignore_files = ignore_files
        self.notes: list[str] = []

    def expand(self, names: tuple[str, ...]) -> list[str]:
        """File names to process, in a stable order; '-' stays as standard input."""
        out: list[str] = []
        for name in names or ("-",):
            if name == "-":
                out.append(name)
            elif os.path.isdir(name):
                before, skipped = len(out), Counter[str]()
                self._walk(name, out, skipped)
                if len(out) == before:
                    self.notes.append(self._nothing(name, skipped))
            elif not self._excluded(name, name, False):
                out.append(name)
        return out

    # ------------------------------------------------------------------ exclude
    def _excluded(self, path: str, named: str, is_dir: bool) -> bool:
        if self.exclude is None:
            return config.excluded(path, is_dir)
        full = os.path.abspath(path)
        cwd = os.getcwd()
        if full.startswith(cwd.rstrip(os.sep) + os.sep):
            base = cwd
        else:  # outside the current folder: anchored at the folder named (or a named file's)
            base = os.path.abspath(named) if os.path.isdir(named) else os.path.dirname(os.path.abspath(named))
        rel = os.path.relpath(full, base)
        if rel == "." or rel.startswith(".."):
            return False
        rel = rel.replace(os.sep, "/") + ("/" if is_dir else "")
        return bool(self.exclude.match_file(rel))

    # ------------------------------------------------------------------ ignore files
    def _above(self, top: str) -> tuple[list[Layer], bool]:
        """The ignore files in force at a walked folder ``top`` from the folders above it (up to
        its repository's root), and whether it is inside a git repository."""
        repo = None
        d = top
        while True:
            if os.path.exists(os.path.join(d, ".git")):
                repo = d
                break
            parent = os.path.dirname(d)
            if parent == d:
                break
            d = parent
        if repo is None:
            return [], False
        layers = self._exclude_file(repo)
        folders = []  # from top's parent up to the repository's root
        d = top
        while d != repo:
            d = os.path.dirname(d)
            folders.append(d)
        for folder in reversed(folders):
            layers += self._layers_in(folder, True)
        return layers, True

    @staticmethod
    def _exclude_file(repo: str) -> list[Layer]:
        spec = _ignore_file(os.path.join(repo, ".git", "info", "exclude"))
        return [(repo, spec, "git")] if spec is not None else []

    @staticmethod
    def _layers_in(folder: str, in_repo: bool) -> list[Layer]:
        """A folder's own ignore files: .gitignore (in a repository), then .ignore, which wins."""
        out: list[Layer] = []
        for name, kind in ((".gitignore", "git"), (".ignore", "ignore")):
            if kind == "git" and not in_repo:
                continue
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                spec = _ignore_file(path)
                if spec is not None:
                    out.append((folder, spec, kind))
        return out

    @staticmethod
    def _ignored(full: str, is_dir: bool, layers: list[Layer]) -> bool:
        """The deepest ignore file with a pattern for ``full`` decides (its last such pattern)."""
        verdict = None
        for base, spec, _kind in layers:  # base: a folder above ``full``, both normalized
            rel = full[len(base.rstrip(os.sep)) + 1 :].replace(os.sep, "/") + ("/" if is_dir else "")
            include = spec.check_file(rel).include
            if include is not None:
                verdict = include
        return bool(verdict)

    # ------------------------------------------------------------------ the walk
    def _walk(self, name: str, out: list[str], skipped: Counter[str]) -> None:
        top = os.path.abspath(name)
        layers, in_repo = self._above(top) if self.ignore_files else ([], False)
        state: dict[str, tuple[list[Layer], bool]] = {name: (layers, in_repo)}
        for root, dirs, filenames in os.walk(name):
            layers, in_repo = state.pop(root, ([], False))
            full_root = os.path.normpath(os.path.join(top, os.path.relpath(root, name)))
            if self.ignore_files:
                if root != name and os.path.exists(os.path.join(full_root, ".git")):  # a repository inside
                    layers = [layer for layer in layers if layer[2] != "git"] + self._exclude_file(full_root)
                    in_repo = True
                layers = layers + self._layers_in(full_root, in_repo)
            kept = []
            for d in sorted(dirs):
                path = os.path.join(root, d)
                if d in SKIP_DIRS or d.startswith(".") or any(fnmatch.fnmatch(d, p) for p in NOT_PROSE_DIRS):
                    continue
                if layers and self._ignored(os.path.join(full_root, d), True, layers):
                    skipped["ignored"] += 1
                elif self._excluded(path, name, True):
                    skipped["excluded"] += 1
                else:
                    kept.append(d)
                    state[path] = (layers, in_repo)
            dirs[:] = kept
            for f in sorted(filenames):
                path = os.path.join(root, f)
                kind = by_name(f)
                if not kind:
                    skipped["not prose"] += 1
                elif layers and self._ignored(os.path.join(full_root, f), False, layers):
                    skipped["ignored"] += 1
                elif self._excluded(path, name, False):
                    skipped["excluded"] += 1
                elif not _regular(path):
                    skipped["special"] += 1
                else:
                    content = sniff(path)
                    # a prose file that is not UTF-8 is taken: reading it says so (exit 2)
                    if content == "text" or (kind == "prose" and content in ("not UTF-8", "script")):
                        out.append(path)
                    else:
                        skipped[content] += 1

    @staticmethod
    def _nothing(name: str, skipped: Counter[str]) -> str:
        parts = [f"{skipped[key]} {label}" for key, label in _REASONS if skipped[key]]
        why = ", ".join(parts) if parts else "the folder holds no files"
        hint = "; --no-ignore checks ignored files" if skipped["ignored"] else ""
        return f"{name}: no files to check ({why}{hint})"


def expand(names: tuple[str, ...], exclude: tuple[str, ...] = (), ignore_files: bool = True) -> list[str]:
    """File names to process, in a stable order; '-' stays as standard input."""
    return Walk(exclude, ignore_files).expand(names)
