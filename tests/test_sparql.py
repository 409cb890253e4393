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


# Ways a school and an enterprise can be tied, added to the generated graph: school x{i} offers major:x{i}
# (汽车制造类, a category the 汽车 industry prepares for) and meets enterprise x{i} (industry 汽车) only through the
# facts of scenario i, each fact (subject, relation, object, whether it names the major) with "s", "e" and "v" for
# the school, the enterprise and the node between them, of the type given (and "forMajor" when the node is for
# the major). Facts stated either way round, facts naming the major on either side, and facts that tie nothing.
SCENARIOS = {
    "explicit": [
        [("s", "runsOrderClass", "v", True), ("e", "sponsorsOrderClass", "v", False), "OrderClass"],
        [("v", "runsOrderClass", "s", False), ("v", "sponsorsOrderClass", "e", True), "OrderClass"],
        [("s", "runsOrderClass", "v", True), ("v", "sponsorsOrderClass", "e", False), "OrderClass"],
        [("s", "partOf", "v", True), ("e", "coBuilds", "v", False), "TrainingBase"],
        [("v", "runBy", "s", False), ("v", "leads", "e", True), "IndustryCollege"],
        [("s", "runsOrderClass", "v", False), ("e", "sponsorsOrderClass", "v", False), "OrderClass", "forMajor"],
        [("v", "partOf", "s", False), ("e", "coBuilds", "v", False), "IndustryCollege", "forMajor"],
        [("e", "foundedBy", "s", True)],
        [("e", "runBy", "s", True)],
        [("e", "partnersWith", "s", True)],
    ],
    "inferred": [
        [("s", "partnersWith", "e", False)],
        [("v", "runsOrderClass", "s", False), ("e", "sponsorsOrderClass", "v", False), "OrderClass"],
        [("s", "runsOrderClass", "v", False), ("v", "sponsorsOrderClass", "e", False), "OrderClass"],
        [("s", "leads", "v", False), ("v", "coBuilds", "e", False), "TrainingBase"],
        # the school's fact naming the major is no order-class fact
        [("s", "runsOrderClass", "v", False), ("s", "coBuilds", "v", True), ("e", "sponsorsOrderClass", "v", False),
         "OrderClass"],
    ],
    "none": [
        [("s", "runsOrderClass", "v", True), ("e", "sponsorsOrderClass", "v", True), "TrainingBase"],
        [("s", "coBuilds", "v", True), ("e", "coBuilds", "v", True), "OrderClass"],
        [("s", "memberOf", "v", True), ("e", "memberOf", "v", True), "TrainingBase"],
        [("s", "locatedIn", "v", True), ("e", "coBuilds", "v", True), "TrainingBase"],
        [("s", "memberOf", "v", True), ("e", "leads", "v", True), "Alliance"],  # an alliance makes no partner
        [("v", "memberOf", "s", True), ("v", "memberOf", "e", True), "Alliance"],
        [("s", "partOf", "e", True)],
    ],
}


def _with_evidence(g, schema) -> None:
    """generated_kg states list attributes without evidence, which the RDF export cannot write: give each value
    its evidence, as the loaders do."""
    for n, (node, data) in enumerate(g.nodes(data=True)):
        for attr, value in list(data.items()):
            if attr in schema.properties and isinstance(value, list) and attr not in data["provenance"]:
                data["provenance"] = {**data["provenance"], attr: [
                    {"value": v, "source": "doc:gen", "quote": f"{node} {attr} {v}", "certainty": "stated",
                     "rule": None, "date": None, "major": [], "note": None, "offset": None, "confidence": None,
                     "fact": f"doc:gen#a{n}-{attr}-{i}"} for i, v in enumerate(value)]}


@pytest.fixture(scope="module")
def generated():
    from generated import generated_kg
    from zjgraph.loaders.to_networkx import add_derived

    kg = generated_kg()
    g = kg.graph.copy()
    facts = iter(range(10**6))

    def node(id_, type_, name, **attrs):
        g.add_node(id_, type=type_, name=name, aliases=[], note=None, provenance={}, **attrs)

    def edge(u, v, relation, names=None):
        uid = f"doc:gen#x{next(facts)}"
        g.add_edge(u, v, key=uid, relation=relation, source="doc:gen", quote=f"{u} {relation} {v}", certainty="stated",
                   rule=None, date=None, major=[names] if names else [], note=None, offset=0, fact=uid)

    cases = [case for status in SCENARIOS.values() for case in status]
    for i, case in enumerate(cases):
        ids = {"s": f"school:x{i}", "e": f"ent:x{i}", "m": f"major:x{i}"}
        node(ids["s"], "School", f"场景学校{i}", schoolLevel="中职")
        node(ids["e"], "Enterprise", f"场景企业{i}", industry="汽车")
        node(ids["m"], "Major", f"场景专业{i}", catalogueCategory="汽车制造类")
        edge(ids["s"], ids["m"], "offersMajor")
        via = [part for part in case if isinstance(part, str)]
        if via:
            ids["v"] = f"{via[0].lower()}:x{i}"
            node(ids["v"], via[0], f"场景{via[0]}{i}")
            if "forMajor" in via:
                edge(ids["v"], ids["m"], "forMajor")
        for subject, relation, obj, names in (part for part in case if isinstance(part, tuple)):
            edge(ids[subject], ids[obj], relation, names=ids["m"] if names else None)
    _with_evidence(g, kg.schema)
    add_derived(g, kg.schema)
    kg = KnowledgeGraph(g, kg.schema, data_dir=None)
    return kg, sparql.store(kg)


def test_the_generated_graph_reaches_every_way_of_being_tied(generated):
    kg, _ = generated
    _, rows = catalog.run(kg, "majors-without-partner")
    found = {r["school_id"]: r["status"] for r in rows if r["school_id"].startswith("school:x")}
    assert found == {f"school:x{i}": status for i, status in
                     enumerate(status for status, cases in SCENARIOS.items() for _ in cases)}
    assert {r["status"] for r in rows if not r["school_id"].startswith("school:x")} == {"explicit", "inferred", "none"}
    _, spanning = catalog.run(kg, "enterprises-spanning-schools", {"min": "1"})
    assert all(any(r[kind] for r in spanning) for kind in
               ("partnership", "operator", "order_class", "training_base", "industry_college", "alliance"))


@pytest.mark.parametrize(("name", "params"), [
    ("majors-without-partner", {}),
    ("majors-without-partner", {"school": "S3"}),
    ("majors-without-partner", {"school": "学校8"}),  # isolated: no major, no row
    ("majors-without-partner", {"school": "school:x0"}),
    ("majors-without-partner", {"school": "场景学校15"}),
    ("enterprises-spanning-schools", {}),
    ("enterprises-spanning-schools", {"min": "1"}),
    ("enterprises-spanning-schools", {"min": "4"}),
])
def test_sparql_agrees_with_the_embedded_query_on_a_generated_graph(generated, name, params):
    agree(*generated, name, params)
