#!/usr/bin/env python3
"""Throughput, memory and scaling of ``unspin corpus`` on 100,000 documents, and what a 1-billion-word corpus costs.

Builds the documents once, deterministically (seeded), from the project's corpora (news, clean,
heldout, heldout2): a document is 1 to 3 consecutive paragraphs of one article (a paragraph is a
line of those files; blank lines would also separate them), with non-text fields beside ``text``
(id, url, a nested ``meta`` object, numbers), written to bench/out/corpus/docs-N.jsonl (and
docs-N.parquet with --format parquet) and reused while it exists. Then runs the command as a
user would (a subprocess, -q, --stats), each run into a fresh output folder:

  -j 1         one worker, in the main process
  -j 2         two local worker processes
  dask         --scheduler on a Dask LocalCluster this script starts (2 processes, 1 thread each)
  -j 2, N/10   the same on a corpus ten times smaller: worker RSS should not grow with the corpus

and reports for each: wall seconds (start-up included), records/s and words/s (words: the input
texts split on whitespace, counted here once), peak RSS per worker (from the stats file), the
largest single process (ru_maxrss from wait4: the CLI or one of its children, whichever peaked
highest, not a sum; for the Dask run the CLI alone, as the workers are not its children; a
child's ru_maxrss starts from what its parent held when it started it, up to the parent's peak
with vfork, so this script keeps itself small and says when a figure may be its own) and the
whole process tree (the peak of the summed PSS of every process of the run: the CLI and its
descendants, and for the Dask run also the cluster's scheduler process and workers; sampled
every 0.25 s). On a machine this small another busy process skews every figure: a run during
which other processes used more than 5% of the CPUs is flagged (the machine's busy CPU time less
this script's and its descendants'). Scaling efficiency is throughput(2 workers) / (2 x
throughput(1 worker)); the target is a 1.7x speed-up with two workers. The three full runs must
write the same records (output files hashed decompressed). Last, a projection on paper of a
1-billion-word corpus on 1 to 128 workers from these figures.

Prints markdown tables and writes the figures to bench/out/corpus/results.json.

With --rounds R each configuration runs R times, in turn, and the median time is shown (the
two vCPUs of a small VM are not equally fast from one minute to the next).

usage: python bench/corpus.py [--docs N] [--quick] [--rounds R] [--skip-dask] [--format jsonl|parquet]
                              [--partition-size N]
needs the corpus extra (pip install '.[corpus]': pyarrow, distributed and psutil with it)
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psutil  # (distributed's own dependency)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "corpus"
PY = sys.executable
CORPORA = ("news", "clean", "heldout", "heldout2")
DATA_SUFFIXES = (".jsonl", ".jsonl.gz", ".parquet")
TARGET_SPEEDUP = 1.7
RSS_FLAT = 1.10  # full-corpus worker peak within 10% of the small corpus's
BILLION = 1_000_000_000
PROJECT_WORKERS = (1, 2, 8, 32, 128)


# ---------------------------------------------------------------- the documents


def articles() -> list[tuple[str, str, list[str]]]:
    """(corpus, file stem, paragraphs) of every text under corpora/, in a fixed order."""
    found = []
    for name in CORPORA:
        for path in sorted((ROOT / "corpora" / name).glob("*.txt")):
            paras = [p.strip() for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
            found.append((name, path.name.removesuffix(".txt"), paras))
    return found


def document(i: int, rng: random.Random, pool: list[tuple[str, str, list[str]]]) -> dict:
    """Document ``i``: 1 to 3 consecutive paragraphs of one article, with the fields a crawl carries."""
    corpus, stem, paras = rng.choice(pool)
    k = min(rng.randint(1, 3), len(paras))
    start = rng.randrange(len(paras) - k + 1)
    slug = stem.split(".")[0]
    return {
        "id": f"doc-{i:07d}",
        "url": f"https://news.example.com/{corpus}/{slug}/{i}",
        "text": "\n\n".join(paras[start : start + k]),
        "meta": {
            "source": corpus,
            "file": stem,
            "paragraphs": [start, start + k],
            "tags": rng.sample(["world", "business", "sport", "science", "politics", "local"], 2),
            "crawl": {"status": 200, "fetched": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"},
        },
        "lang_score": round(rng.uniform(0.8, 1.0), 4),
        "shard": i % 64,
    }


def build_docs(n: int) -> Path:
    """bench/out/corpus/docs-N.jsonl, built once (written aside, then renamed into place)."""
    path = OUT / f"docs-{n}.jsonl"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    rng, pool = random.Random(20240), articles()
    tmp = path.with_suffix(".jsonl.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(document(i, rng, pool), ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return path


def build_parquet(jsonl: Path) -> Path:
    """The same records as one Parquet file (the nested ``meta`` a struct column)."""
    path = jsonl.with_suffix(".parquet")
    if path.exists():
        return path
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(list(read_jsonl(jsonl)))
    tmp = path.with_suffix(".parquet.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)
    return path


def parquet_copy(jsonl: Path) -> Path:
    """build_parquet in a child process: pyarrow's memory must not raise this one's high-water mark."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(build_parquet, jsonl).result()


def read_jsonl(path: Path):
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def count_words(path: Path) -> tuple[int, int]:
    """Records and whitespace-split words of their texts."""
    records = words = 0
    for rec in read_jsonl(path):
        records += 1
        words += len(rec["text"].split())
    return records, words


# ---------------------------------------------------------------- running the command


class TreeSampler(threading.Thread):
    """Peak of the summed PSS (RSS where PSS cannot be read) of processes ``roots`` and their descendants."""

    def __init__(self, roots: list[int], interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.roots, self.interval, self.peak, self.peak_procs = roots, interval, 0, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            total, procs = 0, 0
            for proc in self.tree():
                try:
                    info = proc.memory_full_info()
                    total += getattr(info, "pss", info.rss)
                    procs += 1
                except psutil.Error:
                    pass
            if total > self.peak:
                self.peak, self.peak_procs = total, procs
            self._stop_event.wait(self.interval)

    def tree(self) -> list[psutil.Process]:
        found = []
        for pid in self.roots:
            try:
                root = psutil.Process(pid)
                found += [root, *root.children(recursive=True)]
            except psutil.Error:
                pass
        return found

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has been busy since boot."""
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + t.irq + t.softirq


def own_cpu_seconds() -> float:
    """CPU seconds of this process, its living descendants and the children they have reaped (the
    Dask cluster's processes among them): what is left of the machine's busy time is someone else's."""
    me, total = psutil.Process(), 0.0
    for proc in [me, *me.children(recursive=True)]:
        try:
            t = proc.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
        except psutil.Error:
            pass
    return total


def corpus_cmd(inputs: list[Path], out: Path, stats: Path, options: list[str]) -> list[str]:
    return [PY, "-m", "unspin", "corpus", *map(str, inputs), "--out", str(out), "-q", "--stats", str(stats), *options]


def run(name: str, inputs: list[Path], options: list[str], cluster: int | None = None) -> dict:
    """One run of ``unspin corpus`` into a fresh bench/out/corpus/NAME/: wall seconds, RSS, its stats
    (``cluster``: the process holding the Dask cluster, whose memory counts too)."""
    out, stats, log = OUT / name, OUT / f"{name}.stats.json", OUT / f"{name}.log"
    # the output, and what a run beside it leaves: an interrupted run's work folder (the next run would resume it)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(OUT / f"{name}.unspin-work", ignore_errors=True)
    for leftover in (stats, OUT / f"{name}.rejects.jsonl"):
        leftover.unlink(missing_ok=True)
    floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    busy, own = busy_cpu_seconds(), own_cpu_seconds()
    start = time.perf_counter()
    with log.open("wb") as err:
        proc = subprocess.Popen(corpus_cmd(inputs, out, stats, options), stdout=subprocess.DEVNULL, stderr=err)
        sampler = TreeSampler([proc.pid] + ([cluster] if cluster else []))
        sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except KeyboardInterrupt:
            proc.kill()
            raise
        finally:
            seconds = time.perf_counter() - start
            sampler.stop()
    others = (busy_cpu_seconds() - busy) - (own_cpu_seconds() - own)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{name}: unspin corpus exited {code}; its stderr ({log}):\n{log.read_text(errors='replace')[-3000:]}")
    return {
        "name": name,
        "options": options,
        "out": str(out),
        "wall_seconds": seconds,
        "largest_process_mb": usage.ru_maxrss / 1024,
        "bench_rss_mb": floor,
        "tree_peak_mb": sampler.peak / 2**20,
        "tree_peak_processes": sampler.peak_procs,
        "other_cpu_seconds": max(0.0, others),
        "stats": json.loads(stats.read_text(encoding="utf-8")),
    }


def median_run(results: list[dict]) -> dict:
    """The run of median wall time among rounds of one configuration, with every round's seconds;
    the memory figures are the highest of any round."""
    pick = dict(sorted(results, key=lambda r: r["wall_seconds"])[len(results) // 2])
    pick["round_seconds"] = [round(r["wall_seconds"], 2) for r in results]
    pick["largest_process_mb"] = max(r["largest_process_mb"] for r in results)
    pick["tree_peak_mb"] = max(r["tree_peak_mb"] for r in results)
    peaks = [w.get("peak_rss_mb") or 0 for r in results for w in r["stats"].get("workers", [])]
    pick["rounds_worker_peak_mb"] = max(peaks, default=None)
    return pick


def warm_caches() -> None:
    """Build unspin's caches once, as a first run after install does, so no timed run pays for it."""
    one = OUT / "one-line.txt"
    one.write_text("The minister said on Monday that talks would resume next week.\n", encoding="utf-8")
    subprocess.run([PY, "-m", "unspin", "check", str(one)], capture_output=True)


def serve_cluster(conn) -> None:
    """In a child process: a two-worker LocalCluster, its address sent back on ``conn``, closed when told."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        conn.send(cluster.scheduler_address)
        conn.recv()


def dask_run(name: str, inputs: list[Path], options: list[str]) -> dict:
    """The run on a Dask LocalCluster started for it and closed afterwards. The cluster lives in a child
    process, so this one stays small: its RSS when it starts a run is a floor under that run's ru_maxrss."""
    ctx = multiprocessing.get_context("spawn")
    ours, theirs = ctx.Pipe()
    helper = ctx.Process(target=serve_cluster, args=(theirs,))
    helper.start()
    theirs.close()
    try:
        return run(name, inputs, ["--scheduler", ours.recv(), *options], cluster=helper.pid)
    finally:
        if helper.is_alive():
            ours.send("close")
        helper.join(60)
        if helper.is_alive():
            helper.terminate()


# ---------------------------------------------------------------- the figures


def figures(result: dict, records: int, words: int) -> dict:
    secs, stats = result["wall_seconds"], result["stats"]
    workers = stats.get("workers") or []
    result.update(
        records=records,
        words=words,
        records_per_s=records / secs,
        words_per_s=words / secs,
        worker_peak_mb=[w.get("peak_rss_mb") for w in workers],
        worker_peak_max_mb=result.get("rounds_worker_peak_mb"),
        notes=stats_notes(stats, records, words) + busy_note(result) + rounds_note(result),
    )
    return result


def rounds_note(result: dict) -> list[str]:
    seconds = result.get("round_seconds", [])
    return [f"rounds: {', '.join(f'{x:.1f}' for x in seconds)} s (the median shown)"] if len(seconds) > 1 else []


def busy_note(result: dict) -> list[str]:
    """A warning when other processes used more than 5% of the machine's CPUs during the run."""
    others, secs = result["other_cpu_seconds"], result["wall_seconds"]
    if others <= max(1.0, 0.05 * secs * (os.cpu_count() or 1)):
        return []
    return [f"**the machine was busy**: other processes used {others:.1f} CPU-seconds in these {secs:.1f} s"]


def stats_notes(stats: dict, records: int, words: int) -> list[str]:
    """Where the stats file disagrees with the input, or misses a field the interface promises."""
    notes = []
    for key in ("records", "written", "rejected", "partitions", "partitions_resumed", "seconds", "words", "workers"):
        if key not in stats:
            notes.append(f"stats has no {key!r}")
    if stats.get("records") not in (None, records):
        notes.append(f"stats records {stats['records']} != {records} input records")
    if stats.get("written") not in (None, records):
        notes.append(f"written {stats['written']} of {records}")
    if stats.get("rejected"):
        notes.append(f"{stats['rejected']} rejected")
    if stats.get("partitions_resumed"):
        notes.append(f"{stats['partitions_resumed']} partitions resumed in a fresh output")
    if stats.get("words") not in (None, words):
        notes.append(f"the stats file counts {stats['words']:,} words; {words:,} here (whitespace-split texts)")
    return notes


def data_files(out: Path) -> list[Path]:
    if out.is_file():
        return [out]
    return sorted(p for p in out.rglob("*") if p.is_file() and p.name.endswith(DATA_SUFFIXES))


def file_digest(path: Path) -> str:
    """SHA-256 of a data file's content: JSONL decompressed; Parquet as its rows in canonical JSON."""
    h = hashlib.sha256()
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches():
            for row in batch.to_pylist():
                h.update(json.dumps(row, sort_keys=True, ensure_ascii=False, default=str).encode() + b"\n")
        return h.hexdigest()
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def output_digest(out: Path) -> dict:
    """Digest of the whole output (file names and decompressed contents) and of its records alone."""
    files = data_files(out)
    whole, records = hashlib.sha256(), hashlib.sha256()
    for path in files:
        rel = path.name if out.is_file() else str(path.relative_to(out))
        whole.update(f"{rel}\0{file_digest(path)}\n".encode())
    for row_hash in sorted(hashlib.sha256(row.encode()).digest() for row in output_rows(files)):
        records.update(row_hash)
    others = [] if out.is_file() else sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    others = [p for p in others if not p.endswith(DATA_SUFFIXES)]
    return {"files": len(files), "digest": whole.hexdigest(), "records_digest": records.hexdigest(), "other": others}


def output_rows(files: list[Path]):
    """Every output record as canonical JSON (to compare runs that split the output differently)."""
    for path in files:
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            rows = (r for b in pq.ParquetFile(path).iter_batches() for r in b.to_pylist())
        else:
            rows = read_jsonl(path)
        for row in rows:
            yield json.dumps(row, sort_keys=True, ensure_ascii=False, default=str)


def projection(w1: float, efficiency: float) -> list[dict]:
    """Hours for 1e9 words on N workers: one worker at the -j 1 rate, N at N x that x the efficiency
    (at most 100%: a measured efficiency above it is noise, not a promise for 128 workers)."""
    efficiency = min(1.0, efficiency)
    rows = []
    for n in PROJECT_WORKERS:
        rate = w1 if n == 1 else n * w1 * efficiency
        hours = BILLION / rate / 3600
        rows.append({"workers": n, "words_per_s": rate, "wall_hours": hours, "cpu_hours": hours * n})
    return rows


# ---------------------------------------------------------------- printing


def mb(x: float | None) -> str:
    return "n/a" if x is None else f"{x:,.0f}"


def largest(r: dict) -> str:
    """ru_maxrss, unless it may be this script's own memory (counted into the child at vfork and exec)."""
    if r["largest_process_mb"] <= r["bench_rss_mb"] * 1.05:
        return f"<= {mb(r['bench_rss_mb'])} (this script's own)"
    return mb(r["largest_process_mb"])


def print_runs(runs: list[dict], base: dict) -> None:
    print("| run | docs | seconds | records/s | words/s | speed-up | worker peak RSS (MB) | largest process (MB)"
          " | process tree peak, PSS (MB) |\n|---|---|---|---|---|---|---|---|---|")  # fmt: skip
    for r in runs:
        speedup = r["words_per_s"] / base["words_per_s"] if r["records"] == base["records"] else None
        workers = " / ".join(mb(x) for x in r["worker_peak_mb"]) or "n/a"
        print(
            f"| {r['label']} | {r['records']:,} | {r['wall_seconds']:.1f} | {r['records_per_s']:,.0f}"
            f" | {r['words_per_s']:,.0f} | {'' if speedup is None else f'{speedup:.2f}x'} | {workers}"
            f" | {largest(r)} | {mb(r['tree_peak_mb'])} ({r['tree_peak_processes']} proc.) |"
        )
    notes = [f"- {r['label']}: {note}" for r in runs for note in r["notes"]]
    if notes:
        print("\n" + "\n".join(notes))


def print_scaling(scaling: dict) -> None:
    print("\n## Scaling\n")
    for key, label in (("j2", "-j 2"), ("dask", "Dask, 2 workers")):
        s = scaling.get(key)
        if s:
            verdict = "PASS" if s["speedup"] >= TARGET_SPEEDUP else "MISS"
            print(f"- {label}: speed-up {s['speedup']:.2f}x over -j 1 (target >= {TARGET_SPEEDUP}x): **{verdict}**;"
                  f" scaling efficiency {s['efficiency']:.0%}")  # fmt: skip


def print_flat(flat: dict) -> None:
    print("\n## Worker memory against corpus size (-j 2)\n")
    print("| corpus | docs | words | worker peak RSS, max (MB) |\n|---|---|---|---|")
    for key in ("small", "full"):
        r = flat[key]
        print(f"| {key} | {r['records']:,} | {r['words']:,} | {mb(r['worker_peak_max_mb'])} |")
    if flat.get("ratio") is not None:
        verdict = "PASS" if flat["ratio"] <= RSS_FLAT else "MISS"
        print(f"\nfull / small: {flat['ratio']:.2f} (flat: at most {RSS_FLAT:.2f}): **{verdict}**")


def print_same(same: dict) -> None:
    print("\n## Same output\n")
    for name, d in same["runs"].items():
        other = f"; other files: {', '.join(d['other'])}" if d["other"] else ""
        digests = f"sha256 {d['digest'][:16]}, records {d['records_digest'][:16]}"
        print(f"- {name}: {d['files']} data files, {digests}{other}")
    if same["identical"]:
        print("\nThe full runs wrote identical output (file names and decompressed contents).")
    elif same["same_records"]:
        print("\nThe full runs wrote the same records, but split or ordered differently across files.")
    else:
        print("\n**The full runs wrote different records.**")


def print_projection(rows: list[dict], w1: float, efficiency: float, dask: list[dict] | None) -> None:
    print(f"\n## On paper: a 1-billion-word corpus\n\nAssumptions: one worker repairs {w1:,.0f} words/s (the -j 1"
          f" run on this machine, one CPU); N workers scale linearly at the -j 2 efficiency, at most 100%"
          f" ({min(1.0, efficiency):.0%}; measured {efficiency:.0%})"
          " as N grows, each worker with a CPU of its own like these; reading and writing (disk, network, the"
          " scheduler) are not the bottleneck; start-up and stragglers ignored."
          + (" The last column takes the Dask run's efficiency instead." if dask else "") + "\n")  # fmt: skip
    last = (" wall-clock hours, Dask efficiency |", "---|") if dask else ("", "")
    print(f"| workers | words/s | wall-clock hours | CPU-hours |{last[0]}\n|---|---|---|---|{last[1]}")
    for i, r in enumerate(rows):
        extra = f" {dask[i]['wall_hours']:,.2f} |" if dask else ""
        print(f"| {r['workers']} | {r['words_per_s']:,.0f} | {r['wall_hours']:,.2f} | {r['cpu_hours']:,.1f} |{extra}")


# ---------------------------------------------------------------- peers on the same texts


def timed(cmd: list[str], stdout=subprocess.DEVNULL) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1, 65):  # (1: findings or changes; 65: codespell's misspellings found)
        sys.exit(f"{cmd[0]} exited {done.returncode}: {done.stderr.decode(errors='replace')[-2000:]}")
    return seconds


def json_floor(jsonl: Path) -> float:
    """Reading and writing the records with no cleaning (json.loads and json.dumps, one process)."""
    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for rec in read_jsonl(jsonl):
            sink.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return time.perf_counter() - start


def peers(jsonl: Path, words: int) -> list[dict]:
    """The same texts, one after another in one text file (blank lines between documents), through
    ``unspin fix -j 2`` (unspin's speed where no record has its own fixed cost) and codespell (a
    fast checker of another kind, for scale); and the JSON round trip with no cleaning at all."""
    text = OUT / f"{jsonl.stem}.txt"
    if not text.exists():
        with text.open("w", encoding="utf-8") as fh:
            for rec in read_jsonl(jsonl):
                fh.write(rec["text"] + "\n\n")
    rows = [
        ("`unspin fix -j 2` on the texts as one file", timed([PY, "-m", "unspin", "fix", "-j", "2", "-q", str(text)])),
        ("JSON round trip, no cleaning (one process)", json_floor(jsonl)),
    ]
    if shutil.which("codespell"):
        rows.append(("codespell on the texts as one file", timed(["codespell", str(text)])))
    return [{"tool": tool, "seconds": secs, "words_per_s": words / secs} for tool, secs in rows]


def print_peers(rows: list[dict], j2: dict | None) -> None:
    print(
        "\n## Peers on the same texts\n\n| tool | seconds | words/s | against `unspin corpus -j 2` |\n|---|---|---|---|"
    )
    for r in rows:
        ratio = f"{j2['wall_seconds'] / r['seconds']:.2f}x faster" if j2 else ""
        print(f"| {r['tool']} | {r['seconds']:.1f} | {r['words_per_s']:,.0f} | {ratio} |")


# ---------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, help="documents in the corpus (default 100,000; 3,000 with --quick)")
    ap.add_argument("--quick", action="store_true", help="a small corpus, for trying the script")
    ap.add_argument("--skip-dask", action="store_true", help="no run on a Dask cluster")
    ap.add_argument(
        "--peers-only", action="store_true", help="only the peers on the same texts (added to an earlier results.json)"
    )
    ap.add_argument("--rounds", type=int, default=1, help="run each configuration this many times (the median)")
    ap.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl", help="the input the command reads")
    ap.add_argument(
        "--partition-size", type=int, metavar="N", help="passed to the command (default: its own; 100 with --quick)"
    )
    args = ap.parse_args()
    n = args.docs or (3000 if args.quick else 100_000)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    OUT.mkdir(parents=True, exist_ok=True)

    full_jsonl, small_jsonl = build_docs(n), build_docs(max(1, n // 10))
    (records, words), (small_records, small_words) = count_words(full_jsonl), count_words(small_jsonl)
    full = parquet_copy(full_jsonl) if args.format == "parquet" else full_jsonl
    small = parquet_copy(small_jsonl) if args.format == "parquet" else small_jsonl
    # --quick: partitions small enough that two workers share even the small corpus
    partition_size = args.partition_size or (100 if args.quick else None)
    options = ["--partition-size", str(partition_size)] if partition_size else []
    warm_caches()
    if args.peers_only:
        earlier = json.loads((OUT / "results.json").read_text()) if (OUT / "results.json").exists() else {}
        j2 = next((r for r in earlier.get("runs", []) if r["name"] == "j2"), None)
        rows = peers(full_jsonl, words)
        print_peers(rows, j2)
        if earlier:
            (OUT / "results.json").write_text(json.dumps(earlier | {"peers": rows}, indent=2) + "\n", encoding="utf-8")
        return 0

    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {os.uname().machine}\n")
    size = full.stat().st_size / 1e6
    parts = f"partitions of {partition_size:,} records" if partition_size else "the command's partition size"
    print(f"## unspin corpus ({records:,} documents, {words:,} words, {full.name}, {size:.1f} MB; {parts})\n")
    plan = [
        ("-j 1", lambda: run("j1", [full], ["-j", "1", *options]), records, words),
        ("-j 2", lambda: run("j2", [full], ["-j", "2", *options]), records, words),
        ("Dask, 2 workers", lambda: dask_run("dask", [full], options), records, words),
        ("-j 2, N/10", lambda: run("j2-small", [small], ["-j", "2", *options]), small_records, small_words),
    ]
    plan = [p for p in plan if not (args.skip_dask and p[0].startswith("Dask"))]
    rounds: dict[str, list[dict]] = {label: [] for label, *_ in plan}
    for _ in range(args.rounds):  # each configuration once per round, in turn: machine noise falls on all alike
        for label, go, *_ in plan:
            rounds[label].append(go())
    runs = [figures(median_run(rounds[label]), n_rec, n_words) | {"label": label} for label, _, n_rec, n_words in plan]
    by_name = {r["name"]: r for r in runs}
    small_run = by_name["j2-small"]
    print_runs(runs, by_name["j1"])

    w1 = by_name["j1"]["words_per_s"]
    scaling = {
        key: {"speedup": by_name[key]["words_per_s"] / w1, "efficiency": by_name[key]["words_per_s"] / (2 * w1)}
        for key in ("j2", "dask")
        if key in by_name
    }
    print_scaling(scaling)

    big_peak, small_peak = by_name["j2"]["worker_peak_max_mb"], small_run["worker_peak_max_mb"]
    flat = {
        "full": by_name["j2"],
        "small": small_run,
        "ratio": big_peak / small_peak if big_peak and small_peak else None,
    }
    print_flat(flat)

    digests = {r["label"]: output_digest(Path(r["out"])) for r in runs if r["records"] == records}
    same = {
        "runs": digests,
        "identical": len({d["digest"] for d in digests.values()}) == 1,
        "same_records": len({d["records_digest"] for d in digests.values()}) == 1,
    }
    print_same(same)

    efficiency = scaling["j2"]["efficiency"]
    rows = projection(w1, efficiency)
    dask_rows = projection(w1, scaling["dask"]["efficiency"]) if "dask" in scaling else None
    print_projection(rows, w1, efficiency, dask_rows)
    peer_rows = peers(full_jsonl, words)
    print_peers(peer_rows, by_name["j2"])

    results = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0], "arch": os.uname().machine},
        "corpus": {"docs": records, "words": words, "input": str(full), "bytes": full.stat().st_size},
        "partition_size": partition_size,
        "small_corpus": {"docs": small_records, "words": small_words, "input": str(small)},
        "runs": runs,
        "scaling": scaling,
        "target_speedup": TARGET_SPEEDUP,
        "rss_flat": {"full_mb": big_peak, "small_mb": small_peak, "ratio": flat["ratio"], "limit": RSS_FLAT},
        "same_output": same,
        "projection": {
            "words": BILLION,
            "words_per_s_one_worker": w1,
            "efficiency": efficiency,
            "rows": rows,
            "rows_dask_efficiency": dask_rows,
        },
        "peers": peer_rows,
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\n(figures in {OUT / 'results.json'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
