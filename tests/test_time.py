"""Time in the model (issue 18): documents' periods, facts' start, end and point in time with where each came
from, the as-of rule, round trips that keep them, and the bad input that is refused naming file and line."""

from datetime import date

import pytest
from conftest import run
from test_input_errors import edit, validate
from zjgraph.loaders.kgx import read_kgx
from zjgraph.loaders.rdf import read_rdf

from zjgraph import time
from zjgraph.graph import KnowledgeGraph


def add_fact(mini, body: str) -> int:
    """Append a fact to the mini facts file; the line its [[fact]] header is on."""
    facts = mini / "facts" / "001.toml"
    line = facts.read_text(encoding="utf-8").count("\n") + 2
    with facts.open("a", encoding="utf-8") as f:
        f.write("\n[[fact]]\n" + body)
    return line


# ---------------------------------------------------------------- parsing and the as-of rule

def test_the_time_fields_are_the_ontologys(kg):
    for name in (time.START, time.END, time.POINT, time.SOURCE):
        assert kg.schema.properties[name].domain == {"Statement"}, name
    assert set(kg.schema.schemes[kg.schema.properties[time.SOURCE].value_scheme]) == {time.STATED, time.DOCUMENT}
    assert kg.schema.properties["reportingPeriod"].domain == {"SourceDocument"}
    assert not {time.START, "reportingPeriod"} & set(kg.schema.predicates())  # no fact states them


def test_span_text():
    assert [time.span_text(time.parse_time(t)) for t in ("2024", "2024-02", "2024-02-29")] == [
        "2024", "2024-02", "2024-02-29"]


def test_times_and_periods_parse_to_days():
    assert time.parse_time("2008") == (date(2008, 1, 1), date(2008, 12, 31))
    assert time.parse_time(2008) == (date(2008, 1, 1), date(2008, 12, 31))
    assert time.parse_time("2024-12") == (date(2024, 12, 1), date(2024, 12, 31))
    assert time.parse_time("2011-11-05") == (date(2011, 11, 5), date(2011, 11, 5))
    assert time.parse_period("2024-09/2025-08") == (date(2024, 9, 1), date(2025, 8, 31))
    assert time.parse_period("2024/2027") == (date(2024, 1, 1), date(2027, 12, 31))
    for bad in ("2024年", "24", "2024-13", "2023-02-29", "", "2024-9"):
        with pytest.raises(ValueError):
            time.parse_time(bad)
    with pytest.raises(ValueError, match="ends before it starts"):
        time.parse_period("2027/2024")


def fact(**fields):
    return {"certainty": "stated", **dict.fromkeys(time.TIME_FIELDS), **fields}


def test_the_as_of_rule():
    at = time.parse_time
    began = fact(startTime="2008", timeSource="stated")
    assert not time.holds_at(began, at("2007"))
    assert time.holds_at(began, at("2008")) and time.holds_at(began, at("2030"))
    # a stated end: not after it
    ended = fact(startTime="2008", endTime="2020-06", timeSource="stated")
    assert time.holds_at(ended, at("2020-06-30")) and not time.holds_at(ended, at("2020-07"))
    # taken from the document's period: from the period's start on; the period's end is no end
    reported = fact(startTime="2024-09", endTime="2025-08", timeSource="document")
    assert not time.holds_at(reported, at("2024-08")) and time.holds_at(reported, at("2024"))
    assert time.holds_at(reported, at("2031"))
    # no time at all: not known when it began, holds at every time
    assert time.holds_at(fact(), at("1990"))
    # a point in time: from then on
    assert not time.holds_at(fact(pointInTime="2019", timeSource="stated"), at("2018-12-31"))
    # planned: never
    assert not time.holds_at(fact(certainty="planned"), at("2030"))


def test_time_labels():
    assert time.time_label(fact(startTime="2008", timeSource="stated")) == "2008–"
    assert time.time_label(fact(startTime="2024-09", endTime="2025-08", timeSource="document")) == (
        "2024-09–2025-08 (document period)")
    assert time.time_label(fact(pointInTime="2019", timeSource="stated")) == "2019"
    assert time.time_label(fact()) == ""


# ---------------------------------------------------------------- the bundled data

@pytest.fixture(scope="module")
def kg():
    return KnowledgeGraph.load()


def test_documents_have_their_stated_periods_only(kg):
    docs = kg.graph.graph["documents"]
    assert docs["doc:002"]["period"] == "2024-09/2025-08"
    assert docs["doc:004"]["period"] == "2024/2027"
    for undated in ("doc:000", "doc:001", "doc:003"):  # the features state none: unknown, not guessed
        assert docs[undated].get("period") is None


def test_facts_carry_stated_or_document_time(kg):
    g = kg.graph
    ayec = next(e for e in g["school:banan-vec"]["ent:saic-gm"].values() if e["timeSource"])
    assert (ayec["startTime"], ayec["endTime"], ayec["timeSource"]) == ("2008", None, "stated")
    sources = {(e["source"], e["timeSource"]) for *_, e in g.edges(data=True)}
    assert ("doc:002", "document") in sources and ("doc:004", "document") in sources
    assert all(e["timeSource"] in (None, "stated") for *_, e in g.edges(data=True) if e["source"] in
               ("doc:000", "doc:001", "doc:003"))
    derived = next(e for *_, e in g.edges(data=True) if e["source"] == "doc:002")
    assert (derived["startTime"], derived["endTime"]) == ("2024-09", "2025-08")


def test_a_founding_date_is_its_own_point_in_time(kg):
    ev = kg.graph.nodes["school:jiaozhixiao"]["provenance"]["foundingDate"][0]
    assert (ev["pointInTime"], ev["startTime"], ev["timeSource"]) == ("2011-11", None, "stated")
    assert kg.as_of("2015").graph.nodes["school:jiaozhixiao"]["foundingDate"] == "2011-11"  # before the report
    assert "foundingDate" not in kg.as_of("2011-10").graph.nodes["school:jiaozhixiao"]


def test_as_of_keeps_only_what_holds(kg):
    g = kg.graph
    before = time.as_of(g, time.parse_time("2007"), kg.schema)
    assert not any(e.get("startTime") == "2008" for *_, e in before.edges(data=True))
    assert not any(e["source"] == "doc:002" for *_, e in before.edges(data=True))
    assert any(e["source"] == "doc:000" for *_, e in before.edges(data=True))  # undated: holds at any time
    later = time.as_of(g, time.parse_time("2030"), kg.schema)
    assert {k for *_, k in later.edges(keys=True)} == {
        k for *_, k, e in g.edges(keys=True, data=True) if e["certainty"] != "planned"}
    assert g.number_of_edges() > later.number_of_edges()  # the original is untouched
    assert later.graph["as_of"] == ("2030-01-01", "2030-12-31")


# ---------------------------------------------------------------- bad input, named by file and line

def test_a_period_that_does_not_parse(mini):
    edit(mini / "corpus" / "documents.toml", 'title = "迷你测试文件"', 'title = "迷你测试文件"\nperiod = "2024学年"')
    code, out = validate(mini)
    assert code == 1
    assert "corpus/documents.toml:1: document doc:001: period: period '2024学年' does not parse" in out


def test_a_document_period_that_ends_before_it_starts(mini):
    edit(mini / "corpus" / "documents.toml", 'title = "迷你测试文件"', 'title = "迷你测试文件"\nperiod = "2025/2024"')
    code, out = validate(mini)
    assert code == 1
    assert "corpus/documents.toml:1: document doc:001: period: period '2025/2024' ends before it starts" in out


@pytest.mark.parametrize(("times", "message"), [
    ('startTime = "2011"\nendTime = "2010-05"\n', "endTime 2010-05 is before startTime 2011"),
    ('startTime = "2011年"\n', "startTime: '2011年' is not a time"),
    ('pointInTime = "2011-02-30"\n', "pointInTime: '2011-02-30' is not a time: no such month or day"),
    ('startTime = ["2011"]\n', "startTime: ['2011'] is not a time"),
])
def test_times_that_do_not_parse_or_end_before_they_start(mini, times, message):
    line = add_fact(mini, 'subject = "school:jiaozhi"\npredicate = "partnersWith"\nobject = "ent:changan"\n'
                          'quote = "交职校与长安汽车开展订单培养"\n' + times)
    code, out = validate(mini)
    assert code == 1
    assert f"facts/001.toml:{line}: fact #8 (school:jiaozhi partnersWith ent:changan): {message}" in out


def test_a_fact_dated_outside_its_documents_period_without_evidence(mini):
    edit(mini / "corpus" / "documents.toml", 'title = "迷你测试文件"', 'title = "迷你测试文件"\nperiod = "2024"')
    ok = add_fact(mini, 'subject = "school:jiaozhi"\npredicate = "partnersWith"\nobject = "ent:cq-expressway"\n'
                        'quote = "交职校成立于2011年11月,隶属重庆高速公路集团有限公司"\nstartTime = "2011-11"\n')
    bad = add_fact(mini, 'subject = "school:jiaozhi"\npredicate = "partnersWith"\nobject = "ent:changan"\n'
                         'quote = "交职校与长安汽车开展订单培养"\nstartTime = "2019"\n')
    inside = add_fact(mini, 'subject = "school:jiaozhi"\npredicate = "partnersWith"\nobject = "ent:changan"\n'
                            'quote = "交职校与长安汽车开展订单培养"\nstartTime = "2024-03"\n')
    code, out = validate(mini)
    assert code == 1
    assert (f"facts/001.toml:{bad}: fact #9 (school:jiaozhi partnersWith ent:changan): startTime 2019 is outside "
            "the period doc:001 reports on (2024) and the quote does not give it") in out
    assert f"facts/001.toml:{ok}:" not in out and f"facts/001.toml:{inside}:" not in out


def test_two_values_for_one_measure_and_period_from_one_source(mini):
    facts = mini / "facts" / "001.toml"
    with facts.open("a", encoding="utf-8") as f:
        f.write('\n[[entity]]\nid = "ind:jiaozhi-students-again"\ntype = "Indicator"\nname = "交职校学生数（又）"\n'
                'measure = "学生数"\nvalue = 1300\nunit = "人"\n')
    line = facts.read_text(encoding="utf-8").count("\n") - 6
    add_fact(mini, 'subject = "school:jiaozhi"\npredicate = "reportsIndicator"\nobject = "ind:jiaozhi-students-again"\n'
                   'quote = "交职校现有学生1200人"\n')
    code, out = validate(mini)
    assert code == 1
    assert (f"facts/001.toml:{line}: entity ind:jiaozhi-students-again: doc:001 gives two values for “学生数” of "
            "school:jiaozhi for the period (none given)") in out


def test_the_old_date_field_is_a_stated_start(mini):
    add_fact(mini, 'subject = "school:jiaozhi"\npredicate = "partnersWith"\nobject = "ent:cq-expressway"\n'
                   'quote = "交职校成立于2011年11月,隶属重庆高速公路集团有限公司"\ndate = "2011"\n')
    g = KnowledgeGraph.load(mini, use_cache=False).graph
    e = g.edges["school:jiaozhi", "ent:cq-expressway", "doc:001#8"]
    assert (e["startTime"], e["timeSource"]) == ("2011", "stated")
    assert "date" not in e


# ---------------------------------------------------------------- round trips

@pytest.fixture
def timed(mini):
    """The mini data with a period, a stated start, end and point in time, and document-derived times."""
    edit(mini / "corpus" / "documents.toml", 'title = "迷你测试文件"',
         'title = "迷你测试文件"\ndate = "2028-01-05"\nperiod = "2024-09/2025-08"')
    add_fact(mini, 'subject = "school:jiaozhi"\npredicate = "partnersWith"\nobject = "ent:cq-expressway"\n'
                   'quote = ["交职校成立于2011年11月,隶属重庆高速公路集团有限公司", "到2027年,交职校订单班达到5个"]\n'
                   'startTime = "2011-11"\nendTime = 2027\n')
    add_fact(mini, 'subject = "school:jiaozhi"\npredicate = "partnersWith"\nobject = "ent:changan"\n'
                   'quote = "交职校成立于2011年11月"\npointInTime = "2011-11-05"\n')
    return KnowledgeGraph.load(mini, use_cache=False)


def test_time_survives_rdf_and_kgx(timed, tmp_path):
    from test_interchange import assert_same_graph

    g = timed.graph
    kinds = {(e.get("startTime"), e.get("endTime"), e.get("pointInTime"), e.get("timeSource"))
             for *_, e in g.edges(data=True)}
    assert ("2011-11", "2027", None, "stated") in kinds and (None, None, "2011-11-05", "stated") in kinds
    assert ("2024-09", "2025-08", None, "document") in kinds
    assert run("--no-cache", "--data", timed.data_dir, "export", "--format", "turtle", "-o",
               tmp_path / "g.ttl").exit_code == 0
    text = (tmp_path / "g.ttl").read_text(encoding="utf-8")
    assert '"2011-11"^^xsd:gYearMonth' in text and '"2011-11-05"^^xsd:date' in text
    assert "zj:time-document" in text and 'zj:reportingPeriod "2024-09/2025-08"' in text
    assert 'dcterms:issued "2028-01-05"^^xsd:date' in text
    assert_same_graph(g, read_rdf(tmp_path / "g.ttl", timed.schema))
    exported = run("--no-cache", "--data", timed.data_dir, "export", "--format", "kgx", "-o", tmp_path / "kgx")
    assert exported.exit_code == 0
    assert_same_graph(g, read_kgx(tmp_path / "kgx", timed.schema))


def test_old_exports_with_date_are_read_as_a_stated_start(timed, tmp_path):
    run("--no-cache", "--data", timed.data_dir, "export", "--format", "kgx", "-o", tmp_path / "kgx")
    edges = tmp_path / "kgx" / "edges.tsv"
    rows = [line.split("\t") for line in edges.read_text(encoding="utf-8").splitlines()]
    header = rows[0]
    keep = [i for i, c in enumerate(header) if c not in time.TIME_FIELDS]
    start = header.index("startTime")
    old = [[r[i] for i in keep] + [r[start] if r[header.index("timeSource")] == "stated" else ""] for r in rows[1:]]
    edges.write_text("\t".join([header[i] for i in keep] + ["date"]) + "\n"
                     + "".join("\t".join(r) + "\n" for r in old), encoding="utf-8")
    g = read_kgx(tmp_path / "kgx", timed.schema)
    e = g.edges["school:jiaozhi", "ent:cq-expressway", "doc:001#8"]
    assert (e["startTime"], e["endTime"], e["timeSource"]) == ("2011-11", None, "stated")


def test_the_shapes_check_time(timed):
    from pyshacl import validate as shacl
    from rdflib import Graph, Literal

    from zjgraph.rdf import ZJNS, statement_iri, to_rdf
    from zjgraph.schema import ontology_files, shapes_file

    rdf = to_rdf(timed.graph, timed.schema)
    st = statement_iri("doc:001#8")
    rdf.set((st, ZJNS.endTime, Literal("2010")))
    ont = Graph()
    for p in ontology_files():
        ont.parse(p)
    conforms, _, text = shacl(rdf, shacl_graph=Graph().parse(shapes_file()), ont_graph=ont, advanced=True)
    assert not conforms and "end time is before its start time" in text


def test_the_latest_publication_is_preferred(kg):
    g = kg.graph.copy()
    g.graph = {**g.graph, "documents": {k: dict(v) for k, v in g.graph["documents"].items()}}

    def reported_in(doc):
        return next(n for n, d in g.nodes(data=True) if d["type"] == "Indicator"
                    and any(e["source"] == doc for *_, e in g.in_edges(n, data=True)))

    newer, undated, older = reported_in("doc:002"), reported_in("doc:000"), reported_in("doc:003")
    assert time.preferred(g, [newer, undated]) == newer == time.preferred(g, [undated, newer])
    g.graph["documents"]["doc:003"]["date"] = "2020"
    assert time.preferred(g, [undated, older]) == older == time.preferred(g, [older, undated])
    assert time.preferred(g, [older, newer]) == newer
    assert time.preferred(g, [undated, reported_in("doc:001")]) == reported_in("doc:001")  # equals: the last named


def test_neo4j_relationships_loaded_before_start_time_read_their_date():
    from zjgraph.cypher import neo4j_read

    old = {"fact": "doc:003#9", "relation": "partnersWith", "source": "doc:003", "quotes": ["早在2008年"],
           "certainty": "stated", "date": "2008"}
    e = neo4j_read.edge_data(old)
    assert (e["startTime"], e["endTime"], e["timeSource"]) == ("2008", None, "stated") and "date" not in e
    data = neo4j_read.entity_data({"type": "School", "name": "x", "attributesJson": "{}", "provenanceJson":
                                   '{"foundingDate": [{"value": "2011", "date": "2011"}]}'})
    assert data["provenance"]["foundingDate"][0]["startTime"] == "2011"


# ---------------------------------------------------------------- --as-of on the commands and ?as_of= on the pages

def test_show_as_of(bundled):
    now = run("show", "巴南职教中心")
    then = run("show", "巴南职教中心", "--as-of", "2007")
    assert now.exit_code == then.exit_code == 0
    assert "(ent:saic-gm)" in now.output and "2008–" in now.output
    assert "(ent:saic-gm)" not in then.output and "截至 as of: 2007" in then.output
    assert "巴南区汽车维修协会" in then.output  # undated: not known to have begun later


def test_coverage_query_and_view_as_of(bundled, tmp_path):
    import json

    def explicit(*args):
        report = json.loads(run("coverage", "--format", "json", "--section", "coverage", *args).output)
        return {s["id"]: s["explicit"] for s in report["schools"]}

    assert explicit()["school:banan-vec"] == 1 and explicit("--as-of", "2007")["school:banan-vec"] == 0
    assert "school:bishan-vec" in explicit() and "school:bishan-vec" not in explicit("--as-of", "2024-08")
    assert "as of 2007" in run("coverage", "--section", "coverage", "--as-of", "2007").output
    rows = json.loads(run("query", "majors-without-partner", "-p", "school=巴南职教中心", "--format", "json",
                          "--as-of", "2007").output)
    assert {r["status"] for r in rows} == {"none"}
    refused = run("query", "majors-without-partner", "--backend", "neo4j", "--as-of", "2007")
    assert refused.exit_code == 2 and "--as-of reads the embedded graph" in refused.output
    for name, args in (("now.html", ()), ("then.html", ("--as-of", "2007"))):
        assert run("view", "--focus", "巴南职教中心", "-o", tmp_path / name, *args).exit_code == 0
    assert "ent:saic-gm" in (tmp_path / "now.html").read_text(encoding="utf-8")
    assert "ent:saic-gm" not in (tmp_path / "then.html").read_text(encoding="utf-8")
    assert "as of 2007: only what holds then" in (tmp_path / "then.html").read_text(encoding="utf-8")


def test_a_bad_as_of_is_refused():
    result = run("coverage", "--as-of", "2024年")
    assert result.exit_code == 2 and "Invalid value for '--as-of': '2024年' is not a time" in result.output


def test_pages_take_as_of(bundled):
    from starlette.testclient import TestClient

    from zjgraph.web import create_app

    client = TestClient(create_app(bundled), base_url="http://127.0.0.1")
    now = client.get("/entity/school:banan-vec.json").json()
    then = client.get("/entity/school:banan-vec.json?as_of=2007").json()
    partners = [{r["other"]["id"] for r in d["relations"]} for d in (now, then)]
    assert "ent:saic-gm" in partners[0] and "ent:saic-gm" not in partners[1]
    page = client.get("/entity/school:banan-vec?as_of=2007").text
    assert "截至 as of <strong>2007</strong>" in page and 'href="/entity/school:banan-vec">所有时间 all times' in page
    assert "报告时期 period 2024-09/2025-08" in client.get("/document/doc:002").text
    bad = client.get("/entity/school:banan-vec?as_of=soon")
    assert bad.status_code == 400 and "as_of: &#39;soon&#39; is not a time" in bad.text


def test_a_founding_date_in_words_has_no_time_not_the_documents(mini):
    edit(mini / "corpus" / "documents.toml", 'title = "迷你测试文件"', 'title = "迷你测试文件"\nperiod = "2024"')
    edit(mini / "facts" / "001.toml", 'value = "2011-11"', 'value = "2011年11月"')
    evidence = KnowledgeGraph.load(mini, use_cache=False).graph.nodes["school:jiaozhi"]["provenance"]["foundingDate"]
    assert [(ev["value"], ev["pointInTime"], ev["startTime"], ev["timeSource"]) for ev in evidence] == [
        ("2011年11月", None, None, None)]


def test_exports_with_bad_times_are_refused_naming_the_row(timed, tmp_path):
    from zjgraph.problems import DataError

    run("--no-cache", "--data", timed.data_dir, "export", "--format", "kgx", "-o", tmp_path / "kgx")
    edges = tmp_path / "kgx" / "edges.tsv"
    edit(edges, "2011-11\t2027\t", "2011-11\t2010\t")
    with pytest.raises(DataError, match="edges.tsv:.*doc:001#8: endTime 2010 is before startTime 2011-11"):
        read_kgx(tmp_path / "kgx", timed.schema)
    run("--no-cache", "--data", timed.data_dir, "export", "--format", "turtle", "-o", tmp_path / "g.ttl")
    edit(tmp_path / "g.ttl", '"2011-11"^^xsd:gYearMonth', '"2011年"')
    with pytest.raises(DataError, match=r"g.ttl: \S+/statement/001/\d+: \w+: '2011年' is not a time"):
        read_rdf(tmp_path / "g.ttl", timed.schema)
