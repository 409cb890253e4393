"""Recognise and read graphs exported by ``zjgraph export`` (RDF files and KGX folders).

With these, every command runs on an export as on a data folder: ``zjgraph --data graph.ttl show 交职校``.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from zjgraph.schema import Schema

# What makes an entity what it is, and what is derived from it: no key read from an export may set these.
IDENTITY = frozenset({"id", "type", "name", "aliases", "note", "provenance", "districts", "industries"})


def export_kind(path: Path | str) -> str | None:
    """``"rdf"``, ``"kgx"`` or None (a curated data folder, or nothing zjgraph reads)."""
    from zjgraph.loaders.rdf import SUFFIX_FORMATS

    path = Path(path)
    if path.is_dir():
        return "kgx" if (path / "nodes.tsv").is_file() else None
    if path.name in ("nodes.tsv", "edges.tsv"):
        return "kgx"
    return "rdf" if path.suffix.lower() in SUFFIX_FORMATS else None


def read_export(path: Path | str, schema: Schema) -> nx.MultiDiGraph:
    """The graph in the RDF file or KGX folder ``path``; raises :class:`zjgraph.problems.DataError`."""
    if export_kind(path) == "kgx":
        from zjgraph.loaders.kgx import read_kgx

        g = read_kgx(path, schema)
    else:
        from zjgraph.loaders.rdf import read_rdf

        g = read_rdf(path, schema)
    check_sources(g, str(path))
    return g


def check_sources(g: nx.MultiDiGraph, where: str) -> None:
    """Every fact's source is a document of the export (a damaged file can name one it does not describe);
    raises :class:`zjgraph.problems.DataError` naming the first few that are not."""
    from zjgraph.problems import DataError, Problem

    documents = g.graph.get("documents", {})
    bad = [(key, e.get("source")) for _, _, key, e in g.edges(keys=True, data=True) if e.get("source") not in documents]
    if bad:
        raise DataError([Problem(where, None, f"fact {key}", f"source {source!r} is not a document of the export")
                         for key, source in bad[:20]])
