"""Exports for other tools (RDF, KGX, GraphML) and reading them back: nothing may be lost on the way."""

import networkx as nx
import pytest
from conftest import run
from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, Graph, Literal
from zjgraph.loaders.kgx import read_kgx
from zjgraph.loaders.rdf import read_rdf

from zjgraph import KnowledgeGraph
from zjgraph.problems import DataError
from zjgraph.rdf import ZJNS, entity_iri, statement_iri


def typed(value):
    """``value`` with the type of every part spelled out, so 113 and 113.0 or a str and a list differ."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [typed(v) for v in value]
    return type(value).__name__, value


def assert_same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph):
    """Every node, edge (with its key), attribute, piece of evidence and graph field is identical."""
    assert set(a.nodes) == set(b.nodes)
    for node, data in a.nodes(data=True):
        assert typed(b.nodes[node]) == typed(data), node
    edges_a = {(u, v, k): typed(e) for u, v, k, e in a.edges(keys=True, data=True)}
    edges_b = {(u, v, k): typed(e) for u, v, k, e in b.edges(keys=True, data=True)}
    assert edges_b.keys() == edges_a.keys()
    for key, attrs in edges_a.items():
        assert edges_b[key] == attrs, key
    assert typed(b.graph) == typed(a.graph)


@pytest.fixture(scope="module")
def kg():
    return KnowledgeGraph.load()


@pytest.fixture(scope="module")
def turtle(kg, tmp_path_factory):
    path = tmp_path_factory.mktemp("rdf") / "zjgraph.ttl"
    result = run("export", "--format", "turtle", "-o", path)
    assert result.exit_code == 0, result.stderr
    return path


# ---------------------------------------------------------------- RDF


def test_turtle_round_trip_is_lossless(kg, turtle):
    assert_same_graph(kg.graph, read_rdf(turtle, kg.schema))


def test_jsonld_round_trip_is_lossless(kg, tmp_path):
    path = tmp_path / "zjgraph.jsonld"
    assert run("export", "--format", "jsonld", "-o", path).exit_code == 0
    assert path.read_text(encoding="utf-8").lstrip().startswith("{")
    assert_same_graph(kg.graph, read_rdf(path, kg.schema))


def test_rdf_uses_the_ontology_and_keeps_provenance(turtle):
    rdf = Graph().parse(turtle, format="turtle")
    school = entity_iri("school:jiaozhixiao")
    assert (school, RDF.type, ZJNS.School) in rdf
    assert (school, RDFS.label, Literal("重庆市交通职业学校", lang="zh")) in rdf
    assert (school, SKOS.altLabel, Literal("交职校", lang="zh")) in rdf
    assert (school, ZJNS.runBy, entity_iri("ent:cq-expressway-group")) in rdf
    st = statement_iri("doc:002#6")  # 交职校 runBy 重庆高速公路集团有限公司, two quotes
    assert (st, RDF.subject, school) in rdf and (st, RDF.predicate, ZJNS.runBy) in rdf
    assert (st, PROV.wasDerivedFrom, entity_iri("doc:002")) in rdf
    assert (st, ZJNS.source, entity_iri("doc:002")) in rdf
    assert (st, DCTERMS.identifier, Literal("doc:002#6")) in rdf
    assert (st, ZJNS.evidence, Literal("交职校成立于2011年11月,隶属重庆高速公路集团有限公司", lang="zh")) in rdf
    assert (st, ZJNS.certainty, ZJNS["certainty-stated"]) in rdf


def test_every_chinese_literal_is_tagged_zh(turtle):
    rdf = Graph().parse(turtle, format="turtle")
    untagged = {(p, o) for _, p, o in rdf if isinstance(o, Literal) and o.language is None
                and any("\u4e00" <= ch <= "\u9fff" for ch in o)}
    # notes are written in English about Chinese names, and file names and fact ids are not text
    assert {p for p, _ in untagged} <= {SKOS.note}


def test_export_conforms_to_the_shacl_shapes(kg):
    from zjgraph.rdf import to_rdf
    from zjgraph.validate import check_shapes

    assert check_shapes(to_rdf(kg.graph, kg.schema)) == []


def test_every_command_runs_on_an_export(turtle, bundled):
    from_export = run("--data", turtle, "show", "交职校", "--format", "json")
    from_data = run("--data", bundled, "show", "交职校", "--format", "json")
    assert from_export.exit_code == 0
    assert from_export.stdout == from_data.stdout


def test_load_reads_an_export_back_and_counts_it(kg, turtle):
    result = run("load", turtle, "--format", "csv")
    assert result.exit_code == 0
    s = kg.stats()
    assert f"{turtle},rdf,{len(s['by_document'])},{s['entities']},{s['relations']},{s['attributes']}" in result.stdout


def test_load_refuses_broken_turtle_naming_the_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix zj: <https://w3id.org/zjgraph/ontology#> .\nzj:a zj:b ", encoding="utf-8")
    result = run("load", bad)
    assert result.exit_code == 1
    assert f"{bad}:2: file: not valid turtle" in result.stderr


def test_a_statement_without_evidence_is_refused(kg, turtle, tmp_path):
    rdf = Graph().parse(turtle, format="turtle")
    st = statement_iri("doc:002#5")
    rdf.remove((st, ZJNS.evidence, None))
    path = tmp_path / "no-quote.ttl"
    rdf.serialize(path, format="turtle")
    with pytest.raises(DataError) as err:
        read_rdf(path, kg.schema)
    assert "statement without an evidence quote" in str(err.value.problems[0])


AWKWARD = 'a "quote", a \\ and \\" , a\nnew line, """ three quotes, a\ttab, \r, 中文“引号”\\'


def awkward_graph(kg) -> nx.MultiDiGraph:
    """The bundled graph with quotes, backslashes, newlines, ``\"\"\"``, a tab and Chinese in its text."""
    g = kg.graph.copy()
    g.nodes["school:jiaozhixiao"]["name"] = AWKWARD
    g.nodes["school:jiaozhixiao"]["aliases"] = [AWKWARD + '"', "交职校"]
    g.nodes["school:jiaozhixiao"]["note"] = '"""' + AWKWARD + '"'
    g.edges["school:jiaozhixiao", "ent:cq-expressway-group", "doc:002#6"]["quote"] = [AWKWARD, '""""', "\\"]
    return g


@pytest.mark.parametrize("awkward", [False, True], ids=["bundled", "awkward-strings"])
def test_streamed_turtle_is_the_rdf_graph(kg, awkward):
    import io

    from rdflib.compare import isomorphic

    from zjgraph.export.turtle_stream import write_turtle
    from zjgraph.rdf import to_rdf

    g = awkward_graph(kg) if awkward else kg.graph
    out = io.StringIO()
    write_turtle(g, kg.schema, out)
    expected = to_rdf(g, kg.schema)
    streamed = Graph().parse(data=out.getvalue(), format="turtle")
    assert len(streamed) == len(expected)
    assert isomorphic(streamed, expected)
    if awkward:
        assert (entity_iri("school:jiaozhixiao"), RDFS.label, Literal(AWKWARD, lang="zh")) in streamed


def test_streamed_turtle_loads_in_oxigraph(kg):
    ox = pytest.importorskip("pyoxigraph")
    from zjgraph.export.turtle_stream import TurtleReader
    from zjgraph.rdf import to_rdf

    g = awkward_graph(kg)
    store = ox.Store()
    store.bulk_load(TurtleReader(g, kg.schema), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(to_rdf(g, kg.schema))
    label = ox.Literal(AWKWARD, language="zh")
    assert list(store.quads_for_pattern(ox.NamedNode(str(entity_iri("school:jiaozhixiao"))), None, label))


# ---------------------------------------------------------------- KGX


@pytest.fixture(scope="module")
def kgx(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kgx") / "out"
    assert run("export", "--format", "kgx", "-o", folder).exit_code == 0
    return folder


def test_kgx_round_trip_is_lossless(kg, kgx):
    assert_same_graph(kg.graph, read_kgx(kgx, kg.schema))


def test_kgx_has_provenance_columns(kgx):
    header, *rows = (kgx / "edges.tsv").read_text(encoding="utf-8").splitlines()
    assert header.split("\t")[:8] == ["id", "subject", "predicate", "object", "primary_knowledge_source", "quote",
                                      "certainty", "rule"]
    row = next(r.split("\t") for r in rows if r.startswith("doc:002#6\t"))
    assert row[1:5] == ["school:jiaozhixiao", "zj:runBy", "ent:cq-expressway-group", "doc:002"]
    assert row[5].split("|") == ["交职校成立于2011年11月,隶属重庆高速公路集团有限公司",
                                 "璧山交职校作为重庆市高速公路集团有限公司旗下中等职业教育机构"]


def test_kgx_bad_rows_are_named_by_file_and_row(kg, kgx, tmp_path):
    folder = tmp_path / "kgx"
    folder.mkdir()
    nodes = (kgx / "nodes.tsv").read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(nodes, 1) if line.startswith("school:jiaozhixiao\t"))
    nodes[row - 1] = nodes[row - 1].replace("\tzj:School\t", "\tzj:Schoool\t")
    (folder / "nodes.tsv").write_text("\n".join(nodes) + "\n", encoding="utf-8")
    edges = (kgx / "edges.tsv").read_text(encoding="utf-8").splitlines()
    edges.append("doc:002#999\tschool:nowhere\tzj:offersMajor\tmajor:cooking\tdoc:002\t某句\tstated\t\t\t\t\t")
    (folder / "edges.tsv").write_text("\n".join(edges) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_kgx(folder, kg.schema)
    messages = [str(p) for p in err.value.problems]
    assert any(m.startswith(f"{folder / 'nodes.tsv'}:{row}: zj:Schoool: unknown category") for m in messages)
    assert f"{folder / 'edges.tsv'}:{len(edges)}: doc:002#999: no node has the id 'school:nowhere'" in messages


# ---------------------------------------------------------------- GraphML


def test_graphml_opens_in_networkx_with_labels_and_fact_ids(kg, tmp_path):
    path = tmp_path / "zjgraph.graphml"
    assert run("export", "--format", "graphml", "-o", path).exit_code == 0
    g = nx.read_graphml(path, force_multigraph=True)
    assert set(g.nodes) == set(kg.graph.nodes)
    assert g.number_of_edges() == kg.graph.number_of_edges()
    assert g.nodes["school:jiaozhixiao"]["label"] == "重庆市交通职业学校"
    assert g.nodes["school:jiaozhixiao"]["aliases"] == "交职校|璧山交职校"
    edge = g.edges["school:jiaozhixiao", "ent:cq-expressway-group", "doc:002#6"]
    assert edge["relation"] == "runBy" and edge["label"] == "隶属/主管" and edge["source"] == "doc:002"


def test_export_to_stdout_and_folder_needs_output(tmp_path):
    assert run("export", "--format", "graphml").stdout.startswith("<?xml")
    result = run("export", "--format", "kgx")
    assert result.exit_code == 2 and "writes a folder; give it as PATH or with -o" in result.stderr
