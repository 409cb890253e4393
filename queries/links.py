"""How schools and enterprises are tied together, and which majors those ties cover.

These definitions are the ones the ``.cypher`` files spell out; the tests run both and compare rows.

A school and an enterprise are *linked* when:

- ``partnership``: one ``partnersWith`` the other;
- ``operator``: one ``foundedBy`` or ``runBy`` the other;
- ``order-class``: the school ``runsOrderClass`` an order class the enterprise ``sponsorsOrderClass``;
- ``training-base`` / ``industry-college``: both are attached to the same base or college, each by
  ``coBuilds``, ``leads``, ``partOf`` or ``runBy``;
- ``alliance``: both are members (``memberOf``) or leaders (``leads``) of the same alliance.

Every link but ``alliance`` makes the enterprise a *partner* of the school. A link is *tied to a major*
when one of its facts names the major (the fact's ``major`` list) or its order class, base or college is
``forMajor`` that major.

A school *has unnamed partners for* a major (``hasUnnamedPartnersFor``) when a document says it works with
enterprises for that major without naming them; no enterprise node stands for them.

Facts of certainty ``planned`` (what a plan intends) are not present ties: no link, offered major or
unnamed partner is made of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple
from weakref import WeakKeyDictionary

import networkx as nx

if TYPE_CHECKING:
    from zjgraph.queries.ties import SchoolTies

ATTACH = frozenset({"coBuilds", "leads", "partOf", "runBy"})
VIA_KINDS = {"OrderClass": "order-class", "TrainingBase": "training-base", "IndustryCollege": "industry-college",
             "Alliance": "alliance"}
PARTNER_KINDS = frozenset({"partnership", "operator", "order-class", "training-base", "industry-college"})


class Link(NamedTuple):
    """One way a school and an enterprise are tied: its kind, the node it goes through, and its facts' edges (the
    edge data, each with its ``fact`` id: the reports quote them, and looking an edge up again by its ends is a
    random read of a national graph's memory).

    A named tuple, not a dataclass: a national graph has millions of links and tuples are built fastest."""

    school: str
    enterprise: str
    kind: str
    via: str | None
    edges: tuple[dict, ...]
    majors: frozenset[str]

    def __reduce__(self):
        # Unpickled by tuple.__new__ itself, not by the class's Python __new__: a million links are cached with
        # a national graph, and calling a Python function for each took most of the time to read them back.
        return tuple.__new__, (Link, tuple(self))


def neighbours(g: nx.MultiDiGraph, node: str) -> Iterator[tuple[str, dict]]:
    """Every (other node, edge data) pair around ``node``, edges taken in both directions."""
    # NetworkX's own adjacency dicts, as its algorithms read them: the edge views wrap every item, which
    # costs seconds per query on a national graph.
    for adjacency in (g._succ[node], g._pred[node]):
        for other, keyed in adjacency.items():
            for e in keyed.values():
                yield other, e


def name(g: nx.MultiDiGraph, node: str) -> str:
    return g._node[node]["name"]


def values(value) -> list:
    """An attribute stated by facts as a list, whether one value or several were stated."""
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def attached_through(kind: str, school_edge: dict, enterprise_edge: dict) -> bool:
    """Whether a school and an enterprise, each tied to the same order class, base, college or alliance
    (``kind``) by these edges, are linked through it (see the module docstring)."""
    if kind == "order-class":
        return school_edge["relation"] == "runsOrderClass" and enterprise_edge["relation"] == "sponsorsOrderClass"
    if kind == "alliance":
        return {school_edge["relation"], enterprise_edge["relation"]} <= {"memberOf", "leads"}
    return school_edge["relation"] in ATTACH and enterprise_edge["relation"] in ATTACH


OPERATOR_KINDS = {"partnersWith": "partnership", "foundedBy": "operator", "runBy": "operator"}
ALL_KINDS = frozenset({*PARTNER_KINDS, "alliance"})
LINKING = frozenset({*OPERATOR_KINDS, "runsOrderClass", *ATTACH, "memberOf"})  # every relation of a link
NO_MAJORS: frozenset[str] = frozenset()
NO_PARTNERS: frozenset[str] = frozenset()
PLANNED = "planned"
UNNAMED = "hasUnnamedPartnersFor"


def _attachments(g: nx.MultiDiGraph, school: str) -> Iterator[tuple[str, str, dict]]:
    """(kind, other node, edge) for each edge of ``school`` that may link it to an enterprise: ``other`` is the
    enterprise for direct kinds, the order class, base, college or alliance otherwise."""
    nodes = g._node
    for other, e in neighbours(g, school):
        if e["relation"] not in LINKING or e["certainty"] == PLANNED:
            continue  # before reading the other node: most of a school's edges are its majors
        type_ = nodes[other]["type"]
        kind = OPERATOR_KINDS.get(e["relation"]) if type_ == "Enterprise" else VIA_KINDS.get(type_)
        if kind:
            yield kind, other, e


def _through(g: nx.MultiDiGraph, school: str, kind: str, via: str, e: dict) -> Iterator[Link]:
    """The links of ``school`` through ``via``, which its edge ``e`` attaches it to."""
    nodes = g._node
    for_major = set() if kind == "alliance" else {
        m for m, keyed in g._succ[via].items() for f in keyed.values()
        if f["relation"] == "forMajor" and f["certainty"] != PLANNED}
    for ent, e2 in neighbours(g, via):
        if nodes[ent]["type"] == "Enterprise" and e2["certainty"] != PLANNED and attached_through(kind, e, e2):
            majors = for_major.union(e["major"], e2["major"])
            yield Link(school, ent, kind, via, (e, e2), frozenset(majors) if majors else NO_MAJORS)


def school_links(g: nx.MultiDiGraph, school: str, kinds: frozenset[str] = ALL_KINDS) -> list[Link]:
    """Every link of one of ``kinds`` between ``school`` and an enterprise (one per fact or pair of facts)."""
    links = []
    for kind, other, e in _attachments(g, school):
        if kind not in kinds:
            continue
        if kind in VIA_KINDS.values():
            links += _through(g, school, kind, other, e)
        else:
            links.append(Link(school, other, kind, None, (e,),
                              frozenset(e["major"]) if e["major"] else NO_MAJORS))
    return links


def all_links(g: nx.MultiDiGraph, kinds: frozenset[str] = ALL_KINDS) -> Iterator[Link]:
    """:func:`school_links` for every school, in school-id order."""
    for school, tied in ties(g).items():
        if kinds & PARTNER_KINDS:
            yield from (lk for lk in tied.links if lk.kind in kinds)
        if "alliance" in kinds:
            for via, e in tied.alliances:
                yield from _through(g, school, "alliance", via, e)


_TIES: WeakKeyDictionary = WeakKeyDictionary()


def ties(g: nx.MultiDiGraph) -> dict[str, SchoolTies]:
    """:class:`~zjgraph.queries.ties.SchoolTies` of every school, by id in id order, computed once per graph and
    kept while it lives (and in the cache with it, see :meth:`zjgraph.KnowledgeGraph.load`).

    :func:`zjgraph.loaders.to_networkx.add_derived` drops them: call it after changing a graph's facts.
    """
    found = _TIES.get(g)
    if found is None:
        from zjgraph.queries.ties import ties_of

        found = _TIES[g] = ties_of(g)
    return found


def keep_ties(g: nx.MultiDiGraph, found: dict[str, SchoolTies]) -> None:
    """Keep ``found`` as the ties of ``g`` (gathered while it was read, or read from the cache with it)."""
    _TIES[g] = found


def forget_ties(g: nx.MultiDiGraph) -> None:
    """Drop the ties kept for ``g`` (its facts changed); the next question builds them afresh."""
    _TIES.pop(g, None)


STATUSES = ("explicit", "unnamed", "inferred", "none")


@dataclass(frozen=True)
class MajorCover:
    """Whether a school's major has an enterprise partner, one of :data:`STATUSES`: ``explicit`` (a named
    enterprise is tied to the major), ``unnamed`` (a document states partners for it without naming them),
    ``inferred`` (only a partner in a matching industry, rule ``industry-match``) or ``none``.

    ``partners`` are the named enterprises behind the status (none for ``unnamed``); ``evidence`` the facts
    behind it, each as (kind, the fact's edge data): a link's kind (``partnership``, ``order-class`` …) or
    ``unnamed``."""

    school: str
    major: str
    status: str
    partners: frozenset[str]
    evidence: tuple[tuple[str, dict], ...] = ()

    @property
    def rule(self) -> str:
        return "industry-match" if self.status == "inferred" else ""


def link_evidence(lk: Link) -> tuple[tuple[str, dict], ...]:
    """(kind, edge data) of each fact of a link: school–enterprise, or school–via and via–enterprise."""
    return tuple((lk.kind, e) for e in lk.edges)


def major_cover(g: nx.MultiDiGraph, school: str) -> list[MajorCover]:
    """The partner status of each major ``school`` offers, in major-id order."""
    from zjgraph.queries.ties import Partners, in_fact_order

    tied, matching = ties(g)[school], {}
    out = []
    for major, wanted in zip(tied.offered, tied.wanted):
        if major in tied.explicit:
            out.append(MajorCover(school, major, "explicit", tied.explicit[major], tied.evidence[major]))
            continue
        if major in tied.unnamed:
            behind = tuple(("unnamed", e) for e in tied.unnamed[major])
            out.append(MajorCover(school, major, "unnamed", NO_PARTNERS, behind))
            continue
        if wanted not in matching:  # majors of one category share their matching partners and evidence
            partners = Partners.of([(n, e) for n, e, found in tied.partners if found & wanted])
            matching[wanted] = partners, in_fact_order(ev for lk in tied.links if lk.enterprise in partners
                                                       for ev in link_evidence(lk))
        partners, behind = matching[wanted]
        out.append(MajorCover(school, major, "inferred" if partners else "none", partners, behind))
    return out


def partner_names(g: nx.MultiDiGraph, partners: frozenset[str], known: dict[frozenset, list[str]]) -> list[str]:
    """The sorted names of ``partners``; ``known`` keeps the lists already made (a school's majors share their
    partners, and reading names on a national graph is reading memory at random)."""
    names = getattr(partners, "names", None)  # :class:`~zjgraph.queries.ties.Partners` bring them
    if names is not None:
        return names
    if partners not in known:
        known[partners] = sorted(name(g, e) for e in partners)
    return known[partners]
