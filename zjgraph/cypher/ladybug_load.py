"""Load the knowledge graph into LadybugDB in bulk.

The schema is generated from the ontology (see :mod:`zjgraph.cypher.model`): a node table per entity class,
a relationship table per relation with every (from, to) pair of classes its domain and range allow. The data
goes in by ``COPY … FROM`` Arrow tables, one per class and one per (relation, from class, to class): a bulk
load, list properties included, with no Cypher text built from data.
"""

from __future__ import annotations

from collections import defaultdict

from zjgraph.cypher.model import REL_PROPERTIES, endpoints, node_properties, node_row, rel_row, rel_type


def _columns(props: dict[str, str]) -> str:
    return ", ".join(f"{k} {t}" + (" PRIMARY KEY" if k == "id" else "") for k, t in props.items())


def schema_statements(schema, present: set[tuple[str, str, str]] | None = None) -> list[str]:
    """The CREATE NODE TABLE and CREATE REL TABLE statements for the ontology.

    With ``present`` (the (relation, from class, to class) triples the data has), a relationship table gets only
    the pairs of classes the data uses (the first the ontology allows when it has none): every label and type
    still exists, a pattern over a pair with no data matches nothing, and the database holds and reads a
    catalogue of a few dozen pairs instead of the ontology's several hundred (partOf alone allows 256)."""
    stmts = [f"CREATE NODE TABLE {cls}({_columns(node_properties(schema, cls))})"
             for cls in sorted(schema.entity_classes())]
    for relation in sorted(schema.relations()):
        allowed = endpoints(schema, relation)
        if present is not None:
            allowed = [(a, b) for a, b in allowed if (relation, a, b) in present] or allowed[:1]
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in allowed)
        props = ", ".join(f"{k} {t}" for k, t in REL_PROPERTIES.items())
        stmts.append(f"CREATE REL TABLE {rel_type(relation)}({pairs}, {props})")
    return stmts


# ---------------------------------------------------------------- Arrow tables

def _arrow_type(kind: str):
    import pyarrow as pa

    return {"STRING": pa.string(), "DOUBLE": pa.float64(), "STRING[]": pa.list_(pa.string())}[kind]


def _arrow(rows: list[dict], types: dict[str, str]):
    """An Arrow table with a column per key of ``types`` (a LadybugDB type) from ``rows``."""
    import pyarrow as pa

    return pa.table({k: pa.array([r[k] for r in rows], type=_arrow_type(kind)) for k, kind in types.items()})


def node_table(g, schema, cls: str, nodes: list[str]):
    """The Arrow table of the ``cls`` nodes ``nodes``: one column per property, in the node table's order."""
    return _arrow([node_row(g, schema, n) for n in nodes], node_properties(schema, cls))


def rel_table(edges: list[tuple[str, str, dict]]):
    """The Arrow table of relationships: ``from`` and ``to`` (the end nodes' ids), then every property."""
    return _arrow([rel_row(u, v, e) for u, v, e in edges], {"from": "STRING", "to": "STRING", **REL_PROPERTIES})


def load(conn, kg) -> None:
    """Create the ontology's tables in an empty database and bulk-load ``kg`` into them."""
    g, schema = kg.graph, kg.schema
    types = dict(g.nodes(data="type"))
    rels = defaultdict(list)
    for u, v, e in g.edges(data=True):
        rels[(e["relation"], types[u], types[v])].append((u, v, e))
    for stmt in schema_statements(schema, set(rels)):
        conn.execute(stmt)
    nodes = defaultdict(list)
    for node, cls in types.items():
        nodes[cls].append(node)
    del types
    for cls, ids in sorted(nodes.items()):
        conn.execute(f"COPY {cls} FROM $data", {"data": node_table(g, schema, cls, ids)})
    del nodes
    for (relation, a, b) in sorted(rels):
        table = rel_table(rels.pop((relation, a, b)))  # popped: each group's rows are freed once copied
        conn.execute(f"COPY {rel_type(relation)} FROM $data (from='{a}', to='{b}')", {"data": table})
