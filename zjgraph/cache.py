"""A content-keyed cache of the built graph, so CLI commands do not re-parse the ontology each run.

The key hashes every input (data files, ontology files) and zjgraph's own code, so any change to
them builds afresh. Set ``ZJGRAPH_CACHE_DIR`` to move the cache, ``ZJGRAPH_NO_CACHE=1`` to bypass it.
A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    if os.environ.get("ZJGRAPH_CACHE_DIR"):
        return Path(os.environ["ZJGRAPH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "zjgraph"


def enabled() -> bool:
    return os.environ.get("ZJGRAPH_NO_CACHE", "") in ("", "0")


def _files(folder: Path) -> list[tuple[str, str]]:
    """(path relative to ``folder``, path) of every file under ``folder``, sorted; like ``folder.rglob("*")``
    it does not descend into linked folders, and it leaves ``__pycache__`` out."""
    found = []

    def visit(path: str, rel: str) -> None:
        with os.scandir(path) as entries:
            for e in entries:
                if e.name == "__pycache__":
                    continue
                if e.is_dir() and not e.is_symlink():
                    visit(e.path, f"{rel}{e.name}/")
                elif e.is_file():
                    found.append((rel + e.name, e.path))

    if folder.is_dir():
        visit(str(folder), "")
    return sorted(found)


def content_key(*folders_or_files: Path) -> str:
    """A hash of the path (relative to the folder given) and bytes of every file under the given paths.

    Every byte is read each time (about a megabyte for the bundled data and code, a few milliseconds): a
    shortcut on sizes and modification times could miss an edit that keeps both.
    """
    h = hashlib.sha256()
    for root in folders_or_files:
        for rel, path in [(root.name, str(root))] if root.is_file() else _files(root):
            with open(path, "rb") as f:
                data = f.read()
            h.update(f"{rel}\0{len(data)}\0".encode())
            h.update(data)
    return h.hexdigest()


def get(key: str):
    collecting = gc.isenabled()
    gc.disable()  # unpickling makes thousands of objects and no garbage: collecting meanwhile only costs time
    try:
        with (cache_dir() / f"{key}.pickle").open("rb") as f:
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - a missing, partial or stale-format cache is simply rebuilt
        return None
    finally:
        if collecting:
            gc.enable()


def put(key: str, value) -> None:
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, folder / f"{key}.pickle")
    except OSError:
        pass
