"""The HTML views in a real headless Chromium: they load without errors or requests, draw what the graph
holds, keep hostile text inert, and stay usable at thousands of nodes. Screenshots go to tests/artifacts/.
"""

import json
import random
from pathlib import Path

import networkx as nx
import pytest
from browser import browser_or_skip
from conftest import run
from zjgraph.loaders.to_networkx import located_in

from zjgraph import KnowledgeGraph
from zjgraph.output import write_atomic
from zjgraph.schema import load_schema
from zjgraph.view import coverage_of, render_html

ARTIFACTS = Path(__file__).parent / "artifacts"
READY = 'document.body.dataset.ready === "1"'

SCRIPT = '<script>window.pwned="script";alert("xss")</script>'
IMG = '<img src=x onerror="window.pwned=\'img\';alert(2)">'


@pytest.fixture(scope="module")
def browser():
    b = browser_or_skip()
    yield b
    b.close()


@pytest.fixture(scope="module")
def kg():
    return KnowledgeGraph.load()


def view(browser, tmp_path, name, *args):
    """Write a view with the CLI, open it, wait until it is drawn, keep a screenshot; the page is clean."""
    out = tmp_path / f"{name}.html"
    result = run(*args[:args.index("view") + 1], "-o", out, *args[args.index("view") + 1:])
    assert result.exit_code == 0, result.output
    return open_page(browser, out, name)


def open_page(browser, path, name):
    page = browser.open(path)
    page.wait_for(READY)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(ARTIFACTS / f"{name}.png")
    assert page.errors == [] and page.requests == [] and page.dialogs == []
    return page


def drawn_edges(g):
    """The edges a view draws: one per (source, target, relation), however many facts state it."""
    return {(u, v, r) for u, v, r in g.edges(data="relation")}


def test_overview_draws_every_connected_entity_but_figures_and_then_stops(browser, tmp_path, kg):
    page = view(browser, tmp_path, "overview", "view")
    figures = {n for n, t in kg.graph.nodes(data="type") if t in ("Indicator", "Target")}
    rest = kg.graph.subgraph(set(kg.graph) - figures)
    connected = {n for n in rest if rest.degree(n)}
    assert set(page.evaluate("nodes.getIds()")) == connected and len(connected) > 150
    assert page.evaluate("network.body.nodeIndices.length") == len(connected)
    assert page.evaluate("network.body.data.edges.length") == len(drawn_edges(rest))
    lonely = len(rest) - len(connected)
    assert f"{lonely} entities with no edge in this view not drawn" in page.evaluate(
        "document.querySelector('header').innerText")
    hubs = page.evaluate("nodes.get().filter(n => n.hub).map(n => n.id)")
    assert "school:bishan-vec" in hubs and len(hubs) >= 8
    page.evaluate("network.moveTo({scale: 0.1})")
    page.wait_for("nodes.get('school:bishan-vec').font.size > 100")  # far out, a hub's label keeps 15 px
    assert page.evaluate("nodes.get('school:bishan-vec').font.size * network.getScale()") >= 14
    assert page.evaluate("network.physics.physicsEnabled") is False  # settled, then stopped
    assert page.evaluate("document.querySelector('.zjx-filters').innerText").count("学校 School") == 1


def test_focus_view_holds_exactly_the_neighbours(browser, tmp_path, kg):
    school = kg.resolve("重庆市璧山职业教育中心")
    page = view(browser, tmp_path, "focus", "view", "--focus", "重庆市璧山职业教育中心")
    expected = {school} | set(kg.graph.successors(school)) | set(kg.graph.predecessors(school))
    figures = {n for n in expected if kg.graph.nodes[n]["type"] in ("Indicator", "Target")}
    assert figures and set(page.evaluate("nodes.getIds()")) == expected - figures
    assert page.evaluate("document.title") == "重庆市璧山职业教育中心 (depth 1)"


def test_search_box_focuses_an_entity_and_the_panel_shows_its_evidence(browser, tmp_path, kg):
    page = view(browser, tmp_path, "search", "view", "--district", "璧山区")
    box = "document.querySelector('.zjx-search')"
    page.evaluate(f"{box}.focus()")
    page.type("交通职业")
    titles = page.evaluate("[...document.querySelectorAll('.zjx-results li')].map(li => li.textContent)")
    assert "重庆市交通职业学校" in titles
    page.key("Enter")
    assert page.evaluate("network.getSelectedNodes()") == ["school:jiaozhixiao"]
    page.wait_for("Math.abs(network.getViewPosition().x - network.getPositions(['school:jiaozhixiao'])"
                  "['school:jiaozhixiao'].x) < 1")  # centred on it
    panel = page.evaluate("document.querySelector('.zjx-panel').innerText")
    assert panel.startswith("×\n重庆市交通职业学校") or "重庆市交通职业学校" in panel.splitlines()[:3]
    facts = [(u, v) for u, v in drawn_edges_of(page)]
    partners = [e for e in facts if "school:jiaozhixiao" in e]
    assert f"Facts and evidence ({len(partners)})" in panel
    quote = next(d["quote"] for _, _, d in kg.graph.out_edges("school:jiaozhixiao", data=True)
                 if d["relation"] == "partnersWith")
    assert (quote if isinstance(quote, str) else quote[0]) in panel  # the evidence, verbatim
    page.evaluate(f"{box}.value = ''")
    page.type("不存在的名字")
    assert page.evaluate("document.querySelector('.zjx-results').innerText") == "无结果 no match"


def test_clicking_a_node_opens_the_panel_and_toggles_hide_types(browser, tmp_path):
    page = view(browser, tmp_path, "panel", "view", "--focus", "交职校")
    point = page.evaluate("(() => { const p = network.canvasToDOM(network.getPositions(['ent:changan'])"
                          "['ent:changan']); const r = document.querySelector('.zjx-canvas').getBoundingClientRect();"
                          " return {x: p.x + r.left, y: p.y + r.top}; })()")
    page.click(point["x"], point["y"])
    page.wait_for("!document.querySelector('.zjx-panel').hidden")
    assert page.evaluate("document.querySelector('.zjx-panel h2').textContent") == "长安汽车"
    page.evaluate("document.querySelector('.zjx-filters input[data-key=Enterprise]').click()")
    hidden = page.evaluate("nodes.get().filter(n => n.hidden).map(n => n.type)")
    assert hidden and set(hidden) == {"Enterprise"}
    assert page.evaluate("edges.get().filter(e => e.hidden).every(e => "
                         "nodes.get(e.from).hidden || nodes.get(e.to).hidden)")
    page.evaluate("explorer.focus('ent:changan')")  # focusing a hidden entity shows its type again
    assert page.evaluate("nodes.get('ent:changan').hidden") is False


def test_aggregate_view_counts_the_graphs_schools_and_links_each_group(browser, tmp_path, kg):
    page = view(browser, tmp_path, "groups", "view", "--group-by", "district")
    g = kg.graph
    expected = {}
    for d in (n for n, t in g.nodes(data="type") if t == "District"):
        schools = {n for n in located_in(g, d) if g.nodes[n]["type"] == "School"}
        if schools:
            expected[d] = len(schools)
    drawn = page.evaluate("Object.fromEntries(nodes.get().map(n => [n.id, n.label]))")
    assert {d for d, label in drawn.items() if not label.endswith(" 0 所学校")} == set(expected)
    assert all(drawn[d].endswith(f"\n{k} 所学校") for d, k in expected.items())
    placed = set().union(*({n for n in located_in(g, d) if g.nodes[n]["type"] == "School"} for d in expected))
    header = page.evaluate("document.querySelector('header').innerText")
    schools = sum(1 for _, t in g.nodes(data="type") if t == "School")
    assert f"with {len(placed)} of {schools} schools" in header and "grouped by 区县 district" in header
    href = page.evaluate("nodes.get('place:bishan').href")
    assert href == "groups.groups/place-bishan.html" and (tmp_path / href).is_file()
    point = page.evaluate("(() => { const p = network.canvasToDOM(network.getPositions(['place:bishan'])"
                          "['place:bishan']); const r = document.querySelector('.zjx-canvas')"
                          ".getBoundingClientRect(); return {x: p.x + r.left, y: p.y + r.top}; })()")
    page.click(point["x"], point["y"])  # clicking a group opens its own view
    page.wait(lambda: page.evaluate("location.href").endswith("place-bishan.html"), "the group's page")
    page.wait_for('document.body.dataset.ready === "1"')
    ids = set(page.evaluate("nodes.getIds()"))
    assert {"school:bishan-vec", "school:jiaozhixiao"} <= ids and "school:yongchuan-vec" not in ids
    assert page.errors == [] and page.dialogs == []


def drawn_edges_of(page):
    return [tuple(e) for e in page.evaluate("edges.get().map(e => [e.from, e.to])")]


def test_district_view_draws_its_schools(browser, tmp_path):
    page = view(browser, tmp_path, "district", "view", "--district", "璧山区", "--types", "School,Enterprise")
    ids = set(page.evaluate("nodes.getIds()"))
    assert {"school:bishan-vec", "school:jiaozhixiao", "school:qingshan-technician"} <= ids
    assert "school:yongchuan-vec" not in ids
    assert "no locatedIn fact" in page.evaluate("document.querySelector('header').innerText")


def test_coverage_view_marks_majors_without_partner(browser, tmp_path, kg):
    page = view(browser, tmp_path, "coverage", "view", "--coverage")
    cov = coverage_of(kg)
    lacking = {m for (_, m), status in cov.status.items() if status == "none"}
    assert lacking
    colors = page.evaluate("Object.fromEntries(nodes.get().map(n => [n.id, n.color]))")
    assert {m for m, c in colors.items() if m.startswith("major:") and c == "#d62728"} == lacking
    assert colors["school:banan-vec"] != colors["school:bishan-vec"]  # 100 % and 12.5 % coverage
    labels = page.evaluate("Object.fromEntries(nodes.get().map(n => [n.id, n.label]))")
    assert cov.percent and all(labels[s].endswith(f"\n{p:.0f}%") for s, p in cov.percent.items())
    assert page.evaluate("document.title").startswith("专业合作覆盖 Coverage")


@pytest.fixture
def hostile(mini):
    """The mini data with a script in an enterprise's name and an onerror image in a quote, as a document
    could carry them (the corpus holds them too, so the data is valid)."""
    def edit(rel, *pairs):
        path = mini / rel
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")

    def toml(s):
        return json.dumps(s, ensure_ascii=False)

    edit("corpus/mini.txt", ("长安汽车", "长安汽车" + SCRIPT),
         ("隶属重庆高速公路集团有限公司", "隶属重庆高速公路集团有限公司" + IMG))
    edit("registry/entities.toml", ('name = "长安汽车"', "name = " + toml("长安汽车" + SCRIPT)))
    edit("facts/001.toml",
         ('quote = "交职校与长安汽车开展订单培养"', "quote = " + toml("交职校与长安汽车" + SCRIPT + "开展订单培养")),
         ('quote = "交职校成立于2011年11月,隶属重庆高速公路集团有限公司"',
          "quote = " + toml("交职校成立于2011年11月,隶属重庆高速公路集团有限公司" + IMG)))
    assert run("--data", mini, "validate", "--no-shacl").exit_code == 0
    return mini


def tooltip_at(page, js_point):
    """Rest the mouse on a canvas point (a JS expression giving {x, y}) and return the tooltip element's
    text and how many elements it holds besides line breaks (HTML would make some)."""
    point = page.evaluate(f"(() => {{ const p = network.canvasToDOM({js_point}); "
                          "const r = document.querySelector('.zjx-canvas').getBoundingClientRect(); "
                          "return {x: p.x + r.left, y: p.y + r.top}; })()")
    page.evaluate("document.querySelectorAll('.vis-tooltip').forEach(t => t.style.visibility = 'hidden')")
    page.hover(point["x"] + 1, point["y"] + 1)
    page.hover(point["x"], point["y"])
    page.wait_for("[...document.querySelectorAll('.vis-tooltip')].some(t => t.style.visibility === 'visible')")
    return page.evaluate("(() => { const t = [...document.querySelectorAll('.vis-tooltip')]"
                         ".find(t => t.style.visibility === 'visible'); "
                         "return [t.innerText, t.querySelectorAll(':not(br)').length]; })()")


def test_hostile_names_and_quotes_stay_text(browser, tmp_path, hostile):
    page = view(browser, tmp_path, "xss", "--data", hostile, "view", "--focus", "ent:changan", "--depth", "2",
                "--layout", "python", "--title", "长安汽车" + SCRIPT + IMG)
    html = (tmp_path / "xss.html").read_text(encoding="utf-8")
    assert SCRIPT not in html and "<img src=x" not in html
    assert page.evaluate("window.pwned") is None and page.dialogs == []
    assert page.evaluate("document.querySelectorAll('main script, header script, header img').length") == 0
    assert page.evaluate("document.querySelector('h1').textContent") == "长安汽车" + SCRIPT + IMG
    assert page.evaluate("document.title") == "长安汽车" + SCRIPT + IMG
    assert page.evaluate("nodes.get('ent:changan').label").replace("\n", "") == "长安汽车" + SCRIPT

    text, elements = tooltip_at(page, "network.getPositions(['ent:changan'])['ent:changan']")
    assert text.startswith("长安汽车" + SCRIPT) and elements == 0
    midpoint = ("(() => { const p = network.getPositions(['school:jiaozhi', 'ent:cq-expressway']); "
                "return {x: (p['school:jiaozhi'].x + p['ent:cq-expressway'].x) / 2, "
                "y: (p['school:jiaozhi'].y + p['ent:cq-expressway'].y) / 2}; })()")
    text, elements = tooltip_at(page, midpoint)
    assert IMG in text and "doc:001 《迷你测试文件》" in text and elements == 0
    page.evaluate("explorer.focus('ent:changan')")  # the side panel and the search list: text too
    assert page.evaluate("document.querySelector('.zjx-panel h2').textContent") == "长安汽车" + SCRIPT
    assert page.evaluate("document.querySelectorAll('.zjx-panel script, .zjx-panel img').length") == 0
    assert page.evaluate("explorer.search('长安')") == ["ent:changan"]
    assert page.evaluate("document.querySelectorAll('.zjx-results script').length") == 0
    assert page.evaluate("window.pwned") is None
    assert page.errors == [] and page.requests == [] and page.dialogs == []


def synthetic(schools: int, enterprises: int, majors: int, seed: int = 7) -> nx.MultiDiGraph:
    """A graph shaped like ours, bigger: each enterprise partners one school, each major is offered by three."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph(documents={"doc:s": {"id": "doc:s", "title": "合成数据"}})
    for prefix, type_, n, zh in (("school", "School", schools, "学校"), ("ent", "Enterprise", enterprises, "企业"),
                                 ("major", "Major", majors, "专业")):
        g.add_nodes_from((f"{prefix}:{i}", {"type": type_, "name": f"{zh}{i}"}) for i in range(n))

    def fact(u, v, relation):
        k = g.number_of_edges()
        g.add_edge(u, v, key=f"doc:s#{k}", relation=relation, source="doc:s", quote=f"第{k}句", certainty="stated")

    for i in range(enterprises):
        fact(f"school:{rng.randrange(schools)}", f"ent:{i}", "partnersWith")
    for i in range(majors):
        for _ in range(3):
            fact(f"school:{rng.randrange(schools)}", f"major:{i}", "offersMajor")
    return g


def test_thousands_of_nodes_open_laid_out_with_physics_off(browser, tmp_path):
    g = synthetic(schools=150, enterprises=2500, majors=350)
    path = tmp_path / "large.html"
    write_atomic(path, render_html(g, load_schema(), title="合成大图"))
    page = open_page(browser, path, "large")
    assert page.evaluate("network.body.data.nodes.length") == g.number_of_nodes() == 3000
    assert page.evaluate("network.physics.physicsEnabled") is False
    assert page.evaluate("JSON.parse(document.getElementById('zjgraph-data').textContent)"
                         ".options.physics.enabled") is False
    spread = page.evaluate("(() => { const xs = Object.values(network.getPositions()).map(p => p.x); "
                           "return Math.max(...xs) - Math.min(...xs); })()")
    assert spread > 1000  # positions came from Python, not all at the origin
