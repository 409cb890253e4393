"""zjgraph serve in a real headless Chromium, as a person uses it: search → entity → the highlighted passage in
its document → coverage drill-down → a query form → its CSV. No page logs an error or asks anything of another
origin; hostile text in names and quotes stays text. Screenshots go to tests/artifacts/serve-*.png."""

from pathlib import Path

import pytest
from browser import browser_or_skip
from test_view_browser import IMG, SCRIPT, hostile  # noqa: F401  (hostile: the fixture)

from zjgraph.web import create_app
from zjgraph.web.server import Background

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def browser():
    b = browser_or_skip(width=1280, height=900)
    yield b
    b.close()


@pytest.fixture(scope="module")
def server():
    s = Background(create_app())
    yield s
    s.stop()


def clean(page, base: str, name: str) -> None:
    """The page logged no error, asked nothing of another origin, opened no dialog; keep a screenshot."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(ARTIFACTS / f"serve-{name}.png")
    assert page.errors == [] and page.dialogs == [], name
    assert all(url.startswith(base + "/") for url in page.requests), page.requests


def visible(page, selector: str) -> bool:
    """Whether the element is inside the viewport."""
    return page.evaluate(f"(() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect(); "
                         "return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; })()")


def test_search_entity_passage_coverage_query_csv(browser, server):
    base = server.url
    page = browser.open(base + "/")
    page.navigate("document.querySelector('form.search input[name=q]').value = '交职校';"
                  "document.querySelector('form.search').submit()")
    assert "/search?q=" in page.url
    assert page.evaluate("document.querySelector('ol.hits a.entity').textContent") == "重庆市交通职业学校"
    clean(page, base, "search")

    page.navigate("document.querySelector('ol.hits a.entity').click()")
    assert page.url == base + "/entity/school:jiaozhixiao"
    assert page.evaluate("document.querySelector('h1').textContent").startswith("重庆市交通职业学校")
    link = page.evaluate("document.querySelector('.source a[href*=\"/document/\"]').getAttribute('href')")
    quote = page.evaluate("document.querySelector('blockquote.quote').textContent").strip("“”")
    clean(page, base, "entity")

    # The evidence link opens the document at the passage: its highlight chosen, in view, its fact listed.
    page.navigate("document.querySelector('.source a[href*=\"/document/\"]').click()")
    page.wait_for('document.body.dataset.ready === "1"')
    anchor = link.split("#")[1]
    assert page.url.endswith(link)
    assert page.evaluate("[...document.querySelectorAll('mark.selected')].map(m => m.textContent).join('')"
                         ).replace("\n", "") == quote
    assert visible(page, "mark.selected")
    assert page.evaluate("[...document.querySelectorAll('ol.fact-list li')].filter(li => !li.hidden)"
                         ".map(li => li.id)") == [f"item-{anchor}"]
    # A click on another highlight lists that highlight's facts; "show all" brings the list back.
    other = page.evaluate("(() => { const m = [...document.querySelectorAll('mark')].find(m => !m.dataset.facts"
                          f".split(' ').includes('{anchor}')); m.click(); return m.dataset.facts; }})()")
    shown = page.evaluate("[...document.querySelectorAll('ol.fact-list li')].filter(li => !li.hidden)"
                          ".map(li => li.id.slice(5))")
    assert shown and set(shown) == set(other.split())
    page.evaluate("document.getElementById('show-all').click()")
    assert page.evaluate("[...document.querySelectorAll('ol.fact-list li')].every(li => !li.hidden)")
    clean(page, base, "document")

    # Coverage: school → its majors → the evidence behind one major's status.
    page.navigate(f"location.href = {base + '/coverage'!r}")
    assert page.evaluate("document.querySelector('figure.chart svg') !== null")
    clean(page, base, "coverage")
    page.navigate("[...document.querySelectorAll('table.coverage a')].find(a => a.textContent === "
                  "'重庆市璧山职业教育中心').click()")
    assert "school=school%3Abishan-vec" in page.url
    majors = page.evaluate("[...document.querySelectorAll('table.grid')[0].querySelectorAll('tbody a')]"
                           ".map(a => a.textContent)")
    assert "直播电商" in majors
    page.navigate("[...document.querySelectorAll('table.grid a')].find(a => a.textContent === '直播电商').click()")
    assert page.evaluate("document.querySelector('section.drill h2').textContent").startswith("直播电商")
    assert page.evaluate("document.querySelector('section.drill .status').textContent") in (
        "explicit", "unnamed", "inferred", "none")
    clean(page, base, "coverage-major")

    # A query form built from its header; its results link to entities; its CSV downloads what it shows.
    page.navigate(f"location.href = {base + '/queries'!r}")
    page.navigate("[...document.querySelectorAll('dl.queries a')].find(a => a.textContent === 'school-profile')"
                  ".click()")
    assert page.evaluate("document.querySelector('form.query input[name=school]').required") is True
    assert page.evaluate("document.querySelectorAll('#list-school option').length") >= 7  # name suggestions
    page.navigate("document.querySelector('form.query input[name=school]').value = '交职校';"
                  "document.querySelector('form.query').submit()")
    assert page.url.endswith("/queries/school-profile?school=%E4%BA%A4%E8%81%8C%E6%A0%A1")
    assert page.evaluate("document.querySelector('table.results a.entity').getAttribute('href')"
                         ) == "/entity/school:jiaozhixiao"
    csv = page.evaluate("fetch(document.querySelector('a[href*=\".csv\"]').href).then(r => r.arrayBuffer())"
                        ".then(b => [...new Uint8Array(b)])")
    text = bytes(csv).decode("utf-8")
    assert text.startswith("\ufeffschool_id,school,") and "重庆市交通职业学校" in text  # the BOM Excel needs
    assert "MATCH" in page.evaluate("document.querySelector('details.cypher code').textContent")
    clean(page, base, "query")

    page.navigate(f"location.href = {base + '/cypher?q=MATCH%20(s%3ASchool)%20RETURN%20s.name%20AS%20name'!r}")
    assert page.evaluate("document.querySelectorAll('table.results tbody tr').length") >= 7
    clean(page, base, "cypher")

    # The graph explorer around the school: a click on a node opens its evidence; its neighbours come on demand.
    page.navigate(f"location.href = {base + '/graph?focus=%E4%BA%A4%E8%81%8C%E6%A0%A1'!r}")
    page.wait_for('document.body.dataset.ready === "1"')
    drawn = set(page.evaluate("explorer.nodes.getIds()"))
    assert "school:jiaozhixiao" in drawn and "ent:changan" in drawn
    assert not any(n.startswith(("ind:", "target:")) for n in drawn)  # numbers only when asked for
    page.evaluate("explorer.show('ent:changan')")
    assert "长安汽车" in page.evaluate("document.querySelector('.zjx-panel').innerText")
    page.evaluate("[...document.querySelectorAll('.zjx-panel button')].find(b => b.textContent.includes("
                  "'Expand')).click()")
    page.wait_for(f"explorer.nodes.length > {len(drawn)}")
    assert page.requests[-1].startswith(base + "/graph/neighbours.json?id=ent%3Achangan")
    clean(page, base, "graph")


def test_hostile_text_stays_text_in_the_browser(browser, hostile):  # noqa: F811
    s = Background(create_app(hostile))
    try:
        for name, path in [("search", "/search?q=%E9%95%BF%E5%AE%89"), ("entity", "/entity/ent:changan"),
                           ("document", "/document/doc:001"), ("coverage", "/coverage"),
                           ("query", "/queries/enterprise-footprint?enterprise=ent%3Achangan"),
                           ("cypher", "/cypher?q=MATCH%20(e%3AEnterprise)%20RETURN%20e.name"),
                           ("graph", "/graph?focus=ent%3Achangan")]:
            page = browser.open(s.url + path)
            page.browser.pump(0.3)  # give an injected script or image every chance to run
            assert page.evaluate("window.pwned === undefined"), name
            assert page.dialogs == [] and page.errors == [], name
            scripts = "document.querySelectorAll('img, main script:not([type=\"application/json\"])').length"
            assert page.evaluate(scripts) == 0, name  # no element made from the text
            if name == "graph":
                page.wait_for('document.body.dataset.ready === "1"')
                page.evaluate("explorer.show('ent:changan')")
            text = page.evaluate("document.body.innerText")
            assert name == "coverage" or SCRIPT in text or IMG in text, name
            page.close()
    finally:
        s.stop()
