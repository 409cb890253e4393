"""The Neo4j backend without a server: every Cypher string it sends passes Neo4j's parser, the properties it
writes give back the same graph, --dry-run, the neo4j-admin export, and the errors for a server out of reach.
The tests against a real server are in test_neo4j_integration.py."""

import csv
import json
import re
import socket
from pathlib import Path

import pytest
from conftest import run

from zjgraph.cypher import neo4j_admin, neo4j_load, neo4j_read, neo4j_server
from zjgraph.graph import KnowledgeGraph
from zjgraph.problems import ZjgraphError
from zjgraph.schema import load_schema

README = Path(__file__).parents[1] / "README.md"


@pytest.fixture(scope="module")
def kg():
    return KnowledgeGraph.load()


def errors(diagnostics):
    return [f"{d['id']}:{d['line']}:{d['column']}: {d['message']}" for d in diagnostics if d["severity"] == "error"]


def test_every_statement_sent_to_neo4j_parses(cypher_lint):
    schema = load_schema()
    sent = neo4j_load.statements(schema) | neo4j_read.statements()
    sent["version"] = (neo4j_server.VERSION, {})
    assert len([k for k in sent if k.startswith("relationships-")]) == len(schema.relations())
    assert any("FULLTEXT" in s and "'cjk'" in s for s, _ in sent.values())
    assert errors(cypher_lint(sent)) == []


def test_properties_give_back_the_graph(kg):
    g, schema = kg.graph, kg.schema
    for node, data in g.nodes(data=True):
        props = neo4j_load.entity_props(g, schema, node)
        assert None not in props.values()
        assert neo4j_read.entity_data(props) == data, node
    for u, v, e in g.edges(data=True):
        assert neo4j_read.edge_data(neo4j_load.relationship_props(u, v, e)) == e, e["fact"]


def test_attribute_evidence_is_json_text(kg):
    props = neo4j_load.entity_props(kg.graph, kg.schema, "school:jiaozhixiao")
    evidence = json.loads(props["provenanceJson"])["foundingDate"][0]
    assert evidence["quote"] == "交职校成立于2011年11月" and evidence["source"] == "doc:002"
    assert "交职校" in props["aliasText"] and props["zjgraph"] is True


def test_dry_run_shows_what_would_be_written_without_connecting(kg, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{closed_port()}")
    result = run("load", "--to", "neo4j", "--dry-run", "--batch-size", "100", "--format", "json")
    assert result.exit_code == 0
    plan = json.loads(result.stdout)
    g = kg.graph
    assert plan["rows"] == g.number_of_nodes() + g.number_of_edges() + len(g.graph["documents"])
    groups = {g_["what"]: g_ for g_ in plan["groups"]}
    assert groups["Indicator"]["rows"] == 210 and groups["Indicator"]["batches"] == 3
    assert groups["PARTNERS_WITH"]["rows"] == sum(1 for *_, e in g.edges(data=True)
                                                   if e["relation"] == "partnersWith")
    text = run("load", "--to", "neo4j", "--dry-run").stdout
    assert "nothing is sent" in text and "CREATE CONSTRAINT zjgraph_School_id" in text


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("args", [
    ["load", "--to", "neo4j"],
    ["show", "交职校", "--backend", "neo4j"],
    ["query", "bridges", "--backend", "neo4j"],
    ["coverage", "--backend", "neo4j"],
    ["cypher", "MATCH (n:School) RETURN count(n)"],  # --uri (or NEO4J_URI) sends it to the server
])
def test_unreachable_server_is_one_line_and_exit_1(args):
    uri = f"bolt://127.0.0.1:{closed_port()}"
    result = run(*args, "--uri", uri, "--password", "pa55-secret")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"zjgraph: cannot reach Neo4j at {uri}: check that the server is running and NEO4J_URI (or --uri) names "
        "its Bolt address, e.g. neo4j://localhost:7687"]
    assert "pa55-secret" not in result.output


def test_an_address_that_is_not_bolt(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "http://localhost:7474")
    result = run("load", "--to", "neo4j")
    assert result.exit_code == 1
    assert "is not a Bolt address" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_missing_driver_says_which_extra(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "neo4j", None)  # makes `import neo4j` fail as when it is not installed
    result = run("load", "--to", "neo4j")
    assert result.exit_code == 1
    assert "pip install neo4j" in result.stderr


def test_settings_flags_over_environment(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://env:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "from-env")
    monkeypatch.setenv("NEO4J_DATABASE", "envdb")
    s = neo4j_server.Settings.from_env(uri="bolt://flag:7687")
    assert (s.uri, s.password, s.database, s.username) == ("bolt://flag:7687", "from-env", "envdb", "neo4j")
    assert "from-env" not in repr(s)


def test_versions():
    assert neo4j_server.parse_version("5.26.1") == (5, 26)
    assert neo4j_server.parse_version("2025.01.0") == (2025, 1)
    assert neo4j_server.parse_version("5.27-aura") == (5, 27)
    assert neo4j_server.parse_version("4.4.30") < neo4j_server.MIN_VERSION


# ---------------------------------------------------------------- neo4j-admin export

def read_table(folder: Path, stem: str) -> list[dict]:
    """Rows of an export file typed by its header, as neo4j-admin reads them (empty cell: no property)."""
    header = next(csv.reader(open(folder / f"{stem}.header.csv", encoding="utf-8", newline="")))
    rows = []
    for cells in csv.reader(open(folder / f"{stem}.csv", encoding="utf-8", newline="")):
        assert len(cells) == len(header)
        row = {}
        for column, cell in zip(header, cells):
            name, _, kind = column.partition(":")
            if cell == "":
                continue
            kind = re.sub(r"\(.*\)", "", kind)
            value = {"string[]": lambda c: c.split(neo4j_admin.ARRAY_DELIMITER), "double": float, "long": int,
                     "boolean": lambda c: c == "true", "LABEL": lambda c: c.split(neo4j_admin.ARRAY_DELIMITER)
                     }.get(kind, str)(cell)
            row[name or kind] = value
        rows.append(row)
    return rows


def test_neo4j_admin_export_reads_back_as_the_graph(kg, tmp_path):
    g = kg.graph.copy()
    tricky = 'a "quoted" name, with a comma\nand a line break'
    g.nodes["school:jiaozhixiao"]["note"] = tricky
    edited = KnowledgeGraph(g, kg.schema, kg.data_dir)
    result = run("export", "--format", "neo4j-admin", tmp_path / "out")  # the CLI, on the bundled graph
    assert result.exit_code == 0 and result.stdout.startswith("neo4j-admin database import full neo4j ")
    lib = tmp_path / "lib"  # a folder of its own: an export replaces its folder
    neo4j_admin.export(edited, lib)

    raw = (lib / "entities.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and "重庆市交通职业学校".encode() in raw
    headers = {stem: (lib / f"{stem}.header.csv").read_text(encoding="utf-8").strip()
               for stem in neo4j_admin.FILES}
    assert headers["entities"].startswith("id:ID(Entity),:LABEL,")
    assert headers["relationships"].startswith(":START_ID(Entity),:END_ID(Entity),:TYPE,fact,")
    assert "aliases:string[]" in headers["entities"] and "value:double" in headers["entities"]

    entities = read_table(lib, "entities")
    assert len(entities) == g.number_of_nodes()
    for row in entities:
        assert row["LABEL"] == ["Entity", row["type"]]
        assert neo4j_read.entity_data(row) == g.nodes[row["id"]], row["id"]
    assert next(r for r in entities if r["id"] == "school:jiaozhixiao")["note"] == tricky

    facts = read_table(lib, "relationships")
    assert len(facts) == g.number_of_edges()
    for row in facts:
        edge = g.edges[row["START_ID"], row["END_ID"], row["fact"]]
        assert row["TYPE"] == neo4j_load.rel_type(edge["relation"])
        assert neo4j_read.edge_data(row) == edge

    assert {(r.get("startTime"), r.get("timeSource")) for r in facts} >= {("2008", "stated"), ("2024-09", "document")}

    docs = read_table(lib, "documents")
    assert {d["id"]: json.loads(d["localAliasesJson"]) for d in docs} == g.graph["local_aliases"]
    assert {d["id"]: d.get("period") for d in docs} == {k: m.get("period") for k, m in g.graph["documents"].items()}
    assert read_table(lib, "load")[0]["status"] == "complete"
    assert sorted(p.name for p in lib.iterdir() if p.is_file()) == sorted(
        f"{stem}{ext}" for stem in neo4j_admin.FILES for ext in (".csv", ".header.csv"))


def test_array_delimiter_inside_a_value_is_refused(kg, tmp_path):
    g = kg.graph.copy()
    g.nodes["school:jiaozhixiao"]["aliases"] = ["交职校|璧山"]
    with pytest.raises(ZjgraphError, match="entity school:jiaozhixiao: the value “交职校|璧山”"):
        neo4j_admin.export(KnowledgeGraph(g, kg.schema, kg.data_dir), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_readme_shows_the_exact_import_command():
    assert neo4j_admin.import_command("import") in README.read_text(encoding="utf-8")
