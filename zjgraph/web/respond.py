"""How a page answers: HTML from a template (autoescaped), or its ``.json`` / ``.csv`` twin.

A page's URL ending in ``.json`` or ``.csv`` asks for the same question's data; :func:`split_format` takes the
suffix off, :func:`answer` builds the response. JSON is written by :func:`zjgraph.output.render_json` and CSV by
:func:`zjgraph.output.render_csv`, as the CLI writes them, so a page and ``--format json`` agree byte for byte.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from zjgraph import output
from zjgraph.time import time_label
from zjgraph.web.state import version

FORMATS = ("json", "csv")

TEMPLATES = Environment(loader=PackageLoader("zjgraph.web", "templates"), autoescape=select_autoescape(default=True),
                        trim_blocks=True, lstrip_blocks=True)
TEMPLATES.filters["cell"] = output.cell
TEMPLATES.filters["when"] = time_label
TEMPLATES.filters["q"] = lambda s: quote(str(s), safe=":")  # a path segment: ids keep their colon


def url_with(request: Request, path: str | None = None, **changes) -> str:
    """The current query string with ``changes`` (None removes a key), on ``path`` (default: this page)."""
    params = dict(request.query_params)
    for k, v in changes.items():
        if v is None or v == "":
            params.pop(k, None)
        else:
            params[k] = str(v)
    query = urlencode(params)
    return (path or request.url.path) + (f"?{query}" if query else "")


TEMPLATES.globals["url_with"] = url_with


def split_format(name: str) -> tuple[str, str]:
    """``("doc:002", "json")`` for ``"doc:002.json"``; ``(name, "html")`` without a known suffix."""
    stem, dot, suffix = name.rpartition(".")
    return (stem, suffix) if dot and suffix in FORMATS else (name, "html")


def html(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    body = TEMPLATES.get_template(template).render(request=request, **context)
    return HTMLResponse(body, status_code=status_code)


def json_response(obj, status_code: int = 200) -> Response:
    return Response(output.render_json(obj) + "\n", status_code=status_code,
                    media_type="application/json; charset=utf-8")


def csv_response(columns: list[str], rows: list[list], filename: str) -> Response:
    # Excel opens a download named .csv; the name is ASCII so no header encoding question arises.
    return Response(output.render_csv(columns, rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def answer(request: Request, fmt: str, template: str, *, data, table: tuple[list[str], list[list]] | None = None,
           filename: str = "zjgraph.csv", status_code: int = 200, **context) -> Response:
    """The page in ``fmt``: html renders ``template`` with ``data`` and ``context``; json is ``data``; csv is
    ``table`` (columns, rows), 404 for a page that is not a table."""
    if fmt == "json":
        return json_response(data, status_code)
    if fmt == "csv":
        if table is None:
            return not_found(request, "this page is not a table: it has a .json twin, not a .csv one")
        return csv_response(*table, filename)
    return html(request, template, status_code=status_code, data=data, **context)


def not_found(request: Request, message: str) -> Response:
    return problem(request, 404, "找不到 Not found", message)


def problem(request: Request, status: int, title: str, message: str, details=()) -> Response:
    """An error page (or JSON ``{"error": …}`` for a .json URL): a one-line message, never a traceback."""
    if request.url.path.endswith(".json"):
        return json_response({"error": message, "details": list(details)}, status)
    return html(request, "error.html", status_code=status, title=title, message=message, details=list(details))


def kept(endpoint):
    """Answer a page from the graph version's kept answers when the same address was answered before (a page is a
    function of its address and the graph); keep successful answers."""
    @wraps(endpoint)
    def answer_kept(request: Request) -> Response:
        v = version(request)
        key = (request.url.path, request.url.query)
        hit = v.answer(key)
        if hit is None:
            response = endpoint(request)
            if response.status_code != 200 or not hasattr(response, "body"):
                return response
            hit = (response.body, response.status_code, response.raw_headers)
            v.keep(key, hit)
        body, status, headers = hit
        response = Response(body, status_code=status)
        response.raw_headers = list(headers)
        return response

    return answer_kept
