"""Queries: each named query as a form built from its header, its rows as a linked table, its Cypher shown.
The URL holds the parameters, so it reproduces the result; ``.json`` and ``.csv`` give the rows as
``zjgraph query NAME --format json|csv`` does."""

from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from zjgraph.output import cell
from zjgraph.problems import ZjgraphError
from zjgraph.queries import catalog
from zjgraph.web.respond import answer, json_response, kept, not_found, split_format
from zjgraph.web.state import version

#: Names offered as suggestions for one parameter; a type with more entities gets none (the field still resolves
#: any name or alias typed).
MAX_SUGGESTIONS = 400


def suggestions(kg, type_: str) -> list[str]:
    """Names of the entities a parameter of ``type_`` accepts, sorted, when there are few enough to list."""
    if type_ == "int":
        return []
    kinds = None if type_ == "Entity" else {c for c in kg.schema.entity_classes() if kg.schema.is_a(c, {type_})}
    names = sorted({d["name"] for _, d in kg.graph.nodes(data=True) if kinds is None or d["type"] in kinds})
    return names if len(names) <= MAX_SUGGESTIONS else []


def linked(g, columns: list[str], row: dict) -> list[list[tuple[str, str | None]]]:
    """Each cell as (text, entity id or None) parts: a column ``x`` beside ``x_id`` links to that id, and a value
    that is an entity id links to itself."""
    cells = []
    for c in columns:
        value = row[c]
        if f"{c}_id" in row and isinstance(row[f"{c}_id"], str) and row[f"{c}_id"] in g:
            cells.append([(cell(value), row[f"{c}_id"])])
        elif isinstance(value, list | tuple):
            cells.append([(cell(x), x if isinstance(x, str) and x in g else None) for x in value])
        else:
            cells.append([(cell(value), value if isinstance(value, str) and value in g else None)])
    return cells


def queries_index(request: Request):
    queries = catalog.catalog()
    if split_format(request.url.path)[1] == "json":
        return json_response([{"name": q.name, "description": q.description,
                               "params": [vars(p) for p in q.params]} for q in queries.values()])
    return answer(request, "html", "queries.html", data=list(queries.values()))


@kept
def query_page(request: Request):
    name, fmt = split_format(request.path_params["name"])
    queries = catalog.catalog()
    if name not in queries:
        return not_found(request, f"no named query “{name}”; the list is at /queries")
    q = queries[name]
    v = version(request)
    kg = v.kg
    given = {p.name: request.query_params[p.name] for p in q.params if request.query_params.get(p.name)}
    ready = all(p.name in given for p in q.params if p.required)
    columns, rows, error = [], None, None
    if ready:
        try:
            columns, rows = catalog.run(kg, name, given)
        except ZjgraphError as err:
            error = str(err)
    if fmt != "html" and (error or not ready):
        missing = [p.name for p in q.params if p.required and p.name not in given]
        return json_response({"error": error or f"{name}: parameter(s) required: {', '.join(missing)}"}, 400)
    table = (columns, [[r[c] for c in columns] for r in rows or []])
    return answer(request, fmt, "query.html", data=rows, table=table, filename=f"{name}.csv", query=q, given=given,
                  columns=columns, error=error, status_code=400 if error else 200,
                  cells=[linked(kg.graph, columns, r) for r in rows or []],
                  suggest={p.name: v.derived(("suggest", p.type), lambda t=p.type: suggestions(kg, t))
                           for p in q.params})


routes = [Route("/queries", queries_index), Route("/queries.json", queries_index),
          Route("/queries/{name}", query_page, name="query")]
