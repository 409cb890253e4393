"""zjgraph: a knowledge graph of the industry–education–city ecosystem of Chinese vocational education.

Start with :class:`KnowledgeGraph`::

    from zjgraph import KnowledgeGraph
    kg = KnowledgeGraph.load()
    kg.describe("永川职教中心")
"""

from zjgraph.graph import KnowledgeGraph
from zjgraph.problems import DataError, Problem

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "DataError", "Problem", "__version__"]
