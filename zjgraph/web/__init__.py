"""``zjgraph serve``: the graph in a browser, as a local, read-only web application.

>>> from zjgraph.web import create_app
>>> app = create_app()          # an ASGI application; uvicorn.run(app, host="127.0.0.1", port=8001)

Every page is rendered on the server (Jinja2, autoescaped) and has a ``.json`` twin (and a ``.csv`` one where it
is a table) that answers as the CLI does. Pages call the library (:meth:`KnowledgeGraph.search`,
:meth:`~KnowledgeGraph.describe`, :func:`zjgraph.coverage.coverage`, :func:`zjgraph.queries.catalog.run`, the
LadybugDB engine); see :mod:`zjgraph.web.app` for the routes and :mod:`zjgraph.web.guard` for the limits.
"""

from zjgraph.web.app import create_app

__all__ = ["create_app"]
