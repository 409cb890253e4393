"""Named queries from the command line, checked against what the documents say."""

import csv
import io
import json
import sys
from collections import Counter

from conftest import run


def rows(*args):
    result = run("query", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_list_shows_every_query_with_its_parameters():
    out = run("query", "--list").stdout
    for name in ("majors-without-partner", "enterprises-spanning-schools", "school-profile", "enterprise-footprint",
                 "alliance-members", "order-classes", "cluster-supply", "connection", "bridges"):
        assert f"\n{name}\n" in f"\n{out}"
    assert "--param min=…  (int, default '2')" in out
    assert "--param from=…  (Entity, required)" in out


def test_majors_without_partner_tells_the_four_statuses_apart():
    by_major = {(r["school"], r["major"]): r for r in rows("majors-without-partner")}
    # doc:003: the AYEC class of 巴南职教中心 with 上汽通用, for 汽车运用与维修
    ayec = by_major[("巴南职业教育中心", "汽车运用与维修")]
    assert (ayec["status"], ayec["partners"], ayec["rule"]) == ("explicit", ["上汽通用汽车"], "")
    # doc:002: 青山技校 with 比亚迪弗迪 and 红宇 for 数控技术应用
    assert by_major[("重庆市青山工业技工学校", "数控技术应用")]["status"] == "explicit"
    # doc:002: 交职校's partners include 长安汽车 (汽车), tied to no major: inferred only, rule named
    nev = by_major[("重庆市交通职业学校", "新能源汽车运用与维修")]
    assert (nev["status"], nev["rule"]) == ("inferred", "industry-match")
    assert "长安汽车" in nev["partners"]
    # doc:003 names no enterprise of 江南职业学校; its 现代学徒制 pilot majors have partners it does not name
    assert {m: r["status"] for (s, m), r in by_major.items() if s == "重庆市江南职业学校"} == {
        "机械制造技术": "unnamed", "汽车运用与维修": "unnamed", "汽车制造与检测": "none", "电子电器应用与维修": "none"}


def test_parameters_go_through_aliases():
    assert {r["school"] for r in rows("majors-without-partner", "-p", "school=交职校")} == {"重庆市交通职业学校"}
    assert rows("school-profile", "-p", "school=school:jiaozhixiao") == rows("school-profile", "-p", "school=交职校")


def test_enterprises_spanning_schools_names_each_link_kind():
    changan = {r["school"]: r for r in rows("enterprises-spanning-schools") if r["enterprise"] == "长安汽车"}
    # doc:002 交职校 …与重庆轨道集团、长安汽车等龙头企业开展订单培养; doc:003 巴南 与长安开展“汽车检测线”共建
    assert set(changan) == {"重庆市交通职业学校", "巴南职业教育中心"}
    assert changan["巴南职业教育中心"]["training_base"] is True
    assert all(r["schools"] == 2 for r in changan.values())


def test_connection_gives_the_evidence_of_each_step():
    paths = rows("connection", "-p", "from=巴南职教中心", "-p", "to=上汽通用")
    assert paths and all(p["hops"] == 1 for p in paths)
    assert any("上汽通用" in q for p in paths for q in p["quotes"])


def test_cluster_supply_reports_unserved_clusters():
    clusters = {r["cluster"]: r for r in rows("cluster-supply")}
    assert clusters["汽摩"]["status"] == "unserved"
    assert "重庆市交通职业学校" in clusters["智能轨道交通"]["schools"]


def test_bridges_and_profiles_answer():
    assert any(r["district_count"] >= 2 for r in rows("bridges"))
    profile = rows("school-profile", "-p", "school=交职校")[0]
    assert profile["districts"] == ["璧山区"] and "长安汽车" in profile["partners"]


def test_csv_output_opens_in_excel():
    out = run("query", "alliance-members", "--format", "csv").stdout
    assert out.startswith("\ufeff")
    assert next(csv.reader(io.StringIO(out.lstrip("\ufeff"))))[:2] == ["alliance_id", "alliance"]


def test_cypher_text_is_printed_for_neo4j_browser():
    assert run("query", "bridges", "--cypher").stdout.startswith("// name: bridges")


def test_bad_parameters_get_a_clear_message():
    for args, message in [
        (("no-such-query",), "no named query “no-such-query”"),
        (("school-profile",), "parameter “school” is required"),
        (("school-profile", "-p", "school=不存在的学校"), "no School is named “不存在的学校”"),
        (("school-profile", "-p", "school=长安汽车"), "“长安汽车” (ent:changan) is of type Enterprise, not School"),
        (("bridges", "-p", "min=two"), "must be a whole number"),
        (("bridges", "-p", "size=2"), "unknown parameter(s) size; expected: min"),
    ]:
        result = run("query", *args)
        assert result.exit_code == 1 and message in result.stderr, (args, result.stderr)
    assert run("query", "bridges", "-p", "min").exit_code == 2


def test_cypher_command_runs_a_researchers_query():
    result = run("cypher", "MATCH (s:School)-[r:PARTNERS_WITH]-(e:Enterprise) WHERE e.name = $name "
                 "RETURN s.name AS school, r.source AS source ORDER BY school",
                 "-p", "name=长安汽车", "--format", "json")
    assert result.exit_code == 0, result.output
    assert {r["school"] for r in json.loads(result.stdout)} == {"重庆市交通职业学校", "巴南职业教育中心"}
    bad = run("cypher", "MATCH (n:School RETURN n")
    assert bad.exit_code == 1 and "zjgraph:" in bad.stderr and "Traceback" not in bad.output


def test_cypher_without_ladybug_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "ladybug", None)  # what Python sees when the package is not installed
    result = run("cypher", "MATCH (n:School) RETURN count(n)")
    assert result.exit_code == 1
    assert "pip install ladybug" in result.stderr


def test_connection_finds_the_shortest_paths_networkx_finds():
    import random

    import networkx as nx
    from generated import generated_kg
    from zjgraph.queries.paths import MAX_HOPS, shortest_paths

    g = generated_kg().graph
    simple = nx.Graph(g.to_undirected(as_view=True))
    rng, nodes, found = random.Random(3), sorted(g), Counter()
    for _ in range(300):
        a, b = rng.sample(nodes, 2)
        try:
            expected = sorted(nx.all_shortest_paths(simple, a, b))
        except nx.NetworkXNoPath:
            expected = []
        if expected and len(expected[0]) - 1 > MAX_HOPS:
            expected = []
        assert sorted(shortest_paths(g, a, b)) == expected, (a, b)
        found[len(expected[0]) - 1 if expected else None] += 1
    assert {1, 2, 3, 4, None} <= set(found), found
