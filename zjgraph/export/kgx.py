"""KGX-style TSV: ``nodes.tsv`` and ``edges.tsv``, the tabular interchange of the Biolink/KGX tools.

Nodes have ``id``, ``category`` (the ontology class as a CURIE, ``zj:School``), ``name``, ``synonym`` (aliases),
``description`` (the note), one column per ontology attribute in use, and ``provenance``: the evidence of each
attribute stated by a fact, as JSON. Source documents are rows too (category ``zj:SourceDocument``, with their
``file``, ``kind``, ``publisher``, ``date`` (of publication), ``period`` (reported on), ``district`` and
``local_aliases`` as JSON). Edges have ``id`` (the fact id), ``subject``, ``predicate`` (``zj:offersMajor``),
``object`` and the provenance columns ``primary_knowledge_source`` (the document id), ``quote``, ``certainty``,
``rule``, ``major``, ``description`` (the note), ``quote_offset``, ``confidence`` (an extractor's, for facts
awaiting review) and the fact's time, ``startTime``, ``endTime``, ``pointInTime`` and ``timeSource`` (see
:mod:`zjgraph.time`; a ``date`` column of an older export is read as a stated start).

Multi-valued cells are joined with ``|`` as KGX does (a ``|`` or ``\\`` inside a value is escaped with ``\\``).
Files are UTF-8, tab-separated, quoted only where a cell holds a tab, quote or line break.
:mod:`zjgraph.loaders.kgx` reads them back into the same graph.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import networkx as nx

from zjgraph.files import replacing_folder
from zjgraph.schema import Schema
from zjgraph.time import TIME_FIELDS

PREFIX = "zj:"
DOCUMENT = "SourceDocument"
NODE_COLUMNS = ["id", "category", "name", "synonym", "description"]
DOCUMENT_COLUMNS = ["file", "kind", "publisher", "date", "period", "district", "local_aliases"]
EDGE_COLUMNS = ["id", "subject", "predicate", "object", "primary_knowledge_source", "quote", "certainty", "rule",
                "major", "description", "quote_offset", "confidence", *TIME_FIELDS]


def join(values: list) -> str:
    return "|".join(re.sub(r"([|\\])", r"\\\1", str(v)) for v in values)


def split(cell: str) -> list[str]:
    """The values of a ``|``-joined cell (inverse of :func:`join`); an empty cell has none."""
    if cell == "":
        return []
    if "|" not in cell and "\\" not in cell:
        return [cell]  # most cells: read at once rather than a character at a time
    values, current, chars = [], [], iter(cell)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, ""))
        elif ch == "|":
            values.append("".join(current))
            current = []
        else:
            current.append(ch)
    return [*values, "".join(current)]


def cell(value) -> str:
    if value is None:
        return ""
    return join(value) if isinstance(value, list) else str(value)


def attribute_columns(g: nx.MultiDiGraph, schema: Schema) -> list[str]:
    """The ontology attributes some node has, in the ontology's order of names."""
    used = {k for _, d in g.nodes(data=True) for k in d}
    return [a for a in sorted(schema.attributes()) if a in used]


FILES = {"nodes.tsv", "edges.tsv"}


def _writer(f):
    return csv.writer(f, delimiter="\t", lineterminator="\n")


def _node_rows(g: nx.MultiDiGraph, columns: list[str], attrs: list[str]):
    local = g.graph.get("local_aliases", {})
    for doc_id, meta in g.graph["documents"].items():
        doc = {"id": doc_id, "category": PREFIX + DOCUMENT, "name": meta["title"], "description": meta.get("note"),
               **{k: meta.get(k) for k in DOCUMENT_COLUMNS},
               "local_aliases": json.dumps(local[doc_id], ensure_ascii=False) if doc_id in local else None}
        yield [cell(doc.get(c)) for c in columns]
    for node, d in g.nodes(data=True):
        values = {"id": node, "category": PREFIX + d["type"], "name": d["name"], "synonym": d["aliases"],
                  "description": d.get("note"), **{a: d.get(a) for a in attrs},
                  "provenance": json.dumps(d["provenance"], ensure_ascii=False) if d.get("provenance") else None}
        yield [cell(values.get(c)) for c in columns]


def _edge_rows(g: nx.MultiDiGraph):
    for u, v, key, e in g.edges(keys=True, data=True):
        quotes = [e["quote"]] if isinstance(e["quote"], str) else e["quote"]
        values = {"id": key, "subject": u, "predicate": PREFIX + e["relation"], "object": v,
                  "primary_knowledge_source": e["source"], "quote": quotes, "certainty": e["certainty"],
                  "rule": e.get("rule"), "major": e.get("major", []),
                  "description": e.get("note"), "quote_offset": e.get("offset"), "confidence": e.get("confidence"),
                  **{k: e.get(k) for k in TIME_FIELDS}}
        yield [cell(values[c]) for c in EDGE_COLUMNS]


def write_kgx(kg, folder: Path) -> None:
    """Write ``folder/nodes.tsv`` and ``folder/edges.tsv``, row by row, as one unit: both files are new or neither
    is (see :func:`zjgraph.files.replacing_folder`; a folder holding other files is refused)."""
    g, schema = kg.graph, kg.schema
    attrs = attribute_columns(g, schema)
    columns = NODE_COLUMNS + attrs + ["provenance"] + DOCUMENT_COLUMNS
    with replacing_folder(folder, only=FILES) as tmp:
        with (tmp / "nodes.tsv").open("w", encoding="utf-8", newline="") as f:
            w = _writer(f)
            w.writerow(columns)
            w.writerows(_node_rows(g, columns, attrs))
        with (tmp / "edges.tsv").open("w", encoding="utf-8", newline="") as f:
            w = _writer(f)
            w.writerow(EDGE_COLUMNS)
            w.writerows(_edge_rows(g))
