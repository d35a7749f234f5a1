"""A self-contained HTML page: original and repaired text side by side, every edit marked
with its rule and reason on hover, and counts per category. No network needed to read it."""

from __future__ import annotations

import html
from collections import Counter

from .model import Result

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{padding:14px 22px;background:#24292f;color:#fff}header h1{font-size:18px;margin:0 0 4px}
.summary{display:flex;flex-wrap:wrap;gap:8px;margin-top:6px}
.chip{background:#ffffff22;border-radius:10px;padding:2px 10px;font-size:13px}
.file{margin:18px 22px;background:#fff;border:1px solid #d0d7de;border-radius:8px}
.file h2{font-size:15px;margin:0;padding:8px 14px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
.cols{display:grid;grid-template-columns:1fr 1fr}.col{padding:10px 14px;white-space:pre-wrap;word-wrap:break-word}
.col+.col{border-left:1px solid #d0d7de}.col h3{margin:0 0 6px;font-size:12px;text-transform:uppercase;color:#57606a}
del{background:#ffebe9;color:#82071e;text-decoration:line-through}ins{background:#dafbe1;color:#116329;text-decoration:none}
del,ins{border-radius:3px;padding:0 1px;cursor:help}.sugg{outline:1px dashed #bf8700}
.legend{font-size:12px;color:#57606a;padding:0 14px 10px}
"""


def _side(result: Result, original: bool) -> str:
    text = result.original if original else result.text
    edits = sorted(result.applied + result.suggestions, key=lambda e: e.start)
    parts, pos, shift = [], 0, 0
    for e in edits:
        tip = html.escape(f"{e.rule} ({e.category}{', ' + e.held if e.held else ''}): {e.reason}", quote=True)
        cls = ' class="sugg"' if e.held else ""
        if original:
            parts.append(html.escape(text[pos : e.start]))
            shown = e.original or "\u2038"  # a caret marks where something is inserted
            parts.append(f'<del{cls} title="{tip}">{html.escape(shown)}</del>')
            pos = e.end
        elif not e.held:
            start = e.start + shift
            parts.append(html.escape(text[pos:start]))
            shown = e.replacement or "\u2038"
            parts.append(f'<ins title="{tip}">{html.escape(shown)}</ins>')
            pos = start + len(e.replacement)
            shift += len(e.replacement) - (e.end - e.start)
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


def page(results: list[tuple[str, Result]]) -> str:
    counts = Counter(e.category for _, r in results for e in r.applied)
    held = sum(len(r.suggestions) for _, r in results)
    chips = "".join(f'<span class="chip">{html.escape(c)}: {n}</span>' for c, n in sorted(counts.items()))
    chips += f'<span class="chip">suggestions not applied: {held}</span>'
    body = []
    for path, r in results:
        body.append(
            f'<section class="file"><h2>{html.escape(path)} — {len(r.applied)} edits, '
            f'{len(r.suggestions)} suggestions</h2><div class="cols">'
            f'<div class="col"><h3>Original</h3>{_side(r, True)}</div>'
            f'<div class="col"><h3>Repaired</h3>{_side(r, False)}</div></div>'
            f'<div class="legend">Hover a mark for its rule and reason. Dashed: suggestion only, not applied.</div>'
            f"</section>"
        )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>unspin diff</title>'
        f"<style>{_CSS}</style></head><body><header><h1>unspin diff</h1>"
        f'<div class="summary">{chips}</div></header>{"".join(body)}</body></html>\n'
    )
