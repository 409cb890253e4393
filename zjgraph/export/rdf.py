"""RDF exports: Turtle and JSON-LD of :func:`zjgraph.rdf.to_rdf` (read back by :mod:`zjgraph.loaders.rdf`)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from zjgraph.files import replacing
from zjgraph.schema import Schema


def _write(g: nx.MultiDiGraph, schema: Schema, path: Path, **options) -> None:
    from zjgraph.rdf import to_rdf

    rdf = to_rdf(g, schema)
    with replacing(path) as tmp:
        rdf.serialize(tmp, encoding="utf-8", **options)


def write_turtle(g: nx.MultiDiGraph, schema: Schema, path: Path) -> None:
    _write(g, schema, path, format="turtle")


def write_jsonld(g: nx.MultiDiGraph, schema: Schema, path: Path) -> None:
    from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS

    from zjgraph.rdf import ID, ZJNS

    context = {"zj": str(ZJNS), "zjid": str(ID), "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS),
               "prov": str(PROV), "dcterms": str(DCTERMS)}
    _write(g, schema, path, format="json-ld", context=context)
