"""Regenerate the README's screenshots of `zjgraph serve` from the bundled data, in headless Chromium.

    python tests/make_serve_screenshots.py      # writes docs/img/serve-*.png and docs/img/review.png
                                                # (needs chromium, fonts-noto-cjk)
"""

import os
import shutil
import tempfile
from pathlib import Path

from browser import Browser
from make_screenshots import DOCS

from zjgraph.web import create_app
from zjgraph.web.server import Background

#: name → (address, JavaScript run once it has loaded, or "")
PAGES = {
    "serve-search": ("/search?q=%E8%81%8C%E6%95%99%E4%B8%AD%E5%BF%83", ""),
    "serve-entity": ("/entity/school:jiaozhixiao", ""),
    "serve-document": ("/document/doc:002#fact-44", ""),
    "serve-coverage": ("/coverage", ""),
    "serve-coverage-major": ("/coverage?school=school%3Abishan-vec&major=major%3Aauto-manufacturing-testing", ""),
    "serve-query": ("/queries/majors-without-partner?school=%E7%92%A7%E5%B1%B1%E8%81%8C%E6%95%99%E4%B8%AD%E5%BF%83",
                    ""),
    "serve-cypher": ("/cypher?q=MATCH%20(e%3AEnterprise)-%5Br%3APARTNERS_WITH%5D-(s%3ASchool)%20RETURN%20e.name%20AS"
                     "%20enterprise%2C%20s.name%20AS%20school%2C%20r.quote%20AS%20quote%2C%20r.source%20AS%20source"
                     "%20LIMIT%2012", ""),
    "serve-graph": ("/graph?focus=school%3Ajiaozhixiao", ""),
}


def review(browser: Browser) -> None:
    """The review workbench on the browser test's short report, in a copy of the bundled data: the variant merged
    into the known enterprise, the facts at or above 0.8 accepted, the rest rejected, saved."""
    from test_review_browser import REPORT, VARIANT

    from zjgraph.graph import bundled_data_dir
    from zjgraph.review import open_report
    from zjgraph.web.review import create_review_app

    here = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # relative paths, as a person types them, in the page's header
        data = Path(shutil.copytree(bundled_data_dir(), "my-data"))
        report = Path("bishan-brief.txt")
        report.write_text(REPORT, encoding="utf-8")
        server = Background(create_review_app(open_report(report, data, "doc:bishan-brief"), data))
        try:
            page = browser.open(server.url + "/review")
            page.wait_for('document.body.dataset.ready === "1"')
            page.evaluate(f"[...document.querySelectorAll('li.entity-card')].find(li => li.textContent.includes("
                          f"{VARIANT!r})).querySelector('button.merge').click();"
                          "document.getElementById('bulk-accept').click();"
                          "document.querySelectorAll('li.proposal[data-action=pending] .reject')"
                          ".forEach(b => b.click());"
                          "document.getElementById('save').click()")
            page.wait_for('document.body.dataset.saved === "yes"')
            page.evaluate("document.querySelector('li.proposal').click(); window.scrollTo(0, 0);"
                          "const side = document.getElementById('proposals'); side.scrollTop = "
                          "document.querySelector('li.entity-card.merged').offsetTop - 8")
            if page.errors or any(not u.startswith(server.url) for u in page.requests):
                raise SystemExit(f"review: errors {page.errors}, requests {page.requests}")
            print(page.screenshot(DOCS / "review.png"))
        finally:
            server.stop()
            os.chdir(here)


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    server = Background(create_app())
    browser = Browser(width=1280, height=800)
    try:
        for name, (path, script) in PAGES.items():
            page = browser.open(server.url + path)
            browser.pump(1.5)  # let a drawing settle
            if script:
                page.evaluate(script)
            if page.errors or any(not u.startswith(server.url) for u in page.requests):
                raise SystemExit(f"{name}: errors {page.errors}, requests {page.requests}")
            print(page.screenshot(DOCS / f"{name}.png"))
            page.close()
        review(browser)
    finally:
        browser.close()
        server.stop()


if __name__ == "__main__":
    main()
