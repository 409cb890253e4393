"""Embedded answers about how the ecosystem hangs together: paths between two entities, and bridges."""

from __future__ import annotations

from itertools import product

import networkx as nx
from zjgraph.queries.links import name, neighbours

from zjgraph.cypher.model import quote_text

MAX_HOPS = 4
NOT_BRIDGES = frozenset({"Country", "Province", "City", "District", "AdministrativeArea", "IndustryCluster",
                         "ClusterSystem", "Indicator", "Target"})


def _next_level(g: nx.MultiDiGraph, frontier: list[str], seen: dict[str, list[str]]) -> dict[str, list[str]]:
    """The nodes one step beyond ``frontier`` (edges taken either way) not in ``seen``, each with the frontier
    nodes it is reached from."""
    level: dict[str, list[str]] = {}
    for u in frontier:
        for adjacency in (g._succ[u], g._pred[u]):
            for v in adjacency:
                if v not in seen and u not in level.setdefault(v, []):
                    level[v].append(u)
    return level


def _walks(preds: dict[str, list[str]], node: str) -> list[list[str]]:
    """Every path from the search's start to ``node`` along ``preds`` (the start has none)."""
    if not preds[node]:
        return [[node]]
    return [walk + [node] for p in preds[node] for walk in _walks(preds, p)]


def shortest_paths(g: nx.MultiDiGraph, a: str, b: str, limit: int = MAX_HOPS) -> list[list[str]]:
    """Every shortest path (as nodes) from ``a`` to ``b`` of at most ``limit`` steps, edges taken either way.

    The search grows from both ends, a whole level at a time on the side with the smaller frontier, so a hub
    near one end is crossed once rather than explored: on a national graph this answers in milliseconds what
    a search from one end answers in seconds. The first level to meet the other side fixes the length; every
    shortest path passes through that level's meeting nodes."""
    if a == b:
        return []
    sides = [({a: []}, [a]), ({b: []}, [b])]
    for _ in range(limit):
        side = 0 if len(sides[0][1]) <= len(sides[1][1]) else 1
        seen, frontier = sides[side]
        level = _next_level(g, frontier, seen)
        seen.update(level)
        sides[side] = (seen, list(level))
        other_seen, other_frontier = sides[1 - side]
        meeting = sorted(set(level) & set(other_frontier))
        if meeting:
            from_a, from_b = (seen, other_seen) if side == 0 else (other_seen, seen)
            return [head + tail[::-1][1:] for x in meeting for head in _walks(from_a, x) for tail in _walks(from_b, x)]
        if not level:
            return []
    return []


def connection(g: nx.MultiDiGraph, from_: str, to: str) -> list[dict]:
    """Every shortest path of at most :data:`MAX_HOPS` steps, edges taken in either direction; parallel facts
    between the same two nodes make separate paths, as in Cypher."""
    rows = []
    for path in shortest_paths(g, from_, to):
        steps = [[e for other, e in neighbours(g, a) if other == b] for a, b in zip(path, path[1:])]
        for edges in product(*steps):
            rows.append({"hops": len(edges), "path": [name(g, n) for n in path], "ids": list(path),
                         "relations": [e["relation"] for e in edges], "facts": [e["fact"] for e in edges],
                         "quotes": [quote_text(e) for e in edges]})
    return sorted(rows, key=lambda r: (r["ids"], r["facts"]))


def bridges(g: nx.MultiDiGraph, min: int = 2) -> list[dict]:  # noqa: A002 (the Cypher name)
    rows = []
    for x, data in g.nodes(data=True):
        if data["type"] in NOT_BRIDGES:
            continue
        around = [y for y, _ in neighbours(g, x)]
        districts = {name(g, d) for y in around for d in g.nodes[y]["districts"]}
        clusters = set()
        for y in around:
            if g.nodes[y]["type"] == "IndustryCluster":
                clusters.add(name(g, y))
            clusters |= {name(g, c) for _, c, e in g.out_edges(y, data=True)
                         if e["relation"] in ("servesCluster", "belongsToCluster")
                         and g.nodes[c]["type"] == "IndustryCluster"}
        if len(districts) >= min or len(clusters) >= min:
            rows.append({"id": x, "name": data["name"], "type": data["type"], "district_count": len(districts),
                         "districts": sorted(districts), "cluster_count": len(clusters), "clusters": sorted(clusters)})
    return sorted(rows, key=lambda r: (-r["district_count"], -r["cluster_count"], r["id"]))
