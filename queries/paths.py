"""Embedded answers about how the ecosystem hangs together: paths between two entities, and bridges."""

from __future__ import annotations

from itertools import product

import networkx as nx
from zjgraph.queries.links import name, neighbours

from zjgraph.cypher.model import quote_text

MAX_HOPS = 4
NOT_BRIDGES = frozenset({"Country", "Province", "City", "District", "AdministrativeArea", "IndustryCluster",
                         "ClusterSystem", "Indicator", "Target"})


def connection(g: nx.MultiDiGraph, from_: str, to: str) -> list[dict]:
    """Every shortest path of at most :data:`MAX_HOPS` steps, edges taken in either direction; parallel facts
    between the same two nodes make separate paths, as in Cypher."""
    undirected = nx.Graph(g.to_undirected(as_view=True))
    try:
        node_paths = list(nx.all_shortest_paths(undirected, from_, to))
    except nx.NetworkXNoPath:
        return []
    if from_ == to or len(node_paths[0]) - 1 > MAX_HOPS:
        return []
    rows = []
    for path in node_paths:
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
