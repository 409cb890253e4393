"""The LadybugDB database kept on disk, so that a later ``zjgraph cypher`` opens it instead of loading again.

It is a cache entry like the built graph (:mod:`zjgraph.cache`): the folder ``<key>.ladybug`` directly in
:func:`zjgraph.cache.cache_dir`, its key hashing the data, the ontology, zjgraph's code and LadybugDB's
version, so any change to them loads afresh. It is built in a temporary folder beside it and renamed into place
once complete, so a reader never sees half a database; readers open it read-only, so any number of commands may
use it at once, and touch it to mark its use for least-recently-used eviction.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from zjgraph import cache
from zjgraph.cypher.ladybug import Engine, ladybug

SUFFIX = ".ladybug"
FILE = "graph.lbug"


def key(data_dir: Path) -> str:
    """The key of the database of ``data_dir``: the graph cache's inputs, this package's code, LadybugDB's version."""
    from zjgraph.graph import _code_paths
    from zjgraph.schema import ontology_files

    here = Path(__file__).parent
    inputs = cache.content_key(data_dir, *ontology_files(), *_code_paths(), *sorted(here.glob("*.py")))
    return hashlib.sha256(f"{inputs}\0ladybug {version('ladybug')}".encode()).hexdigest()


def path(data_dir: Path) -> Path:
    """Where the database of ``data_dir`` is kept (it may not exist yet)."""
    return cache.cache_dir() / f"{key(data_dir)}{SUFFIX}"


def build(kg, folder: Path) -> None:
    """Load ``kg`` into a new database in ``folder`` (which must not exist), atomically."""
    from zjgraph.cypher.ladybug_load import load

    lb = ladybug()
    tmp = cache.temporary(folder.name)  # hidden: no listing or eviction sees it before the rename
    tmp.mkdir()
    try:
        db = lb.Database(str(tmp / FILE))
        conn = lb.Connection(db)
        load(conn, kg)
        conn.close()
        db.close()
        try:
            os.rename(tmp, folder)
        except OSError:
            if not (folder / FILE).is_file():  # not another command that finished first: a real failure
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    cache.evict(keep={folder.name})  # the cap (ZJGRAPH_CACHE_MAX), least recently used first


def open_engine(data_dir: Path, kg: Callable[[], object], use_cache: bool = True) -> Engine:
    """An :class:`Engine` on the graph of ``data_dir``: the saved database when there is one, else ``kg()``
    (a function that loads the knowledge graph, called only when needed) loaded and saved for next time.
    With ``use_cache`` False, or when the cache folder cannot be written, the graph is loaded into memory."""
    if not (use_cache and cache.enabled()):
        return Engine(kg())
    folder = path(data_dir)
    try:
        if not (folder / FILE).is_file():
            build(kg(), folder)
        try:
            engine = Engine.open(folder / FILE)
        except RuntimeError:  # a damaged file (the key includes LadybugDB's version): built afresh, once
            shutil.rmtree(folder, ignore_errors=True)
            build(kg(), folder)
            engine = Engine.open(folder / FILE)
    except OSError:  # the cache folder cannot be written: nothing is kept
        return Engine(kg())
    with contextlib.suppress(OSError):
        os.utime(folder)
    return engine
