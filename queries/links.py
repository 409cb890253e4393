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
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx

ATTACH = frozenset({"coBuilds", "leads", "partOf", "runBy"})
VIA_KINDS = {"OrderClass": "order-class", "TrainingBase": "training-base", "IndustryCollege": "industry-college",
             "Alliance": "alliance"}
PARTNER_KINDS = frozenset({"partnership", "operator", "order-class", "training-base", "industry-college"})


@dataclass(frozen=True)
class Link:
    """One way a school and an enterprise are tied: its kind, the node it goes through, and its facts."""

    school: str
    enterprise: str
    kind: str
    via: str | None
    facts: tuple[str, ...]
    majors: frozenset[str]


def neighbours(g: nx.MultiDiGraph, node: str) -> Iterator[tuple[str, dict]]:
    """Every (other node, edge data) pair around ``node``, edges taken in both directions."""
    for _, v, e in g.out_edges(node, data=True):
        yield v, e
    for u, _, e in g.in_edges(node, data=True):
        yield u, e


def name(g: nx.MultiDiGraph, node: str) -> str:
    return g.nodes[node]["name"]


def values(value) -> list:
    """An attribute stated by facts as a list, whether one value or several were stated."""
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _is(g, node, type_):
    return g.nodes[node]["type"] == type_


def attached_through(kind: str, school_edge: dict, enterprise_edge: dict) -> bool:
    """Whether a school and an enterprise, each tied to the same order class, base, college or alliance
    (``kind``) by these edges, are linked through it (see the module docstring)."""
    if kind == "order-class":
        return school_edge["relation"] == "runsOrderClass" and enterprise_edge["relation"] == "sponsorsOrderClass"
    if kind == "alliance":
        return {school_edge["relation"], enterprise_edge["relation"]} <= {"memberOf", "leads"}
    return school_edge["relation"] in ATTACH and enterprise_edge["relation"] in ATTACH


def school_links(g: nx.MultiDiGraph, school: str) -> list[Link]:
    """Every link between ``school`` and an enterprise (one per fact or pair of facts)."""
    links = []
    for other, e in neighbours(g, school):
        if _is(g, other, "Enterprise"):
            kind = {"partnersWith": "partnership", "foundedBy": "operator", "runBy": "operator"}.get(e["relation"])
            if kind:
                links.append(Link(school, other, kind, None, (e["fact"],), frozenset(e["major"])))
            continue
        kind = VIA_KINDS.get(g.nodes[other]["type"])
        if kind is None:
            continue
        for_major = {m for _, m, f in g.out_edges(other, data=True) if f["relation"] == "forMajor"}
        for ent, e2 in neighbours(g, other):
            if _is(g, ent, "Enterprise") and attached_through(kind, e, e2):
                majors = set(e["major"]) | set(e2["major"])
                if kind != "alliance":
                    majors |= for_major
                links.append(Link(school, ent, kind, other, (e["fact"], e2["fact"]), frozenset(majors)))
    return links


def all_links(g: nx.MultiDiGraph) -> list[Link]:
    """:func:`school_links` for every school."""
    return [link for s, d in g.nodes(data=True) if d["type"] == "School" for link in school_links(g, s)]


def offered_majors(g: nx.MultiDiGraph, school: str) -> list[str]:
    """The majors ``school`` offers (``offersMajor``), sorted by id."""
    return sorted({m for _, m, e in g.out_edges(school, data=True) if e["relation"] == "offersMajor"})


def industries(g: nx.MultiDiGraph, node: str) -> set[str]:
    """An enterprise's industries (its ``industry`` facts) or a major's (from its catalogue category)."""
    return set(g.nodes[node].get("industries", ()))


@dataclass(frozen=True)
class MajorCover:
    """Whether a school's major has an enterprise partner: ``explicit``, ``inferred`` (rule
    ``industry-match``) or ``none``; ``partners`` are the enterprises behind the status."""

    school: str
    major: str
    status: str
    partners: frozenset[str]
    links: tuple[Link, ...]

    @property
    def rule(self) -> str:
        return "industry-match" if self.status == "inferred" else ""


def major_cover(g: nx.MultiDiGraph, school: str, links: list[Link] | None = None) -> list[MajorCover]:
    """The partner status of each major ``school`` offers, in major-id order."""
    links = [lk for lk in (school_links(g, school) if links is None else links) if lk.kind in PARTNER_KINDS]
    out = []
    for major in offered_majors(g, school):
        explicit = [lk for lk in links if major in lk.majors]
        if explicit:
            out.append(MajorCover(school, major, "explicit", frozenset(lk.enterprise for lk in explicit),
                                  tuple(explicit)))
            continue
        wanted = industries(g, major)
        matching = [lk for lk in links if industries(g, lk.enterprise) & wanted]
        status = "inferred" if matching else "none"
        out.append(MajorCover(school, major, status, frozenset(lk.enterprise for lk in matching), tuple(matching)))
    return out
