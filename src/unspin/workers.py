"""Worker processes: how a worker of a local pool starts, and how a signal ends a run.

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
