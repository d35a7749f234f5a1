"""Worker processes: a local pool (``pool``, ``stop``), how its workers start, and how a signal ends a run.

Shared by ``unspin fix|check`` with ``-j`` (cli.py) and ``unspin corpus`` (corpus/execute.py).
"""

from __future__ import annotations

import os


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: unwinds like KeyboardInterrupt (temp files are removed on the
    way), but click does not turn it into its own 'Aborted!' and exit code 1."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def on_signal(signum, frame):
    raise Interrupted(signum)


def worker_start(parent: int) -> None:
    """In each -j worker: die with the parent (Linux: the kernel sends SIGTERM when it goes,
    even on SIGKILL); SIGINT is left to the parent, which stops the workers itself."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(2)  # (the usage/input exit code: the run it belonged to is gone)


def pool(jobs: int):
    """``jobs`` forked worker processes (what the parent loaded before is theirs without a load),
    each dying with the parent; imported only when a pool is used."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=get_context("fork"), initializer=worker_start, initargs=(os.getpid(),)
    )


def stop(workers, interrupted: bool = False) -> None:
    """Shut the pool down; ``interrupted`` (a signal, or the reader stopped): no worker outlives
    the run, each is sent SIGTERM (a worker removes its temp file on the way out)."""
    if interrupted:
        for proc in list((getattr(workers, "_processes", None) or {}).values()):
            proc.terminate()
    workers.shutdown(wait=True, cancel_futures=interrupted)
