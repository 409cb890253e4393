"""RDF exports: Turtle and JSON-LD of :func:`zjgraph.rdf.to_rdf` (read back by :mod:`zjgraph.loaders.rdf`).

Turtle is streamed (:mod:`zjgraph.export.turtle_stream`), so that a graph of any size can be exported;
JSON-LD goes through an rdflib Graph.
"""

from __future__ import annotations

from pathlib import Path

from zjgraph.files import replacing


def write_turtle(kg, path: Path) -> None:
    from zjgraph.export import turtle_stream

    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as out:
        turtle_stream.write_turtle(kg.graph, kg.schema, out)


def write_jsonld(kg, path: Path) -> None:
    from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS

    from zjgraph.rdf import ID, ZJNS, to_rdf

    context = {"zj": str(ZJNS), "zjid": str(ID), "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS),
               "prov": str(PROV), "dcterms": str(DCTERMS)}
    rdf = to_rdf(kg.graph, kg.schema)
    with replacing(path) as tmp:
        rdf.serialize(tmp, format="json-ld", encoding="utf-8", context=context)
