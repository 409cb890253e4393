"""Interactive HTML views of the graph: one standalone, offline page per view.

>>> from zjgraph import KnowledgeGraph
>>> from zjgraph.output import write_atomic
>>> from zjgraph.view import select, render_html
>>> kg = KnowledgeGraph.load()
>>> part = select(kg.graph, kg.schema, seeds=[kg.resolve("交职校")], depth=1)
>>> write_atomic("jzx.html", render_html(part.graph, kg.schema, title="交职校", seeds=part.seeds, context=kg.graph))

``select`` (zjgraph.view.select) cuts the subgraph, ``render_html`` (zjgraph.view.render) draws it; pyvis
and igraph (dependencies of zjgraph) are imported only for drawing.
"""

from zjgraph.view.coverage import COVERAGE_TYPES, Coverage, coverage_of
from zjgraph.view.layout import uses_browser_physics
from zjgraph.view.render import headings, render_html, require
from zjgraph.view.select import Selection, default_types, select

__all__ = ["COVERAGE_TYPES", "Coverage", "Selection", "coverage_of", "headings", "render_html", "require",
           "select", "default_types", "uses_browser_physics"]
