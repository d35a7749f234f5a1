"""An installable release: ``python -m build --wheel --sdist`` builds both (hatchling from the
package index, in build's isolated environment); the wheel, with an extra, installs into a fresh
virtual environment (dependencies from the package index), and its ``unspin`` works there with no
trace of this checkout; the sdist holds the sources, the rule data and the tests.

Slow-ish (a build, a virtual environment and an install: about a minute), and part of the
default suite all the same: it is what a user who installs unspin goes through."""

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import unspin

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kremlin-iran-spun.txt"

pytestmark = pytest.mark.slow


def _env(**extra) -> dict:
    """The environment without this checkout on the path (nothing may come from src/)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return dict(env, **extra)


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    pytest.importorskip("build")
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    (wheel,) = out.glob("unspin-*.whl")
    (sdist,) = out.glob("unspin-*.tar.gz")
    return wheel, sdist


@pytest.fixture(scope="module")
def venv(tmp_path_factory, dist):
    """A fresh virtual environment with the wheel and its ``harper`` extra installed."""
    wheel, _ = dist
    home = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(home)], check=True, env=_env(), timeout=300)
    pip = subprocess.run(
        [str(home / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", f"{wheel}[harper]"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=900,
    )
    assert pip.returncode == 0, pip.stdout[-4000:] + pip.stderr[-4000:]
    return home / "bin"


def _unspin(venv, *args, cwd):
    return subprocess.run(
        [str(venv / "unspin"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=_env(UNSPIN_CACHE_DIR=str(cwd / "cache")),
        timeout=300,
    )


def test_the_installed_wheel_runs_on_its_own(venv, tmp_path):
    where = subprocess.run(
        [str(venv / "python"), "-c", "import unspin; print(unspin.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(),
    )
    assert where.returncode == 0 and str(venv.parent) in where.stdout, where.stdout + where.stderr
    version = _unspin(venv, "--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"unspin, version {unspin.__version__}"
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    checked = _unspin(venv, "check", "seed.txt", cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    lines = checked.stdout.splitlines()
    assert "seed.txt:3:30: purpose-intention: " in checked.stdout
    assert any(line.startswith("seed.txt:8:105: spacing.glued-name: ") for line in lines)
    assert len(lines) > 100
    # the same findings as this checkout gives
    here = subprocess.run(
        [sys.executable, "-m", "unspin", "check", "seed.txt"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(PYTHONPATH=str(ROOT / "src"), UNSPIN_CACHE_DIR=str(tmp_path / "cache-checkout")),
        timeout=300,
    )
    assert checked.stdout == here.stdout
    rules = _unspin(venv, "rules", cwd=tmp_path)
    assert rules.returncode == 0 and "informed-said\tcontext\tsafe\t" in rules.stdout
    assert len(rules.stdout.splitlines()) > 3000
    fixed = _unspin(venv, "fix", "seed.txt", cwd=tmp_path)
    assert "translated by Google. He did not directly respond" in fixed.stdout


def test_the_harper_extra_installs_and_works(venv, tmp_path):
    (tmp_path / "a.txt").write_text("This is an test of the the grammar checker.\n", encoding="utf-8")
    proc = _unspin(venv, "check", "--grammar", "harper", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "HARPER:" in proc.stdout


def test_the_wheel_holds_the_package_and_its_rules_only(dist):
    wheel, _ = dist
    names = zipfile.ZipFile(wheel).namelist()
    assert "unspin/cli.py" in names and "unspin/rules/classes.txt" in names
    assert any(n.startswith("unspin/rules/phrases/") and n.endswith(".dict") for n in names)
    assert not any(n.startswith(("tests/", "corpora/", "src/")) for n in names)
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    metadata = zipfile.ZipFile(wheel).read(meta).decode()
    assert f"Version: {unspin.__version__}" in metadata
    assert "Provides-Extra: harper" in metadata and "Provides-Extra: languagetool" in metadata


def test_the_sdist_holds_sources_rules_and_tests(dist):
    _, sdist = dist
    with tarfile.open(sdist) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    for needed in (
        "pyproject.toml",
        "README.md",
        "CHANGELOG.md",
        "src/unspin/cli.py",
        "rules/classes.txt",
        "tests/conftest.py",
        "tests/test_release.py",
        "seeds/kremlin-iran-spun.txt",
        "action.yml",  # the GitHub Action and its step, which tests/test_action.py runs
        "scripts/action_run.sh",
    ):
        assert needed in names, needed
    assert not any("__pycache__" in n or n.startswith(".venv/") for n in names)
