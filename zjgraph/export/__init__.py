"""Write the embedded graph in the formats other tools read: ``zjgraph export --format NAME``.

Each format is a function ``write(g, schema, path)`` in a module of this package, named in
:data:`FORMATS`; adding a format is one module and one line here. Writers never leave a half-written
output: they write next to ``path`` and rename (see :func:`zjgraph.files.replacing`).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI lists the formats without importing networkx
    import networkx as nx

    from zjgraph.schema import Schema


@dataclass(frozen=True)
class Format:
    writer: str  # "module:function"
    description: str
    suffix: str  # of the output file; "" for a folder
    folder: bool = False

    def write(self, g: nx.MultiDiGraph, schema: Schema, path: Path) -> None:
        module, function = self.writer.split(":")
        getattr(import_module(module), function)(g, schema, Path(path))


FORMATS = {
    "turtle": Format("zjgraph.export.rdf:write_turtle", "RDF Turtle in the ontology's terms, a zj:Statement "
                     "with source and quote per fact", ".ttl"),
    "jsonld": Format("zjgraph.export.rdf:write_jsonld", "the same RDF as JSON-LD", ".jsonld"),
    "kgx": Format("zjgraph.export.kgx:write_kgx", "KGX-style nodes.tsv and edges.tsv (a folder) with "
                  "provenance columns", "", folder=True),
    "graphml": Format("zjgraph.export.graphml:write_graphml", "GraphML for Gephi, yEd or networkx", ".graphml"),
}


def export(g: nx.MultiDiGraph, schema: Schema, fmt: str, path: Path | str) -> None:
    """Write ``g`` to ``path`` in the format named ``fmt`` (a key of :data:`FORMATS`)."""
    FORMATS[fmt].write(g, schema, Path(path))
