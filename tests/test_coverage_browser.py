"""The coverage report's HTML page in a real Chromium: the chart's legend names the four statuses, each school has
its section, nothing is clipped at the width of an A4 page (on screen and in print), and it loads nothing."""

from pathlib import Path

import pytest
from browser import browser_or_skip
from conftest import run

A4 = 794  # CSS pixels across an A4 page at 96 dpi

# Elements whose content is wider than their box (scrolled or cut off), and how wide the page is.
OVERFLOW = """(() => {
  const wide = [...document.querySelectorAll('body, table, tr, td, th, section, p, h1, h2, h3, li')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.tagName + ': ' + e.textContent.slice(0, 40));
  return {wide, page: document.documentElement.scrollWidth};
})()"""


@pytest.fixture(scope="module")
def browser():
    b = browser_or_skip(width=A4, height=1123)
    yield b
    b.close()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "coverage.html"
    assert run("coverage", "-o", out).exit_code == 0
    return out


def test_the_legend_names_the_four_statuses_and_each_school_has_a_section(browser, page_file):
    page = browser.open(page_file)
    legend = page.evaluate("[...document.querySelectorAll('svg .legend')].map(g => [g.dataset.status, "
                           "g.textContent])")
    assert legend == [["explicit", "明确合作 explicit"], ["unnamed", "未具名合作 unnamed"],
                      ["inferred", "仅行业推断 inferred only"], ["none", "无合作 none"]]
    sections = page.evaluate("[...document.querySelectorAll('section.school h3')].map(h => h.textContent)")
    assert len(sections) == 7 and "重庆市江南职业学校" in sections
    quotes = page.evaluate("document.querySelectorAll('section.school q').length")
    assert quotes > 20 and page.evaluate("document.querySelector('section.school .src').textContent") == "doc:003"
    assert page.evaluate("document.querySelector('.scope').textContent") == "全部"
    assert not page.requests and not page.errors


@pytest.mark.parametrize("media", ["screen", "print"])
def test_nothing_is_clipped_at_a4_width(browser, page_file, media):
    page = browser.open(page_file)
    browser.send("Emulation.setEmulatedMedia", {"media": media}, page.session)
    found = page.evaluate(OVERFLOW)
    assert found["wide"] == [] and found["page"] <= A4, found
    assert page.evaluate("getComputedStyle(document.querySelector('tr')).breakInside") == "avoid"
