"""Graph: placeholder until the explorer lands (see the report)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from zjgraph.web.respond import html


def graph_page(request: Request):
    return html(request, "error.html", title="关系图 Graph", message="The graph explorer is being built.")


routes = [Route("/graph", graph_page)]
