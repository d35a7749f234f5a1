"""Where partitions are cleaned: in this process (one worker), in local worker processes, or on
a Dask distributed cluster. Each executor takes partitions with ``submit`` and hands back the
first finished ones with ``wait``; the run keeps at most ``window`` partitions in flight, so memory
stays bounded whatever the corpus size.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future
from concurrent.futures import wait as wait_local
from dataclasses import replace

from .. import engine, loader, workers
from ..fileio import InputError
from .formats import clean
from .job import Done, Job, Part

#: partitions in flight per worker: one being cleaned and one waiting, so no worker idles
AHEAD_PER_WORKER = 2


class InProcess:
    """One worker: this process (no pool, no copies)."""

    workers = 1

    def submit(self, part: Part) -> Future:
        future: Future = Future()
        future.set_result(clean(part))
        return future

    def wait(self, pending: set) -> set:
        return pending

    def close(self, cancel: bool = False) -> None:
        pass


class LocalPool:
    """``workers`` forked processes; the rules are loaded (and the engine warmed) before the
    fork, so each worker starts with them: one load in all."""

    def __init__(self, count: int, jobs: list[Job]):
        warmed: list = []
        for options in (j.options for j in jobs):
            if options not in warmed:
                warmed.append(options)
                loader.load(options.dictionaries)
                engine.repair("A text to warm up the patterns , translated byGoogle .", options)
        self.workers = count
        self.pool = workers.pool(count)

    def submit(self, part: Part) -> Future:
        return self.pool.submit(clean, part)

    def wait(self, pending: set) -> set:
        return wait_local(pending, return_when=FIRST_COMPLETED).done

    def close(self, cancel: bool = False) -> None:
        workers.stop(self.pool, interrupted=cancel)


class DaskCluster:
    """The workers of a Dask distributed scheduler at ``address``. Each worker process loads
    the rules once, on its first partition, and keeps them for the rest."""

    def __init__(self, address: str, timeout: float = 10.0):
        try:
            from distributed import Client, as_completed
        except ImportError:
            raise InputError("--scheduler needs Dask: pip install 'unspin[corpus]'") from None
        from .. import __version__

        try:
            self.client = Client(address, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(f"--scheduler {address}: cannot connect ({str(exc).splitlines()[0]})") from None
        try:
            versions = self.client.run(_version)
        except Exception as exc:  # noqa: BLE001 - a worker that cannot import unspin
            self.client.close()
            raise InputError(f"--scheduler {address}: the workers cannot run unspin ({exc})") from None
        if not versions:
            self.client.close()
            raise InputError(f"--scheduler {address}: the cluster has no workers")
        other = sorted({v for v in versions.values() if v != __version__})
        if other:
            self.client.close()
            raise InputError(f"--scheduler {address}: the workers run unspin {', '.join(other)}, not {__version__}")
        self.workers = len(versions)
        self.finished = as_completed()

    def submit(self, part: Part):
        future = self.client.submit(clean, part, pure=False)
        self.finished.add(future)
        return future

    def wait(self, pending: set) -> set:
        return {next(self.finished)}

    def close(self, cancel: bool = False) -> None:
        self.client.close()


def _version() -> str:
    from .. import __version__

    return __version__


def results(executor, parts, skip) -> Iterator[tuple[Part, Done | None]]:
    """``(part, done)`` for each partition as it finishes, ``(part, None)`` for each one ``skip``
    says is finished already; at most ``window`` in flight."""
    window = AHEAD_PER_WORKER * executor.workers
    pending: dict = {}
    try:
        for part in parts:
            if skip(part):
                yield part, None
                continue
            # the worker has the rows: this process keeps only the place
            pending[executor.submit(part)] = replace(part, rows=None)
            while len(pending) >= window:
                for f in executor.wait(set(pending)):
                    yield pending.pop(f), f.result()
        while pending:
            for f in executor.wait(set(pending)):
                yield pending.pop(f), f.result()
    except BaseException:
        executor.close(cancel=True)
        raise
    executor.close()
