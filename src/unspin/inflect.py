"""Parallel inflection of dictionary entries: one entry covers trembles/trembled/trembling hands."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_VOWELS = "aeiou"


@lru_cache(maxsize=1)
def _irregular(path: str) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) == 3:
            table[fields[0]] = (fields[1], fields[2])
    return table


def _double_final(word: str) -> bool:
    """stop -> stopping: one vowel group, ends consonant-vowel-consonant (not w, x, y)."""
    groups = sum(1 for i, c in enumerate(word) if c in _VOWELS and (i == 0 or word[i - 1] not in _VOWELS))
    return (
        groups == 1
        and len(word) >= 3
        and word[-1] not in _VOWELS + "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def third_person(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def gerund(word: str) -> str:
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
        return word[:-1] + "ing"
    if _double_final(word):
        return word + word[-1] + "ing"
    return word + "ing"


def past(word: str) -> str:
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ied"
    if _double_final(word):
        return word + word[-1] + "ed"
    return word + "ed"


def verb_forms(word: str, irregular_file: str) -> dict[str, tuple[str, ...]]:
    """Forms of a base verb by slot: base, s, ing, past, pp (past and pp may be equal)."""
    irr = _irregular(irregular_file)
    if word == "be":
        return {"base": ("be",), "s": ("is",), "ing": ("being",), "past": ("was", "were"), "pp": ("been",)}
    if word == "have":
        return {"base": ("have",), "s": ("has",), "ing": ("having",), "past": ("had",), "pp": ("had",)}
    p, pp = irr.get(word, (past(word), past(word)))
    return {"base": (word,), "s": (third_person(word),), "ing": (gerund(word),), "past": (p,), "pp": (pp,)}


def plural(word: str) -> str:
    irregular = {
        "man": "men",
        "woman": "women",
        "child": "children",
        "person": "people",
        "analysis": "analyses",
        "crisis": "crises",
        "criterion": "criteria",
        "phenomenon": "phenomena",
        "datum": "data",
        "life": "lives",
        "leaf": "leaves",
    }
    if word in irregular:
        return irregular[word]
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def expand(spun: str, standard: str, mode: str, irregular_file: str) -> list[tuple[str, str, str]]:
    """All ``(spun_form, standard_form, slot)`` pairs an entry stands for.

    ``mode`` is '' (as written), 'verb' (first word of each side is a base verb) or
    'noun' (last word of each side is a singular noun). The slot 'past' marks forms whose
    standard side differs between simple past and participle (the matcher picks one).
    """
    pairs = [(spun, standard, "base")]
    if mode == "verb":
        s_head, _, s_tail = spun.partition(" ")
        t_head, _, t_tail = standard.partition(" ")
        sf, tf = verb_forms(s_head, irregular_file), verb_forms(t_head, irregular_file)

        def join(head, tail):
            return f"{head} {tail}" if tail else head

        pairs = []
        for slot in ("base", "s", "ing"):
            pairs.append((join(sf[slot][0], s_tail), join(tf[slot][0], t_tail), slot))
        spun_past = set(sf["past"]) | set(sf["pp"])
        for form in sorted(spun_past):
            in_past, in_pp = form in sf["past"], form in sf["pp"]
            if in_past and in_pp and tf["past"][0] != tf["pp"][0]:
                pairs.append(
                    (join(form, s_tail), join(tf["past"][0], t_tail) + "\0" + join(tf["pp"][0], t_tail), "past")
                )
            else:
                target = tf["past"][0] if in_past else tf["pp"][0]
                pairs.append((join(form, s_tail), join(target, t_tail), "past" if in_past else "pp"))
    elif mode == "noun":
        s_init, _, s_last = spun.rpartition(" ")
        t_init, _, t_last = standard.rpartition(" ")
        pairs.append(
            (
                (s_init + " " if s_init else "") + plural(s_last),
                (t_init + " " if t_init else "") + plural(t_last),
                "plural",
            )
        )
    seen, out = set(), []
    for p in pairs:
        if p[0] not in seen:
            seen.add(p[0])
            out.append(p)
    return out
