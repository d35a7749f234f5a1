"""What a worker is given (a ``Part``: one partition of one input, and the ``Job`` it is cleaned
with) and what it gives back (``Done``). All plain data, so that local processes and Dask
workers alike can be sent them."""

from __future__ import annotations

import os
import resource
import socket
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model import Options
from .clean import MODES

#: one partition holds at most this many records, and a JSON Lines partition at most this
#: many bytes (a worker holds one partition at a time: its memory does not grow with the corpus)
PARTITION_RECORDS = 1000
PARTITION_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Job:
    """How the records of one input are cleaned (the same for all its partitions)."""

    options: Options = field(default_factory=Options)
    text_field: str = "text"
    output_field: str = ""  # '' : the repaired text replaces the text
    mode: str = "fix"  # fix | check (findings only: the text is left as it was)
    findings: bool = False  # also add each record's findings

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")

    @property
    def with_findings(self) -> bool:
        return self.findings or self.mode == "check"

    @property
    def target(self) -> str:
        """The field the cleaned text goes to."""
        return self.output_field or self.text_field

    def fill(self, record: dict, cleaned) -> dict:
        """``record`` with its cleaned text (mode fix) and the added fields (last)."""
        if self.mode == "fix":
            record[self.target] = cleaned.text
        record.update(cleaned.fields(self.with_findings))
        return record


@dataclass
class Part:
    """One partition of one input, as read: its records and where they are in the input."""

    input: int  # the input's number in the run
    index: int  # the partition's number in its input
    name: str  # the input as the user named it (for the rejects file)
    rows: Any  # JSON Lines: [(line number, bytes)]; Parquet: a pyarrow RecordBatch
    first_record: int  # the number (from 0) of its first record in the input
    units: int  # its share of the input's size, for progress and the ETA
    job: Job
    fmt: str  # the input's format name (formats.FORMATS)
    extra: dict = field(default_factory=dict)  # format-specific: gzip or not, the Parquet codec, blank lines


@dataclass
class Done:
    """A partition, cleaned: its output bytes (in the input's format), its rejects and counts."""

    input: int
    index: int
    data: bytes
    rejects: list[dict]
    counts: Counter
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    peak_rss_mb: float = field(default_factory=lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def count(counts: Counter, cleaned, original: str) -> None:
    """Add one cleaned record to a partition's counts."""
    counts["written"] += 1
    counts["words"] += cleaned.words
    counts["edits"] += sum(cleaned.applied.values())
    counts["findings"] += sum(cleaned.applied.values()) + sum(cleaned.held.values())
    counts["spun"] += cleaned.verdict == "spun"
    counts["changed"] += cleaned.text != original
