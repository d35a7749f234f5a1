import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))


@pytest.fixture(scope="session")
def rules():
    from unspin import loader

    return loader.load()


def shared_path(*parts):
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only beside a development checkout)")
    return path


def run(*args, stdin=b"", cwd=None, env=None, timeout=120):
    """``python -m unspin ARGS`` in a subprocess, with this checkout's ``src/`` on the path:
    ``stdin`` as its input, ``env`` added to the environment; the CompletedProcess, output in bytes."""
    full = dict(os.environ, PYTHONPATH=str(ROOT / "src"), **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "unspin", *args], input=stdin, capture_output=True, env=full, cwd=cwd, timeout=timeout
    )
