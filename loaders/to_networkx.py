"""Populate the embedded graph: a NetworkX MultiDiGraph with one node per entity and one edge per fact.

Node attributes: ``type``, ``name``, ``aliases``, ``note``, the record attributes (catalogue fields,
indicator and target values) and the attributes stated by facts, with their evidence under
``provenance[attribute]``. Edge attributes: ``relation`` and the fact's provenance (``source``,
``quote``, ``certainty``, ``rule``, ``date``, ``major``, ``note``, ``offset``). Edge keys are the facts'
stable uids (``doc:002#17``). ``G.graph`` carries the documents and their local aliases.
"""

from __future__ import annotations

import networkx as nx
from zjgraph.loaders.curated import Dataset


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


def build_graph(data: Dataset) -> nx.MultiDiGraph:
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
    return g
