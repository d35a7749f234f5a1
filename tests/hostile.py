"""Hostile inputs: texts built to make a pattern or a scan take far longer than prose does.

Each maker takes a size in characters and returns ``(markup, text)``. Shared by
tests/test_hostile.py (small sizes, every commit) and scripts/fuzz_hostile.py (long runs).
"""

from __future__ import annotations

import random
import string
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def prose(size: int) -> str:
    files = sorted((ROOT / "corpora").glob("*/*.txt"))
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in files)
    return _repeat(text + "\n\n", size)


def _long_word(size: int) -> str:
    rng = random.Random(size)
    return "".join(rng.choice("etaoinshrdlu") for _ in range(size))


INPUTS = {
    "a-dot": lambda n: ("text", _repeat("a.", n)),
    "digits-dots": lambda n: ("text", ".".join(str(i % 10) for i in range(n // 2))),
    "A-dot": lambda n: ("text", _repeat("A.", n)),
    "www-dot": lambda n: ("text", _repeat("www.", n)),
    "dash-words": lambda n: ("text", _repeat("a-", n)),
    "at-dots": lambda n: ("text", _repeat("a@b.", n)),
    "slashes": lambda n: ("text", _repeat("/a", n)),
    "long-word": lambda n: ("text", _long_word(n)),
    "long-Word": lambda n: ("text", "The " + _long_word(n).capitalize() + " went."),
    "long-letter": lambda n: ("text", "x" * n),
    "glued-punct": lambda n: ("text", _repeat("the.The,", n)),
    "punct-run": lambda n: ("text", _repeat(".,;:!?", n)),
    "parens": lambda n: ("text", _repeat("(a", n) + _repeat(")", n // 4)),
    "quotes": lambda n: ("text", _repeat('"a ', n)),
    "curly-quotes": lambda n: ("text", _repeat("“a ", n)),
    "pipes": lambda n: ("text", _repeat("a|", n)),
    "digits-commas": lambda n: ("text", _repeat("1,", n)),
    "unspin-off": lambda n: ("text", _repeat("unspin: off\n", n)),
    "sic": lambda n: ("text", _repeat("a [sic] ", n)),
    "html-a": lambda n: ("html", _repeat("<a ", n)),
    "html-comment": lambda n: ("html", _repeat("<!--", n)),
    "html-attr": lambda n: ("html", _repeat('<a b="', n)),
    "html-cdata": lambda n: ("html", _repeat("<![", n)),
    "html-lt": lambda n: ("html", _repeat("<", n)),
    "html-pre": lambda n: ("html", _repeat("<pre>a ", n)),
    "md-backticks": lambda n: ("markdown", _repeat("`a ", n)),
    "md-brackets": lambda n: ("markdown", _repeat("[a](", n)),
    "md-stars": lambda n: ("markdown", _repeat("*a ", n)),
    "md-fences": lambda n: ("markdown", _repeat("```\n", n)),
    "md-cr": lambda n: ("markdown", _repeat("# Title\rSome text.\r\r- item\r", n)),
    "random-ascii": lambda n: ("text", "".join(random.Random(n).choice(string.printable) for _ in range(n))),
}


def seconds(text: str, markup: str) -> float:
    from unspin import Options, repair

    start = time.perf_counter()
    repair(text, Options(markup=markup))
    return time.perf_counter() - start


def per_char(text: str, markup: str, rounds: int = 1) -> float:
    return min(seconds(text, markup) for _ in range(rounds)) / max(1, len(text))
