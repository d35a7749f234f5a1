"""The cache holds plain data: a planted file cannot run code, a damaged one is rebuilt."""

import os
import pickle
import re
import stat
import subprocess
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import regex

from unspin import cache, freq, loader, plaindata

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("UNSPIN_CACHE_DIR", str(folder))
    monkeypatch.delenv("UNSPIN_NO_CACHE", raising=False)
    loader._load_cached.cache_clear()
    yield folder
    loader._load_cached.cache_clear()


class Payload:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _entry(payload: bytes) -> bytes:
    """A cache file with a valid header and checksum: the planter knows the format."""
    import hashlib

    return b"unspin-cache %d %s\n" % (cache.FORMAT, hashlib.sha256(payload).hexdigest().encode()) + payload


def test_a_planted_pickle_never_runs(cache_dir, tmp_path):
    marker = tmp_path / "pwned"
    evil = pickle.dumps(Payload(marker))
    key = loader._cache_key(())
    cache_dir.mkdir(mode=0o700)
    # under the new name (valid header, compressed or not) and under every name earlier versions read
    (cache_dir / f"rules-{key}.bin").write_bytes(_entry(zlib.compress(evil)))
    for name in ("rules-0000.pickle", "unigrams-1-2.marshal", "symspell1-1000000-1-2.pickle"):
        (cache_dir / name).write_bytes(evil)
    env = dict(os.environ, UNSPIN_CACHE_DIR=str(cache_dir), PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run(
        [sys.executable, "-m", "unspin", "check", "-"],
        input=b"It has no purpose of deserting Iran.\n",
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert b"purpose-intention" in proc.stdout
    assert not marker.exists()
    assert not list(cache_dir.glob("*.pickle")) and not list(cache_dir.glob("*.marshal"))  # old formats removed


def test_the_cache_source_has_no_code_loaders():
    for path in (ROOT / "src" / "unspin").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"import (?:pickle|marshal|shelve)|\b(?:pickle|marshal)\.loads?\b|load_pickle", text), path


def test_a_corrupt_cache_is_rebuilt_silently(cache_dir):
    first = loader.load()
    key = loader._cache_key(())
    entry = cache_dir / f"rules-{key}.bin"
    assert entry.is_file()
    for damage in (
        b"garbage",
        _entry(b"not zlib"),
        _entry(zlib.compress(b'{"$doc": []}')),
        _entry(zlib.compress(b'{"$dc": "Rule", "n": 0, "v": [1]}')),
        entry.read_bytes()[:-100],
    ):
        entry.write_bytes(damage)
        loader._load_cached.cache_clear()
        again = loader.load()
        assert again.rules.keys() == first.rules.keys()
        assert cache.read("rules", key) is not None  # written back whole


def test_frequency_tables_survive_damage(cache_dir):
    words = freq.unigrams()
    freq.unigrams.cache_clear()
    for entry in cache_dir.glob("unigrams-*.bin"):
        entry.write_bytes(entry.read_bytes()[:5000])
    assert freq.unigrams() == words
    freq.unigrams.cache_clear()
    assert freq.unigrams() == words  # now from the rebuilt entry


def test_folder_is_private_and_foreign_folders_are_not_used(cache_dir, tmp_path, monkeypatch):
    loader.load()
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    for entry in cache_dir.iterdir():
        assert stat.S_IMODE(entry.stat().st_mode) & 0o077 == 0
    cache_dir.chmod(0o777)
    cache.write("x", "k", b"data")
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700  # tightened again
    # a symlinked folder (someone else may own where it points) is not used
    real = tmp_path / "elsewhere"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("UNSPIN_CACHE_DIR", str(link))
    cache.write("x", "k", b"data")
    assert list(real.iterdir()) == []
    assert cache.read("x", "k") is None


def test_the_folder_is_pruned_to_its_bound(cache_dir):
    for n in range(10):
        cache.write(f"entry{n}", "k", b"x" * 1000)
        os.utime(cache_dir / f"entry{n}-k.bin", (n, n))
    cache.prune(cache_dir, limit=5000)
    left = sorted(p.name for p in cache_dir.iterdir())
    assert left == [f"entry{n}-k.bin" for n in range(6, 10)] or len(left) <= 5


@dataclass
class Inner:
    name: str
    pattern: regex.Pattern | None = None


@dataclass
class Outer:
    """Stands for a Rule with fields the loader does not know about."""

    text: str
    flag: bool
    count: int
    ratio: float
    words: tuple[str, ...]
    items: list
    table: dict
    set_of: frozenset[str]
    inner: Inner
    same: Inner
    plain_re: re.Pattern = None
    tier: str = "high"
    more: dict = field(default_factory=dict)


def test_any_plain_fields_round_trip_without_being_named():
    classes = {"Inner": Inner, "Outer": Outer}
    shared = Inner("x", regex.compile(r"(?i)\bfoo\s+bar\b", regex.V1))
    value = Outer(
        "t",
        True,
        3,
        0.25,
        ("a", "b"),
        [1, "2", None],
        {("a", "b"): [shared], "k": frozenset({"z"})},
        frozenset({"p", "q"}),
        shared,
        shared,
        re.compile(r"a+b", re.M),
        more={"n": (1, 2.5, False)},
    )
    back = plaindata.decode(plaindata.encode({"all": [value, value]}, classes), classes)
    got = back["all"][0]
    assert back["all"][1] is got and got.inner is got.same is got.table[("a", "b")][0]
    for name in ("text", "flag", "count", "ratio", "words", "items", "set_of", "tier", "more"):
        assert getattr(got, name) == getattr(value, name), name
        assert type(getattr(got, name)) is type(getattr(value, name)), name
    assert got.table["k"] == frozenset({"z"})
    assert got.inner.pattern.pattern == shared.pattern.pattern and got.inner.pattern.flags == shared.pattern.flags
    assert got.inner.pattern.search("FOO  Bar") and got.plain_re.flags == value.plain_re.flags
    # a document for other fields, or naming a class it may not make, is refused
    with pytest.raises(plaindata.DecodeError):
        plaindata.decode(plaindata.encode(value, classes), {"Inner": Inner, "Outer": Example2})
    with pytest.raises(plaindata.DecodeError):
        plaindata.decode('{"$doc": [], "value": {"$dc": "Popen", "n": 0, "v": []}}', {})


@dataclass
class Example2:
    other: int


def test_the_cached_rule_set_equals_a_fresh_load(cache_dir):
    fresh = loader._load(())
    loader.load()  # writes the cache
    loader._load_cached.cache_clear()
    cached = loader.load()
    assert cached.rules.keys() == fresh.rules.keys()
    for rid, rule in fresh.rules.items():
        other = cached.rules[rid]
        assert type(other) is type(rule)
        for name in type(rule).__dataclass_fields__:
            a, b = getattr(rule, name), getattr(other, name)
            if isinstance(a, regex.Pattern):
                assert (a.pattern, a.flags) == (b.pattern, b.flags)
            else:
                assert a == b, (rid, name)
    assert cached.variants.keys() == fresh.variants.keys()
    for key, lst in cached.variants.items():  # shared rules stay shared
        assert [v.rule is cached.rules.get(v.rule.id) for v in lst] == [
            v.rule is fresh.rules.get(v.rule.id) for v in fresh.variants[key]
        ]
    assert cached.synonyms == fresh.synonyms and cached.classes == fresh.classes and cached.root == fresh.root
