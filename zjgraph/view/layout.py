"""Where nodes go: computed here for every view, so that a page draws at once.

The layout is igraph's grid-accelerated Fruchterman–Reingold (under a second for 10,000 nodes;
NetworkX's spring_layout takes ~20 s at 3,000), one connected component at a time, packed side by side.
vis-network's physics is pleasant on small graphs but grows roughly quadratically: about 7 s to settle at
200 nodes with its defaults and minutes at 2,000 (measured, see shared/STACK.md). Up to
:data:`BROWSER_PHYSICS_MAX_NODES` nodes it relaxes this layout in the browser and then stops; above, the
page opens with physics off.
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


def _component(nodes: list[str], pairs: list[tuple[int, int]], seed: int,
               spacing: float) -> list[tuple[float, float]]:
    """Fruchterman–Reingold coordinates of one connected component, neighbours about ``spacing`` apart."""
    import random

    import igraph

    if len(nodes) == 1:
        return [(0.0, 0.0)]
    ig = igraph.Graph(n=len(nodes), edges=pairs)
    igraph.set_random_number_generator(random.Random(seed))  # its default is the global `random` module
    try:
        coords = ig.layout_fruchterman_reingold(grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    width = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = spacing * math.sqrt(len(nodes)) * 1.5 / width
    return [((x - min(xs)) * scale, (y - min(ys)) * scale) for x, y in coords]


def positions(g: nx.Graph, seed: int = 1, spacing: float = SPACING) -> dict[str, tuple[float, float]]:
    """Coordinates for every node of ``g`` (deterministic for a given graph and ``seed``), centred on 0.

    Each connected component is laid out on its own (Fruchterman–Reingold, its area growing with its
    number of nodes) and the components are packed side by side in rows, largest first, so that a small
    part is neither lost far from the rest nor drawn over it.
    """
    parts = sorted((sorted(c) for c in nx.connected_components(nx.Graph(g).to_undirected())),
                   key=lambda c: (-len(c), c[0]))
    boxes = []
    for nodes in parts:
        index = {n: i for i, n in enumerate(nodes)}
        pairs = sorted({(min(index[u], index[v]), max(index[u], index[v]))
                        for u, v in g.subgraph(nodes).edges() if u != v})
        coords = _component(nodes, pairs, seed, spacing)
        w = max(x for x, _ in coords) + spacing
        h = max(y for _, y in coords) + spacing
        boxes.append((nodes, coords, w, h))
    row_width = max(max((b[2] for b in boxes), default=0), math.sqrt(sum(b[2] * b[3] for b in boxes)) * 1.2)
    pos, x, y, row_h = {}, 0.0, 0.0, 0.0
    for nodes, coords, w, h in boxes:  # shelf packing: fill a row, then start the next one below
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        pos.update((n, (x + cx, y + cy)) for n, (cx, cy) in zip(nodes, coords))
        x, row_h = x + w, max(row_h, h)
    if not pos:
        return {}
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (px - cx, py - cy) for n, (px, py) in pos.items()}
