"""Package data: the zjgraph ontology, vocabularies and SHACL shapes in Turtle (read by ``zjgraph.schema``)."""
