"""Run Cypher with no server: the knowledge graph materialized into LadybugDB, an embedded Cypher database.

The schema is generated from the ontology (see :mod:`zjgraph.cypher.model`): a node table per entity class,
a relationship table per relation with every (from, to) pair of classes its domain and range allow.
LadybugDB is an optional extra (``pip install "zjgraph[cypher]"``).
"""

from __future__ import annotations

from collections import defaultdict

from zjgraph.cypher.model import REL_PROPERTIES, endpoints, node_properties, node_row, rel_row, rel_type
from zjgraph.problems import ZjgraphError


class CypherError(ZjgraphError):
    """A Cypher statement the engine rejected; the message is the engine's."""


def _ladybug():
    try:
        import ladybug
    except ImportError:
        raise ZjgraphError('the embedded Cypher engine needs LadybugDB: pip install "zjgraph[cypher]"') from None
    return ladybug


def _columns(props: dict[str, str]) -> str:
    return ", ".join(f"{k} {t}" + (" PRIMARY KEY" if k == "id" else "") for k, t in props.items())


def schema_statements(schema) -> list[str]:
    """The CREATE NODE TABLE and CREATE REL TABLE statements for the ontology."""
    stmts = [f"CREATE NODE TABLE {cls}({_columns(node_properties(schema, cls))})"
             for cls in sorted(schema.entity_classes())]
    for relation in sorted(schema.relations()):
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in endpoints(schema, relation))
        props = ", ".join(f"{k} {t}" for k, t in REL_PROPERTIES.items())
        stmts.append(f"CREATE REL TABLE {rel_type(relation)}({pairs}, {props})")
    return stmts


def node_statement(schema, cls: str) -> str:
    """The statement that creates the nodes of class ``cls`` from ``$rows``."""
    sets = ", ".join(f"{k}: r.{k}" for k in node_properties(schema, cls))
    return f"UNWIND $rows AS r CREATE (:{cls} {{{sets}}})"


def rel_statement(relation: str, from_cls: str, to_cls: str) -> str:
    """The statement that creates ``relation`` relationships between two classes from ``$rows``."""
    sets = ", ".join(f"{k}: r.{k}" for k in REL_PROPERTIES)
    # Two MATCH clauses with labels: one MATCH of both ends is very slow in LadybugDB (see STACK.md).
    return (f"UNWIND $rows AS r MATCH (a:{from_cls} {{id: r.from}}) MATCH (b:{to_cls} {{id: r.to}}) "
            f"CREATE (a)-[:{rel_type(relation)} {{{sets}}}]->(b)")


def load_statements(schema) -> list[str]:
    """Every statement :class:`Engine` may send to load data (for checks with Neo4j's parser)."""
    return [node_statement(schema, cls) for cls in sorted(schema.entity_classes())] + [
        rel_statement(rel, a, b) for rel in sorted(schema.relations()) for a, b in endpoints(schema, rel)]


class Engine:
    """An in-memory LadybugDB database holding one knowledge graph."""

    def __init__(self, kg):
        lb = _ladybug()
        self._db = lb.Database(":memory:")
        self._conn = lb.Connection(self._db)
        for stmt in schema_statements(kg.schema):
            self._conn.execute(stmt)
        self._load(kg)

    def _load(self, kg):
        g, schema = kg.graph, kg.schema
        nodes = defaultdict(list)
        for node, data in g.nodes(data=True):
            nodes[data["type"]].append(node_row(g, schema, node))
        for cls, rows in nodes.items():
            self._conn.execute(node_statement(schema, cls), {"rows": rows})
        rels = defaultdict(list)
        for u, v, e in g.edges(data=True):
            rels[(e["relation"], g.nodes[u]["type"], g.nodes[v]["type"])].append(rel_row(u, v, e))
        for (relation, a, b), rows in rels.items():
            self._conn.execute(rel_statement(relation, a, b), {"rows": rows})

    def run(self, query: str, parameters: dict | None = None, timeout: float | None = None
            ) -> tuple[list[str], list[list]]:
        """Column names and rows of ``query``; raises :class:`CypherError` with the engine's message
        (``Interrupted.`` when it ran longer than ``timeout`` seconds)."""
        self._conn.set_query_timeout(round(timeout * 1000) if timeout else 0)
        try:
            result = self._conn.execute(query, parameters or {})
        except RuntimeError as err:
            raise CypherError(str(err)) from None
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return columns, rows
