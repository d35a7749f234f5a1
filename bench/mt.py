#!/usr/bin/env python3
"""Machine-translation cleanup on MLQE-PE (../shared/data/mlqe-pe-dev/*/dev.{mt,pe}, CC0).

Both files are Moses-tokenized. Per language pair: word error rate against the human
post-edit (detokenized with sacremoses) of the raw MT, of sacremoses' detokenization of the MT
(the baseline a user would reach for), and of `unspin fix` on the raw MT. On the lines the
editor left alone (mt == pe): the share of lines where unspin's output differs from the plain
detokenization, i.e. where it changed something beyond tokenizer artifacts (target < 1%).

usage: python bench/mt.py
"""

from __future__ import annotations

import sys
from collections import Counter

from common import detokenize, shared, wer
from unspin import repair


def main() -> int:
    base = shared("mlqe-pe-dev")
    if not base:
        return 0
    print(
        "| pair | lines | WER raw MT | WER detokenized MT (sacremoses) | WER unspin fix(MT) | mt==pe lines "
        "| unspin changed words beyond detokenization | spacing left unlike sacremoses |"
    )
    print("|---|---|---|---|---|---|---|---|")
    beyond_rules: Counter = Counter()
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        mt = (folder / "dev.mt").read_text(encoding="utf-8").splitlines()
        pe = (folder / "dev.pe").read_text(encoding="utf-8").splitlines()
        pe_d = [detokenize(x) for x in pe]
        mt_d = [detokenize(x) for x in mt]
        fixed = [repair(x) for x in mt]
        same = [(m, d, f) for m, p, d, f in zip(mt, pe, mt_d, fixed) if m == p]
        beyond = spacing = 0
        for _m, d, f in same:
            if "".join(f.text.split()) != "".join(d.split()):  # characters differ, not only spaces
                beyond += 1
                beyond_rules.update(e.rule for e in f.applied)
            elif f.text.split() != d.split():
                spacing += 1
        print(
            f"| {folder.name} | {len(mt)} | {wer(mt, pe_d):.3f} | {wer(mt_d, pe_d):.3f} | "
            f"{wer([f.text for f in fixed], pe_d):.3f} | {len(same)} | {beyond} ({beyond / max(1, len(same)):.1%}) "
            f"| {spacing} |"
        )
    if beyond_rules:
        print(
            "\nrules behind the changes beyond detokenization:",
            ", ".join(f"{r} {n}" for r, n in beyond_rules.most_common(8)),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
