"""Where nodes go when the browser should not compute it.

vis-network's physics is pleasant on small graphs but grows roughly quadratically: about 7 s to settle at
200 nodes with its defaults and minutes at 2,000 (measured, see shared/STACK.md). Above
:data:`BROWSER_PHYSICS_MAX_NODES` nodes the layout is computed here with igraph's grid-accelerated
Fruchterman–Reingold (under a second for 10,000 nodes; NetworkX's spring_layout takes ~20 s at 3,000)
and the page opens with physics off.
"""

from __future__ import annotations

import math

import networkx as nx

#: Largest view laid out by the browser's physics (which then stops); larger views are laid out here.
BROWSER_PHYSICS_MAX_NODES = 500

#: Average distance between neighbouring nodes, in vis-network's canvas units (nodes are ~20 across).
SPACING = 90.0


def uses_browser_physics(n_nodes: int, layout: str = "auto") -> bool:
    """Whether a view of ``n_nodes`` is laid out by the browser: ``layout`` is auto, physics or python."""
    return layout == "physics" or (layout == "auto" and n_nodes <= BROWSER_PHYSICS_MAX_NODES)


def positions(g: nx.Graph, seed: int = 1) -> dict[str, tuple[float, float]]:
    """Coordinates for every node of ``g`` (deterministic for a given graph and ``seed``).

    Fruchterman–Reingold on the undirected simple graph, scaled so that the drawing's area grows with the
    number of nodes and neighbours sit about :data:`SPACING` apart.
    """
    import random

    import igraph

    nodes = sorted(g)
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in g.edges() if u != v}
    ig = igraph.Graph(n=len(nodes), edges=sorted(pairs))
    igraph.set_random_number_generator(random.Random(seed))  # its default is the global `random` module
    try:
        coords = ig.layout_fruchterman_reingold(grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    width = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = SPACING * math.sqrt(len(nodes)) * 1.5 / width
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: ((x - cx) * scale, (y - cy) * scale) for n, (x, y) in zip(nodes, coords)}
