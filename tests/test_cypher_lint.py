"""Every Cypher string zjgraph ships or sends passes Neo4j's own parser (no errors; warnings are reported)."""

import re
from pathlib import Path

from zjgraph.queries import catalog

README = Path(__file__).parents[1] / "README.md"


def errors(diagnostics):
    return [f"{d['id']}:{d['line']}:{d['column']}: {d['message']}" for d in diagnostics if d["severity"] == "error"]


def test_named_queries_parse(cypher_lint):
    queries = {q.name: (q.cypher, {p.name: 0 if p.type == "int" else "" for p in q.params})
               for q in catalog.catalog().values()}
    assert len(queries) >= 9
    assert errors(cypher_lint(queries)) == []


def test_readme_cypher_examples_parse(cypher_lint):
    blocks = re.findall(r"```cypher\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 3, "the README shows at least three Cypher examples"
    assert errors(cypher_lint({f"readme-{i}": (b, {}) for i, b in enumerate(blocks)})) == []


def test_the_linter_catches_a_broken_query(cypher_lint):
    found = errors(cypher_lint({"broken": ("MATCH (n:School RETURN n", {}), "param": ("RETURN $x", {})}))
    assert {f.split(":")[0] for f in found} == {"broken", "param"}
