"""The work folder of a corpus run (``OUT.unspin-work``): what the run was started with, and
each finished partition, so that a killed run resumes where it stopped.

A partition is finished when its marker (``I-K.json``: counts, rejects, worker) exists; its
data (``I-K.part``) is written first, and each file is written under a temporary name and
renamed, so a kill at any moment leaves either a finished partition or none.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from ..fileio import InputError
from .job import Done

MANIFEST = "run.json"


def atomic(target: Path, fill: Callable) -> None:
    """Write ``target`` in one step: ``fill(fh)`` writes a hidden temp file beside it, which is
    synced and renamed over it, or removed if anything (a signal too) stops it first."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.unspin-tmp")
    try:
        with open(tmp, "wb") as fh:
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write(path: Path, data: bytes) -> None:
    atomic(path, lambda fh: fh.write(data))


class WorkDir:
    def __init__(self, path: Path):
        self.path = path

    def start(self, manifest: dict, restart: bool) -> set[tuple[int, int]]:
        """Open the folder for a run with this ``manifest``: the partitions already finished
        (none for a new run). A folder left by a run with other inputs or settings is an error
        unless ``restart`` (then it is emptied)."""
        if self.path.exists() and restart:
            shutil.rmtree(self.path)
        saved = self.path / MANIFEST
        if saved.exists():
            try:
                before = json.loads(saved.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                before = None
            if before != manifest:
                what = _difference(before, manifest)
                raise InputError(
                    f"{self.path} holds an unfinished run with {what}; "
                    "--restart discards it, or run the same command again to resume it"
                )
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            _write(saved, json.dumps(manifest, indent=1).encode("utf-8"))
        return {(int(i), int(k)) for i, k in (p.stem.split("-") for p in self.path.glob("*-*.json") if _key(p.stem))}

    def save(self, done: Done) -> None:
        base = f"{done.input}-{done.index}"
        _write(self.path / f"{base}.part", done.data)
        marker = {
            "counts": dict(done.counts),
            "rejects": done.rejects,
            "worker": done.worker,
            "peak_rss_mb": round(done.peak_rss_mb, 1),
        }
        _write(self.path / f"{base}.json", json.dumps(marker, ensure_ascii=False).encode("utf-8"))

    def data(self, number: int, parts: int) -> list[Path]:
        return [self.path / f"{number}-{k}.part" for k in range(parts)]

    def markers(self, number: int, parts: int):
        for k in range(parts):
            yield json.loads((self.path / f"{number}-{k}.json").read_text(encoding="utf-8"))

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _key(stem: str) -> bool:
    i, _, k = stem.partition("-")
    return i.isdigit() and k.isdigit()


def _difference(before: dict | None, now: dict) -> str:
    if not isinstance(before, dict):
        return "an unreadable record of how it was started"
    changed = [key for key in now if before.get(key) != now[key]]
    return "other " + ", ".join(changed or ["settings"])
