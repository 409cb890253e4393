"""The coverage report: how many of the majors schools offer have an enterprise partner, per school, per
district and overall, with the claims and targets of :mod:`zjgraph.claims` beside them.

A major's status comes from :func:`zjgraph.queries.links.major_cover` (the majors-without-partner query):
``explicit`` (a named enterprise partner is tied to it), ``unnamed`` (a document states partners for it without
naming them), ``inferred`` (rule industry-match) or ``none``. Three shares are given: explicit / majors offered,
*stated* (explicit + unnamed) / majors offered, and with inferred (explicit + unnamed + inferred) / majors offered.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx

from zjgraph import collector
from zjgraph.claims import claims, targets
from zjgraph.cypher.model import quote_text
from zjgraph.loaders.to_networkx import reaches
from zjgraph.problems import ZjgraphError
from zjgraph.queries.links import (
    MajorCover,
    major_cover,
    name,
    partner_names,
    ties,
)

# How a document counts partners it does not name: 多家, 5家, 10余家, 100多家.
PARTNER_COUNT = re.compile(r"(\d+)[余多]?家|[多数几]家|若干家")


@dataclass
class Coverage:
    """Coverage of one scope: a school, a district, or everything (``kind`` school|district|overall)."""

    kind: str
    id: str
    name: str
    majors: list[MajorCover] = field(default_factory=list)
    schools: int = 1

    def count(self, status: str) -> int:
        return self.tally[status]

    @cached_property
    def tally(self) -> Counter:
        """Majors by status, counted once the scope is complete (a national report asks each count often)."""
        return Counter(m.status for m in self.majors)

    def percent(self, *statuses: str) -> float | None:
        """Share of majors with one of ``statuses``, in percent (None when no major is offered)."""
        if not self.majors:
            return None
        return round(100 * sum(self.count(s) for s in statuses) / len(self.majors), 1)

    def as_dict(self, g: nx.MultiDiGraph) -> dict:
        return {
            "scope": self.kind, "id": self.id, "name": self.name, "schools": self.schools,
            "majors_offered": len(self.majors), "explicit": self.count("explicit"), "unnamed": self.count("unnamed"),
            "inferred_only": self.count("inferred"), "none": self.count("none"),
            "explicit_percent": self.percent("explicit"), "stated_percent": self.percent("explicit", "unnamed"),
            "with_inferred_percent": self.percent("explicit", "unnamed", "inferred"),
            "uncovered": self._labels(g, "none"), "unnamed_only": self._labels(g, "unnamed"),
            "inferred": self._labels(g, "inferred"),
        }

    def _labels(self, g, status: str) -> list[str]:
        return [self._label(g, m) for m in self.majors if m.status == status]

    def _label(self, g, cover: MajorCover) -> str:
        """The major's name, with its school when the scope holds several schools."""
        return name(g, cover.major) if self.kind == "school" else f"{name(g, cover.major)}（{name(g, cover.school)}）"


def _names(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    return [value] if isinstance(value, str) else list(value or ())


def home_schools(g: nx.MultiDiGraph) -> list[str]:
    """The schools the report is about when no filter is given: those in a district of the area the documents
    report on (the outermost place their ``district`` in documents.toml is part of, e.g. 重庆市), or in any
    district when no document names one. Schools elsewhere (a partner school abroad or in another province, a
    predecessor school no fact places) are mentioned by the documents but not reported on."""
    todo = {meta["district"] for meta in g.graph.get("documents", {}).values() if meta.get("district") in g}
    areas = set()
    while todo:
        place = todo.pop()
        outer = {v for _, v, rel in g.out_edges(place, data="relation") if rel == "partOf"}
        todo |= outer - areas
        if not outer:
            areas.add(place)
    placed = [s for s in ties(g) if g.nodes[s]["districts"]]
    if not areas:
        return placed
    # Upwards from each school, not down through everything in the areas (a national graph's million entities):
    # a school lies in an area when one of its districts does, or failing that its own chain reaches the area.
    above = {}
    for district in {d for s in placed for d in g.nodes[s]["districts"]}:
        above[district] = reaches(g, district) | {district}
    return [s for s in placed if any(areas & above[d] for d in g.nodes[s]["districts"]) or areas & reaches(g, s)]


def schools_in_scope(kg, school: str | list[str] | None = None, district: str | list[str] | None = None) -> list[str]:
    """Schools (ids, sorted) selected by the ``--school`` / ``--district`` filters, each a name or a list of
    names: the schools named, or located in one of the places named (district, city, zone: see
    :mod:`zjgraph.places`), or both; with no filter, the schools of :func:`home_schools`. Raises
    :class:`ZjgraphError` for an unknown school or place, or a school outside every place named."""
    from zjgraph.places import resolve_place, schools_in

    g = kg.graph
    schools, places = _names(school), _names(district)
    if not schools and not places:
        return home_schools(g)
    chosen = sorted({kg.resolve_as(n, "School") for n in schools})
    if not places:
        return chosen
    inside = set().union(*(schools_in(g, resolve_place(kg, p)) for p in places))
    if not chosen:
        return sorted(inside & set(ties(g)))
    outside = [name(g, s) for s in chosen if s not in inside]
    if outside:
        raise ZjgraphError(f"{'、'.join(outside)} is not in {'、'.join(places)}: --school and --district together "
                           "select the schools named that lie in the places named")
    return chosen


def scope_label(kg, names: list[str]) -> str:
    """The schools and places a report was narrowed to, by their names (“” for the whole report), for its title.
    Call it once the report is made: every name is then known to resolve."""
    return "、".join(kg.label(kg.resolve(n)) for n in names)


@collector.paused()  # a national report is a million small objects and no garbage
def coverage(kg, school: str | list[str] | None = None, district: str | list[str] | None = None) -> dict:
    """The whole report as plain data (what ``zjgraph coverage --format json`` prints); ``school`` and
    ``district`` as in :func:`schools_in_scope`."""
    g = kg.graph
    selected = schools_in_scope(kg, school, district)
    per_school = []
    for s in selected:
        majors = major_cover(g, s)
        if majors:
            per_school.append(Coverage("school", s, name(g, s), majors))
    districts: dict[str, Coverage] = {}
    for c in per_school:
        for d in g.nodes[c.id]["districts"] or ["(none)"]:
            scope = districts.setdefault(d, Coverage("district", d, name(g, d) if d in g else "（未定位 unlocated）",
                                                     schools=0))
            scope.majors += c.majors
            scope.schools += 1
    overall = Coverage("overall", "", "全部", [m for c in per_school for m in c.majors], schools=len(per_school))
    known = {}
    return {
        "schools": [c.as_dict(g) for c in per_school],
        "districts": [districts[d].as_dict(g) for d in sorted(districts)],
        "overall": overall.as_dict(g),
        "schools_without_majors": [name(g, s) for s in selected if not ties(g)[s].offered],
        "majors": [{"school_id": m.school, "school": c.name, "major_id": m.major,
                    "major": name(g, m.major), "status": m.status, "rule": m.rule,
                    "partners": partner_names(g, m.partners, known), "evidence": evidence(m)}
                   for c in per_school for m in c.majors],
        "claims": claims(kg, selected if _names(school) or _names(district) else None),
        "targets": targets(kg, selected if _names(school) or _names(district) else None),
    }


def partner_count(quote: str) -> tuple[int | None, str | None]:
    """(count, count text) of the partners a quote speaks of without naming them: ``(5, "5家")``,
    ``(None, "多家")``; ``(None, None)`` when the quote gives no count (分专业的校企合作协议)."""
    found = PARTNER_COUNT.search(quote)
    if not found:
        return None, None
    return (int(found.group(1)) if found.group(1) else None), found.group(0)


def evidence(cover: MajorCover) -> list[dict]:
    """The facts behind a major's status, each with its source and quote; those of unnamed partners with the
    count the quote gives."""
    out = []
    for kind, e in cover.evidence:
        row = {"fact": e["fact"], "source": e["source"], "quote": quote_text(e), "kind": kind}
        if kind == "unnamed":
            row["count"], row["count_text"] = partner_count(row["quote"])
        out.append(row)
    return out


def periods(kg) -> list[str]:
    """The periods the documents report on (their ``period``, ``zj:reportingPeriod``), each once, earliest end
    first."""
    from zjgraph.time import parse_period

    stated = {meta["period"] for meta in kg.graph.graph.get("documents", {}).values() if meta.get("period")}
    return sorted(stated, key=lambda p: (parse_period(p)[1], parse_period(p)[0]))


def by_period(kg, school: str | list[str] | None = None, district: str | list[str] | None = None) -> list[dict]:
    """Each school's and district's coverage, and the overall one, for every period of :func:`periods`: the
    graph as of the period's last day (:meth:`KnowledgeGraph.as_of`), each row with its ``period``; ``school``
    and ``district`` as in :func:`schools_in_scope`. Empty when no document states a period."""
    from zjgraph.time import parse_period

    rows = []
    for period in periods(kg):
        last = parse_period(period)[1]
        report = coverage(kg.as_of((last, last)), school=school, district=district)
        if report["schools"]:
            rows += [{"period": period, **row} for row in [*report["schools"], *report["districts"],
                                                           report["overall"]]]
    return rows
