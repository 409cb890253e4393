"""The generated ecosystem over several periods (tests/generated.py ``periods_kg``): documents with periods,
facts with times, partnerships that end and values that change; valid, deterministic, and as of each year the
graph keeps what the generator's ledger says."""

import sys
from collections import Counter
from pathlib import Path

import pytest
from generated import _with_evidence, periods_kg
from zjgraph.loaders.kgx import read_kgx

from zjgraph.export import export
from zjgraph.graph import KnowledgeGraph
from zjgraph.time import STATED, check_read, parse_period, parse_time, preferred

YEARS = (2022, 2023, 2024)
sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def generated():
    return periods_kg(seed=11, years=YEARS)


def facts(g) -> Counter:
    return Counter(e["relation"] for *_, e in g.edges(data=True))


def test_as_of_each_period_keeps_what_the_ledger_says(generated):
    kg, expected = generated
    for year in YEARS:
        g = kg.as_of(str(year)).graph
        assert facts(g)["partnersWith"] == expected[year]["partnersWith"], year
        assert sum(d["type"] == "Indicator" for _, d in g.nodes(data=True)) == expected[year]["indicators"], year
    assert expected[YEARS[-1]]["ended"] > 0 and expected[YEARS[0]]["partnersWith"] > 0
    # after June of the last year, the partnerships its document ends hold no more
    later = facts(kg.as_of(f"{YEARS[-1]}-07").graph)["partnersWith"]
    assert later == expected[YEARS[-1]]["partnersWith"] - expected[YEARS[-1]]["ended"]
    assert facts(kg.as_of(str(YEARS[0] - 1)).graph)["partnersWith"] == 0  # before the first period: none


def test_values_change_between_periods_and_the_latest_is_preferred(generated):
    kg, _ = generated
    g = kg.graph
    by_school: dict[str, list[str]] = {}
    for school, ind, e in g.edges(data=True):
        if e["relation"] == "reportsIndicator":
            by_school.setdefault(school, []).append(ind)
    changed = [inds for inds in by_school.values() if len({g.nodes[i]["value"] for i in inds}) > 1]
    assert changed
    for inds in changed:
        assert preferred(g, inds) == max(inds, key=lambda i: i[-4:])  # the last year's document is published last


def assert_valid_times(g) -> None:
    """Every fact's time parses, ends no earlier than it starts, and is in its document's period or its quote; a
    source gives one value per subject, measure and period."""
    documents = g.graph["documents"]
    values = {}
    for u, v, e in g.edges(data=True):
        assert check_read(e) is None
        period = documents[e["source"]].get("period")
        if period and e["timeSource"] == STATED:  # a time outside the document's period is in its quote
            first, last = parse_period(period)
            for k in ("startTime", "endTime"):
                span = parse_time(e[k])
                assert first <= span[0] <= last or e[k][:4] in e["quote"]
        if e["relation"] == "reportsIndicator":  # one value per source, subject, measure and period
            assert values.setdefault((e["source"], u, g.nodes[v]["measure"]), v) == v


def test_the_output_is_valid_by_the_time_model_and_reads_back(generated, tmp_path):
    kg, _ = generated
    g, documents = kg.graph, kg.graph.graph["documents"]
    assert_valid_times(g)
    export(kg, "kgx", tmp_path / "kgx")
    again = read_kgx(tmp_path / "kgx", kg.schema)
    assert facts(again) == facts(g)
    assert {k: d.get("period") for k, d in again.graph["documents"].items()} == {
        k: d.get("period") for k, d in documents.items()}


def test_the_export_conforms_to_the_shapes(generated):
    from zjgraph.rdf import to_rdf
    from zjgraph.validate import check_shapes

    kg, _ = generated
    g = kg.graph.copy()
    _with_evidence(g, kg.schema)
    assert check_shapes(to_rdf(g, kg.schema)) == []


def test_the_same_seed_gives_the_same_graph():
    def edges(seed):
        kg, expected = periods_kg(seed=seed, years=YEARS, schools=15, enterprises=20)
        return sorted((u, v, sorted((k, str(x)) for k, x in e.items())) for u, v, e in kg.graph.edges(data=True)), \
            expected

    assert edges(3) == edges(3)
    assert edges(3) != edges(4)


def test_the_scale_generator_reports_partnerships_year_by_year(tmp_path):
    counts = generate.generate("XS", tmp_path / "years", seed=1, periods=3)
    ledger = counts["periods"]
    assert sorted(ledger) == [2023, 2024, 2025]
    kg = KnowledgeGraph.load(tmp_path / "years", use_cache=False)  # reading the KGX folder checks every time
    assert_valid_times(kg.graph)
    assert {d.get("period") for d in kg.graph.graph["documents"].values()} == {None, "2023", "2024", "2025"}
    for year, expected in ledger.items():
        held = facts(kg.as_of(str(year)).graph)["partnersWith"]
        assert held == expected["as_of"], year
    assert ledger[2025]["ended"] > 0
    assert facts(kg.as_of("2025-07").graph)["partnersWith"] == ledger[2025]["as_of"] - ledger[2025]["ended"]
    # the rest of the ecosystem is the one generated without periods; the same seed gives the same bytes
    generate.generate("XS", tmp_path / "plain", seed=1)
    generate.generate("XS", tmp_path / "again", seed=1, periods=3)
    plain = KnowledgeGraph.load(tmp_path / "plain", use_cache=False)
    assert facts(plain.graph) - Counter(partnersWith=facts(plain.graph)["partnersWith"]) == facts(
        kg.graph) - Counter(partnersWith=facts(kg.graph)["partnersWith"])
    for name in ("nodes.tsv", "edges.tsv"):
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "years" / name).read_bytes()
