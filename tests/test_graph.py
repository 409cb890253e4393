"""Loading: the embedded graph, alias resolution, the cache, idempotence."""

import networkx as nx
import pytest

from zjgraph import DataError, KnowledgeGraph, cache
from zjgraph.resolve import Ambiguous, NotFound


def test_graph_is_a_multidigraph_with_provenance_on_every_edge(mini):
    g = KnowledgeGraph.load(mini).graph
    assert isinstance(g, nx.MultiDiGraph)
    edges = list(g.edges(keys=True, data=True))
    assert len(edges) == 5
    for _u, _v, key, e in edges:
        assert key.startswith("doc:001#")
        assert e["source"] == "doc:001" and e["quote"] and e["certainty"] in ("stated", "inferred")
    e = g.edges["school:jiaozhi", "ent:changan", "doc:001#3"]
    assert e["relation"] == "partnersWith"
    # the quote spans a layout line break (订\n单培养) and its offset points into the original text
    text = (mini / "corpus" / "mini.txt").read_text(encoding="utf-8")
    assert text[e["offset"]:].startswith("交职校与长安汽车开展订\n单培养")


def test_attributes_keep_their_evidence(mini):
    node = KnowledgeGraph.load(mini).graph.nodes["school:jiaozhi"]
    assert node["schoolLevel"] == "中职"
    assert node["provenance"]["schoolLevel"][0]["quote"] == "区域内现有中职学校1所,为重庆市交通职业学校"


def test_catalogue_fields_are_filled_from_reference(mini):
    node = KnowledgeGraph.load(mini).graph.nodes["major:urban-rail"]
    assert node["catalogueLevel"] == "中等职业教育"
    assert node["catalogueCategory"] == "城市轨道交通类"
    assert node["catalogueDivision"] == "交通运输大类"


def test_loading_twice_gives_the_same_graph(mini):
    a = KnowledgeGraph.load(mini, use_cache=False).graph
    b = KnowledgeGraph.load(mini, use_cache=False).graph
    assert nx.utils.graphs_equal(a, b)


def test_cache_is_keyed_by_content(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("ZJGRAPH_CACHE_DIR", str(tmp_path / "c"))
    first = KnowledgeGraph.load(mini)
    assert len(list((tmp_path / "c").glob("*.graph"))) == 1
    again = KnowledgeGraph.load(mini)
    assert nx.utils.graphs_equal(first.graph, again.graph)
    facts = mini / "facts" / "001.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('value = "2011-11"', 'value = "2011"'), encoding="utf-8")
    changed = KnowledgeGraph.load(mini)
    assert changed.graph.nodes["school:jiaozhi"]["foundingDate"] == "2011"
    assert len(list((tmp_path / "c").glob("*.graph"))) == 2


def test_invalid_data_leaves_no_cache_entry(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("ZJGRAPH_CACHE_DIR", str(tmp_path / "c"))
    (mini / "registry" / "bad.toml").write_text("[[entity]]\nid = 3\n", encoding="utf-8")
    with pytest.raises(DataError):
        KnowledgeGraph.load(mini)
    assert not list((tmp_path / "c").glob("*.graph"))


def test_ambiguous_local_alias(mini):
    # a second document that uses 学校 for another school makes the short form ambiguous
    (mini / "corpus" / "two.txt").write_text("长安汽车举办的学校。", encoding="utf-8")
    with (mini / "corpus" / "documents.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[document]]\nid = "doc:002"\nfile = "two.txt"\ntitle = "第二份"\n')
    (mini / "facts" / "002.toml").write_text('document = "doc:002"\n\n[aliases]\n"学校" = "ent:changan"\n',
                                              encoding="utf-8")
    kg = KnowledgeGraph.load(mini)
    with pytest.raises(Ambiguous) as amb:
        kg.resolve("学校")
    assert amb.value.candidates == [("ent:changan", "doc:002"), ("school:jiaozhi", "doc:001")]
    with pytest.raises(NotFound):
        kg.resolve("火星学校")


def test_cache_can_be_disabled(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("ZJGRAPH_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("ZJGRAPH_NO_CACHE", "1")
    assert not cache.enabled()
    KnowledgeGraph.load(mini)
    assert not (tmp_path / "c").exists()


def test_approximate_search_scores_as_difflib_does_for_every_name():
    """The character-count bound that spares SequenceMatcher must never drop a name it would have scored: a
    name with characters missing or changed is found with 0.6 × difflib's ratio, as without the bound."""
    import difflib

    from zjgraph.resolve import normalize, search

    g = KnowledgeGraph.load().graph
    checked = 0
    for node, data in g.nodes(data=True):
        name = data["name"]
        if len(name) < 6 or data["type"] in ("Indicator", "Target"):
            continue
        typo = name[:2] + "某" + name[4:]  # two characters out, one foreign in: neither prefix nor substring
        hits = {h.id: h for h in search(g, typo, limit=1000, types={data["type"]})}
        ratio = difflib.SequenceMatcher(None, normalize(typo), normalize(name)).ratio()
        if ratio >= 0.5:
            assert node in hits and hits[node].score >= round(0.6 * ratio, 3) - 1e-9, (typo, name)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("use_cache", [False, True])
def test_a_large_graph_is_frozen_out_of_the_collectors_sight(mini, tmp_path, monkeypatch, use_cache):
    """A national graph's objects would make the next question pay for a full collection over them (10 s of
    coverage's 18 s at size L): once loaded, from the data or the cache, they are frozen; a small one is not."""
    import gc

    import zjgraph.collector

    monkeypatch.setenv("ZJGRAPH_CACHE_DIR", str(tmp_path))
    gc.unfreeze()
    try:
        KnowledgeGraph.load(mini, use_cache=use_cache)
        assert gc.get_freeze_count() == 0
        monkeypatch.setattr(zjgraph.collector, "LARGE", 1)
        kg = KnowledgeGraph.load(mini, use_cache=use_cache)
        assert gc.get_freeze_count() > kg.graph.number_of_edges()
    finally:
        gc.unfreeze()
