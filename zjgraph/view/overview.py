"""Draw an :class:`zjgraph.view.aggregate.Aggregate`: groups as nodes sized by their schools and coloured by
coverage, ties between groups as edges as wide as their weight; each group may link to its own page.
"""

from __future__ import annotations

import math
import re

import networkx as nx

from zjgraph.schema import Schema
from zjgraph.view import layout, style
from zjgraph.view.aggregate import GROUP_CLASSES, Aggregate, strongest
from zjgraph.view.render import options, page, shade
from zjgraph.view.select import Selection, select

#: Largest view drawn entity by entity when no --group-by is given; above, an overview is drawn.
#: Measured (benchmarks/bench_view.py): every entity of size S (5,537) makes a 10.6 MB page that takes 7 s
#: to draw one hairball; a page costs about 1.8 KB an entity over 0.7 MB of scripts, so 2,000 entities
#: stay under the 5 MB aim.
AGGREGATE_ABOVE = 2000

#: Most groups whose own pages are written beside an overview (each page carries vis-network, ~0.7 MB).
GROUP_PAGES_MAX = 100

#: Ties drawn per group: its strongest, so that a national overview stays a picture (and under 5 MB).
TIES_PER_GROUP = 6
KIND_LABELS = {"partnerships": "企业合作 partnerships (enterprises partnering both)",
               "order_classes": "订单班 order classes (sponsors in both)",
               "alliances": "联盟 alliances (members in both)"}
BY_LABELS = {"district": "区县 district", "province": "省份 province", "cluster": "产业集群 industry cluster"}


def slug(node_id: str) -> str:
    """A file name for a group's page, from its id (``place:d12`` → ``place-d12``)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", node_id).strip("-") or "group"


def _group_text(schema, agg, gid, command):
    grp = agg.groups[gid]
    lines = [grp.name, f"{style.class_label(schema, GROUP_CLASSES[agg.by])} · {gid}",
             f"学校 schools: {grp.schools} · 本视图中的成员 members in this view: {len(grp.members)}"]
    if grp.coverage is not None:
        lines.append(f"覆盖率 coverage: {grp.coverage:.0f}% of its schools' majors have an explicit partner")
    lines += [f"{KIND_LABELS[k]}: {grp.ties[k]}" for k in KIND_LABELS if grp.ties[k]]
    if command:
        lines.append(f"本组视图 its own view: {command}")
    return "\n".join(lines)


def page_data(g: nx.MultiDiGraph, schema: Schema, agg: Aggregate, links: dict[str, str] | None = None,
              commands: dict[str, str] | None = None) -> dict:
    """The explorer's data (see explorer.js) for ``agg``; ``links`` give groups' pages, ``commands`` the
    command that would write one."""
    links, commands = links or {}, commands or {}
    kept = strongest(agg, TIES_PER_GROUP)
    top = max((grp.schools for grp in agg.groups.values()), default=1) or 1
    heaviest = max((sum(agg.ties[p].values()) for p in kept), default=1)
    shape_graph = nx.Graph()
    shape_graph.add_nodes_from(agg.groups)
    shape_graph.add_edges_from(kept)
    pos = layout.positions(shape_graph, spacing=150.0)  # groups are drawn up to 100 across
    cls = GROUP_CLASSES[agg.by]
    ranked = sorted(agg.groups.values(), key=lambda grp: (-grp.schools, grp.id))
    biggest = {grp.id for grp in ranked[:min(40, max(8, len(agg.groups) // 8))]}
    nodes = []
    for gid, grp in agg.groups.items():
        record = {"id": gid, "label": f"{grp.name}\n{grp.schools} 所学校", "name": grp.name, "type": cls,
                  "typeLabel": style.class_label(schema, cls), "shape": "dot",
                  "color": style.COVERAGE_UNKNOWN if grp.coverage is None else shade(grp.coverage),
                  "size": round(10 + 40 * math.sqrt(grp.schools / top), 1), "borderWidth": 1,
                  "title": _group_text(schema, agg, gid, commands.get(gid)),
                  "x": round(pos[gid][0], 1), "y": round(pos[gid][1], 1)}
        if gid in links:
            record["href"] = links[gid]
        if gid in biggest:
            record["hub"] = True
        nodes.append(record)
    edges = []
    for i, (a, b) in enumerate(kept):
        kinds = agg.ties[(a, b)]
        weight = sum(kinds.values())
        lines = [f"{agg.groups[a].name} — {agg.groups[b].name}: {weight}"]
        lines += [f"{KIND_LABELS[k]}: {kinds[k]}" for k in KIND_LABELS if kinds[k]]
        edges.append({"id": i, "from": a, "to": b, "relation": "ties", "relationLabel": "联系 ties",
                      "color": "#8c8c8c", "width": round(1 + 9 * weight / heaviest, 1), "title": "\n".join(lines),
                      "arrows": {"to": {"enabled": False}}})
    return {"nodes": nodes, "edges": edges, "physics": False, "options": options(False, len(nodes))}


def subtitle(agg: Aggregate, entities: int, schools: int, isolated: int = 0) -> str:
    """What was aggregated, how much is drawn, and what is left out."""
    drawn = len(strongest(agg, TIES_PER_GROUP))
    parts = [f"{entities} entities grouped by {BY_LABELS[agg.by]}: {len(agg.groups)} groups with "
             f"{schools - len(agg.ungrouped_schools)} of {schools} schools",
             f"{drawn} of {len(agg.ties)} ties drawn (each group's {TIES_PER_GROUP} strongest)"]
    if agg.ungrouped_schools:
        parts.append(f"{len(agg.ungrouped_schools)} schools in no {agg.by}")
    if isolated:
        parts.append(f"{isolated} entities with no edge here not counted")
    parts.append("size: schools · colour: coverage · click a group for its view")
    return " · ".join(parts)


def render_overview(g: nx.MultiDiGraph, schema: Schema, agg: Aggregate, *, title: str, subtitle: str,
                    notes=(), links=None, commands=None) -> str:
    """The HTML page of the overview ``agg`` (see :func:`page_data`)."""
    legend = {"groups": f"分组 Groups: {BY_LABELS[agg.by]}", "coverage_unknown": style.COVERAGE_UNKNOWN,
              "shades": [(p, shade(p)) for p in (0, 25, 50, 75, 100)]}
    return page(page_data(g, schema, agg, links, commands), title=title, subtitle=subtitle, notes=notes,
                legend=legend)


def auto_by(g: nx.MultiDiGraph) -> str:
    """district, or province when there are more districts than :data:`GROUP_PAGES_MAX`."""
    districts = sum(1 for _, t in g.nodes(data="type") if t == "District")
    return "district" if districts <= GROUP_PAGES_MAX else "province"


def command(g: nx.MultiDiGraph, agg: Aggregate, gid: str) -> str:
    """The command that writes the view of one group."""
    option = "--focus" if agg.by == "cluster" else "--district"
    return f"zjgraph view {option} {g.nodes[gid]['name']} -o {slug(gid)}.html"


def group_selection(g: nx.MultiDiGraph, schema: Schema, agg: Aggregate, gid: str, types=()) -> Selection:
    """What a group's own page shows: its members (and for a cluster, the cluster) with their neighbours in
    ``g`` (the overview's selection), entities with no edge left out."""
    seeds = {n for n in set(agg.groups[gid].members) | {gid} if n in g}  # the cluster, when its type is drawn
    return select(g, schema, seeds=seeds, depth=1, types=types, isolated=False)
