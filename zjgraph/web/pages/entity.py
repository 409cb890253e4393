"""Entity: what ``zjgraph show`` prints, with every quote linked to its passage and a drawing of the neighbours."""

from __future__ import annotations

import math
from itertools import groupby

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from zjgraph.resolve import Ambiguous, NotFound
from zjgraph.view import style
from zjgraph.web.respond import answer, kept, problem, split_format
from zjgraph.web.state import version

#: Neighbours drawn around an entity; the relation lists below the drawing hold them all.
DRAWN_NEIGHBOURS = 24


def fact_anchor(fact: str) -> str:
    """The id of a fact's highlight on its document's page: ``fact-5`` for ``doc:002#5``."""
    return "fact-" + fact.rpartition("#")[2]


def neighbour_drawing(kg, info: dict) -> dict:
    """An SVG-ready star: the entity in the middle, up to :data:`DRAWN_NEIGHBOURS` neighbours around it,
    one line per (neighbour, relation) coloured by relation."""
    others = list(dict.fromkeys(r["other"]["id"] for r in info["relations"]))
    shown = others[:DRAWN_NEIGHBOURS]
    size, radius = 520, 150
    centre = {"id": info["id"], "name": info["name"], "x": size / 2, "y": size / 2,
              "color": style.look(kg.schema, info["type"]).color}
    nodes = {}
    for i, other in enumerate(shown):
        angle = 2 * math.pi * i / max(len(shown), 1) - math.pi / 2
        data = kg.graph.nodes[other]
        cos, sin = math.cos(angle), math.sin(angle)
        # The label continues outwards from the dot, so labels around the circle do not run into each other.
        nodes[other] = {"id": other, "name": data["name"], "x": round(size / 2 + radius * cos, 1),
                        "y": round(size / 2 + radius * sin, 1), "lx": round(size / 2 + (radius + 14) * cos, 1),
                        "ly": round(size / 2 + (radius + 14) * sin + 4, 1),
                        "anchor": "start" if cos > 0.2 else "end" if cos < -0.2 else "middle",
                        "color": style.look(kg.schema, data["type"]).color}
    lines = {(r["other"]["id"], r["relation"]) for r in info["relations"] if r["other"]["id"] in nodes}
    return {"size": size, "centre": centre, "nodes": list(nodes.values()), "hidden": len(others) - len(shown),
            "lines": [{"to": nodes[o], "color": style.relation_color(rel), "label": kg.schema.properties[rel].label_zh}
                      for o, rel in sorted(lines)]}


@kept
def entity_page(request: Request):
    name, fmt = split_format(request.path_params["name"])
    kg = version(request).kg
    if name not in kg.graph:
        try:
            node = kg.resolve(name)
        except NotFound as nf:
            hint = [f"{h.name} ({h.type}, {h.id})" for h in nf.suggestions]
            return problem(request, 404, "找不到 Not found", f"no entity is named “{name}”.", hint)
        except Ambiguous as amb:
            options = [f"{kg.label(t)} ({t}) in {d}" for t, d in amb.candidates]
            return problem(request, 409, "有歧义 Ambiguous",
                           f"“{name}” means different entities in different documents; use a full name or id:", options)
        suffix = "" if fmt == "html" else f".{fmt}"
        return RedirectResponse(request.url_for("entity", name=node + suffix), status_code=303)
    info = kg.describe(name)
    groups = [(key, list(items)) for key, items in
              groupby(info["relations"], key=lambda r: (r["direction"], r["relation"], r["relation_zh"]))]
    return answer(request, fmt, "entity.html", data=info, kg=kg, groups=groups, anchor=fact_anchor,
                  drawing=neighbour_drawing(kg, info),
                  labels={a: kg.schema.properties[a].label_zh for a in info["attributes"]})


routes = [Route("/entity/{name}", entity_page, name="entity")]
