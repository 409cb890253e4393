"""The embedded graph as RDF, in the ontology's terms, with statement-level provenance.

Each entity becomes a resource typed with its class, named with ``rdfs:label`` (and ``skos:altLabel``
for aliases) in Chinese. Each fact becomes both a direct triple (``school zj:offersMajor major``) and a
``zj:Statement`` (an ``rdf:Statement`` reification, and a ``prov:Entity``) carrying ``zj:source`` (a
``prov:wasDerivedFrom``, also stated as such so PROV-O tools need no inference), ``zj:evidence``,
``zj:certainty``, its fact id as ``dcterms:identifier``, ``zj:quoteOffset`` and, where given, ``zj:rule``,
``zj:date``, ``zj:forMajor`` and ``skos:note``. Controlled values are the SKOS concepts of the ontology's
schemes; Chinese text is tagged ``@zh`` (an attribute is Chinese text when its range is ``rdf:langString``).

Nothing is lost: lists keep their order in ``zj:aliasList``, ``zj:evidenceList`` and ``zj:majorList``,
documents carry their catalogue fields and document-local aliases (``zj:localAlias``), so
:func:`zjgraph.loaders.rdf.from_rdf` gives back the very graph :func:`to_rdf` was given.
"""

from __future__ import annotations

from decimal import Decimal

import networkx as nx
from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from zjgraph.schema import ZJ, Schema

ZJNS = Namespace(ZJ)
ID = Namespace("https://w3id.org/zjgraph/id/")

# Fields of a source document (documents.toml) -> predicate; True when the value is Chinese text.
DOCUMENT_FIELDS = {
    "title": (RDFS.label, True),
    "file": (DCTERMS.source, False),
    "kind": (DCTERMS.type, True),
    "publisher": (DCTERMS.publisher, True),
    "date": (DCTERMS.date, False),
    "note": (SKOS.note, False),
}
DISTRICT = DCTERMS.spatial  # the document's district, an entity


def entity_iri(entity_id: str) -> URIRef:
    return ID[entity_id.replace(":", "/", 1)]


def entity_id(iri) -> str:
    """The zjgraph id of an entity or document IRI (inverse of :func:`entity_iri`)."""
    return str(iri)[len(str(ID)):].replace("/", ":", 1)


def statement_iri(fact_uid: str) -> URIRef:
    doc, index = fact_uid.split("#")
    return ID[f"statement/{doc.split(':', 1)[1]}/{index}"]


def to_literal(schema: Schema, prop: str, value):
    """The RDF term for a value of the attribute ``prop``: a SKOS concept, a typed or a ``@zh`` literal."""
    p = schema.properties[prop]
    if p.value_scheme:
        return ZJNS[schema.schemes[p.value_scheme][value].name]
    if p.datatype == "decimal":
        return Literal(str(value), datatype=XSD.decimal)  # from text, so rdflib holds a Decimal
    if p.datatype == "gYear":
        return Literal(str(value), datatype=XSD.gYear)
    return Literal(value, lang="zh") if p.datatype == "langString" else Literal(value)


def number(text) -> int | float:
    """A decimal's text as Python: ``int`` when integral (TOML's ``113``), else ``float``."""
    value = Decimal(str(text))
    return int(value) if value == value.to_integral_value() else float(value)


def from_literal(schema: Schema, prop: str, term):
    """The Python value of an RDF term for ``prop`` (inverse of :func:`to_literal`).

    Decimals come back as ``int`` when integral (TOML's ``113``), else ``float``; years as ``int``.
    """
    p = schema.properties[prop]
    if p.value_scheme:
        name = str(term)[len(ZJ):]
        return next(c.notation for c in schema.schemes[p.value_scheme].values() if c.name == name)
    if p.datatype == "decimal":
        return number(term)
    if p.datatype == "gYear":
        return int(str(term))
    return str(term)


def _add_list(rdf: Graph, subject, prop, items: list) -> None:
    """``subject prop (item …)`` for the order of a multi-valued field; nothing when there is no order."""
    if len(items) > 1:
        head = BNode()
        Collection(rdf, head, items)
        rdf.add((subject, prop, head))


def _statement(rdf: Graph, schema: Schema, s, p, o, ev: dict):
    st = statement_iri(ev["fact"])
    doc = entity_iri(ev["source"])
    rdf.add((st, RDF.type, ZJNS.Statement))
    rdf.add((st, DCTERMS.identifier, Literal(ev["fact"])))
    rdf.add((st, RDF.subject, s))
    rdf.add((st, RDF.predicate, p))
    rdf.add((st, RDF.object, o))
    rdf.add((st, ZJNS.source, doc))
    rdf.add((st, PROV.wasDerivedFrom, doc))
    quotes = [Literal(q, lang="zh") for q in ([ev["quote"]] if isinstance(ev["quote"], str) else ev["quote"])]
    for q in quotes:
        rdf.add((st, ZJNS.evidence, q))
    _add_list(rdf, st, ZJNS.evidenceList, quotes)
    if ev.get("offset") is not None:
        rdf.add((st, ZJNS.quoteOffset, Literal(ev["offset"])))
    rdf.add((st, ZJNS.certainty, to_literal(schema, "certainty", ev["certainty"])))
    if ev.get("rule"):
        rdf.add((st, ZJNS.rule, to_literal(schema, "rule", ev["rule"])))
    if ev.get("date"):
        rdf.add((st, ZJNS.date, Literal(ev["date"])))
    if ev.get("note"):
        rdf.add((st, SKOS.note, Literal(ev["note"])))
    if ev.get("confidence") is not None:
        rdf.add((st, ZJNS.confidence, Literal(str(ev["confidence"]), datatype=XSD.decimal)))
    majors = [entity_iri(m) for m in ev.get("major", [])]
    for m in majors:
        rdf.add((st, ZJNS.forMajor, m))
    _add_list(rdf, st, ZJNS.majorList, majors)


def _documents(rdf: Graph, g: nx.MultiDiGraph):
    for doc_id, meta in g.graph["documents"].items():
        d = entity_iri(doc_id)
        rdf.add((d, RDF.type, ZJNS.SourceDocument))
        for field, (pred, chinese) in DOCUMENT_FIELDS.items():
            if meta.get(field) is not None:
                rdf.add((d, pred, Literal(meta[field], lang="zh") if chinese else Literal(meta[field])))
        if meta.get("district"):
            rdf.add((d, DISTRICT, entity_iri(meta["district"])))
        for alias, target in g.graph.get("local_aliases", {}).get(doc_id, {}).items():
            node = BNode()
            rdf.add((d, ZJNS.localAlias, node))
            rdf.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
            rdf.add((node, ZJNS.aliasOf, entity_iri(target)))


def to_rdf(g: nx.MultiDiGraph, schema: Schema) -> Graph:
    """The graph ``g`` as an rdflib Graph (see the module docstring for the shape)."""
    rdf = Graph()
    rdf.bind("zj", ZJNS)
    rdf.bind("zjid", ID)
    rdf.bind("skos", SKOS)
    rdf.bind("prov", PROV)
    rdf.bind("dcterms", DCTERMS)
    _documents(rdf, g)
    for node, data in g.nodes(data=True):
        s = entity_iri(node)
        rdf.add((s, RDF.type, ZJNS[data["type"]]))
        rdf.add((s, RDFS.label, Literal(data["name"], lang="zh")))
        aliases = [Literal(a, lang="zh") for a in data.get("aliases", [])]
        for alias in aliases:
            rdf.add((s, SKOS.altLabel, alias))
        _add_list(rdf, s, ZJNS.aliasList, aliases)
        if data.get("note"):
            rdf.add((s, SKOS.note, Literal(data["note"])))
        evidence = data.get("provenance", {})
        for attr in (k for k in data if k in schema.properties):
            if attr in evidence:
                for ev in evidence[attr]:
                    o = to_literal(schema, attr, ev["value"])
                    rdf.add((s, ZJNS[attr], o))
                    _statement(rdf, schema, s, ZJNS[attr], o, ev)
            else:
                rdf.add((s, ZJNS[attr], to_literal(schema, attr, data[attr])))
    for u, v, e in g.edges(data=True):
        s, p, o = entity_iri(u), ZJNS[e["relation"]], entity_iri(v)
        rdf.add((s, p, o))
        _statement(rdf, schema, s, p, o, e)
    return rdf
