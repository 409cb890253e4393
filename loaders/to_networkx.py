"""Populate the embedded graph: a NetworkX MultiDiGraph with one node per entity and one edge per fact.

Node attributes: ``type``, ``name``, ``aliases``, ``note``, the record attributes (catalogue fields, indicator and
target values) and the attributes stated by facts, with their evidence under ``provenance[attribute]``. Edge
attributes: ``relation`` and the fact's provenance (``source``, ``quote``, ``certainty``, ``rule``, ``major``,
``note``, ``offset``, and the time fields ``startTime``, ``endTime``, ``pointInTime`` and ``timeSource``, None
where not known: see :mod:`zjgraph.time`). Edge keys are the facts' stable uids (``doc:002#17``). ``G.graph``
carries the documents and their local aliases.

Derived node attributes (sorted lists): ``industries``, an enterprise's ``industry`` values, or the industries
whose catalogue categories (``zj:matchesCatalogueCategory`` in the ontology) include a major's category;
``districts``, the District nodes a node's chain of ``locatedIn``/``partOf`` facts reaches (a school in the
西部职教基地, the zone in 永川区: see :func:`located_in`), a district being its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from zjgraph.schema import Schema
from zjgraph.time import TIME_FIELDS

if TYPE_CHECKING:
    from zjgraph.loaders.curated import Dataset


def provenance(fact) -> dict:
    """The provenance fields of a fact, as stored on edges and attribute evidence."""
    return {
        "source": fact.document,
        "quote": fact.quotes[0] if len(fact.quotes) == 1 else list(fact.quotes),
        "certainty": fact.certainty,
        "rule": fact.rule,
        **dict.fromkeys(TIME_FIELDS), **fact.times,
        "major": list(fact.major),
        "note": fact.note,
        "offset": fact.offset,
        "confidence": fact.confidence,
        "fact": fact.uid,
    }


def fact_sort_key(uid: str) -> tuple[str, int]:
    """Sort fact ids in the order facts are read: by document, then by position (``doc:002#9`` < ``#10``)."""
    doc, index = uid.rsplit("#", 1)
    return doc, int(index)


def attribute_value(evidence: list[dict]):
    """The value of an attribute stated by facts: the one value, or the distinct values when they differ."""
    values = list(dict.fromkeys(ev["value"] for ev in evidence))
    return values[0] if len(values) == 1 else values


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
            node[attr] = attribute_value(evidence)
    add_derived(g, schema)
    return g


def add_derived(g: nx.MultiDiGraph, schema: Schema) -> None:
    """Set the attributes derived from the others (``industries``, ``districts``): never stored, always rebuilt;
    drop the schools' ties the questions keep (:func:`zjgraph.queries.links.ties`) and the name index
    (:func:`zjgraph.resolve.name_index`), to be built afresh."""
    from zjgraph.queries.links import forget_ties

    from zjgraph.resolve import forget_names

    add_industries(g, schema)
    add_districts(g)
    forget_ties(g)
    forget_names(g)


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


PLACING = ("locatedIn", "partOf")


def located_in(g: nx.MultiDiGraph, place: str) -> set[str]:
    """Entities whose chain of ``locatedIn``/``partOf`` edges reaches ``place`` (``place`` excluded).

    A school in 璧山区 is in 重庆市 too when the district is ``partOf`` the city; a campus ``partOf`` a school
    is wherever the school is. Entities with no such chain (no ``locatedIn`` fact) are in no place.
    """
    found, todo, pred = set(), [place], g._pred  # NetworkX's own dicts: a city has a national graph's entities
    while todo:
        for u, keyed in pred[todo.pop()].items():
            if u not in found and u != place and any(e["relation"] in PLACING for e in keyed.values()):
                found.add(u)
                todo.append(u)
    return found


def reaches(g: nx.MultiDiGraph, node: str) -> set[str]:
    """The places ``node``'s chain of ``locatedIn``/``partOf`` edges reaches (``node`` excluded): the inverse of
    :func:`located_in`, read upwards from one entity instead of downwards through everything in a place."""
    found, todo, succ = set(), [node], g._succ
    while todo:
        for v, keyed in succ[todo.pop()].items():
            if v not in found and v != node and any(e["relation"] in PLACING for e in keyed.values()):
                found.add(v)
                todo.append(v)
    return found


def add_districts(g: nx.MultiDiGraph) -> None:
    """Set the derived ``districts`` of every node (see the module docstring)."""
    found: dict[str, set[str]] = {n: set() for n in g}
    for district in [n for n, d in g.nodes(data=True) if d["type"] == "District"]:
        for node in located_in(g, district) | {district}:
            found[node].add(district)
    for node, districts in found.items():
        g.nodes[node]["districts"] = sorted(districts)
