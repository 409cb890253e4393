"""Bulk export for ``neo4j-admin database import full``: CSV files with separate header files, for graphs too
large for transactional loading. Same nodes, labels, relationships and properties as the transactional loader
(:mod:`zjgraph.cypher.neo4j_load`).

Files (UTF-8 without a byte-order mark, which neo4j-admin would read as part of the first header):

- ``documents.header.csv`` / ``documents.csv``: ``SourceDocument`` nodes, id space ``SourceDocument``;
- ``entities.header.csv`` / ``entities.csv``: every entity, id space ``Entity``, labels ``Entity|School``;
- ``load.header.csv`` / ``load.csv``: the ``ZjgraphLoad`` node saying the load is complete;
- ``relationships.header.csv`` / ``relationships.csv``: one row per fact, ``:START_ID(Entity)``, ``:END_ID(Entity)``,
  ``:TYPE``.

The files are written row by row as the graph is walked, so the export needs little memory beyond the graph.
Arrays (``string[]``) are joined with ``|`` (``--array-delimiter``); quotes may hold commas, double quotes and line
breaks (``--multiline-fields=true``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from zjgraph.cypher.model import REL_PROPERTIES, label, node_properties, relationship_type
from zjgraph.cypher.neo4j_load import (
    DOCUMENT,
    EDGE_EXTRAS,
    ENTITY,
    LOAD,
    LOAD_ID,
    document_props,
    entity_props,
    relationship_props,
)
from zjgraph.files import replacing_folder
from zjgraph.problems import ZjgraphError

ARRAY_DELIMITER = "|"
FILES = ("documents", "entities", "load", "relationships")
CSV_TYPES = {"STRING": "", "DOUBLE": ":double", "STRING[]": ":string[]", "BOOLEAN": ":boolean", "LONG": ":long"}
EXTRA_NODE = {"aliasText": "STRING", "attributesJson": "STRING", "provenanceJson": "STRING", "zjgraph": "BOOLEAN"}


def import_command(folder: str, database: str = "neo4j") -> str:
    """The exact ``neo4j-admin`` command (a shell line with continuations) that imports an export in ``folder``
    into ``database``, replacing it."""
    files = [f"--{'relationships' if f == 'relationships' else 'nodes'}={folder}/{f}.header.csv,{folder}/{f}.csv"
             for f in FILES]
    return " \\\n    ".join([f"neo4j-admin database import full {database} --overwrite-destination",
                             f"--multiline-fields=true --array-delimiter='{ARRAY_DELIMITER}'", *files])


def _cell(value, kind: str, where: str) -> str:
    if value is None:
        return ""
    if kind == "STRING[]":
        for item in value:
            if ARRAY_DELIMITER in item:
                raise ZjgraphError(f"{where}: the value “{item}” holds the array delimiter “{ARRAY_DELIMITER}”, "
                                   "which neo4j-admin would split; use `zjgraph load --to neo4j` for this data")
        return ARRAY_DELIMITER.join(value)
    if kind == "BOOLEAN":
        return "true" if value else "false"
    return str(value)


def _header(path: Path, lead: list[str], columns: dict[str, str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(lead + [k + CSV_TYPES[t] for k, t in columns.items()])


def _write(folder: Path, stem: str, lead: list[str], columns: dict[str, str], rows: Iterable[tuple[list, str, dict]]
           ) -> int:
    """Write ``stem.header.csv`` and ``stem.csv`` row by row; ``rows`` gives (lead cells, where, properties).
    Returns the number of rows."""
    _header(folder / f"{stem}.header.csv", lead, columns)
    count = 0
    with (folder / f"{stem}.csv").open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        for cells, where, props in rows:
            out.writerow(cells + [_cell(props.get(k), t, where) for k, t in columns.items()])
            count += 1
    return count


def entity_columns(schema) -> dict[str, str]:
    """Property → type of the ``entities`` file: every entity class's properties in one table."""
    columns: dict[str, str] = {}
    for cls in sorted(schema.entity_classes()):
        for k, t in node_properties(schema, cls).items():
            if columns.setdefault(k, t) != t:
                raise ZjgraphError(f"property “{k}” has two types ({columns[k]}, {t}); one CSV column cannot hold "
                                   "both")
    del columns["id"]
    return columns | EXTRA_NODE


def _entities(kg) -> Iterator[tuple[list, str, dict]]:
    g, schema = kg.graph, kg.schema
    for node, data in g.nodes(data=True):
        yield [node, f"{ENTITY}{ARRAY_DELIMITER}{label(schema, data['type'])}"], f"entity {node}", \
            entity_props(g, schema, node)


def _relationships(kg) -> Iterator[tuple[list, str, dict]]:
    types = {r: relationship_type(kg.schema, r) for r in kg.schema.relations()}
    for u, v, e in kg.graph.edges(data=True):
        rtype = types.get(e["relation"]) or relationship_type(kg.schema, e["relation"])
        yield [u, v, rtype], f"fact {e['fact']}", relationship_props(u, v, e)


def write_files(kg, folder: Path) -> None:
    """Write every file of the export into the existing ``folder``, one row at a time (nothing is held but the
    graph), the ``load`` file last, with the counts written."""
    from zjgraph import __version__

    g = kg.graph
    local = g.graph.get("local_aliases", {})
    docs = [document_props(meta, local.get(d, {})) for d, meta in sorted(g.graph["documents"].items())]
    doc_columns = {k: "STRING" for props in docs for k in props if k not in ("id", "zjgraph")}
    doc_columns["zjgraph"] = "BOOLEAN"
    counts = {
        "documents": _write(folder, "documents", [f"id:ID({DOCUMENT})", ":LABEL"], doc_columns,
                            (([p["id"], DOCUMENT], f"document {p['id']}", p) for p in docs)),
        "entities": _write(folder, "entities", [f"id:ID({ENTITY})", ":LABEL"], entity_columns(kg.schema),
                           _entities(kg)),
        "relationships": _write(folder, "relationships", [f":START_ID({ENTITY})", f":END_ID({ENTITY})", ":TYPE"],
                                REL_PROPERTIES | {"quotes": "STRING[]"} | EDGE_EXTRAS, _relationships(kg)),
    }
    load = {"zjgraph": True, "status": "complete", "version": __version__, **counts}
    _write(folder, "load", [f"id:ID({LOAD})", ":LABEL"],
           {"zjgraph": "BOOLEAN", "status": "STRING", "version": "STRING", "entities": "LONG",
            "relationships": "LONG", "documents": "LONG"}, [([LOAD_ID, LOAD], "load", load)])


def export(kg, folder: Path) -> list[Path]:
    """Write the export into ``folder`` as one unit: every file is new or none is changed (see
    :func:`zjgraph.files.replacing_folder`; a folder holding other files is refused)."""
    names = [f"{stem}{ext}" for stem in FILES for ext in (".header.csv", ".csv")]
    with replacing_folder(folder, only=set(names)) as tmp:
        write_files(kg, tmp)
    return [Path(folder) / name for name in names]
