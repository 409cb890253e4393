"""Turn a selected subgraph into one standalone, offline HTML page: the explorer (``explorer.js``) on
vis-network.

The vis-network script and stylesheet come from the pyvis package, which ships them; the page is our
template (``page.html``), not pyvis's: pyvis's template loads Bootstrap from a CDN in every mode, prints the
heading unescaped and, when any tooltip contains "href", switches to an ``innerHTML`` popup. Ours inlines
vis-network and the explorer, escapes every text it prints, and embeds the data as JSON that cannot close
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


def shade(percent: float) -> str:
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
        return {"color": shade(pct), "size": 24, "suffix": f"\n{pct:.0f}%",
                "extra": [f"覆盖率 coverage: {pct:.0f}% (专业 majors: {counts['explicit']} explicit, "
                          f"{counts['unnamed']} unnamed, {counts['inferred']} inferred, {counts['none']} none)"]}
    if d["type"] == "School":
        return {"color": style.COVERAGE_UNKNOWN, "extra": ["覆盖率 coverage: 无专业记录 no major recorded"]}
    lacking = sorted(s for (s, m), st in coverage.status.items() if m == n and st == "none" and s in view)
    if lacking:
        return {"color": style.COVERAGE_COLORS["none"], "size": 20, "border": 3,
                "extra": ["无企业合作 no enterprise partner at: " + "、".join(view.nodes[s]["name"] for s in lacking)]}
    return {}


def hubs(view, limit: int | None = None) -> set[str]:
    """The best-connected nodes of ``view``, whose labels stay readable at every zoom: about one in fifty,
    at least 8 and at most 40 (``limit`` overrides), among nodes with more than one neighbour."""
    n = view.number_of_nodes()
    limit = limit if limit is not None else min(40, max(8, n // 50))
    ranked = sorted(((len(set(nx.all_neighbors(view, v))), v) for v in view), key=lambda p: (-p[0], p[1]))
    return {v for degree, v in ranked[:limit] if degree > 1}


def _node_records(view, schema, context, seeds, coverage, pos):
    hub = hubs(view)
    for n, d in view.nodes(data=True):
        look = style.look(schema, d["type"])
        cov = _coverage_look(view, n, d, coverage) if coverage is not None else {}
        size, border = cov.get("size", 14), cov.get("border", 1)
        if n in seeds:
            size, border = size + 10, 3
        if n in hub:
            size += 6
        record = {"id": n, "label": _wrap(d["name"]) + cov.get("suffix", ""), "name": d["name"],
                  "type": d["type"], "typeLabel": style.class_label(schema, d["type"]), "shape": look.shape,
                  "title": tooltip.node_text(context, schema, n, cov.get("extra", [])),
                  "color": cov.get("color", look.color), "size": size, "borderWidth": border}
        if d.get("aliases"):
            record["search"] = " ".join(d["aliases"])
        if n in hub:
            record["hub"] = True
        if pos is not None:
            record["x"], record["y"] = (round(c, 1) for c in pos[n])
        yield record


def _edge_records(view, schema, context, coverage, labelled):
    merged: dict[tuple[str, str, str], list[dict]] = {}
    for u, v, e in view.edges(data=True):
        merged.setdefault((u, v, e["relation"]), []).append(e)
    for i, ((u, v, rel), facts) in enumerate(merged.items()):
        record = {"id": i, "from": u, "to": v, "relation": rel, "relationLabel": style.relation_label(schema, rel),
                  "title": tooltip.edge_text(context, schema, u, v, facts), "color": style.relation_color(rel)}
        if labelled:
            record["label"] = schema.properties[rel].label_zh if rel in schema.properties else rel
        if all(f["certainty"] != "stated" for f in facts):
            record["dashes"] = True  # inferred or ambiguous: no document states it in so many words
        if coverage is not None and rel == "offersMajor" and (u, v) in coverage.status:
            record["color"] = style.COVERAGE_COLORS[coverage.status[(u, v)]]
            record["width"] = 3
        yield record


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
                           "stabilization": {"enabled": False}}  # drawn at once from Python's layout, then relaxing
    else:
        opts["physics"] = {"enabled": False}
    return opts


def _legend(coverage):
    return {"coverage": coverage is not None, "coverage_colors": style.COVERAGE_COLORS,
            "coverage_unknown": style.COVERAGE_UNKNOWN, "shades": [(p, shade(p)) for p in (0, 25, 50, 75, 100)]}


def _script_json(obj) -> str:
    """JSON safe inside an HTML ``<script>``: no ``<``, ``>`` or ``&`` can end the script or start a tag."""
    text = json.dumps(obj, ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _inlinable(name: str, text: str) -> str:
    if "</script" in text.lower() or "</style" in text.lower():
        raise RuntimeError(f"{name} cannot be inlined: it contains a closing tag")
    return text


def _vis_assets() -> tuple[str, str]:
    lib = files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}"
    return tuple(_inlinable(name, (lib / name).read_text(encoding="utf-8"))
                 for name in ("vis-network.min.js", "vis-network.css"))


def _asset(name: str) -> str:
    """One of the explorer's files shipped in this package (also served by the web application)."""
    return _inlinable(name, (files("zjgraph.view") / name).read_text(encoding="utf-8"))


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
    Disconnected parts are packed side by side; the best-connected nodes keep their labels at every zoom.
    """
    require()
    return page(explorer_data(view, schema, seeds=seeds, coverage=coverage, layout_mode=layout_mode, context=context),
                title=title, subtitle=subtitle, notes=notes, legend=_legend(coverage))


def explorer_data(view: nx.MultiDiGraph, schema: Schema, *, seeds=(), coverage: Coverage | None = None,
                  layout_mode: str = "auto", context: nx.MultiDiGraph | None = None) -> dict:
    """The data ``explorer.js`` draws (see its data contract) for ``view``; arguments as for :func:`render_html`.
    Needs igraph only when the layout is computed here."""
    context = view if context is None else context
    physics = layout.uses_browser_physics(view.number_of_nodes(), layout_mode)
    pos = layout.positions(view)  # physics, when it runs, starts from the packed components
    nodes = list(_node_records(view, schema, context, set(seeds), coverage, pos))
    labelled = view.number_of_edges() <= EDGE_LABELS_MAX_EDGES
    edges = list(_edge_records(view, schema, context, coverage, labelled))
    return {"nodes": nodes, "edges": edges, "physics": physics, "options": options(physics, view.number_of_nodes())}


def page(data: dict, *, title: str, subtitle: str = "", notes=(), legend: dict | None = None) -> str:
    """One standalone page: the explorer (``explorer.js``, see its data contract) drawing ``data``."""
    require()
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    js, css = _vis_assets()
    explorer_js, explorer_css = (_asset(name) for name in ("explorer.js", "explorer.css"))
    env = Environment(loader=PackageLoader("zjgraph.view", "."), autoescape=select_autoescape(default=True))
    return env.get_template("page.html").render(
        title=title, subtitle=subtitle, notes=list(notes), legend=legend or {}, font_stack=style.FONT_STACK,
        vis_js=Markup(js), vis_css=Markup(css), explorer_js=Markup(explorer_js), explorer_css=Markup(explorer_css),
        data_json=Markup(_script_json(data)))
