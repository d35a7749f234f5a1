"""JSON Lines (plain or gzip): reading partitions, cleaning one, joining the cleaned parts.

A record is one line holding a JSON object; blank lines are not records (they are counted).
A line that is not UTF-8, not JSON, not an object, or whose text field is missing or not a
string is a reject, with its line number and reason; it never stops the run.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..fileio import InputError
from .clean import BadText, clean_text
from .job import PARTITION_BYTES, PARTITION_RECORDS, Done, Job, Part, count

SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json.gz")


def partitions(path: Path, name: str, number: int, job: Job, size: int = PARTITION_RECORDS) -> Iterator[Part]:
    """The input's partitions in order: at most ``size`` records or PARTITION_BYTES bytes each."""
    gz = path.name.endswith(".gz")
    try:
        with open(path, "rb") as raw:
            lines = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw
            rows: list[tuple[int, bytes]] = []
            held = blank = first = index = last_pos = 0
            for line_no, line in enumerate(lines, 1):
                if not line.strip():
                    blank += 1
                    continue
                rows.append((line_no, line))
                held += len(line)
                if len(rows) < size and held < PARTITION_BYTES:
                    continue
                pos = raw.tell()  # (compressed bytes read so far: the partition's share of the file)
                yield Part(number, index, name, rows, first, pos - last_pos, job, "jsonl", {"gz": gz, "blank": blank})
                index, first, last_pos = index + 1, first + len(rows), pos
                rows, held, blank = [], 0, 0
            if rows or blank:
                pos = raw.tell()
                yield Part(number, index, name, rows, first, pos - last_pos, job, "jsonl", {"gz": gz, "blank": blank})
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(f"{name}: not a complete gzip file ({exc})") from None


def clean(part: Part) -> Done:
    """Clean one partition: its records as JSON Lines bytes (gzipped if the input was)."""
    job, out, rejects = part.job, [], []
    counts: Counter = Counter()
    counts["blank"] += part.extra.get("blank", 0)
    for n, (line_no, raw) in enumerate(part.rows):
        counts["records"] += 1
        record, why = _record(raw, job.text_field)
        if record is not None:
            try:
                cleaned = clean_text(record[job.text_field], job.options, job.mode, job.with_findings)
            except BadText as exc:
                why = str(exc)
            else:
                count(counts, cleaned, record[job.text_field])
                out.append(_dump(job.fill(record, cleaned)))
                continue
        counts["rejected"] += 1
        rejects.append(
            {
                "input": part.name,
                "line": line_no,
                "record": part.first_record + n,
                "reason": why,
                "raw": raw.rstrip(b"\r\n").decode("utf-8", "backslashreplace"),
            }
        )
    data = "".join(out).encode("utf-8")
    if part.extra.get("gz"):
        data = gzip.compress(data, compresslevel=6, mtime=0)
    return Done(part.input, part.index, data, rejects, counts)


def _record(raw: bytes, text_field: str) -> tuple[dict | None, str]:
    """The record on a line, or None and why it cannot be cleaned."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 (invalid byte at column {exc.start + 1})"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(record, dict):
        return None, f"not a JSON object (a {_kind(record)})"
    if text_field not in record:
        return None, f"no field '{text_field}'"
    if not isinstance(record[text_field], str):
        return None, f"field '{text_field}' is {_kind(record[text_field])}, not a string"
    return record, ""


def _kind(value) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number"
    )


def _dump(record: dict) -> str:
    try:
        line = json.dumps(record, ensure_ascii=False)
        line.encode("utf-8")
    except UnicodeEncodeError:  # an unpaired surrogate in another field: written escaped, as it came
        line = json.dumps(record)
    return line + "\n"


def join(parts: list[Path], target, source: Path, job: Job) -> None:
    """Write the cleaned parts, in order, to the open binary file ``target`` (gzip members
    follow one another: the result is one valid gzip file)."""
    if not parts and source.name.endswith(".gz"):
        target.write(gzip.compress(b"", mtime=0))
    for part in parts:
        with open(part, "rb") as fh:
            while block := fh.read(1 << 20):
                target.write(block)
