"""The coverage model: four statuses, partners stated but not named, plans kept apart from facts, campuses."""

import pytest
from zjgraph.loaders.to_networkx import add_derived
from zjgraph.queries import catalog
from zjgraph.queries.links import major_cover, school_links

from zjgraph import KnowledgeGraph
from zjgraph.coverage import coverage, partner_count


@pytest.fixture(scope="module")
def kg():
    return KnowledgeGraph.load()


def changed(kg, *edges):
    """A copy of the bundled graph with more facts, each (subject, relation, object, certainty, majors)."""
    g = kg.graph.copy()
    for n, (u, rel, v, certainty, majors) in enumerate(edges):
        fact = f"doc:002#test{n}"
        g.add_edge(u, v, key=fact, relation=rel, source="doc:002", quote="…", certainty=certainty, rule=None,
                   date=None, major=list(majors), note=None, offset=None, confidence=None, fact=fact)
    add_derived(g, kg.schema)
    return KnowledgeGraph(g, kg.schema, kg.data_dir)


def test_a_major_with_partners_the_document_does_not_name_reads_unnamed(kg):
    rows = {(m["school_id"], m["major_id"]): m for m in coverage(kg)["majors"]}
    # doc:002: 同时,与多家企业开展了多媒体制作、直播电商等专业的共建 (璧山职教中心)
    row = rows[("school:bishan-vec", "major:multimedia-production")]
    assert (row["status"], row["partners"], row["rule"]) == ("unnamed", [], "")
    [ev] = row["evidence"]
    assert ev["kind"] == "unnamed" and ev["source"] == "doc:002"
    assert "与多家企业开展了多媒体制作、直播电商等专业的共建" in ev["quote"]
    assert (ev["count"], ev["count_text"]) == (None, "多家")


def test_no_enterprise_is_invented_for_unnamed_partners(kg):
    g = kg.graph
    assert not [n for n, d in g.nodes(data=True) if d["type"] == "Enterprise" and "多家" in d["name"]]
    unnamed = [(u, v) for u, v, r in g.edges(data="relation") if r == "hasUnnamedPartnersFor"]
    assert unnamed and all(g.nodes[u]["type"] == "School" and g.nodes[v]["type"] == "Major" for u, v in unnamed)
    spanning = {r["enterprise_id"] for r in catalog.run(kg, "enterprises-spanning-schools", {"min": "1"})[1]}
    assert spanning and all(kg.graph.nodes[e]["type"] == "Enterprise" for e in spanning)


@pytest.mark.parametrize(("quote", "count"), [
    ("学校与宇燕无人机、华道生物、鼎冠动画等5家企业续签了2024届学生服务协议", (5, "5家")),
    ("与10余家行业代表性企业达成深度合作", (10, "10余家")),
    ("与长城汽车、华中数控等100多家名企深度合作", (100, "100多家")),
    ("与多家企业开展了多媒体制作、直播电商等专业的共建", (None, "多家")),
    ("青山技校与多家行业重点企业签订了分专业的校企合作协议", (None, "多家")),
    ("推进国家级专业建设", (None, None)),  # 国家 is no count
])
def test_the_count_of_unnamed_partners_is_the_texts(quote, count):
    assert partner_count(quote) == count


def test_statuses_rank_named_before_unnamed_before_inferred(kg):
    school, major = "school:bishan-vec", "major:multimedia-production"
    named = changed(kg, (school, "partnersWith", "ent:dingguan-animation", "stated", [major]))
    [cover] = [c for c in major_cover(named.graph, school) if c.major == major]
    assert (cover.status, cover.partners) == ("explicit", frozenset({"ent:dingguan-animation"}))
    assert {kind for kind, *_ in cover.evidence} == {"partnership"}


def test_a_plan_makes_no_partner_no_major_and_no_count(kg):
    school, major = "school:jiangnan-vs", "major:mechanical-manufacturing-technology"
    before = coverage(kg, school="school:jiangnan-vs")
    planned = changed(kg, (school, "partnersWith", "ent:great-wall-motor", "planned", [major]),
                      (school, "hasUnnamedPartnersFor", major, "planned", []),
                      (school, "offersMajor", "major:multimedia-production", "planned", []))
    after = coverage(planned, school="school:jiangnan-vs")
    assert after["schools"] == before["schools"]
    assert [m["status"] for m in after["majors"]] == [m["status"] for m in before["majors"]]
    assert "ent:great-wall-motor" not in {lk.enterprise for lk in school_links(planned.graph, school)}
    # the same fact stated, not planned, does tie the major
    stated = changed(kg, (school, "partnersWith", "ent:great-wall-motor", "stated", [major]))
    assert {m["major_id"]: m["status"] for m in coverage(stated, school="school:jiangnan-vs")["majors"]}[major] == \
        "explicit"


def test_a_campus_is_not_a_school(kg):
    g = kg.graph
    campuses = {n for n, d in g.nodes(data=True) if d["type"] == "Campus"}
    assert {"campus:yongchuan-vec-new-campus", "campus:cq-city-vc-new-campus", "campus:cq-uest-yongchuan",
            "campus:cq-electronic-eng-vc-yongchuan"} <= campuses
    report = coverage(kg)
    names = {g.nodes[c]["name"] for c in campuses}
    assert not names & set(report["schools_without_majors"])
    assert not campuses & {s["id"] for s in report["schools"]}
    # each campus still belongs to its school, and so to its school's district
    assert all(any(r == "partOf" and g.nodes[v]["type"] == "School" for _, v, r in g.out_edges(c, data="relation"))
               for c in campuses)


@pytest.mark.parametrize(("typed", "entity"), [
    ("中德工程师学院", "ic:cq-city-vc-sino-german-engineers"),
    ("汽修", "major:auto-operation-maintenance"),
    ("数控", "major:cnc-technology-application"),
    ("工业机器人", "major:industrial-robot-application"),
])
def test_short_forms_people_type_resolve(kg, typed, entity):
    assert kg.resolve(typed) == entity


def test_labs_enterprises_built_on_campus_are_a_co_built_base(kg):
    """doc:000: 长城汽车、ABB机器人、双冠电子、华中数控等投入200多万元在校内建成实训室、生产车间."""
    links = school_links(kg.graph, "school:yongchuan-vec", frozenset({"training-base"}))
    via_labs = {lk.enterprise for lk in links if lk.via == "base:yongchuan-vec-oncampus-labs"}
    assert via_labs == {"ent:great-wall-motor", "ent:abb-robotics", "ent:shuangguan-electronics", "ent:huazhong-cnc"}


def test_co_issuing_a_policy_document_is_no_partnership(kg):
    """doc:004: 中共中央办公厅、国务院办公厅联合印发…; 教育部与重庆市人民政府印发…"""
    g = kg.graph
    partners = {frozenset((u, v)) for u, v, r in g.edges(data="relation") if r == "partnersWith"}
    assert not {frozenset(("gov:cpc-general-office", "gov:state-council-general-office")),
                frozenset(("gov:moe", "gov:cq-gov"))} & partners


def test_what_the_plan_intends_is_planned_and_stays_out_of_the_present(kg):
    from rdflib import Namespace

    from zjgraph.rdf import entity_iri, to_rdf

    g = kg.graph
    # doc:004: 推动市发展改革委…等市级部门深度参与西部职教基地建设;
    # 推动长城汽车、雅迪集团等龙头企业…共建一批企业实践中心
    intents = [(u, v, e) for u, v, e in g.edges(data=True) if "推动" in str(e["quote"]) and e["source"] == "doc:004"
               and e["relation"] in ("guides", "coBuilds")]
    assert len(intents) >= 6 and all(e["certainty"] == "planned" for *_, e in intents)
    rdf = to_rdf(g, kg.schema)
    zj = Namespace("https://w3id.org/zjgraph/ontology#")
    # a statement of the intent, never the asserted triple
    assert (entity_iri("ent:great-wall-motor"), zj.coBuilds, entity_iri("base:wvb-enterprise-practice-centers")) \
        not in rdf
    assert any(rdf.subjects(zj.certainty, zj["certainty-planned"]))


def test_the_holes_issue_13_names_are_filled(kg):
    g = kg.graph
    _, classes = catalog.run(kg, "order-classes", {})
    by_name = {r["order_class"]: r for r in classes}
    # doc:002: 学校与宇燕无人机、华道生物、鼎冠动画等5家企业…开设了20个订单班
    assert by_name["20个订单班"]["sponsors"] == ["华道生物", "宇燕无人机", "鼎冠动画"]
    assert by_name["20个订单班"]["schools"] == ["重庆市璧山职业教育中心"]
    # doc:002: 交职校与重庆高速集团、重庆轨道集团、长安汽车等龙头企业合作开展订单培养
    assert by_name["订单培养"]["sponsors"] == ["重庆轨道集团", "重庆高速公路集团有限公司", "长安汽车"]
    status = {(m["school_id"], m["major_id"]): m for m in coverage(kg)["majors"]}
    # 与锦江集团维也纳品牌共建的旅游实训基地 serves 旅游服务与管理: a named partner for the major
    tourism = status[("school:bishan-vec", "major:tourism-service-management")]
    assert (tourism["status"], tourism["partners"]) == ("explicit", ["锦江集团维也纳品牌"])
    # 机动车检测实训基地, built with enterprises the text does not name, serves 汽车制造与检测
    assert status[("school:bishan-vec", "major:auto-manufacturing-testing")]["status"] == "unnamed"
    # 针对工业机器人、数控技术等15个专业开展“三二分段”: majors the school offers
    assert {("school:bishan-vec", "major:industrial-robot-application"),
            ("school:bishan-vec", "major:cnc-technology-application")} <= set(status)
    # 青山技校与多家行业重点企业签订了分专业的校企合作协议
    cnc = status[("school:qingshan-technician", "major:cnc-machining")]
    assert (cnc["status"], cnc["evidence"][0]["count_text"]) == ("unnamed", "多家")
    # 民办2所,分别为重庆市交通职业学校…: 民办, and run by a state enterprise besides
    assert g.nodes["school:jiaozhixiao"]["ownership"] == "民办"
    assert "ent:cq-expressway-group" in {v for _, v, r in g.out_edges("school:jiaozhixiao", data="relation")
                                         if r == "runBy"}


def test_stats_say_how_many_facts_are_plans(kg):
    s = kg.stats()
    assert sum(s["by_certainty"].values()) == s["relations"] + s["attributes"]
    planned = sum(1 for *_, e in kg.graph.edges(data=True) if e["certainty"] == "planned")
    assert planned >= 20 and s["by_certainty"]["planned"] >= planned
