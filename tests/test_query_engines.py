"""Every named query's Cypher, run on LadybugDB, returns the rows of its embedded implementation."""

import pytest
from zjgraph.queries import catalog

from zjgraph.graph import KnowledgeGraph

ladybug = pytest.importorskip("ladybug", reason="LadybugDB is not installed: pip install 'zjgraph[cypher]'")
from zjgraph.cypher.ladybug import Engine  # noqa: E402

BUNDLED_CASES = [
    ("majors-without-partner", {}),
    ("majors-without-partner", {"school": "交职校"}),
    ("enterprises-spanning-schools", {}),
    ("enterprises-spanning-schools", {"min": "1"}),
    ("order-classes", {}),
    ("order-classes", {"major": "汽车运用与维修"}),
    ("order-classes", {"enterprise": "上汽通用汽车"}),
    ("alliance-members", {}),
    ("school-profile", {"school": "交职校"}),
    ("school-profile", {"school": "重庆市永川职业教育中心"}),
    ("enterprise-footprint", {"enterprise": "长城汽车"}),
    ("enterprise-footprint", {"enterprise": "上汽通用汽车"}),
    ("cluster-supply", {}),
    ("connection", {"from": "交职校", "to": "长城汽车"}),
    ("connection", {"from": "巴南职业教育中心", "to": "重庆市江南职业学校"}),
    ("bridges", {}),
    ("bridges", {"min": "3"}),
]


@pytest.fixture(scope="module")
def bundled_engines():
    kg = KnowledgeGraph.load()
    return kg, Engine(kg)


def agree(kg, engine, name, params):
    query = catalog.get(name)
    columns, rows = catalog.run(kg, name, params)
    cy_columns, cy_rows = engine.run(query.cypher, catalog.bind(kg, query, params))
    assert cy_columns == columns
    embedded = catalog.normalize(query, columns, rows)
    assert catalog.normalize(query, cy_columns, cy_rows) == embedded
    return embedded


def test_every_query_is_exercised():
    assert {name for name, _ in BUNDLED_CASES} == set(catalog.catalog())


@pytest.mark.parametrize(("name", "params"), BUNDLED_CASES)
def test_engines_agree_on_bundled_data(bundled_engines, name, params):
    kg, engine = bundled_engines
    rows = agree(kg, engine, name, params)
    assert rows, f"{name} {params} answers nothing on the bundled data"
