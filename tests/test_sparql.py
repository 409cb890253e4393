"""The SPARQL versions of the named queries return the rows of the embedded implementations."""

import pytest
from zjgraph.queries import catalog, sparql

from zjgraph import KnowledgeGraph

pytest.importorskip("pyoxigraph", reason='Oxigraph is not installed: pip install "zjgraph[sparql]"')

CASES = [
    ("majors-without-partner", {}),
    ("majors-without-partner", {"school": "交职校"}),
    ("enterprises-spanning-schools", {}),
    ("enterprises-spanning-schools", {"min": "1"}),
]


@pytest.fixture(scope="module")
def bundled():
    kg = KnowledgeGraph.load()
    return kg, sparql.store(kg)


def test_every_sparql_query_is_exercised():
    assert {name for name, _ in CASES} == set(sparql.names())


@pytest.mark.parametrize(("name", "params"), CASES)
def test_sparql_agrees_with_the_embedded_query(bundled, name, params):
    kg, store = bundled
    query = catalog.get(name)
    columns, rows = catalog.run(kg, name, params)
    sp_columns, sp_rows = sparql.run(kg, store, name, params)
    assert sp_columns == columns
    assert rows, f"{name} {params} answers nothing on the bundled data"
    assert catalog.normalize(query, sp_columns, sp_rows) == catalog.normalize(query, columns, rows)


def test_an_industry_match_is_inferred_alike(bundled):
    """The bundled data has no industry-matched major yet: give 交职校's partner 重庆轨道集团 the rail industry."""
    kg, _ = bundled
    g = kg.graph.copy()
    g.nodes["ent:cq-rail-group"].update(industry="轨道交通", industries=["轨道交通"])
    changed = KnowledgeGraph(g, kg.schema, kg.data_dir)
    query = catalog.get("majors-without-partner")
    columns, rows = catalog.run(changed, "majors-without-partner", {"school": "交职校"})
    assert {(r["major_id"], r["status"], r["rule"]) for r in rows} >= {
        ("major:urban-rail-vehicle-maintenance", "inferred", "industry-match")}
    sp_columns, sp_rows = sparql.run(changed, sparql.store(changed), "majors-without-partner", {"school": "交职校"})
    assert catalog.normalize(query, sp_columns, sp_rows) == catalog.normalize(query, columns, rows)
