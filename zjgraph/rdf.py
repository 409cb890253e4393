"""The embedded graph as RDF, in the ontology's terms, with statement-level provenance.

Each entity becomes a resource typed with its class, named with ``rdfs:label`` (and ``skos:altLabel``
for aliases) in Chinese. Each fact becomes both a direct triple (``school zj:offersMajor major``) and a
``zj:Statement`` (an ``rdf:Statement`` reification) carrying ``zj:source`` (a ``prov:wasDerivedFrom``),
``zj:evidence``, ``zj:certainty`` and, where given, ``zj:rule``, ``zj:date`` and ``zj:forMajor``.
Controlled values are the SKOS concepts of the ontology's schemes.
"""

from __future__ import annotations

import networkx as nx
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef

from zjgraph.schema import ZJ, Schema

ZJNS = Namespace(ZJ)
ID = Namespace("https://w3id.org/zjgraph/id/")


def entity_iri(entity_id: str) -> URIRef:
    return ID[entity_id.replace(":", "/", 1)]


def statement_iri(fact_uid: str) -> URIRef:
    doc, index = fact_uid.split("#")
    return ID[f"statement/{doc.split(':', 1)[1]}/{index}"]


def _literal(schema: Schema, prop: str, value):
    p = schema.properties[prop]
    if p.value_scheme:
        return ZJNS[schema.schemes[p.value_scheme][value].name]
    if p.datatype == "decimal":
        return Literal(str(value), datatype=XSD.decimal)  # from text, so rdflib holds a Decimal
    if p.datatype == "gYear":
        return Literal(str(value), datatype=XSD.gYear)
    return Literal(value, lang="zh") if p.datatype == "langString" else Literal(value)


def _statement(rdf: Graph, schema: Schema, s, p, o, ev: dict):
    st = statement_iri(ev["fact"])
    rdf.add((st, RDF.type, ZJNS.Statement))
    rdf.add((st, RDF.subject, s))
    rdf.add((st, RDF.predicate, p))
    rdf.add((st, RDF.object, o))
    rdf.add((st, ZJNS.source, entity_iri(ev["source"])))
    quotes = [ev["quote"]] if isinstance(ev["quote"], str) else ev["quote"]
    for q in quotes:
        rdf.add((st, ZJNS.evidence, Literal(q, lang="zh")))
    rdf.add((st, ZJNS.certainty, _literal(schema, "certainty", ev["certainty"])))
    if ev.get("rule"):
        rdf.add((st, ZJNS.rule, _literal(schema, "rule", ev["rule"])))
    if ev.get("date"):
        rdf.add((st, ZJNS.date, Literal(ev["date"])))
    if ev.get("confidence") is not None:
        rdf.add((st, ZJNS.confidence, Literal(str(ev["confidence"]), datatype=XSD.decimal)))
    for m in ev.get("major", []):
        rdf.add((st, ZJNS.forMajor, entity_iri(m)))


def to_rdf(g: nx.MultiDiGraph, schema: Schema) -> Graph:
    """The graph ``g`` as an rdflib Graph (see the module docstring for the shape)."""
    rdf = Graph()
    rdf.bind("zj", ZJNS)
    rdf.bind("zjid", ID)
    rdf.bind("skos", SKOS)
    for doc_id, meta in g.graph["documents"].items():
        d = entity_iri(doc_id)
        rdf.add((d, RDF.type, ZJNS.SourceDocument))
        rdf.add((d, RDFS.label, Literal(meta["title"], lang="zh")))
    for node, data in g.nodes(data=True):
        s = entity_iri(node)
        rdf.add((s, RDF.type, ZJNS[data["type"]]))
        rdf.add((s, RDFS.label, Literal(data["name"], lang="zh")))
        for alias in data.get("aliases", []):
            rdf.add((s, SKOS.altLabel, Literal(alias, lang="zh")))
        evidence = data.get("provenance", {})
        for attr in (k for k in data if k in schema.properties):
            if attr in evidence:
                for ev in evidence[attr]:
                    o = _literal(schema, attr, ev["value"])
                    rdf.add((s, ZJNS[attr], o))
                    _statement(rdf, schema, s, ZJNS[attr], o, ev)
            else:
                rdf.add((s, ZJNS[attr], _literal(schema, attr, data[attr])))
    for u, v, e in g.edges(data=True):
        s, p, o = entity_iri(u), ZJNS[e["relation"]], entity_iri(v)
        rdf.add((s, p, o))
        _statement(rdf, schema, s, p, o, e)
    return rdf
