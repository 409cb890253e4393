"""Regenerate the README's screenshots of `zjgraph view` from the bundled data, in headless Chromium.

    python tests/make_screenshots.py            # writes docs/img/view-*.png (needs chromium, fonts-noto-cjk)
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from browser import Browser

DOCS = Path(__file__).resolve().parent.parent / "docs" / "img"

#: name → (options of `zjgraph view`, JavaScript run in the page before the screenshot)
VIEWS = {
    "view-focus": (["--focus", "重庆市交通职业学校"], ""),
    "view-coverage": (["--coverage"], ""),
    "view-search": (["--district", "璧山区"], "explorer.search('交通'); explorer.focus('school:jiaozhixiao')"),
    "view-districts": (["--group-by", "district"], ""),
}


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    browser = Browser(width=1280, height=800)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, (args, script) in VIEWS.items():
                html = Path(tmp) / f"{name}.html"
                subprocess.run([sys.executable, "-m", "zjgraph", "view", *args, "-o", str(html)], check=True)
                page = browser.open(html)
                page.wait_for('document.body.dataset.ready === "1"')
                if script:
                    page.evaluate(script)
                    page.browser.pump(1.0)  # let the focus animation end
                if page.errors or page.requests:
                    raise SystemExit(f"{name}: errors {page.errors}, requests {page.requests}")
                print(page.screenshot(DOCS / f"{name}.png"))
    finally:
        browser.close()


if __name__ == "__main__":
    main()
