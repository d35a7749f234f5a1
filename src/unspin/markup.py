"""What in a Markdown or HTML file is not prose: code, link targets, tags, front matter.

Markdown is parsed with markdown-it-py (blocks by line range, inline code, HTML and link
targets located in the source); HTML with the standard library's parser.
"""
from __future__ import annotations

from html.parser import HTMLParser

import regex

from .protect import Region

def regions(text: str, markup: str) -> list[Region]:
    if markup == "markdown":
        return _markdown(text)
    if markup == "html":
        return _html(text)
    return []


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in regex.finditer(r"\n", text))
    return starts


_LINK_DEF = regex.compile(r"(?m)^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$")


def _markdown(text: str) -> list[Region]:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").use(front_matter_plugin)
    starts = _line_starts(text)

    def span(lines):
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


class _TagSpans(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text, self.starts, self.out, self.raw_from = text, _line_starts(text), [], None

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def _tag(self, raw: str | None):
        pos = self._pos()
        end = self.text.find(">", pos) + 1 if raw is None else pos + len(raw)
        self.out.append(Region(pos, max(end, pos + 1), "markup"))
        return pos, end

    def handle_starttag(self, tag, attrs):
        _, end = self._tag(self.get_starttag_text())
        if tag in ("script", "style", "code", "pre"):
            self.raw_from = (tag, end)

    def handle_startendtag(self, tag, attrs):
        self._tag(self.get_starttag_text())

    def handle_endtag(self, tag):
        pos, _ = self._tag(None)
        if self.raw_from and self.raw_from[0] == tag:
            self.out.append(Region(self.raw_from[1], pos, "markup"))
            self.raw_from = None

    def handle_comment(self, data):
        self.out.append(Region(self._pos(), self._pos() + len(data) + 7, "markup"))

    def handle_decl(self, decl):
        self._tag(None)

    def handle_entityref(self, name):
        self.out.append(Region(self._pos(), self._pos() + len(name) + 2, "markup"))

    def handle_charref(self, name):
        self.out.append(Region(self._pos(), self._pos() + len(name) + 3, "markup"))


def _html(text: str) -> list[Region]:
    parser = _TagSpans(text)
    parser.feed(text)
    parser.close()
    return parser.out
