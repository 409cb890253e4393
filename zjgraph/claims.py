"""What the documents claim and what plans target, set against what the graph evidences: the claims and
targets sections of the coverage report (:func:`zjgraph.coverage.coverage`). Each row keeps its source document
and the section that states it; a measure stated twice is merged or explained (:func:`restatements`)."""

from __future__ import annotations

import re

import networkx as nx

from zjgraph.loaders.curated import compact, compact_with_offsets
from zjgraph.loaders.to_networkx import located_in
from zjgraph.output import cell
from zjgraph.queries.links import PARTNER_KINDS, PLANNED, major_cover, name, ties

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


def indicators_by_metric(g: nx.MultiDiGraph) -> dict[str, list[tuple[str, dict]]]:
    """(id, data) of the indicators of each metric, by id: read once per graph, not once per target."""
    found: dict[str, list[tuple[str, dict]]] = {}
    for ind, data in of_type(g, "Indicator"):
        found.setdefault(data.get("metric") or "", []).append((ind, data))
    return found


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


class Passages:
    """Where a fact's statement stands in its document: position and section (:func:`heading_before`). Each
    document is read once; a graph read from an export has no corpus, and its facts no section."""

    def __init__(self, kg):
        self.kg = kg
        self.docs: dict[str, tuple[str, str, list[int]] | None] = {}

    def _doc(self, doc_id: str):
        if doc_id not in self.docs:
            text = self.kg.document_text(doc_id)
            self.docs[doc_id] = None if text is None else (text, *compact_with_offsets(text))
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
    g, rows, passages, stated_at = kg.graph, [], Passages(kg), {}
    for ind, data in of_type(g, "Indicator"):
        if "metric" not in data:
            continue
        subject, edge = _evidence(g, ind, "reportsIndicator")
        if subject is None:
            continue
        scope = _scope_schools(g, subject)
        if schools is not None and not set(scope) & set(schools):
            continue
        pos, section = passages.of(edge)
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
    g, rows, passages, stated_at = kg.graph, [], Passages(kg), {}
    indicators = indicators_by_metric(g)
    for tgt, data in of_type(g, "Target"):
        setter, edge = _evidence(g, tgt, "setsTarget")
        about = [v for _, v, e in g.out_edges(tgt, data=True) if e["relation"] == "concerns"]
        subject = about[0] if about else setter
        if schools is not None and not (subject and set(_scope_schools(g, subject)) & set(schools)):
            continue
        metric = data.get("metric") or ""
        current, current_from, current_text = current_value(g, metric, subject, data.get("unit", ""),
                                                            indicators.get(metric, []))
        pos, section = passages.of(edge)
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
