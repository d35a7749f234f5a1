"""Words broken apart: by a line-end hyphen ('organiza-tion') or by stray spaces ('partial ly')."""

from __future__ import annotations

from itertools import compress
from operator import attrgetter
from typing import TYPE_CHECKING

from .. import freq, segment
from .records import Word

if TYPE_CHECKING:
    from . import Reading

#: a hyphen-broken word's join must be at least this common (wordfreq Zipf) to be read as one word
JOINED_ZIPF = 3


def hyphenated(r: Reading) -> list[Word]:
    """The hyphenated words ('finite-state', 'organiza-tion'), not parts of paths or handles."""
    text = r.text
    return [
        w
        for w in r.words
        if "-" in w.text
        and text[w.end : w.end + 1] not in ("/", "@", "_")
        and (w.start == 0 or text[w.start - 1] not in "/@_-.")
    ]


def hyphen_breaks(r: Reading) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` for words split by a line-end hyphen ('organiza-tion',
    'tech-niques'): the join is a common word and a piece is none. Prefixes ('co-op',
    're-use') and two real words ('well-being') are how hyphens are meant."""
    out = []
    for start, end, word, _, _ in () if r.technical else r.hyphenated:
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
        if segment.known(joined.lower()) and freq.zipf(joined) >= JOINED_ZIPF and not freq.is_word(word.lower()):
            out.append((start, end, joined))
    return out


def odd(r: Reading) -> frozenset[int]:
    """Indexes of the alphabetic words that are no word on their own ('exper', 'einformation')."""
    texts = list(map(attrgetter("text"), r.words))
    odd_texts = {t for t in set(texts) if t.isalpha() and not segment.word_alone(t)}
    return frozenset(compress(range(len(texts)), map(odd_texts.__contains__, texts)))


def broken_runs(r: Reading) -> list[tuple[int, int, str]]:
    """``(start, end, joined)`` for 2-3 adjacent word pieces separated by single spaces where
    only the join is a word ('partial ly' -> 'partially')."""
    if r.technical or r.plain:
        return []
    toks, text, out = r.words, r.text, []
    keep_apart = r.classes.get("keep-apart", frozenset())
    # only a window holding a piece that is no word by itself can be a broken word
    done_until = -1
    for n in sorted(r.odd):
        for i in range(max(n - 2, done_until + 1), n + 1):
            found = False
            for k in (3, 2):
                run = toks[i : i + k]
                if len(run) < k or i + k <= n or any(not w.text.isalpha() for w in run):
                    continue
                if any(text[a.end : b.start] != " " for a, b in zip(run, run[1:])):
                    continue
                pieces = tuple(w.text for w in run)
                if k == 2 and len(pieces[0]) == 1 and len(pieces[1]) == 1:
                    continue  # two letters: leave to the letter-run rule
                if " ".join(pieces).lower() not in keep_apart and segment.join_broken(pieces):
                    out.append((run[0].start, run[-1].end, "".join(pieces)))
                    done_until = i + k - 1
                    found = True
                    break
            if found:
                break
    return out
