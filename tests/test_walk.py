"""Which files a command takes, and with which settings (issue 14), through the command line in
temporary git repositories: .gitignore and .ignore files, --no-ignore, exclude patterns anchored
at their configuration's folder, text files by name and content, the note on an empty folder,
[[overrides]] by glob, nested configurations that extend their parents (or not: root = true),
both forms of .unspin.toml, and 'unspin: ignore[RULE]'."""

import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import run

ROOT = Path(__file__).resolve().parent.parent
SPUN = "The Kremlin informed Tuesday it has no purpose of deserting Iran.\n"
FIXED = "The Kremlin said Tuesday it has no intention of abandoning Iran.\n"
RULES = ["informed-said", "purpose-intention", "deserting-abandoning"]  # SPUN's findings, in order

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def repo(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A fresh git repository holding ``files`` (path -> text or bytes)."""
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    write(root, files)
    return root


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def found(proc) -> dict[str, list[str]]:
    """``check``'s text output as path -> rule ids."""
    out = defaultdict(list)
    for line in proc.stdout.decode().splitlines():
        path, _line, _col, rest = line.split(":", 3)
        out[path].append(rest.strip().split(":")[0])
    return dict(out)


# ------------------------------------------------------------------ ignore files
def test_gitignored_files_are_skipped_and_walked_with_no_ignore(tmp_path):
    root = repo(
        tmp_path,
        {
            ".gitignore": "drafts/\nnotes.txt\n",
            "a.txt": SPUN,
            "drafts/b.txt": SPUN,
            "notes.txt": SPUN,
            "sub/notes.txt": SPUN,  # a pattern without a slash matches at any depth
        },
    )
    proc = run("check", ".", cwd=root)
    assert proc.returncode == 1, proc.stderr
    assert found(proc) == {"./a.txt": RULES}
    every = run("check", "--no-ignore", ".", cwd=root)
    assert set(found(every)) == {"./a.txt", "./drafts/b.txt", "./notes.txt", "./sub/notes.txt"}
    # a file named on the command line is checked, ignored or not (as ripgrep does)
    assert set(found(run("check", "notes.txt", cwd=root))) == {"notes.txt"}
    # every walking command reads them: fix -w leaves the ignored files alone
    assert run("fix", "-w", ".", cwd=root).returncode == 0
    assert (root / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (root / "drafts" / "b.txt").read_text(encoding="utf-8") == SPUN


def test_nested_gitignore_ignore_and_info_exclude_are_anchored_at_their_folders(tmp_path):
    root = repo(
        tmp_path,
        {
            ".gitignore": "keep.txt\n",
            "docs/.gitignore": "!keep.txt\nsecret.txt\n",  # a deeper file overrides a shallower one
            "docs/keep.txt": SPUN,
            "docs/secret.txt": SPUN,
            "keep.txt": SPUN,
            "secret.txt": SPUN,  # docs/.gitignore says nothing about the root's files
            "docs/api/.ignore": "*.md\n",  # ripgrep's .ignore
            "docs/api/ref.md": SPUN,
            "docs/api/intro.txt": SPUN,
            "local.txt": SPUN,
        },
    )
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("local.txt\n", encoding="utf-8")
    assert set(found(run("check", ".", cwd=root))) == {"./secret.txt", "./docs/keep.txt", "./docs/api/intro.txt"}
    # walking a subfolder still reads the .gitignore files above it, up to the repository's root
    assert set(found(run("check", "api", cwd=root / "docs"))) == {"api/intro.txt"}


# ------------------------------------------------------------------ exclude
def test_exclude_is_anchored_at_the_configuration_folder_and_applies_to_named_files(tmp_path):
    root = repo(
        tmp_path,
        {
            ".unspin.toml": 'exclude = ["docs/drafts/", "*.draft.txt"]\n',
            "docs/a.txt": SPUN,
            "docs/drafts/x.txt": SPUN,
            "docs/b.draft.txt": SPUN,
            "drafts/y.txt": SPUN,  # not docs/drafts: the pattern is anchored at the configuration's folder
        },
    )
    assert set(found(run("check", ".", cwd=root))) == {"./docs/a.txt", "./drafts/y.txt"}
    # from a subfolder: the same configuration, the same anchor (was: no exclude at all)
    docs = root / "docs"
    assert set(found(run("check", ".", cwd=docs))) == {"./a.txt"}
    # named files too, as pre-commit passes them
    proc = run("check", "drafts/x.txt", "b.draft.txt", "a.txt", cwd=docs)
    assert proc.returncode == 1 and set(found(proc)) == {"a.txt"}
    assert run("check", "drafts/x.txt", cwd=docs).returncode == 0
    # the command line's patterns replace the configuration's, anchored at the current folder
    proc = run("check", "--exclude", "a.txt", "--exclude", "/drafts", "a.txt", "drafts/x.txt", "b.draft.txt", cwd=docs)
    assert set(found(proc)) == {"b.draft.txt"}


# ------------------------------------------------------------------ text files only
def test_only_text_files_are_walked(tmp_path):
    root = repo(
        tmp_path,
        {
            "a.md": SPUN,
            "README": SPUN,  # no extension: taken for its content
            "NOTES": b"Caf\xe9 " + SPUN.encode(),  # no extension and not UTF-8: skipped
            "CMakeLists.txt": SPUN,
            "requirements.txt": SPUN,
            "Makefile": SPUN,
            "Dockerfile": SPUN,
            "Cargo.lock": SPUN,
            "package.json": SPUN,
            "config.yaml": SPUN,
            "run": "#!/bin/sh\n" + SPUN,  # a script
            "data": b"\x00\x01" + SPUN.encode(),  # binary, no extension
            "scan.txt": b"%PDF\x00" + SPUN.encode(),  # binary with a prose extension
            ".hidden": SPUN,
            "pkg.egg-info/SOURCES.txt": SPUN,
        },
    )
    proc = run("check", ".", cwd=root)
    assert set(found(proc)) == {"./a.md", "./README"}, proc.stderr
    assert proc.returncode == 1 and b"binary" not in proc.stderr
    # a file named on the command line is always read
    assert set(found(run("check", "CMakeLists.txt", cwd=root))) == {"CMakeLists.txt"}


def test_a_folder_with_nothing_to_check_says_so(tmp_path):
    root = repo(
        tmp_path,
        {
            ".gitignore": "gen/\n",
            "build/Makefile": SPUN,
            "build/out.json": "{}\n",
            "gen/a.txt": SPUN,
            "empty/.keep": "",
        },
    )
    proc = run("check", "build", cwd=root)
    assert proc.returncode == 0 and proc.stdout == b""
    assert proc.stderr.decode().strip() == "unspin: build: no files to check (2 not prose by name or extension)"
    err = run("check", ".", "gen", cwd=root).stderr.decode()
    assert (
        "unspin: gen: no files to check (1 ignored by .gitignore or .ignore; --no-ignore checks ignored files)" in err
    )
    assert run("fix", "-w", "empty", cwd=root).stderr.decode().startswith("unspin: empty: no files to check")
    # a named file that is missing is still an error
    proc = run("check", "build", "missing.txt", cwd=root)
    assert proc.returncode == 2 and "missing.txt: no such file" in proc.stderr.decode()


# ------------------------------------------------------------------ per-file settings
def test_overrides_by_glob_later_ones_winning(tmp_path):
    root = repo(
        tmp_path,
        {
            ".unspin.toml": (
                'protect = ["theWidget"]\n'
                "[[overrides]]\n"
                'files = ["docs/**"]\n'
                'select = ["informed-said"]\n'
                'protect = ["theGadget"]\n'
                "[[overrides]]\n"
                'files = ["docs/legal/*.txt", "/NEWS.txt"]\n'
                'select = ["purpose-intention"]\n'
            ),
            "a.txt": SPUN,
            "docs/b.txt": SPUN,
            "docs/legal/c.txt": SPUN,
            "NEWS.txt": SPUN,
            "docs/NEWS.txt": SPUN,  # '/NEWS.txt' is anchored at the configuration's folder
        },
    )
    assert found(run("check", ".", cwd=root)) == {
        "./NEWS.txt": ["purpose-intention"],
        "./a.txt": RULES,
        "./docs/NEWS.txt": ["informed-said"],
        "./docs/b.txt": ["informed-said"],
        "./docs/legal/c.txt": ["purpose-intention"],  # the later override wins
    }
    shown = run("config", "docs/legal/c.txt", cwd=root).stdout.decode()
    conf = root / ".unspin.toml"
    assert f"# {conf} [overrides 1: docs/**]: applied" in shown
    assert f"# {conf} [overrides 2: docs/legal/*.txt, /NEWS.txt]: applied" in shown
    assert f'protect = ["theWidget", "theGadget"]  # {conf} + {conf} [overrides 1: docs/**]' in shown
    assert f'select = ["purpose-intention"]  # {conf} [overrides 2: docs/legal/*.txt, /NEWS.txt]' in shown
    shown = run("config", "docs/b.txt", cwd=root).stdout.decode()
    assert f"# {conf} [overrides 2: docs/legal/*.txt, /NEWS.txt]: not for this path" in shown


def test_nested_configuration_extends_its_parent_unless_root(tmp_path):
    root = repo(
        tmp_path,
        {
            "pyproject.toml": '[tool.unspin]\ndisable = ["informed-said"]\nprotect = ["theWidget"]\n',
            # the README's form, [tool.unspin], in a .unspin.toml
            "docs/.unspin.toml": '[tool.unspin]\ndisable = ["deserting-abandoning"]\n',
            "docs/a.txt": SPUN + "We ship theWidget.\n",
        },
    )
    out = run("fix", "docs/a.txt", cwd=root).stdout.decode()
    assert out == SPUN.replace("purpose", "intention") + "We ship theWidget.\n"  # both lists, and protect
    shown = run("config", "docs/a.txt", cwd=root).stdout.decode()
    assert f"# configuration file: {root / 'docs' / '.unspin.toml'}\n# extends: {root / 'pyproject.toml'}\n" in shown
    assert 'protect = ["theWidget"]' in shown
    (root / "docs" / ".unspin.toml").write_text(
        '[tool.unspin]\nroot = true\ndisable = ["deserting-abandoning"]\n', encoding="utf-8"
    )
    out = run("fix", "docs/a.txt", cwd=root).stdout.decode()
    assert out == FIXED.replace("abandoning", "deserting") + "We ship the Widget.\n"
    shown = run("config", "docs/a.txt", cwd=root).stdout.decode()
    assert "# extends:" not in shown and "# root = true in " in shown


def test_both_forms_of_unspin_toml(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(\[tool\.unspin\].*?)```", readme, re.S).group(1)
    root = repo(tmp_path, {".unspin.toml": example, "a.txt": SPUN})
    proc = run("config", "a.txt", cwd=root)  # the README's example, pasted, is a valid configuration
    assert proc.returncode == 0, proc.stderr
    assert "[overrides 1: " in proc.stdout.decode()
    (root / ".unspin.toml").write_text('unsafe = true\n[tool.unspin]\nspin = "on"\n', encoding="utf-8")
    proc = run("check", "a.txt", cwd=root)
    assert proc.returncode == 2 and "use one form" in proc.stderr.decode()
    (root / ".unspin.toml").write_text('[[overrides]]\nfiles = ["*.txt"]\nroot = true\n', encoding="utf-8")
    proc = run("check", "a.txt", cwd=root)
    assert proc.returncode == 2 and "overrides 1: unknown setting 'root'" in proc.stderr.decode()


# ------------------------------------------------------------------ inline suppression of chosen rules
def test_ignore_chosen_rules_on_a_line(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        SPUN.rstrip("\n") + " <!-- unspin: ignore[informed-said, deserting-abandoning] -->\n"
        "<!-- unspin: ignore-next-line[purpose-intention] -->\n" + SPUN + SPUN,
        encoding="utf-8",
    )
    rules = [r for rules in found(run("check", str(path))).values() for r in rules]
    assert rules == ["purpose-intention", "informed-said", "deserting-abandoning", *RULES]
    out = run("fix", str(path)).stdout.decode().splitlines()
    assert out[0].startswith("The Kremlin informed Tuesday it has no intention of deserting Iran.")
    assert out[2] == "The Kremlin said Tuesday it has no purpose of abandoning Iran." and out[3] == FIXED.strip()
    # a category works as with --disable; an unknown id is a warning that names the nearest
    path.write_text(SPUN.rstrip("\n") + " <!-- unspin: ignore[context, informed-sad] -->\n", encoding="utf-8")
    proc = run("check", str(path))
    assert proc.returncode == 0 and proc.stdout == b""  # SPUN's three rules are all 'context' rules
    err = proc.stderr.decode().strip()
    assert err == (
        f"unspin: {path}:1:96: unknown rule or category 'informed-sad' in an ignore comment "
        "(did you mean 'informed-said'?); it suppresses nothing"
    )


# ------------------------------------------------------------------ the pieces, without a process
@pytest.mark.parametrize(
    "name, kind",
    [
        ("notes.md", "prose"),
        ("INDEX.HTML", "prose"),
        ("README", "maybe"),
        ("CMakeLists.txt", ""),
        ("requirements-dev.txt", ""),
        ("Makefile", ""),
        ("Makefile.am", ""),
        ("Dockerfile.prod", ""),
        ("poetry.lock", ""),
        ("package-lock.json", ""),
        ("setup.cfg", ""),
        (".gitignore", ""),
        (".notes.md", "prose"),
        ("main.py", ""),
    ],
)
def test_names_a_walk_takes(name, kind):
    from unspin import files

    assert files.by_name(name) == kind


def test_content_sniffing(tmp_path):
    from unspin import files

    cases = {
        "text": b"plain words!\n" + "é".encode() * 5000,  # a character cut at 8 KiB is fine
        "binary": b"GIF89a\x00\x01",
        "not UTF-8": b"caf\xe9 au lait\n",
        "script": b"#!/usr/bin/env python3\nprint()\n",
    }
    for want, data in cases.items():
        (tmp_path / "f").write_bytes(data)
        assert files.sniff(str(tmp_path / "f")) == want


def test_ignore_ids_and_their_offsets():
    from unspin import suppress

    text = "a\nb <!-- unspin: ignore[x,  phrase:y ] -->\nc # unspin: ignore-next-line[z]\nd\n"
    assert suppress.named_ids(text) == [
        (text.index("x"), "x"),
        (text.index("phrase:y"), "phrase:y"),
        (text.index("z]"), "z"),
    ]
    spans = suppress.rule_spans(text)
    assert [(text[s.start : s.end], sorted(s.ids)) for s in spans] == [
        ("b <!-- unspin: ignore[x,  phrase:y ] -->", ["phrase:y", "x"]),
        ("c # unspin: ignore-next-line[z]\nd", ["z"]),
    ]
    assert suppress.regions(text) == []  # no whole-line suppression
    assert [r.kind for r in suppress.regions("a # unspin: ignore[]\n")] == ["suppressed"]  # an empty list: the line
