"""Cypher over zjgraph: the property-graph view of the ontology, an embedded engine (LadybugDB), and the
check of every Cypher string against Neo4j's own parser."""
