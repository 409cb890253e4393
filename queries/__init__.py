"""The named queries (``zjgraph.queries``): ``*.cypher`` files and their embedded implementations.

>>> from zjgraph import KnowledgeGraph
>>> from zjgraph.queries import catalog
>>> columns, rows = catalog.run(KnowledgeGraph.load(), "enterprises-spanning-schools", {"min": "2"})
"""
