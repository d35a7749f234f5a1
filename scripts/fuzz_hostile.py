#!/usr/bin/env python3
"""Time unspin on hostile inputs, much longer than the test suite does: every input in
tests/hostile.py at growing sizes, then random texts drawn from the characters that patterns
and parsers treat specially. Prints each input's time per character relative to prose.

usage: python scripts/fuzz_hostile.py [MAX_CHARS] [RANDOM_TEXTS]   (defaults 256000, 200)
exit 1 when some input runs more than 20x slower per character than prose.
"""

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import hostile  # noqa: E402

SPECIAL = list(".,;:!?()[]{}<>\"'`“”‘’-–—/\\|@#$%&*_=+~^") + [
    "<a ",
    "<!--",
    "-->",
    "```",
    "\n",
    "\r",
    " ",
    "www.",
    "http://",
    "a",
    "The",
    "1",
    "unspin: off",
    "[sic]",
]


def main() -> int:
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 256_000
    randoms = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    from unspin import Options, repair

    for markup in ("text", "markdown", "html"):
        repair(hostile.prose(2000), Options(markup=markup))
    worst = (0.0, "")
    size = 16_000
    while size <= top:
        base = hostile.per_char(hostile.prose(size), "text", rounds=2)
        for name, make in sorted(hostile.INPUTS.items()):
            markup, text = make(size)
            ratio = hostile.per_char(text, markup) / base
            worst = max(worst, (ratio, f"{name} at {size:,} characters"))
            print(f"{size:>9,} {name:15s} {ratio:6.1f}x prose", flush=True)
        size *= 4
    rng = random.Random(12)
    base = hostile.per_char(hostile.prose(20_000), "text", rounds=2)
    for n in range(randoms):
        pieces = rng.sample(SPECIAL, rng.randint(1, 4))
        text = "".join(rng.choice(pieces) for _ in range(20_000))[:20_000]
        markup = rng.choice(("text", "markdown", "html"))
        ratio = hostile.per_char(text, markup) / base
        worst = max(worst, (ratio, f"random text {n} ({markup}) from {pieces!r}"))
    print(f"{randoms} random texts of 20,000 characters; worst of all: {worst[0]:.1f}x prose ({worst[1]})")
    return 1 if worst[0] > 20 else 0


if __name__ == "__main__":
    sys.exit(main())
