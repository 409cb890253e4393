"""Every Cypher string zjgraph ships or sends passes Neo4j's own parser (no errors; warnings are reported)."""

import re
from pathlib import Path

from zjgraph.queries import catalog

from zjgraph.cypher.ladybug import load_statements
from zjgraph.schema import load_schema

README = Path(__file__).parents[1] / "README.md"


def errors(diagnostics):
    return [f"{d['id']}:{d['line']}:{d['column']}: {d['message']}" for d in diagnostics if d["severity"] == "error"]


def test_named_queries_parse(cypher_lint):
    queries = {q.name: (q.cypher, {p.name: 0 if p.type == "int" else "" for p in q.params})
               for q in catalog.catalog().values()}
    assert len(queries) >= 9
    assert errors(cypher_lint(queries)) == []


def test_load_statements_parse(cypher_lint):
    # The relationship statements differ only in their two labels, which the linter (with no database
    # schema) does not look up; one per relationship type keeps the check to seconds instead of minutes.
    templates = {}
    for statement in load_statements(load_schema()):
        templates.setdefault(re.sub(r"\(a:\w+ .*\(b:\w+ ", "", statement), statement)
    assert len(templates) > 40
    assert errors(cypher_lint({f"load-{i}": (s, {"rows": []}) for i, s in enumerate(templates.values())})) == []


def test_readme_cypher_examples_parse(cypher_lint):
    blocks = re.findall(r"```cypher\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 3, "the README shows at least three Cypher examples"
    assert errors(cypher_lint({f"readme-{i}": (b, {}) for i, b in enumerate(blocks)})) == []


def test_the_linter_catches_a_broken_query(cypher_lint):
    found = errors(cypher_lint({"broken": ("MATCH (n:School RETURN n", {}), "param": ("RETURN $x", {})}))
    assert {f.split(":")[0] for f in found} == {"broken", "param"}
