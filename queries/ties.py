"""The schools' ties (:class:`SchoolTies`), gathered from a stream of edges in one pass.

A national graph has a million links between schools and enterprises. Walking out from every school in the
finished graph reads memory at random, which costs seconds per hundred thousand steps on a virtual machine;
gathered instead while each edge is at hand (the KGX reader offers it as it adds the edge, see
:func:`zjgraph.loaders.kgx.read_kgx`), the links come out of a few sequential passes. The rules are those of
:mod:`zjgraph.queries.links`, applied to the same edges; only the order in which they are met differs, and no
question depends on it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import networkx as nx
from zjgraph.queries.links import (
    LINKING,
    NO_MAJORS,
    OPERATOR_KINDS,
    PLANNED,
    UNNAMED,
    VIA_KINDS,
    Link,
    attached_through,
    link_evidence,
)


class Partners(frozenset):
    """Enterprise ids (a frozenset) that also carry their names, sorted (``names``), for the reports: reading
    names one by one from a national graph is reading memory at random."""

    __slots__ = ("names",)

    @classmethod
    def of(cls, named: list[tuple[str, str]]) -> Partners:
        """The partners of ``named``, (name, id) pairs sorted by name."""
        found = cls(e for _, e in named)
        found.names = [n for n, _ in named]
        return found


class SchoolTies(NamedTuple):
    """One school as the questions about every school read it.

    ``offered``: the majors it offers (sorted), and ``wanted`` beside it, each major's industries;
    ``links``: its partner links (kinds in :data:`zjgraph.queries.links.PARTNER_KINDS`);
    ``alliances``: its alliances, each with the edge that attaches it;
    ``explicit``: for each major a partner link names, the enterprises of those links, and ``evidence`` their
    facts (:func:`zjgraph.queries.links.link_evidence`) in fact order;
    ``partners``: (name, id, industries) of each enterprise of ``links``, sorted by name;
    ``unnamed``: for each major it has unnamed partners for, the edges of the facts that say so.
    Facts of certainty ``planned`` make none of them.
    """

    offered: tuple[str, ...]
    wanted: tuple[frozenset[str], ...]
    links: tuple[Link, ...]
    alliances: tuple[tuple[str, dict], ...]
    explicit: dict[str, Partners]
    evidence: dict[str, tuple[tuple[str, dict], ...]]
    partners: tuple[tuple[str, str, frozenset[str]], ...]
    unnamed: dict[str, tuple[dict, ...]]


def fact_order(uid: str) -> tuple:
    """The order facts are read in (document, then position: ``doc:002#9`` before ``#10``), for any fact id."""
    doc, _, index = uid.rpartition("#")
    return (doc, 0, int(index), "") if index.isdigit() else (doc, 1, 0, index)


def in_fact_order(evidence) -> tuple[tuple[str, dict], ...]:
    """Evidence, (kind, edge data), sorted by :func:`fact_order` of the facts: the same facts however the links
    were met."""
    return tuple(sorted(evidence, key=lambda item: fact_order(item[1]["fact"])))


class TiesBuilder:
    """Gathers the ties from edges offered one by one (:meth:`add`), then joins them (:meth:`finish`).

    ``types`` gives each node's type; it must know both ends of every edge offered."""

    def __init__(self, types: dict[str, str]):
        self.types = types
        self.offered: dict[str, list[str]] = defaultdict(list)
        self.direct: dict[str, list[Link]] = defaultdict(list)
        self.schools_at: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)  # via -> (school, kind, edge)
        self.enterprises_at: dict[str, list[tuple[str, dict]]] = defaultdict(list)  # via -> (enterprise, edge)
        self.for_major: dict[str, list[str]] = defaultdict(list)
        self.unnamed: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))

    def add(self, u: str, v: str, e: dict) -> None:
        """Take in one edge ``u`` → ``v`` with its data ``e``."""
        relation, types = e["relation"], self.types
        if e["certainty"] == PLANNED:
            return  # what a plan intends is no present tie
        if relation == "offersMajor":
            if types[u] == "School":
                self.offered[u].append(v)
            return
        if relation == "forMajor":
            self.for_major[u].append(v)
            return
        if relation == UNNAMED:
            if types[u] == "School":
                self.unnamed[u][v].append(e)
            return
        if u == v:
            return  # no rule ties a node to itself
        for a, b in ((u, v), (v, u)):
            type_a, type_b = types[a], types[b]
            if type_a == "School" and relation in LINKING:
                if type_b == "Enterprise":
                    kind = OPERATOR_KINDS.get(relation)
                    if kind:
                        self.direct[a].append(Link(a, b, kind, None, (e,),
                                                   frozenset(e["major"]) if e["major"] else NO_MAJORS))
                elif type_b in VIA_KINDS:
                    self.schools_at[b].append((a, VIA_KINDS[type_b], e))
            elif type_a == "Enterprise" and type_b in VIA_KINDS:
                self.enterprises_at[b].append((a, e))

    def finish(self, g: nx.MultiDiGraph) -> dict[str, SchoolTies]:
        """The :class:`SchoolTies` of every school of ``g``, by id in id order."""
        links, alliances = self.direct, defaultdict(list)
        for via, schools in self.schools_at.items():
            for_major = set(self.for_major.get(via, ()))
            for school, kind, e in schools:
                if kind == "alliance":
                    alliances[school].append((via, e))
                    continue
                for ent, e2 in self.enterprises_at.get(via, ()):
                    if attached_through(kind, e, e2):
                        majors = for_major.union(e["major"], e2["major"])
                        links[school].append(Link(school, ent, kind, via, (e, e2),
                                                  frozenset(majors) if majors else NO_MAJORS))
        nodes, shared = g._node, {}

        def industries(node: str) -> frozenset[str]:
            found = frozenset(nodes[node].get("industries", ()))
            return shared.setdefault(found, found)  # a few hundred distinct sets among a million nodes

        found = {}
        for school in sorted(n for n, t in self.types.items() if t == "School"):
            tied = links.get(school, [])
            partners = sorted({(nodes[lk.enterprise]["name"], lk.enterprise) for lk in tied})
            names = {e: n for n, e in partners}
            explicit, evidence = defaultdict(set), defaultdict(list)
            for lk in tied:
                for major in lk.majors:
                    explicit[major].add(lk.enterprise)
                    evidence[major] += link_evidence(lk)
            offered = sorted(set(self.offered.get(school, ())))
            found[school] = SchoolTies(
                tuple(offered), tuple(industries(m) for m in offered), tuple(tied), tuple(alliances.get(school, ())),
                {m: Partners.of(sorted((names[e], e) for e in ents)) for m, ents in explicit.items()},
                {m: in_fact_order(ev) for m, ev in evidence.items()},
                tuple((n, e, industries(e)) for n, e in partners),
                {m: tuple(edges) for m, edges in self.unnamed.get(school, {}).items()})
        return found


def ties_of(g: nx.MultiDiGraph) -> dict[str, SchoolTies]:
    """The ties of a finished graph, its edges offered in the graph's order."""
    builder = TiesBuilder({n: d["type"] for n, d in g._node.items()})
    for u, adjacency in g._succ.items():
        for v, keyed in adjacency.items():
            for e in keyed.values():
                builder.add(u, v, e)
    return builder.finish(g)
