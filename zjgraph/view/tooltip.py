"""The plain text shown when the mouse rests on a node or an edge: attributes and evidence.

Text only: vis-network puts a string tooltip in the page with ``innerText``, so names and quotes from the
documents are shown as written and never read as HTML.
"""

from __future__ import annotations

import networkx as nx

from zjgraph.schema import Schema
from zjgraph.time import time_label
from zjgraph.view.style import class_label, relation_label

_STRUCTURAL = {"type", "name", "aliases", "note", "provenance"}


def _quote(quote) -> str:
    return quote if isinstance(quote, str) else " … ".join(quote)


def evidence(g: nx.MultiDiGraph, ev: dict) -> list[str]:
    """'“quote”' and '— doc:002 《title》 · stated (rule) · date' for one fact, plus its note."""
    title = g.graph.get("documents", {}).get(ev["source"], {}).get("title", "")
    when = time_label(ev)
    extra = ev["certainty"] + (f" ({ev['rule']})" if ev.get("rule") else "") + (f" · {when}" if when else "")
    lines = [f"“{_quote(ev['quote'])}”", f"— {ev['source']} 《{title}》 · {extra}"]
    if ev.get("note"):
        lines.append(f"note: {ev['note']}")
    return lines


def node_text(g: nx.MultiDiGraph, schema: Schema, node: str, extra: list[str] = ()) -> str:
    """Name, type and id, aliases, note, every attribute with its evidence, then ``extra`` lines."""
    d = g.nodes[node]
    lines = [d["name"], f"{class_label(schema, d['type'])} · {node}"]
    if d.get("aliases"):
        lines.append("别名 aliases: " + "、".join(d["aliases"]))
    if d.get("note"):
        lines.append(f"说明 note: {d['note']}")
    lines += extra
    for key, value in d.items():
        if key in _STRUCTURAL or value is None or value == []:
            continue
        prop = schema.properties.get(key)
        lines.append(f"{prop.label_zh} {key} = {value}" if prop else f"{key} = {value}")
        for ev in d.get("provenance", {}).get(key, []):
            lines += ["  " + line for line in evidence(g, ev)]
    return "\n".join(lines)


def edge_text(g: nx.MultiDiGraph, schema: Schema, u: str, v: str, facts: list[dict]) -> str:
    """'A → relation → B' and the evidence of every fact stating it (a pair may be stated several times)."""
    rel = facts[0]["relation"]
    lines = [f"{g.nodes[u]['name']} → {relation_label(schema, rel)} → {g.nodes[v]['name']}"]
    for e in facts:
        majors = [g.nodes[m]["name"] if m in g else m for m in e.get("major") or ()]
        if majors:
            lines.append("专业 majors: " + "、".join(majors))
        lines += evidence(g, e)
    return "\n".join(lines)
