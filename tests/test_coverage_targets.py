"""Policy targets and claims in the coverage report lose nothing: the range, the section of the document that
states each, restatements merged or explained, and the current figure or words saying there is none."""

import csv
import io
import json
import re
from collections import defaultdict

import pytest
from conftest import run

from zjgraph import KnowledgeGraph
from zjgraph.claims import (
    HEADING,
    NO_CURRENT,
    _scope_schools,
    claims,
    current_value,
    graph_value,
    heading_before,
    recency,
    targets,
)


@pytest.fixture(scope="module")
def kg():
    return KnowledgeGraph.load()


@pytest.fixture(scope="module")
def rows(kg):
    return {r["target_id"]: r for r in targets(kg)}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_heading_before_finds_the_nearest_numbered_heading():
    text = ("前言，无标题。\n一、发展目标\n到2027年，在校生达20万人以上。\n二、重点任务\n（一）高起点规划布局\n"
            "1.推动纳入省域模式试点。争取试点，建设基地。\n16.3万名在校生规模，平均每年新增1\n2.1 基本情况\n"
            "2003年起，6所院校迁建。\n")
    at = text.index
    assert heading_before(text, at("前言")) == ""
    assert heading_before(text, at("在校生达")) == "一、发展目标"
    assert heading_before(text, at("高起点")) == "（一）高起点规划布局"
    # the task's title, not the paragraph that runs on in its line; the quote may stand in that line
    assert heading_before(text, at("建设基地")) == "1.推动纳入省域模式试点"
    # a wrapped line starting with a number and its unit is running text, not a heading
    assert heading_before(text, at("平均每年")) == "1.推动纳入省域模式试点"
    assert heading_before(text, at("6所院校")) == "2.1 基本情况"


def test_heading_before_in_the_corpus(kg):
    plan = kg.document_text("doc:004")
    assert heading_before(plan, plan.index("共建“云上课程”10-15门")) == "22.强化与东部发达地区合作"
    feature = kg.document_text("doc:001")  # a news feature: unnumbered subheads only
    assert HEADING.search(feature) is None
    assert heading_before(feature, len(feature)) == ""


def test_a_range_shows_both_ends(rows):
    assert rows["tgt:wvb-cloud-courses-2027"]["target_text"] == "10–15 门"
    assert rows["tgt:wvb-cloud-courses-2027"]["target_max"] == 15
    assert rows["tgt:wvb-internationalised-schools-2027"]["target_text"] == "约 3 所"
    assert rows["tgt:wvb-school-conditions-compliance-2027"]["target_text"] == "≥ 100 %"
    ranges = [r for r in rows.values() if r["target_max"] is not None]
    assert len(ranges) >= 20
    for r in ranges:
        assert re.fullmatch(rf"{r['target']:g}–{r['target_max']:g} \S+", r["target_text"]), r


def test_the_table_and_csv_show_the_range_and_section():
    table = run("coverage", "--section", "targets").stdout
    assert ("西部职教基地 · 共建“云上课程”数\n  目标: 10–15 门  目标年: 2027  现值: 无：文件未报告，图谱无法计数"
            in table)
    assert "  来源: doc:004  出处: 22.强化与东部发达地区合作\n" in table
    out = run("coverage", "--format", "csv", "--section", "targets").stdout.lstrip("\ufeff")
    head, *body = list(csv.reader(io.StringIO(out)))
    for key in ("target_text", "current_text", "section", "note"):
        assert key in head
    cloud = next(row for row in body if row[head.index("target_text")] == "10–15 门")
    assert cloud[head.index("section")] == "22.强化与东部发达地区合作"


def test_every_row_has_the_section_of_a_document_with_headings(kg, rows):
    for r in rows.values():
        texts = [kg.document_text(doc) for doc in r["source"].split("、")]
        if any(HEADING.search(t) for t in texts):
            assert r["section"], r["target_id"]
            for part in r["section"].split(" / "):  # each a heading line of its document
                assert any(re.search(rf"^\s*{re.escape(part)}", t, re.M) for t in texts), part
        else:
            assert r["section"] == ""
    assert rows["tgt:wvb-graduate-employment-rate-2027"]["section"] == "24.强化政策服务资源支持"
    assert rows["tgt:wvb-enrolment-2027"]["section"] == "一、发展目标"
    assert rows["tgt:cq-city-vc-students-2025"]["section"] == ""  # doc:001 has no numbered headings


def test_without_the_corpus_a_section_is_blank(kg, tmp_path):
    exported = KnowledgeGraph(kg.graph, kg.schema, tmp_path)  # as read from an export: no corpus/
    assert {r["section"] for r in targets(exported)} == {""}


def test_restatements_are_merged_or_noted(kg, rows):
    # no two rows left that say the same thing, and rows on the same measure explain each other
    by_measure = defaultdict(list)
    for r in rows.values():
        by_measure[(r["subject"], r["metric"] or r["measure"])].append(r)
    for same in by_measure.values():
        figures = [(r["target_text"], r["target_year"]) for r in same]
        assert len(figures) == len(set(figures)), same
        for r in same:
            others = [o for o in same if o is not r]
            assert all(o["target_text"] in r["note"] for o in others), r
            assert bool(r["note"]) == bool(others) or "已合并" in r["note"], r
    teachers = rows["tgt:wvb-dual-qualified-teachers-goal-2027"]
    assert "tgt:wvb-dual-qualified-teachers-2027" not in rows
    assert teachers["section"] == "一、发展目标 / 17.着力构建名师名匠矩阵"
    assert "已合并" in teachers["note"] and "tgt:wvb-dual-qualified-teachers-2027" in teachers["note"]
    # same metric, different wording (匹配度, 匹配率), same figure: one row
    match = rows["tgt:wvb-major-industry-match-degree-2027"]
    assert "专业对接产业匹配率" in match["note"] and "tgt:wvb-major-industry-match-rate-2027" not in rows
    double_high = rows["tgt:wvb-national-double-high-schools-2027"]
    assert double_high["target_text"] == "2–3 所" and "3 所" in double_high["note"]
    assert "2–3 所" in rows["tgt:wvb-national-double-high-schools-goal-2027"]["note"]
    # no statement is lost: every target of the graph is a row or named in a merged row's note
    notes = " ".join(r["note"] for r in rows.values())
    for tgt, data in kg.graph.nodes(data=True):
        if data["type"] == "Target":
            assert tgt in rows or tgt in notes, tgt


def test_current_is_filled_wherever_a_report_or_the_graph_answers(kg, rows):
    g = kg.graph
    reported = {(d["metric"], u) for i, d in g.nodes(data=True) if d["type"] == "Indicator" and "metric" in d
                for u, _, e in g.in_edges(i, data=True) if e["relation"] == "reportsIndicator"}
    for tgt, r in rows.items():
        subject = next((v for _, v, e in g.out_edges(tgt, data=True) if e["relation"] == "concerns"), None)
        subject = subject or next(u for u, _, e in g.in_edges(tgt, data=True) if e["relation"] == "setsTarget")
        answered = r["metric"] and ((r["metric"], subject) in reported
                                    or graph_value(g, r["metric"], _scope_schools(g, subject)) is not None)
        if answered:
            assert r["current"] is not None and f"{r['current']:g}" in r["current_text"], r
        else:
            assert (r["current"], r["current_from"], r["current_text"]) == (None, "", NO_CURRENT), r
    city = rows["tgt:cq-city-vc-students-2025"]  # the latest report (至今), not the one of 2017
    assert (city["current"], city["current_from"]) == (9700, "ind:cq-city-vc-students-now")
    assert city["current_text"] == "9700 人（文件报告 reported: doc:001，至今（发稿时））"
    assert rows["tgt:wvb-graduate-employment-rate-2027"]["current"] == 96
    assert sum(r["current"] is not None for r in rows.values()) >= 2


def test_the_graph_answers_where_no_document_reports(kg):
    value, origin, text = current_value(kg.graph, "majors-offered", "school:jiaozhixiao", "个", [])
    assert origin == "graph" and value > 0 and text.startswith(f"{value} 个（图谱计数 graph count")
    assert current_value(kg.graph, "major-industry-match", "school:jiaozhixiao", "%", []) == (None, "", NO_CURRENT)


def test_recency_takes_the_present_then_the_latest_year():
    assert recency("至今（发稿时）") > recency("2017") > recency("")
    assert recency("2024-2025学年度") > recency("2024年度")
    assert recency("去年（发稿前一年）") == (False, 0)


def test_claims_keep_their_quote_section_and_restatements(kg):
    by_id = {c["indicator_id"]: c for c in claims(kg)}
    for c in by_id.values():
        doc = kg.document_text(c["source"])
        quotes = [c["quote"]] if isinstance(c["quote"], str) else c["quote"]
        assert all(squeeze(q) in squeeze(doc) for q in quotes), c
    assert by_id["ind:bishan-majors"]["section"] == "1.3.1动态调整专业设置"
    # the same school's enrolment reported for 2017 and now: two figures, each row naming the other
    assert "9700 人（至今（发稿时））" in by_id["ind:cq-city-vc-students-2017"]["note"]
    assert "2600 人（2017）" in by_id["ind:cq-city-vc-students-now"]["note"]
    assert by_id["ind:bishan-majors"]["note"] == ""


def test_a_filter_without_targets_gives_none_and_the_json_keeps_its_shape():
    result = run("coverage", "--district", "璧山区", "--format", "json")
    report = json.loads(result.stdout)
    assert report["targets"] == [] and report["schools"]
    city = json.loads(run("coverage", "--school", "重庆城市职业学院", "--format", "json").stdout)["targets"]
    assert "tgt:cq-city-vc-students-2025" in {t["target_id"] for t in city}
    keys = {"target_id", "setter", "subject", "measure", "comparator", "target", "target_max", "unit", "target_year",
            "metric", "current", "current_from", "source", "target_text", "section", "note", "current_text"}
    assert all(set(t) == keys for t in city)
