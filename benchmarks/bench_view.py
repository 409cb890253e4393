"""Time to first draw and page size of `zjgraph view` in headless Chromium, at the bundled size and at the
generated sizes S, M and L, against the aims of issue 19 (first draw < 2 s, page < 5 MB).

    python benchmarks/bench_view.py                                  # bundled data, S, M (/work/scale/<SIZE>)
    python benchmarks/bench_view.py --sizes L --scale-root /tmp/eco  # reads /tmp/eco/L (benchmarks/generate.py)

Each case writes the page with the CLI as a user would (default options: above 2,000 entities an
overview is drawn), opens it in a fresh tab of Debian's chromium and reads the performance mark the
explorer sets on its first drawing (milliseconds from the start of navigation). ``--screenshots DIR``
keeps a PNG of each. Case "S, every entity" (--group-by none) shows why the overview takes over.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import Browser  # noqa: E402

AIM_DRAW_S, AIM_PAGE_MB = 2.0, 5.0

#: name → (data folder or None for the bundled data, options of `zjgraph view`)
CASES = {
    "bundled": (None, []),
    "S": ("S", []),
    "S-every-entity": ("S", ["--group-by", "none"]),
    "M": ("M", []),
    "L": ("L", []),
}


def measure(browser: Browser, name: str, data: str | None, args: list[str], folder: Path,
            shots: Path | None) -> dict:
    out = folder / f"view-{name}.html"
    cmd = [sys.executable, "-m", "zjgraph", *(["--data", data] if data else []), "view", *args, "-o", str(out)]
    start = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True)
    write_s = time.monotonic() - start
    if done.returncode:
        raise SystemExit(f"{name}: {done.stderr.strip()}")
    page = browser.open(out)
    page.wait_for('document.body.dataset.ready === "1"')
    draw_ms = page.evaluate("performance.getEntriesByName('zjgraph-first-draw')[0].startTime")
    drawn = page.evaluate("nodes.length")
    if page.errors or page.requests:
        raise SystemExit(f"{name}: errors {page.errors}, requests {page.requests}")
    if shots:
        page.screenshot(shots / f"view-{name}.png")
    groups = out.with_name(out.stem + ".groups")
    beside = sum(p.stat().st_size for p in groups.iterdir()) if groups.is_dir() else 0
    return {"case": name, "write_s": write_s, "draw_s": draw_ms / 1000, "page_mb": out.stat().st_size / 1e6,
            "nodes": drawn, "beside_mb": beside / 1e6, "says": done.stderr.strip().splitlines()[-1]}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="bundled,S,S-every-entity,M",
                        help=f"comma-separated cases of {', '.join(CASES)}")
    parser.add_argument("--scale-root", default="/work/scale", help="folder holding S/, M/, L/")
    parser.add_argument("--screenshots", type=Path, help="keep a screenshot of each page here")
    opts = parser.parse_args(argv)
    if opts.screenshots:
        opts.screenshots.mkdir(parents=True, exist_ok=True)
    browser = Browser(width=1280, height=800)
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name in opts.sizes.split(","):
                size, args = CASES[name]
                data = str(Path(opts.scale_root) / size) if size else None
                rows.append(measure(browser, name, data, args, Path(tmp), opts.screenshots))
                r = rows[-1]
                print(f"{r['case']:<16} first draw {r['draw_s']:5.2f} s ({r['draw_s'] / AIM_DRAW_S:4.2f}× aim)  "
                      f"page {r['page_mb']:5.2f} MB ({r['page_mb'] / AIM_PAGE_MB:4.2f}× aim)  "
                      f"{r['nodes']} nodes  written in {r['write_s']:.1f} s"
                      + (f", {r['beside_mb']:.0f} MB of group pages beside" if r["beside_mb"] else ""), flush=True)
                print(f"{'':<16} {r['says']}", flush=True)
    finally:
        browser.close()


if __name__ == "__main__":
    main()
