"""A corpus run: which inputs go to which outputs (``plan``), then every partition cleaned once,
saved as it finishes, and the outputs and the rejects file written when all are (``run``).

Every input record ends up in the output or in the rejects file, in input order. The outputs
are written only at the end, each under a temporary name and renamed; until then a killed run
resumes from its work folder (``workdir.py``).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import __version__
from ..fileio import InputError
from . import execute
from .formats import FORMATS, format_of
from .job import PARTITION_RECORDS, Job, Part
from .workdir import WorkDir, atomic


@dataclass
class Input:
    path: Path
    name: str  # as the user gave it (or found under a folder they gave)
    fmt: str
    output: Path
    job: Job


@dataclass
class Plan:
    inputs: list[Input]
    out: Path
    rejects: Path
    work: Path


@dataclass
class Summary:
    counts: Counter
    partitions: int
    resumed: int
    fresh: int  # records cleaned by this run (not kept from an interrupted one)
    seconds: float
    rejects: Path | None  # where the rejects went (None: there were none)
    workers: dict = field(default_factory=dict)  # worker -> {"partitions", "peak_rss_mb"}

    def as_dict(self) -> dict:
        c = self.counts
        return {
            "records": c["records"],
            "written": c["written"],
            "rejected": c["rejected"],
            "blank_lines": c["blank"],
            "partitions": self.partitions,
            "partitions_resumed": self.resumed,
            "records_this_run": self.fresh,
            "seconds": round(self.seconds, 3),
            "words": c["words"],
            "edits": c["edits"],
            "findings": c["findings"],
            "changed": c["changed"],
            "spun": c["spun"],
            "rejects_file": str(self.rejects) if self.rejects else None,
            "workers": [{"worker": w, **v} for w, v in sorted(self.workers.items())],
        }


def plan(names: Iterable[str], out: str, job_for: Callable[[Path], Job], overwrite: bool = False, rejects=None) -> Plan:
    """Inputs (files, and the JSON Lines and Parquet files under folders) and their outputs:
    ``out`` is a file for one input when it ends like one of the formats, else a folder with
    one output per input, named as the input (relative to the folder it was found under)."""
    target = Path(out)
    base = str(target).rstrip("/")
    work, rejected = Path(base + ".unspin-work"), Path(rejects) if rejects else Path(base + ".rejects.jsonl")
    # what this run writes is never read as input, even inside a folder given as input
    ours = [target.resolve(), work.resolve(), rejected.resolve()]
    found: list[tuple[Path, str, str]] = []  # (path, name, output name)
    for name in names:
        path = Path(name)
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and format_of(p)
                and not any(s.startswith(".") for s in p.relative_to(path).parts)
                and not any(p.resolve().is_relative_to(o) for o in ours)
            )
            if not inside:
                raise InputError(f"{name}: no JSON Lines or Parquet file in this folder")
            found += [(p, str(p), str(p.relative_to(path))) for p in inside]
        elif path.is_file():
            if not format_of(path):
                raise InputError(f"{name}: not a corpus file (expected {', '.join(_suffixes())})")
            found.append((path, name, path.name))
        else:
            raise InputError(f"{name}: no such file or folder")
    if not found:
        raise InputError("no input given")
    single = format_of(target) is not None
    if single and len(found) > 1:
        raise InputError(f"--out {out}: names one file, but there are {len(found)} inputs; name a folder")
    inputs = []
    for path, name, rel in found:
        output = target if single else target / rel
        fmt = format_of(path)
        assert fmt is not None
        if single and format_of(target) != fmt:
            raise InputError(f"--out {out}: the input {name} is {fmt}, and the output keeps the input's format")
        if output.resolve() == path.resolve():
            raise InputError(f"--out {out}: would overwrite the input {name}; write the output elsewhere")
        inputs.append(Input(path, name, fmt, output, job_for(path)))
    outputs = [i.output.resolve() for i in inputs]
    if len(set(outputs)) < len(outputs):
        twice = next(o for o in outputs if outputs.count(o) > 1)
        raise InputError(f"--out {out}: two inputs would both be written to {twice}")
    if not overwrite and not work.exists() and _taken(target, single):
        raise InputError(f"--out {out}: already exists; --overwrite replaces what the run writes there")
    return Plan(inputs, target, rejected, work)


def _suffixes() -> list[str]:
    return [s for module in FORMATS.values() for s in module.SUFFIXES]


def _taken(target: Path, single: bool) -> bool:
    if single or not target.is_dir():
        return target.exists()
    return any(target.iterdir())


def manifest(p: Plan, partition_size: int) -> dict:
    """What a resumed run must share with the run it continues."""
    return {
        "unspin": __version__,
        "inputs": [
            {"path": str(i.path.resolve()), "size": i.path.stat().st_size, "mtime_ns": i.path.stat().st_mtime_ns}
            for i in p.inputs
        ],
        "outputs": [str(i.output.resolve()) for i in p.inputs],
        "settings": [json.loads(json.dumps(asdict(i.job), default=sorted)) for i in p.inputs],
        "partition_size": partition_size,
    }


def run(p: Plan, executor, partition_size: int = PARTITION_RECORDS, restart: bool = False, progress=None) -> Summary:
    """Clean every partition not finished yet, then write the outputs and the rejects file."""
    started = time.monotonic()
    work = WorkDir(p.work)
    finished = work.start(manifest(p, partition_size), restart)
    parts_of = [0] * len(p.inputs)
    size = sum(i.path.stat().st_size for i in p.inputs)
    meter = progress(size) if progress else None

    def parts():
        for n, item in enumerate(p.inputs):
            for part in FORMATS[item.fmt].partitions(item.path, item.name, n, item.job, partition_size):
                parts_of[n] = part.index + 1
                yield part

    def skip(part: Part) -> bool:
        return (part.input, part.index) in finished

    resumed = fresh = 0
    for part, done in execute.results(executor, parts(), skip):
        if done is None:
            resumed += 1
        else:
            work.save(done)
            fresh += done.counts["records"]
        if meter:
            meter.advance(part.units, done.counts["records"] if done else 0, done is None)
    if meter:
        meter.close()
    counts: Counter = Counter()
    workers: dict[str, dict] = {}
    rejected = 0
    for n, item in enumerate(p.inputs):
        for marker in work.markers(n, parts_of[n]):
            counts.update(marker["counts"])
            rejected += len(marker["rejects"])
            w = workers.setdefault(marker["worker"], {"partitions": 0, "peak_rss_mb": 0.0})
            w["partitions"] += 1
            w["peak_rss_mb"] = max(w["peak_rss_mb"], marker["peak_rss_mb"])
        _write_output(item, work.data(n, parts_of[n]))
    _write_rejects(p, work, parts_of, rejected)
    work.remove()
    seconds = time.monotonic() - started
    return Summary(counts, sum(parts_of), resumed, fresh, seconds, p.rejects if rejected else None, workers)


def _write_output(item: Input, parts: list[Path]) -> None:
    atomic(item.output, lambda fh: FORMATS[item.fmt].join(parts, fh, item.path, item.job))


def _write_rejects(p: Plan, work: WorkDir, parts_of: list[int], rejected: int) -> None:
    """Every reject, in input order, one JSON object a line; no file when there are none (and
    the file a previous run left at that place is removed: it spoke of other output)."""
    if not rejected:
        p.rejects.unlink(missing_ok=True)
        return

    def fill(fh):
        for n in range(len(p.inputs)):
            for marker in work.markers(n, parts_of[n]):
                for reject in marker["rejects"]:
                    fh.write((json.dumps(reject, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace"))

    atomic(p.rejects, fill)


class Meter:
    """Progress on stderr: records, records per second, share done and the time left. On a
    terminal the line is redrawn; otherwise a line is written every ``every`` seconds."""

    def __init__(self, size: int, every: float = 30.0, stream=None):
        self.size, self.every = max(1, size), every
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.start = self.last = time.monotonic()
        self.units = self.fresh_units = self.records = 0

    def advance(self, units: int, records: int, resumed: bool) -> None:
        self.units += units
        self.records += records
        if not resumed:
            self.fresh_units += units
        now = time.monotonic()
        if self.tty or now - self.last >= self.every:
            self.last = now
            self.stream.write(("\r\033[K" if self.tty else "") + self.line(now) + ("" if self.tty else "\n"))
            self.stream.flush()

    def line(self, now: float) -> str:
        spent = max(1e-9, now - self.start)
        rate = self.records / spent
        share = min(1.0, self.units / self.size)
        left = (self.size - self.units) * spent / self.fresh_units if self.fresh_units else None
        eta = f", ETA {_clock(left)}" if left is not None and share < 1 else ""
        return f"unspin: {self.records:,} records, {rate:,.0f} records/s, {share:.0%} done{eta}"

    def close(self) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"
