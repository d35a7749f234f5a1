"""Which files a command line names: files as given, folders walked (skipping VCS and
hidden folders), minus --exclude globs."""

from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path

#: in a folder, only files that hold prose are taken (a file named on the command line always is)
PROSE_EXT = (".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".mdx", ".rst", ".html", ".htm", ".xhtml")
SKIP_DIRS = {".git", ".hg", ".svn", ".tox", ".venv", "venv", "node_modules", "__pycache__", ".mypy_cache"}


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


def excluded(path: str, patterns: tuple[str, ...]) -> bool:
    p = Path(path)
    parts = p.as_posix()
    return any(
        fnmatch.fnmatch(parts, pat)
        or fnmatch.fnmatch(p.name, pat)
        or any(fnmatch.fnmatch(part, pat) for part in p.parts)
        for pat in patterns
    )


def _regular(path: str) -> bool:
    """A regular file (through symlinks): FIFOs, sockets and devices found in a walk are skipped,
    since reading one may never end."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # let the reader report it


def expand(names: tuple[str, ...], exclude: tuple[str, ...] = ()) -> list[str]:
    """File names to process, in a stable order; '-' stays as standard input."""
    out: list[str] = []
    for name in names or ("-",):
        if name != "-" and os.path.isdir(name):
            for root, dirs, files in os.walk(name):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if d not in SKIP_DIRS and not d.startswith(".") and not excluded(os.path.join(root, d), exclude)
                )
                for f in sorted(files):
                    path = os.path.join(root, f)
                    if f.lower().endswith(PROSE_EXT) and not excluded(path, exclude) and _regular(path):
                        out.append(path)
        elif name == "-" or not excluded(name, exclude):
            out.append(name)
    return out
