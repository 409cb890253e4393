"""The embedded graph as RDF, in the ontology's terms, with statement-level provenance.

Each entity becomes a resource typed with its class, named with ``rdfs:label`` (and ``skos:altLabel`` for aliases)
in Chinese. Each fact becomes both a direct triple (``school zj:offersMajor major``) and a ``zj:Statement`` (an
``rdf:Statement`` reification, and a ``prov:Entity``) carrying ``zj:source`` (a ``prov:wasDerivedFrom``, also
stated as such so PROV-O tools need no inference), ``zj:evidence``, ``zj:certainty``, its fact id as
``dcterms:identifier``, ``zj:quoteOffset`` and, where given, ``zj:rule``, ``zj:forMajor``, ``skos:note`` and its
time (:mod:`zjgraph.time`): ``zj:startTime``, ``zj:endTime`` and ``zj:pointInTime`` as ``xsd:gYear``,
``xsd:gYearMonth`` or ``xsd:date``, with ``zj:timeSource``. Documents carry their publication date as
``dcterms:issued`` and the period they report on as ``zj:reportingPeriod``. Controlled values are the SKOS concepts
of the ontology's schemes; Chinese text is tagged ``@zh`` (an attribute is Chinese text when its range is
``rdf:langString``). A fact of certainty ``planned`` (what a plan intends) is a statement only, never a direct
triple: RDF asserts what is, and SPARQL over the direct triples sees present facts alone, as the embedded queries
do.

Nothing is lost: lists keep their order in ``zj:aliasList``, ``zj:evidenceList`` and ``zj:majorList``, documents
carry their catalogue fields and document-local aliases (``zj:localAlias``), so
:func:`zjgraph.loaders.rdf.from_rdf` gives back the very graph :func:`to_rdf` was given.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import networkx as nx
from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from zjgraph import time
from zjgraph.schema import ZJ, Schema

ZJNS = Namespace(ZJ)
ID = Namespace("https://w3id.org/zjgraph/id/")

# Fields of a source document (documents.toml) -> predicate; True when the value is Chinese text.
DOCUMENT_FIELDS = {
    "title": (RDFS.label, True),
    "file": (DCTERMS.source, False),
    "kind": (DCTERMS.type, True),
    "publisher": (DCTERMS.publisher, True),
    "date": (DCTERMS.issued, False),
    "period": (ZJNS.reportingPeriod, False),
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


# The terms every triple uses, looked up once: a namespace attribute costs microseconds.
_TYPE, _FIRST, _REST, _NIL = RDF.type, RDF.first, RDF.rest, RDF.nil
_SUBJECT, _PREDICATE, _OBJECT = RDF.subject, RDF.predicate, RDF.object
_LABEL, _ALT_LABEL, _NOTE = RDFS.label, SKOS.altLabel, SKOS.note
_IDENTIFIER, _DERIVED_FROM, _DECIMAL = DCTERMS.identifier, PROV.wasDerivedFrom, XSD.decimal
_STATEMENT, _SOURCE_DOCUMENT = ZJNS.Statement, ZJNS.SourceDocument
_LOCAL_ALIAS, _ALIAS_OF = ZJNS.localAlias, ZJNS.aliasOf
_SOURCE, _EVIDENCE, _EVIDENCE_LIST, _QUOTE_OFFSET = ZJNS.source, ZJNS.evidence, ZJNS.evidenceList, ZJNS.quoteOffset
_CERTAINTY, _RULE, _CONFIDENCE = ZJNS.certainty, ZJNS.rule, ZJNS.confidence
_TIMES = {k: ZJNS[k] for k in (time.START, time.END, time.POINT)}
_TIME_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}  # by the length of the text: 2008, 2024-09, 2011-11-05
_FOR_MAJOR, _MAJOR_LIST, _ALIAS_LIST = ZJNS.forMajor, ZJNS.majorList, ZJNS.aliasList

# The prefixes of the export (to_rdf's bindings, the prefixes of the streamed Turtle).
BINDINGS = {"zj": ZJNS, "zjid": ID, "skos": SKOS, "prov": PROV, "dcterms": DCTERMS}

Triple = tuple[Node, Node, Node]


def _cached(make, limit: int = 1 << 16):
    """``make`` remembering its last results (at most ``limit`` of them, so memory stays bounded)."""
    cache: dict = {}

    def get(key):
        term = cache.get(key)
        if term is None:
            if len(cache) >= limit:
                cache.clear()
            term = cache[key] = make(key)
        return term

    return get


def _list(subject, prop, items: list) -> Iterator[Triple]:
    """``subject prop (item …)`` for the order of a multi-valued field; nothing when there is no order.

    The ``rdf:first``/``rdf:rest`` nodes come as rdflib's ``Collection`` makes them, then the link to the head.
    """
    if len(items) > 1:
        head = node = BNode()
        for i, item in enumerate(items):
            if i:
                rest = BNode()
                yield node, _REST, rest
                node = rest
            yield node, _FIRST, item
        yield node, _REST, _NIL
        yield subject, prop, head


class _Terms:
    """The RDF terms of one export, repeated values made once (bounded caches)."""

    def __init__(self, schema: Schema):
        self.schema = schema
        self.zj = _cached(ZJNS.term, limit=1 << 12)
        self.entity = _cached(entity_iri)
        # keyed with the value's type too: 113 == 113.0 == True-ish values must not share a term
        self._value = _cached(lambda key: to_literal(schema, key[0], key[2]))
        self._plain = _cached(lambda key: Literal(key[1]))  # offsets: few distinct values
        self.time = _cached(lambda text: Literal(text, datatype=_TIME_TYPES.get(len(text))))
        self.decimal = _cached(lambda text: Literal(text, datatype=_DECIMAL))

    def attribute(self, prop: str, value):
        try:
            return self._value((prop, type(value), value))
        except TypeError:  # unhashable: made each time
            return to_literal(self.schema, prop, value)

    def plain(self, value):
        return self._plain((type(value), value))


def _statement(t: _Terms, s, p, o, ev: dict) -> Iterator[Triple]:
    st = statement_iri(ev["fact"])
    doc = t.entity(ev["source"])
    yield st, _TYPE, _STATEMENT
    yield st, _IDENTIFIER, Literal(ev["fact"])
    yield st, _SUBJECT, s
    yield st, _PREDICATE, p
    yield st, _OBJECT, o
    yield st, _SOURCE, doc
    yield st, _DERIVED_FROM, doc
    quotes = [Literal(q, lang="zh") for q in ([ev["quote"]] if isinstance(ev["quote"], str) else ev["quote"])]
    for q in quotes:
        yield st, _EVIDENCE, q
    yield from _list(st, _EVIDENCE_LIST, quotes)
    if ev.get("offset") is not None:
        yield st, _QUOTE_OFFSET, t.plain(ev["offset"])
    yield st, _CERTAINTY, t.attribute("certainty", ev["certainty"])
    if ev.get("rule"):
        yield st, _RULE, t.attribute("rule", ev["rule"])
    for field, prop in _TIMES.items():
        if ev.get(field):
            yield st, prop, t.time(str(ev[field]))
    if ev.get(time.SOURCE):
        yield st, t.zj(time.SOURCE), t.attribute(time.SOURCE, ev[time.SOURCE])
    if ev.get("note"):
        yield st, _NOTE, Literal(ev["note"])
    if ev.get("confidence") is not None:
        yield st, _CONFIDENCE, t.decimal(str(ev["confidence"]))
    majors = [t.entity(m) for m in ev.get("major", [])]
    for m in majors:
        yield st, _FOR_MAJOR, m
    yield from _list(st, _MAJOR_LIST, majors)


def _documents(g: nx.MultiDiGraph) -> Iterator[Triple]:
    for doc_id, meta in g.graph["documents"].items():
        d = entity_iri(doc_id)
        yield d, _TYPE, _SOURCE_DOCUMENT
        for field, (pred, chinese) in DOCUMENT_FIELDS.items():
            value = meta.get(field)
            if value is None:
                continue
            if field == "date":  # the publication date: xsd:date (or gYear, gYearMonth), as a statement's times
                yield d, pred, Literal(str(value), datatype=_TIME_TYPES.get(len(str(value))))
            else:
                yield d, pred, Literal(value, lang="zh") if chinese else Literal(value)
        if meta.get("district"):
            yield d, DISTRICT, entity_iri(meta["district"])
        for alias, target in g.graph.get("local_aliases", {}).get(doc_id, {}).items():
            node = BNode()
            yield d, _LOCAL_ALIAS, node
            yield node, _ALT_LABEL, Literal(alias, lang="zh")
            yield node, _ALIAS_OF, entity_iri(target)


def triples(g: nx.MultiDiGraph, schema: Schema) -> Iterator[Triple]:
    """The triples of the graph ``g`` (see the module docstring for the shape), one at a time.

    Each subject's triples mostly come together (a statement's list nodes come between them), which
    :mod:`zjgraph.export.turtle_stream` uses to write Turtle without holding the triples.
    """
    t = _Terms(schema)
    yield from _documents(g)
    for node, data in g.nodes(data=True):
        s = t.entity(node)
        yield s, _TYPE, t.zj(data["type"])
        yield s, _LABEL, Literal(data["name"], lang="zh")
        aliases = [Literal(a, lang="zh") for a in data.get("aliases", [])]
        for alias in aliases:
            yield s, _ALT_LABEL, alias
        yield from _list(s, _ALIAS_LIST, aliases)
        if data.get("note"):
            yield s, _NOTE, Literal(data["note"])
        evidence = data.get("provenance", {})
        for attr in (k for k in data if k in schema.properties):
            p = t.zj(attr)
            if attr in evidence:
                for ev in evidence[attr]:
                    o = t.attribute(attr, ev["value"])
                    if ev["certainty"] != "planned":
                        yield s, p, o
                    yield from _statement(t, s, p, o, ev)
            else:
                yield s, p, t.attribute(attr, data[attr])
    for u, v, e in g.edges(data=True):
        s, p, o = t.entity(u), t.zj(e["relation"]), t.entity(v)
        if e["certainty"] != "planned":
            yield s, p, o
        yield from _statement(t, s, p, o, e)


def to_rdf(g: nx.MultiDiGraph, schema: Schema) -> Graph:
    """The graph ``g`` as an rdflib Graph (see the module docstring for the shape)."""
    rdf = Graph()
    for prefix, namespace in BINDINGS.items():
        rdf.bind(prefix, namespace)
    rdf.addN((s, p, o, rdf) for s, p, o in triples(g, schema))
    return rdf
