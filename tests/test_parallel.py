"""A long input's chunks repaired in worker processes give exactly what one process gives."""

import shutil
from pathlib import Path

import pytest

from unspin import cli, stream

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "kremlin-iran-spun.txt").read_text(encoding="utf-8")


@pytest.fixture()
def long_file(tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "CHUNK", 2000)  # many chunks from a small file
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join([SEED] * 4), encoding="utf-8")
    return path


def test_fix_and_check_are_the_same_with_workers(long_file):
    chunks = list(stream.chunks(long_file.open("rb"), str(long_file), "text")[1])
    assert len(chunks) > 4
    one = cli.process(str(long_file), {}, "fix", jobs=1)
    two = cli.process(str(long_file), {}, "fix", jobs=2)
    assert not one.errors and one.output == two.output and one.edits == two.edits > 0
    one = cli.process(str(long_file), {}, "check", jobs=1)
    two = cli.process(str(long_file), {}, "check", jobs=2)
    assert one.records == two.records and len(one.records) > 0


def test_write_with_workers_rewrites_the_file_as_fix_prints_it(long_file, tmp_path):
    expected = cli.process(str(long_file), {}, "fix", jobs=1).output
    copy = tmp_path / "copy.txt"
    shutil.copy(long_file, copy)
    out = cli.process(str(copy), {}, "write", jobs=2)
    assert not out.errors and out.changed and copy.read_bytes() == expected


def test_a_short_input_starts_no_pool(tmp_path, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for one chunk")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_pool)
    path = tmp_path / "short.txt"
    path.write_text("The remarks were translated byGoogle He did not answer.\n", encoding="utf-8")
    out = cli.process(str(path), {}, "fix", jobs=2)
    assert out.output == b"The remarks were translated by Google. He did not answer.\n"
