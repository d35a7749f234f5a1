"""The reading layer: facts about a text computed once and shared by stateless passes."""

import ast
import json
import subprocess
from pathlib import Path

import pytest

from conftest import run
from unspin import loader
from unspin.document import Document
from unspin.reading import Reading, Word

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "unspin"


def reading(text: str) -> Reading:
    return Document(text, loader.load()).reading


def test_words_are_typed_records_with_offsets():
    r = reading("Peskov said it’s a one-way deal.")
    assert [w.text for w in r.words] == ["Peskov", "said", "it’s", "a", "one-way", "deal"]
    for w in r.words:
        assert isinstance(w, Word) and r.text[w.start : w.end] == w.text
    assert r.word_at(r.text.index("way")) == 4 and r.word_at(r.text.index(".")) is None


def test_a_glued_name_is_one_written_word_and_two_virtual_words():
    text = "The remarks were translated byGoogle on Tuesday."
    r = reading(text)
    at = text.index("byGoogle")
    assert r.glued_names == [(at, at + 2, at + len("byGoogle"))]
    assert r.cuts == {at: 2}
    assert "byGoogle" in [w.text for w in r.words]
    by, google = [w for w in r.virtual if at <= w.start < at + 8]
    assert (by.text, by.before_cut, google.text, google.after_cut) == ("by", True, "Google", True)
    assert r.spaced.text == text.replace("byGoogle", "by Google") and r.spaced.inserted == [at + 2]


def test_doubled_runs_read_across_a_glue():
    r = reading("Ties with the theKremlin grew, along with with others.")
    assert [[w.text for w in run] for run in r.doubled] == [["the", "the"], ["with", "with"]]


@pytest.mark.parametrize(
    "text, damaged",
    [
        ("We apply thealgorithm to the data.\n\nThe second paragraph is clean.", {0}),
        ("A clean paragraph first.\n\nThe tech-niques were new.", {1}),
        ("The remarks were translated byGoogle on Tuesday.", set()),
        ("Staff at DeepMind use PowerPoint and the iPhone.", set()),
    ],
)
def test_the_damage_gate_marks_paragraphs(text, damaged):
    assert set(reading(text).damaged) == damaged


def test_a_second_reading_reads_words_only():
    text = "We apply thealgorithm to partial ly broken text."
    first = reading(text)
    plain = Document(text, loader.load(), plain=True).reading
    assert first.glued_words and first.broken_runs
    assert plain.cuts == {} and plain.broken_runs == [] and plain.virtual == plain.words


def test_technical_text_is_judged_once_and_can_be_given():
    code = "Call readFile() with user_id=3 and set --no-cache in os.path first."
    assert reading(code).technical
    assert not Reading(code, loader.load().classes, technical=False).technical


def test_redundant_space_from_two_passes_is_written_once():
    from unspin import repair

    result = repair("Ties with the theKremlin grew.")
    assert result.text == "Ties with the Kremlin grew."
    assert [e.rule for e in result.findings] == ["doubled.word"]


# ---------------------------------------------------------------- structure
def _imports(path: Path, package: str) -> set[str]:
    """Modules of unspin that ``path`` imports anywhere (inside functions too), outside
    ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    out = set()
    for node in ast.walk(tree):
        if id(node) in skip or not isinstance(node, ast.ImportFrom) or not node.level:
            continue
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        target = ".".join(base + ([node.module] if node.module else []))
        for alias in node.names:
            sub = f"{target}.{alias.name}"
            out.add(sub if _module_file(sub) else target)
    return {m for m in out if _module_file(m)}


def _module_file(name: str) -> Path | None:
    parts = name.split(".")[1:]
    if not parts:
        return SRC / "__init__.py"
    rel = Path(*parts)
    for cand in (SRC / rel.with_suffix(".py"), SRC / rel / "__init__.py"):
        if cand.is_file():
            return cand
    return None


def test_no_import_circle_between_modules():
    graph = {}
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join(parts)
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        graph[name] = _imports(path, package) - {name}
    # a package's __init__ importing its own submodules is how a package is made, not a circle
    for name, deps in graph.items():
        graph[name] = {d for d in deps if not (d != "unspin" and name.startswith(d + "."))}
    graph["unspin"] = set()  # the top package only re-exports
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node):
        state[node] = 1
        path.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                raise AssertionError("import circle: " + " -> ".join(path[path.index(dep) :] + [dep]))
            if dep not in state:
                visit(dep)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_passes_read_the_reading_not_each_other():
    for path in (SRC / "passes").glob("*.py"):
        if path.name == "__init__.py":
            continue
        deps = _imports(path, "unspin.passes")
        assert not {d for d in deps if d.startswith("unspin.passes.")}, f"{path.name} imports another pass: {deps}"


# ---------------------------------------------------------------- unspin words
def _words(*args, stdin=""):
    proc = run("words", *args, stdin=stdin.encode())
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def test_words_shows_cuts_protection_and_damage(tmp_path):
    path = tmp_path / "sample.txt"
    path.write_text(
        'The remarks were translated byGoogle. He said "it is fine" on 12 May.\n\n'
        "We use thealgorithm on tech-niques.\n",
        encoding="utf-8",
    )
    proc = _words(str(path))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert f"{path}:1:29\tbyGoogle\treads 'by Google' (spacing.glued-name); no word on its own" in lines
    assert any(line.endswith("\tfine\tprotected: quote") for line in lines)
    assert any(line.startswith(f"{path}:3:1\t-- paragraph: damaged") for line in lines)
    assert any("\tthealgorithm\treads 'the algorithm' (spacing.glued-words)" in line for line in lines)
    assert any("\ttech-niques\treads 'techniques' (spacing.hyphen-break)" in line for line in lines)


def test_words_jsonl_has_file_offsets_and_reads_stdin():
    proc = _words("--format", "jsonl", "-", stdin="One byGoogle two.\n")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    words = [r for r in rows if r["kind"] == "word"]
    assert [w["text"] for w in words] == ["One", "byGoogle", "two"]
    assert words[1]["start"] == 4 and words[1]["end"] == 12 and words[1]["path"] == "<stdin>"


def test_words_on_a_missing_file_is_one_line_and_exit_2(tmp_path):
    proc = _words(str(tmp_path / "absent.txt"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "no such file" in proc.stderr
