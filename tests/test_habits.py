"""The repository's habits: one version string, every imported package declared, CI running the
README's command, and the pre-commit configuration for this repository's own commits."""

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

import unspin

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "unspin"

#: import name -> distribution name, where the two differ
DISTRIBUTIONS = {
    "markdown_it": "markdown-it-py",
    "mdit_py_plugins": "mdit-py-plugins",
    "harper": "harper-py",
    "language_tool_python": "language-tool-python",
}
#: extras for development, not for users: a package the code imports must not be declared only here
DEV_EXTRAS = {"test", "bench"}
#: the standard library of every Python unspin supports (tomllib is new in 3.11; config.py asks first)
STDLIB = set(sys.stdlib_module_names) | {"tomllib"}


def pyproject() -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    """'tomli>=2.0; python_version < "3.11"' -> 'tomli'."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, f"cannot read the requirement {requirement!r}"
    return normalized(match.group(1))


def third_party_imports() -> dict[str, list[tuple[str, int, bool]]]:
    """Top-level module -> [(file, line, guarded)] for every absolute import of a module outside
    the standard library; ``guarded``: inside a ``try`` that catches ImportError."""
    found: dict[str, list[tuple[str, int, bool]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        guarded: set[int] = set()  # ids of import nodes inside a try that catches ImportError
        for node in ast.walk(tree):
            if isinstance(node, ast.Try) and any(_catches_import_error(h) for h in node.handlers):
                guarded.update(id(n) for stmt in node.body for n in ast.walk(stmt))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in STDLIB or top == "unspin":
                    continue
                where = (str(path.relative_to(ROOT)), node.lineno, id(node) in guarded)
                found.setdefault(top, []).append(where)
    return found


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(k, ast.Name) and k.id in ("ImportError", "ModuleNotFoundError") for k in kinds)


def distribution(module: str) -> str:
    if module in DISTRIBUTIONS:
        return DISTRIBUTIONS[module]
    installed = importlib.metadata.packages_distributions().get(module)
    return installed[0] if installed else module


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


def test_every_imported_third_party_package_is_declared():
    project = pyproject()["project"]
    required = {requirement_name(r) for r in project["dependencies"]}
    extras = {
        name: {requirement_name(r) for r in reqs}
        for name, reqs in project.get("optional-dependencies", {}).items()
        if name not in DEV_EXTRAS
    }
    optional = set().union(*extras.values())
    imports = third_party_imports()
    assert {"regex", "click"} <= set(imports)  # the walk sees the imports at all
    missing, unguarded = [], []
    for module, places in sorted(imports.items()):
        dist = normalized(distribution(module))
        if dist in required:
            continue
        if dist not in optional:
            missing.append(f"{module} ({dist}), imported at {places[0][0]}:{places[0][1]}")
            continue
        # a package of an extra: imported where its absence can be reported, never at load time
        unguarded += [f"{module} at {file}:{line}" for file, line, guarded in places if not guarded]
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"
    assert not unguarded, f"packages of an extra imported without 'except ImportError': {unguarded}"


def test_declared_runtime_dependencies_are_imported():
    """A dependency nothing imports is dead weight (the test extra is for tests, not checked here)."""
    imported = {normalized(distribution(m)) for m in third_party_imports()}
    unused = [r for r in pyproject()["project"]["dependencies"] if requirement_name(r) not in imported]
    assert not unused, f"declared but never imported by src/unspin: {unused}"


def test_ci_runs_the_readme_test_command():
    """.ci/run runs exactly the command the README gives for the tests, lint and type check included."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    test_command = next(c for c in commands if "pytest" in c)
    for step in ("ruff check .", "ruff format --check .", "mypy", "python -m pytest -q"):
        assert f"&& {step}" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci


def test_pre_commit_config_is_valid_and_checks_prose_with_the_published_hook():
    import yaml  # pre-commit's own dependency

    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: (repo["repo"], h) for repo in config["repos"] for h in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "mypy", "unspin-check"} <= set(hooks)
    assert "--fix" in hooks["ruff-check"][1]["args"]
    assert hooks["mypy"][0] == "local" and hooks["mypy"][1]["language"] == "system"
    published = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    repo, own = hooks["unspin-check"]
    assert repo == "local" and own["entry"] == published["unspin-check"]["entry"]
    assert own["language"] == "system"  # this checkout's unspin, not a released copy
    assert re.search(own["files"], "README.md") and re.search(own["files"], "CHANGELOG.md")
