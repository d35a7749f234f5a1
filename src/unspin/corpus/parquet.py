"""Parquet (pyarrow): reading partitions, cleaning one, joining the cleaned parts.

The other columns pass through as Arrow data, untouched (types, nulls and the schema's
metadata included); only the text column is read into Python. A row whose text is null is a
reject. A text column that is missing or not a string is an input error, said before any work.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..fileio import InputError
from .clean import APPLIED, FINDINGS, HELD, SCORE, VERDICT, BadText, clean_text
from .job import PARTITION_RECORDS, Done, Job, Part, count

SUFFIXES = (".parquet", ".pq")


def _pa():
    """pyarrow, or a one-line error that says how to install it."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise InputError("Parquet needs pyarrow: pip install 'unspin[corpus]' (or pip install pyarrow)") from None
    return pyarrow


def _open(path: Path, name: str):
    pa = _pa()
    try:
        return pa.parquet.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{name}: not a Parquet file ({str(exc).splitlines()[0]})") from None


def added_fields(job: Job) -> list:
    """The Arrow fields of the columns a cleaning adds (the cleaned text's when it is new)."""
    pa = _pa()
    counts = pa.map_(pa.string(), pa.int64())
    added = [pa.field(SCORE, pa.float64()), pa.field(VERDICT, pa.string()), pa.field(APPLIED, counts)]
    added.append(pa.field(HELD, counts))
    if job.with_findings:
        finding = pa.struct(
            [("start", pa.int64()), ("end", pa.int64())]
            + [(key, pa.string()) for key in ("rule", "category", "message", "original", "suggestion")]
            + [("safe", pa.bool_()), ("applied", pa.bool_()), ("held", pa.string())]
        )
        added.append(pa.field(FINDINGS, pa.list_(finding)))
    if job.mode == "fix" and job.output_field:
        added.insert(0, pa.field(job.output_field, pa.string()))
    return added


def output_schema(schema, job: Job):
    """The cleaned file's schema: the input's, with the cleaned text's and the added columns."""
    for f in added_fields(job):
        if f.name == job.output_field:  # the same string type as the text's
            f = f.with_type(schema.field(job.text_field).type)
        at = schema.get_field_index(f.name)
        schema = schema.set(at, f) if at >= 0 else schema.append(f)
    return schema


def check(pf, name: str, job: Job) -> None:
    """An input error unless the Parquet file ``pf`` has a string column ``job.text_field``."""
    pa = _pa()
    schema = pf.schema_arrow
    if job.text_field not in schema.names:
        raise InputError(f"{name}: no column '{job.text_field}' (columns: {', '.join(schema.names)}); see --text-field")
    kind = schema.field(job.text_field).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        raise InputError(f"{name}: column '{job.text_field}' is {kind}, not a string column")


def _codec(pf) -> str:
    """The input's compression, which the output keeps (snappy, pyarrow's own, for an empty file)."""
    if not pf.metadata.num_row_groups:
        return "snappy"
    codec = pf.metadata.row_group(0).column(0).compression.lower()
    return "none" if codec == "uncompressed" else codec


def partitions(path: Path, name: str, number: int, job: Job, size: int = PARTITION_RECORDS) -> Iterator[Part]:
    pf = _open(path, name)
    check(pf, name, job)
    rows = pf.metadata.num_rows
    extra = {"codec": _codec(pf)}
    total, first, index, done_units = path.stat().st_size, 0, 0, 0
    for batch in pf.iter_batches(batch_size=size):
        first_next = first + batch.num_rows
        units = total * first_next // max(1, rows) - done_units
        done_units += units
        yield Part(number, index, name, batch, first, units, job, "parquet", extra)
        first, index = first_next, index + 1


def clean(part: Part) -> Done:
    """Clean one partition: its rows as a Parquet file's bytes, in the input's codec."""
    pa = _pa()
    job, batch, rejects = part.job, part.rows, []
    counts: Counter = Counter()
    texts = batch.column(batch.schema.get_field_index(job.text_field)).to_pylist()
    keep, cleaned_rows = [], []
    for n, text in enumerate(texts):
        counts["records"] += 1
        why = "the text is null"
        if text is not None:
            try:
                cleaned = clean_text(text, job.options, job.mode, job.with_findings)
            except BadText as exc:
                why = str(exc)
            else:
                count(counts, cleaned, text)
                keep.append(True)
                cleaned_rows.append(cleaned)
                continue
        keep.append(False)
        counts["rejected"] += 1
        row = batch.slice(n, 1).to_pylist()[0]
        rejects.append({"input": part.name, "record": part.first_record + n, "reason": why, "raw": _plain(row)})
    table = pa.Table.from_batches([batch]).filter(pa.array(keep, pa.bool_()))
    schema = output_schema(batch.schema, job)
    fields = [c.fields(job.with_findings) for c in cleaned_rows]
    columns = {name: [f[name] for f in fields] for name in (fields[0] if fields else {})}
    if job.mode == "fix":
        columns[job.target] = [c.text for c in cleaned_rows]
    for name in [f.name for f in schema if f.name in columns]:  # (in the schema's order)
        column = pa.array(columns[name], schema.field(name).type)
        at = table.schema.get_field_index(name)
        table = table.set_column(at, name, column) if at >= 0 else table.append_column(name, column)
    return Done(part.input, part.index, _write(table.cast(schema), part.extra["codec"]), rejects, counts)


def _plain(row: dict) -> dict:
    """A row as JSON-able data (dates, decimals and bytes as text)."""
    return json.loads(json.dumps(row, default=str))


def _write(table, codec: str) -> bytes:
    buffer = io.BytesIO()
    _pa().parquet.write_table(table, buffer, compression=codec)
    return buffer.getvalue()


def join(parts: list[Path], target, source: Path, job: Job) -> None:
    """Write the cleaned parts, in order, as one Parquet file to the open binary file ``target``
    (an input without rows gives a file without rows, with the cleaned file's columns)."""
    pa = _pa()
    pf = pa.parquet.ParquetFile(source)
    schema = output_schema(pf.schema_arrow, job)
    with pa.parquet.ParquetWriter(target, schema, compression=_codec(pf)) as writer:
        for part in parts:
            writer.write_table(pa.parquet.read_table(part))
        if not parts:
            writer.write_table(schema.empty_table())
