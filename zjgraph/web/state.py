"""The application's shared state, reached from a request: the live graph of the data folder."""

from __future__ import annotations

from starlette.requests import Request

from zjgraph.web.live import Version


def version(request: Request) -> Version:
    """The graph version this request answers from (see :class:`zjgraph.web.live.LiveGraph`)."""
    return request.app.state.live.current()
