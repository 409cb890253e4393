"""Bulk export for ``neo4j-admin database import full``: CSV files with separate header files, for graphs too
large for transactional loading. Same nodes, labels, relationships and properties as the transactional loader
(:mod:`zjgraph.cypher.neo4j_load`).

Files (UTF-8 without a byte-order mark, which neo4j-admin would read as part of the first header):

- ``documents.header.csv`` / ``documents.csv``: ``SourceDocument`` nodes, id space ``SourceDocument``;
- ``entities.header.csv`` / ``entities.csv``: every entity, id space ``Entity``, labels ``Entity|School``;
- ``load.header.csv`` / ``load.csv``: the ``ZjgraphLoad`` node saying the load is complete;
- ``relationships.header.csv`` / ``relationships.csv``: one row per fact, ``:START_ID(Entity)``, ``:END_ID(Entity)``,
  ``:TYPE``.

Arrays (``string[]``) are joined with ``|`` (``--array-delimiter``); quotes may hold commas, double quotes and line
breaks (``--multiline-fields=true``).
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

from zjgraph.cypher.model import REL_PROPERTIES, node_properties, rel_type
from zjgraph.cypher.neo4j_load import DOCUMENT, EDGE_EXTRAS, ENTITY, LOAD, LOAD_ID, batches
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


def _table(header: list[str], columns: dict[str, str], rows: list[tuple[str, dict]], lead) -> tuple[str, str]:
    """The header file and data file texts: ``lead(where, props)`` gives the id/label/type cells."""
    head = io.StringIO()
    csv.writer(head, lineterminator="\n").writerow(header + [k + CSV_TYPES[t] for k, t in columns.items()])
    body = io.StringIO()
    out = csv.writer(body, lineterminator="\n")
    for where, props in rows:
        out.writerow(lead(props) + [_cell(props.get(k), t, where) for k, t in columns.items()])
    return head.getvalue(), body.getvalue()


def tables(kg) -> dict[str, tuple[str, str]]:
    """File stem → (header text, data text) for every file of the export."""
    from zjgraph import __version__

    schema, rows = kg.schema, batches(kg)
    entity_columns = {}
    for cls in sorted(schema.entity_classes()):
        for k, t in node_properties(schema, cls).items():
            if entity_columns.setdefault(k, t) != t:
                raise ZjgraphError(f"property “{k}” has two types ({entity_columns[k]}, {t}); one CSV column "
                                   "cannot hold both")
    del entity_columns["id"]
    entity_columns |= EXTRA_NODE
    doc_columns = {k: "STRING" for row in rows.documents for k in row["props"] if k not in ("id", "zjgraph")}
    doc_columns["zjgraph"] = "BOOLEAN"
    rel_columns = REL_PROPERTIES | {"quotes": "STRING[]"} | EDGE_EXTRAS
    entities = [(f"entity {r['id']}", r["props"]) for group in rows.entities.values() for r in group]
    facts = [(f"fact {r['fact']}", {**r["props"], "from": r["from"], "to": r["to"]})
             for group in rows.relationships.values() for r in group]
    load = {"id": LOAD_ID, "zjgraph": True, "status": "complete", "version": __version__,
            "entities": len(entities), "relationships": len(facts), "documents": len(rows.documents)}
    return {
        "documents": _table([f"id:ID({DOCUMENT})", ":LABEL"], doc_columns,
                            [(f"document {r['id']}", r["props"]) for r in rows.documents],
                            lambda p: [p["id"], DOCUMENT]),
        "entities": _table([f"id:ID({ENTITY})", ":LABEL"], entity_columns, entities,
                           lambda p: [p["id"], f"{ENTITY}{ARRAY_DELIMITER}{p['type']}"]),
        "load": _table([f"id:ID({LOAD})", ":LABEL"],
                       {"zjgraph": "BOOLEAN", "status": "STRING", "version": "STRING", "entities": "LONG",
                        "relationships": "LONG", "documents": "LONG"},
                       [("load", load)], lambda p: [p["id"], LOAD]),
        "relationships": _table([f":START_ID({ENTITY})", f":END_ID({ENTITY})", ":TYPE"], rel_columns, facts,
                                lambda p: [p["from"], p["to"], rel_type(p["relation"])]),
    }


def export(kg, folder: Path) -> list[Path]:
    """Write the export into ``folder`` (created if missing); all files appear together or none is changed."""
    folder.mkdir(parents=True, exist_ok=True)
    written = tables(kg)
    tmp = Path(tempfile.mkdtemp(prefix=".zjgraph-export-", dir=folder))
    try:
        paths = []
        for stem, (header, data) in written.items():
            for name, text in ((f"{stem}.header.csv", header), (f"{stem}.csv", data)):
                (tmp / name).write_text(text, encoding="utf-8", newline="")
                paths.append(folder / name)
        for path in paths:
            (tmp / path.name).replace(path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return paths
