"""The GitHub Action (action.yml): its step, scripts/action_run.sh, run as the runner runs it
(GITHUB_ACTION_PATH, the INPUT_* variables action.yml sets, GITHUB_OUTPUT, RUNNER_TEMP) in a
workspace with a spun and a clean file: the install from the action's checkout, annotations,
SARIF for upload-sarif, the outputs and the exit codes."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "action_run.sh"
SPUN = "The Kremlin informed Tuesday it has no purpose of deserting Iran.\n"
CLEAN = "The minister said on Monday that talks would resume next week.\n"
RULES = ["informed-said", "purpose-intention", "deserting-abandoning"]

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the action's step runs in bash")


def action(workspace: Path, runner_temp: Path, path_dirs=(), **inputs) -> tuple[subprocess.CompletedProcess, dict]:
    """Run the step as the runner would: the CompletedProcess (text) and the outputs it wrote."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith(("INPUT_", "GITHUB_"))}
    outputs = runner_temp / "github_output"
    outputs.write_text("", encoding="utf-8")
    env.update(
        GITHUB_ACTION_PATH=str(ROOT),
        GITHUB_OUTPUT=str(outputs),
        GITHUB_STEP_SUMMARY=str(runner_temp / "step_summary"),
        RUNNER_TEMP=str(runner_temp),
        UNSPIN_CACHE_DIR=str(runner_temp / "cache"),
        PATH=os.pathsep.join([*map(str, path_dirs), env.get("PATH", "")]),
        **inputs,
    )
    proc = subprocess.run(
        ["bash", str(SCRIPT)],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        stdin=subprocess.DEVNULL,
    )
    written = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
    return proc, written


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    ws = tmp_path_factory.mktemp("workspace")
    (ws / "docs").mkdir()
    (ws / "docs" / "spun.txt").write_text(SPUN, encoding="utf-8")
    (ws / "docs" / "clean.md").write_text(CLEAN, encoding="utf-8")
    (ws / "other").mkdir()
    (ws / "other" / "my notes.txt").write_text(SPUN, encoding="utf-8")
    return ws


@pytest.fixture(scope="module")
def installed(tmp_path_factory, workspace):
    """The action's first run, with its default install: a virtual environment in RUNNER_TEMP and
    ``pip install "$GITHUB_ACTION_PATH"`` (this checkout; dependencies from the package index)."""
    runner_temp = tmp_path_factory.mktemp("runner-temp")
    proc, outputs = action(workspace, runner_temp, INPUT_PATHS="docs")
    venv_bin = runner_temp / "unspin-action-venv" / "bin"
    if not (venv_bin / "unspin").exists():
        pytest.fail(f"the action did not install unspin:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return venv_bin, runner_temp, proc, outputs


def annotations(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith(("::warning ", "::notice ", "::error "))]


def test_action_installs_unspin_from_its_checkout_and_annotates_findings(installed):
    venv_bin, runner_temp, proc, outputs = installed
    assert proc.returncode == 1, proc.stdout + proc.stderr  # findings fail the step by default
    assert f"::group::Install unspin from {ROOT}" in proc.stdout and "::endgroup::" in proc.stdout
    found = annotations(proc.stdout)
    assert [line.split("title=unspin ")[1].split("::")[0] for line in found] == RULES
    assert all(line.startswith("::warning file=docs/spun.txt,line=1,") for line in found)  # clean.md: nothing
    assert outputs == {"findings": "3", "exit-code": "1"}
    assert "unspin: 3 findings in docs" in (runner_temp / "step_summary").read_text(encoding="utf-8")
    assert "the step fails (set fail-on-findings: false" in proc.stderr
    where = subprocess.run(
        [str(venv_bin / "python"), "-c", "import unspin; print(unspin.__file__)"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        cwd=runner_temp,
    )
    assert "site-packages" in where.stdout and str(ROOT / "src") not in where.stdout  # installed, not this checkout


def test_clean_files_pass(installed, workspace):
    venv_bin, runner_temp, _, _ = installed
    proc, outputs = action(workspace, runner_temp, [venv_bin], INPUT_PATHS="docs/clean.md", INPUT_INSTALL="false")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert annotations(proc.stdout) == [] and "::group::" not in proc.stdout
    assert outputs == {"findings": "0", "exit-code": "0"}


def test_fail_on_findings_false_reports_without_failing(installed, workspace):
    venv_bin, runner_temp, _, _ = installed
    proc, outputs = action(
        workspace, runner_temp, [venv_bin], INPUT_PATHS="docs", INPUT_FAIL_ON_FINDINGS="false", INPUT_INSTALL="false"
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(annotations(proc.stdout)) == 3
    assert outputs == {"findings": "3", "exit-code": "1"}


def test_sarif_file_for_upload_sarif(installed, workspace):
    venv_bin, runner_temp, _, _ = installed
    proc, outputs = action(
        workspace,
        runner_temp,
        [venv_bin],
        INPUT_PATHS="docs",
        INPUT_SARIF_FILE="results/unspin.sarif",
        INPUT_INSTALL="false",
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert annotations(proc.stdout) == []  # SARIF instead of annotations
    log = json.loads((workspace / "results" / "unspin.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == RULES
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"docs/spun.txt"}
    assert outputs == {"findings": "3", "exit-code": "1"}
    proc, outputs = action(
        workspace,
        runner_temp,
        [venv_bin],
        INPUT_PATHS="docs/clean.md",
        INPUT_SARIF_FILE="results/clean.sarif",
        INPUT_INSTALL="false",
    )
    assert proc.returncode == 0 and outputs == {"findings": "0", "exit-code": "0"}
    assert json.loads((workspace / "results" / "clean.sarif").read_text(encoding="utf-8"))["runs"][0]["results"] == []


def test_args_and_quoted_paths(installed, workspace):
    venv_bin, runner_temp, _, _ = installed
    proc, outputs = action(
        workspace,
        runner_temp,
        [venv_bin],
        INPUT_PATHS='docs\n"other/my notes.txt"',
        INPUT_ARGS='--disable informed-said --exclude "*.md"',
        INPUT_INSTALL="false",
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    found = annotations(proc.stdout)
    assert len(found) == 4 and not any("informed-said" in line for line in found)
    assert sum(line.startswith("::warning file=other/my notes.txt,") for line in found) == 2
    assert outputs["findings"] == "4"


@pytest.mark.parametrize(
    "inputs, message",
    [
        ({"INPUT_PATHS": "missing.txt", "INPUT_FAIL_ON_FINDINGS": "false"}, "no such file"),
        ({"INPUT_ARGS": "--no-such-option"}, "No such option"),
        ({"INPUT_ARGS": '--exclude "vendor'}, "::error title=unspin action::args: "),
        ({"INPUT_FAIL_ON_FINDINGS": "maybe"}, "::error title=unspin action::fail-on-findings must be true or false"),
    ],
)
def test_errors_always_fail_the_step(installed, workspace, inputs, message):
    venv_bin, runner_temp, _, _ = installed
    proc, _ = action(workspace, runner_temp, [venv_bin], INPUT_INSTALL="false", **inputs)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert message in proc.stdout + proc.stderr


def test_action_yml_maps_every_input_to_the_script():
    import yaml  # pre-commit's own dependency

    spec = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert spec["runs"]["using"] == "composite"
    (step,) = spec["runs"]["steps"]
    assert step["shell"] == "bash" and step["run"] == 'bash "$GITHUB_ACTION_PATH/scripts/action_run.sh"'
    expected = {"INPUT_" + name.upper().replace("-", "_"): f"${{{{ inputs.{name} }}}}" for name in spec["inputs"]}
    assert step["env"] == expected
    assert set(spec["inputs"]) == {"paths", "args", "sarif-file", "fail-on-findings", "extras", "install"}
    assert spec["inputs"]["paths"]["default"] == "." and spec["inputs"]["fail-on-findings"]["default"] == "true"
    script = SCRIPT.read_text(encoding="utf-8")
    assert all(f"${{{name}" in script for name in expected)  # each one read by the script
    assert {o: v["value"] for o, v in spec["outputs"].items()} == {
        "findings": "${{ steps.unspin.outputs.findings }}",
        "exit-code": "${{ steps.unspin.outputs.exit-code }}",
    }
