"""Load the knowledge graph into Neo4j: schema first, then batched ``UNWIND $rows … MERGE`` statements in managed
transactions, so the driver retries transient errors and a re-run (after a kill, or a second load) changes nothing.

What lands on the server is the shared property-graph view (:mod:`zjgraph.cypher.model`), plus, for Neo4j:

- every entity also has the label ``Entity`` (generic queries: ``MATCH (n:Entity {name: …})``), and the properties
  ``aliasText`` (the aliases as one text, for the full-text index), ``attributesJson`` (the attribute values as
  stated, with their original JSON types) and ``provenanceJson`` (the evidence of each attribute: source, quote,
  certainty, rule, offset, fact and the time fields), both JSON text since Neo4j properties cannot hold maps;
- every relationship also has ``quotes`` (the evidence as a list of quotes), ``offset`` (where the quote is) and,
  for extracted facts, ``confidence``;
- every source document is a ``SourceDocument`` node (id, title, file, kind, district …) with ``localAliasesJson``;
- one ``ZjgraphLoad`` node records whether the last load finished (``status`` ``loading`` or ``complete``).

Every node zjgraph writes carries ``zjgraph: true``; that is how ``--wipe`` finds zjgraph's data and nothing else.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import networkx as nx

from zjgraph.cypher.model import label, node_row, rel_row, rel_type, relationship_type
from zjgraph.problems import ZjgraphError
from zjgraph.schema import Schema

ENTITY = "Entity"
DOCUMENT = "SourceDocument"
LOAD = "ZjgraphLoad"
LOAD_ID = "zjgraph"
OUTCOMES = ("created", "updated", "unchanged")
EDGE_EXTRAS = {"offset": "LONG", "confidence": "DOUBLE"}  # fact fields outside the shared model, by type


def to_json(value) -> str:
    """Compact, key-sorted JSON with Chinese kept as text: the same value always gives the same string."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# ---------------------------------------------------------------- rows


def entity_props(g: nx.MultiDiGraph, schema: Schema, node: str) -> dict:
    """The Neo4j properties of one entity (see the module docstring); no null values, as Neo4j stores none."""
    data = g.nodes[node]
    props = {k: v for k, v in node_row(g, schema, node).items() if v is not None}
    props.update(aliasText="\n".join(data.get("aliases", [])),
                 attributesJson=to_json({k: v for k, v in data.items() if k in schema.properties}),
                 provenanceJson=to_json(data.get("provenance", {})), zjgraph=True)
    return props


def relationship_props(u: str, v: str, edge: dict) -> dict:
    """The Neo4j properties of one fact's relationship (without its end nodes)."""
    row = rel_row(u, v, edge)
    props = {k: v for k, v in row.items() if v is not None and k not in ("from", "to")}
    props["quotes"] = [edge["quote"]] if isinstance(edge["quote"], str) else list(edge["quote"])
    props.update({k: edge[k] for k in EDGE_EXTRAS if edge.get(k) is not None})
    return props


def document_props(doc: dict, local_aliases: dict) -> dict:
    props = {k: v for k, v in doc.items() if v is not None}
    props.update(localAliasesJson=to_json(local_aliases), zjgraph=True)
    return props


@dataclass
class Batches:
    """What one load writes: rows grouped by statement, in the order they must be sent (nodes before the
    relationships between them)."""

    documents: list[dict] = field(default_factory=list)
    entities: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))  # by class
    relationships: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))  # by relation

    @property
    def total(self) -> int:
        return (len(self.documents) + sum(map(len, self.entities.values()))
                + sum(map(len, self.relationships.values())))

    def groups(self, schema: Schema) -> Iterator[tuple[str, str, str, list[dict]]]:
        """(kind, label or type, statement, rows) for every group: documents, then entities, then relationships."""
        yield "documents", DOCUMENT, merge_documents(), self.documents
        for cls in sorted(self.entities):
            yield "entities", cls, merge_entities(schema, cls), self.entities[cls]
        for relation in sorted(self.relationships):
            yield ("relationships", relationship_type(schema, relation), merge_relationships(schema, relation),
                   self.relationships[relation])


def batches(kg) -> Batches:
    """Every row of ``kg`` for the loader."""
    g, schema, out = kg.graph, kg.schema, Batches()
    local = g.graph.get("local_aliases", {})
    out.documents = [{"id": d, "props": document_props(meta, local.get(d, {}))}
                     for d, meta in sorted(g.graph["documents"].items())]
    for node, data in g.nodes(data=True):
        out.entities[data["type"]].append({"id": node, "props": entity_props(g, schema, node)})
    for u, v, e in g.edges(data=True):
        out.relationships[e["relation"]].append({"from": u, "to": v, "fact": e["fact"],
                                                 "props": relationship_props(u, v, e)})
    return out


# ---------------------------------------------------------------- statements


def schema_statements(schema: Schema) -> list[str]:
    """Constraints and indexes, all ``IF NOT EXISTS``: a unique id for every label, indexes on names and aliases,
    a full-text index over names and aliases with the CJK analyzer (finds 交职校 inside 璧山交职校), and an index on
    the fact uid of every relationship type."""
    labels = [ENTITY, DOCUMENT, LOAD, *sorted(schema.entity_classes())]
    stmts = [f"CREATE CONSTRAINT zjgraph_{label}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
             for label in labels]
    stmts += [
        f"CREATE INDEX zjgraph_{ENTITY}_name IF NOT EXISTS FOR (n:{ENTITY}) ON (n.name)",
        f"CREATE TEXT INDEX zjgraph_{ENTITY}_aliasText IF NOT EXISTS FOR (n:{ENTITY}) ON (n.aliasText)",
        f"CREATE FULLTEXT INDEX zjgraph_names IF NOT EXISTS FOR (n:{ENTITY}) ON EACH [n.name, n.aliasText] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
    ]
    stmts += [f"CREATE INDEX zjgraph_{rel_type(r)}_fact IF NOT EXISTS FOR ()-[r:{rel_type(r)}]-() ON (r.fact)"
              for r in sorted(schema.relations())]
    return stmts


def _outcome(old: str, same: str) -> str:
    return (f"CASE WHEN {old} IS NULL THEN 'created' WHEN {same} THEN 'unchanged' ELSE 'updated' END AS outcome")


def merge_documents() -> str:
    return (f"UNWIND $rows AS row OPTIONAL MATCH (old:{DOCUMENT} {{id: row.id}}) "
            f"WITH row, {_outcome('old', 'properties(old) = row.props')} "
            f"MERGE (d:{DOCUMENT} {{id: row.id}}) SET d = row.props RETURN outcome, count(*) AS count")


def merge_entities(schema: Schema, cls: str) -> str:
    """MERGE the entities of class ``cls`` on their id; ``SET n = row.props`` replaces every property, so a value
    removed from the data goes from the server too, and a stale class label is removed."""
    cls = label(schema, cls)
    others = ":".join(c for c in sorted(schema.entity_classes()) if c != cls)
    return (f"UNWIND $rows AS row OPTIONAL MATCH (old:{ENTITY} {{id: row.id}}) "
            f"WITH row, {_outcome('old', f'old:{cls} AND properties(old) = row.props')} "
            f"MERGE (n:{ENTITY} {{id: row.id}}) SET n = row.props, n:{cls} REMOVE n:{others} "
            "RETURN outcome, count(*) AS count")


def merge_relationships(schema: Schema, relation: str) -> str:
    """MERGE the relationships of one relation on their fact uid, between entities already loaded."""
    t = relationship_type(schema, relation)
    return (f"UNWIND $rows AS row MATCH (a:{ENTITY} {{id: row.from}}) MATCH (b:{ENTITY} {{id: row.to}}) "
            f"OPTIONAL MATCH (a)-[old:{t} {{fact: row.fact}}]->(b) "
            f"WITH a, b, row, {_outcome('old', 'properties(old) = row.props')} "
            f"MERGE (a)-[r:{t} {{fact: row.fact}}]->(b) SET r = row.props RETURN outcome, count(*) AS count")


MARK_LOAD = (f"MERGE (l:{LOAD} {{id: $id}}) SET l.zjgraph = true, l.status = $status, l.version = $version, "
             "l.entities = $entities, l.relationships = $relationships, l.documents = $documents")
WIPE = (f"MATCH (n) WHERE (n:{ENTITY} OR n:{DOCUMENT} OR n:{LOAD}) AND n.zjgraph = true "
        "WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted")


def statements(schema: Schema) -> dict[str, tuple[str, dict]]:
    """Every statement the loader sends, by a short name, with example parameters (for Neo4j's parser)."""
    out = {f"schema-{i}": (s, {}) for i, s in enumerate(schema_statements(schema))}
    out["documents"] = (merge_documents(), {"rows": []})
    out |= {f"entities-{c}": (merge_entities(schema, c), {"rows": []}) for c in sorted(schema.entity_classes())}
    out |= {f"relationships-{r}": (merge_relationships(schema, r), {"rows": []}) for r in sorted(schema.relations())}
    out["mark-load"] = (MARK_LOAD, {"id": "", "status": "", "version": "", "entities": 0, "relationships": 0,
                                    "documents": 0})
    out["wipe"] = (WIPE, {"batch": 0})
    return out


# ---------------------------------------------------------------- running


@dataclass
class Summary:
    """What a load did: per kind (documents, entities, relationships) the created/updated/unchanged counts."""

    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    deleted: int = 0
    seconds: float = 0.0
    server: str = ""

    def rows(self) -> list[list]:
        return [[kind, *(self.counts[kind][o] for o in OUTCOMES)] for kind in ("documents", "entities",
                                                                              "relationships")]

    def as_dict(self) -> dict:
        return {"server": self.server, "wiped": self.deleted, "seconds": round(self.seconds, 2),
                **{kind: {o: c[o] for o in OUTCOMES} for kind, c in self.counts.items()}}


def _chunks(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _write(tx, statement: str, rows: list[dict]) -> Counter:
    return Counter({r["outcome"]: r["count"] for r in tx.run(statement, rows=rows)})


def _wipe_batch(tx, batch: int) -> int:
    return tx.run(WIPE, batch=batch).single()["deleted"]


def wipe(session, batch_size: int = 1000) -> int:
    """Delete zjgraph's nodes (and their relationships), batch by batch; returns how many nodes went."""
    total = 0
    while deleted := session.execute_write(_wipe_batch, batch_size):
        total += deleted
    return total


def load(session, kg, batch_size: int = 1000, wipe_first: bool = False,
         progress: Callable[[int], None] = lambda n: None) -> Summary:
    """Write ``kg`` into the Neo4j session's database; ``progress(n)`` is called after each batch of n rows.

    The ``ZjgraphLoad`` node says ``loading`` until every batch is written, so a reader can tell an interrupted
    load; running the load again completes it.
    """
    from zjgraph import __version__

    if batch_size < 1:
        raise ZjgraphError(f"the batch size must be at least 1, not {batch_size}")
    start, summary = time.monotonic(), Summary()
    if wipe_first:
        summary.deleted = wipe(session, batch_size)
    for stmt in schema_statements(kg.schema):
        session.run(stmt).consume()  # schema commands cannot run in a transaction with writes
    rows = batches(kg)
    sizes = {"entities": sum(map(len, rows.entities.values())), "documents": len(rows.documents),
             "relationships": sum(map(len, rows.relationships.values()))}

    def mark(status):
        session.execute_write(lambda tx: tx.run(MARK_LOAD, id=LOAD_ID, status=status, version=__version__,
                                                **sizes).consume())

    mark("loading")
    for kind, what, statement, group in rows.groups(kg.schema):
        for chunk in _chunks(group, batch_size):
            done = session.execute_write(_write, statement, chunk)
            if sum(done.values()) != len(chunk):
                raise ZjgraphError(f"{len(chunk) - sum(done.values())} of {len(chunk)} {what} rows were not "
                                   "written: their end entities are missing on the server")
            summary.counts[kind].update(done)
            progress(len(chunk))
    mark("complete")
    summary.seconds = time.monotonic() - start
    return summary


def plan(kg, batch_size: int = 1000) -> dict:
    """What :func:`load` would write, without a server: rows and batches per label and type, and the schema."""
    rows = batches(kg)
    groups = [{"kind": kind, "what": what, "rows": len(group), "batches": -(-len(group) // batch_size),
               "statement": statement} for kind, what, statement, group in rows.groups(kg.schema) if group]
    return {"schema": schema_statements(kg.schema), "groups": groups, "rows": rows.total,
            "batch_size": batch_size}
