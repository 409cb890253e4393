"""The bundled corpus: every quote is in its document, every name resolves, and the data validates.

The quote check here reads the TOML files directly instead of going through zjgraph's loader, so a
bug in the loader's own check cannot hide a quote that is not in the document.
"""

import re
import tomllib
from pathlib import Path

import pytest
from conftest import run

from zjgraph import KnowledgeGraph
from zjgraph.graph import bundled_data_dir

DATA = bundled_data_dir()
DOCUMENTS = {d["id"]: d for d in tomllib.loads((DATA / "corpus/documents.toml").read_text("utf-8"))["document"]}
FACT_FILES = sorted((DATA / "facts").glob("*.toml"))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", FACT_FILES, ids=[p.name for p in FACT_FILES])
def test_every_quote_occurs_verbatim_in_its_document(path: Path):
    facts = tomllib.loads(path.read_text("utf-8"))
    doc = squeeze((DATA / "corpus" / DOCUMENTS[facts["document"]]["file"]).read_text("utf-8"))
    assert facts.get("fact"), f"{path.name} has no facts"
    missing = []
    for i, fact in enumerate(facts["fact"], 1):
        quotes = [fact["quote"]] if isinstance(fact["quote"], str) else fact["quote"]
        missing += [(i, q) for q in quotes if squeeze(q) not in doc]
    assert not missing


def test_every_document_has_facts():
    documented = {tomllib.loads(p.read_text("utf-8"))["document"] for p in FACT_FILES}
    assert documented == set(DOCUMENTS)


def test_bundled_data_validates():
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert "SHACL: conforms" in result.stdout


@pytest.fixture(scope="module")
def kg():
    return KnowledgeGraph.load()


def test_show_answers_for_every_name_and_alias(kg):
    g = kg.graph
    for node, data in g.nodes(data=True):
        if data["type"] in ("Indicator", "Target"):
            continue
        for name in [data["name"], *data["aliases"]]:
            assert kg.describe(name)["id"] == node, name
    for doc, table in g.graph["local_aliases"].items():
        for alias, target in table.items():
            try:
                assert kg.resolve(alias) == target, (doc, alias)
            except LookupError as err:  # the same short form means different entities in different documents
                assert {t for t, _ in err.candidates} >= {target}, (doc, alias)


def test_every_relation_has_a_source_a_quote_and_a_certainty(kg):
    for u, v, e in kg.graph.edges(data=True):
        assert e["source"] in DOCUMENTS and e["quote"], (u, v)
        assert e["certainty"] in ("stated", "inferred", "ambiguous", "planned")  # no "extracted": all reviewed
        assert e["certainty"] != "inferred" or e["rule"], (u, v, e["fact"])
