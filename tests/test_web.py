"""zjgraph serve over HTTP: the real application under uvicorn on a free loopback port. The JSON twins answer as
the CLI does; the server refuses what it must (paths, oversized requests, writes, foreign hosts), keeps serving
after a crash, and follows the data folder as it changes. The browser walk is in test_web_browser.py."""

import http.client
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import run
from test_view_browser import IMG, SCRIPT, hostile  # noqa: F401  (hostile: the fixture, hostile text in valid data)

from zjgraph.web import create_app
from zjgraph.web.guard import MAX_URL_BYTES
from zjgraph.web.server import Background


def crash(request):
    raise RuntimeError("a bug in a page: /secret/path/to/zjgraph.py")


@pytest.fixture(scope="module")
def server():
    """The bundled data, served, with one extra route that fails the way a bug would."""
    from starlette.routing import Route

    s = Background(create_app(routes=[Route("/crash", crash)]))
    yield s
    s.stop()


def get(base: str, path: str, **params) -> tuple[int, dict, str]:
    """Status, headers (lower-case names) and body text of GET ``path`` with ``params`` (lists repeat)."""
    query = urllib.parse.urlencode(params, doseq=True)
    url = base + urllib.parse.quote(path, safe="/:.?=&%") + (f"?{query}" if query else "")
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read().decode("utf-8")


def raw(base: str, method: str, target: str, body: bytes = b"", headers: dict | None = None) -> tuple[int, str]:
    """Send a request exactly as written (no normalisation of the target); status and body."""
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.putrequest(method, target, skip_accept_encoding=True, skip_host="Host" in (headers or {}))
    for k, v in (headers or {}).items():
        conn.putheader(k, v)
    conn.endheaders(body or None)
    r = conn.getresponse()
    return r.status, r.read().decode("utf-8", "replace")


def cli_json(*args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_json_twins_agree_with_the_cli(server):
    base = server.url
    status, headers, body = get(base, "/search.json", q="职教中心")
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert json.loads(body)["results"] == cli_json("search", "职教中心")
    assert json.loads(get(base, "/entity/交职校.json")[2]) == cli_json("show", "交职校")
    assert json.loads(get(base, "/entity/school:jiaozhixiao.json")[2]) == cli_json("show", "交职校")
    assert json.loads(get(base, "/coverage.json")[2]) == cli_json("coverage")
    assert json.loads(get(base, "/coverage.json", district="璧山区")[2]) == cli_json("coverage", "--district", "璧山区")
    assert json.loads(get(base, "/coverage.json", school="交职校")[2]) == cli_json("coverage", "--school", "交职校")
    assert json.loads(get(base, "/queries/majors-without-partner.json", school="璧山职教中心")[2]) == cli_json(
        "query", "majors-without-partner", "-p", "school=璧山职教中心")
    assert json.loads(get(base, "/queries/enterprises-spanning-schools.json", min="2")[2]) == cli_json(
        "query", "enterprises-spanning-schools", "-p", "min=2")
    statement = ("MATCH (s:School)-[:OFFERS_MAJOR]->(m:Major) RETURN s.name AS school, count(m) AS majors "
                 "ORDER BY school")
    assert json.loads(get(base, "/cypher.json", q=statement)[2]) == cli_json("cypher", statement,
                                                                           "--backend", "embedded")


def test_csv_twins_open_in_excel_as_the_cli_writes_them(server):
    status, headers, body = get(server.url, "/queries/school-profile.csv", school="交职校")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert "attachment" in headers["content-disposition"]
    assert body == run("query", "school-profile", "-p", "school=交职校", "--format", "csv").stdout_bytes.decode()
    assert body.startswith("\ufeffschool_id,school,") and "重庆市交通职业学校" in body
    _, _, body = get(server.url, "/coverage.csv", section="majors")
    assert body == run("coverage", "--format", "csv", "--section", "majors").stdout_bytes.decode()
    _, _, body = get(server.url, "/search.csv", q="汽车")
    assert body.splitlines()[0] == "\ufeffid,type,name,matched,score" and len(body.splitlines()) > 2
    assert get(server.url, "/entity/交职校.csv")[0] == 404  # not a table


def test_every_page_answers_in_html_with_the_security_headers(server):
    for path, params in [("/", {}), ("/search", {"q": "长安汽车"}), ("/search", {"type": "School"}),
                         ("/entity/长安汽车", {}), ("/document/doc:002", {}), ("/coverage", {}),
                         ("/coverage", {"school": "school:bishan-vec", "major": "major:e-commerce-live"}),
                         ("/queries", {}), ("/queries/connection", {"from": "交职校", "to": "长安汽车"}),
                         ("/cypher", {"q": "MATCH (n:School) RETURN n.name LIMIT 2"}), ("/graph", {})]:
        status, headers, body = get(server.url, path, **params)
        assert status == 200, (path, body[:300])
        assert headers["content-type"] == "text/html; charset=utf-8"
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert "<script>" not in body  # scripts come from /static only; the policy forbids inline ones


def test_graph_data_is_the_focus_and_its_neighbours_without_numbers(server):
    from zjgraph import KnowledgeGraph

    g = KnowledgeGraph.load().graph
    data = json.loads(get(server.url, "/graph.json", focus="school:jiaozhixiao")[2])
    around = {"school:jiaozhixiao", *g.successors("school:jiaozhixiao"), *g.predecessors("school:jiaozhixiao")}
    assert {n["id"] for n in data["nodes"]} == {n for n in around if g.nodes[n]["type"] not in ("Indicator", "Target")}
    assert data["neighbours"].startswith("/graph/neighbours.json?id={id}")
    more = json.loads(get(server.url, "/graph.json", focus="school:jiaozhixiao", indicators="1")[2])
    assert {n["id"] for n in more["nodes"]} == around
    near = json.loads(get(server.url, "/graph/neighbours.json", id="ent:changan")[2])
    assert {n["id"] for n in near["nodes"]} == {"ent:changan", *nx_neighbours(g, "ent:changan")}
    assert get(server.url, "/graph/neighbours.json", id="../../etc/passwd")[0] == 404
    assert get(server.url, "/assets/explorer.js")[0] == 200 and get(server.url, "/assets/..%2Fpage.html")[0] == 404


def nx_neighbours(g, node):
    return {n for n in (*g.successors(node), *g.predecessors(node)) if g.nodes[n]["type"] not in ("Indicator",
                                                                                                  "Target")}


def test_search_facets_filter_and_page(server):
    data = json.loads(get(server.url, "/search.json", q="职业")[2])
    assert data["total"] > 20 and data["pages"] > 1 and len(data["results"]) == 20
    assert sum(data["facets"]["type"].values()) == data["total"]
    bishan = json.loads(get(server.url, "/search.json", q="职业", district="place:bishan")[2])
    assert 0 < bishan["total"] == data["facets"]["district"]["place:bishan"] < data["total"]
    page2 = json.loads(get(server.url, "/search.json", q="职业", page="2")[2])
    assert {h["id"] for h in page2["results"]}.isdisjoint(h["id"] for h in data["results"])
    schools = json.loads(get(server.url, "/search.json", type="School")[2])
    assert schools["total"] >= 7 and {h["type"] for h in schools["results"]} == {"School"}
    assert get(server.url, "/search", type="Nonsense")[0] == 400


def test_entity_names_resolve_and_unknown_ones_suggest(server):
    status, _, body = get(server.url, "/entity/交职校")  # urllib follows the redirect to the id
    assert status == 200 and "重庆市交通职业学校" in body and "/document/doc:002#fact-" in body
    status, _, body = get(server.url, "/entity/重庆交通职业学")
    assert status == 404 and "重庆市交通职业学校" in body  # the closest name is offered


def test_document_highlights_every_located_quote_where_it_stands(server):
    data = json.loads(get(server.url, "/document/doc:002.json")[2])
    text = data["text"]
    located = [f for f in data["facts"] if f["spans"]]
    assert len(located) == len(data["facts"]) > 100  # the loader checked every quote: each is found
    for f in located:
        quotes = [f["quote"]] if isinstance(f["quote"], str) else f["quote"]
        for (start, end), q in zip(f["spans"], quotes):
            assert "".join(text[start:end].split()) == "".join(q.split())
    _, _, body = get(server.url, "/document/doc:002")
    assert body.count('<span class="anchor" id="fact-') == len(located)
    assert 'data-facts="fact-5' in body


def test_path_traversal_and_files_by_path_are_refused(server):
    secret = "[build-system]"  # pyproject.toml, two folders above the static files
    for target in ["/static/../../../pyproject.toml", "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
                   "/static/..%2F..%2F..%2Fpyproject.toml", "/document/..%2F..%2Fpyproject.toml",
                   "/document/%2E%2E%2Fcorpus%2F002_69fa9d136eaa6be7.txt", "/document/002_69fa9d136eaa6be7.txt",
                   "/etc/passwd", "/static//etc/passwd"]:
        status, body = raw(server.url, "GET", target)
        assert status in (400, 404), target
        assert secret not in body and "root:" not in body
    assert raw(server.url, "GET", "/static/app.css")[0] == 200


def test_oversized_requests_and_writes_are_refused(server):
    status, body = raw(server.url, "GET", "/search?q=" + "x" * (MAX_URL_BYTES + 10))
    assert status == 414 and "too long" in body
    status, body = raw(server.url, "POST", "/search", body=b"x" * 200_000,
                       headers={"Content-Length": "200000", "Content-Type": "text/plain"})
    assert status == 413 and "too large" in body
    assert raw(server.url, "POST", "/search", body=b"q=1", headers={"Content-Length": "3"})[0] == 405
    assert get(server.url, "/search", q="交职校")[0] == 200  # and it keeps serving


def test_cypher_refuses_writes_and_bounds_rows(server):
    for statement in ["CREATE (n:School {id: 'x', name: 'x'}) RETURN n", "MATCH (n:School) SET n.name = 'x'",
                      "MATCH (n:School) DETACH DELETE n", "merge (n:School {id: 'y'})"]:
        status, _, body = get(server.url, "/cypher.json", q=statement)
        assert status == 400 and "read-only" in json.loads(body)["error"], statement
    status, _, body = get(server.url, "/cypher", q="CREATE (n:School {id: 'x'})")
    assert status == 400 and "zjgraph serve is read-only" in body
    # A word that writes inside a string is only text: the statement reads.
    data = json.loads(get(server.url, "/cypher.json", q="MATCH (n:School) WHERE n.name <> 'CREATE' RETURN n.id")[2])
    assert len(data) == json.loads(get(server.url, "/search.json", type="School")[2])["total"]
    assert len(json.loads(get(server.url, "/cypher.json", q="MATCH (n) RETURN n.id", limit="5")[2])) == 5
    status, _, body = get(server.url, "/cypher.json", q="MATCH (n:Nonsense) RETURN n")
    assert status == 400 and "Nonsense" in json.loads(body)["error"]


def test_a_crash_gives_a_500_page_without_traceback_and_the_server_keeps_serving(server):
    status, _, body = get(server.url, "/crash")
    assert status == 500 and "keeps serving" in body
    assert "Traceback" not in body and "RuntimeError" not in body and "/secret/path" not in body
    status, _, body = get(server.url, "/crash.json")
    assert status in (404, 500) and "Traceback" not in body
    assert get(server.url, "/coverage")[0] == 200


def test_only_loopback_host_names_are_served(server):
    assert raw(server.url, "GET", "/", headers={"Host": "evil.example"})[0] == 400  # DNS rebinding
    assert raw(server.url, "GET", "/", headers={"Host": "localhost"})[0] == 200


def test_pages_follow_the_data_folder_as_it_changes(mini):
    s = Background(create_app(mini))
    try:
        assert json.loads(get(s.url, "/document/doc:001.json")[2])["title"] == "迷你测试文件"
        path = mini / "corpus" / "documents.toml"
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace('title = "迷你测试文件"', 'title = "迷你测试文件（修订）"'), encoding="utf-8")
        assert json.loads(get(s.url, "/document/doc:001.json")[2])["title"] == "迷你测试文件（修订）"
        entities = mini / "registry" / "entities.toml"
        entities.write_text(entities.read_text(encoding="utf-8").replace('name = "长安汽车"', 'name = "长安汽车集团"'),
                            encoding="utf-8")
        status, _, body = get(s.url, "/entity/ent:changan")
        assert status == 503 and "长安汽车集团” does not occur in any corpus document" in body
        assert "Traceback" not in body
    finally:
        s.stop()


def test_hostile_text_is_escaped_on_every_page(hostile):  # noqa: F811
    s = Background(create_app(hostile))
    try:
        ent = json.loads(get(s.url, "/search.json", q="长安汽车")[2])["results"][0]["id"]
        pages = [("/search", {"q": "长安汽车"}), (f"/entity/{ent}", {}), ("/document/doc:001", {}),
                 ("/coverage", {"school": "交职校"}), ("/queries/enterprise-footprint", {"enterprise": ent}),
                 ("/cypher", {"q": "MATCH (e:Enterprise) RETURN e.name"})]
        for path, params in pages:
            status, _, body = get(s.url, path, **params)
            assert status == 200, path
            assert SCRIPT not in body and IMG not in body, path
            assert path == "/coverage" or "&lt;script&gt;" in body or "&lt;img" in body, path  # shown, as text
    finally:
        s.stop()


def test_serve_prints_its_address_binds_loopback_and_warns_for_other_hosts(mini):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "zjgraph", "--data", str(mini), "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
    try:
        line = proc.stdout.readline()
        assert re.fullmatch(r"zjgraph serve: http://127\.0\.0\.1:\d+/  \(Ctrl\+C stops it\)\n", line), line  # as README
        url = line.split()[2].rstrip("/")
        assert get(url, "/entity/ent:changan")[0] == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    proc = subprocess.Popen([sys.executable, "-m", "zjgraph", "--data", str(mini), "serve", "--port", "0",
                             "--host", "0.0.0.0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", env=env)
    try:
        assert proc.stdout.readline().startswith("zjgraph serve: http://0.0.0.0:")
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert ("zjgraph: warning: listening on 0.0.0.0: anyone who can reach this machine can read the graph (the server "
            "has no login). Use the default --host 127.0.0.1 to keep it to this machine.") in err  # as the README


def test_serve_reports_invalid_data_in_one_line_per_problem(mini):
    (mini / "registry" / "entities.toml").write_text("[[entity]]\nid = 1\n", encoding="utf-8")
    result = run("--data", mini, "serve", "--port", "0")
    assert result.exit_code == 1 and "the data is not valid" in result.output
    assert "Traceback" not in result.output


def test_an_exported_graph_is_served_with_its_facts_and_without_document_text(mini, tmp_path):
    exported = tmp_path / "mini.ttl"
    assert run("--data", mini, "export", "--format", "turtle", "-o", exported).exit_code == 0
    s = Background(create_app(exported))
    try:
        assert json.loads(get(s.url, "/entity/ent:changan.json")[2])["name"] == "长安汽车"
        status, _, body = get(s.url, "/document/doc:001")
        assert status == 200 and "The text of this document is not in the data folder" in body
        assert json.loads(get(s.url, "/document/doc:001.json")[2])["facts"]  # the facts are listed still
    finally:
        s.stop()


def test_coverage_page_shows_targets_as_read_with_their_section_and_current_in_words(server):
    _, _, body = get(server.url, "/coverage")
    assert "<td>10–15 门</td>" in body and "§ 22.强化与东部发达地区合作" in body
    assert "9700 人（文件报告 reported: doc:001，至今（发稿时））" in body
    assert "无：文件未报告，图谱无法计数" in body
    assert "同一表述 2 次，已合并" in body  # a merged restatement says so
