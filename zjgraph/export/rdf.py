"""RDF exports: Turtle and JSON-LD of :func:`zjgraph.rdf.to_rdf` (read back by :mod:`zjgraph.loaders.rdf`)."""

from __future__ import annotations

from pathlib import Path

from zjgraph.files import replacing


def _write(kg, path: Path, **options) -> None:
    from zjgraph.rdf import to_rdf

    rdf = to_rdf(kg.graph, kg.schema)
    with replacing(path) as tmp:
        rdf.serialize(tmp, encoding="utf-8", **options)


def write_turtle(kg, path: Path) -> None:
    _write(kg, path, format="turtle")


def write_jsonld(kg, path: Path) -> None:
    from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS

    from zjgraph.rdf import ID, ZJNS

    context = {"zj": str(ZJNS), "zjid": str(ID), "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS),
               "prov": str(PROV), "dcterms": str(DCTERMS)}
    _write(kg, path, format="json-ld", context=context)
