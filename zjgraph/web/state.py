"""The application's shared state, reached from a request: the live graph of the data folder, or the graph as of
the time ``?as_of=`` names (a day, month or year: only what holds then, see :mod:`zjgraph.time`)."""

from __future__ import annotations

from starlette.requests import Request

from zjgraph.web.live import Version


class BadAsOf(ValueError):
    """``?as_of=`` names no day, month or year."""


def version(request: Request) -> Version:
    """The graph version this request answers from (see :class:`zjgraph.web.live.LiveGraph`); with ``?as_of=``,
    that version as of the time given, made once per version and time (with its own derived pages)."""
    from zjgraph.time import parse_time

    v = request.app.state.live.current()
    text = request.query_params.get("as_of")
    if not text:
        return v
    try:
        span = parse_time(text)
    except ValueError as err:
        raise BadAsOf(str(err)) from None
    return v.derived(("as_of", span), lambda: Version(v.kg.as_of(span), f"{v.key}@{span[0]}/{span[1]}"))
