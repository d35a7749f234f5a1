"""Protection holds at any size: chunk boundaries never fall inside a protected block, so
`check`, `fix` and `diff` (which reads whole files) agree on every file."""

import io
from functools import partial
from pathlib import Path

import pytest

from conftest import run
from unspin import Options, cli, repair, stream

ROOT = Path(__file__).resolve().parent.parent
SPUN = "The Kremlin informed Tuesday it has no purpose of deserting Iran."
PROSE = "Officials met in the capital on Monday to discuss the budget and the plan."


# (600 s per run, not conftest's default)
run = partial(run, timeout=600)


def _paras(n: int, line: str = PROSE) -> str:
    return f"{line}\n\n" * n


def big(opening: str, closing: str, inside: str = SPUN) -> str:
    """Prose, then a protected block that crosses the first chunk boundary, then spun prose."""
    before = _paras(stream.CHUNK // 2 // len(PROSE))
    block = opening + _paras(stream.CHUNK // len(inside), inside) + closing
    return before + block + _paras(3) + SPUN + "\n"


CASES = {
    "fence.md": ("```text\n", "```\n"),
    "tilde.md": ("~~~~\n", "~~~~\n"),
    "pre.html": ("<pre><code>\n", "</code></pre>\n"),
    "script.html": ("<script>\n", "</script>\n"),
    "comment.html": ("<!--\n", "-->\n"),
    "off.txt": ("unspin: off\n\n", "unspin: on\n"),
    "ticks.txt": ("```\n", "```\n"),
    "literal.rst": ("Example::\n\n", ""),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_block_across_the_chunk_boundary_stays_protected(name, tmp_path):
    opening, closing = CASES[name]
    inside = "    " + SPUN if name.endswith(".rst") else SPUN
    text = big(opening, closing, inside)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    markup = {"md": "markdown", "html": "html", "rst": "rst"}.get(name.rsplit(".", 1)[1], "text")
    whole = repair(text, Options(markup=markup)).text
    fixed = run("fix", str(path)).stdout.decode()
    assert fixed == whole  # fix (chunked) agrees with diff (whole file)
    assert fixed.count(SPUN) == text.count(SPUN) - 1  # only the sentence after the block changed
    found = run("check", "--safe-only", "--format", "jsonl", str(path)).stdout.decode().splitlines()
    assert len(found) == 3  # informed, purpose, deserting: all after the block


def test_a_block_longer_than_the_buffer_is_carried_over(monkeypatch, tmp_path):
    monkeypatch.setattr(stream, "CHUNK", 2000)
    monkeypatch.setattr(stream, "MAX_BUFFER", 6000)
    text = _paras(30) + "```\n" + _paras(200, SPUN) + "```\n\n" + SPUN + "\n\n" + _paras(30)
    _, parts = stream.chunks(io.BytesIO(text.encode()), "x.md", "markdown")
    parts = list(parts)
    assert "".join(c.text for c in parts) == text
    assert len(parts) > 3 and any(c.protected for c in parts)
    path = tmp_path / "x.md"
    path.write_text(text, encoding="utf-8")
    out = cli.process(str(path), {}, "fix").output.decode()
    assert out == repair(text, Options(markup="markdown")).text
    assert out.count(SPUN) == 200


def test_a_nul_byte_anywhere_means_binary(tmp_path):
    path = tmp_path / "late.txt"
    data = (SPUN + "\n").encode() * 1000 + b"\0" + (SPUN + "\n").encode()
    path.write_bytes(data)
    proc = run("fix", "-w", str(path))
    assert proc.returncode == 2 and b"binary" in proc.stderr
    assert path.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["late.txt"]


def test_rst_literal_blocks_and_directives_are_protected():
    text = (
        "Intro paragraph.\n\nExample::\n\n    The Kremlin informed Tuesday it.\n\n"
        "    still literal: informed Tuesday\n\n"
        ".. code-block:: text\n\n   The Kremlin informed Tuesday it.\n\n"
        ".. note::\n   :class: informed Tuesday\n\n"
        "After: The Kremlin informed Tuesday it.\n"
    )
    fixed = repair(text, Options(markup="rst")).text
    assert fixed == text.replace("After: The Kremlin informed", "After: The Kremlin said")


def test_rst_files_are_read_as_rst(tmp_path):
    path = tmp_path / "doc.rst"
    path.write_text("Example::\n\n    The Kremlin informed Tuesday it.\n", encoding="utf-8")
    assert run("check", str(path)).returncode == 0


def test_one_enormous_line_of_words_still_streams_in_small_chunks():
    text = "Officials met in the capital on Monday. " * 40_000  # 1.6M characters, no line break
    _, parts = stream.chunks(io.BytesIO(text.encode()), "x.txt")
    sizes = [len(c.text) for c in parts]
    assert sum(sizes) == len(text) and max(sizes) <= 2 * stream.CHUNK
