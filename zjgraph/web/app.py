"""The ASGI application: the read-only pages of :mod:`zjgraph.web.pages`, static files, and the guard.

Routes are assembled from page modules; another module (say, a review workbench with POST routes) adds its own
list to ``routes`` of :func:`create_app` without touching these.
"""

from __future__ import annotations

import logging
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from zjgraph.problems import DataError
from zjgraph.view import style
from zjgraph.web.guard import Guard
from zjgraph.web.live import LiveGraph
from zjgraph.web.pages import coverage, cypher, document, entity, graph, queries, search
from zjgraph.web.respond import problem
from zjgraph.web.state import BadAsOf

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("zjgraph.web")

#: Host names a browser may use to reach a server bound to the loopback address. Any other Host header is
#: refused, so a web page elsewhere cannot reach the server through DNS rebinding.
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def relation_styles(request: Request) -> Response:
    """One CSS class per relation (``rel-partnersWith``) in its colour, for highlights and legends."""
    rules = [f".rel-{r}{{--rel:{c}}}" for r, c in style.RELATION_COLORS.items()]
    return Response("\n".join(rules) + "\n", media_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


async def data_error(request: Request, err: DataError) -> Response:
    return problem(request, 503, "数据有误 The data is not valid",
                   f"the data folder does not load ({len(err.problems)} problem(s)); fix them, then reload:",
                   [str(p) for p in err.problems])


async def bad_as_of(request: Request, err: BadAsOf) -> Response:
    return problem(request, 400, "时间 As of", f"as_of: {err}")


async def server_error(request: Request, err: Exception) -> Response:
    # The traceback goes to the server's log, never to the page: it would show paths and code to anyone.
    log.error("error answering %s", request.url.path, exc_info=err)
    return problem(request, 500, "出错了 Something went wrong",
                   "the server could not answer this request; it keeps serving others.")


def read_routes() -> list:
    return [*search.routes, *entity.routes, *document.routes, *coverage.routes, *queries.routes, *cypher.routes,
            *graph.routes, Route("/relations.css", relation_styles),
            Mount("/static", app=StaticFiles(directory=STATIC), name="static")]


def create_app(data_dir: Path | None = None, *, use_cache: bool = True, local_only: bool = True,
               routes: list = (), body_limits: dict[str, int] | None = None) -> Starlette:
    """The application for the data folder ``data_dir`` (default: ``$ZJGRAPH_DATA`` or the bundled corpus).

    ``local_only`` accepts only loopback Host headers (see :data:`LOCAL_HOSTS`); ``routes`` are added to the
    read-only pages, and ``body_limits`` (path → bytes) let those of them that take a body have one (see
    :class:`zjgraph.web.guard.Guard`).
    """
    middleware = [Middleware(Guard, body_limits=body_limits)]
    if local_only:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=LOCAL_HOSTS))
    app = Starlette(routes=[*read_routes(), *routes], middleware=middleware,
                    exception_handlers={DataError: data_error, BadAsOf: bad_as_of, Exception: server_error,
                                        404: lambda request, exc: problem(request, 404, "找不到 Not found",
                                                                          "there is no page at this address.")})
    app.state.live = LiveGraph(data_dir, use_cache=use_cache)
    return app
