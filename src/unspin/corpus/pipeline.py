"""unspin as one step of someone else's pipeline: functions from a partition of records to the
cleaned partition, for ``dask.bag.map_partitions`` (``clean_records``),
``dask.dataframe.map_partitions`` (``clean_frame``) and Spark's ``mapInPandas``
(``clean_frames``). The rules load once per process, on the first partition.

Nothing is dropped here: a record that cannot be cleaned (no text field, a text that is not a
string) comes back as it was, with ``unspin_error`` saying why. The text and the added fields
are what ``unspin corpus`` writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from ..model import Options
from .clean import ERROR, BadText, clean_text
from .job import Job


def make_job(
    text_field: str = "text",
    output_field: str = "",
    mode: str = "fix",
    findings: bool = False,
    options: Options | None = None,
    **settings,
) -> Job:
    """The cleaning settings; ``settings`` are ``Options`` fields (``unsafe=True`` ...)."""
    return Job(replace(options or Options(), **settings), text_field, output_field, mode, findings)


def clean_record(record: dict, how: Job) -> dict:
    """One record, cleaned (a new dict; the field order kept, the added fields last)."""
    out = dict(record)
    text = out.get(how.text_field)
    if not isinstance(text, str):
        why = (
            f"no field '{how.text_field}'" if how.text_field not in out else f"field '{how.text_field}' is not a string"
        )
        out[ERROR] = why
        return out
    try:
        cleaned = clean_text(text, how.options, how.mode, how.with_findings)
    except BadText as exc:
        out[ERROR] = str(exc)
        return out
    return how.fill(out, cleaned)


def clean_records(records: Iterable[dict], **settings) -> list[dict]:
    """A partition of records (dicts), cleaned: for ``dask.bag.Bag.map_partitions``."""
    how = make_job(**settings)
    return [clean_record(r, how) for r in records]


def clean_frame(frame: Any, **settings) -> Any:
    """A pandas DataFrame, cleaned: for ``dask.dataframe.DataFrame.map_partitions``. The text
    column is replaced (or ``output_field`` set); the added columns are typed as Arrow data
    (``pd.ArrowDtype``: the counts are maps, the findings a list of structs), as ``unspin
    corpus`` writes them to Parquet, so that Dask knows their types without being told;
    ``unspin_error`` is null for every row that was cleaned. Needs pyarrow."""
    return _frame(frame, make_job(**settings), arrow=True)


def clean_frames(frames: Iterable[Any], **settings) -> Iterator[Any]:
    """pandas DataFrames in, cleaned DataFrames out: for Spark's ``DataFrame.mapInPandas``.
    The added columns hold plain Python values (dicts for the counts), which Spark converts to
    the types of the schema it is given (see the README)."""
    how = make_job(**settings)
    for frame in frames:
        yield _frame(frame, how, arrow=False)


def _frame(frame: Any, how: Job, arrow: bool) -> Any:
    from . import parquet

    pa = parquet._pa()
    try:
        import pandas as pd
    except ImportError:  # (a frame came without pandas: not a pandas frame)
        raise TypeError("clean_frame and clean_frames take pandas DataFrames: pip install pandas") from None
    frame = frame.copy()
    texts = list(frame[how.text_field])
    rows = [clean_record({how.text_field: t}, how) for t in texts]
    if how.mode == "fix":  # a row that could not be cleaned keeps its text (a new column: None)
        kept = texts if how.target == how.text_field else [None] * len(texts)
        frame[how.target] = [r.get(how.target) if ERROR not in r else k for r, k in zip(rows, kept)]
    added = [f for f in parquet.added_fields(how) if f.name != how.target] + [pa.field(ERROR, pa.string())]
    for f in added:
        dtype = pd.ArrowDtype(f.type) if arrow else "object"
        frame[f.name] = pd.Series([r.get(f.name) for r in rows], dtype=dtype, index=frame.index)
    return frame
