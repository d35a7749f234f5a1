"""unspin corpus: records in, cleaned records out, nothing lost; locally, resumed, and on Dask.

The documents are paragraphs of the repository's own corpora (spun news and clean news), so
the repairs asserted on are the ones ``unspin fix`` makes of real text.
"""

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from unspin import cli
from unspin.corpus import clean_frames, clean_records
from unspin.corpus.clean import APPLIED, FINDINGS, HELD, SCORE, VERDICT

ADDED = (SCORE, VERDICT, APPLIED, HELD, FINDINGS)


def paragraphs() -> list[str]:
    out = []
    for folder in ("news", "clean"):
        for path in sorted((ROOT / "corpora" / folder).glob("*.txt")):
            out += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 12]
    return out


def documents(n: int = 36) -> list[dict]:
    """``n`` records of 1 to 3 paragraphs each, spun and clean mixed, with fields of every JSON kind."""
    paras = paragraphs()
    docs = []
    for i in range(n):
        start = (i * 7) % (len(paras) - 3)
        text = "\n\n".join(paras[start : start + 1 + i % 3])
        docs.append(
            {
                "id": f"doc-{i:03d}",
                "url": f"https://news.example/{i}",
                "text": text,
                "meta": {"lang": "en", "tags": ["news", str(i % 4)], "rank": i / 7},
                "words": len(text.split()),
                "kept": i % 2 == 0,
                "note": None,
                "title": "Café – “São Paulo” ✓",
            }
        )
    return docs


@pytest.fixture(scope="module")
def docs():
    return documents()


def write_jsonl(path: Path, records, extra_lines=()) -> Path:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def corpus(*args, cwd=None):
    """``unspin corpus ARGS`` in this process; the click result (stdout and stderr apart)."""
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(cli.main, ["corpus", *map(str, args)], catch_exceptions=False)
    finally:
        os.chdir(old)


def fixed_by_unspin_fix(tmp_path: Path, texts: list[str]) -> list[str]:
    """What ``unspin fix -w`` makes of each text, written as a file of its own."""
    folder = tmp_path / "as-files"
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"{i:04d}.txt").write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(cli.main, ["fix", "-w", "-q", "-j", "1", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [(folder / f"{i:04d}.txt").read_bytes().decode("utf-8") for i in range(len(texts))]


# ------------------------------------------------------------------ the output is fix's output


def test_each_record_gets_what_unspin_fix_writes_and_every_other_field_is_kept(tmp_path, docs):
    src = write_jsonl(tmp_path / "news.jsonl", docs)
    result = corpus(src, "--out", tmp_path / "out.jsonl", "-j", "1", "--partition-size", "5", "-q")
    assert result.exit_code == 0, result.output
    out = read_jsonl(tmp_path / "out.jsonl")
    assert len(out) == len(docs)
    assert [r["text"] for r in out] == fixed_by_unspin_fix(tmp_path, [d["text"] for d in docs])
    assert sum(r["text"] != d["text"] for r, d in zip(out, docs)) >= len(docs) // 3  # spun text was repaired
    for before, after in zip(docs, out):
        assert list(after)[: len(before)] == list(before)  # same fields, same order, added ones last
        assert {k: v for k, v in after.items() if k != "text" and k not in ADDED} == {
            k: v for k, v in before.items() if k != "text"
        }
        assert after[VERDICT] in ("spun", "clean")
        assert FINDINGS not in after


def test_a_record_longer_than_a_chunk_is_read_in_the_chunks_fix_reads_a_file_in(tmp_path):
    from unspin import stream

    long_text = "\n\n".join(paragraphs())
    while len(long_text) <= stream.CHUNK:
        long_text += "\n\n" + long_text
    assert len(long_text) > stream.CHUNK
    src = write_jsonl(tmp_path / "long.jsonl", [{"text": long_text}])
    assert corpus(src, "-o", tmp_path / "out.jsonl", "-j", "1", "-q").exit_code == 0
    assert read_jsonl(tmp_path / "out.jsonl")[0]["text"] == fixed_by_unspin_fix(tmp_path, [long_text])[0]


def test_score_and_counts_agree_with_unspin_score_and_check(tmp_path, docs):
    picked = docs[:6]
    src = write_jsonl(tmp_path / "few.jsonl", picked)
    assert corpus(src, "-o", tmp_path / "out.jsonl", "-j", "1", "-q", "--findings").exit_code == 0
    out = read_jsonl(tmp_path / "out.jsonl")
    runner = CliRunner()
    for i, (doc, rec) in enumerate(zip(picked, out)):
        path = tmp_path / f"doc{i}.txt"
        path.write_text(doc["text"], encoding="utf-8")
        score = json.loads(runner.invoke(cli.main, ["score", "--format", "json", str(path)]).stdout)[0]
        assert rec[SCORE] == score["score"] and rec[VERDICT] == ("spun" if score["spun"] else "clean")
        found = json.loads(runner.invoke(cli.main, ["check", "--format", "json", str(path)]).stdout)
        assert [(f["rule"], f["start"], f["end"], f["suggestion"], f["applied"]) for f in rec[FINDINGS]] == [
            (f["rule"], f["start"], f["end"], f["suggestion"], f["applied"]) for f in found
        ]
        applied = {}
        for f in found:
            if f["applied"]:
                applied[f["category"]] = applied.get(f["category"], 0) + 1
        assert rec[APPLIED] == applied
        assert sum(rec[HELD].values()) == sum(not f["applied"] for f in found)


def test_check_mode_leaves_the_text_and_adds_the_findings(tmp_path, docs):
    src = write_jsonl(tmp_path / "news.jsonl", docs[:8])
    assert corpus(src, "-o", tmp_path / "out.jsonl", "--mode", "check", "-j", "1", "-q").exit_code == 0
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [r["text"] for r in out] == [d["text"] for d in docs[:8]]
    assert any(r[FINDINGS] for r in out)
    for r in out:  # each finding points at the text it would change
        for f in r[FINDINGS]:
            assert r["text"][f["start"] : f["end"]] == f["original"]


def test_output_field_keeps_the_text_and_writes_the_repair_beside_it(tmp_path, docs):
    src = write_jsonl(tmp_path / "news.jsonl", docs[:8])
    args = ("-o", tmp_path / "out.jsonl", "--output-field", "text_clean", "-j", "1", "-q")
    assert corpus(src, *args).exit_code == 0
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [r["text"] for r in out] == [d["text"] for d in docs[:8]]
    assert [r["text_clean"] for r in out] == fixed_by_unspin_fix(tmp_path, [d["text"] for d in docs[:8]])


def test_text_field_names_the_field_that_holds_the_text(tmp_path, docs):
    records = [{"body": d["text"], "id": d["id"]} for d in docs[:4]]
    src = write_jsonl(tmp_path / "body.jsonl", records)
    assert corpus(src, "-o", tmp_path / "out.jsonl", "--text-field", "body", "-j", "1", "-q").exit_code == 0
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [r["body"] for r in out] == fixed_by_unspin_fix(tmp_path, [d["text"] for d in docs[:4]])


def test_gzip_in_gzip_out_with_the_same_records(tmp_path, docs):
    plain = write_jsonl(tmp_path / "a.jsonl", docs[:10])
    packed = write_jsonl(tmp_path / "b.jsonl.gz", docs[:10])
    assert corpus(plain, "-o", tmp_path / "a-out.jsonl", "-j", "1", "-q", "--partition-size", "3").exit_code == 0
    assert corpus(packed, "-o", tmp_path / "b-out.jsonl.gz", "-j", "1", "-q", "--partition-size", "3").exit_code == 0
    with open(tmp_path / "b-out.jsonl.gz", "rb") as fh:
        assert fh.read(2) == b"\x1f\x8b"
    assert read_jsonl(tmp_path / "b-out.jsonl.gz") == read_jsonl(tmp_path / "a-out.jsonl")


def test_a_folder_of_inputs_is_mirrored_in_the_output_folder(tmp_path, docs):
    data = tmp_path / "data"
    (data / "2025").mkdir(parents=True)
    (data / ".cache").mkdir()
    write_jsonl(data / "a.jsonl", docs[:3])
    write_jsonl(data / "2025" / "b.jsonl.gz", docs[3:6])
    write_jsonl(data / ".cache" / "c.jsonl", docs[6:7])  # hidden: not part of the corpus
    (data / "README.md").write_text("not a corpus file\n")
    result = corpus(data, "-o", tmp_path / "clean", "-j", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(tmp_path / "clean").as_posix() for p in (tmp_path / "clean").rglob("*.*")) == [
        "2025/b.jsonl.gz",
        "a.jsonl",
    ]
    assert "2 inputs, 6 records: 6 written" in result.stderr
    assert not (tmp_path / "clean.unspin-work").exists()


def test_an_output_inside_the_input_folder_is_not_read_back_as_input(tmp_path, docs):
    data = tmp_path / "data"
    data.mkdir()
    write_jsonl(data / "a.jsonl", docs[:2], ["{bad"])
    for _ in range(2):  # the second run finds the first one's output and rejects beside its input
        result = corpus(data, "-o", data / "clean", "-j", "1", "--overwrite")
        assert result.exit_code == 0, result.output
        assert "1 input, 3 records: 2 written" in result.stderr
    assert sorted(p.relative_to(data).as_posix() for p in data.rglob("*.jsonl")) == [
        "a.jsonl",
        "clean.rejects.jsonl",
        "clean/a.jsonl",
    ]


def test_two_local_workers_write_what_one_writes(tmp_path, docs):
    src = write_jsonl(tmp_path / "news.jsonl", docs)
    assert corpus(src, "-o", tmp_path / "one.jsonl", "-j", "1", "-q", "--partition-size", "4").exit_code == 0
    assert corpus(src, "-o", tmp_path / "two.jsonl", "-j", "2", "-q", "--partition-size", "4").exit_code == 0
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


# ------------------------------------------------------------------ Parquet


def test_parquet_round_trip_keeps_every_column_type_and_the_order(tmp_path, docs):
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    picked = docs[:9]
    table = pa.table(
        {
            "id": pa.array([d["id"] for d in picked]),
            "text": pa.array([d["text"] for d in picked], pa.large_string()),
            "rank": pa.array([i * 0.5 for i in range(9)], pa.float32()),
            "when": pa.array([datetime.datetime(2025, 1, i + 1, 12) for i in range(9)], pa.timestamp("ms", tz="UTC")),
            "tags": pa.array([["a", str(i)] for i in range(9)], pa.list_(pa.string())),
            "meta": pa.array([{"lang": "en", "n": i} for i in range(9)]),
            "maybe": pa.array([None if i % 3 else i for i in range(9)], pa.int16()),
        }
    ).replace_schema_metadata({b"source": b"crawl-7"})
    pq.write_table(table, tmp_path / "in.parquet", compression="zstd")
    result = corpus(tmp_path / "in.parquet", "-o", tmp_path / "out.parquet", "-j", "2", "--partition-size", "4", "-q")
    assert result.exit_code == 0, result.output
    out = pq.read_table(tmp_path / "out.parquet")
    assert out.schema.names[: len(table.schema.names)] == table.schema.names
    assert out.schema.metadata[b"source"] == b"crawl-7"
    assert out.select(table.schema.names).drop_columns(["text"]).equals(table.drop_columns(["text"]))
    assert out.schema.field("text").type == pa.large_string()
    assert out.column("text").to_pylist() == fixed_by_unspin_fix(tmp_path, [d["text"] for d in picked])
    assert pq.ParquetFile(tmp_path / "out.parquet").metadata.row_group(0).column(0).compression == "ZSTD"
    jsonl = write_jsonl(tmp_path / "same.jsonl", picked)
    assert corpus(jsonl, "-o", tmp_path / "same-out.jsonl", "-j", "1", "-q").exit_code == 0
    as_json = read_jsonl(tmp_path / "same-out.jsonl")
    for row, rec in zip(out.to_pylist(), as_json):
        assert (row[SCORE], row[VERDICT], dict(row[APPLIED]), dict(row[HELD])) == (
            rec[SCORE],
            rec[VERDICT],
            rec[APPLIED],
            rec[HELD],
        )


def test_parquet_null_texts_are_rejects_and_a_missing_column_is_said_before_any_work(tmp_path, docs):
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [docs[0]["text"], None, docs[1]["text"]]
    pq.write_table(pa.table({"n": [1, 2, 3], "text": texts}), tmp_path / "in.parquet")
    assert corpus(tmp_path / "in.parquet", "-o", tmp_path / "out.parquet", "-j", "1", "-q").exit_code == 0
    assert pq.read_table(tmp_path / "out.parquet").column("n").to_pylist() == [1, 3]
    (reject,) = read_jsonl(tmp_path / "out.parquet.rejects.jsonl")
    where = str(tmp_path / "in.parquet")
    assert reject == {"input": where, "record": 1, "reason": "the text is null", "raw": {"n": 2, "text": None}}
    result = corpus(tmp_path / "in.parquet", "-o", tmp_path / "o2.parquet", "--text-field", "body")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"unspin: {where}: no column 'body' (columns: n, text); see --text-field"
    assert not (tmp_path / "o2.parquet").exists()


def test_an_input_without_records_gives_an_output_without_records(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "empty.jsonl").write_bytes(b"")
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), tmp_path / "empty.parquet")
    assert corpus(tmp_path / "empty.jsonl", "-o", tmp_path / "o.jsonl", "-q").exit_code == 0
    assert (tmp_path / "o.jsonl").read_bytes() == b""
    assert corpus(tmp_path / "empty.parquet", "-o", tmp_path / "o.parquet", "-q").exit_code == 0
    out = pq.read_table(tmp_path / "o.parquet")
    assert out.num_rows == 0 and SCORE in out.schema.names


# ------------------------------------------------------------------ nothing lost


def test_bad_records_go_to_the_rejects_file_with_their_reason_and_the_run_goes_on(tmp_path, docs):
    good = docs[:4]
    src = tmp_path / "mixed.jsonl"
    lines = [json.dumps(good[0]), "{broken", "", json.dumps(good[1]), "[1, 2]", json.dumps({"id": 9})]
    lines += [json.dumps({"text": 42}), json.dumps(good[2]), json.dumps({"text": "a\u0000b"})]
    lines += [json.dumps({"text": "\ud800 lone"}), json.dumps(good[3])]
    body = ("\n".join(lines) + "\n").encode("utf-8") + b'{"text": "caf\xe9"}\n'
    src.write_bytes(body)
    result = corpus(src, "-o", tmp_path / "out.jsonl", "-j", "2", "--partition-size", "3")
    assert result.exit_code == 0, result.output
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [r["id"] for r in out] == [d["id"] for d in good]
    rejects = read_jsonl(tmp_path / "out.jsonl.rejects.jsonl")
    assert [(r["line"], r["reason"]) for r in rejects] == [
        (2, "not JSON (Expecting property name enclosed in double quotes at column 2)"),
        (5, "not a JSON object (a array)"),
        (6, "no field 'text'"),
        (7, "field 'text' is number, not a string"),
        (9, "the text holds NUL characters"),
        (10, "the text holds an unpaired surrogate (\\ud800)"),
        (12, "not UTF-8 (invalid byte at column 14)"),
    ]
    assert rejects[0]["raw"] == "{broken"
    assert len(out) + len(rejects) == sum(1 for line in body.split(b"\n") if line.strip())
    assert "11 records: 4 written" in result.stderr and "7 rejected" in result.stderr


# ------------------------------------------------------------------ resume


def test_a_killed_run_resumes_without_redoing_finished_partitions(tmp_path, docs):
    src = write_jsonl(tmp_path / "news.jsonl", docs)
    out, stats = tmp_path / "out.jsonl", tmp_path / "stats.json"
    args = [sys.executable, "-m", "unspin", "corpus", str(src), "-o", str(out), "-j", "1", "--partition-size", "2"]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(args + ["-q"], env=env, stderr=subprocess.PIPE)
    work = tmp_path / "out.jsonl.unspin-work"
    deadline = time.monotonic() + 120
    while len(list(work.glob("*-*.json"))) < 4 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    finished = sorted(p.name for p in work.glob("*-*.json"))
    assert 4 <= len(finished) < len(docs) // 2, "the run was not stopped halfway"
    assert not out.exists()
    before = {name: (work / name).stat().st_mtime_ns for name in finished}
    again = subprocess.run(args + ["--stats", str(stats)], env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    figures = json.loads(stats.read_text())
    assert figures["partitions_resumed"] == len(finished)
    assert figures["records_this_run"] == len(docs) - 2 * len(finished) and figures["records"] == len(docs)
    assert f"{len(finished)} of {len(docs) // 2} partitions kept from the interrupted run" in again.stderr
    # the kept partitions were cleaned by the killed process, the rest by the new one
    assert sum(w["partitions"] for w in figures["workers"]) == len(docs) // 2 and len(figures["workers"]) == 2
    assert before  # (their markers were not rewritten: the new run only read them)
    fresh = tmp_path / "fresh.jsonl"
    assert corpus(src, "-o", fresh, "-j", "1", "-q", "--partition-size", "2").exit_code == 0
    assert out.read_bytes() == fresh.read_bytes()
    assert not work.exists()


def test_ctrl_c_stops_the_workers_says_how_to_resume_and_the_same_command_finishes(tmp_path, docs):
    src = write_jsonl(tmp_path / "news.jsonl", docs[:16])
    out = tmp_path / "out.jsonl"
    args = [sys.executable, "-m", "unspin", "corpus", str(src), "-o", str(out), "-j", "2", "--partition-size", "1"]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(args, env=env, stderr=subprocess.PIPE, text=True)
    work = tmp_path / "out.jsonl.unspin-work"
    deadline = time.monotonic() + 120
    while len(list(work.glob("*-*.json"))) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.splitlines()[-2:] == [
        f"unspin: stopped; the finished partitions are kept in {work}: the same command resumes the run",
        "unspin: interrupted",
    ]
    assert not out.exists() and 3 <= len(list(work.glob("*-*.json"))) < 16
    again = subprocess.run(args + ["-q"], env=env, capture_output=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert [r["id"] for r in read_jsonl(out)] == [d["id"] for d in docs[:16]]


def test_an_unfinished_run_with_other_settings_is_not_mixed_in(tmp_path, docs):
    src = write_jsonl(tmp_path / "news.jsonl", docs[:4])
    work = tmp_path / "out.jsonl.unspin-work"
    work.mkdir()
    (work / "run.json").write_text(json.dumps({"unspin": "0.0.1"}))
    result = corpus(src, "-o", tmp_path / "out.jsonl", "-j", "1")
    assert result.exit_code == 2
    assert "holds an unfinished run with other" in result.stderr and "--restart" in result.stderr
    assert corpus(src, "-o", tmp_path / "out.jsonl", "-j", "1", "-q", "--restart").exit_code == 0
    assert len(read_jsonl(tmp_path / "out.jsonl")) == 4


# ------------------------------------------------------------------ what cannot be done is said


@pytest.mark.parametrize(
    "make, args, message",
    [
        (lambda t: t / "nope.jsonl", [], "nope.jsonl: no such file or folder"),
        (lambda t: (t / "notes.txt").write_text("x") and t / "notes.txt", [], "notes.txt: not a corpus file"),
        (lambda t: (t / "empty").mkdir() or t / "empty", [], "empty: no JSON Lines or Parquet file in this folder"),
        (lambda t: t / "in.jsonl", ["--out-is-input"], "would overwrite the input"),
        (lambda t: t / "in.jsonl", ["--out-exists"], "already exists; --overwrite replaces"),
        (lambda t: t / "in.jsonl", ["--out-parquet"], "the output keeps the input's format"),
    ],
)
def test_what_cannot_be_done_is_one_line_and_exit_2(tmp_path, docs, make, args, message):
    write_jsonl(tmp_path / "in.jsonl", docs[:1])
    target = tmp_path / "out.jsonl"
    if "--out-is-input" in args:
        target = tmp_path / "in.jsonl"
    if "--out-exists" in args:
        target.write_text("{}\n")
    if "--out-parquet" in args:
        target = tmp_path / "out.parquet"
    result = corpus(make(tmp_path), "-o", target)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr


def test_one_output_file_for_several_inputs_is_refused(tmp_path, docs):
    a, b = write_jsonl(tmp_path / "a.jsonl", docs[:1]), write_jsonl(tmp_path / "b.jsonl", docs[1:2])
    result = corpus(a, b, "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 2 and "names one file, but there are 2 inputs; name a folder" in result.stderr


def test_a_scheduler_that_is_not_there_is_said(tmp_path, docs):
    src = write_jsonl(tmp_path / "in.jsonl", docs[:1])
    result = corpus(src, "-o", tmp_path / "o.jsonl", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert result.stderr.startswith("unspin: --scheduler tcp://127.0.0.1:9: cannot connect")
    both = corpus(src, "-o", tmp_path / "o.jsonl", "--scheduler", "tcp://127.0.0.1:9", "-j", "2")
    assert both.exit_code == 2 and "give one of them" in both.stderr


# ------------------------------------------------------------------ Dask, and unspin in other pipelines


@pytest.fixture(scope="module")
def cluster():
    """A Dask LocalCluster of two worker processes, running this checkout's code, and a Client
    connected to it (the default client while the module's tests run)."""
    distributed = pytest.importorskip("distributed")
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(ROOT / "src")  # (the workers are started with this environment)
    try:
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        ) as c:
            with distributed.Client(c) as client:
                yield c, client
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH")
        else:
            os.environ["PYTHONPATH"] = old


def test_a_two_worker_dask_cluster_writes_what_the_local_run_writes(tmp_path, docs, cluster):
    c, client = cluster
    src = write_jsonl(tmp_path / "news.jsonl", docs)
    local = tmp_path / "local.jsonl"
    assert corpus(src, "-o", local, "-j", "1", "-q", "--partition-size", "3").exit_code == 0
    out, stats = tmp_path / "dask.jsonl", tmp_path / "stats.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    args = ["corpus", str(src), "-o", str(out), "--partition-size", "3", "--scheduler", c.scheduler_address]
    done = subprocess.run(
        [sys.executable, "-m", "unspin", *args, "--stats", str(stats), "-q"], env=env, capture_output=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == local.read_bytes()
    workers = json.loads(stats.read_text())["workers"]
    assert len(workers) == 2 and sum(w["partitions"] for w in workers) == 12
    # one rule load per worker process, not one per partition or record
    from unspin import loader

    loads = client.run(lambda: loader._load_cached.cache_info().misses)
    assert sorted(loads.values()) == [1, 1]


def readme_recipe(name: str) -> str:
    """The README's code block that starts with '# recipe: NAME'."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in readme.split("```python\n")[1:]:
        code = block.split("```", 1)[0]
        if code.startswith(f"# recipe: {name}"):
            return code
    raise AssertionError(f"no recipe '{name}' in the README")


def read_output(folder: Path) -> list[dict]:
    import pyarrow.parquet as pq

    lines = [line for p in sorted(folder.glob("*.jsonl")) for line in p.read_text(encoding="utf-8").splitlines()]
    if lines:
        return [json.loads(line) for line in lines]
    rows = pq.read_table(folder).to_pylist()
    for row in rows:  # (a Parquet map reads back as (key, value) pairs)
        row.update({k: dict(row[k]) for k in (APPLIED, HELD)})
    return rows


@pytest.mark.parametrize("name", ["dask-bag", "dask-dataframe", "spark"])
def test_the_readme_pipeline_recipes_give_what_the_cli_gives(name, tmp_path, docs, cluster, monkeypatch):
    import pyarrow as pa
    import pyarrow.parquet as pq

    if name == "spark":
        pytest.importorskip("pyspark")
        if not shutil.which("java"):
            pytest.skip("Spark needs Java")
    picked = docs[:12]
    for n in range(2):
        (tmp_path / "crawl-jsonl").mkdir(exist_ok=True)
        (tmp_path / "crawl-parquet").mkdir(exist_ok=True)
        write_jsonl(tmp_path / "crawl-jsonl" / f"part-{n}.jsonl", picked[n * 6 : n * 6 + 6])
        rows = [{"id": d["id"], "text": d["text"], "words": d["words"]} for d in picked[n * 6 : n * 6 + 6]]
        pq.write_table(pa.Table.from_pylist(rows), tmp_path / "crawl-parquet" / f"part-{n}.parquet")
    assert corpus(tmp_path / "crawl-jsonl", "-o", tmp_path / "cli", "-j", "1", "-q").exit_code == 0
    expected = {r["id"]: r for r in read_output(tmp_path / "cli")}
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "src"))  # (Spark's Python workers run this checkout)
    try:
        exec(compile(readme_recipe(name), f"README.md ({name})", "exec"), {})
    finally:
        if name == "spark":
            from pyspark.sql import SparkSession

            SparkSession.builder.getOrCreate().stop()
    out = {"dask-bag": "clean-jsonl", "dask-dataframe": "clean-parquet", "spark": "clean-spark"}[name]
    got = read_output(tmp_path / out)
    assert sorted(r["id"] for r in got) == sorted(expected)
    for r in got:
        want = expected[r["id"]]
        assert (r["text"], r[SCORE], r[VERDICT], r[APPLIED], r[HELD]) == (
            want["text"],
            want[SCORE],
            want[VERDICT],
            want[APPLIED],
            want[HELD],
        )
        assert r.get("unspin_error") is None
        assert r["words"] == want["words"]


def test_clean_frames_is_a_mapinpandas_function_and_bad_rows_come_back_marked():
    import pandas as pd

    texts = ["The minister kept in mind that talks will certainly proceed .", None, "Plain words."]
    frames = [pd.DataFrame({"id": [1, 2], "text": texts[:2]}), pd.DataFrame({"id": [3], "text": texts[2:]})]
    out = pd.concat(list(clean_frames(iter(frames))), ignore_index=True)
    assert list(out["id"]) == [1, 2, 3]
    assert out.loc[0, "text"] == clean_records([{"text": texts[0]}])[0]["text"] != texts[0]
    assert out.loc[1, "unspin_error"] == "field 'text' is not a string" and pd.isna(out.loc[1, "text"])
    assert out.loc[2, "text"] == "Plain words."


def test_progress_names_records_per_second_and_the_time_left():
    import io

    from unspin.corpus.run import Meter

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    meter = Meter(1000, stream=screen)
    meter.start -= 10  # ten seconds in
    meter.advance(250, 500, resumed=False)
    line = screen.getvalue().split("\r\033[K")[-1]
    assert line.startswith("unspin: 500 records, 5") and "records/s, 25% done, ETA 0m30s" in line


def test_no_input_is_lost_in_a_run_over_a_folder_of_mixed_files(tmp_path, docs):
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "x.jsonl", docs[:5], ["{bad"])
    write_jsonl(tmp_path / "in" / "y.jsonl.gz", docs[5:9], ['{"text": null}'])
    result = corpus(tmp_path / "in", "-o", tmp_path / "out", "-j", "2", "--partition-size", "2")
    assert result.exit_code == 0, result.output
    written = read_jsonl(tmp_path / "out" / "x.jsonl") + read_jsonl(tmp_path / "out" / "y.jsonl.gz")
    rejects = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert len(written) == 9 and len(rejects) == 2
    assert [r["input"] for r in rejects] == [str(tmp_path / "in" / "x.jsonl"), str(tmp_path / "in" / "y.jsonl.gz")]
