"""Machine-translation cleanup: tokenizer artifacts ('don 't', ' , ', '( 3 )', '@-@'), HTML
entities, mojibake (via ftfy), repetition loops, doubled punctuation; and flags for what has
no safe fix: unbalanced brackets and quotes, fragments left in another script."""

from __future__ import annotations

import html
from itertools import compress
from operator import eq

import regex

from ..document import Document
from ..model import Edit
from ..reading.views import to_original, to_view
from ..textutil import lazy
from ..wordlists import word_class

#: the rule ids this pass emits (checked against rules/passes.rules as the rules load)
RULES = frozenset(
    {
        "mt.bracket-space",
        "mt.contraction",
        "mt.detokenize",
        "mt.double-punct",
        "mt.entity",
        "mt.foreign-script",
        "mt.joiner",
        "mt.mark-space",
        "mt.mojibake",
        "mt.quote-space",
        "mt.repetition",
        "mt.repetition-pair",
        "mt.stray-tag",
        "mt.unbalanced",
    }
)

_CONTRACTION = lazy(
    r"(?<=\p{L})[ \t]+(n['’]t|['’](?:s|re|ve|ll|d|m))(?![\p{L}\p{N}'’-])"  # 'do n't', 'it 's', 'we 're'
    r"|(?<=\p{L}n)[ \t]+(['’]t)(?![\p{L}\p{N}'’-])"  # 'don 't'
)
_OPEN_SPACE = lazy(r"([(\[{])[ \t]+(?=\S)")
_CLOSE_SPACE = lazy(r"(?<=\S)[ \t]+([)\]}])")
# '?' or '!' set apart at the end of a sentence (not '?' standing for a lost symbol mid-line)
# (at a line end only if the next line does not carry on the sentence: 'and !\noperators')
_BEFORE_MARK = lazy(
    r"(?<=\p{L}(?:[ \t]*[\"”’)\]])?)"  # after a word (and a closing quote or bracket)
    r"[ \t]+([?!])"  # a space, then the mark
    r"(?=[ \t]*$(?!\n[ \t]*\p{Ll})"  # at a line end the next line does not carry on
    r"|[\"”’)\]]"  # or a closing quote or bracket follows
    r"|[ \t]+\p{Lu}\p{Ll})",  # or a new sentence
    regex.M,
)
_JOINER = lazy(r"[ \t]*@([-,.:/])@[ \t]*")
_ENTITY = lazy(
    r"&(?:quot|amp|apos|lt|gt|nbsp|ndash|mdash|rsquo|lsquo|rdquo|ldquo|hellip"  # named
    r"|#\d{2,5}|#x[0-9a-fA-F]{2,4});"  # numeric
)
_TAG = lazy(
    r"</?(?:p|br|div|span|b|i|u|strong|em|a|font|li|ul|ol|h[1-6])"
    r"(?:\s+[\w-]+(?:=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s<>]+))?)*\s*/?>",
    regex.I,
)
#: what UTF-8 read as Windows-1252 turns the second byte of a two-byte letter into: C1 bytes
#: (U+0080-U+00BF) and the cp1252 characters that stand where Latin-1 has control codes
_CP1252_SECOND = (
    r"\x80-\xbf"
    r"\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"  # Œ œ Š š Ÿ Ž ž ƒ ˆ ˜
    r"\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e"  # dashes and curly quotes
    r"\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"  # † ‡ • … ‰ ‹ › € ™
    r"\xa0-\xbf"
)
_MOJIBAKE = lazy(
    r"\S*(?:"
    rf"Ã[{_CP1252_SECOND}]"  # 'Ã©' for 'é'
    r"|â€"  # 'â€™' for '’', 'â€œ' for '“'
    r"|Â[\xa0-\xbf]"  # 'Â°' for '°', 'Â ' for a no-break space
    r"|Ð[\x80-\xbf]"  # Cyrillic read as cp1252
    r"|Ã"
    r")\S*"
)
_REPEAT = lazy(
    r"(?<![\p{L}\p{N}])"
    r"((?:[\p{L}\p{N}'’-]+[ \t]+){1,5}?[\p{L}\p{N}'’-]+)"  # a phrase of one to six words
    r"((?:[ \t]+\1){1,})"  # then the same phrase again, once or more
    r"(?![\p{L}\p{N}])",
    regex.I,
)
_DOUBLE_PUNCT = lazy(r"(?<=[\p{L}\p{N}])[ \t]*([,;])(?:[ \t]*\1)+(?![.,;])|(?<=[\p{L}\p{N}])\.\.(?=\s|$)")
#: letters of a script English is not written in ('foreign-script' in rules/classes.txt)
_SCRIPT = "[" + "".join(sorted(rf"\p{{{name}}}" for name in word_class("foreign-script"))) + "]"
#: a run of such words, with spaces, apostrophes or hyphens between them
_FOREIGN = lazy(rf"{_SCRIPT}+(?:[ \t'’-]+{_SCRIPT}+)*")
_LATIN = lazy(r"\p{Latin}")
#: a character no foreign script can be absent from: past the Latin, Greek-free blocks and the
#: general punctuation ('’', '—'); a text without one holds no foreign fragment (a cheap test)
_OUTSIDE_LATIN_AND_PUNCTUATION = lazy(r"[^\x00-\u036f\u2000-\u206f]")


def _near(prefilter, pattern, text: str):
    """``pattern.finditer(text)``, tried only where the cheap ``prefilter`` matches: each pattern
    here begins at the same place as its prefilter (its lookbehind then looks back from there),
    and a scan of the whole text by the full pattern costs several times the prefilter's."""
    done = 0
    for hit in prefilter.finditer(text):
        if hit.start() < done:
            continue
        m = pattern.match(text, hit.start())
        if m:
            done = m.end()
            yield m


#: where a contraction's space, a stray space before '?' or '!', and doubled marks begin
_CONTRACTION_AT = lazy(r"[ \t]+n?['’]")
_BEFORE_MARK_AT = lazy(r"[ \t]+[?!]")
_DOUBLE_PUNCT_AT = lazy(r"[ \t]*[,;][ \t]*[,;]|\.\.")


def _artifacts(doc: Document, tokenized: bool) -> list[Edit]:
    text, out = doc.text, []
    for m in _near(_CONTRACTION_AT, _CONTRACTION, text):
        mark = m.group(1) or m.group(2)
        out.append(doc.edit(m.start(), m.end(), mark, "mt.contraction"))
    if tokenized:  # elsewhere '[ -f x ]' and '{ }' are code, not artifacts
        for m in _OPEN_SPACE.finditer(text):
            out.append(doc.edit(m.start(), m.end(), m.group(1), "mt.bracket-space"))
        for m in _CLOSE_SPACE.finditer(text):
            out.append(doc.edit(m.start(), m.end(), m.group(1), "mt.bracket-space"))
    for m in _near(_BEFORE_MARK_AT, _BEFORE_MARK, text):
        out.append(doc.edit(m.start(), m.end(), m.group(1), "mt.mark-space"))
    for m in _JOINER.finditer(text):
        out.append(doc.edit(m.start(), m.end(), m.group(1), "mt.joiner"))
    if tokenized:  # elsewhere '" $2 "' is shell code, not an artifact
        out.extend(_quote_spaces(doc))
    for m in _near(_DOUBLE_PUNCT_AT, _DOUBLE_PUNCT, text):
        after = text[m.end() : m.end() + 1]
        # ',,the' -> ', the'; 'Neumann,,2003' -> 'Neumann, 2003' (but '1,,000' -> '1,000')
        space = " " if after.isalpha() or (after.isdigit() and text[m.start() - 1 : m.start()].isalpha()) else ""
        out.append(doc.edit(m.start(), m.end(), (m.group(1) or ".") + space, "mt.double-punct"))  # after a word only
    return out


_PUNCT_MARK = lazy(r"(?<=\S)( ?)([,.;:?!](?!\d))")
# every mark the tokenizer set apart ('12 .', 'peace ,', '...', '! ! !'); in quotations too
_MOSES_BEFORE = lazy(r"(?<=\S)[ \t]+((?:\.\.\.|[,.;:?!%])(?:[ \t]+[?!.])*)(?=\s|$|[\"”’)\]])", regex.M)
_MOSES_AFTER = lazy(r"([$€£(\[])[ \t]+(?=\S)")


def moses_tokenized(text: str) -> bool:
    """Most punctuation stands apart from the word before it: the text came through a tokenizer."""
    marks = _PUNCT_MARK.findall(text)
    spaced = sum(1 for space, _ in marks if space)
    return spaced >= 2 and spaced >= 0.6 * len(marks)


def _detokenize(doc: Document, tokenized: bool) -> list[Edit]:
    """In tokenized text, close up every mark the tokenizer set apart ('12 .', '$ 1', '! ! !')."""
    if not tokenized:
        return []
    out = []
    for m in _MOSES_BEFORE.finditer(doc.text):
        marks = regex.sub(r"[ \t]+", "", m.group(1))
        before = doc.text[max(0, m.start() - 2) : m.start()]
        if marks == ".." or (marks == "." and before[-1:] == "." and before != ".."):
            marks = "" if marks == "." else "."  # 'the . .', 'the. .': one full stop, not two
        out.append(doc.edit(m.start(), m.end(), marks, "mt.detokenize"))
    for m in _MOSES_AFTER.finditer(doc.text):
        out.append(doc.edit(m.start(), m.end(), m.group(1), "mt.detokenize"))
    return out


def _quote_spaces(doc: Document) -> list[Edit]:
    """'" we must stop "' -> '"we must stop"': straight quotes paired in order on a line, fixed
    only when a pair has spaces inside on both sides and the line pairs up evenly."""
    text, out, line_start = doc.text, [], 0
    for line in text.split("\n"):
        marks = [i for i, ch in enumerate(line) if ch == '"']
        if marks and len(marks) % 2 == 0:
            for a, b in zip(marks[::2], marks[1::2]):
                inner = line[a + 1 : b]
                if (
                    len(inner) > 2
                    and inner[0] in " \t"
                    and inner[-1] in " \t"
                    and inner.strip()
                    and (a == 0 or not line[a - 1].isalnum())
                    and (b + 1 == len(line) or not line[b + 1].isalnum())
                ):
                    lead = len(inner) - len(inner.lstrip(" \t"))
                    trail = len(inner) - len(inner.rstrip(" \t"))
                    start, end = line_start + a + 1, line_start + b  # the spaces only, so rules inside still apply
                    out.append(doc.edit(start, start + lead, "", "mt.quote-space"))
                    out.append(doc.edit(end - trail, end, "", "mt.quote-space"))
        line_start += len(line) + 1
    return out


def _markup_leftovers(doc: Document) -> list[Edit]:
    text, out = doc.text, []
    if doc.options.markup == "text":
        for m in _ENTITY.finditer(text):
            out.append(doc.edit(m.start(), m.end(), html.unescape(m.group()), "mt.entity"))
        for m in _TAG.finditer(text):
            out.append(doc.edit(m.start(), m.end(), "", "mt.stray-tag"))
    if "Ã" in text or "â€" in text or "Â" in text or "Ð" in text:
        import ftfy  # loaded only when the text shows the marks of mojibake

        for m in _MOJIBAKE.finditer(text):
            fixed = ftfy.fix_text(
                m.group(), uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, normalization=None
            )
            if fixed != m.group():
                out.append(doc.edit(m.start(), m.end(), fixed, "mt.mojibake"))
    return out


def _loops(doc: Document) -> list[Edit]:
    """Only where a word comes back within six words can a phrase repeat: try the pattern there.

    Words are read as a reader sees them, glued ones in two ('byGoogle byGoogle byGoogle')."""
    toks = doc.reading.virtual
    text, inserted = doc.reading.spaced
    cuts = [p - n for n, p in enumerate(inserted)]
    norms = doc.reading.virtual_lower
    # (compress and map(eq) keep the five comparisons of every word with the words after it in C)
    starts = sorted({i for k in range(2, 7) for i in compress(range(len(norms) - k), map(eq, norms, norms[k:]))})
    out, done = [], -1
    for i in starts:
        at = to_view(toks[i].start, cuts, toks[i].after_cut)
        if at < done:
            continue
        m = _REPEAT.match(text, at)
        if not m:
            continue
        unit, repeats = m.group(1), m.group(2)
        copies = 1 + len(regex.findall(r"[ \t]+" + regex.escape(unit), repeats, flags=regex.I))
        rule = "mt.repetition" if copies >= 3 else "mt.repetition-pair"
        start, end = to_original(m.start(), inserted), to_original(m.end(), inserted)
        out.append(doc.edit(start, end, unit, rule, f"'{unit}' {copies} times in a row"))
        done = m.end()
    return out


_BRACKET = lazy(r"[()\[\]{}“”\n]")
_PAIRS = {")": "(", "]": "[", "}": "{", "”": "“"}
#: a list marker that ends in ')': a number, a letter or a roman numeral after a space or a line start
_LIST_MARKER = lazy(r"(?<=(?<![^\s])(?:\d{1,3}|[A-Za-z]|[ivxlc]{1,5}|[IVXLC]{1,5}))\)(?=\s|$)")


def _flags(doc: Document) -> list[Edit]:
    text, out = doc.text, []
    stack: list[tuple[str, int]] = []  # the open brackets: (mark, position)

    def unclosed():
        for ch, pos in stack:
            out.append(doc.edit(pos, pos + 1, ch, "mt.unbalanced", f"'{ch}' is never closed"))
        stack.clear()

    # brackets pair within a paragraph: a line, or where blank lines part paragraphs, the block
    wrapped = "\n\n" in text
    for m in _BRACKET.finditer(text):
        ch, pos = m.group(), m.start()
        if ch == "\n":
            if not wrapped or text.startswith("\n", pos + 1) or text.startswith("\r\n", pos + 1):
                unclosed()
        elif ch in "([{“":
            stack.append((ch, pos))
        elif stack and stack[-1][0] == _PAIRS[ch]:
            stack.pop()
        elif ch == ")" and _LIST_MARKER.match(text, pos):
            continue  # 'a) red, b) green', '1) Install': a list marker opens nothing
        else:
            out.append(doc.edit(pos, pos + 1, ch, "mt.unbalanced", f"'{ch}' closes nothing"))
    unclosed()
    if _OUTSIDE_LATIN_AND_PUNCTUATION.search(text) and _FOREIGN.search(text):
        line_start = 0
        for line in text.split("\n"):
            if len(_LATIN.findall(line)) > 20:
                for m in _FOREIGN.finditer(line):
                    pos = line_start + m.start()
                    out.append(
                        doc.edit(
                            pos,
                            pos + len(m.group()),
                            m.group(),
                            "mt.foreign-script",
                            f"'{m.group()}' is in another script: left untranslated?",
                        )
                    )
            line_start += len(line) + 1
    return out


def edits(doc: Document) -> list[Edit]:
    tokenized = moses_tokenized(doc.text)
    return _artifacts(doc, tokenized) + _detokenize(doc, tokenized) + _markup_leftovers(doc) + _loops(doc) + _flags(doc)
