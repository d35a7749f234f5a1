"""Spacing pass: words glued to a name, and spaces missing or stray around punctuation."""

from __future__ import annotations

from collections import Counter

import regex

from .. import segment
from ..document import Document
from ..model import Edit
from ..wordlists import alternation, word_class

#: the rule ids this pass emits (checked against rules/passes.rules as the rules load)
RULES = frozenset(
    {
        "spacing.after-punct",
        "spacing.before-paren",
        "spacing.before-punct",
        "spacing.dash",
        "spacing.glued-capitals",
        "spacing.glued-name",
        "spacing.glued-name-both",
        "spacing.slash",
        "spacing.slash-path",
    }
)

_AFTER_PUNCT = regex.compile(
    r"(?<=\p{Ll}{2}[\"”’)]?|(?<!\S)\p{Lu})([,;])(?=\p{L})"  # 'Friday,and', 'Devescovi A,Smith'
    r"|(?<=\p{Ll}{2}[\"”’)]?)([:?!.])(?=\p{Lu}\p{Ll}|[AI]\s)"  # 'spots:St', 'interfaces:A domain'
    r"|(?<=\p{Ll}{2}),(?=\d)"  # 'Neumann,2003'
    r"|(?<=\d):(?=\p{Lu}\p{Ll})"  # '910.202:World travel'
)
#: no space after initials, a date's day or a year in brackets: 'R.S.Michalski',
#: 'January 23,2004', 'Clark et al (2002)are' (the space goes at the end of the match)
_AFTER_ABBREV = regex.compile(
    r"(?<![\p{L}\p{N}.])(?:\p{Lu}\.){1,3}(?=\p{Lu}\p{Ll}{2,}\b)"
    rf"|\b{alternation('month')}"
    r"\.? \d{1,2},(?=\d{4}\b)"
    r"|\(\d{4}[a-z]?\)(?=\p{Ll}{2,}\b)"
)
#: a word run into a parenthesis that holds a citation or an aside: 'method(Smith et al., 2004)'
_BEFORE_PAREN = regex.compile(
    r"(?<=\b\p{Ll}{3,})"  # after a lower-case word
    r"(?=\((?:\p{Lu}\p{Ll}+|e\.g\.|i\.e\.|see\b)"  # a bracket opening on a name, 'e.g.', 'i.e.' or 'see'
    r"[^()\n]{0,60}[ ,][^()\n]{0,60}\))"  # more than one word inside, closed on the same line
)
# one stray space; tabs and runs of spaces before a colon are layout ('gcc\t\t: gcc-12')
# ('cmake . -DX=1' is a command: a full stop counts only before a new sentence or the line end)
_BEFORE_PUNCT = regex.compile(
    r"(?<=\p{L}{2}[\"”’)]?|\p{L} \p{L})"  # after a word (or a closing quote or bracket)
    r"( )"  # one space
    r"(?=[,;:]\s|[,;:]$"  # before a comma, semicolon or colon and a space or the line end
    r"|\.(?:$|\s+(?:$|[\p{Lu}\"“‘(]))(?!\.))",  # or a full stop that ends the sentence
    regex.M,
)
_DASH_ONE_SIDE = regex.compile(r"(?<=\p{L})([–—])(?= \p{L})|(?<=\p{L} )([–—])(?=\p{L})")
_DASHES = regex.compile(r"(?<=\p{L})( ?)([–—])( ?)(?=\p{L})")
# 'issues/ nationwide': a space after a slash that is attached to a word (a space before it,
# as in 'passwd /etc', is how paths begin, so that side is left alone)
_SLASH = regex.compile(
    r"(?<="
    r"(?<![/\p{L}\p{N}._-][\p{L}\p{N}._-]*/[\p{L}\p{N}._-]*)"  # the word before is no path ('a/b/ c')
    r"(?<!/[\p{L}\p{N}._-]*)"  # ... and follows no slash itself
    r"\p{L})"  # a letter right before the slash
    r"(/ +)"  # the slash and its stray spaces
    r"(?=\p{L}[\p{L}-]*(?:[\s,.;:!?]|$))"  # a word after them
)
_NEXT_WORD = regex.compile(r"(\p{L}+)")
_FOLDER_WORDS = word_class("folder-word")
_FOLDER_TOKEN = regex.compile(r"(?<![\w/.-])[\w.-]+/(?=[\s,.;:]|$)")
_ABBREV_BEFORE_DOT = regex.compile(
    rf"(?:\b\p{{L}}\.)+$|\b{alternation('abbreviation', 'month-abbreviation', lower=True)}$", regex.I
)


_CODE_AROUND = regex.compile(r"[{}()\[\]<>=_/\\`#@$|]|\..*\.")
#: a dot inside a word ('net.Server', 'README.dns'), but not a sentence run into the next one
#: ('cars.Friday': the after-punct rule spaces that dot in the same run)
_DOTTED = regex.compile(r"\w\.\w(?!(?<=\p{Ll}{2}\.\p{Lu})\p{Ll})")


#: a word in parentheses is prose: '(as we did),or', 'Neumann,2003)'
_PROSE_PAREN = regex.compile(r"\(?[\p{L}\p{N}'’-]+\)?[,;:.?!]\(?[\p{L}\p{N}'’-]+\)?[.,;:]?")


def _not_prose(text: str, pos: int) -> bool:
    """The mark at ``pos`` sits in an abbreviation or code ('e.g.The', 'net.Server',
    '{Linux,Hurd}', 'README.dns,v', '${perl:Depends}'), where a missing space is no error."""
    chunk = _chunk_around(text, pos)
    if chunk is None:
        return True  # hundreds of characters without a space: data or code, not a sentence
    if _CODE_AROUND.search(chunk.replace("(", "").replace(")", "") if _PROSE_PAREN.fullmatch(chunk) else chunk):
        return True
    if text[pos] == ".":
        return _ABBREV_BEFORE_DOT.search(text, max(0, pos - 12), pos) is not None
    if text[pos] == ":" and text[pos - 1 : pos].isdigit():
        return False  # '910.202:World': a number's dot is no abbreviation
    return _DOTTED.search(chunk) is not None


_RUN_LIMIT = 120  # characters a run without spaces may reach on each side of a mark and still be prose


def _chunk_around(text: str, pos: int) -> str | None:
    """The run of non-space characters around ``pos``; None when it is longer than prose gets
    (a bounded scan: checking every mark of a long run stays linear)."""
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
        if pos - start > _RUN_LIMIT:
            return None
    end = pos
    while end < len(text) and not text[end].isspace():
        end += 1
        if end - pos > _RUN_LIMIT:
            return None
    return text[start:end]


def _dash_style(text: str) -> str:
    """Spaced (' – ') unless the document mostly writes dashes closed up ('word—word')."""
    counts = Counter(
        "spaced" if m.group(1) and m.group(3) else "closed" if not (m.group(1) or m.group(3)) else "odd"
        for m in _DASHES.finditer(text)
    )
    return "closed" if counts["closed"] > counts["spaced"] else "spaced"


def edits(doc: Document) -> list[Edit]:
    reading, text, out = doc.reading, doc.text, []
    # insertions, so that a word rule may still rewrite either half in the same run
    for rule, found in (
        ("spacing.glued-name", reading.glued_names),
        ("spacing.glued-capitals", reading.glued_capitals),
    ):
        for start, cut, end in found:
            token, right = text[start:end], text[cut:end]
            out.append(
                doc.edit(cut, cut, " ", rule, f"'{token}' is two words run together: '{text[start:cut]} {right}'")
            )
            again = (
                segment.split_glued(right, midsentence=True) if rule == "spacing.glued-name" and right.isalpha() else 0
            )
            if again:  # 'byGooglein': the name is glued on both sides
                out.append(
                    doc.edit(
                        cut + again,
                        cut + again,
                        " ",
                        "spacing.glued-name-both",
                        f"'{right}' is two words run together: '{right[:again]} {right[again:]}'",
                    )
                )
    for m in () if doc.reading.technical else _AFTER_PUNCT.finditer(text):
        s = m.start()
        if _not_prose(text, s):
            continue
        out.append(doc.edit(s, m.end(), m.group() + " ", "spacing.after-punct"))
    for m in () if doc.reading.technical else _AFTER_ABBREV.finditer(text):
        out.append(doc.edit(m.end(), m.end(), " ", "spacing.after-punct", f"no space after '{m.group()}'"))
    for m in _BEFORE_PAREN.finditer(text):
        out.append(doc.edit(m.start(), m.start(), " ", "spacing.before-paren"))
    for m in _BEFORE_PUNCT.finditer(text):
        if doc.protection.hit(m.start() - 1, m.start()) in ("url", "file", "email", "code"):
            continue  # 'see https://example.org/issues .': the space keeps the mark out of the link
        out.append(doc.edit(m.start(), m.end(), "", "spacing.before-punct"))
    style = None
    for m in _DASH_ONE_SIDE.finditer(text):
        style = style or _dash_style(text)
        dash = m.group()
        if style == "spaced":
            fixed = " " + dash if m.group(1) else dash + " "
            out.append(doc.edit(m.start(), m.end(), fixed, "spacing.dash"))
        else:  # close up the one space the dash has
            s, e = (m.start(), m.end() + 1) if m.group(1) else (m.start() - 1, m.end())
            out.append(doc.edit(s, e, dash, "spacing.dash"))
    for m in _SLASH.finditer(text):
        after = _NEXT_WORD.match(text, m.end())
        if after and after.group(1).lower() in _FOLDER_WORDS:
            continue  # 'the scripts/ folder': a path, written so on purpose
        if len(_FOLDER_TOKEN.findall(text, max(0, m.start() - 60), m.end() + 60)) > 1:
            continue  # 'in docs/ and src/': a list of folders
        # in software documentation 'output/ release' may still be a folder: only suggest there
        out.append(
            doc.edit(m.start(), m.end(), "/", "spacing.slash-path" if doc.reading.technical else "spacing.slash")
        )
    return out
