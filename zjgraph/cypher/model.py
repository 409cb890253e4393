"""The property-graph view of the knowledge graph that every Cypher engine shares.

Labels are the ontology's class names (``School``), relationship types its relation names in UPPER_SNAKE
(``partnersWith`` → ``PARTNERS_WITH``). Every node has ``id``, ``type``, ``name``, ``aliases`` and ``note``,
the ontology attributes that apply to its class and, for enterprises and majors, ``industries``. Attributes
stated by facts are lists (a document may give several values); record attributes are scalars. Every
relationship carries its fact's provenance: ``fact``, ``relation``, ``source``, ``quote``, ``certainty``,
``rule``, ``note``, ``major`` (the ids of the majors the fact names) and its time, ``startTime``, ``endTime``,
``pointInTime`` (years, months or days as text: ``2008``, ``2024-09``) and ``timeSource`` (see :mod:`zjgraph.time`).

Labels, relationship types and property names are formatted into statements (Cypher has no parameters for them),
so every one comes from the ontology and is checked against it here (:func:`label`, :func:`relationship_type`,
:func:`node_properties`), never taken from data: both engines' loaders take their names from these functions.

Node and relationship types carry the relation name and class as properties too (``relation``, ``type``),
because engines disagree on how to read them back (``type(r)`` in Neo4j, ``label(r)`` in LadybugDB).
"""

from __future__ import annotations

import re

import networkx as nx

from zjgraph.problems import ZjgraphError
from zjgraph.schema import Schema
from zjgraph.time import TIME_FIELDS

QUOTE_SEPARATOR = " … "
REL_PROPERTIES = {"fact": "STRING", "relation": "STRING", "source": "STRING", "quote": "STRING",
                  "certainty": "STRING", "rule": "STRING", "note": "STRING", "major": "STRING[]",
                  **dict.fromkeys(TIME_FIELDS, "STRING")}
DERIVED = {"industries": ("Enterprise", "Major")}  # and ``districts`` (ids) on every node


NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")  # the ontology's local names; nothing a statement could misread


def label(schema: Schema, cls: str) -> str:
    """The node label of the entity class ``cls``; raises :class:`ZjgraphError` unless the ontology has that class."""
    if cls not in schema.entity_classes() or not NAME.fullmatch(cls):
        raise ZjgraphError(f"“{cls}” is not an entity class of the ontology, so it cannot be a label; expected one "
                           f"of: {', '.join(sorted(schema.entity_classes()))}")
    return cls


def relationship_type(schema: Schema, relation: str) -> str:
    """The relationship type of the ontology relation ``relation``; raises :class:`ZjgraphError` for any other name."""
    if relation not in schema.relations():
        raise ZjgraphError(f"“{relation}” is not a relation of the ontology, so it cannot be a relationship type; "
                           f"expected one of: {', '.join(sorted(schema.relations()))}")
    return rel_type(relation)


def rel_type(relation: str) -> str:
    """``partnersWith`` → ``PARTNERS_WITH``; raises :class:`ZjgraphError` for a name that is not a plain identifier
    (check it against the ontology with :func:`relationship_type`)."""
    if not NAME.fullmatch(relation):
        raise ZjgraphError(f"“{relation}” is not a relation name")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", relation).upper()


def node_properties(schema: Schema, cls: str) -> dict[str, str]:
    """Property name → type (``STRING``, ``DOUBLE`` or ``STRING[]``) of nodes of class ``cls``, which must be an
    entity class of the ontology (see :func:`label`)."""
    label(schema, cls)
    props = {"id": "STRING", "type": "STRING", "name": "STRING", "aliases": "STRING[]", "note": "STRING"}
    for name, prop in sorted(schema.attributes().items()):
        if schema.applies_to(name, cls):
            if prop.given_in == "Fact":
                props[name] = "STRING[]"
            else:
                props[name] = "DOUBLE" if prop.datatype == "decimal" else "STRING"
    for name, classes in DERIVED.items():
        if cls in classes:
            props[name] = "STRING[]"
    props["districts"] = "STRING[]"
    return props


def endpoints(schema: Schema, relation: str) -> list[tuple[str, str]]:
    """Every (from class, to class) pair of entity classes the ontology allows for ``relation``."""
    prop = schema.properties[relation]
    classes = sorted(schema.entity_classes())
    return [(a, b) for a in classes if schema.is_a(a, prop.domain) for b in classes if schema.is_a(b, prop.range)]


def _value(value, kind: str):
    if kind == "STRING[]":
        return [] if value is None else [str(v) for v in (value if isinstance(value, list | tuple) else [value])]
    if isinstance(value, list | tuple):
        value = value[0]
    if value is None:
        return None
    return float(value) if kind == "DOUBLE" else str(value)


def node_row(g: nx.MultiDiGraph, schema: Schema, node: str) -> dict:
    """The properties of one node, typed as :func:`node_properties` says."""
    data = g.nodes[node]
    row = {k: _value(data.get(k), kind) for k, kind in node_properties(schema, data["type"]).items()}
    row["id"] = node
    row["districts"] = list(data["districts"])
    return row


def rel_row(u: str, v: str, edge: dict) -> dict:
    """The properties of one relationship, with its end nodes' ids under ``from`` and ``to``."""
    row = {k: edge.get(k) for k in REL_PROPERTIES}
    row.update(quote=quote_text(edge), major=list(edge["major"]))
    return {"from": u, "to": v, **row}


def quote_text(edge: dict) -> str:
    """A fact's evidence as one string: several quotes are joined with `` … ``."""
    return edge["quote"] if isinstance(edge["quote"], str) else QUOTE_SEPARATOR.join(edge["quote"])
