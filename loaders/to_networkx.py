"""Populate the embedded graph: a NetworkX MultiDiGraph with one node per entity and one edge per fact.

Node attributes: ``type``, ``name``, ``aliases``, ``note``, the record attributes (catalogue fields,
indicator and target values) and the attributes stated by facts, with their evidence under
``provenance[attribute]``. Edge attributes: ``relation`` and the fact's provenance (``source``,
``quote``, ``certainty``, ``rule``, ``date``, ``major``, ``note``, ``offset``). Edge keys are the facts'
stable uids (``doc:002#17``). ``G.graph`` carries the documents and their local aliases.

Derived node attributes (sorted lists): ``industries``, an enterprise's ``industry`` values, or the industries
whose catalogue categories (``zj:matchesCatalogueCategory`` in the ontology) include a major's category;
``districts``, the District nodes reached from a node by up to three ``locatedIn``/``partOf`` steps (a school
in the 西部职教基地, the zone in 永川区), a district being its own.
"""

from __future__ import annotations

import networkx as nx
from zjgraph.loaders.curated import Dataset

from zjgraph.schema import Schema


def provenance(fact) -> dict:
    """The provenance fields of a fact, as stored on edges and attribute evidence."""
    return {
        "source": fact.document,
        "quote": fact.quotes[0] if len(fact.quotes) == 1 else list(fact.quotes),
        "certainty": fact.certainty,
        "rule": fact.rule,
        "date": fact.date,
        "major": list(fact.major),
        "note": fact.note,
        "offset": fact.offset,
        "confidence": fact.confidence,
        "fact": fact.uid,
    }


def build_graph(data: Dataset, schema: Schema) -> nx.MultiDiGraph:
    """Build the embedded graph from a checked :class:`Dataset`."""
    g = nx.MultiDiGraph()
    g.graph["documents"] = {
        d.id: {"id": d.id, "title": d.title, "file": d.file, **d.meta} for d in data.documents.values()
    }
    g.graph["local_aliases"] = {doc: dict(table) for doc, table in data.local_aliases.items()}
    for e in data.entities.values():
        g.add_node(e.id, type=e.type, name=e.name, aliases=list(e.aliases), note=e.note,
                   provenance={}, **e.attrs)
    for fact in data.facts:
        if fact.object is not None:
            g.add_edge(fact.subject, fact.object, key=fact.uid, relation=fact.predicate, **provenance(fact))
            continue
        node = g.nodes[fact.subject]
        node["provenance"].setdefault(fact.predicate, []).append({"value": fact.value, **provenance(fact)})
    for _, node in g.nodes(data=True):
        for attr, evidence in node["provenance"].items():
            values = list(dict.fromkeys(ev["value"] for ev in evidence))
            node[attr] = values[0] if len(values) == 1 else values
    add_industries(g, schema)
    add_districts(g)
    return g


def add_industries(g: nx.MultiDiGraph, schema: Schema) -> None:
    """Set the derived ``industries`` of enterprises and majors (see the module docstring)."""
    by_category: dict[str, set[str]] = {}
    for concept in schema.schemes.get("IndustryScheme", {}).values():
        for category in concept.catalogue_categories:
            by_category.setdefault(category, set()).add(concept.notation)
    for _, node in g.nodes(data=True):
        if node["type"] == "Enterprise":
            value = node.get("industry", [])
            node["industries"] = sorted([value] if isinstance(value, str) else value)
        elif node["type"] == "Major":
            node["industries"] = sorted(by_category.get(node.get("catalogueCategory"), ()))


def add_districts(g: nx.MultiDiGraph, depth: int = 3) -> None:
    """Set the derived ``districts`` of every node (see the module docstring)."""
    for node, data in g.nodes(data=True):
        found, frontier = set(), {node}
        for _ in range(depth + 1):
            found |= {n for n in frontier if g.nodes[n]["type"] == "District"}
            frontier = {v for n in frontier for _, v, e in g.out_edges(n, data=True)
                        if e["relation"] in ("locatedIn", "partOf")}
        data["districts"] = sorted(found)
