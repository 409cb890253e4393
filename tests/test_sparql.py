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


def agree(kg, store, name: str, params: dict) -> list[dict]:
    """The SPARQL version of ``name`` answers the embedded query's rows, in its order; returns them."""
    query = catalog.get(name)
    columns, rows = catalog.run(kg, name, params)
    sp_columns, sp_rows = sparql.run(kg, store, name, params)
    assert sp_columns == columns
    assert [r[c] for r in sp_rows for c in columns if c.endswith("_id")] == \
        [r[c] for r in rows for c in columns if c.endswith("_id")], "rows in another order"
    assert catalog.normalize(query, sp_columns, sp_rows) == catalog.normalize(query, columns, rows)
    return rows


@pytest.mark.parametrize(("name", "params"), CASES)
def test_sparql_agrees_with_the_embedded_query(bundled, name, params):
    rows = agree(*bundled, name, params)
    assert rows, f"{name} {params} answers nothing on the bundled data"


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


@pytest.fixture(scope="module")
def generated():
    from generated import scenario_kg

    kg = scenario_kg()
    return kg, sparql.store(kg)


def test_the_generated_graph_reaches_every_way_of_being_tied(generated):
    from generated import SCENARIOS

    kg, _ = generated
    _, rows = catalog.run(kg, "majors-without-partner")
    found = {r["school_id"]: r["status"] for r in rows if r["school_id"].startswith("school:x")}
    assert found == {f"school:x{i}": status for i, status in
                     enumerate(status for status, cases in SCENARIOS.items() for _ in cases)}
    assert {r["status"] for r in rows if not r["school_id"].startswith("school:x")} == {"explicit", "inferred", "none"}
    assert {r["status"] for r in rows} == {"explicit", "unnamed", "inferred", "none"}
    _, spanning = catalog.run(kg, "enterprises-spanning-schools", {"min": "1"})
    assert all(any(r[kind] for r in spanning) for kind in
               ("partnership", "operator", "order_class", "training_base", "industry_college", "alliance"))


@pytest.mark.parametrize(("name", "params"), [
    ("majors-without-partner", {}),
    ("majors-without-partner", {"school": "S3"}),
    ("majors-without-partner", {"school": "学校8"}),  # isolated: no major, no row
    ("majors-without-partner", {"school": "school:x0"}),
    ("majors-without-partner", {"school": "场景学校16"}),
    ("enterprises-spanning-schools", {}),
    ("enterprises-spanning-schools", {"min": "1"}),
    ("enterprises-spanning-schools", {"min": "4"}),
])
def test_sparql_agrees_with_the_embedded_query_on_a_generated_graph(generated, name, params):
    agree(*generated, name, params)
