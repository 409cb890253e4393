"""GraphML for Gephi, yEd and ``networkx.read_graphml``.

GraphML holds scalar attributes only, so lists are joined with ``|`` (as in KGX) and each node's
attribute evidence is a JSON string in ``provenance``; empty values are left out. Every node has a
``label`` (its Chinese name, which Gephi shows) and every edge a ``label`` (the relation's Chinese label)
next to ``relation``; edge ids are the fact ids.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from zjgraph.export.kgx import cell
from zjgraph.files import replacing
from zjgraph.schema import Schema


def _flat(attrs: dict) -> dict:
    out = {}
    for k, v in attrs.items():
        if isinstance(v, dict):
            v = json.dumps(v, ensure_ascii=False) if v else None
        elif isinstance(v, list):
            v = cell(v) or None
        if v is not None:
            out[k] = v
    return out


def graphml_graph(g: nx.MultiDiGraph, schema: Schema) -> nx.MultiDiGraph:
    """A copy of ``g`` whose attributes GraphML can hold."""
    out = nx.MultiDiGraph()
    for node, d in g.nodes(data=True):
        out.add_node(node, label=d["name"], type_zh=schema.type_label(d["type"]), **_flat(d))
    for u, v, key, e in g.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, label=schema.properties[e["relation"]].label_zh, **_flat(e))
    return out


def write_graphml(kg, path: Path) -> None:
    with replacing(path) as tmp:
        # Numbers mixing int and float (indicator values) become one double attribute.
        nx.write_graphml(graphml_graph(kg.graph, kg.schema), tmp, encoding="utf-8", infer_numeric_types=True)
