"""Deciding, from word frequencies, whether a token is two words glued together or a word
broken by a stray space. Pure functions over strings; the frequency lists load on first use.

Precision first: a split needs a function word on one side or a known word pair, and a join
needs one piece that is not a word on its own, so rare but real words stay whole.
"""

from __future__ import annotations

import math
from functools import lru_cache

import regex

from . import freq
from .wordlists import word_class

#: closed-class words that glue onto their neighbour in extraction and spinner output
GLUE_WORDS = word_class("glue-word")
SHORT_GLUE = GLUE_WORDS | word_class("short-glue-word")
#: two-letter words seldom found at the end of a longer real word
RARE_ENDINGS = word_class("rare-ending")
SUFFIXES = (
    "s",
    "es",
    "ed",
    "d",
    "ing",
    "er",
    "ers",
    "ly",
    "ness",
    "ment",
    "ments",
    "ation",
    "ations",
    "ization",
    "izations",
    "ity",
    "ities",
    "able",
    "al",
    "ally",
    "ise",
    "ize",
    "ised",
    "ized",
    "ist",
    "ists",
    "ism",
    "hood",
    "ship",
    "wise",
    "like",
    "less",
    "ful",
    "fully",
    "lessly",
    "dom",
    "ware",
    "ward",
    "wards",
)
PREFIXES = (
    "un",
    "re",
    "pre",
    "non",
    "multi",
    "sub",
    "inter",
    "over",
    "under",
    "co",
    "de",
    "dis",
    "mis",
    "hyper",
    "super",
    "ultra",
    "mega",
    "proto",
    "pseudo",
    "quasi",
    "neo",
    "supra",
    "semi",
    "micro",
    "meta",
    "bi",
    "tri",
    "cross",
    "self",
    "anti",
    "auto",
    "post",
    "uni",
    "mono",
    "poly",
)
#: prepositions glued to a following 'a' ('ina', 'ofa'); not 'is' ('isa' is a term) or 'at' ('ata')
_BEFORE_A = frozenset("in as of for to on by with from has was".split())
_INFLECTIONS = ("s", "es", "ed", "d", "ing")  # on a rare stem wordfreq knows: 'treebanks'
COMMON = 100_000  # a "known word" for these decisions: seen at least this often
PAIR_MIN = 5_000_000  # a content-word pair must be at least this frequent to justify a split
CONTENT_MIN = 3_000_000  # ... or both words this common and five letters or more


def known(word: str, floor: int = COMMON) -> bool:
    if floor <= freq.COMMON_COUNT and word in freq.common():
        return True  # the frequent case, without loading the full table
    return freq.word(word) >= floor


#: British spellings and their American forms, which the frequency lists know better
_BRITISH = [
    (regex.compile(r"(?<=\p{L}{3})" + p), r)
    for p, r in (
        (r"is(e|ed|es|ing|ation|ations|er|ers)$", r"iz\1"),
        (r"ys(e|ed|es|ing)$", r"yz\1"),
        (r"our(s|ed|ing|ful|less|ite|ites)?$", r"or\1"),
        (r"([^aeiou])re(s|d)?$", r"\1er\2"),
        (r"ll(ed|ing|er|ers)$", r"l\1"),
        (r"ogue(s)?$", r"og\1"),
    )
]


@lru_cache(maxsize=65536)
def explained(word: str) -> bool:
    """The token looks like a real (if rare) word: a known stem with a suffix or prefix, or a
    British spelling of one ('individualising', 'colourful')."""
    for pattern, american in _BRITISH:
        us = pattern.sub(american, word)
        if us != word and (known(us, 1) or freq.is_word(us) or _explained(us)):
            return True
    return _explained(word)


def _explained(word: str) -> bool:
    for suf in SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            stem = word[: -len(suf)]
            if (
                known(stem, 1)
                or (suf in _INFLECTIONS and len(stem) >= 4 and freq.is_word(stem))
                or known(stem + "e", 1)
                or (len(stem) > 3 and stem[-1] == stem[-2] and known(stem[:-1], 1))
            ):
                return True
    for pre in PREFIXES:
        if word.startswith(pre) and len(word) - len(pre) >= 3 and known(word[len(pre) :], 1):
            return True
    return False


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def near_word(word: str, floor: int = 1_000_000) -> bool:
    """Whether one typing slip (a letter missing, extra, swapped or wrong) turns this into a
    common word: 'toether' is a typo of 'together', not 'to ether'."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    candidates = {a + b[1:] for a, b in splits if b}
    candidates |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    candidates |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    candidates |= {a + c + b for a, b in splits for c in _LETTERS}
    candidates.discard(word)
    return any(known(c, floor) for c in candidates)


def _stems(word: str):
    yield word
    if word.endswith("ies"):
        yield word[:-3] + "y"
    if word.endswith("es"):
        yield word[:-2]
    if word.endswith("s"):
        yield word[:-1]


#: words that glue onto a neighbour beyond the closed classes: 'anyreliable', 'ifnecessary'
FUNCTION = GLUE_WORDS | SHORT_GLUE | word_class("glue-preposition")
# In damaged text (see split_glued) two content words run together are split when one is this
# common (wordfreq Zipf) and the other at least DAMAGED_MIN ('newalgorithms', 'discriminantanalysis'),
# and a function word is split off a word down to DAMAGED_RARE ('theintonational').
DAMAGED_ZIPF = 3.2
DAMAGED_MIN = 2.0
DAMAGED_RARE = 1.0


def _damaged_content(left: str, right: str) -> bool:
    """Two content words common enough to be read as a glue in damaged text; a rarer one
    ('discriminant') only in a pair of long words."""
    low, high = sorted((freq.zipf(left), freq.zipf(right)))
    return high >= DAMAGED_ZIPF and (low >= DAMAGED_ZIPF or (low >= DAMAGED_MIN and len(left) >= 5 and len(right) >= 5))


def _pair_zipf(left: str, right: str) -> float:
    """A word pair's frequency on wordfreq's Zipf scale (``freq.zipf``) (the symspellpy counts come from
    a corpus of about 4.3e11 words)."""
    return math.log10(freq.pair(left, right) + 1) - 2.63


#: the longest token tried as two glued words ('internationalisationcommittee' is 30)
MAX_GLUED = 48
#: 'ina' is read 'in a' when the pair is this much commoner (Zipf: 3.5 is about 3,000x) than
#: the listed word (a name or an acronym in lower case)
ARTICLE_GLUE_MARGIN = 3.5
#: a spelling the web lists ('asecond', 'itis') is two words when the pair is this much commoner
#: (3 is 1,000x); in damaged text, where glues are expected, 2.5 (about 300x)
LISTED_GLUE_MARGIN, LISTED_GLUE_MARGIN_DAMAGED = 3.0, 2.5
#: a word before a glued function word ('Proceedings|of', 'monoid|with') must be at least this
#: common (Zipf 3: once per million words; 2.5 for a long word with a frequent pair)
LEFT_ZIPF, LONG_LEFT_ZIPF = 3.0, 2.5
#: a word after a glued function word ('the|intonational') in clean text: this common after a
#: long function word, and commoner still after a one- or two-letter one ('a|ward' is 'award')
RIGHT_ZIPF, RIGHT_ZIPF_AFTER_SHORT = 3.0, 3.5


@lru_cache(maxsize=65536)
def split_glued(token: str, damaged: bool = False, midsentence: bool = False) -> int:
    """Where to split a lower-case (or Title-case) token glued from two words; 0 = leave it.

    ``damaged``: the paragraph shows PDF-style damage (see ``reading.damage``), so two common
    content words run together ('newalgorithms') are read as a glue too. In clean text they
    are left alone: that is how compounds and jargon ('docstring', 'tokenizer') look.
    """
    if len(token) > MAX_GLUED:
        return 0  # no two words are this long together; and each cut costs lookups
    low = token.lower()
    if token.islower() and low[:-1] in _BEFORE_A and low[-1] == "a":
        # 'ina', 'asa', 'fora': listed words (a name, an acronym) but, in lower case, a thousand
        # times likelier 'in a', 'as a', 'for a'
        return len(low) - 1 if _pair_zipf(low[:-1], "a") - freq.zipf(low) >= ARTICLE_GLUE_MARGIN else 0
    if len(low) < 4 or not low.isalpha() or known(low, 1) or explained(low):
        return 0
    if token.islower() and freq.is_word(low):
        # a spelling the web knows ('asecond', 'thankyou', 'itis') but whose two words are
        # together a thousand times more often (three hundred times, in damaged text)
        for cut in range(1, len(low)):
            left, right = low[:cut], low[cut:]
            if (
                (left in FUNCTION or right in FUNCTION or (known(left, 1_000_000) and known(right, 1_000_000)))
                and (word_alone(left) and word_alone(right))
                and (
                    _pair_zipf(left, right) - freq.zipf(low)
                    >= (LISTED_GLUE_MARGIN_DAMAGED if damaged else LISTED_GLUE_MARGIN)
                )
            ):
                return cut
        return 0
    title = token[0].isupper()  # sentence-initial, or a likely name if ``midsentence``: be stricter
    best, best_score = 0, 0.0
    lexical = any(freq.is_word(form) for form in _stems(low))
    for cut in range(1, len(low)):
        left, right = low[:cut], low[cut:]
        if len(left) == 1 and left not in ("a",):
            continue
        if len(right) == 1 and not (right == "a" and left in GLUE_WORDS and freq.pair(left, right)):
            continue
        pair = freq.pair(left, right)
        if midsentence:
            ok = (
                not lexical
                and len(left) >= 4
                and (
                    (right in FUNCTION and pair >= PAIR_MIN and freq.zipf(left) >= LEFT_ZIPF)
                    or (damaged and len(right) >= 7 and _damaged_content(left, right))
                )
            )
        elif right == "a":
            ok = True
        elif left in SHORT_GLUE and right in SHORT_GLUE:
            ok = pair >= PAIR_MIN  # 'ifit', 'bothof', 'inthe'
        elif title and right in FUNCTION and len(left) >= 4 and pair >= PAIR_MIN and freq.zipf(left) >= LEFT_ZIPF:
            ok = not lexical  # 'Proceedingsof', 'Eitherby': a frequent pair, not a name ending in 'on'
        elif lexical or (
            title
            and left not in GLUE_WORDS
            and not (right in GLUE_WORDS and len(right) >= 4)
            and not (damaged and len(right) >= 7)
        ):
            # a real (if rare) word that contains words ('treebank'), or a capitalised one that
            # is likelier a name ('Kingsmere', 'Eastmouth') unless it starts with 'The', 'In' ...
            ok = False
        elif left in FUNCTION:
            ok = len(right) >= 3 and (
                (
                    left in GLUE_WORDS
                    and known(right)
                    and (pair > 0 or (len(left) > 1 and (len(left) > 2 or known(right, 1_000_000))))
                )
                or (
                    not title
                    and (pair > 0 or freq.zipf(right) >= (RIGHT_ZIPF if len(left) > 2 else RIGHT_ZIPF_AFTER_SHORT))
                )
                or (damaged and len(right) >= 6 and freq.zipf(right) >= DAMAGED_RARE)
            )  # 'theintonational'
        elif right in FUNCTION:
            # endings like '-on', '-or', '-as' are common in real words: ask for the pair itself
            ok = (
                len(left) >= 3
                and not (title and len(right) < 3)
                and (
                    (
                        known(left, 1_000_000 if len(right) < 4 else COMMON)
                        and (len(right) > 2 or pair > 0 or (right in RARE_ENDINGS and len(left) >= 4))
                    )
                    or (
                        len(left) >= 4
                        and freq.zipf(left) >= LONG_LEFT_ZIPF
                        and (len(right) > 2 or pair >= PAIR_MIN or right in RARE_ENDINGS)
                    )
                    or (damaged and len(left) >= 6 and len(right) >= 3 and freq.zipf(left) >= DAMAGED_RARE)
                )
            )  # 'monoidwith'
        else:
            # two content words: a frequent known pair ('speech recognition'), or two long common
            # words ('businessappointments'); short ones ('conf' + 'file', 'tree' + 'bank') are
            # how real compounds look, so they stay whole, unless the text is visibly damaged
            ok = (
                len(left) >= 3
                and len(right) >= 3
                and (
                    pair >= PAIR_MIN
                    or (len(left) >= 5 and len(right) >= 5 and known(left, CONTENT_MIN) and known(right, CONTENT_MIN))
                    or (damaged and _damaged_content(left, right) and (not title or len(right) >= 7))
                )
            )
        if ok and not pair and near_word(low):
            ok = False  # an unknown pair, and a typo of a common word is the likelier story
        if ok and any(len(part) >= 4 and not known(part, 1) and split_glued(part) for part in (left, right)):
            ok = False  # a part that is itself glued ('the' + 'thethe'): not a word to cut off
        if not ok:
            continue
        score = (
            math.log(freq.word(left) + 1)
            + math.log(freq.word(right) + 1)
            + math.log(pair + 1)
            + freq.zipf(left)
            + freq.zipf(right)
        )
        if score > best_score:
            best, best_score = cut, score
    return best


@lru_cache(maxsize=65536)
def word_alone(piece: str) -> bool:
    """Whether a piece is a word by itself ('a' and 'I' are; other single letters are not)."""
    if len(piece) == 1:
        return piece in ("a", "A", "I")
    return known(piece.lower(), 1)


def join_broken(pieces: tuple[str, ...]) -> bool:
    """Whether ``pieces`` (separated by single spaces) are one word broken apart."""
    joined = "".join(pieces)
    low = joined.lower()
    if not low.isalpha() or not known(low):
        return False
    if any(p[:1].isupper() for p in pieces[1:]) or any(not p[1:].islower() for p in pieces if len(p) > 1):
        return False  # 'to AD', 'IR is': a capital inside the join is a name or an acronym
    words = [word_alone(p) for p in pieces]
    if not any(words):
        return True
    # one real word may take a broken-off tail or head ('fur ther'), but not a lone letter ('of t'),
    # and a function word next to a rare word is just that ('a tty', 'in struct', 'or en')
    if any(w and p.lower() in GLUE_WORDS for p, w in zip(pieces, words)):
        return False
    return words.count(True) == 1 and all(len(p) >= 2 for p, w in zip(pieces, words) if not w)


def _solid(word: str) -> bool:
    """A word that can stand on its own after a move of the space: common, and short ones only
    if they are function words ('of', 'we', 'in'), not fragments ('th', 'ed')."""
    low = word.lower()
    if not word_alone(word) or (word[1:] and not word[1:].islower()):
        return False
    if len(low) <= 3:
        return low in FUNCTION or known(low, 1_000_000)
    return known(low) or freq.zipf(low) >= 3


@lru_cache(maxsize=65536)
def shift_space(left: str, right: str, donor_may_be_word: bool = False) -> tuple[str, str] | None:
    """A space one or two letters out of place ('th einformation', 'identificatio nof',
    'restriction son'): the better pair of words, or None.

    Only pairs of solid words come back, joined by a frequent word pair or both long. The piece
    that gives up letters must not be a word itself unless ``donor_may_be_word``: in
    'applications uch' and 'meant o' a letter was lost, not misplaced.
    """
    if not (left.isalpha() and right.isalpha()) or len(left) + len(right) < 4:
        return None
    best, best_score = None, 0.0
    for k in (1, 2, -1, -2):
        # k > 0: letters move from the right piece to the left one; k < 0: the other way
        a, b = (left + right[:k], right[k:]) if k > 0 else (left[:k], left[k:] + right)
        donor = right if k > 0 else left
        if not donor_may_be_word and (word_alone(donor) or explained(donor.lower())):
            continue
        if donor[0].isupper():
            continue  # 'Forme et': a capitalised piece is a name or a foreign word
        if not a or not b or not _solid(a) or not _solid(b):
            continue
        pair = freq.pair(a, b)
        if not pair and not ((len(a) >= 4 or a.lower() in FUNCTION) and len(b) >= 4):
            continue
        score = math.log(pair + 1) + freq.zipf(a) + freq.zipf(b)
        if score > best_score:
            best, best_score = (a, b), score
    return best


def segment(letters: str) -> list[str] | None:
    """Best split of a run of letters into known words (Viterbi on unigram counts), or None."""
    low = letters.lower()
    n = len(low)
    total = 1e12
    best: list[tuple[float, int]] = [(0.0, 0)] + [(-math.inf, 0)] * n
    for i in range(1, n + 1):
        for j in range(max(0, i - 20), i):
            w = low[j:i]
            f = freq.word(w)
            if not f or (len(w) == 1 and w not in ("a", "i")):
                continue
            score = best[j][0] + math.log(f / total)
            if score > best[i][0]:
                best[i] = (score, j)
    if best[n][0] == -math.inf:
        return None
    out, i = [], n
    while i > 0:
        j = best[i][1]
        out.append(letters[j:i])
        i = j
    return out[::-1]
