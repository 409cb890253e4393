"""Regenerate the README's screenshots of `zjgraph serve` from the bundled data, in headless Chromium.

    python tests/make_serve_screenshots.py      # writes docs/img/serve-*.png (needs chromium, fonts-noto-cjk)
"""

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
    finally:
        browser.close()
        server.stop()


if __name__ == "__main__":
    main()
