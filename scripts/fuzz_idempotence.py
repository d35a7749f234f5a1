#!/usr/bin/env python3
"""Look for texts where a second `unspin fix` still changes something, with many more random
cases than the test suite runs (its property test is derandomized to 150).

usage: python scripts/fuzz_idempotence.py [EXAMPLES]   (default 5000; prints the first failure)
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from test_engine import WORDS  # noqa: E402
from unspin import repair  # noqa: E402
from unspin.resolve import apply  # noqa: E402


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 5000

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(WORDS, max_size=40), st.lists(st.sampled_from([" ", "", "  "]), min_size=40, max_size=40))
    def idempotent(words, gaps):
        text = "".join(w + g for w, g in zip(words, gaps))
        result = repair(text)
        assert apply(text, result.applied) == result.text
        assert repair(result.text).text == result.text, (text, result.text, repair(result.text).text)

    try:
        idempotent()
    except AssertionError as e:
        print(f"not idempotent: {e}")
        return 1
    print(f"{examples} random texts: every repair is a fixed point")
    return 0


if __name__ == "__main__":
    sys.exit(main())
