"""The review workbench's library and its HTTP boundary (issue 17): candidates for new entities, decisions saved
into a data folder only when the result validates, a failed save that changes nothing, a second save that
replaces the first, and a save route that answers only its own page (token and Origin), against the real server.
The browser round trip is in tests/test_review_browser.py."""

import hashlib
import http.client
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run

from zjgraph.review import open_report, save
from zjgraph.web.review import create_review_app
from zjgraph.web.server import Background

REPORT = """交通职教简报

2025年，重庆市交通职业学校与重庆璧康新能源汽车有限公司、重庆高速集团有限公司签订校企合作协议。
重庆璧康新能源汽车有限公司位于璧山区。
"""
NEW, VARIANT = "重庆璧康新能源汽车有限公司", "重庆高速集团有限公司"


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "brief.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def tree(folder: Path) -> str:
    """A digest of every file's path and bytes under ``folder``."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def key_of(draft, name):
    return next(e.key for e in draft.entities if e.name == name)


def fact_n(draft, predicate, obj):
    return next(f.n for f in draft.facts if f.predicate == predicate and f.object == obj)


def decisions(draft, accept_new_partner=True):
    """Accept the two partnerships, merge the variant into 重庆高速公路集团有限公司, confirm the new company as
    ent:bikang; reject the rest."""
    new, variant = key_of(draft, NEW), key_of(draft, VARIANT)
    accepted = {fact_n(draft, "partnersWith", variant)}
    if accept_new_partner:
        accepted.add(fact_n(draft, "partnersWith", new))
    return {"title": "交通职教简报", "district": "",
            "entities": {new: {"action": "new", "id": "ent:bikang"},
                         variant: {"action": "merge", "into": "ent:cq-expressway"}},
            "facts": {str(f.n): {"action": "accept" if f.n in accepted else "reject"} for f in draft.facts}}


def test_a_variant_of_a_known_name_is_offered_as_the_known_entity(mini, report):
    draft = open_report(report, mini, "doc:brief")
    variant = next(e for e in draft.entities if e.name == VARIANT)
    assert not variant.known and variant.suggested_id.startswith("ent:brief-")  # readable, to be renamed
    best = variant.candidates[0]
    assert best.id == "ent:cq-expressway" and best.score >= 0.8 and "同类 same type" in best.reasons
    assert next(e for e in draft.entities if e.name == "重庆市交通职业学校").known


def test_save_writes_a_document_that_validates_and_show_finds_its_facts(mini, report):
    draft = open_report(report, mini, "doc:brief")
    outcome = save(mini, draft, decisions(draft))
    assert outcome.saved, [str(p.problem) for p in outcome.problems]
    assert outcome.counts == {"facts": 2, "new entities": 1, "aliases": 1}
    assert (mini / "corpus" / "brief.txt").read_text(encoding="utf-8") == REPORT
    facts = (mini / "facts" / "brief.toml").read_text(encoding="utf-8")
    assert f'"{VARIANT}" = "ent:cq-expressway"' in facts  # the merged form is the document's own alias
    registry = (mini / "registry" / "review-brief.toml").read_text(encoding="utf-8")
    assert f'name = "{NEW}"' in registry
    assert run("--data", mini, "validate").exit_code == 0
    shown = run("--data", mini, "show", "ent:bikang")
    assert shown.exit_code == 0 and "partnersWith" in shown.output
    assert "重庆市交通职业学校与重庆璧康新能源汽车有限公司" in shown.output  # with its quote
    assert "doc:brief" in run("--data", mini, "show", "ent:cq-expressway").output


def test_a_save_that_would_not_validate_changes_nothing_and_says_which_proposal(mini, report):
    draft = open_report(report, mini, "doc:brief")
    before = tree(mini)
    d = decisions(draft)
    n = fact_n(draft, "partnersWith", key_of(draft, NEW))
    d["facts"][str(n)]["object"] = "ent:nobody"  # an edit that names no entity
    outcome = save(mini, draft, d)
    assert not outcome.saved
    assert [p.fact for p in outcome.problems] == [n]
    assert "'ent:nobody' is not a known entity" in outcome.problems[0].problem.message
    assert tree(mini) == before
    assert not [p for p in mini.parent.iterdir() if ".zjgraph-" in p.name]  # no staging copy left behind


def test_a_new_id_taken_already_is_shown_next_to_its_entity(mini, report):
    draft = open_report(report, mini, "doc:brief")
    d = decisions(draft)
    d["entities"][key_of(draft, NEW)]["id"] = "ent:changan"
    outcome = save(mini, draft, d)
    assert not outcome.saved and key_of(draft, NEW) in [p.entity for p in outcome.problems]


def test_a_malformed_new_id_or_an_unknown_merge_target_is_refused_before_anything_is_written(mini, report):
    draft = open_report(report, mini, "doc:brief")
    before = tree(mini)
    cases = [(key_of(draft, NEW), {"action": "new", "id": "school:Bikang"}, "must look like ent:"),
             (key_of(draft, VARIANT), {"action": "merge", "into": "ent:gone"}, "is not a known entity")]
    for key, decision, message in cases:
        d = decisions(draft)
        d["entities"][key] = decision
        outcome = save(mini, draft, d)
        assert not outcome.saved and [p.entity for p in outcome.problems] == [key]
        assert message in outcome.problems[0].problem.message
    assert tree(mini) == before


def test_a_district_may_be_given_by_name(mini, report):
    draft = open_report(report, mini, "doc:brief")
    d = {**decisions(draft), "district": "交职校", "kind": "简报"}  # any entity name resolves to its id
    assert save(mini, draft, d).saved
    entry = (mini / "corpus" / "documents.toml").read_text(encoding="utf-8").split("[[document]]")[-1]
    assert 'district = "school:jiaozhi"' in entry and 'kind = "简报"' in entry


def test_an_accepted_fact_needs_a_reviewed_certainty(mini, report):
    draft = open_report(report, mini, "doc:brief")
    d = decisions(draft)
    n = fact_n(draft, "partnersWith", key_of(draft, NEW))
    d["facts"][str(n)]["certainty"] = "extracted"
    outcome = save(mini, draft, d)
    assert not outcome.saved and outcome.problems[0].fact == n


def test_saving_again_replaces_the_earlier_save_and_reopening_proposes_the_same(mini, report):
    draft = open_report(report, mini, "doc:brief")
    assert save(mini, draft, decisions(draft)).saved
    again = open_report(report, mini, "doc:brief")  # the earlier save is left out: still a new entity
    assert not next(e for e in again.entities if e.name == NEW).known
    outcome = save(mini, again, decisions(again, accept_new_partner=False))
    assert outcome.saved and outcome.counts["facts"] == 1
    assert not (mini / "registry" / "review-brief.toml").exists()
    assert (mini / "corpus" / "documents.toml").read_text(encoding="utf-8").count('id = "doc:brief"') == 1
    assert run("--data", mini, "validate").exit_code == 0
    assert run("--data", mini, "show", "ent:bikang").exit_code == 1


def test_a_curated_document_is_never_replaced(mini, report):
    draft = open_report(report, mini, "doc:001")
    before = tree(mini)
    outcome = save(mini, draft, decisions(draft))
    assert not outcome.saved and "was not written by zjgraph review" in outcome.problems[0].problem.message
    assert tree(mini) == before


# ---------------------------------------------------------------- the save route, over HTTP


@pytest.fixture
def server(mini, report):
    s = Background(create_review_app(open_report(report, mini, "doc:brief"), mini))
    yield s
    s.stop()


def post(url, body: bytes, headers: dict) -> tuple[int, dict]:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=120)
    conn.request("POST", "/review/save", body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, json.loads(data) if data.startswith(b"{") else {"body": data.decode()}


def test_the_save_route_answers_only_its_own_page(server, mini):
    bench = server.server.config.app.state.workbench
    draft = bench.draft
    body = json.dumps(decisions(draft)).encode()
    good = {"Content-Type": "application/json", "X-CSRF-Token": bench.token, "Origin": server.url}
    before = tree(mini)
    for headers in ({**good, "X-CSRF-Token": ""}, {k: v for k, v in good.items() if k != "X-CSRF-Token"},
                    {**good, "X-CSRF-Token": "guess"}, {**good, "Origin": "http://evil.example"},
                    {k: v for k, v in good.items() if k != "Origin"}):
        status, answer = post(server.url, body, headers)
        assert status == 403 and "refused" in answer["error"], headers
    assert post(server.url, body, {**good, "Content-Type": "text/plain"})[0] == 415
    assert post(server.url, b"[]", good)[0] == 400
    assert tree(mini) == before
    status, answer = post(server.url, body, good)
    assert status == 200 and answer["saved"], answer
    assert run("--data", mini, "validate").exit_code == 0


def test_a_big_body_is_refused_and_reading_routes_stay_get_only(server, mini):
    import urllib.request

    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.putrequest("POST", "/review/save")
    conn.putheader("Content-Length", str(5 * 1024 * 1024))  # announced, never sent: refused on the head
    conn.endheaders()
    assert conn.getresponse().status == 413
    conn.close()
    page = urllib.request.urlopen(server.url + "/review").read().decode()
    assert 'name="csrf-token"' in page and "重庆璧康新能源汽车有限公司" in page
    req = urllib.request.Request(server.url + "/search", data=b"{}", method="POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req)
    assert err.value.code == 405


def test_the_plain_server_has_no_save_route(mini):
    from zjgraph.web import create_app

    s = Background(create_app(mini))
    try:
        assert post(s.url, b"{}", {"Content-Type": "application/json", "Origin": s.url})[0] == 404
    finally:
        s.stop()


def test_untrusted_report_text_stays_text(mini, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text("<script>alert(1)</script>重庆市交通职业学校与<img src=x onerror=alert(2)>有限公司合作。\n",
                    encoding="utf-8")
    s = Background(create_review_app(open_report(path, mini, "doc:hostile"), mini))
    try:
        import urllib.request

        page = urllib.request.urlopen(s.url + "/review").read().decode()
        assert "<script>alert" not in page and "<img src=x" not in page and "&lt;script&gt;" in page
    finally:
        s.stop()


# ---------------------------------------------------------------- the command's errors: one line each


def test_review_errors_are_one_line(mini, tmp_path, monkeypatch):
    cases = [
        (["review", tmp_path / "missing.txt", "--data", mini], "zjgraph: cannot review"),
        (["review", tmp_path / "brief.txt"], "zjgraph: review saves into a data folder: give one with --data DIR"),
        (["review", tmp_path / "brief.txt", "--data", tmp_path / "brief.txt"], "is not a folder"),
        (["review", tmp_path / "brief.txt", "--data", tmp_path / "brief.txt" / "data"],
         "zjgraph: cannot create the data folder"),
        (["review", tmp_path / "brief.txt", "--data", mini, "--id", "Doc 1"], "a document id looks like doc:name"),
    ]
    (tmp_path / "brief.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    cases.append((["review", tmp_path / "empty.txt", "--data", mini], "zjgraph: cannot review"))
    for args, message in cases:
        result = run(*args)
        assert result.exit_code != 0 and message in result.output, (args, result.output)
        assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1, result.output
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == mini and mode & os.W_OK
                        else real_access(p, mode))
    result = run("review", tmp_path / "brief.txt", "--data", mini)
    assert result.exit_code == 1, result.output
    assert f"zjgraph: cannot write to {mini}: permission denied" in result.output


def test_review_prints_what_the_readme_shows_and_listens_on_loopback(tmp_path):
    (tmp_path / "bishan-brief.txt").write_text(REPORT, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "zjgraph", "--data", "./my-data", "review", "bishan-brief.txt",
                             "--port", "0"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", env=env)
    try:
        line = proc.stdout.readline()
        assert re.fullmatch(r"zjgraph review: http://127\.0\.0\.1:\d+/review  \(Ctrl\+C stops it\)\n", line), line
        import urllib.request

        assert "审阅 Review" in urllib.request.urlopen(line.split()[2]).read().decode()
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    lines = err.splitlines()
    assert lines[0] == "zjgraph review: my-data did not exist: it starts as a copy of the bundled data"  # as README
    assert re.fullmatch(r"zjgraph review: doc:bishan-brief: \d+ facts and \d+ new entities proposed", lines[1])
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert lines[0] in readme and "zjgraph review: doc:bishan-brief: " in readme
    missing = run("review", "bishan-brief.txt").output.strip()
    assert missing in readme


def test_a_folder_that_cannot_be_copied_is_one_problem_and_nothing_changes(mini, report, monkeypatch):
    import shutil as sh

    draft = open_report(report, mini, "doc:brief")
    before = tree(mini)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(mini / "facts"))

    monkeypatch.setattr(sh, "copytree", full)
    outcome = save(mini, draft, decisions(draft))
    assert not outcome.saved and "No space left on device; nothing was changed" in outcome.problems[0].problem.message
    assert tree(mini) == before
    assert not [p for p in mini.parent.iterdir() if ".zjgraph-" in p.name]


def test_reopening_a_saved_report_starts_from_its_decisions_and_saving_again_writes_the_same(mini, report):
    draft = open_report(report, mini, "doc:brief")
    d = {**decisions(draft), "kind": "简报"}
    n = fact_n(draft, "partnersWith", key_of(draft, NEW))
    d["facts"][str(n)].update(certainty="inferred", rule="implied-subject")
    assert save(mini, draft, d).saved
    written = {p: p.read_bytes() for p in (mini / "facts" / "brief.toml", mini / "registry" / "review-brief.toml",
                                           mini / "corpus" / "documents.toml")}
    again = open_report(report, mini, "doc:brief")
    assert again.earlier["entities"] == {key_of(again, NEW): {"action": "new", "id": "ent:bikang"},
                                         key_of(again, VARIANT): {"action": "merge", "into": "ent:cq-expressway"}}
    assert again.earlier["facts"][str(n)] == {"action": "accept", "certainty": "inferred", "rule": "implied-subject"}
    assert again.earlier["kind"] == "简报"
    assert save(mini, again, again.earlier).saved
    assert {p: p.read_bytes() for p in written} == written


def test_similarity_sees_short_forms_and_abbreviations():
    from zjgraph.review.candidates import similarity

    assert similarity("重庆交通职业学校", "重庆市交通职业学校")[0] >= 0.95  # same short form
    assert similarity("交职校", "重庆市交通职业学校")[0] >= 0.8  # 交职校 ~ 交通职校, the short form
    score, how = similarity("璧交校", "重庆市璧山区交通职业学校")
    assert score >= 0.7 and how == "缩写 abbreviation"
    assert similarity("重庆璧康新能源汽车有限公司", "长安汽车")[0] < 0.6
