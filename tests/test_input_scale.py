"""What keeps large inputs linear (issue 14, item 8); the times themselves are measured by
benchmarks/bench_large_inputs.py, never asserted here."""

import tomllib

import pytest
from conftest import run
from test_spreadsheet import GOOD, write_table
from zjgraph.loaders.curated import _header_lines

from zjgraph.graph import KnowledgeGraph
from zjgraph.resolve import NotFound, resolve


def test_resolve_sees_names_added_after_its_index_was_built(mini):
    g = KnowledgeGraph.load(mini).graph
    school = next(n for n, d in g.nodes(data=True) if d["type"] == "School")
    assert resolve(g, g.nodes[school]["name"]) == school  # builds the index
    g.add_node("school:added", type="School", name="新加的学校", aliases=["新校"])
    assert resolve(g, "新校") == "school:added"


def test_an_unknown_name_searches_for_suggestions_only_when_asked(mini):
    g = KnowledgeGraph.load(mini).graph
    with pytest.raises(NotFound) as caught:
        resolve(g, "完全不存在的名字")
    assert caught.value._suggestions is None  # not searched yet: a loader making new entities never asks
    assert isinstance(caught.value.suggestions, list) and caught.value._suggestions is not None


def test_header_lines_are_counted_on_from_the_previous_header():
    text = "document = 'doc:x'\n\n[[fact]]\na = 1\n\n  [[fact]]\nb = 2\n[[entity]]\n[[ fact ]]\n"
    assert _header_lines(text, "fact") == [3, 6, 9]
    assert _header_lines(text, "entity") == [8]


def test_spreadsheet_facts_carry_the_span_of_their_row(mini, tmp_path):
    """The check of the written folder finds each quote inside its span instead of searching the whole file."""
    table = write_table(tmp_path / "sheets", GOOD)
    into = tmp_path / "joined"
    result = run("--data", mini, "load", table, "--mapping", tmp_path / "sheets" / "mapping.toml", "--into", into)
    assert result.exit_code == 0, result.stderr
    corpus = (into / "corpus" / "orders.csv").read_text(encoding="utf-8")
    facts = tomllib.loads((into / "facts" / "orders.toml").read_text(encoding="utf-8"))["fact"]
    assert facts
    for f in facts:
        a, b = f["span"]
        assert corpus[a:b] == f["quote"]
