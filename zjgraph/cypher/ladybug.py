"""Run Cypher with no server: the knowledge graph materialized into LadybugDB, an embedded Cypher database.

:mod:`zjgraph.cypher.ladybug_load` loads it (a table per class and relation of the ontology);
:mod:`zjgraph.cypher.store` keeps the loaded database on disk so that later calls open it instead of loading
again. This module imports neither NetworkX nor the ontology, so that opening a kept database is quick.
"""

from __future__ import annotations

from collections import defaultdict

from zjgraph.cypher.statement import check_parameters, hint
from zjgraph.problems import ZjgraphError


class CypherError(ZjgraphError):
    """A Cypher statement the engine rejected; the message is the engine's, with a hint when zjgraph knows one."""


def ladybug():
    try:
        import ladybug
    except ImportError:
        raise ZjgraphError("the embedded Cypher engine needs LadybugDB, which zjgraph depends on: "
                           "pip install zjgraph (or pip install ladybug)") from None
    return ladybug


class Engine:
    """A LadybugDB database holding one knowledge graph: ``Engine(kg)`` loads ``kg`` into memory;
    :meth:`open` opens one that :mod:`zjgraph.cypher.store` saved, read-only."""

    def __init__(self, kg=None, *, _db=None):
        lb = ladybug()
        self._db = _db if _db is not None else lb.Database(":memory:")
        self._conn = lb.Connection(self._db)
        self._tables = None
        if kg is not None:
            from zjgraph.cypher.ladybug_load import load

            load(self._conn, kg)

    @classmethod
    def open(cls, path, memory_mb: int = 0) -> Engine:
        """The saved database at ``path``, read-only (any number of processes may open it at once). With
        ``memory_mb``, a query needing more memory than that fails instead of taking the machine's (LadybugDB's
        default buffer pool is 80% of it)."""
        return cls(_db=ladybug().Database(str(path), read_only=True, buffer_pool_size=memory_mb * 2**20))

    def run(self, query: str, parameters: dict | None = None, timeout: float | None = None
            ) -> tuple[list[str], list[list]]:
        """Column names and rows of ``query``. Raises :class:`ZjgraphError` naming any parameter ``query`` uses
        that ``parameters`` lacks, and :class:`CypherError` with the engine's message, and a hint when zjgraph
        knows one (``Interrupted.`` when it ran longer than ``timeout`` seconds)."""
        parameters = parameters or {}
        check_parameters(query, parameters)
        self._conn.set_query_timeout(round(timeout * 1000) if timeout else 0)
        try:
            result = self._conn.execute(query, parameters)
        except RuntimeError as err:
            message = str(err)
            more = hint(message, *self.tables())
            raise CypherError(f"{message}\n  hint: {more}" if more else message) from None
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return columns, rows

    def nodes(self) -> int:
        """How many nodes the database holds."""
        result = self._conn.execute("MATCH (n) RETURN count(n)")
        return result.get_next()[0]

    def tables(self) -> tuple[list[str], list[str]]:
        """The node labels and relationship types of the database, sorted."""
        if self._tables is None:
            result = self._conn.execute("CALL show_tables() RETURN name, type")
            found = defaultdict(list)
            while result.has_next():
                name, kind = result.get_next()
                found[kind].append(name)
            self._tables = sorted(found["NODE"]), sorted(found["REL"])
        return self._tables

    def close(self) -> None:
        self._conn.close()
        self._db.close()
