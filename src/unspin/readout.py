"""The reading of a text written out for a person: ``unspin words`` (as typos' ``--words``).

One row per word as written, with what the engine makes of it: where a glued token splits and
which fact splits it, the protected region it lies in, a word broken by spaces or a hyphen, a
doubled word, a piece that is no word alone; and a row for each paragraph the damage gate
opens. Useful to anyone writing a rule: a rule sees exactly these words.
"""

from __future__ import annotations

from collections.abc import Iterator

from .document import Document

#: the fact that splits a token (``Reading.cut_facts``) -> the rule that repairs it
_REPAIRED_BY = {
    "number_glues": "spacing.glued-number",
    "glued_words": "spacing.glued-words",
    "glued_names": "spacing.glued-name",
    "glued_capitals": "spacing.glued-capitals",
}


def describe(doc: Document) -> Iterator[dict]:
    """Rows ``{"kind": "word"|"paragraph"|"text", "start", "end", "text", "notes"}`` in text order."""
    reading, text = doc.reading, doc.text
    yield {
        "kind": "text",
        "start": 0,
        "end": len(text),
        "text": "",
        "notes": [f"{len(reading.words)} words", "technical" if reading.technical else "prose"],
    }
    broken = {start: (end, joined) for start, end, joined in reading.broken_runs}
    hyphen = {start: joined for start, _, joined in reading.hyphen_breaks}
    doubled = {w.start: len(run) for run in reading.doubled for w in run}
    damaged_shown: set[int] = set()
    for n, w in enumerate(reading.words):
        paragraph = reading.paragraph(w.start)
        if paragraph in reading.damaged and paragraph not in damaged_shown:
            damaged_shown.add(paragraph)
            yield {
                "kind": "paragraph",
                "start": w.start,
                "end": w.start,
                "text": "",
                "notes": ["damaged like PDF extraction: content words run together are split here too"],
            }
        notes = []
        if w.start in reading.cut_facts:
            cut, fact = reading.cut_facts[w.start]
            notes.append(
                f"reads '{text[w.start : w.start + cut]} {text[w.start + cut : w.end]}' ({_REPAIRED_BY[fact]})"
            )
        kind = doc.protection.hit(w.start, w.end)
        if kind:
            notes.append(f"protected: {kind}")
        if w.start in broken:
            end, joined = broken[w.start]
            notes.append(f"'{text[w.start : end]}' reads '{joined}' (spacing.broken-word)")
        if w.start in hyphen:
            notes.append(f"reads '{hyphen[w.start]}' (spacing.hyphen-break)")
        if w.start in doubled:
            notes.append(f"doubled: {doubled[w.start]} times")
        if n in reading.odd:
            notes.append("no word on its own")
        yield {"kind": "word", "start": w.start, "end": w.end, "text": w.text, "notes": notes}
