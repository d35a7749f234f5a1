"""Word breaks: lower-case words run together ('thealgorithm'), words broken by stray spaces
('Exper iments', 'fur ther') and letter-spaced words ('p r e d i c t i o n')."""
from __future__ import annotations

from collections import Counter

import regex

from .. import segment
from ..document import Document
from ..model import Edit

# a token starts after space or an opener, or after punctuation the spacing pass will space out
_LOWER_TOKEN = regex.compile(r"(?:(?<=^|[\s(\[“‘\"])|(?<=\s')|(?<=^')|(?<=\p{Ll}{2}[\"”’)]?[,;])|(?<=\p{Ll}{2}[\"”’)]?[:?!.])(?=\p{Lu}))(\p{Lu}?\p{Ll}+)(?![\p{L}\p{N}_@/\\'’(-]|\.\p{L})", regex.M)


def glued_splits(doc: Document) -> dict[int, int]:
    """Start of each lower-case glued token -> where it splits (shared with the doubled pass)."""
    if "glued" in doc.memo:
        return doc.memo["glued"]
    if doc.technical:  # 'lockfile', 'todo', 'superproject': software writes them solid
        doc.memo["glued"] = {}
        return doc.memo["glued"]
    # how often each token recurs, not counting a direct repeat ('thethe thethe' is one accident)
    words = [t[2].lower() for t in doc.tokens]
    counts = Counter(w for n, w in enumerate(words) if n == 0 or words[n - 1] != w)
    splits = {}
    for m in _LOWER_TOKEN.finditer(doc.text):
        token = m.group(1)
        if token in doc.protected_words:
            continue
        if token[0].isupper() and not doc.sentence_start(m.start()):
            continue  # a capitalised word mid-sentence is a name
        cut = segment.split_glued(token)
        low = token.lower()
        if cut and counts[low] > 1 and low[:cut] not in segment.GLUE_WORDS:
            continue  # written the same way more than once ('polkit'): a term, unless it starts 'the...' 
        if cut:
            splits[m.start()] = cut
    doc.memo["glued"] = splits
    return splits


def _glued(doc: Document) -> list[Edit]:
    from .doubled import owned_cuts  # the doubled pass owns cuts inside a repeated word
    owned = owned_cuts(doc)
    out = []
    for start, cut in glued_splits(doc).items():
        if start + cut in owned:
            continue
        token = _LOWER_TOKEN.match(doc.text, start).group(1)
        out.append(doc.edit(start + cut, start + cut, " ", "spacing.glued-words",
                            f"'{token}' is two words run together: '{token[:cut]} {token[cut:]}'"))
    return out


_DIGIT_GLUE = regex.compile(r"(?<![\p{L}\p{N}.,:/#@_-])(\d+)(\p{Lu}\p{Ll}+|\p{Ll}{2,})(?![\p{L}\p{N}_@/-])")
#: what may follow a number directly: ordinals, units, decades, multipliers
_UNITS = frozenset("""st nd rd th s am pm km kg mg mm cm ml mb gb tb kb ms ns hz khz mhz ghz kw kwh mw mwh gw mph
kph bn mn m k b px pt em ft yd mi lb lbs oz yo ish fold x""".split())


def _digit_glue(doc: Document) -> list[Edit]:
    """'2004in', '15That': a number run into the next word (never a unit, ordinal or decade)."""
    out = []
    for m in _DIGIT_GLUE.finditer(doc.text):
        word = m.group(2)
        low = word.lower()
        if low in _UNITS or word in doc.protected_words:
            continue
        if low in segment.GLUE_WORDS or (word[0].isupper() and low in doc.rules.classes["starter"]):
            pos = m.start(2)
            out.append(doc.edit(pos, pos, " ", "spacing.glued-number", f"'{m.group()}' is a number run into '{word}'"))
    return out


def _broken(doc: Document) -> list[Edit]:
    """Join 2-3 adjacent word pieces separated by single spaces when only the join is a word."""
    if doc.technical:
        return []
    toks, text, out = doc.tokens, doc.text, []
    keep_apart = doc.rules.classes.get("keep-apart", frozenset())
    # only a window holding a piece that is no word by itself can be a broken word
    suspects = [n for n, t in enumerate(toks) if t[2].isalpha() and not segment.word_alone(t[2])]
    done_until = -1
    for n in suspects:
        for i in range(max(n - 2, done_until + 1), n + 1):
            found = False
            for k in (3, 2):
                run = toks[i:i + k]
                if len(run) < k or i + k <= n or any(not t[2].isalpha() for t in run):
                    continue
                if any(text[a[1]:b[0]] != " " for a, b in zip(run, run[1:])):
                    continue
                pieces = tuple(t[2] for t in run)
                if k == 2 and len(pieces[0]) == 1 and len(pieces[1]) == 1:
                    continue  # two letters: leave to the letter-run rule
                if " ".join(pieces).lower() not in keep_apart and segment.join_broken(pieces):
                    out.append(doc.edit(run[0][0], run[-1][1], "".join(pieces), "spacing.broken-word",
                                        f"'{' '.join(pieces)}' is one word broken by spaces"))
                    done_until = i + k - 1
                    found = True
                    break
            if found:
                break
    return out


_LETTER_RUN = regex.compile(r"(?<![\p{L}\p{N}])\p{L}(?: \p{L}){4,}(?![\p{L}\p{N}])")


def _letter_runs(doc: Document) -> list[Edit]:
    out = []
    for m in _LETTER_RUN.finditer(doc.text):
        letters = m.group().replace(" ", "")
        words = segment.segment(letters)
        if not words or sum(map(len, words)) / len(words) < 3.5 or any(not segment.known(w.lower(), 1_000_000) for w in words):
            continue
        out.append(doc.edit(m.start(), m.end(), " ".join(words), "spacing.letter-spaced",
                            f"letter-spaced text: '{' '.join(words)}'"))
    return out


def edits(doc: Document) -> list[Edit]:
    return _glued(doc) + _digit_glue(doc) + _broken(doc) + _letter_runs(doc)
