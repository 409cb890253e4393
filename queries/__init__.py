"""Package data: the named queries (``zjgraph.queries``)."""
