"""Write the embedded graph in the formats other tools read: ``zjgraph export --format NAME``.

Each format is a function ``write(kg, path)`` (``kg`` a :class:`zjgraph.KnowledgeGraph`), named in
:data:`FORMATS`; adding a format is one function and one line here. Writers never leave a half-written
output: they write next to ``path`` and rename, a folder as one unit (see :func:`zjgraph.files.replacing` and
:func:`zjgraph.files.replacing_folder`).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path


@dataclass(frozen=True)
class Format:
    writer: str  # "module:function"
    description: str
    suffix: str  # of the output file; "" for a folder
    folder: bool = False

    def write(self, kg, path: Path) -> None:
        module, function = self.writer.split(":")
        getattr(import_module(module), function)(kg, Path(path))


FORMATS = {
    "turtle": Format("zjgraph.export.rdf:write_turtle", "RDF Turtle in the ontology's terms, a zj:Statement "
                     "with source and quote per fact", ".ttl"),
    "jsonld": Format("zjgraph.export.rdf:write_jsonld", "the same RDF as JSON-LD", ".jsonld"),
    "kgx": Format("zjgraph.export.kgx:write_kgx", "KGX-style nodes.tsv and edges.tsv (a folder) with "
                  "provenance columns", "", folder=True),
    "graphml": Format("zjgraph.export.graphml:write_graphml", "GraphML for Gephi, yEd or networkx", ".graphml"),
    "neo4j-admin": Format("zjgraph.cypher.neo4j_admin:export", "node and relationship CSVs with header files for "
                          "`neo4j-admin database import full` (a folder)", "", folder=True),
}


def export(kg, fmt: str, path: Path | str) -> None:
    """Write the graph of ``kg`` to ``path`` in the format named ``fmt`` (a key of :data:`FORMATS`)."""
    FORMATS[fmt].write(kg, Path(path))
