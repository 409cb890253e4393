"""The review workbench in a real headless Chromium against the real server (issue 17): on a short report naming a
known school of the bundled data, a new enterprise and a variant of a known one, a person accepts some proposals
(in bulk and by keyboard), rejects others, merges the variant into the known enterprise, confirms the new one with a
readable id and saves; a save that would not validate shows its problem next to the fact and changes nothing. Then
the real command line validates the folder and shows the new facts with their quotes."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser import browser_or_skip
from test_review import tree

from zjgraph.graph import bundled_data_dir
from zjgraph.review import open_report
from zjgraph.web.review import create_review_app
from zjgraph.web.server import Background

ARTIFACTS = Path(__file__).parent / "artifacts"
REPORT = """璧山区职业教育简报

2025年，重庆市交通职业学校与重庆璧康新能源汽车有限公司、重庆弗迪电池有限公司签订校企合作协议。
交职校开设汽车运用与维修等12个专业。
重庆璧康新能源汽车有限公司位于璧山区。
"""
NEW, VARIANT, KNOWN = "重庆璧康新能源汽车有限公司", "重庆弗迪电池有限公司", "ent:byd-fudi-battery-cq"


@pytest.fixture(scope="module")
def browser():
    b = browser_or_skip(width=1400, height=900)
    yield b
    b.close()


@pytest.fixture
def workbench(tmp_path):
    data = Path(shutil.copytree(bundled_data_dir(), tmp_path / "data"))
    report = tmp_path / "bishan-brief.txt"
    report.write_text(REPORT, encoding="utf-8")
    s = Background(create_review_app(open_report(report, data, "doc:bishan-brief"), data))
    yield s, data
    s.stop()


def zjgraph(data: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zjgraph", "--data", str(data), *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


def press(page, key: str) -> None:
    """Press and release a letter key on the focused page, as a keyboard would."""
    for kind in ("keyDown", "keyUp"):
        page.browser.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "text": key if kind == "keyDown" else "",
                                                     "code": f"Key{key.upper()}",
                                                     "windowsVirtualKeyCode": ord(key.upper())}, page.session)


def fact_li(page, predicate: str, obj: str) -> str:
    """The id of the proposal card of the fact (predicate, object key) in the page's draft."""
    return page.evaluate(f"""(async () => {{
        const draft = await (await fetch('/review.json')).json();
        const f = draft.facts.find(f => f.predicate === {predicate!r} && f.object === {obj!r});
        return f ? 'fact-' + f.n : null; }})()""")


def test_accept_reject_merge_save_then_validate_and_show(browser, workbench):
    server, data = workbench
    page = browser.open(server.url + "/review")
    page.wait_for('document.body.dataset.ready === "1"')
    draft = page.evaluate("fetch('/review.json').then(r => r.json())")
    key = {e["name"]: e["key"] for e in draft["entities"]}
    new, variant = key[NEW], key[VARIANT]
    # every proposed fact and entity is highlighted in the text, which stays text
    assert page.evaluate("document.querySelectorAll('#text mark').length") > 0
    assert page.evaluate(f"[...document.querySelectorAll('#text [data-entities]')].some(m => "
                         f"m.dataset.entities.split(' ').includes({new!r}))")
    partner_new, partner_variant = fact_li(page, "partnersWith", new), fact_li(page, "partnersWith", variant)
    located = fact_li(page, "locatedIn", "place:bishan")
    assert partner_new and partner_variant and located

    # the variant: its best candidate is the known enterprise; one click merges it
    card = f"li.entity-card[data-key='{variant}']"
    assert page.evaluate(f"document.querySelector(\"{card} button.merge\").dataset.into") == KNOWN
    page.evaluate(f"document.querySelector(\"{card} button.merge[data-into='{KNOWN}']\").click()")
    assert page.evaluate(f"document.querySelector(\"{card}\").dataset.action") == "merge"
    # the new enterprise: a readable id, typed, confirmed
    card = f"li.entity-card[data-key='{new}']"
    page.evaluate(f"(() => {{ const i = document.querySelector(\"{card} input[name=id]\"); i.value = '';"
                  " i.focus(); })()")
    page.type("ent:bikang-nev")
    page.evaluate(f"document.querySelector(\"{card} button.confirm-new\").click()")
    assert "ent:bikang-nev" in page.evaluate(f"document.querySelector(\"{card} .state\").textContent")

    # bulk accept at 0.8, then by keyboard: j/k to move, r to reject, a to accept
    page.evaluate("document.getElementById('min-confidence').value = '0.8';"
                  "document.getElementById('bulk-accept').click()")
    assert page.evaluate("[...document.querySelectorAll('li.proposal')].every(li => (li.dataset.action === 'accept')"
                         " === (parseFloat(li.dataset.confidence) >= 0.8))")
    wanted = {partner_new, partner_variant, located}
    ids = page.evaluate("[...document.querySelectorAll('li.proposal')].map(li => li.id)")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for li in ids:
        press(page, "j")
        assert page.evaluate("document.querySelector('li.proposal.selected').id") == li
        press(page, "a" if li in wanted else "r")
    assert page.evaluate("[...document.querySelectorAll('li.proposal')].filter(li => li.dataset.action === 'accept')"
                         ".map(li => li.id)") == [li for li in ids if li in wanted]
    press(page, "k")
    assert page.evaluate("document.querySelector('li.proposal.selected').id") == ids[-2]

    # an edit that names no entity: the save is refused, the problem is shown at the fact, nothing changes
    before = tree(data)
    page.evaluate(f"document.querySelector('#{partner_new} .edit').click();"
                  f"document.querySelector('#{partner_new} input[name=object]').value = 'ent:nobody'")
    page.evaluate("document.getElementById('save').click()")
    page.wait_for('document.body.dataset.saved === "no"')
    assert "'ent:nobody' is not a known entity" in page.evaluate(f"document.querySelector('#{partner_new} "
                                                                  "ul.problems').textContent")
    assert tree(data) == before
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(ARTIFACTS / "review-problem.png")

    # put it back and save: written, and the page says so
    page.evaluate(f"document.querySelector('#{partner_new} input[name=object]').value = {new!r}")
    page.evaluate("document.getElementById('save').click()")
    page.wait_for('document.body.dataset.saved !== ""')
    assert page.evaluate("document.body.dataset.saved") == "yes", page.evaluate(
        "document.getElementById('save-status').textContent + document.getElementById('save-problems').textContent")
    assert page.evaluate("document.getElementById('save-status').textContent").startswith("已保存 Saved: 3 条事实")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(ARTIFACTS / "review.png")
    assert page.errors == [] and page.dialogs == []
    assert all(url.startswith(server.url + "/") for url in page.requests), page.requests

    checked = zjgraph(data, "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    shown = zjgraph(data, "show", "ent:bikang-nev")
    assert shown.returncode == 0, shown.stderr
    assert "重庆市交通职业学校与重庆璧康新能源汽车有限公司、重庆弗迪电池有限公司签订校企合作协议" in shown.stdout
    assert "重庆璧康新能源汽车有限公司位于璧山区" in shown.stdout
    merged = zjgraph(data, "show", VARIANT)  # the merged form is now a name of the known enterprise here
    assert merged.returncode == 0 and "比亚迪重庆弗迪锂电池有限公司" in merged.stdout
    assert "doc:bishan-brief" in merged.stdout


def test_hostile_report_text_stays_text_in_the_page(browser, tmp_path):
    from test_view_browser import IMG, SCRIPT

    data = Path(shutil.copytree(Path(__file__).parent / "fixtures" / "mini", tmp_path / "mini"))
    report = tmp_path / "hostile.txt"
    report.write_text(f"{SCRIPT}重庆市交通职业学校与{IMG}重庆璧康新能源汽车有限公司签订合作协议。\n", encoding="utf-8")
    server = Background(create_review_app(open_report(report, data, "doc:hostile"), data))
    try:
        page = browser.open(server.url + "/review")
        page.wait_for('document.body.dataset.ready === "1"')
        browser.pump(0.5)
        assert page.dialogs == [] and page.errors == []
        assert SCRIPT in page.evaluate("document.getElementById('text').textContent")
        assert page.evaluate("document.querySelectorAll('#text script, #text img').length") == 0
    finally:
        server.stop()
