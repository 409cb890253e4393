"""The cache: what it keeps is authenticated before it is unpickled, its folder is private, its size is capped
(least recently used first out), and `zjgraph cache` shows and clears it."""

import json
import os
import pickle
import stat
import sys
import time
from pathlib import Path

import networkx as nx
import pytest
from conftest import run

from zjgraph import KnowledgeGraph, cache


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ZJGRAPH_CACHE_DIR", str(tmp_path / "c"))
    return tmp_path / "c"


class Evil:
    """Unpickled, it creates ``path``: what an attacker who can write the cache folder would plant."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return os.system, (f"touch {self.path}",)


def only_entry(folder: Path) -> Path:
    [entry] = folder.glob("*.graph")
    return entry


def test_a_malicious_pickle_in_the_cache_is_rebuilt_never_run(mini, folder, tmp_path):
    built = KnowledgeGraph.load(mini, use_cache=False).graph
    KnowledgeGraph.load(mini)
    entry = only_entry(folder)
    payload = pickle.dumps(Evil(tmp_path / "control"))
    pickle.loads(payload)  # the payload is real: loaded as pickle loads, it runs
    assert (tmp_path / "control").exists()
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Evil(marker))
    for planted in (payload,  # a bare pickle where the entry was
                    cache.MAGIC + bytes(cache.DIGEST) + payload,  # the entry's header with a made-up digest
                    entry.read_bytes()[:len(cache.MAGIC) + cache.DIGEST] + payload):  # a real digest, other body
        entry.write_bytes(planted)
        again = KnowledgeGraph.load(mini)
        assert not marker.exists()
        assert nx.utils.graphs_equal(again.graph, built)
        assert entry.read_bytes() != planted  # rebuilt, and written afresh
    assert cache.get(entry.name.removesuffix(".graph")) is not None  # the rebuilt entry verifies


def test_a_secret_others_could_read_or_write_is_not_trusted(mini, folder, tmp_path):
    KnowledgeGraph.load(mini)
    entry, secret = only_entry(folder), folder / cache.SECRET
    secret.chmod(0o644)  # as if someone else had set it: they may know it, so they could sign with it
    forged = cache._mac(secret.read_bytes(), entry.name)
    payload = pickle.dumps(Evil(tmp_path / "pwned"))
    forged.update(payload)
    entry.write_bytes(cache.MAGIC + forged.digest() + payload)
    KnowledgeGraph.load(mini)
    assert not (tmp_path / "pwned").exists()
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600  # and a new secret was made


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_cache_folder_is_kept_private(mini, folder):
    folder.mkdir()
    folder.chmod(0o777)
    KnowledgeGraph.load(mini)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / cache.SECRET).stat().st_mode) == 0o600
    assert stat.S_IMODE(only_entry(folder).stat().st_mode) == 0o600


def test_the_cache_keeps_the_schools_ties_with_the_graph(mini, folder):
    from zjgraph.queries.links import ties
    from zjgraph.queries.ties import ties_of

    first = KnowledgeGraph.load(mini).graph
    again = KnowledgeGraph.load(mini).graph  # read from the cache, ties included
    assert again is not first
    assert ties(again) == ties_of(again) and ties(again) == ties(first)


def entry(folder: Path, name: str, size: int, age: float, kind: str = "file") -> Path:
    """A fake entry of ``size`` bytes last used ``age`` seconds ago (a folder holds its bytes in two files)."""
    path = folder / name
    if kind == "folder":
        path.mkdir(parents=True)
        (path / "a").write_bytes(bytes(size // 2))
        (path / "b").write_bytes(bytes(size - size // 2))
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bytes(size))
    t = time.time() - age
    os.utime(path, (t, t))
    return path


A, B, C = ("a" * 64, "b" * 64, "c" * 64)  # keys


def test_past_the_cap_the_least_recently_used_go_first(mini, folder, monkeypatch):
    entry(folder, f"{A}.graph", 600_000, age=300)
    entry(folder, f"{B}.ladybug", 600_000, age=200, kind="folder")
    entry(folder, f"{C}.graph", 600_000, age=100)
    writing = entry(folder, f".tmp-{A}.ladybug-1-ab", 5_000_000, age=500, kind="folder")  # another process's
    foreign = entry(folder, "notes.txt", 5_000_000, age=900)  # no key: not the cache's
    monkeypatch.setenv("ZJGRAPH_CACHE_MAX", "1M")
    cache.touch(folder / f"{A}.graph")  # read just now: now the most recently used
    KnowledgeGraph.load(mini)  # writes a new entry of some kB
    [new] = [e.name for e in cache.entries() if e.name.endswith(".graph") and not e.name.startswith(A)]
    assert [e.name for e in cache.entries()] == [new, f"{A}.graph"]
    assert not (folder / f"{B}.ladybug").exists() and not (folder / f"{C}.graph").exists()
    assert writing.is_dir() and foreign.is_file()  # neither a write in progress nor a foreign file is evicted
    assert sum(e.size for e in cache.entries()) <= 1024 * 1024


def test_the_newest_entry_stays_even_past_the_cap(mini, folder, monkeypatch):
    monkeypatch.setenv("ZJGRAPH_CACHE_MAX", "0")
    KnowledgeGraph.load(mini)
    assert only_entry(folder).is_file()


@pytest.mark.parametrize(("text", "size"), [("5G", 5 << 30), ("500M", 500 << 20), ("1.5GB", 3 << 29),
                                            ("1000", 1000), ("2 KiB", 2048), ("0", 0)])
def test_sizes(text, size):
    assert cache.parse_size(text) == size


def test_a_cap_that_is_not_a_size_is_one_clear_line(mini, folder, monkeypatch):
    monkeypatch.setenv("ZJGRAPH_CACHE_MAX", "lots")
    for args in (["cache"], ["--data", mini, "stats"]):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stderr == ("zjgraph: ZJGRAPH_CACHE_MAX='lots' is not a size; expected bytes or a number "
                                 "with K, M, G or T, e.g. 500M or 5G\n")


def test_cache_command_lists_and_clears(mini, folder):
    assert run("--data", mini, "stats").exit_code == 0
    entry(folder, f"{B}.ladybug", 3000, age=100, kind="folder")
    foreign = entry(folder, "notes.txt", 10, age=1)
    stale = entry(folder, f".tmp-{A}.graph-1-ab", 10, age=2 * cache.STALE_SECONDS)
    fresh = entry(folder, f".tmp-{C}.graph-1-ab", 10, age=1)
    graph = only_entry(folder)
    out = run("cache").stdout
    assert out.startswith(f"cache folder: {folder}\n")
    lines = out.splitlines()
    assert lines[1].split() == ["entry", "kind", "size", "last", "used"]
    assert lines[3].split()[:2] == [graph.name, "file"] and lines[4].split()[:3] == [f"{B}.ladybug", "folder", "2.9"]
    size = graph.stat().st_size + 3000
    assert lines[-1] == f"2 entries, {size / 1024:.1f} KB of at most 5.0 GB (ZJGRAPH_CACHE_MAX)"
    listed = json.loads(run("cache", "--format", "json").stdout)
    assert listed["total_bytes"] == size and listed["max_bytes"] == 5 << 30
    assert [(e["name"], e["kind"], e["bytes"]) for e in listed["entries"]] == [
        (graph.name, "file", graph.stat().st_size), (f"{B}.ladybug", "folder", 3000)]
    result = run("cache", "clear")
    assert result.exit_code == 0
    assert result.stdout == f"removed 2 entries ({size / 1024:.1f} KB) from {folder}\n"
    assert cache.entries() == [] and not stale.exists() and fresh.exists() and foreign.exists()
    assert run("cache").stdout.splitlines()[-1] == "0 entries, 0 B of at most 5.0 GB (ZJGRAPH_CACHE_MAX)"


def test_the_ladybug_database_is_an_entry_like_the_graph(mini, folder):
    pytest.importorskip("ladybug", reason="LadybugDB is not installed")
    result = run("--data", mini, "cypher", "MATCH (s:School) RETURN count(s) AS n")
    assert result.exit_code == 0, result.output
    kinds = {e.name.split(".", 1)[1]: e.folder for e in cache.entries()}
    assert kinds == {"graph": False, "ladybug": True}
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == [cache.SECRET]  # no temporary left
    assert run("cache", "clear").stdout.startswith("removed 2 entries")
