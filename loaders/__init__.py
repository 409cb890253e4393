"""Loaders: read the curated data and populate a graph backend (``zjgraph.loaders``)."""
