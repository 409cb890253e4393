"""The graph as the data folder holds it now: reloaded when a file changes, with what pages derive from it.

Each request asks :meth:`LiveGraph.current` for the graph. A walk of the folder's file sizes and modification
times (a few hundred microseconds for the bundled data) says whether anything may have changed; only then is
the graph cache's content key (:func:`zjgraph.cache.content_key`, every byte hashed) computed, and the graph
reloaded through :meth:`KnowledgeGraph.load` (which reads the cached build when there is one) if the key moved.
What pages derive from one graph (the LadybugDB engine, coverage reports, the search facets' index) is kept in
:attr:`Version.memo`, and the last :data:`ANSWERS_KEPT` answers in :attr:`Version.answers`; both go with it.
"""

from __future__ import annotations

import gc
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from zjgraph import cache
from zjgraph.graph import KnowledgeGraph, default_data_dir


def _signature(root: Path) -> tuple:
    """(path, size, mtime) of every file under ``root`` (or of ``root``, an exported graph in one file): cheap,
    and different after any ordinary edit."""
    if root.is_file():
        st = root.stat()
        return ((str(root), "", st.st_size, st.st_mtime_ns),)
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            try:
                st = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            found.append((folder, name, st.st_size, st.st_mtime_ns))
    return tuple(found)


#: Answers (a page at one address) kept per graph version: a page is a function of its address and the graph.
ANSWERS_KEPT = 512


@dataclass
class Version:
    """One state of the data folder: its graph, its content key and what pages computed from it."""

    kg: KnowledgeGraph
    key: str
    memo: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    answers: OrderedDict = field(default_factory=OrderedDict)
    building: dict = field(default_factory=dict)

    def derived(self, name, make):
        """``make()`` once per graph version. Under a lock of its own: two requests do not build the same engine
        twice, and a page waiting for the Cypher engine does not hold up one that needs the facets."""
        with self.lock:
            if name in self.memo:
                return self.memo[name]
            own = self.building.setdefault(name, threading.Lock())
        with own:
            if name not in self.memo:
                value = make()
                with self.lock:
                    self.memo[name] = value
            return self.memo[name]

    def answer(self, key):
        """A kept answer, or None."""
        with self.lock:
            if key in self.answers:
                self.answers.move_to_end(key)
                return self.answers[key]
        return None

    def keep(self, key, value) -> None:
        """Keep an answer, forgetting the least recently used beyond :data:`ANSWERS_KEPT`."""
        with self.lock:
            self.answers[key] = value
            while len(self.answers) > ANSWERS_KEPT:
                self.answers.popitem(last=False)


class LiveGraph:
    """The current :class:`Version` of a data folder (default :func:`zjgraph.graph.default_data_dir`)."""

    def __init__(self, data_dir: Path | None = None, use_cache: bool = True):
        self.root = Path(data_dir) if data_dir else default_data_dir()
        self.use_cache = use_cache
        self._lock = threading.Lock()
        self._signature = None
        self._version: Version | None = None

    def current(self) -> Version:
        """The version for the folder as it is now; raises :class:`zjgraph.problems.DataError` if it is not valid."""
        signature = _signature(self.root) if self.root.exists() else ()
        with self._lock:
            if self._version is None or signature != self._signature:
                key = cache.content_key(self.root) if self.root.exists() else ""
                if self._version is None or key != self._version.key:
                    self._version = Version(KnowledgeGraph.load(self.root, use_cache=self.use_cache), key)
                    # The graph lives until the folder changes: out of the collector's sight, a full collection
                    # does not walk its million objects in the middle of a request (seconds at size M).
                    gc.collect()
                    gc.freeze()
                self._signature = signature
            return self._version
