"""What in a Markdown or HTML file is not prose: code, link targets, tags, front matter.

Markdown is parsed with markdown-it-py (blocks by line range, inline code, HTML and link
targets located in the source); HTML with a small reader that follows the HTML standard's
tokenizer and never backtracks.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from .protect import Region


def regions(text: str, markup: str) -> list[Region]:
    if markup == "markdown":
        return _markdown(text)
    if markup == "html":
        return _html(text)
    if markup == "rst":
        return _rst(text)
    return []


def _line_starts(text: str) -> list[int]:
    """Where each line begins, with the line ends markdown-it counts: CR LF, LF and a bare CR."""
    starts = [0]
    starts.extend(m.end() for m in regex.finditer(r"\r\n?|\n", text))
    return starts


_LINK_DEF = regex.compile(r"(?m)^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$")


def _markdown(text: str) -> list[Region]:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").use(front_matter_plugin)
    starts = _line_starts(text)

    def span(lines: list[int]) -> tuple[int, int]:
        a, b = lines
        return starts[a], (starts[b] if b < len(starts) else len(text))

    out = [Region(m.start(), m.end(), "markup") for m in _LINK_DEF.finditer(text)]
    for tok in md.parse(text):
        if tok.map is None:
            continue
        if tok.type in ("front_matter", "code_block", "fence", "html_block"):
            out.append(Region(*span(tok.map), "markup"))
        elif tok.type == "inline" and tok.children:
            lo, hi = span(tok.map)
            cursor = lo
            for child in tok.children:
                needle, target = None, None
                if child.type == "code_inline":
                    needle = child.markup + child.content
                elif child.type == "html_inline":
                    needle = child.content
                elif child.type in ("link_open", "image"):
                    target = child.attrs.get("src") or child.attrs.get("href")
                elif child.type == "text" and child.content:
                    pos = text.find(child.content, cursor, hi)
                    if pos >= 0:
                        cursor = pos + len(child.content)
                if needle:
                    pos = text.find(needle, cursor, hi)
                    if pos >= 0:
                        end = pos + len(needle) + (len(child.markup) if child.type == "code_inline" else 0)
                        out.append(Region(pos, end, "markup"))
                        cursor = end
                if target:
                    m = regex.compile(r"\]\([^)\n]*\)|<[^>\n]+>").search(text, cursor, hi)
                    if m:
                        out.append(Region(m.start() + (1 if m.group().startswith("]") else 0), m.end(), "markup"))
                        cursor = m.end()
    return out


# ---------------------------------------------------------------- reStructuredText
_RST_DIRECTIVE = regex.compile(r"([ \t]*)\.\.[ \t]+(?:\|[^|\n]{1,80}\|[ \t]+)?([\w:+-]{1,40})::")
_RST_COMMENT = regex.compile(r"([ \t]*)\.\.(?:[ \t]|$)")
_RST_OPTION = regex.compile(r"[ \t]+:[\w -]{1,40}:")
#: directives whose body is prose (repaired like any paragraph); the body of any other is code or data
_RST_PROSE = frozenset(
    """note warning tip important caution danger attention hint error admonition seealso
topic sidebar rubric epigraph highlights pull-quote versionadded versionchanged deprecated""".split()
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _rst(text: str) -> list[Region]:
    """Literal blocks (an indented block after a paragraph ending in '::'), directives with
    their options (and their bodies, unless the directive holds prose) and comments."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    out: list[Region] = []

    def body_end(i: int, base: int) -> int:
        """The line after the indented block that follows line ``i`` (blank lines inside it included)."""
        j, last = i + 1, i
        while j < len(lines):
            if lines[j].strip():
                if _indent(lines[j]) <= base:
                    break
                last = j
            j += 1
        return last + 1

    i = 0
    while i < len(lines):
        line = lines[i]
        d = _RST_DIRECTIVE.match(line)
        c = None if d else _RST_COMMENT.match(line)
        opener = d or c
        if opener:
            base = len(opener.group(1))
            end = body_end(i, base)
            if d and d.group(2).lower() in _RST_PROSE:  # the directive line and its options only
                end = i + 1
                while end < len(lines) and _RST_OPTION.match(lines[end]):
                    end += 1
            out.append(Region(starts[i], starts[end], "markup"))
            i = max(end, i + 1)
            continue
        if line.rstrip().endswith("::"):
            end = body_end(i, _indent(line))
            if end > i + 1:
                out.append(Region(starts[i + 1], starts[end], "markup"))
            i = end
            continue
        i += 1
    return out


# ---------------------------------------------------------------- HTML
# A reader in the manner of the HTML standard's tokenizer: it never goes back, so its time is
# linear on any input. What it cannot finish (a tag, comment or quoted value left open) runs to
# the end of the text, as it does in a browser; all of it is markup, never prose.
_HTML_NEXT = regex.compile(r"<(?=[A-Za-z/!?])|&(?=[#A-Za-z])")
_ENTITY = regex.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});?")
_TAG_NAME = regex.compile(r"</?([A-Za-z][^\s/>]{0,63})")
_IN_TAG = regex.compile(r"[>=]")
_RAW = ("script", "style")  # their content is not HTML at all
_VERBATIM = ("code", "pre")  # HTML inside, but no prose to repair


def _html(text: str) -> list[Region]:
    out: list[Region] = []
    closers: dict[str, list[int]] = {}  # tag name -> where its end tags start, found once

    def closer(name: str, after: int) -> int:
        if name not in closers:
            closers[name] = [m.start() for m in regex.finditer(rf"</{name}\b", text, flags=regex.I)]
        found = closers[name]
        i = bisect_left(found, after)
        return found[i] if i < len(found) else len(text)

    pos = 0
    while True:
        m = _HTML_NEXT.search(text, pos)
        if m is None:
            return out
        start = m.start()
        if text[start] == "&":
            ent = _ENTITY.match(text, start)
            if ent:
                out.append(Region(start, ent.end(), "markup"))
                pos = ent.end()
            else:
                pos = start + 1
            continue
        if text.startswith("<!--", start):
            end = text.find("-->", start + 4)
            end = len(text) if end < 0 else end + 3
        elif text.startswith("<![", start):
            end = text.find("]]>", start + 3)
            end = len(text) if end < 0 else end + 3
        elif text[start + 1] in "!?" or (text[start + 1] == "/" and not text[start + 2 : start + 3].isalpha()):
            end = text.find(">", start + 2)  # declarations, processing instructions, bogus comments
            end = len(text) if end < 0 else end + 1
        else:
            name = _TAG_NAME.match(text, start)
            assert name is not None  # '<' or '</' then a letter (_HTML_NEXT, the branches above) starts a name
            end = _tag_end(text, name.end())
            tag = name.group(1).lower()
            if text[start + 1] != "/" and tag in _RAW + _VERBATIM and end < len(text):
                shut = closer(tag, end)
                out.append(Region(end, shut, "markup"))
                if tag in _RAW:  # nothing inside is a tag
                    out.append(Region(start, end, "markup"))
                    pos = shut
                    continue
        out.append(Region(start, max(end, start + 1), "markup"))
        pos = end
        if pos >= len(text):
            return out


def _tag_end(text: str, pos: int) -> int:
    """Where a tag whose name ends at ``pos`` ends: after its '>', skipping quoted attribute
    values; the end of the text when it is never closed."""
    while True:
        m = _IN_TAG.search(text, pos)
        if m is None:
            return len(text)
        if m.group() == ">":
            return m.end()
        pos = m.end()
        while pos < len(text) and text[pos] in " \t\n\r\f":
            pos += 1
        if pos < len(text) and text[pos] in "\"'":
            close = text.find(text[pos], pos + 1)
            if close < 0:
                return len(text)
            pos = close + 1
