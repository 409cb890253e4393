"""Cypher: a console for read-only Cypher on the embedded LadybugDB engine, with a row limit and a timeout.

The engine (:class:`zjgraph.cypher.ladybug.Engine`) is built once per graph version, on the first statement.
A statement that would change the database is refused before it reaches the engine: the server is read-only.
"""

from __future__ import annotations

import re
import threading

from starlette.requests import Request
from starlette.routing import Route

from zjgraph.problems import ZjgraphError
from zjgraph.web.respond import answer, kept, split_format
from zjgraph.web.state import version

#: Seconds a statement may run before the engine interrupts it.
TIMEOUT = 5.0
DEFAULT_LIMIT, MAX_LIMIT = 200, 5000

# Clauses and procedures that write, in LadybugDB's or Neo4j's Cypher; matched outside strings and comments.
WRITES = re.compile(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|ALTER|COPY|LOAD|INSTALL|ATTACH|DETACH|"
                    r"IMPORT|EXPORT|CHECKPOINT|BEGIN|COMMIT|ROLLBACK|USE|CALL)\b", re.I)
_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)

EXAMPLE = ("MATCH (s:School)-[r:OFFERS_MAJOR]->(m:Major)\n"
           "RETURN s.name AS school, count(m) AS majors\nORDER BY majors DESC")


def writes(statement: str) -> str | None:
    """The first word of ``statement`` that would write (or call a procedure), or None for a read."""
    m = WRITES.search(_STRINGS_AND_COMMENTS.sub(" ", statement))
    return m.group(1).upper() if m else None


class Console:
    """One engine for one graph version; LadybugDB's connection runs one statement at a time."""

    def __init__(self, kg):
        from zjgraph.cypher.ladybug import Engine

        self.engine, self.lock = Engine(kg), threading.Lock()

    def run(self, statement: str, limit: int) -> tuple[list[str], list[list], bool]:
        with self.lock:
            columns, rows = self.engine.run(statement, timeout=TIMEOUT)
        return columns, rows[:limit], len(rows) > limit


@kept
def cypher_page(request: Request):
    fmt = split_format(request.url.path)[1]
    statement = request.query_params.get("q", "").strip()
    try:
        limit = min(MAX_LIMIT, max(1, int(request.query_params.get("limit", DEFAULT_LIMIT))))
    except ValueError:
        limit = DEFAULT_LIMIT
    columns, rows, truncated, error = [], [], False, None
    if statement:
        word = writes(statement)
        if word:
            error = (f"refused: {word} is not allowed here. zjgraph serve is read-only: only statements that read "
                     "(MATCH … RETURN) run. To change the graph, edit the data folder.")
        else:
            v = version(request)
            try:
                columns, rows, truncated = v.derived("cypher", lambda: Console(v.kg)).run(statement, limit)
            except ZjgraphError as err:
                message = str(err)
                error = (f"the statement ran longer than {TIMEOUT:g} s and was stopped" if "Interrupted" in message
                         else message)
    data = [dict(zip(columns, r)) for r in rows]
    if fmt == "json" and error:
        return answer(request, fmt, "", data={"error": error}, status_code=400)
    return answer(request, fmt, "cypher.html", data=data, table=(columns, rows), filename="cypher.csv",
                  statement=statement, example=EXAMPLE, columns=columns, rows=rows, error=error, limit=limit,
                  truncated=truncated, timeout=TIMEOUT, status_code=400 if error else 200)


routes = [Route("/cypher", cypher_page), Route("/cypher.json", cypher_page), Route("/cypher.csv", cypher_page)]
