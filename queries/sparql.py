"""The SPARQL versions of named queries (``queries/NAME.rq``), run with Oxigraph over the RDF export.

Each ``.rq`` file answers with the same rows as the embedded implementation of ``NAME`` (see
:mod:`zjgraph.queries.catalog`) when run over ``zjgraph export --format turtle`` loaded with the ontology.
A parameter ``p`` of the named query is the variable ``?p_param``, projected last so that it can be
substituted (SPARQL SEP-0007); list columns come as names joined with ``|``.
"""

from __future__ import annotations

from importlib.resources import files

from zjgraph.queries import catalog

from zjgraph.problems import ZjgraphError


def names() -> list[str]:
    """The named queries that have a SPARQL version."""
    return sorted(f.name[:-3] for f in files("zjgraph.queries").iterdir() if f.name.endswith(".rq"))


def text(name: str) -> str:
    if name not in names():
        raise ZjgraphError(f"no SPARQL version of “{name}”; there are: {', '.join(names())}")
    return (files("zjgraph.queries") / f"{name}.rq").read_text(encoding="utf-8")


def _oxigraph():
    try:
        import pyoxigraph
    except ImportError:
        raise ZjgraphError('SPARQL needs Oxigraph: pip install "zjgraph[sparql]"') from None
    return pyoxigraph


def store(kg):
    """An Oxigraph store holding the graph's RDF export and the ontology."""
    from zjgraph.export.turtle_stream import TurtleReader
    from zjgraph.schema import ontology_files

    ox = _oxigraph()
    s = ox.Store()
    # the export's Turtle, read by Oxigraph as it is written: no rdflib Graph, no text of the whole graph
    s.bulk_load(TurtleReader(kg.graph, kg.schema), format=ox.RdfFormat.TURTLE)
    for path in ontology_files():
        s.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return s


def _value(term, is_set: bool):
    if term is None:
        return None
    value = term.value
    datatype = getattr(term, "datatype", None)
    kind = datatype.value if datatype is not None else ""
    if kind.endswith("#boolean"):
        return value == "true"
    if kind.endswith("#integer"):
        return int(value)
    if is_set:
        return value.split("|") if value else []
    return value


def run(kg, oxigraph_store, name: str, given: dict[str, str] | None = None) -> tuple[list[str], list[dict]]:
    """Columns and rows of the SPARQL version of ``name``, parameters bound as for the embedded query."""
    from zjgraph.rdf import entity_iri

    ox = _oxigraph()
    query = catalog.get(name)
    params = catalog.bind(kg, query, given or {})
    substitutions = {ox.Variable(f"{k}_param"): ox.Literal(v) if isinstance(v, int) or v == ""
                     else ox.NamedNode(str(entity_iri(v))) for k, v in params.items()}
    solutions = oxigraph_store.query(text(name), substitutions=substitutions)
    columns = [v.value for v in solutions.variables if not v.value.endswith("_param")]
    rows = [{c: _value(s[c], c in query.sets) for c in columns} for s in solutions]
    return columns, rows
