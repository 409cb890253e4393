"""The schools' ties gathered in one pass over the edges (queries/ties.py, and the KGX reader as it adds each edge)
hold exactly what walking out from each school in the finished graph finds (queries/links.py)."""

import sys
from collections import defaultdict
from pathlib import Path

import pytest
from zjgraph.loaders.kgx import read_kgx
from zjgraph.queries.links import PARTNER_KINDS, PLANNED, UNNAMED, _attachments, link_evidence, school_links, ties
from zjgraph.queries.ties import fact_order, ties_of

from zjgraph import KnowledgeGraph
from zjgraph.export import export

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
import generate  # noqa: E402


def link_order(lk):
    return *lk[:4], [e["fact"] for e in lk.edges]


def walked(g, school):
    """A school's ties as the walk from the school finds them, in an order-free form."""
    links = sorted(school_links(g, school, PARTNER_KINDS), key=link_order)
    explicit, evidence, unnamed = defaultdict(set), defaultdict(list), defaultdict(list)
    for lk in links:
        for major in lk.majors:
            explicit[major].add(lk.enterprise)
            evidence[major] += link_evidence(lk)
    present = [(m, e) for m, keyed in g._succ[school].items() for e in keyed.values() if e["certainty"] != PLANNED]
    offered = sorted({m for m, e in present if e["relation"] == "offersMajor"})
    for m, e in present:
        if e["relation"] == UNNAMED:
            unnamed[m].append(e)
    return {
        "offered": offered,
        "wanted": [frozenset(g.nodes[m]["industries"]) for m in offered],
        "links": links,
        "alliances": sorted((via, e["fact"]) for kind, via, e in _attachments(g, school) if kind == "alliance"),
        "explicit": {m: (sorted(found), sorted(g.nodes[e]["name"] for e in found)) for m, found in explicit.items()},
        "evidence": {m: sorted(ev, key=lambda pair: fact_order(pair[1]["fact"])) for m, ev in evidence.items()},
        "unnamed": dict(unnamed),
        "partners": sorted({(g.nodes[e]["name"], e, frozenset(g.nodes[e]["industries"]))
                            for e in {lk.enterprise for lk in links}}),
    }


def gathered(tied):
    return {
        "offered": list(tied.offered), "wanted": list(tied.wanted), "links": sorted(tied.links, key=link_order),
        "alliances": sorted((via, e["fact"]) for via, e in tied.alliances),
        "explicit": {m: (sorted(found), found.names) for m, found in tied.explicit.items()},
        "evidence": {m: list(ev) for m, ev in tied.evidence.items()},
        "unnamed": {m: list(facts) for m, facts in tied.unnamed.items()},
        "partners": list(tied.partners),
    }


def assert_ties_are_the_walk(g, found):
    assert list(found) == sorted(n for n, d in g.nodes(data=True) if d["type"] == "School")
    for school, tied in found.items():
        assert gathered(tied) == walked(g, school), school


@pytest.fixture(scope="module")
def xs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("eco") / "XS"
    generate.generate("XS", folder, seed=3)
    return folder


def test_ties_the_kgx_reader_gathers_are_the_walk(xs):
    g = read_kgx(xs, KnowledgeGraph.load(use_cache=False).schema)
    found = ties(g)  # kept by the reader: nothing is walked
    assert sum(len(t.links) for t in found.values()) > 1000 and any(t.alliances for t in found.values())
    assert any(t.explicit for t in found.values())
    assert_ties_are_the_walk(g, found)


@pytest.mark.parametrize("which", ["bundled", "generated"])
def test_ties_of_a_finished_graph_are_the_walk(which):
    if which == "bundled":
        g = KnowledgeGraph.load(use_cache=False).graph
    else:
        from generated import generated_kg

        g = generated_kg().graph
    found = ties_of(g)
    assert any(t.links for t in found.values())
    assert_ties_are_the_walk(g, found)


def test_the_bundled_graph_read_back_from_kgx_has_the_same_ties(tmp_path):
    kg = KnowledgeGraph.load(use_cache=False)
    export(kg, "kgx", tmp_path / "kgx")
    again = read_kgx(tmp_path / "kgx", kg.schema)
    assert {s: gathered(t) for s, t in ties(again).items()} == {s: gathered(t) for s, t in ties_of(kg.graph).items()}
