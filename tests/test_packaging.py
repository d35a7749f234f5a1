"""Packaging: one version string."""

import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

import unspin

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "unspin"


def pyproject() -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_version_is_written_once_and_read_by_the_build():
    project = pyproject()
    assert "version" not in project["project"], "the version lives in src/unspin/__init__.py only"
    assert "version" in project["project"].get("dynamic", [])
    assert project["tool"]["hatch"]["version"]["path"] == "src/unspin/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:\.dev\d+|(?:a|b|rc)\d+)?", unspin.__version__)


def test_unspin_version_prints_the_package_version():
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run(
        [sys.executable, "-m", "unspin", "--version"], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"unspin, version {unspin.__version__}"
    assert proc.stdout.split()[-1] == unspin.__version__


def test_version_works_from_a_source_checkout(monkeypatch):
    """No installed distribution's metadata is consulted: a checkout on PYTHONPATH knows its version."""
    from click.testing import CliRunner

    from unspin import cli

    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    result = CliRunner().invoke(cli.main, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"unspin, version {unspin.__version__}"
