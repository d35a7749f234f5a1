#!/usr/bin/env python3
"""Build the thesaurus tables unspin ships in rules/thesaurus/ from WordNet 3.0.

A spinner swaps words for thesaurus synonyms, so the thesaurus tells what a spun word could
have been. From WordNet 3.0 (Debian package ``wordnet-base``: ``apt-get install wordnet-base``,
files in /usr/share/wordnet) this writes two compact tables:

``neighbours.tsv.gz``
    ``word<TAB>synonym-of ...<TAB>generic-of ...``: the reverse thesaurus. For each single word
    that may stand in spun text, the common words a spinner could have started from: words of
    which it is a WordNet synonym or 'similar' adjective (second column), and words of which it
    is the generic term, a hypernym (third column). Kept only when
    common enough to be a news writer's word (wordfreq Zipf >= 3.3), spun words when they are
    words at all (Zipf >= 2.0); at most 40 neighbours a word, most frequent first.
``expressions.tsv.gz``
    ``word word[ word]<TAB>zipf``: WordNet's multiword lemmas of two or three words (fixed
    expressions such as 'stock market', 'global warming', 'real estate', 'labor union'),
    with the lowest Zipf frequency of their words, kept when every word is common.

The runtime (``src/unspin/thesaurus.py``) needs neither apt nor WordNet: only these files.
WordNet 3.0 is (c) 2006 Princeton University, under the WordNet 3.0 licence (a permissive,
BSD-like licence that allows redistribution with its notice); see rules/thesaurus/LICENSE.

usage: python scripts/build_thesaurus.py [--wordnet DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POS_FILES = {"n": "data.noun", "v": "data.verb", "a": "data.adj", "s": "data.adj", "r": "data.adv"}
NEIGHBOUR_ZIPF = 3.3
SPUN_ZIPF = 2.0
EXPRESSION_ZIPF = 2.5
MAX_NEIGHBOURS = 40


def read_synsets(wordnet: Path):
    """Yield ``(offset, pos, lemmas, similar_offsets)`` for every synset in the data files."""
    for name in sorted(set(POS_FILES.values())):
        with (wordnet / name).open(encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):  # the licence header
                    continue
                fields = line.split(" | ", 1)[0].split()
                offset, pos, count = fields[0], fields[2], int(fields[3], 16)
                lemmas = [fields[4 + 2 * i] for i in range(count)]
                rest = fields[4 + 2 * count :]
                pointers = int(rest[0])
                linked = [
                    f"{rest[2 + 4 * i]}{_pos_key(rest[3 + 4 * i])}"
                    for i in range(pointers)
                    if rest[1 + 4 * i] in ("&", "@", "@i")
                ]  # similar to, hypernym
                yield f"{offset}{_pos_key(pos)}", pos, lemmas, linked


def _pos_key(pos: str) -> str:
    return "a" if pos == "s" else pos


def clean_lemma(lemma: str) -> str:
    lemma = lemma.split("(", 1)[0]  # adjective markers: 'elect(ip)'
    return lemma.replace("_", " ").lower()


def build(wordnet: Path):
    import wordfreq

    def zipf(w: str) -> float:
        return wordfreq.zipf_frequency(w, "en", wordlist="large")

    members: dict[str, list[str]] = {}
    links: dict[str, list[str]] = {}
    for key, _pos, lemmas, linked in read_synsets(wordnet):
        members[key] = [clean_lemma(lemma) for lemma in lemmas]
        links[key] = linked

    # reverse index: a spinner starting from word c writes a synonym, a 'similar' adjective or
    # the generic term (hypernym) of one of c's senses; so each of those words w may stand for c
    synonyms: dict[str, set[str]] = defaultdict(set)  # w -> c: w is c's synonym or 'similar' adjective
    generics: dict[str, set[str]] = defaultdict(set)  # w -> c: w is the generic term of a sense of c
    expressions: dict[str, float] = {}
    for key, words in members.items():
        for other, table in [(key, synonyms)] + [(o, synonyms if o[-1] == "a" else generics) for o in links[key]]:
            for w in members.get(other, ()):
                if not w.isalpha():
                    continue
                for c in words:
                    if c.isalpha() and c != w:
                        table[w].add(c)
        for w in words:
            parts = w.split()
            if 2 <= len(parts) <= 3 and all(p.isalpha() for p in parts):
                expressions.setdefault(w, 0.0)

    table: dict[str, tuple[list[str], list[str]]] = {}
    freq_cache: dict[str, float] = {}

    def f(w: str) -> float:
        if w not in freq_cache:
            freq_cache[w] = zipf(w)
        return freq_cache[w]

    def common(ns):
        return sorted((n for n in ns if f(n) >= NEIGHBOUR_ZIPF), key=lambda n: (-f(n), n))[:MAX_NEIGHBOURS]

    for w in set(synonyms) | set(generics):
        if f(w) < SPUN_ZIPF:
            continue
        syn = common(synonyms.get(w, ()))
        gen = common(generics.get(w, set()) - set(syn))
        if syn or gen:
            table[w] = (syn, gen)
    kept_expressions = {}
    for phrase in expressions:
        low = min(f(p) for p in phrase.split())
        if low >= EXPRESSION_ZIPF:
            kept_expressions[phrase] = low
    return table, kept_expressions


def write(out: Path, table: dict[str, tuple[list[str], list[str]]], expressions: dict[str, float]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    header = "# derived from WordNet 3.0 by scripts/build_thesaurus.py; see LICENSE in this folder\n"
    # mtime=0: the same input gives byte-identical files
    with gzip.GzipFile(out / "neighbours.tsv.gz", "wb", mtime=0) as fh:
        fh.write(
            (
                header + "".join(f"{w}\t{' '.join(syn)}\t{' '.join(gen)}\n" for w, (syn, gen) in sorted(table.items()))
            ).encode()
        )
    with gzip.GzipFile(out / "expressions.tsv.gz", "wb", mtime=0) as fh:
        fh.write((header + "".join(f"{p}\t{z:.2f}\n" for p, z in sorted(expressions.items()))).encode())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wordnet", default="/usr/share/wordnet", help="WordNet 3.0 dict folder (wordnet-base)")
    ap.add_argument("--out", default=str(ROOT / "rules" / "thesaurus"))
    args = ap.parse_args()
    wordnet = Path(args.wordnet)
    if not (wordnet / "data.noun").is_file():
        print(f"build_thesaurus: no WordNet at {wordnet} (apt-get install wordnet-base)", file=sys.stderr)
        return 2
    table, expressions = build(wordnet)
    write(Path(args.out), table, expressions)
    print(
        f"{len(table)} words with neighbours, {sum(len(a) + len(b) for a, b in table.values())} links, "
        f"{len(expressions)} fixed expressions -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
