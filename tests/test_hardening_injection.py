"""Nothing read from data becomes a label, relationship type or property name in a statement, and no reader lets a
key overwrite what identifies an entity (issue 14, item 1)."""

import csv
import json
from pathlib import Path

import pytest
from conftest import run
from zjgraph.loaders.exported import IDENTITY

from zjgraph.cypher import model, neo4j_admin, neo4j_load
from zjgraph.graph import KnowledgeGraph
from zjgraph.problems import ZjgraphError
from zjgraph.schema import load_schema

PAYLOAD = "School) WITH 1 AS x MATCH (victim) DETACH DELETE victim //"


def kgx_with_provenance(mini: Path, folder: Path, provenance: dict) -> int:
    """Export ``mini`` as KGX into ``folder`` and give its first entity ``provenance``; returns that row's number."""
    assert run("--data", mini, "export", "--format", "kgx", folder).exit_code == 0
    path = folder / "nodes.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    column = rows[0].index("provenance")
    index = next(i for i, r in enumerate(rows) if i and not r[1].endswith("SourceDocument"))
    rows[index][column] = json.dumps(provenance)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter="\t", lineterminator="\n").writerows(rows)
    return index + 1


EVIDENCE = {"source": "doc:mini", "quote": "x", "certainty": "stated", "fact": "doc:mini#1"}


@pytest.mark.parametrize("key", sorted(IDENTITY))
def test_kgx_provenance_cannot_overwrite_identity(mini, tmp_path, key):
    folder = tmp_path / "crafted"
    row = kgx_with_provenance(mini, folder, {key: [{"value": PAYLOAD, **EVIDENCE}]})
    for args in (["stats"], ["load", "--to", "neo4j", "--dry-run"], ["cypher", "--backend", "embedded",
                                                                      "MATCH (n) RETURN count(n)"]):
        result = run("--data", folder, *args)
        assert result.exit_code == 1, (args, result.stdout)
        assert f"nodes.tsv:{row}: provenance: the key “{key}” would overwrite the entity's {key}" in result.stderr
        assert "DETACH DELETE" not in result.stdout


@pytest.mark.parametrize("provenance, expected", [
    ({"noSuchAttribute": [{"value": "1", **EVIDENCE}]}, "“noSuchAttribute” is not an attribute facts state about"),
    ({"status": "在办"}, "“status”: expected a list of evidence objects"),
    ([1, 2], "provenance: expected a JSON object"),
])
def test_kgx_provenance_holds_only_the_ontologys_attributes(mini, tmp_path, provenance, expected):
    folder = tmp_path / "crafted"
    row = kgx_with_provenance(mini, folder, provenance)
    result = run("--data", folder, "stats")
    assert result.exit_code == 1 and f"nodes.tsv:{row}: " in result.stderr and expected in result.stderr


def test_rdf_entity_with_two_classes_is_refused(mini, tmp_path):
    ttl = tmp_path / "g.ttl"
    assert run("--data", mini, "export", "--format", "turtle", "-o", ttl).exit_code == 0
    text = ttl.read_text(encoding="utf-8")
    school = next(line.split()[0] for line in text.splitlines() if line.endswith("a zj:School ;"))
    ttl.write_text(text + f"\n{school} a zj:Enterprise .\n", encoding="utf-8")
    result = run("--data", ttl, "stats")
    assert result.exit_code == 1 and "an entity has one class and one name" in result.stderr


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return KnowledgeGraph.load()


@pytest.fixture
def crafted(kg) -> KnowledgeGraph:
    """The bundled graph with one entity's class replaced by a Cypher payload, as a reader without checks made it."""
    g = kg.graph.copy()
    g.nodes["school:jiaozhixiao"]["type"] = PAYLOAD
    return KnowledgeGraph(g, kg.schema, kg.data_dir)


def test_statements_take_labels_only_from_the_ontology(crafted, tmp_path):
    with pytest.raises(ZjgraphError, match="is not an entity class of the ontology"):
        neo4j_load.plan(crafted)
    with pytest.raises(ZjgraphError, match="is not an entity class of the ontology"):
        neo4j_admin.export(crafted, tmp_path / "admin")
    assert not (tmp_path / "admin").exists() and list(tmp_path.iterdir()) == []
    pytest.importorskip("ladybug")
    from zjgraph.cypher.ladybug import Engine

    with pytest.raises(ZjgraphError, match="is not an entity class of the ontology"):
        Engine(crafted)


def test_relationship_types_only_from_the_ontology(kg):
    with pytest.raises(ZjgraphError, match="is not a relation of the ontology"):
        model.relationship_type(kg.schema, "partnersWith]->() DETACH DELETE x //")
    with pytest.raises(ZjgraphError, match="is not a relation name"):
        model.rel_type("partnersWith]->(x) DETACH DELETE x //")
    assert model.relationship_type(kg.schema, "partnersWith") == "PARTNERS_WITH"


def test_ontology_names_are_plain_and_never_identity_keys():
    schema = load_schema()
    names = [*schema.entity_classes(), *schema.relations(), *schema.attributes()]
    assert all(model.NAME.fullmatch(n) for n in names)
    assert not IDENTITY & set(schema.attributes())
