"""A content-keyed cache of the built graph, so CLI commands do not re-parse the ontology each run.

The key hashes every input (data files, ontology files) and zjgraph's own code, so any change to
them builds afresh. Set ``ZJGRAPH_CACHE_DIR`` to move the cache, ``ZJGRAPH_NO_CACHE=1`` to bypass it.
A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

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


def content_key(*folders_or_files: Path) -> str:
    """A hash of the names and bytes of every file under the given paths."""
    h = hashlib.sha256()
    for root in folders_or_files:
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for p in paths:
            if "__pycache__" in p.parts:
                continue
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def get(key: str):
    try:
        with (cache_dir() / f"{key}.pickle").open("rb") as f:
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - a missing, partial or stale-format cache is simply rebuilt
        return None


def put(key: str, value) -> None:
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, folder / f"{key}.pickle")
    except OSError:
        pass
