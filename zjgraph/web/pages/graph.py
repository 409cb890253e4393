"""Graph: the explorer of :mod:`zjgraph.view` (``explorer.js`` on vis-network, the copy pyvis ships and
``zjgraph view`` inlines) around a focus, with its neighbours fetched on demand.

Indicators and targets are left out until asked for (``?indicators=1``): hundreds of numbers would hide the
ecosystem. Without a focus the whole graph is drawn when it is small; a larger one opens on its best-connected
school.
"""

from __future__ import annotations

from importlib.resources import files

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from zjgraph.view import render, select
from zjgraph.web.respond import answer, json_response, kept, not_found, problem, split_format
from zjgraph.web.state import version

NUMBERS = ("Indicator", "Target")
#: Entities drawn at most without a focus; above, the page opens on the best-connected school instead.
WHOLE_GRAPH_MAX = 800
MAX_DEPTH = 3
ASSETS = {
    "vis-network.min.js": ("application/javascript", lambda: render._vis_assets()[0]),  # noqa: SLF001
    "vis-network.css": ("text/css", lambda: render._vis_assets()[1]),  # noqa: SLF001
    "explorer.js": ("application/javascript", lambda: (files("zjgraph.view") / "explorer.js").read_text("utf-8")),
    "explorer.css": ("text/css", lambda: (files("zjgraph.view") / "explorer.css").read_text("utf-8")),
}


def types_shown(kg, indicators: bool) -> list[str]:
    """Every entity class, without indicators and targets unless they are asked for ([] means all)."""
    return [] if indicators else sorted(c for c in kg.schema.entity_classes() if c not in NUMBERS)


def best_school(g) -> str | None:
    schools = [n for n, d in g.nodes(data=True) if d["type"] == "School"]
    return max(schools, key=lambda n: (g.degree(n), n), default=None)


@kept
def graph_page(request: Request):
    fmt = split_format(request.url.path)[1]
    v = version(request)
    kg = v.kg
    q = request.query_params
    indicators = q.get("indicators") == "1"
    try:
        depth = min(MAX_DEPTH, max(0, int(q.get("depth", "1"))))
    except ValueError:
        return problem(request, 400, "深度 Depth", f"depth must be a whole number, not “{q.get('depth')}”")
    focus = q.get("focus", "")
    note = ""
    if focus:
        if focus not in kg.graph:
            hits = kg.search(focus, limit=1)
            if not hits:
                return not_found(request, f"no entity is named “{focus}”; search for part of the name.")
            focus = hits[0].id
    elif kg.graph.number_of_nodes() > WHOLE_GRAPH_MAX:
        focus = best_school(kg.graph) or ""
        note = (f"图太大，先显示连接最多的学校 The graph is too large to draw whole ({kg.graph.number_of_nodes()} "
                "entities): it opens on the best-connected school; search to move.")
    part = select(kg.graph, kg.schema, seeds=[focus] if focus else [], depth=depth,
                  types=types_shown(kg, indicators))
    data = render.explorer_data(part.graph, kg.schema, seeds=part.seeds, context=kg.graph)
    data["neighbours"] = "/graph/neighbours.json?id={id}" + ("&indicators=1" if indicators else "")
    if fmt == "json":
        return json_response(data)
    return answer(request, "html", "graph.html", data=data, kg=kg, focus=focus, depth=depth, note=note,
                  indicators=indicators, counts=(part.graph.number_of_nodes(), part.graph.number_of_edges()))


def neighbours(request: Request):
    """The entity ``id`` and its neighbours, in the explorer's data form (for its "expand neighbours")."""
    kg = version(request).kg
    node = request.query_params.get("id", "")
    if node not in kg.graph:
        return json_response({"error": f"no entity has the id “{node}”"}, 404)
    part = select(kg.graph, kg.schema, seeds=[node], depth=1,
                  types=types_shown(kg, request.query_params.get("indicators") == "1"))
    data = render.explorer_data(part.graph, kg.schema, seeds=[node], layout_mode="physics", context=kg.graph)
    return json_response({"nodes": data["nodes"], "edges": data["edges"]})


def asset(request: Request):
    """The explorer's and vis-network's files, from the packages that ship them (not copied into this one)."""
    name = request.path_params["name"]
    if name not in ASSETS:
        return not_found(request, "no such file")
    media, read = ASSETS[name]
    return Response(read(), media_type=f"{media}; charset=utf-8", headers={"Cache-Control": "max-age=3600"})


routes = [Route("/graph", graph_page), Route("/graph.json", graph_page),
          Route("/graph/neighbours.json", neighbours), Route("/assets/{name}", asset)]
