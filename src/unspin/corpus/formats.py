"""The corpus formats, by file name: JSON Lines (plain or gzip) and Parquet. Each format module
reads an input as partitions (``partitions``), cleans one partition (``clean``, what a worker
runs) and joins the cleaned partitions into the output file (``join``)."""

from __future__ import annotations

from pathlib import Path

from . import jsonl, parquet
from .job import Done, Part

FORMATS = {"jsonl": jsonl, "parquet": parquet}


def format_of(path: Path | str) -> str | None:
    """'jsonl', 'parquet', or None for a name that is neither."""
    low = str(path).lower()
    for name, module in FORMATS.items():
        if low.endswith(module.SUFFIXES):
            return name
    return None


def clean(part: Part) -> Done:
    """Clean one partition (what a local or Dask worker runs; the rules load once per process)."""
    return FORMATS[part.fmt].clean(part)
