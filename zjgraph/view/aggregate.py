"""Overviews by aggregation: places (districts, provinces) or industry clusters as the nodes of a graph.

A view of thousands of entities draws as a hairball; grouped, it shows where the schools are and how the
groups are tied. A group's members are the entities placed in it (``locatedIn``/``partOf`` chains, as
``--district`` follows them) or, for an industry cluster, the entities that ``belongsToCluster`` or
``servesCluster`` it. Two groups are tied by what spans them:

- partnerships: enterprises that partner (``partnersWith``, ``coBuilds``) entities of both groups, or that
  are placed in one and partner an entity of the other;
- order classes: enterprises sponsoring order classes run by schools of both groups (or placed in one);
- alliances: alliances with members in both groups (or placed in one).

Each spanning entity counts once for each pair of groups it spans. Nothing is drawn here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from zjgraph.loaders.to_networkx import located_in

#: --group-by choices and the class whose instances are the groups.
GROUP_CLASSES = {"district": "District", "province": "Province", "cluster": "IndustryCluster"}
CLUSTER_RELATIONS = ("belongsToCluster", "servesCluster")
PARTNERING = ("partnersWith", "coBuilds")
KINDS = ("partnerships", "order_classes", "alliances")


@dataclass
class Group:
    id: str
    name: str
    members: set[str]
    schools: int
    ties: Counter = field(default_factory=Counter)  # spanning entities that touch this group, by kind
    coverage: float | None = None  # share of its schools' majors with an explicit partner, in percent


@dataclass
class Aggregate:
    """Groups, the ties between pairs of them (by kind), and the schools of the view in no group."""

    by: str
    groups: dict[str, Group]
    ties: dict[tuple[str, str], Counter]
    ungrouped_schools: list[str]


def members(g: nx.MultiDiGraph, by: str) -> dict[str, set[str]]:
    """Every group of ``g`` for ``by`` (district, province or cluster) with its member entities."""
    cls = GROUP_CLASSES[by]
    groups = [n for n, t in g.nodes(data="type") if t == cls]
    if by == "cluster":
        return {c: {u for u, _, r in g.in_edges(c, data="relation") if r in CLUSTER_RELATIONS} for c in groups}
    return {p: located_in(g, p) for p in groups}


def _spanned(g, within, group_of, node, relations, via=None):
    """The groups that ``node`` spans through ``relations`` (and, with ``via``, one step further)."""
    found = set(group_of.get(node, ()))
    for u, v, r in list(g.out_edges(node, data="relation")) + list(g.in_edges(node, data="relation")):
        if r not in relations:
            continue
        other = v if u == node else u
        if other not in within:
            continue
        if via is None:
            found |= group_of.get(other, set())
        else:  # an order class: the groups of the schools that run it
            for a, b, r2 in list(g.in_edges(other, data="relation")) + list(g.out_edges(other, data="relation")):
                runner = a if b == other else b
                if r2 in via and runner != node and runner in within:
                    found |= group_of.get(runner, set())
    return found


def aggregate(g: nx.MultiDiGraph, within: Iterable[str], by: str, coverage=None) -> Aggregate:
    """Group the entities ``within`` (a view's nodes) of graph ``g`` by ``by``.

    A group has the view's members placed in it; groups with no member in the view are left out.
    ``coverage`` (:class:`zjgraph.view.coverage.Coverage`) adds each group's share of explicit partners
    over its schools' (school, major) offerings.
    """
    within = set(within)
    groups: dict[str, Group] = {}
    group_of: dict[str, set[str]] = {}
    for gid, found in members(g, by).items():
        inside = found & within
        if not inside:
            continue
        schools = {n for n in inside if g.nodes[n]["type"] == "School"}
        groups[gid] = Group(gid, g.nodes[gid]["name"], inside, len(schools))
        for n in inside:
            group_of.setdefault(n, set()).add(gid)
        if coverage is not None:
            statuses = [st for (s, _), st in coverage.status.items() if s in schools]
            if statuses:
                groups[gid].coverage = 100.0 * statuses.count("explicit") / len(statuses)
    ties: dict[tuple[str, str], Counter] = {}
    for n in within:
        t = g.nodes[n]["type"]
        if t == "Enterprise":
            spans = [("partnerships", _spanned(g, within, group_of, n, PARTNERING)),
                     ("order_classes", _spanned(g, within, group_of, n, ("sponsorsOrderClass",),
                                                via=("runsOrderClass", "runBy")))]
        elif t == "Alliance":
            spans = [("alliances", _spanned(g, within, group_of, n, ("memberOf", "leads")))]
        else:
            continue
        for kind, found in spans:
            if kind == "order_classes" and found == set(group_of.get(n, ())):
                continue  # no order class: only the enterprise's own place
            for gid in found:
                groups[gid].ties[kind] += 1
            for pair in combinations(sorted(found), 2):
                ties.setdefault(pair, Counter())[kind] += 1
    ungrouped = sorted(n for n in within if g.nodes[n]["type"] == "School" and n not in group_of)
    return Aggregate(by, groups, ties, ungrouped)


def strongest(agg: Aggregate, per_group: int) -> list[tuple[str, str]]:
    """The ties worth drawing: each group's ``per_group`` strongest (a tie kept by either end)."""
    by_group: dict[str, list[tuple[int, tuple[str, str]]]] = {}
    for pair, kinds in agg.ties.items():
        weight = sum(kinds.values())
        for gid in pair:
            by_group.setdefault(gid, []).append((weight, pair))
    kept = set()
    for options in by_group.values():
        kept.update(pair for _, pair in sorted(options, key=lambda o: (-o[0], o[1]))[:per_group])
    return sorted(kept)
