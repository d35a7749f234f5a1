"""Word breaks: lower-case words run together ('thealgorithm'), words broken by stray spaces
('Exper iments', 'fur ther') and letter-spaced words ('p r e d i c t i o n')."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

import regex

from .. import freq, segment
from ..document import Document
from ..model import Edit

#: the rule ids this pass emits (checked against rules/passes.rules as the rules load)
RULES = frozenset(
    {
        "spacing.broken-word",
        "spacing.glued-acronym",
        "spacing.glued-number",
        "spacing.glued-words",
        "spacing.hyphen-break",
        "spacing.letter-spaced",
        "spacing.misplaced-space",
        "spacing.misplaced-space-words",
    }
)

# a token starts after space or an opener, or after punctuation the spacing pass will space out
_LOWER_TOKEN = regex.compile(
    r"(?:(?<=^|[\s(\[“‘\"])|(?<=\s')|(?<=^')|(?<=\p{Ll}{2}[\"”’)]?[,;])|(?<=[,;][ \t]*[,;])|(?<=\p{Ll}{2}[\"”’)]?[:?!.])(?=\p{Lu}))(\p{Lu}?\p{Ll}+)(?![\p{L}\p{N}_@/\\'’(-]|\.(?!\p{Lu}\p{Ll})\p{L})",
    regex.M,
)


def glued_splits(doc: Document) -> dict[int, int]:
    """Start of each lower-case glued token -> where it splits (shared with the doubled pass)."""
    if "glued" not in doc.memo:
        splits, unsure = _sure_splits(doc)
        splits = dict(splits)
        for start, token, midsentence in unsure:
            if damaged_at(doc, start):
                cut = segment.split_glued(token, damaged=True, midsentence=midsentence)
                if cut:
                    splits[start] = cut
        doc.memo["glued"] = splits
    return doc.memo["glued"]


_DETERMINER_BEFORE = regex.compile(
    r"\b(?:the|a|an|this|that|these|those|your|my|our|their|his|her|its|each|every|any|no)\s+$", regex.I
)


def _sure_splits(doc: Document) -> tuple[dict[int, int], list[tuple[int, str, bool]]]:
    """The splits the frequencies alone settle, and the tokens left for a second look."""
    if "glued-sure" in doc.memo:
        return doc.memo["glued-sure"]
    splits, unsure = {}, []
    doc.memo["glued-sure"] = splits, unsure
    if doc.technical:  # 'lockfile', 'todo', 'superproject': software writes them solid
        return splits, unsure
    # how often each token recurs, not counting a direct repeat ('thethe thethe' is one accident)
    words = [t[2].lower() for t in doc.tokens]
    counts = Counter(w for n, w in enumerate(words) if n == 0 or words[n - 1] != w)
    for m in _LOWER_TOKEN.finditer(doc.text):
        token = m.group(1)
        if token in doc.protected_words:
            continue
        # a capitalised word mid-sentence is likely a name: only 'Proceedingsof' splits
        midsentence = token[0].isupper() and not doc.sentence_start(m.start())
        low = token.lower()
        repeated = counts[low] > 1
        cut = segment.split_glued(token, midsentence=midsentence)
        if cut and low[:cut] == "to" and _DETERMINER_BEFORE.search(doc.text, max(0, m.start() - 8), m.start()):
            continue  # 'the todo list': a noun after an article, never 'the to do'
        if cut and repeated and low[:cut] not in segment.GLUE_WORDS:
            continue  # written the same way more than once ('polkit'): a term, unless it starts 'the...'
        if cut:
            splits[m.start()] = cut
        elif not repeated and len(token) >= 6 and not segment.known(low, 1):
            unsure.append((m.start(), token, midsentence))
    # the outer pieces of a hyphenated word ('finite-statecomposition', 'distinguishingparts-of')
    for start, _, word in _hyphenated(doc):
        if segment.known(word.replace("-", "").lower()):
            continue  # 'In-ternational': a word hyphenated at a line end, not a glue
        pieces = word.split("-")
        for token, at in ((pieces[0], start), (pieces[-1], start + len(word) - len(pieces[-1]))):
            if (
                len(token) >= 6
                and token.isalpha()
                and token.islower()
                and counts[token] <= 1
                and token not in doc.protected_words
            ):
                unsure.append((at, token, False))
    return splits, unsure


def _hyphenated(doc: Document) -> list[tuple[int, int, str]]:
    """The hyphenated words ('finite-state', 'organiza-tion'), from the token list."""
    if "hyphenated" not in doc.memo:
        text = doc.text
        doc.memo["hyphenated"] = [
            t
            for t in doc.tokens
            if "-" in t[2]
            and text[t[1] : t[1] + 1] not in ("/", "@", "_")
            and (t[0] == 0 or text[t[0] - 1] not in "/@_-.")
        ]
    return doc.memo["hyphenated"]


_LETTERS = regex.compile(r"\p{L}+")
_PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n")


def _paragraph(doc: Document, pos: int) -> int:
    """Which paragraph (blank-line separated) ``pos`` is in."""
    breaks = doc.memo.get("paragraph-breaks")
    if breaks is None:
        breaks = doc.memo["paragraph-breaks"] = [m.end() for m in _PARAGRAPH_BREAK.finditer(doc.text)]
    return bisect_right(breaks, pos)


def damaged_at(doc: Document, pos: int) -> bool:
    """Whether ``pos`` is in a paragraph damaged the way PDF extraction damages text: a function
    word glued to a neighbour ('thealgorithm') or a word hyphenated mid-line ('tech-niques').
    There two common words run together ('newalgorithms', 'HillClimbing') are read as a glue too.
    The spinner's glued names ('byGoogle') do not count: spun news is full of brand names
    ('GridSight') that look just like two words."""
    if "damaged" not in doc.memo:
        splits, _ = _sure_splits(doc)
        sure = [
            start
            for start, cut in splits.items()
            if doc.text[start : start + cut].lower() in segment.FUNCTION
            or _LETTERS.match(doc.text, start).group()[cut:].lower() in segment.FUNCTION
        ]
        sure += [start for start, _, _ in hyphen_breaks(doc)]
        doc.memo["damaged"] = {_paragraph(doc, pos) for pos in sure}
    return bool(doc.memo["damaged"]) and _paragraph(doc, pos) in doc.memo["damaged"]


def _glued(doc: Document) -> list[Edit]:
    from .doubled import owned_cuts  # the doubled pass owns cuts inside a repeated word

    owned = owned_cuts(doc)
    out = []
    for start, cut in glued_splits(doc).items():
        if start + cut in owned:
            continue
        token = _LETTERS.match(doc.text, start).group()
        out.append(
            doc.edit(
                start + cut,
                start + cut,
                " ",
                "spacing.glued-words",
                f"'{token}' is two words run together: '{token[:cut]} {token[cut:]}'",
            )
        )
    return out


_DIGIT_GLUE = regex.compile(r"(?<![\p{L}\p{N}.,:/#@_-])(\d+)(\p{Lu}\p{Ll}+|\p{Ll}{2,})(?![\p{L}\p{N}_@/-])")
#: what may follow a number directly: ordinals, units, decades, multipliers
_UNITS = frozenset(
    """st nd rd th s am pm km kg mg mm cm ml mb gb tb kb ms ns hz khz mhz ghz kw kwh mw mwh gw mph
kph bn mn m k b px pt em ft yd mi lb lbs oz yo ish fold x""".split()
)


#: a word run into the number after it: 'September30', 'of18th', 'in2004'
_WORD_NUMBER = regex.compile(
    r"(January|February|March|April|June|July|August|September|October|November|December"
    r"|of|in|on|at|by|for|from|since|until|to|and)(?=\d{2,}(?:st|nd|rd|th)?\b|\d(?:st|nd|rd|th)\b)"
)
#: a decimal run into a word: '0.76umcp' in a flattened table
_DECIMAL_WORD = regex.compile(r"(?<![\p{L}\p{N}.,_-])\d+\.\d+(?=(\p{L}[\p{L}\p{N}]*)(?![\p{L}\p{N}.,_-]))")
_VERSION_MARKS = frozenset("a b c rc dev post pre alpha beta final p x".split())


def number_glues(doc: Document) -> list[tuple[int, int, str]]:
    """``(token_start, cut, reason)`` for '2004in', '15That', 'September30', '0.76umcp': a number
    run into a word (never a unit, an ordinal, a decade or a version mark)."""
    if "number-glues" in doc.memo:
        return doc.memo["number-glues"]
    out = doc.memo["number-glues"] = []
    for m in _DIGIT_GLUE.finditer(doc.text):
        word = m.group(2)
        low = word.lower()
        if low in _UNITS or word in doc.protected_words:
            continue
        if low in segment.GLUE_WORDS or (word[0].isupper() and low in doc.rules.classes["starter"]):
            out.append((m.start(), m.start(2), f"'{m.group()}' is a number run into '{word}'"))
    if doc.technical:
        return out  # 'in2', 'v1.2rc1': identifiers and versions
    text = doc.text
    for start, end, token in doc.tokens:
        if not token.isalpha() and token[0].isalpha():  # letters, then digits somewhere
            # the token, or its part after a sentence run into it ('over.September30')
            for at in [start] + [
                start + i + 1 for i, ch in enumerate(token) if ch == "." and _sentence_glue(text, start + i + 1)
            ]:
                m = _WORD_NUMBER.match(text, at, end)
                if m and (at == 0 or text[at - 1] not in "_@#/.-" or at != start):
                    out.append((at, m.end(), f"'{m.group()}' is run into the number after it"))
                    break
    standalone = None
    for m in _DECIMAL_WORD.finditer(doc.text):
        word = m.group(1)
        if word.lower() in _UNITS or word.lower().rstrip("0123456789") in _VERSION_MARKS:
            continue
        # only where the word also stands alone in the text: a table's row label, not a unit
        standalone = standalone if standalone is not None else Counter(t[2] for t in doc.tokens)
        if standalone[word]:
            out.append(
                (
                    m.start(),
                    m.end(),
                    f"'{m.group()}{word}' is a number run into '{word}', a word found on its own elsewhere",
                )
            )
    return out


def _sentence_glue(text: str, start: int) -> bool:
    """'over.September30': the dot before the token ends a sentence run into the next (the
    after-punct rule spaces it in the same run), not a dotted name."""
    return (
        text[start - 1] == "."
        and start >= 3
        and text[start - 3 : start - 1].isalpha()
        and text[start - 3 : start - 1].islower()
        and text[start : start + 2].istitle()
    )


def _digit_glue(doc: Document) -> list[Edit]:
    from .doubled import owned_cuts  # '2024the the': the doubled pass rewrites that cut

    owned = owned_cuts(doc)
    return [
        doc.edit(cut, cut, " ", "spacing.glued-number", reason)
        for _, cut, reason in number_glues(doc)
        if cut not in owned
    ]


#: an acronym run into a function word: 'VMand CH', 'NATOof'
_ACRONYM_GLUE = regex.compile(
    r"(?<![\p{L}\p{N}_@#/.-])(\p{Lu}{2,})(and|the|of|for|with|from|that|which|was|were|are|is|in|on|to|by|at|as)"
    r"(?![\p{L}\p{N}_@/-])"
)


def _acronym_glue(doc: Document) -> list[Edit]:
    out = []
    for m in () if doc.technical else _ACRONYM_GLUE.finditer(doc.text):
        if freq.is_word(m.group()) or m.group() in doc.protected_words:
            continue  # a listed word ('DNAse'), not a glue
        pos = m.start(2)
        out.append(
            doc.edit(
                pos,
                pos,
                " ",
                "spacing.glued-acronym",
                f"'{m.group()}' is the acronym '{m.group(1)}' run into '{m.group(2)}'",
            )
        )
    return out


def hyphen_breaks(doc: Document) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` for words split by a line-end hyphen ('organiza-tion',
    'tech-niques'): the join is a common word and a piece is none. Prefixes ('co-op',
    're-use') and two real words ('well-being') are how hyphens are meant."""
    if "hyphen-breaks" in doc.memo:
        return doc.memo["hyphen-breaks"]
    out = []
    for start, end, word in () if doc.technical else _hyphenated(doc):
        pieces = word.split("-")
        if len(pieces) != 2:
            continue
        head, tail = pieces
        if not (
            head.isalpha()
            and tail.isalpha()
            and len(head) >= 2
            and len(tail) >= 2
            and head[1:].islower()
            and tail.islower()
        ):
            continue
        if head.lower() in segment.PREFIXES or segment.word_alone(head) and segment.word_alone(tail):
            continue
        joined = head + tail
        if segment.known(joined.lower()) and freq.zipf(joined) >= 3 and not freq.is_word(word.lower()):
            out.append((start, end, joined))
    doc.memo["hyphen-breaks"] = out
    return out


def _hyphen_edits(doc: Document) -> list[Edit]:
    return [
        doc.edit(
            start, end, word, "spacing.hyphen-break", f"'{doc.text[start:end]}' is '{word}' hyphenated at a line end"
        )
        for start, end, word in hyphen_breaks(doc)
    ]


def _odd(doc: Document) -> set[int]:
    """Indexes of the alphabetic tokens that are no word on their own ('exper', 'einformation')."""
    if "odd" not in doc.memo:
        doc.memo["odd"] = {n for n, t in enumerate(doc.tokens) if t[2].isalpha() and not segment.word_alone(t[2])}
    return doc.memo["odd"]


def _broken(doc: Document) -> list[Edit]:
    return [
        doc.edit(start, end, joined, "spacing.broken-word", f"'{doc.text[start:end]}' is one word broken by spaces")
        for start, end, joined in broken_runs(doc)
    ]


def broken_runs(doc: Document) -> list[tuple[int, int, str]]:
    """``(start, end, joined)`` for 2-3 adjacent word pieces separated by single spaces where
    only the join is a word ('partial ly' -> 'partially')."""
    if doc.technical or doc.plain:
        return []
    if "broken" in doc.memo:
        return doc.memo["broken"]
    toks, text, out = doc.tokens, doc.text, []
    keep_apart = doc.rules.classes.get("keep-apart", frozenset())
    # only a window holding a piece that is no word by itself can be a broken word
    suspects = sorted(_odd(doc))
    done_until = -1
    for n in suspects:
        for i in range(max(n - 2, done_until + 1), n + 1):
            found = False
            for k in (3, 2):
                run = toks[i : i + k]
                if len(run) < k or i + k <= n or any(not t[2].isalpha() for t in run):
                    continue
                if any(text[a[1] : b[0]] != " " for a, b in zip(run, run[1:])):
                    continue
                pieces = tuple(t[2] for t in run)
                if k == 2 and len(pieces[0]) == 1 and len(pieces[1]) == 1:
                    continue  # two letters: leave to the letter-run rule
                if " ".join(pieces).lower() not in keep_apart and segment.join_broken(pieces):
                    out.append((run[0][0], run[-1][1], "".join(pieces)))
                    done_until = i + k - 1
                    found = True
                    break
            if found:
                break
    doc.memo["broken"] = out
    return out


def _unattested(toks, n: int) -> bool:
    """Whether no known word pair backs tokens n, n+1 as written, with each other or with their
    neighbours: 'restriction son imports' has none, 'the year sold well' has 'the year'."""
    a, b = toks[n][2], toks[n + 1][2]
    if freq.pair(a, b) or (n and freq.pair(toks[n - 1][2], a)):
        return False
    return not (n + 2 < len(toks) and freq.pair(b, toks[n + 2][2]))


def _shifted(doc: Document) -> list[Edit]:
    """'th einformation' -> 'the information': a space a letter or two from where it belongs.

    Safe when neither piece is a word by itself; when both are ('restriction son': a short
    word that is no function word) and only the word pairs tell them apart, a suggestion.
    """
    if doc.technical:
        return []
    toks, text, out = doc.tokens, doc.text, []
    glued = glued_splits(doc)
    odd = _odd(doc)
    short = [n for n, t in enumerate(toks) if len(t[2]) <= 3 and n not in odd and t[2].lower() not in segment.FUNCTION]
    pairs = sorted({n for n in odd if n + 1 in odd} | {m for n in short for m in (n - 1, n) if m >= 0})
    for n in pairs:
        if n + 1 >= len(toks):
            continue
        a, b = toks[n], toks[n + 1]
        if text[a[1] : b[0]] != " " or not (a[2].isalpha() and b[2].isalpha()):
            continue
        if (a[0] and text[a[0] - 1] in "-'’.") or text[b[1] : b[1] + 1] in ("-", "'", "’"):
            continue
        if a[0] in glued or b[0] in glued:
            continue  # 'anda vast' is 'and a vast', a glue
        words = n not in odd, n + 1 not in odd
        if any(words) and not all(words):
            continue  # 'use dconf': a word beside an unknown token is most likely just that
        if all(words) and (len(a[2]) < 4 and len(b[2]) < 4 or not _unattested(toks, n)):
            continue  # two words that go together, or too short to judge
        moved = segment.shift_space(a[2], b[2], donor_may_be_word=all(words))
        if not moved or (all(words) and freq.pair(*moved) < segment.PAIR_MIN):
            continue  # two words are only re-cut into a frequent pair ('restrictions on')
        rule = "spacing.misplaced-space-words" if all(words) else "spacing.misplaced-space"
        out.append(
            doc.edit(
                a[0], b[1], " ".join(moved), rule, f"'{a[2]} {b[2]}' has its space out of place: '{' '.join(moved)}'"
            )
        )
    return out


_LETTER_RUN = regex.compile(r"(?<![\p{L}\p{N}])\p{L}(?: \p{L}){4,}(?![\p{L}\p{N}])")


def _letter_runs(doc: Document) -> list[Edit]:
    out = []
    for m in _LETTER_RUN.finditer(doc.text):
        letters = m.group().replace(" ", "")
        words = segment.segment(letters)
        if (
            not words
            or sum(map(len, words)) / len(words) < 3.5
            or any(not segment.known(w.lower(), 1_000_000) for w in words)
        ):
            continue
        out.append(
            doc.edit(
                m.start(), m.end(), " ".join(words), "spacing.letter-spaced", f"letter-spaced text: '{' '.join(words)}'"
            )
        )
    return out


def edits(doc: Document) -> list[Edit]:
    return (
        _glued(doc)
        + _digit_glue(doc)
        + _acronym_glue(doc)
        + _broken(doc)
        + _shifted(doc)
        + _letter_runs(doc)
        + _hyphen_edits(doc)
    )
