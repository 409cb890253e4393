"""`zjgraph view` without a browser: what a view selects, and what the written file holds."""

import os
import re

import networkx as nx
import pytest
from conftest import run
from zjgraph.loaders.to_networkx import located_in

from zjgraph import KnowledgeGraph
from zjgraph.schema import load_schema
from zjgraph.view import select
from zjgraph.view.layout import BROWSER_PHYSICS_MAX_NODES, positions


@pytest.fixture(scope="module")
def kg():
    return KnowledgeGraph.load()


def neighbourhood(g, node):
    return {node} | set(g.successors(node)) | set(g.predecessors(node))


def test_focus_is_the_ego_network(kg):
    school = kg.resolve("重庆市璧山职业教育中心")
    part = select(kg.graph, kg.schema, seeds=[school], depth=1)
    assert set(part.graph) == neighbourhood(kg.graph, school)
    two = select(kg.graph, kg.schema, seeds=[school], depth=2).graph
    assert set(two) == set().union(*(neighbourhood(kg.graph, n) for n in part.graph))


def test_types_and_relations_narrow_the_graph_before_the_ego_network(kg):
    school = kg.resolve("交职校")
    part = select(kg.graph, kg.schema, seeds=[school], types=["Enterprise"], relations=["partnersWith"]).graph
    partners = {v for _, v, r in kg.graph.out_edges(school, data="relation") if r == "partnersWith"}
    partners |= {u for u, _, r in kg.graph.in_edges(school, data="relation") if r == "partnersWith"}
    partners = {n for n in partners if kg.graph.nodes[n]["type"] == "Enterprise"}
    assert partners and set(part) == {school} | partners
    assert {r for *_, r in part.edges(data="relation")} == {"partnersWith"}


def test_types_include_subclasses(kg):
    areas = select(kg.graph, kg.schema, types=["AdministrativeArea"]).graph
    assert {d["type"] for _, d in areas.nodes(data=True)} == {"City", "Country", "District", "Province"}


def test_district_follows_located_in_and_part_of_chains(kg):
    bishan = kg.resolve("璧山区")
    inside = located_in(kg.graph, bishan)
    assert {"school:bishan-vec", "school:jiaozhixiao", "ent:byd-fudi-battery-cq"} <= inside
    chongqing = located_in(kg.graph, kg.resolve("重庆市"))
    assert inside <= chongqing  # 璧山区 partOf 重庆市
    yongchuan = located_in(kg.graph, kg.resolve("永川区"))
    assert "school:cq-tech-university" in yongchuan  # locatedIn 西部职教基地, which is locatedIn 永川区
    assert "campus:cq-city-vc-new-campus" in yongchuan  # partOf 重庆城市职业学院, which is in 永川区


def test_district_view_says_which_schools_have_no_place(kg):
    part = select(kg.graph, kg.schema, district=kg.resolve("璧山区"), types=["School"])
    assert {n for n, d in part.graph.nodes(data=True) if d["type"] == "School"} >= {"school:bishan-vec"}
    assert "school:cq-tech-university" not in part.graph
    assert len(part.notes) == 1 and "no locatedIn fact" in part.notes[0] and "振兴学校" in part.notes[0]


def test_python_layout_places_every_node_apart():
    g = nx.path_graph([f"n{i}" for i in range(BROWSER_PHYSICS_MAX_NODES + 1)])
    pos = positions(g)
    assert set(pos) == set(g)
    assert len({(round(x), round(y)) for x, y in pos.values()}) > 0.95 * len(pos)
    assert positions(g) == pos  # deterministic


def test_cli_writes_one_offline_utf8_file(tmp_path, kg):
    out = tmp_path / "全图.html"
    result = run("view", "-o", out)
    assert result.exit_code == 0, result.output
    assert "wrote " in result.stderr and "physics stops once settled" in result.stderr
    html = out.read_bytes().decode("utf-8")  # UTF-8 whatever the platform's default
    assert '<meta charset="utf-8">' in html and "重庆市交通职业学校" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "a resource would be fetched"
    assert not re.search("bootstrap|jsdelivr|cloudflare|unpkg", html, re.I)
    assert "Noto Sans CJK SC" in html and "Microsoft YaHei" in html and "PingFang SC" in html
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # as shareable as any file the user writes


def test_cli_focus_coverage_and_layout(tmp_path):
    out = tmp_path / "v.html"
    result = run("view", "--focus", "交职校", "--depth", "2", "--layout", "python", "-o", out)
    assert result.exit_code == 0 and "layout computed in Python, physics off" in result.stderr
    assert '"x":' in out.read_text(encoding="utf-8")
    result = run("view", "--coverage", "-o", out)
    assert result.exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "覆盖 Coverage" in html and "专业无企业合作 no partner" in html and "覆盖率 coverage" in html


@pytest.mark.parametrize("args, message", [
    (["--types", "School,Widget"], "unknown type(s) Widget"),
    (["--relations", "likes"], "unknown relation(s) likes"),
    (["--school", "长城汽车"], "is a Enterprise, not a school"),
    (["--district", "交职校"], "not place"),
    (["--focus", "不存在的学校"], "no entity is named “不存在的学校”"),
    (["--types", "Major", "--relations", "partOf"], "nothing to draw"),
])
def test_cli_refuses_bad_options_and_writes_nothing(tmp_path, args, message):
    out = tmp_path / "v.html"
    result = run("view", *args, "-o", out)
    assert result.exit_code != 0 and message in result.stderr
    assert not out.exists()


def test_missing_pyvis_says_how_to_install(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pyvis", None)  # what `import pyvis` meets when it is not installed
    result = run("view", "-o", tmp_path / "v.html")
    assert result.exit_code == 1 and 'pip install pyvis igraph' in result.stderr


def test_every_ontology_class_and_relation_has_a_label_in_the_legend():
    from zjgraph.view.style import class_label, relation_label

    schema = load_schema()
    for cls, c in schema.entity_classes().items():
        assert class_label(schema, cls) == f"{c.label_zh} {c.label_en}"
    for rel, p in schema.relations().items():
        assert relation_label(schema, rel) == f"{p.label_zh} {p.label_en}"


def test_aggregate_counts_the_enterprises_order_classes_and_alliances_spanning_two_groups(kg):
    from zjgraph.view.aggregate import aggregate

    g = nx.MultiDiGraph()
    names = {"place:a": "District", "place:b": "District", "s1": "School", "s2": "School", "s3": "School",
             "e": "Enterprise", "o1": "OrderClass", "o2": "OrderClass", "al": "Alliance"}
    g.add_nodes_from((n, {"type": t, "name": n}) for n, t in names.items())
    for u, v, rel in [("s1", "place:a", "locatedIn"), ("s2", "place:b", "locatedIn"), ("s3", "place:a", "locatedIn"),
                      ("s1", "e", "partnersWith"), ("e", "s2", "partnersWith"), ("s1", "o1", "runsOrderClass"),
                      ("s2", "o2", "runsOrderClass"), ("e", "o1", "sponsorsOrderClass"),
                      ("e", "o2", "sponsorsOrderClass"), ("s1", "al", "memberOf"), ("s2", "al", "memberOf")]:
        g.add_edge(u, v, relation=rel)
    agg = aggregate(g, g, "district")
    assert {gid: grp.schools for gid, grp in agg.groups.items()} == {"place:a": 2, "place:b": 1}
    assert dict(agg.ties[("place:a", "place:b")]) == {"partnerships": 1, "order_classes": 1, "alliances": 1}
    assert agg.ungrouped_schools == []
    within = set(g) - {"s2"}  # without s2, nothing spans the two districts any more
    agg = aggregate(g, within, "district")
    assert set(agg.groups) == {"place:a"} and agg.ties == {}


def test_cli_defaults_leave_out_figures_and_entities_without_edges(tmp_path, kg):
    out = tmp_path / "v.html"
    assert run("view", "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    figures = [n for n, t in kg.graph.nodes(data="type") if t == "Indicator"]
    assert f'"id": "{figures[0]}"' not in html and "entities with no edge in this view not drawn" in html
    assert run("view", "--with-indicators", "-o", out).exit_code == 0
    assert f'"id": "{figures[0]}"' in out.read_text(encoding="utf-8")
    assert run("view", "--types", "Indicator,School", "-o", out).exit_code == 0
    assert f'"id": "{figures[0]}"' in out.read_text(encoding="utf-8")


def test_cli_group_by_writes_an_overview_and_a_page_per_group(tmp_path):
    out = tmp_path / "clusters.html"
    result = run("view", "--group-by", "cluster", "-o", out)
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in (tmp_path / "clusters.groups").iterdir())
    assert "cluster groups of" in result.stderr and f"{len(pages)} group pages" in result.stderr and pages
    html = out.read_text(encoding="utf-8")
    assert "grouped by 产业集群 industry cluster" in html and f'"href": "clusters.groups/{pages[0]}"' in html
    result = run("view", "--group-by", "district", "--types", "Major", "-o", tmp_path / "none.html")
    assert result.exit_code != 0 and "nothing to draw" in result.stderr


def test_python_layout_packs_components_side_by_side():
    g = nx.Graph()
    nx.add_path(g, [f"a{i}" for i in range(40)])
    g.add_nodes_from(f"lone{i}" for i in range(30))
    pos = positions(g)
    xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert max(width, height) < 3 * min(width, height) + 200  # a block, not a ring of strays around a dot
    assert len({(round(x), round(y)) for x, y in pos.values()}) == len(pos)


def test_cli_draws_an_overview_above_the_size_a_page_can_show(tmp_path, monkeypatch):
    from zjgraph.view import overview

    monkeypatch.setattr(overview, "AGGREGATE_ABOVE", 100)  # the bundled default view has about 200 entities
    out = tmp_path / "v.html"
    result = run("view", "-o", out)
    assert result.exit_code == 0 and "too many to draw one by one (over 100)" in result.stderr
    assert "district groups of" in result.stderr and (tmp_path / "v.groups").is_dir()
    result = run("view", "--group-by", "none", "-o", out)
    assert result.exit_code == 0 and "entities," in result.stderr and "groups" not in result.stderr
    monkeypatch.setattr(overview, "GROUP_PAGES_MAX", 2)  # more groups than pages written: commands instead
    result = run("view", "--group-by", "district", "-o", tmp_path / "many.html")
    assert result.exit_code == 0 and "too many to write a page for each" in result.stderr
    html = (tmp_path / "many.html").read_text(encoding="utf-8")
    assert "zjgraph view --district 璧山区 -o place-bishan.html" in html and '"href"' not in html
    assert not (tmp_path / "many.groups").exists()
