"""Embedded answers about schools, enterprises and their ties (see :mod:`zjgraph.queries.links`)."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from zjgraph.queries.links import all_links, major_cover, name, partner_names, ties, values


def majors_without_partner(g: nx.MultiDiGraph, school: str = "") -> list[dict]:
    rows, known = [], {}
    for s in [school] if school else ties(g):
        for cover in major_cover(g, s):
            rows.append({"school_id": s, "school": name(g, s), "major_id": cover.major,
                         "major": name(g, cover.major), "status": cover.status,
                         "partners": partner_names(g, cover.partners, known), "rule": cover.rule})
    return rows


KIND_COLUMNS = {"partnership": "partnership", "operator": "operator", "order-class": "order_class",
                "training-base": "training_base", "industry-college": "industry_college", "alliance": "alliance"}


def enterprises_spanning_schools(g: nx.MultiDiGraph, min: int = 2) -> list[dict]:  # noqa: A002 (the Cypher name)
    bit = {kind: 1 << i for i, kind in enumerate(KIND_COLUMNS)}
    kinds: dict[str, dict[str, int]] = defaultdict(dict)  # enterprise -> school -> its kinds of link, as bits
    for link in all_links(g):
        schools = kinds[link.enterprise]
        schools[link.school] = schools.get(link.school, 0) | bit[link.kind]
    rows = []
    for e in sorted((e for e, schools in kinds.items() if len(schools) >= min), key=lambda e: (-len(kinds[e]), e)):
        schools, enterprise = kinds[e], name(g, e)
        for s in sorted(schools):
            rows.append({"enterprise_id": e, "enterprise": enterprise, "schools": len(schools),
                         "school_id": s, "school": name(g, s),
                         **{col: bool(schools[s] & bit[kind]) for kind, col in KIND_COLUMNS.items()}})
    return rows


def order_classes(g: nx.MultiDiGraph, school: str = "", enterprise: str = "", major: str = "") -> list[dict]:
    rows = []
    for oc in sorted(n for n, d in g.nodes(data=True) if d["type"] == "OrderClass"):
        schools = {u for u, _, e in g.in_edges(oc, data=True) if e["relation"] == "runsOrderClass"}
        sponsors = {u for u, _, e in g.in_edges(oc, data=True) if e["relation"] == "sponsorsOrderClass"}
        majors = {v for _, v, e in g.out_edges(oc, data=True) if e["relation"] == "forMajor"}
        if (school and school not in schools) or (enterprise and enterprise not in sponsors) or \
                (major and major not in majors):
            continue
        rows.append({"order_class_id": oc, "order_class": name(g, oc),
                     "kind": values(g.nodes[oc].get("orderClassKind")),
                     "schools": sorted(name(g, n) for n in schools), "sponsors": sorted(name(g, n) for n in sponsors),
                     "majors": sorted(name(g, n) for n in majors)})
    return rows


def alliance_members(g: nx.MultiDiGraph, alliance: str = "") -> list[dict]:
    rows = []
    for u, a, e in g.edges(data=True):
        wanted = not alliance or a == alliance
        if wanted and e["relation"] in ("memberOf", "leads") and g.nodes[a]["type"] == "Alliance":
            rows.append({"alliance_id": a, "alliance": name(g, a), "kind": values(g.nodes[a].get("allianceKind")),
                         "member_id": u, "member": name(g, u), "member_type": g.nodes[u]["type"],
                         "role": e["relation"], "fact": e["fact"], "source": e["source"]})
    return sorted(rows, key=lambda r: (r["alliance_id"], r["role"], r["member_id"], r["fact"]))
