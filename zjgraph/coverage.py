"""The coverage report: how many of the majors schools offer have an enterprise partner, per school, per
district and overall; what the documents claim against what the graph evidences; policy targets.

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

from zjgraph.cypher.model import quote_text
from zjgraph.loaders.curated import _compact_with_offsets, compact
from zjgraph.loaders.to_networkx import located_in
from zjgraph.output import cell
from zjgraph.problems import ZjgraphError
from zjgraph.queries.links import (
    PARTNER_KINDS,
    PLANNED,
    MajorCover,
    fact_edge,
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
    inside = set().union(*(located_in(g, a) for a in areas)) if areas else set(g)
    return [s for s in ties(g) if s in inside and g.nodes[s]["districts"]]


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
                    "partners": partner_names(g, m.partners, known), "evidence": evidence(g, m)}
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


def evidence(g: nx.MultiDiGraph, cover: MajorCover) -> list[dict]:
    """The facts behind a major's status, each with its source and quote; those of unnamed partners with the
    count the quote gives."""
    out = []
    for kind, fact, a, b in cover.evidence:
        e = fact_edge(g, a, b, fact)
        row = {"fact": fact, "source": e["source"], "quote": quote_text(e), "kind": kind}
        if kind == "unnamed":
            row["count"], row["count_text"] = partner_count(row["quote"])
        out.append(row)
    return out


# ---------------------------------------------------------------- what the graph evidences

def _scope_schools(g: nx.MultiDiGraph, subject: str) -> list[str]:
    """The schools a reported number is about: the school itself, or those located in the area or zone."""
    inside = located_in(g, subject) | {subject}
    return sorted(n for n in inside if g.nodes[n]["type"] == "School")


def graph_value(g: nx.MultiDiGraph, metric: str, schools: list[str]) -> float | None:
    """What the graph evidences for a metric over a set of schools; None where it cannot say."""
    if not schools:
        return None
    covers = [m for s in schools for m in major_cover(g, s)]
    links = [lk for s in schools for lk in ties(g)[s].links]
    order_classes = {v for s in schools for _, v, e in g.out_edges(s, data=True)
                     if e["relation"] == "runsOrderClass" and e["certainty"] != PLANNED}
    if metric == "majors-offered":
        return len(covers)
    if metric == "partner-enterprises":
        return len({lk.enterprise for lk in links if lk.kind in PARTNER_KINDS})
    if metric == "cooperation-coverage":  # what a document counts: every stated partner, named or not
        stated = sum(m.status in ("explicit", "unnamed") for m in covers)
        return round(100 * stated / len(covers), 1) if covers else None
    if metric == "order-classes":
        return len(order_classes)
    if metric == "order-class-majors":
        return len({m for oc in order_classes for _, m, e in g.out_edges(oc, data=True) if e["relation"] == "forMajor"})
    if metric == "industry-colleges":
        return len({lk.via for lk in links if lk.kind == "industry-college"})
    return None


def of_type(g: nx.MultiDiGraph, type_: str) -> list[tuple[str, dict]]:
    """(id, data) of the nodes of one type, by id."""
    return sorted((n, d) for n, d in g.nodes(data=True) if d["type"] == type_)


def _evidence(g, node, relation):
    for u, _, e in g.in_edges(node, data=True):
        if e["relation"] == relation:
            return u, e
    return None, None


# ---------------------------------------------------------------- where a document states a number

# A numbered heading at the start of a line: 第一章, 一、, （一）, 1. / 1.2 / 2.1.1. A number followed by a digit, a
# point or a unit (16.3万名, 2003年, 5月12日) starts a line of running text wrapped by the layout, not a heading.
HEADING = re.compile(r"^[ \t\u3000]*((?:第[一二三四五六七八九十百\d]+[章节部分篇]|[一二三四五六七八九十]+、"
                     r"|[（(][一二三四五六七八九十]+[）)]"
                     r"|\d{1,2}(?:\.\d{1,2})*[.．、]?[ \t]*(?![\d.．万亿千百余多%％个所名人年月日元亩倍项家门次期]))"
                     r"\S[^\n]*)", re.M)


def heading_before(text: str, pos: int) -> str:
    """The numbered heading nearest before ``pos`` in a document's text (第一章, 一、, （一）, 1. or 2.1.1 at the start
    of a line), cut at its first 。 where the paragraph runs on in the heading's line (“1.推动纳入省域模式试点。争取…”);
    "" when no heading stands before ``pos``. The news features have none: their subheads are unnumbered lines,
    which plain text does not tell from photo captions."""
    found = ""
    for m in HEADING.finditer(text):
        if m.start() > pos:
            break
        found = m.group(1).split("。")[0].strip()
    return found


class Places:
    """Where a fact's statement stands in its document: position and section (:func:`heading_before`). Each
    document is read once; a graph read from an export has no corpus, and its facts no section."""

    def __init__(self, kg):
        self.kg = kg
        self.docs: dict[str, tuple[str, str, list[int]] | None] = {}

    def _doc(self, doc_id: str):
        if doc_id not in self.docs:
            text = self.kg.document_text(doc_id)
            self.docs[doc_id] = None if text is None else (text, *_compact_with_offsets(text))
        return self.docs[doc_id]

    def of(self, edge: dict | None) -> tuple[int, str]:
        """(position in the document's text, section) of an edge's last quote, the one stating the number: those
        before it give its context (the plan's title, 到2027年…). Each quote is looked for after the one before it,
        whitespace ignored as the loader matches quotes. (-1, "") when the text or the quote is not there."""
        doc = self._doc(edge["source"]) if edge else None
        if doc is None:
            return -1, ""
        text, flat, offsets = doc
        at = 0
        for quote in [edge["quote"]] if isinstance(edge["quote"], str) else edge["quote"]:
            c = compact(quote)
            found = flat.find(c, at)
            at = found if found >= 0 else flat.find(c)  # a context quote may stand after the statement
            if at < 0 or not c:
                return -1, ""
        return offsets[at], heading_before(text, offsets[at])


def _where(row: dict) -> str:
    return f"{row['source']} § {row['section']}" if row["section"] else row["source"]


def restatements(rows: list[dict], id_key: str, measure, figure, stated_at: dict[str, tuple]) -> list[dict]:
    """Rows stating the same measure more than once (``measure(row)``: the subject and the metric or measure
    text), without losing a statement or leaving rows that seem to contradict each other unexplained. Statements
    with the same figure (``figure(row)``: number, range, unit and year or period, as read) become one row, the
    first stated (``stated_at``: id → (source, position)), with every source and section; statements with
    different figures stay apart, each with a note naming the others. Every row gets ``note`` ("" when the
    measure is stated once)."""
    where = {row[id_key]: _where(row) for row in rows}  # before merged rows take several sources
    groups: dict[tuple, dict[str, list[dict]]] = {}
    for row in sorted(rows, key=lambda r: stated_at[r[id_key]]):
        groups.setdefault(measure(row), {}).setdefault(figure(row), []).append(row)
    kept = set()
    for figures in groups.values():
        for fig, same in figures.items():
            first, notes = same[0], []
            if len(same) > 1:
                notes.append(f"同一表述 {len(same)} 次，已合并 stated {len(same)} times, merged: "
                             + "；".join(f"{r['measure']}（{r[id_key]}，{where[r[id_key]]}）" for r in same))
                first["source"] = "、".join(dict.fromkeys(r["source"] for r in same))
                first["section"] = " / ".join(dict.fromkeys(r["section"] for r in same if r["section"]))
            others = [(f, rs[0]) for f, rs in figures.items() if f != fig]
            if others:
                notes.append("同一指标另有表述 also stated as: "
                             + "；".join(f"{where[r[id_key]]} {r['measure']}：{f}" for f, r in others))
            first["note"] = " ".join(notes)
            kept.add(first[id_key])
    return [row for row in rows if row[id_key] in kept]


# ---------------------------------------------------------------- what the documents claim, what plans target

def claims(kg, schools: list[str] | None = None) -> list[dict]:
    """Each reported indicator with a metric, its subject, the section of the document that reports it, and the
    graph's value for the same measure; with ``schools``, only those about one of them (or an area holding one).
    The same measure reported twice for a subject is merged or noted (:func:`restatements`)."""
    g, rows, places, stated_at = kg.graph, [], Places(kg), {}
    for ind, data in of_type(g, "Indicator"):
        if "metric" not in data:
            continue
        subject, edge = _evidence(g, ind, "reportsIndicator")
        if subject is None:
            continue
        scope = _scope_schools(g, subject)
        if schools is not None and not set(scope) & set(schools):
            continue
        pos, section = places.of(edge)
        stated_at[ind] = (edge["source"], pos)
        rows.append({"indicator_id": ind, "subject": name(g, subject), "metric": data["metric"],
                     "measure": data.get("measure"), "reported": data.get("value"), "unit": data.get("unit", ""),
                     "period": data.get("period", ""), "graph": graph_value(g, data["metric"], scope),
                     "schools_in_graph": len(scope), "source": edge["source"], "section": section,
                     "quote": edge["quote"]})
    return restatements(rows, "indicator_id", lambda r: (r["subject"], r["metric"]), reported_text, stated_at)


def reported_text(row: dict) -> str:
    """A reported figure as read: “9700 人（至今（发稿时））”."""
    period = f"（{row['period']}）" if row["period"] else ""
    return f"{cell(row['reported'])} {row['unit']}".strip() + period


COMPARATOR_SIGNS = {">=": "≥ ", "<=": "≤ ", "~": "约 ", "=": "", "range": ""}


def target_text(data: dict) -> str:
    """A target as people read it, with its comparator, range and unit: “10–15 门”, “≥ 80 %”, “约 3 所”."""
    value = cell(data.get("value")) + (f"–{cell(data['valueMax'])}" if data.get("valueMax") is not None else "")
    return f"{COMPARATOR_SIGNS[data.get('comparator', '=')]}{value} {data.get('unit', '')}".strip()


NO_CURRENT = "无：文件未报告，图谱无法计数 none: not reported, not countable from the graph"
# A period a document gives as the present: 至今（发稿时）, 现在（发稿时）; not 去年（发稿前一年）
NOW = re.compile(r"至今|现在|发稿时")


def recency(period: str) -> tuple[bool, int]:
    """How recent a reported figure is, to take the latest: one the document gives as the present first, then by
    the latest year its period names (2024-2025学年度: 2025); a figure without a year last."""
    return bool(NOW.search(period)), max((int(y) for y in re.findall(r"(?:19|20)\d\d", period)), default=0)


def current_value(g: nx.MultiDiGraph, metric: str, subject: str | None, unit: str,
                  indicators: list[tuple[str, dict]]) -> tuple[float | None, str, str]:
    """(value, where from, text) of a target's current figure: the latest indicator a document reports for the
    same metric and subject (where from: its id), else what the graph counts for the metric (“graph”); the text
    gives the figure with its unit and origin in words, or says that there is none."""
    if metric and subject is not None:
        reported = [(i, d, e) for i, d in indicators if d.get("metric") == metric
                    for s, e in [_evidence(g, i, "reportsIndicator")] if s == subject]
        if reported:
            ind, d, e = max(reported, key=lambda r: recency(str(r[1].get("period", ""))))
            period = f"，{d['period']}" if d.get("period") else ""
            return (d.get("value"), ind,
                    f"{cell(d.get('value'))} {d.get('unit', '')}（文件报告 reported: {e['source']}{period}）")
        scope = _scope_schools(g, subject)
        counted = graph_value(g, metric, scope)
        if counted is not None:
            return counted, "graph", f"{cell(counted)} {unit}（图谱计数 graph count over {len(scope)} 所学校 schools）"
    return None, "", NO_CURRENT


def targets(kg, schools: list[str] | None = None) -> list[dict]:
    """Each policy target as read (``target_text``: comparator, range, unit), with its year, the section of the
    document that sets it, and its current value where a document or the graph gives one (``current_text`` says
    so in words either way); with ``schools``, only targets about one of them (or an area holding one). A target
    stated twice is merged or noted (:func:`restatements`)."""
    g, rows, places, stated_at = kg.graph, [], Places(kg), {}
    indicators = of_type(g, "Indicator")
    for tgt, data in of_type(g, "Target"):
        setter, edge = _evidence(g, tgt, "setsTarget")
        about = [v for _, v, e in g.out_edges(tgt, data=True) if e["relation"] == "concerns"]
        subject = about[0] if about else setter
        if schools is not None and not (subject and set(_scope_schools(g, subject)) & set(schools)):
            continue
        metric = data.get("metric") or ""
        current, current_from, current_text = current_value(g, metric, subject, data.get("unit", ""), indicators)
        pos, section = places.of(edge)
        stated_at[tgt] = (edge["source"] if edge else "", pos)
        rows.append({"target_id": tgt, "setter": name(g, setter) if setter else "",
                     "subject": name(g, subject) if subject else "", "measure": data.get("measure"),
                     "comparator": data.get("comparator", ""), "target": data.get("value"),
                     "target_max": data.get("valueMax"), "unit": data.get("unit", ""),
                     "target_text": target_text(data), "target_year": data.get("targetYear"), "metric": metric,
                     "current": current, "current_from": current_from, "current_text": current_text,
                     "source": edge["source"] if edge else "", "section": section})
    return restatements(rows, "target_id", lambda r: (r["subject"], r["metric"] or r["measure"]),
                        lambda r: f"{r['target_text']}（{cell(r['target_year'])} 年）" if r["target_year"]
                        else r["target_text"], stated_at)
