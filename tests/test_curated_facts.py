"""Spot checks of the curated graph against sentences of the documents, as a researcher would ask them."""

import pytest

from zjgraph import KnowledgeGraph


@pytest.fixture(scope="module")
def kg():
    return KnowledgeGraph.load()


def edges(kg, subject, relation):
    return {(v, e["source"]): e for _, v, e in kg.graph.out_edges(subject, data=True) if e["relation"] == relation}


def test_one_school_under_all_its_names(kg):
    # doc:002 defines 交职校 (以下简称交职校) and also writes 璧山交职校
    assert {kg.resolve(n) for n in ("交职校", "璧山交职校", "重庆市交通职业学校")} == {"school:jiaozhixiao"}


def test_jiaozhixiao_is_run_by_the_expressway_group(kg):
    e = edges(kg, "school:jiaozhixiao", "runBy")[("ent:cq-expressway-group", "doc:002")]
    assert "交职校成立于2011年11月,隶属重庆高速公路集团有限公司" in e["quote"]
    assert kg.graph.nodes["school:jiaozhixiao"]["schoolLevel"] == "中职"


def test_document_local_short_form(kg):
    # in the Bishan report 职教中心 is 璧山职教中心
    assert kg.graph.graph["local_aliases"]["doc:002"]["职教中心"] == "school:bishan-vec"


def test_yongchuan_order_class_numbers(kg):
    nodes = kg.graph.nodes
    assert nodes["ind:wvb-order-classes"]["value"] == 113
    assert nodes["ind:wvb-order-class-majors"]["value"] == 44
    assert ("ind:wvb-order-classes", "doc:001") in edges(kg, "zone:western-vet-base", "reportsIndicator")


def test_major_industry_match_target(kg):
    target = kg.graph.nodes["tgt:wvb-major-industry-match-degree-2027"]
    assert (target["value"], target["unit"], target["targetYear"]) == (95, "%", 2027)
    setters = [u for u, _, e in kg.graph.in_edges("tgt:wvb-major-industry-match-degree-2027", data=True)
               if e["relation"] == "setsTarget"]
    assert setters == ["gov:yongchuan-gov"]


def test_ayec_order_class(kg):
    g = kg.graph
    runs = edges(kg, "school:banan-vec", "runsOrderClass")
    assert ("oc:banan-vec-ayec", "doc:003") in runs
    assert any(u == "ent:saic-gm" and e["relation"] == "sponsorsOrderClass"
               for u, _, e in g.in_edges("oc:banan-vec-ayec", data=True))
    assert ("major:auto-operation-maintenance", "doc:003") in edges(kg, "oc:banan-vec-ayec", "forMajor")


def test_jiangnan_leads_its_vocational_group(kg):
    assert ("alliance:jiangnan-farmer-training-group", "doc:003") in edges(kg, "school:jiangnan-vs", "leads")
    assert kg.graph.nodes["alliance:jiangnan-farmer-training-group"]["allianceKind"] == "职教集团"


def test_majors_carry_catalogue_codes(kg):
    major = kg.graph.nodes["major:nev-operation-maintenance"]
    assert (major["catalogueCode"], major["catalogueMatch"], major["catalogueCategory"]) == (
        "700209", "exact", "道路运输类")
    assert "catalogueCode" not in kg.graph.nodes["major:cnc-machining"]  # a 技工院校 name, not in the MOE catalogue
