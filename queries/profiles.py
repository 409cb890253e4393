"""Embedded answers that describe one school or enterprise, and the industry clusters."""

from __future__ import annotations

import networkx as nx
from zjgraph.queries.links import (
    ATTACH,
    PARTNER_KINDS,
    VIA_KINDS,
    attached_through,
    name,
    neighbours,
    school_links,
    values,
)

from zjgraph.cypher.model import quote_text


def _names(g, nodes) -> list[str]:
    return sorted(name(g, n) for n in nodes)


def school_profile(g: nx.MultiDiGraph, school: str) -> list[dict]:
    data = g.nodes[school]
    around = list(neighbours(g, school))

    def attached(type_):
        return _names(g, {n for n, e in around if g.nodes[n]["type"] == type_ and e["relation"] in ATTACH})

    return [{
        "school_id": school, "school": data["name"],
        "level": values(data.get("schoolLevel")), "ownership": values(data.get("ownership")),
        "districts": _names(g, data["districts"]),
        "majors": _names(g, {v for _, v, e in g.out_edges(school, data=True) if e["relation"] == "offersMajor"}),
        "partners": _names(g, {lk.enterprise for lk in school_links(g, school, PARTNER_KINDS)}),
        "order_classes": _names(g, {v for _, v, e in g.out_edges(school, data=True)
                                    if e["relation"] == "runsOrderClass"}),
        "industry_colleges": attached("IndustryCollege"),
        "training_bases": attached("TrainingBase"),
        "alliances": _names(g, {v for _, v, e in g.out_edges(school, data=True)
                                if e["relation"] in ("memberOf", "leads") and g.nodes[v]["type"] == "Alliance"}),
        "clusters": _names(g, {v for _, v, e in g.out_edges(school, data=True) if e["relation"] == "servesCluster"}),
    }]


def _row(g, other, edge, via=""):
    return {"other_id": other, "other": name(g, other), "other_type": g.nodes[other]["type"],
            "relation": edge["relation"], "via": via, "fact": edge["fact"], "source": edge["source"],
            "quote": quote_text(edge)}


def enterprise_footprint(g: nx.MultiDiGraph, enterprise: str) -> list[dict]:
    return [_row(g, other, e) for other, e in neighbours(g, enterprise)] + list(_schools_via(g, enterprise))


def _schools_via(g, enterprise):
    """Rows for the schools an enterprise reaches through an order class, base, college or alliance."""
    for via, e1 in neighbours(g, enterprise):
        kind = VIA_KINDS.get(g.nodes[via]["type"])
        if kind is None:
            continue
        for school, e2 in neighbours(g, via):
            if g.nodes[school]["type"] == "School" and attached_through(kind, e2, e1):
                yield _row(g, school, e2, via=name(g, via))


def cluster_supply(g: nx.MultiDiGraph) -> list[dict]:
    rows = []
    for c in sorted(n for n, d in g.nodes(data=True) if d["type"] == "IndustryCluster"):
        serving = [(u, e) for u, _, e in g.in_edges(c, data=True) if e["relation"] == "servesCluster"]
        schools = {u for u, _ in serving if g.nodes[u]["type"] == "School"}
        majors = {u for u, _ in serving if g.nodes[u]["type"] == "Major"}
        majors |= {m for u, e in serving if g.nodes[u]["type"] == "School" for m in e["major"]}
        rows.append({
            "cluster_id": c, "cluster": name(g, c),
            "systems": _names(g, {v for _, v, e in g.out_edges(c, data=True) if e["relation"] == "partOf"}),
            "schools": _names(g, schools), "majors": _names(g, majors),
            "others": _names(g, {u for u, _ in serving if g.nodes[u]["type"] not in ("School", "Major")}),
            "enterprises": _names(g, {u for u, _, e in g.in_edges(c, data=True)
                                      if e["relation"] == "belongsToCluster" and g.nodes[u]["type"] == "Enterprise"}),
            "status": "served" if schools or majors else "unserved",
        })
    return sorted(rows, key=lambda r: (r["status"] != "unserved", r["cluster_id"]))
