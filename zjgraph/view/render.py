"""Turn a selected subgraph into one standalone, offline HTML page (pyvis data, vis-network drawing).

pyvis builds the node and edge records; the page itself comes from our template (``page.html``), not
pyvis's: pyvis's template loads Bootstrap from a CDN in every mode, prints the heading unescaped and, when
any tooltip contains "href", switches to an ``innerHTML`` popup. Ours inlines the vis-network script and
stylesheet that pyvis ships, escapes every text it prints, and embeds the data as JSON that cannot close
its ``<script>``. Nothing on the page makes a request.
"""

from __future__ import annotations

import json
from collections import Counter
from importlib.resources import files

import networkx as nx

from zjgraph.schema import Schema
from zjgraph.view import layout, style, tooltip
from zjgraph.view.coverage import Coverage

VIS_VERSION = "9.1.2"

#: Views with at most this many edges get the relation written on each edge (colours are always there).
EDGE_LABELS_MAX_EDGES = 150


def require() -> None:
    """Raise ImportError saying how to install the drawing libraries when they are missing."""
    try:
        import igraph  # noqa: F401
        import pyvis  # noqa: F401
    except ImportError as err:
        raise ImportError(f'zjgraph views need pyvis and igraph ({err.name} is missing): '
                          f'pip install pyvis igraph (dependencies of zjgraph)') from err


def _wrap(name: str, width: int = 10) -> str:
    """Break a long label every ``width`` characters (Chinese names have no spaces for vis to break at)."""
    return "\n".join(name[i:i + width] for i in range(0, len(name), width))


def _shade(percent: float) -> str:
    """Red (0 %) through amber to green (100 %)."""
    stops = [(0.0, (214, 39, 40)), (50.0, (253, 174, 107)), (100.0, (44, 160, 44))]
    p = min(max(percent, 0.0), 100.0)
    (p0, c0), (p1, c1) = (stops[0], stops[1]) if p <= 50 else (stops[1], stops[2])
    t = (p - p0) / (p1 - p0)
    return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(c0, c1))


def _coverage_look(view, n: str, d: dict, coverage: Coverage) -> dict:
    """What coverage changes on a node: schools shaded by percentage, majors lacking a partner in red."""
    if n in coverage.percent:
        pct = coverage.percent[n]
        counts = Counter(st for (s, _), st in coverage.status.items() if s == n)
        return {"color": _shade(pct), "size": 24, "suffix": f"\n{pct:.0f}%",
                "extra": [f"覆盖率 coverage: {pct:.0f}% (专业 majors: {counts['explicit']} explicit, "
                          f"{counts['inferred']} inferred, {counts['none']} none)"]}
    if d["type"] == "School":
        return {"color": style.COVERAGE_UNKNOWN, "extra": ["覆盖率 coverage: 无专业记录 no major recorded"]}
    lacking = sorted(s for (s, m), st in coverage.status.items() if m == n and st == "none" and s in view)
    if lacking:
        return {"color": style.COVERAGE_COLORS["none"], "size": 20, "border": 3,
                "extra": ["无企业合作 no enterprise partner at: " + "、".join(view.nodes[s]["name"] for s in lacking)]}
    return {}


def _node_records(view, schema, context, seeds, coverage, pos):
    for n, d in view.nodes(data=True):
        look = style.look(schema, d["type"])
        cov = _coverage_look(view, n, d, coverage) if coverage is not None else {}
        size, border = cov.get("size", 14), cov.get("border", 1)
        if n in seeds:
            size, border = size + 10, 3
        record = {"n_id": n, "label": _wrap(d["name"]) + cov.get("suffix", ""), "shape": look.shape,
                  "title": tooltip.node_text(context, schema, n, cov.get("extra", [])),
                  "color": cov.get("color", look.color), "size": size, "borderWidth": border}
        if pos is not None:
            record["x"], record["y"] = pos[n]
        yield record


def _edge_records(view, schema, context, coverage, labelled):
    merged: dict[tuple[str, str, str], list[dict]] = {}
    for u, v, e in view.edges(data=True):
        merged.setdefault((u, v, e["relation"]), []).append(e)
    for (u, v, rel), facts in merged.items():
        record = {"title": tooltip.edge_text(context, schema, u, v, facts), "color": style.relation_color(rel),
                  "relation": rel}
        if labelled:
            record["label"] = schema.properties[rel].label_zh if rel in schema.properties else rel
        if all(f["certainty"] != "stated" for f in facts):
            record["dashes"] = True  # inferred or ambiguous: no document states it in so many words
        if coverage is not None and rel == "offersMajor" and (u, v) in coverage.status:
            record["color"] = style.COVERAGE_COLORS[coverage.status[(u, v)]]
            record["width"] = 3
        yield u, v, record


def options(physics: bool, n_nodes: int) -> dict:
    """vis-network options: Chinese-capable fonts; physics that settles then stops, or none at all."""
    opts = {
        "nodes": {"font": {"face": style.FONT_STACK, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "color": {"inherit": False},
                  "font": {"face": style.FONT_STACK, "size": 10, "align": "middle", "strokeWidth": 3},
                  "smooth": {"type": "continuous"} if physics else False, "width": 1.2},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_nodes > 1000},
        "layout": {"improvedLayout": n_nodes <= 100, "randomSeed": 1},
    }
    if physics:
        opts["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                           "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 90, "avoidOverlap": 0.4},
                           "minVelocity": 1.0,
                           "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 25, "fit": True}}
    else:
        opts["physics"] = {"enabled": False}
    return opts


def _legend(view, schema, coverage):
    # Most frequent first: the legend's top lines explain most of the picture.
    types = [t for t, _ in Counter(d["type"] for _, d in view.nodes(data=True)).most_common()]
    relations = [r for r, _ in Counter(r for *_, r in view.edges(data="relation")).most_common()]
    return {
        "classes": [{"label": style.class_label(schema, t), **vars(style.look(schema, t))} for t in types],
        "relations": [{"label": style.relation_label(schema, r), "color": style.relation_color(r)} for r in relations],
        "coverage": coverage is not None,
        "coverage_colors": style.COVERAGE_COLORS,
        "coverage_unknown": style.COVERAGE_UNKNOWN,
        "shades": [(p, _shade(p)) for p in (0, 25, 50, 75, 100)],
    }


def _script_json(obj) -> str:
    """JSON safe inside an HTML ``<script>``: no ``<``, ``>`` or ``&`` can end the script or start a tag."""
    text = json.dumps(obj, ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _vis_assets() -> tuple[str, str]:
    lib = files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError("the bundled vis-network cannot be inlined: it contains a closing tag")
    return js, css


def headings(context: nx.MultiDiGraph, schema: Schema, view: nx.MultiDiGraph, *, seeds=(), place=None, depth=1,
             types=(), relations=(), coverage=False, title=None) -> tuple[str, str]:
    """The page's title (what the view is centred on) and subtitle (counts, filters, sources)."""
    scope = [context.nodes[s]["name"] for s in sorted(seeds)] if seeds and not place else []
    if place:
        scope.append(context.nodes[place]["name"])
    if not title:
        title = ("专业合作覆盖 Coverage · " if coverage else "") + (
            f"{'、'.join(scope[:4])}{' …' if len(scope) > 4 else ''} (depth {depth})" if scope else "全图 Whole graph")
    parts = [f"{view.number_of_nodes()} entities, {view.number_of_edges()} facts"]
    if types:
        parts.append("类型 types: " + "、".join(style.class_label(schema, t) for t in types))
    if relations:
        parts.append("关系 relations: " + "、".join(style.relation_label(schema, r) for r in relations))
    parts.append(f"{len(context.graph.get('documents', {}))} source documents · zjgraph")
    return title, " · ".join(parts)


def render_html(view: nx.MultiDiGraph, schema: Schema, *, title: str, subtitle: str = "", notes=(),
                seeds=(), coverage: Coverage | None = None, layout_mode: str = "auto",
                context: nx.MultiDiGraph | None = None) -> str:
    """The HTML page drawing ``view``.

    ``context`` is the whole graph the view was cut from (for names and document titles in tooltips;
    default ``view``). ``seeds`` are drawn larger. ``layout_mode`` is auto (browser physics up to
    :data:`zjgraph.view.layout.BROWSER_PHYSICS_MAX_NODES` nodes, computed here above), physics or python.
    """
    require()
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup
    from pyvis.network import Network

    context = view if context is None else context
    physics = layout.uses_browser_physics(view.number_of_nodes(), layout_mode)
    pos = None if physics else layout.positions(view)
    net = Network(directed=True, cdn_resources="in_line")
    for record in _node_records(view, schema, context, set(seeds), coverage, pos):
        net.add_node(**record)
    labelled = view.number_of_edges() <= EDGE_LABELS_MAX_EDGES
    for u, v, record in _edge_records(view, schema, context, coverage, labelled):
        net.add_edge(u, v, **record)
    nodes, edges, *_ = net.get_network_data()
    js, css = _vis_assets()
    env = Environment(loader=PackageLoader("zjgraph.view", "."), autoescape=select_autoescape(default=True))
    return env.get_template("page.html").render(
        title=title, subtitle=subtitle, notes=list(notes), legend=_legend(view, schema, coverage),
        font_stack=style.FONT_STACK, physics=physics, vis_js=Markup(js), vis_css=Markup(css),
        nodes_json=Markup(_script_json(nodes)), edges_json=Markup(_script_json(edges)),
        options_json=Markup(_script_json(options(physics, view.number_of_nodes()))),
    )
