"""Which part of the graph a view shows: filters by type and relation, districts, ego networks.

Everything here works on a NetworkX ``MultiDiGraph`` as :class:`zjgraph.KnowledgeGraph` builds it and
returns subgraph views; nothing is copied and nothing is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from zjgraph.loaders.to_networkx import PLACING, located_in
from zjgraph.schema import Schema

#: Types a view leaves out unless asked for (--types or --with-indicators): hundreds of figures and goals,
#: each tied to one report, that would otherwise dominate every picture.
FIGURES = ("Indicator", "Target")


def default_types(schema: Schema) -> list[str]:
    """Every entity class except :data:`FIGURES` and their subclasses."""
    return sorted(c for c in schema.entity_classes() if not schema.is_a(c, set(FIGURES)))


@dataclass
class Selection:
    """The subgraph a view draws, the entities it was centred on and notes for the user."""

    graph: nx.MultiDiGraph
    seeds: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    isolated: int = 0  # entities left out because no edge of the selection touches them


def filter_graph(g: nx.MultiDiGraph, schema: Schema, types: Iterable[str] = (), relations: Iterable[str] = (),
                 keep: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The subgraph of ``g`` with only nodes of ``types`` (subclasses included) and edges of ``relations``.

    Empty ``types`` or ``relations`` means no constraint. Nodes in ``keep`` stay whatever their type. With
    ``relations`` given, nodes left without any edge are dropped (unless in ``keep``): they have no part in
    the relations asked for.
    """
    types, relations, keep = set(types), set(relations), set(keep)
    nodes = [n for n, d in g.nodes(data=True) if n in keep or schema.is_a(d["type"], types)]
    h = g.subgraph(nodes)
    if relations:
        wanted = nx.subgraph_view(h, filter_edge=lambda u, v, k: g.edges[u, v, k]["relation"] in relations)
        h = wanted.subgraph([n for n in wanted if n in keep or wanted.degree(n)])
    return h


def ego(g: nx.MultiDiGraph, seeds: Iterable[str], depth: int) -> nx.MultiDiGraph:
    """The subgraph of everything within ``depth`` edges of any seed, in either direction."""
    reach = set(seeds)
    frontier = set(reach)
    for _ in range(depth):
        frontier = {m for n in frontier for m in nx.all_neighbors(g, n)} - reach
        reach |= frontier
    return g.subgraph(reach)


def unplaced(g: nx.MultiDiGraph, schema: Schema, cls: str) -> list[str]:
    """Entities of type ``cls`` that no ``locatedIn``/``partOf`` chain places anywhere."""
    return sorted(n for n, d in g.nodes(data=True) if d["type"] == cls
                  and not any(rel in PLACING for _, _, rel in g.out_edges(n, data="relation")))


def select(g: nx.MultiDiGraph, schema: Schema, *, seeds: Iterable[str] = (), district: str | None = None,
           depth: int = 1, types: Iterable[str] = (), relations: Iterable[str] = (),
           isolated: bool = True) -> Selection:
    """The part of ``g`` a view shows.

    First the graph is narrowed to ``types`` and ``relations`` (see :func:`filter_graph`). Then, if there
    are ``seeds`` (ids) or a ``district`` (a place id: district, city, province…), the view is everything
    within ``depth`` edges of the seeds and of the entities located in the district; otherwise the whole
    narrowed graph. Seeds are always kept, whatever their type. With ``isolated`` false, entities that no
    edge of the selection touches are left out (seeds excepted) and counted in ``Selection.isolated``.
    """
    seeds = set(seeds)
    notes = []
    if district is not None:
        placed = located_in(g, district)
        seeds |= placed
        missing = [n for n in unplaced(g, schema, "School") if n not in placed]
        if missing:
            notes.append(f"{len(missing)} school(s) have no locatedIn fact and are in no district; "
                         f"they are not in this view unless linked to it: "
                         + "、".join(g.nodes[n]["name"] for n in missing))
    h = filter_graph(g, schema, types, relations, keep=seeds)
    if seeds or district is not None:
        h = ego(h, seeds, depth)
    alone = 0
    if not isolated:
        lonely = [n for n in h if n not in seeds and not h.degree(n)]
        alone = len(lonely)
        if lonely:
            h = h.subgraph(set(h) - set(lonely))
    return Selection(h, seeds, notes, alone)
