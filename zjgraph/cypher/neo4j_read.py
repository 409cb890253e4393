"""Read the knowledge graph back from Neo4j, and run named queries there.

:func:`read_graph` rebuilds the NetworkX graph the embedded loader builds (same nodes, attributes, evidence and
edges keyed by fact uid) from what :mod:`zjgraph.cypher.neo4j_load` wrote: typed properties for what queries read,
``attributesJson``/``provenanceJson`` and ``quotes``/``offset`` for the exact values and evidence. ``show`` and
``coverage`` then run the same code on it as on the embedded graph, so their output is the same.
"""

from __future__ import annotations

import json

import networkx as nx

from zjgraph.cypher.model import DERIVED, REL_PROPERTIES
from zjgraph.cypher.neo4j_load import DOCUMENT, EDGE_EXTRAS, ENTITY, LOAD, LOAD_ID
from zjgraph.problems import ZjgraphError
from zjgraph.time import upgrade

READ_STATUS = f"MATCH (l:{LOAD} {{id: $id}}) RETURN l.status AS status"
READ_DOCUMENTS = f"MATCH (d:{DOCUMENT}) WHERE d.zjgraph = true RETURN properties(d) AS props ORDER BY d.id"
READ_ENTITIES = f"MATCH (n:{ENTITY}) WHERE n.zjgraph = true RETURN properties(n) AS props ORDER BY n.id"
READ_RELATIONSHIPS = (f"MATCH (a:{ENTITY})-[r]->(b:{ENTITY}) WHERE a.zjgraph = true AND b.zjgraph = true "
                      "AND r.fact IS NOT NULL RETURN a.id AS source, b.id AS target, properties(r) AS props "
                      "ORDER BY r.fact")
LISTS = ("aliases", "districts")


def statements() -> dict[str, tuple[str, dict]]:
    """Every statement the read-back sends, with example parameters (for Neo4j's parser)."""
    return {"read-status": (READ_STATUS, {"id": ""}), "read-documents": (READ_DOCUMENTS, {}),
            "read-entities": (READ_ENTITIES, {}), "read-relationships": (READ_RELATIONSHIPS, {})}


def _rows(session, statement: str, **params) -> list:
    return session.execute_read(lambda tx: [r.data() for r in tx.run(statement, **params)])


def check_loaded(session, where: str) -> None:
    """Raise :class:`ZjgraphError` unless a zjgraph load into this database finished."""
    status = _rows(session, READ_STATUS, id=LOAD_ID)
    if not status:
        raise ZjgraphError(f"Neo4j at {where} holds no zjgraph data: run `zjgraph load --to neo4j` first")
    if status[0]["status"] != "complete":
        raise ZjgraphError(f"the zjgraph load into Neo4j at {where} did not finish (interrupted?): run "
                           "`zjgraph load --to neo4j` again to complete it")


def entity_data(props: dict) -> dict:
    """The NetworkX node attributes of one entity from its Neo4j properties."""
    data = {"type": props["type"], "name": props["name"], "note": props.get("note")}
    # A bulk import (neo4j-admin) cannot store an empty list: a missing list property reads as empty.
    data.update({k: list(props.get(k, [])) for k in LISTS})
    data.update({k: list(props.get(k, [])) for k, classes in DERIVED.items() if props["type"] in classes})
    data["provenance"] = {attr: [upgrade(ev) for ev in evidence]
                          for attr, evidence in json.loads(props["provenanceJson"]).items()}
    data.update(json.loads(props["attributesJson"]))
    return data


def edge_data(props: dict) -> dict:
    """The NetworkX edge attributes of one fact from its relationship's properties."""
    quotes = props["quotes"]
    data = {k: props.get(k) for k in [*REL_PROPERTIES, *EDGE_EXTRAS]}
    data.update(quote=quotes[0] if len(quotes) == 1 else list(quotes), major=list(props.get("major", [])))
    return upgrade({**data, "date": props["date"]}) if "date" in props else data  # loaded before startTime


def read_graph(session, where: str):
    """The :class:`zjgraph.KnowledgeGraph` stored on the server (raises when there is none, or it is partial)."""
    from pathlib import Path

    from zjgraph.graph import KnowledgeGraph
    from zjgraph.schema import load_schema

    check_loaded(session, where)
    g = nx.MultiDiGraph()
    g.graph["documents"], g.graph["local_aliases"] = {}, {}
    for row in _rows(session, READ_DOCUMENTS):
        props = dict(row["props"])
        local = json.loads(props.pop("localAliasesJson"))
        props.pop("zjgraph")
        g.graph["documents"][props["id"]] = props
        g.graph["local_aliases"][props["id"]] = local
    for row in _rows(session, READ_ENTITIES):
        g.add_node(row["props"]["id"], **entity_data(row["props"]))
    for row in _rows(session, READ_RELATIONSHIPS):
        g.add_edge(row["source"], row["target"], key=row["props"]["fact"], **edge_data(row["props"]))
    return KnowledgeGraph(g, load_schema(), Path(where))


def run_query(session, cypher: str, params: dict) -> tuple[list[str], list[list]]:
    """Column names and rows of one Cypher query, read in a managed (retried) transaction."""
    def work(tx):
        result = tx.run(cypher, params)
        return list(result.keys()), [list(r.values()) for r in result]

    return session.execute_read(work)
