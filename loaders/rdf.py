"""Read zjgraph's RDF (Turtle, JSON-LD, N-Triples, RDF/XML) back into the embedded graph.

The inverse of :func:`zjgraph.rdf.to_rdf`: entities, their record attributes, every ``zj:Statement``
(a relation becomes an edge keyed by its fact id, an attribute a piece of evidence under
``provenance``), the documents and their local aliases. Reading an export gives back the graph that
was exported, attribute for attribute.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
from rdflib import DCTERMS, RDF, RDFS, SKOS, Graph
from rdflib.collection import Collection
from zjgraph.loaders.to_networkx import add_derived, attribute_value, fact_sort_key

from zjgraph import time
from zjgraph.problems import DataError, Problem
from zjgraph.rdf import DISTRICT, DOCUMENT_FIELDS, ID, ZJNS, entity_id, from_literal, number
from zjgraph.schema import ZJ, Schema

SUFFIX_FORMATS = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt", ".rdf": "xml",
                  ".owl": "xml", ".xml": "xml"}


def _local(term) -> str | None:
    s = str(term)
    return s[len(ZJ):] if s.startswith(ZJ) else None


def _ordered(rdf: Graph, subject, list_prop, item_prop) -> list:
    """The values of ``item_prop``, in the order ``list_prop`` gives when there is one."""
    head = rdf.value(subject, list_prop)
    return list(Collection(rdf, head)) if head is not None else sorted(rdf.objects(subject, item_prop))


def _str(rdf: Graph, subject, prop) -> str | None:
    """The lexical form of a literal (a time stays ``2008``, not a date), or None."""
    value = rdf.value(subject, prop)
    return None if value is None else str(value)


def _text(rdf: Graph, subject, prop) -> str | None:
    value = rdf.value(subject, prop)
    return None if value is None else value.toPython() if value.datatype else str(value)


class _Reader:
    def __init__(self, rdf: Graph, schema: Schema, where: str):
        self.rdf, self.schema, self.where = rdf, schema, where
        self.problems: list[Problem] = []

    def problem(self, entry, message):
        self.problems.append(Problem(self.where, None, str(entry), message))

    def documents(self, g: nx.MultiDiGraph):
        rdf = self.rdf
        docs, local = {}, {}
        for d in sorted(rdf.subjects(RDF.type, ZJNS.SourceDocument)):
            doc_id = entity_id(d)
            meta = {"id": doc_id}
            for field, (pred, _) in DOCUMENT_FIELDS.items():
                value = _str(rdf, d, pred)
                if value is None and field == "date":  # before dcterms:issued, the publication date was dcterms:date
                    value = _str(rdf, d, DCTERMS.date)
                if value is not None:
                    meta[field] = value
            if rdf.value(d, DISTRICT) is not None:
                meta["district"] = entity_id(rdf.value(d, DISTRICT))
            docs[doc_id] = meta
            local[doc_id] = {str(rdf.value(a, SKOS.altLabel)): entity_id(rdf.value(a, ZJNS.aliasOf))
                             for a in rdf.objects(d, ZJNS.localAlias)}
        g.graph["documents"] = docs
        g.graph["local_aliases"] = local

    def entities(self, g: nx.MultiDiGraph):
        rdf, schema = self.rdf, self.schema
        classes = schema.entity_classes()
        record_attrs = {n for n, p in schema.attributes().items() if p.given_in != "Fact"}
        typed: dict = {}
        for s, cls in sorted(rdf.subject_objects(RDF.type)):
            if _local(cls) in classes and str(s).startswith(str(ID)):
                typed.setdefault(s, []).append(_local(cls))
        for s, types in typed.items():
            names = list(rdf.objects(s, RDFS.label))
            if len(types) > 1 or len(names) > 1:  # one would silently replace the other's identity
                self.problem(s, f"an entity has one class and one name (rdfs:label), not {', '.join(types)} and "
                             f"{len(names)} names")
                continue
            etype, name = types[0], names[0] if names else None
            if name is None:
                self.problem(s, "entity without a name (rdfs:label)")
                continue
            node = {"type": etype, "name": str(name),
                    "aliases": [str(a) for a in _ordered(rdf, s, ZJNS.aliasList, SKOS.altLabel)],
                    "note": _text(rdf, s, SKOS.note), "provenance": {}}
            for p, o in rdf.predicate_objects(s):
                attr = _local(p)
                if attr in record_attrs:
                    node[attr] = from_literal(schema, attr, o)
            g.add_node(entity_id(s), **node)

    def statement(self, st) -> tuple[str, str, object, dict] | None:
        """(subject id, predicate, object id or value, provenance) of one ``zj:Statement``."""
        rdf, schema = self.rdf, self.schema
        fields = {k: rdf.value(st, p) for k, p in (("s", RDF.subject), ("p", RDF.predicate), ("o", RDF.object),
                                                    ("source", ZJNS.source), ("fact", DCTERMS.identifier),
                                                    ("certainty", ZJNS.certainty))}
        missing = [k for k, v in fields.items() if v is None]
        pred = _local(fields["p"]) if fields["p"] is not None else None
        if missing or pred not in schema.predicates():
            self.problem(st, f"incomplete statement: missing {', '.join(missing)}" if missing
                         else f"unknown predicate {fields['p']}")
            return None
        quotes = [str(q) for q in _ordered(rdf, st, ZJNS.evidenceList, ZJNS.evidence)]
        if not quotes:
            self.problem(st, "statement without an evidence quote (zj:evidence)")
            return None
        rule, offset, confidence, source = (rdf.value(st, p) for p in (ZJNS.rule, ZJNS.quoteOffset, ZJNS.confidence,
                                                                        ZJNS.timeSource))
        ev = {
            "source": entity_id(fields["source"]),
            "quote": quotes[0] if len(quotes) == 1 else quotes,
            "certainty": from_literal(schema, "certainty", fields["certainty"]),
            "rule": from_literal(schema, "rule", rule) if rule is not None else None,
            **time.time_fields(*(_str(rdf, st, ZJNS[k]) for k in (time.START, time.END, time.POINT)),
                               source=from_literal(schema, time.SOURCE, source) if source is not None else None,
                               date=_str(rdf, st, ZJNS.date)),
            "major": [entity_id(m) for m in _ordered(rdf, st, ZJNS.majorList, ZJNS.forMajor)],
            "note": _text(rdf, st, SKOS.note),
            "offset": offset.toPython() if offset is not None else None,
            "confidence": number(confidence) if confidence is not None else None,
            "fact": str(fields["fact"]),
        }
        wrong = time.check_read(ev)
        if wrong:
            self.problem(st, wrong)
            return None
        if schema.properties[pred].kind == "relation":
            return entity_id(fields["s"]), pred, entity_id(fields["o"]), ev
        return entity_id(fields["s"]), pred, from_literal(schema, pred, fields["o"]), ev

    def statements(self, g: nx.MultiDiGraph):
        found = [x for x in map(self.statement, self.rdf.subjects(RDF.type, ZJNS.Statement)) if x]
        for s, pred, o, ev in sorted(found, key=lambda x: fact_sort_key(x[3]["fact"])):
            missing = [n for n in (s, o if self.schema.properties[pred].kind == "relation" else s) if n not in g]
            if missing:
                self.problem(ev["fact"], f"statement about unknown entity {missing[0]}")
            elif self.schema.properties[pred].kind == "relation":
                g.add_edge(s, o, key=ev["fact"], relation=pred, **ev)
            else:
                g.nodes[s]["provenance"].setdefault(pred, []).append({"value": o, **ev})
        for _, node in g.nodes(data=True):
            for attr, evidence in node["provenance"].items():
                node[attr] = attribute_value(evidence)


def from_rdf(rdf: Graph, schema: Schema, where: str = "(rdf)") -> nx.MultiDiGraph:
    """The embedded graph held in ``rdf`` (as written by :func:`zjgraph.rdf.to_rdf`).

    Raises :class:`DataError` naming each incomplete statement or dangling reference.
    """
    reader = _Reader(rdf, schema, where)
    g = nx.MultiDiGraph()
    reader.documents(g)
    reader.entities(g)
    reader.statements(g)
    if reader.problems:
        raise DataError(reader.problems)
    add_derived(g, schema)
    return g


def _remote_contexts(node) -> list[str]:
    """The ``@context`` references in a JSON-LD document that name another document (a URL or a file)."""
    found, stack = [], [node]
    while stack:  # iterative: a deeply nested document must not exhaust the stack
        item = stack.pop()
        if isinstance(item, dict):
            for k, v in item.items():
                if k == "@context":
                    found += [c for c in (v if isinstance(v, list) else [v]) if isinstance(c, str)]
                    stack += [c for c in (v if isinstance(v, list) else [v]) if not isinstance(c, str)]
                else:
                    stack.append(v)
        elif isinstance(item, list):
            stack += item
    return found


def _refuse_remote_context(path: Path) -> None:
    """Reading must not make requests (or read other files) on a document's say: rdflib would fetch a remote
    ``@context``. ``zjgraph export --format jsonld`` writes its context inline."""
    import json

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as e:
        raise DataError([Problem(str(path), None, "file", f"not valid json-ld: {' '.join(str(e).split())}")]) from e
    remote = _remote_contexts(doc)
    if remote:
        raise DataError([Problem(str(path), None, "@context", f"refers to {remote[0]!r}, which zjgraph does not "
                                 "fetch; put the context inline (as zjgraph export --format jsonld writes it)")])


def read_rdf(path: Path | str, schema: Schema, fmt: str | None = None) -> nx.MultiDiGraph:
    """Parse an RDF file (format from ``fmt`` or the suffix) into the embedded graph."""
    path = Path(path)
    fmt = fmt or SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError([Problem(str(path), None, "file", f"unknown RDF suffix {path.suffix!r}; expected one of: "
                                 f"{', '.join(SUFFIX_FORMATS)}")])
    if fmt == "json-ld":
        _refuse_remote_context(path)
    try:
        rdf = Graph().parse(path, format=fmt)
    except Exception as e:  # noqa: BLE001 - rdflib's parsers raise many unrelated types; all mean bad input
        line = re.search(r"\bline (\d+)", str(e))
        raise DataError([Problem(str(path), int(line.group(1)) if line else None, "file",
                                 f"not valid {fmt}: {' '.join(str(e).split())}")]) from e
    return from_rdf(rdf, schema, str(path))
