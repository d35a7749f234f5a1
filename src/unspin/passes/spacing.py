"""Spacing pass: words glued to a name, and spaces missing or stray around punctuation."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from .. import freq, segment
from ..document import Document
from ..model import Edit
from .wordbreak import damaged_at

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

#: a lower-case word run into a capitalised one: byGoogle, theUnited, largerMiddle, theUS
GLUED_RE = regex.compile(
    r"(?<![\p{L}\p{N}_@#/\\.'’-])(\p{Lu}?\p{Ll}+)(\p{Lu}(?:\p{Ll}+|\p{Lu}+))(?:(['’]s)\b)?(?![\p{L}\p{N}_@(=/\\]|\.\p{L})"
)
MIN_LEFT_FREQ = 2_000_000  # the left part must be a common word, not a prefix like "i" or "e"


@lru_cache(maxsize=4096)
def _split_point(token: str, function_words: frozenset[str]) -> int:
    """Where to split a glued token (0: leave it)."""
    m = GLUED_RE.fullmatch(token)
    if not m:
        return 0
    left, right = m.group(1), m.group(2)
    if freq.word(token.replace("’", "'")) or freq.word(left + right):
        return 0  # the joined form is itself a word
    if left[0].isupper():  # 'CoolerMaster', 'DeepMind': capitalised camel case is a brand or a name
        return 0
    if left in function_words:
        return len(left)
    if len(left) < 3 or freq.word(left) < MIN_LEFT_FREQ:
        return 0
    if right.isupper() or freq.word(right) >= 100_000:
        return len(left)
    return 0


def _glued_matches(doc: Document) -> list:
    """Every lower- or capitalised word run into a capitalised one, found once per document."""
    if "glued-matches" not in doc.memo:
        # in text about software, 'readFile', 'notBefore' and 'libCURL' are identifiers
        doc.memo["glued-matches"] = [] if doc.technical else list(GLUED_RE.finditer(doc.text))
    return doc.memo["glued-matches"]


def glued(doc: Document) -> list[tuple[int, int]]:
    """``(token_start, split_at)`` for every glued token the pass would split."""
    if "glued-names" in doc.memo:
        return doc.memo["glued-names"]
    function_words = doc.rules.classes["function"]
    out = []
    for m in _glued_matches(doc):
        if m.group(1)[0].isupper():
            continue  # 'CoolerMaster', 'DeepMind': see camel_glued
        token = m.group(0)
        if token in doc.protected_words or m.group(1) + m.group(2) in doc.protected_words:
            continue
        cut = _split_point(token, function_words)
        if cut:
            out.append((m.start(), m.start() + cut))
    doc.memo["glued-names"] = out
    return out


def camel_glued(doc: Document) -> list[tuple[int, int]]:
    """``(token_start, split_at)`` for two capitalised words run together ('HillClimbing',
    'InProceedings'), split only in a paragraph with PDF-style damage (wordbreak.damaged_at):
    elsewhere that is how brands and names look ('PowerPoint', 'CoolerMaster')."""
    if "glued-camel" in doc.memo:
        return doc.memo["glued-camel"]
    out, seen = [], None
    for m in _glued_matches(doc):
        left, right = m.group(1), m.group(2)
        if not left[0].isupper() or right.isupper() or m.group(0) in doc.protected_words:
            continue
        if freq.is_word(left + right) or not damaged_at(doc, m.start()):
            continue
        seen = seen if seen is not None else Counter(t[2] for t in doc.tokens)
        if seen[left + right] > 1:
            continue  # written so more than once ('GridSight'): a name
        if (left.lower() in segment.FUNCTION and freq.zipf(right) >= segment.DAMAGED_ZIPF) or (
            len(left) >= 4 and len(right) >= 4 and min(freq.zipf(left), freq.zipf(right)) >= segment.DAMAGED_ZIPF
        ):
            out.append((m.start(), m.start() + len(left)))
    doc.memo["glued-camel"] = out
    return out


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
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\.? \d{1,2},(?=\d{4}\b)"
    r"|\(\d{4}[a-z]?\)(?=\p{Ll}{2,}\b)"
)
_BEFORE_PAREN = regex.compile(
    r"(?<=\b\p{Ll}{3,})(?=\((?:\p{Lu}\p{Ll}+|e\.g\.|i\.e\.|see\b)[^()\n]{0,60}[ ,][^()\n]{0,60}\))"
)
# one stray space; tabs and runs of spaces before a colon are layout ('gcc\t\t: gcc-12')
# ('cmake . -DX=1' is a command: a full stop counts only before a new sentence or the line end)
_BEFORE_PUNCT = regex.compile(
    r"(?<=\p{L}{2}[\"”’)]?|\p{L} \p{L})( )(?=[,;:]\s|[,;:]$|\.(?:$|\s+(?:$|[\p{Lu}\"“‘(]))(?!\.))", regex.M
)
_DASH_ONE_SIDE = regex.compile(r"(?<=\p{L})([–—])(?= \p{L})|(?<=\p{L} )([–—])(?=\p{L})")
_DASHES = regex.compile(r"(?<=\p{L})( ?)([–—])( ?)(?=\p{L})")
# 'issues/ nationwide': a space after a slash that is attached to a word (a space before it,
# as in 'passwd /etc', is how paths begin, so that side is left alone)
_SLASH = regex.compile(
    r"(?<=(?<![/\p{L}\p{N}._-][\p{L}\p{N}._-]*/[\p{L}\p{N}._-]*)(?<!/[\p{L}\p{N}._-]*)\p{L})(/ +)(?=\p{L}[\p{L}-]*(?:[\s,.;:!?]|$))"
)
_NEXT_WORD = regex.compile(r"(\p{L}+)")
_FOLDER_WORDS = frozenset(
    """folder folders directory directories dir dirs subdirectory subdirectories subfolder
subfolders tree path paths prefix""".split()
)
_FOLDER_TOKEN = regex.compile(r"(?<![\w/.-])[\w.-]+/(?=[\s,.;:]|$)")
_ABBREV_BEFORE_DOT = regex.compile(
    r"(?:\b\p{L}\.)+$|\b(?:etc|vs|approx|dept|fig|figs|no|nos|vol|vols|ch|eq|cf|chem|corp|inc|ltd|co|gen|gov|govt|sen|rep|"
    r"univ|assn|bros|mr|mrs|ms|dr|st|mt|ft|jr|sr|prof|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|est|al|ed|eds|pp|op)$",
    regex.I,
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
    from .doubled import owned_cuts  # 'the theKremlin' is a doubled word first

    text, out, owned = doc.text, [], owned_cuts(doc)
    # insertions, so that a word rule may still rewrite either half in the same run
    for rule, found in (("spacing.glued-name", glued(doc)), ("spacing.glued-capitals", camel_glued(doc))):
        for start, cut in found:
            if cut in owned:
                continue
            token = GLUED_RE.match(text, start).group()
            out.append(
                doc.edit(
                    cut,
                    cut,
                    " ",
                    rule,
                    f"'{token}' is two words run together: '{text[start:cut]} {text[cut : start + len(token)]}'",
                )
            )
            right = text[cut : start + len(token)]
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
    for m in () if doc.technical else _AFTER_PUNCT.finditer(text):
        s = m.start()
        if _not_prose(text, s):
            continue
        out.append(doc.edit(s, m.end(), m.group() + " ", "spacing.after-punct"))
    for m in () if doc.technical else _AFTER_ABBREV.finditer(text):
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
        out.append(doc.edit(m.start(), m.end(), "/", "spacing.slash-path" if doc.technical else "spacing.slash"))
    return out
