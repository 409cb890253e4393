"""What changed between two graphs: two data folders or exports, or one graph as of two times.

Entities are matched by id. Facts are matched by what they state, never by their position in a file or their
fact id (``doc:001#3`` names a place in a file): a relation by its subject, relation, object and source
document; an attribute by its entity, attribute and source document. A matched fact whose value, quote,
certainty, rule or time fields differ is *changed*; an unmatched one is *added* or *removed*, or *ended* when the
new graph is one as of a time (:meth:`KnowledgeGraph.as_of`) and the fact's stated end comes before it. Beside the
facts:
each school's and district's coverage (:func:`zjgraph.coverage.coverage`) on both sides, and each policy
target with the latest value reported on both sides.

Target progress (:func:`target_progress`), read on the new side: each target's deadline (its ``target_year``);
its *latest* reported value, from the indicators a document reports for the target's metric and subject, each
dated by its reporting document's period end, or else the document's publication date (the latest date wins;
without a dated one, the current value :func:`zjgraph.claims.targets` gives), in the target's unit (9700 人 is
0.97 万人; a value in another unit is left out); the *gap*, target − latest (a range target's lower end; None
when no value is reported); and the *trend*: with two or more
dated values, the straight line through the first and the last, extrapolated to the end of the deadline year,
``reaches`` when it is at or beyond the target there (at most it for a ``<=`` target, at least it otherwise) and
``falls short`` when not; ``unknown (fewer than two dated values)`` with fewer, or without a deadline.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

import networkx as nx

from zjgraph.cypher.model import quote_text
from zjgraph.output import cell
from zjgraph.time import TIME_FIELDS, fact_span, parse_period, time_label

#: What a fact says beside what it is matched by: a change in one of these makes it *changed*.
DETAILS = ("value", "quote", "certainty", "rule", *TIME_FIELDS)
#: Node attributes computed from others, never stated: not compared.
DERIVED = {"provenance", "industries", "districts"}
#: What the coverage section compares, per school and district.
COUNTS = ("majors_offered", "explicit", "unnamed", "inferred_only", "none", "explicit_percent", "stated_percent",
          "with_inferred_percent")


def diff(old_kg, new_kg) -> dict:
    """The differences from ``old_kg`` to ``new_kg`` (two :class:`~zjgraph.graph.KnowledgeGraph`), as plain data
    (what ``zjgraph diff --format json`` prints): ``summary`` (counts), ``entities``, ``facts``, ``coverage``
    and ``targets``, each a list of rows."""
    entities = entity_changes(old_kg.graph, new_kg.graph)
    facts = fact_changes(old_kg.graph, new_kg.graph)
    cover = coverage_changes(old_kg, new_kg)
    goals = target_progress(old_kg, new_kg)
    summary = {f"{kind}_{change}": sum(1 for r in rows if r["change"] == change)
               for kind, rows in (("entities", entities), ("facts", facts))
               for change in ("added", "removed", "changed", *(["ended"] if kind == "facts" else []))}
    return {"summary": summary, "entities": entities, "facts": facts, "coverage": cover, "targets": goals}


def stated_attributes(g: nx.MultiDiGraph, node: str) -> dict:
    """An entity's own attributes (name, type, aliases, registry values), without those facts give (compared as
    facts) and those derived from others."""
    data = g.nodes[node]
    return {k: v for k, v in data.items() if k not in DERIVED and k not in data.get("provenance", {})}


def entity_changes(old: nx.MultiDiGraph, new: nx.MultiDiGraph) -> list[dict]:
    """Entities added, removed or changed (an own attribute differs, see :func:`stated_attributes`), by id; a
    changed one lists the attributes that differ, with their values before and after."""
    rows = []
    for node in sorted(set(old) | set(new)):
        side = new if node in new else old
        row = {"id": node, "type": side.nodes[node]["type"], "name": side.nodes[node].get("name") or node}
        if node not in old:
            rows.append({**row, "change": "added", "fields": "", "before": "", "after": ""})
        elif node not in new:
            rows.append({**row, "change": "removed", "fields": "", "before": "", "after": ""})
        else:
            a, b = stated_attributes(old, node), stated_attributes(new, node)
            fields = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            if fields:
                rows.append({**row, "change": "changed", "fields": "、".join(fields),
                             "before": _values(a, fields), "after": _values(b, fields)})
    return rows


def _values(attributes: dict, fields: list[str]) -> str:
    """``field=value`` of each of ``fields`` (``–`` where not set), separated by ``; ``."""
    return "; ".join(f"{k}={cell(attributes.get(k)) or '–'}" for k in fields)


def fact_records(g: nx.MultiDiGraph) -> dict[tuple, list[dict]]:
    """Every fact of ``g`` under the key it is matched by, (subject, relation or attribute, object or "",
    source), with its details (:data:`DETAILS`); relations have no value, attributes no object."""
    out: dict[tuple, list[dict]] = defaultdict(list)
    for u, v, e in g.edges(data=True):
        out[(u, e["relation"], v, e.get("source") or "")].append(_details(e))
    for node, data in g.nodes(data=True):
        for attr, evidence in data.get("provenance", {}).items():
            for ev in evidence:
                out[(node, attr, "", ev.get("source") or "")].append(_details(ev))
    return out


def _details(fact: dict) -> dict:
    """A fact's details (:data:`DETAILS`), its quotes as one string."""
    return {k: quote_text(fact) if k == "quote" else fact.get(k) for k in DETAILS}


def _order(details: dict) -> tuple:
    return tuple(str(details.get(k) or "") for k in DETAILS)


def fact_changes(old: nx.MultiDiGraph, new: nx.MultiDiGraph) -> list[dict]:
    """Facts added, removed and changed (see the module docstring). When one document states the same thing
    several times, the statements are paired in order of their details; those left over are added or removed."""
    before, after = fact_records(old), fact_records(new)
    rows = []
    for key in sorted(set(before) | set(after)):
        a = sorted(before.get(key, []), key=_order)
        b = sorted(after.get(key, []), key=_order)
        same = [d for d in a if d in b]
        for d in same:
            a.remove(d)
            b.remove(d)
        for x, y in zip(a, b):
            rows.append(_fact_row(old, new, key, "changed", x, y))
        rows += [_fact_row(old, new, key, "ended" if _ended(x, new) else "removed", x, None) for x in a[len(b):]]
        rows += [_fact_row(old, new, key, "added", None, y) for y in b[len(a):]]
    return rows


def _ended(details: dict, new: nx.MultiDiGraph) -> bool:
    """Whether a fact missing from ``new`` is missing because its stated end comes before the time ``new`` is
    a graph as of (not because the data no longer has it)."""
    end = fact_span(details)[1]
    return bool(end and new.graph.get("as_of")) and end.isoformat() < new.graph["as_of"][0]


def _label(old, new, node: str) -> str:
    for g in (new, old):
        if node in g:
            return g.nodes[node].get("name") or node
    return node


def _fact_row(old, new, key: tuple, change: str, was: dict | None, now: dict | None) -> dict:
    """One row of the facts section: what the fact states, and its details before (``was``) and after."""
    subject, relation, obj, source = key
    shown = now or was
    fields = sorted(k for k in DETAILS if was and now and was.get(k) != now.get(k))
    return {"change": change, "subject_id": subject, "subject": _label(old, new, subject), "relation": relation,
            "object_id": obj, "object": _label(old, new, obj) if obj else "", "source": source,
            "fields": "、".join(fields),
            "before": _details_text(was, fields) if was else "", "after": _details_text(now, fields) if now else "",
            "quote": shown.get("quote") or ""}


def _details_text(details: dict, fields: list[str]) -> str:
    """The details a reader needs, as ``field=value`` separated by ``; ``: those that changed, or for an added or
    removed fact its value, a certainty other than stated and its time (:func:`zjgraph.time.time_label`)."""
    if fields:
        return "; ".join(f"{k}={details[k] if details.get(k) is not None else '–'}" for k in fields if k != "quote")
    parts = [f"value={details['value']}" if details.get("value") not in (None, "") else "",
             f"certainty={details['certainty']}" if details.get("certainty") not in (None, "stated") else "",
             time_label(details)]
    return "; ".join(p for p in parts if p)


def coverage_changes(old_kg, new_kg) -> list[dict]:
    """Each school's and district's coverage on both sides (zjgraph.coverage.coverage, no filter), with the
    change of each count and share; a scope on one side only has blanks on the other."""
    from zjgraph.coverage import coverage

    sides = [coverage(old_kg), coverage(new_kg)]
    rows = []
    for scope in ("schools", "districts"):
        by_id = [{r["id"]: r for r in side[scope]} for side in sides]
        for ident in sorted(set(by_id[0]) | set(by_id[1])):
            a, b = by_id[0].get(ident, {}), by_id[1].get(ident, {})
            row = {"scope": scope[:-1] if scope == "schools" else "district", "id": ident,
                   "name": (b or a)["name"]}
            for count in COUNTS:
                x, y = a.get(count), b.get(count)
                row[f"{count}_before"], row[f"{count}_after"] = x, y
                row[f"{count}_change"] = round(y - x, 1) if x is not None and y is not None else None
            rows.append(row)
    return rows


def target_progress(old_kg, new_kg) -> list[dict]:
    """Each policy target (by id) on either side: its target value and year, and the latest value reported for
    it on each side (:func:`zjgraph.claims.targets`' current value and its text)."""
    from zjgraph.claims import indicators_by_metric, targets

    sides = [{t["target_id"]: t for t in targets(kg)} for kg in (old_kg, new_kg)]
    indicators = [indicators_by_metric(kg.graph) for kg in (old_kg, new_kg)]
    rows = []
    for ident in sorted(set(sides[0]) | set(sides[1])):
        a, b = sides[0].get(ident, {}), sides[1].get(ident, {})
        t = b or a
        rows.append({"target_id": ident, "subject": t["subject"], "measure": t["measure"],
                     "target_text": t["target_text"], "target_year": t["target_year"],
                     "current_before": a.get("current"), "current_after": b.get("current"),
                     "current_text_before": a.get("current_text", ""),
                     "current_text_after": b.get("current_text", ""),
                     "change": "added" if not a else "removed" if not b else
                     "changed" if a.get("current") != b.get("current") else "",
                     **progress(new_kg if b else old_kg, ident, t, indicators[1 if b else 0])})
    return rows


UNKNOWN = "unknown (fewer than two dated values)"


def reported_values(g: nx.MultiDiGraph, target: str,
                    indicators: dict[str, list[tuple[str, dict]]]) -> list[tuple[str, float]]:
    """The values documents report for a target's metric and subject (the target's ``concerns``, else who sets
    it), each with its date (ISO): the reporting document's period end, or else its publication date; in the
    target's unit (:func:`in_unit`), sorted by date. Values without a date, or not a number in the target's unit,
    are left out. ``indicators``: :func:`zjgraph.claims.indicators_by_metric` of ``g``."""
    from zjgraph.claims import _evidence

    metric, unit = g.nodes[target].get("metric"), g.nodes[target].get("unit", "")
    about = [v for _, v, e in g.out_edges(target, data=True) if e["relation"] == "concerns"]
    subject = about[0] if about else _evidence(g, target, "setsTarget")[0]
    if not metric or subject is None:
        return []
    documents, out = g.graph.get("documents", {}), []
    for node, data in indicators.get(metric, []):
        for u, _, e in g.in_edges(node, data=True):
            if e["relation"] != "reportsIndicator" or u != subject:
                continue
            doc = documents.get(e.get("source") or "", {})
            try:
                when = parse_period(doc["period"])[1].isoformat() if doc.get("period") else doc.get("date")
            except ValueError:
                when = doc.get("date")
            value = in_unit(data.get("value"), data.get("unit", ""), unit)
            if when and value is not None:
                out.append((str(when), value))
    return sorted(out)


#: Chinese number words a unit may start with, and what they multiply by: 万人 is 10000 人.
SCALES = {"亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4, "千": 10**3}


def in_unit(value, unit: str, target_unit: str) -> float | None:
    """``value`` in ``unit`` expressed in ``target_unit`` (9700 人 is 0.97 万人); None when it is not a number or
    the units differ by more than a scale word (:data:`SCALES`)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None

    def split(u: str) -> tuple[int, str]:
        u = (u or "").strip()
        for word, factor in SCALES.items():
            if u.startswith(word) and len(u) > len(word):
                return factor, u[len(word):]
        return 1, u

    (a, base), (b, target_base) = split(unit), split(target_unit)
    if base != target_base:
        return None
    return value if a == b else round(value * a / b, 6)


def progress(kg, target: str, row: dict, indicators: dict[str, list[tuple[str, dict]]]) -> dict:
    """A target's ``deadline``, ``latest`` value and its ``latest_date``, ``gap`` and ``trend`` (the rule is in
    the module docstring); ``indicators`` as for :func:`reported_values`."""
    g = kg.graph
    data = g.nodes[target] if target in g else {}
    goal, deadline = data.get("value"), row.get("target_year")
    values = reported_values(g, target, indicators) if target in g else []
    if values:
        latest_date, latest = values[-1]
    else:  # the current value targets() gives: a reported indicator's, in its unit, or the graph's count
        source = row.get("current_from") or ""
        latest_date = ""
        latest = in_unit(row.get("current"), g.nodes[source].get("unit", "") if source in g else data.get("unit", ""),
                         data.get("unit", ""))
    numeric = isinstance(goal, (int, float)) and isinstance(latest, (int, float))
    gap = round(goal - latest, 6) if numeric else None
    trend = UNKNOWN
    if len(values) >= 2 and isinstance(goal, (int, float)) and deadline:
        (d0, v0), (d1, v1) = values[0], values[-1]
        x0, x1 = (datetime.date.fromisoformat(d).toordinal() for d in (d0, d1))
        if x1 > x0:
            end = parse_period(str(deadline))[1].toordinal()
            projected = v0 + (v1 - v0) * (end - x0) / (x1 - x0)
            below = data.get("comparator") == "<="
            trend = "reaches" if (projected <= goal if below else projected >= goal) else "falls short"
    return {"deadline": deadline, "latest": latest, "latest_date": latest_date, "gap": gap, "trend": trend}
