"""Against a real Neo4j 5 server: load, idempotency, an interrupted load, read-back equal to the embedded graph,
wipe, and the errors for a wrong password or database. Runs when NEO4J_URI is set (with NEO4J_PASSWORD, and
NEO4J_DATABASE for a scratch database: the tests delete zjgraph's data there), skipped otherwise:

    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=… pytest tests/test_neo4j_integration.py
"""

import json
import os
import subprocess
import sys
import time

import pytest
from conftest import run

pytestmark = pytest.mark.skipif(not os.environ.get("NEO4J_URI"),
                                reason="no Neo4j server: set NEO4J_URI (and NEO4J_PASSWORD) to run against one")

neo4j = pytest.importorskip("neo4j", reason="the Neo4j driver is not installed: pip install neo4j")

from test_query_engines import BUNDLED_CASES  # noqa: E402
from zjgraph.queries import catalog  # noqa: E402

from zjgraph.cypher import neo4j_read, neo4j_server  # noqa: E402
from zjgraph.graph import KnowledgeGraph  # noqa: E402


@pytest.fixture(scope="module")
def settings():
    return neo4j_server.Settings.from_env()


def cypher(settings, statement, **params):
    with neo4j_server.session(settings) as s:
        return [r.data() for r in s.run(statement, params)]


def load(*args):
    result = run("load", "--to", "neo4j", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def loaded(settings):
    """The bundled graph, freshly loaded (after removing earlier zjgraph data), with the first load's summary."""
    return KnowledgeGraph.load(), load("--wipe")


def test_first_load_creates_everything(loaded):
    kg, summary = loaded
    g = kg.graph
    assert summary["entities"] == {"created": g.number_of_nodes(), "updated": 0, "unchanged": 0}
    assert summary["relationships"] == {"created": g.number_of_edges(), "updated": 0, "unchanged": 0}
    assert summary["documents"]["created"] == len(g.graph["documents"])


def test_second_load_changes_nothing(loaded, settings):
    kg, _ = loaded
    summary = load("--batch-size", "50")
    assert summary["entities"] == {"created": 0, "updated": 0, "unchanged": kg.graph.number_of_nodes()}
    assert summary["relationships"] == {"created": 0, "updated": 0, "unchanged": kg.graph.number_of_edges()}
    assert cypher(settings, "MATCH (n:Entity) WHERE n.zjgraph RETURN count(n) AS n")[0]["n"] == \
        kg.graph.number_of_nodes()


def test_read_back_is_the_embedded_graph(loaded, settings):
    kg, _ = loaded
    with neo4j_server.session(settings) as s:
        back = neo4j_read.read_graph(s, settings.where).graph
    assert dict(back.nodes(data=True)) == dict(kg.graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(kg.graph.edges(keys=True, data=True))
    assert back.graph == kg.graph.graph


@pytest.mark.parametrize(("name", "params"), BUNDLED_CASES)
def test_named_queries_give_the_same_rows(loaded, name, params):
    kg, _ = loaded
    args = [a for k, v in params.items() for a in ("-p", f"{k}={v}")]
    embedded = json.loads(run("query", name, *args, "--format", "json").stdout)
    result = run("query", name, *args, "--format", "json", "--backend", "neo4j")
    assert result.exit_code == 0, result.stderr
    query = catalog.get(name)
    columns = catalog.run(kg, name, params)[0]
    assert catalog.normalize(query, columns, json.loads(result.stdout)) == catalog.normalize(query, columns, embedded)


@pytest.mark.parametrize("args", [["coverage", "--format", "json"], ["coverage", "--district", "璧山区"],
                                  ["show", "交职校", "--format", "json"], ["show", "西部职教基地"]])
def test_show_and_coverage_are_the_same(loaded, args):
    neo = run(*args, "--backend", "neo4j")
    assert neo.exit_code == 0, neo.stderr
    assert neo.stdout == run(*args).stdout


def test_interrupted_load_completes_when_run_again(loaded, settings):
    kg, _ = loaded
    cypher(settings, "MATCH (n) WHERE n.zjgraph DETACH DELETE n")  # from nothing: the killed load is creating
    proc = subprocess.Popen([sys.executable, "-m", "zjgraph", "load", "--to", "neo4j", "--batch-size", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    count = "MATCH (n:Entity) WHERE n.zjgraph RETURN count(n) AS n"
    while proc.poll() is None and cypher(settings, count)[0]["n"] < 20:
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    partial = cypher(settings, count)[0]["n"]
    assert partial < kg.graph.number_of_nodes(), "the load finished before it could be killed"
    refused = run("coverage", "--backend", "neo4j")
    assert refused.exit_code == 1 and "did not finish" in refused.stderr

    summary = load()
    assert summary["entities"]["created"] + summary["entities"]["unchanged"] == kg.graph.number_of_nodes()
    assert summary["entities"]["unchanged"] >= partial - 1  # the batch in flight may not have committed
    assert cypher(settings, count)[0]["n"] == kg.graph.number_of_nodes()
    facts = cypher(settings, "MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n, count(DISTINCT r.fact) AS facts")
    assert facts == [{"n": kg.graph.number_of_edges(), "facts": kg.graph.number_of_edges()}]
    assert run("coverage", "--backend", "neo4j").stdout == run("coverage").stdout


def test_wipe_leaves_other_data_alone(loaded, settings):
    kg, _ = loaded
    cypher(settings, "CREATE (:Person {name: 'zjgraph-test-visitor'})-[:KNOWS]->(:Entity {id: 'test:not-zjgraph'})")
    try:
        summary = load("--wipe")
        assert summary["wiped"] == kg.graph.number_of_nodes() + len(kg.graph.graph["documents"]) + 1
        rows = cypher(settings, "MATCH (:Person {name: 'zjgraph-test-visitor'})-[:KNOWS]->(e:Entity) RETURN e.id AS id")
        assert rows == [{"id": "test:not-zjgraph"}]
    finally:
        cypher(settings, "MATCH (p:Person {name: 'zjgraph-test-visitor'})-[:KNOWS]->(e) DETACH DELETE p, e")


def test_wrong_password(settings):
    result = run("load", "--to", "neo4j", "--password", "certainly-not-the-password")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"zjgraph: Neo4j at {settings.uri} refused user “{settings.username}”: check NEO4J_USERNAME and "
        "NEO4J_PASSWORD (or --username/--password)"]
    assert "certainly-not-the-password" not in result.output


def test_unknown_database(settings):
    result = run("coverage", "--backend", "neo4j", "--database", "nosuchdatabase")
    assert result.exit_code == 1
    assert "has no database “nosuchdatabase”: check NEO4J_DATABASE" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
