"""zjgraph diff: what changed between two data folders, or one graph at two times (issue 18)."""

import csv
import io
import json
import re
import shutil
from functools import partial
from pathlib import Path

import pytest
from conftest import run

from zjgraph.diff import diff
from zjgraph.graph import KnowledgeGraph, bundled_data_dir

FACTS = "# ================================================================ facts\n"
ADDED = ('[[fact]]\nsubject = "school:bishan-vec"\npredicate = "partnersWith"\nobject = "ent:changan"\n'
         'quote = "璧山职教中心始建于1956年"\n\n')
REMOVED = ('[[fact]]\nsubject = "school:bishan-vec"\npredicate = "partnersWith"\nobject = "ent:yuyan-drone"\n')


def edit(path: Path, edits: list[tuple[str, str]]) -> None:
    """Replace each text in ``path`` that occurs once by its edited version."""
    text = path.read_text(encoding="utf-8")
    for old, edited in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, edited)
    path.write_text(text, encoding="utf-8")


def changed_copy(dst: Path) -> Path:
    """A copy of the bundled data with, in doc:002: a fact added before all the others (so every fact id of the
    document moves), one removed, a value changed (公办 → 民办), an end stated (花间里's partnership ended in
    2024) and a major's offer made planned; in doc:001, an indicator's value changed (9700 → 9800 students)."""
    new = Path(shutil.copytree(bundled_data_dir(), dst))
    f = new / "facts" / "002.toml"
    text = f.read_text(encoding="utf-8")
    start = text.index(REMOVED)
    f.write_text(text[:start] + text[text.index("[[fact]]", start + 1):], encoding="utf-8")
    edit(f, [
        (FACTS, FACTS + "\n" + ADDED),
        ('value = "公办"\n', 'value = "民办"\n'),
        ('object = "ent:huajianli"\n', 'object = "ent:huajianli"\nendTime = "2024"\n'),
        ('object = "major:drone-operation-maintenance"\n',
         'object = "major:drone-operation-maintenance"\ncertainty = "planned"\n'),
    ])
    # the students 重庆城市职业学院 reports: the current value of one of its targets
    edit(new / "facts" / "001.toml", [("value = 9700\n", "value = 9800\n")])
    return new


@pytest.fixture(scope="module")
def changed(tmp_path_factory) -> Path:
    return changed_copy(tmp_path_factory.mktemp("diff") / "new")


@pytest.fixture(scope="module")
def report(changed) -> dict:
    return diff(KnowledgeGraph.load(), KnowledgeGraph.load(changed))


def rows(report, change, relation):
    return [r for r in report["facts"] if r["change"] == change and r["relation"] == relation]


def test_facts_matched_by_what_they_state_not_position(report):
    assert report["summary"] == {"entities_added": 0, "entities_removed": 0, "entities_changed": 1,
                                 "facts_added": 1, "facts_removed": 1, "facts_changed": 3, "facts_ended": 0}
    [added] = rows(report, "added", "partnersWith")
    assert (added["subject"], added["object"], added["source"]) == ("重庆市璧山职业教育中心", "长安汽车", "doc:002")
    assert added["quote"] == "璧山职教中心始建于1956年"
    [removed] = rows(report, "removed", "partnersWith")
    assert removed["object_id"] == "ent:yuyan-drone"


def test_changed_value_certainty_and_ended_fact(report):
    [value] = rows(report, "changed", "ownership")
    assert (value["fields"], value["before"], value["after"]) == ("value", "value=公办", "value=民办")
    [planned] = rows(report, "changed", "offersMajor")
    assert planned["after"] == "certainty=planned"
    [ended] = rows(report, "changed", "partnersWith")
    assert ended["object"] == "重庆花间里商业有限公司"
    assert "endTime" in ended["fields"] and "endTime=2024" in ended["after"]


def test_coverage_and_targets_on_both_sides(report):
    school = next(r for r in report["coverage"] if r["id"] == "school:bishan-vec")
    assert (school["majors_offered_before"], school["majors_offered_after"], school["majors_offered_change"]) == \
        (10, 9, -1)  # the planned major is not offered
    district = next(r for r in report["coverage"] if r["id"] == "place:bishan")
    assert district["scope"] == "district" and district["majors_offered_change"] == -1
    assert district["stated_percent_change"] == round(district["stated_percent_after"]
                                                      - district["stated_percent_before"], 1)
    target = next(t for t in report["targets"] if t["target_id"] == "tgt:cq-city-vc-students-2025")
    assert (target["target_text"], target["current_before"], target["current_after"], target["change"]) == \
        ("≥ 1.3 万人", 9700, 9800, "changed")


def test_entity_changed(report):
    [row] = report["entities"]
    assert (row["id"], row["change"], row["fields"], row["before"], row["after"]) == \
        ("ind:cq-city-vc-students-now", "changed", "value", "value=9700", "value=9800")


def test_same_data_no_change(bundled, tmp_path):
    same = diff(KnowledgeGraph.load(), KnowledgeGraph.load(bundled))
    assert not same["entities"] and not same["facts"] and not any(t["change"] for t in same["targets"])
    assert run("export", "--format", "turtle", "-o", tmp_path / "g.ttl").exit_code == 0
    exported = json.loads(run("diff", bundled, tmp_path / "g.ttl", "--format", "json").stdout)
    assert not exported["entities"] and not exported["facts"]  # an export reads back as the same graph


def test_from_to_one_graph_at_two_times(changed):
    result = run("diff", changed, "--from", "2024", "--to", "2025", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ended = [r for r in data["facts"] if r["object_id"] == "ent:huajianli" and r["relation"] == "partnersWith"]
    assert [r["change"] for r in ended] == ["ended"]  # its stated end, 2024: it holds in 2024, not in 2025
    assert data["summary"]["facts_ended"] == 1
    assert run("diff", "--from", "2023", "--to", "2025", "--format", "json").exit_code == 0  # the bundled data
    earlier = json.loads(run("diff", "--from", "2023", "--to", "2025", "--format", "json").stdout)
    assert earlier["summary"]["entities_added"] > 0  # doc:002's indicators: its period starts in 2024-09
    assert all(r["change"] == "added" for r in earlier["facts"])
    later = json.loads(run("diff", "--from", "2025", "--to", "2023", "--format", "json").stdout)
    assert {r["change"] for r in later["facts"]} == {"removed"}  # no end is stated: they are not “ended”


def test_table_chinese_first_and_english(changed, bundled):
    out = run("diff", bundled, changed).stdout
    assert out.startswith("变化报告") and "事实变化" in out and "value=民办" in out and "10 → 9 (-1)" in out
    assert max(len(line) for line in out.splitlines()) <= 100
    en = run("diff", bundled, changed, "--lang", "en").stdout
    assert "What changed" in en and "1 added, 1 removed, 3 changed, 0 ended" in en


def test_formats(changed, bundled, tmp_path):
    md = run("diff", bundled, changed, "--format", "markdown").stdout
    assert md.startswith("# 变化报告") and "| 变更 |" in md
    run("diff", bundled, changed, "-o", tmp_path / "d.html")
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "民办" in page and "<script" not in page
    raw = run("diff", bundled, changed, "--format", "csv").stdout
    assert raw.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(raw[1:])))
    assert table[0][:3] == ["change", "subject_id", "subject"] and len(table) == 1 + 5
    cov = list(csv.reader(io.StringIO(run("diff", bundled, changed, "--format", "csv", "--section",
                                          "coverage").stdout[1:])))
    assert "stated_percent_change" in cov[0]
    run("diff", bundled, changed, "-o", tmp_path / "d.json")
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["summary"]["facts_changed"] == 3


def test_csv_neutralises_formulas():
    from zjgraph.output import render_csv
    from zjgraph.report.diff import csv_rows

    report = {"facts": [{"change": "added", "subject": "=HYPERLINK(1)", "quote": "@x"}]}
    assert "'=HYPERLINK(1)" in render_csv(*csv_rows(report, "facts"))


@pytest.mark.parametrize(("args", "message"), [
    (["/no/such/folder", "."], "no such data folder"),
    (["--from", "2024"], "--from and --to go together"),
    (["--to", "2024"], "--from and --to go together"),
    (["--from", "2024x", "--to", "2025"], "--from 2024x"),
    (["--from", "2024", "--to", "soon"], "--to soon"),
    ([], "give OLD and NEW"),
    (["a", "b", "c"], "not 3"),
    (["--format", "csv", "--section", "facts", "--section", "coverage", "a", "b"], "one section"),
    (["-o", "x.xlsx", "a", "b"], "no workbook"),
])
def test_bad_input_one_line_exit_2(args, message):
    result = run("diff", *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output and re.match("zjgraph: ", result.stderr)


def test_from_to_on_data_option(changed):
    result = run("--data", changed, "diff", "--from", "2024", "--to", "2025", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["summary"]["facts_ended"] == 1
    assert "Examples:" in run("diff", "--help").stdout


def test_document_text_is_escaped():
    from zjgraph.report.diff import render_html, render_markdown

    report = {"summary": dict.fromkeys(["entities_added", "entities_removed", "entities_changed", "facts_added",
                                        "facts_removed", "facts_changed", "facts_ended"], 0),
              "facts": [{"change": "added", "subject": "<script>x</script>", "relation": "r", "object": "a|b",
                         "quote": "q"}]}
    page = render_html(report, ["facts"], sides=("<b>", "new"))
    assert "<script>" not in page and "<b>" not in page and "&lt;script&gt;" in page
    md = render_markdown(report, ["facts"])
    assert "<script>" not in md and "a\\|b" in md


def test_a_long_path_in_the_heading_wraps_at_100_columns(changed, bundled, tmp_path):
    """Installed, the bundled data lives deep in site-packages: the heading naming both sides must still fit."""
    import shutil

    deep = tmp_path / ("very-long-folder-name-" * 4) / "data"
    shutil.copytree(changed, deep)
    out = run("diff", bundled, deep).stdout
    assert max(len(line) for line in out.splitlines()) <= 100


def test_diff_of_generated_years_matches_the_generators_ledger(tmp_path):
    """One generated graph (tests/generated.py periods_kg) as of each year and the next, as ``--from``/``--to``
    compare it: the partnerships added and ended, and the indicators added with their values, are those the
    generator's ledger says."""
    import sys
    from collections import Counter

    sys.path.insert(0, str(Path(__file__).parent))
    from generated import periods_kg

    years = (2022, 2023, 2024)
    kg, expected = periods_kg(seed=11, years=years)
    for y1, y2 in zip(years, years[1:]):
        report = diff(kg.as_of(str(y1)), kg.as_of(str(y2)))
        facts = Counter((f["change"], f["relation"]) for f in report["facts"])
        ended = expected[y1]["ended"]  # the partnerships y1's document ends in June hold no more in y2
        assert facts[("ended", "partnersWith")] == ended, (y1, y2)
        assert facts[("added", "partnersWith")] - ended == expected[y2]["partnersWith"] - expected[y1]["partnersWith"]
        assert report["summary"]["facts_removed"] == report["summary"]["facts_changed"] == 0
        added = [e["id"] for e in report["entities"] if e["change"] == "added"]
        assert len(added) == expected[y2]["indicators"] - expected[y1]["indicators"] == facts[("added",
                                                                                                "reportsIndicator")]
        assert report["summary"]["entities_removed"] == report["summary"]["entities_changed"] == 0
        # each school's new value is the number of partnerships y2's document reports for it (those it ends were
        # already held in y1, from their stated start, so are not all added)
        reported = Counter(u if u.startswith("school:") else v for u, v, e in kg.graph.edges(data=True)
                           if e["relation"] == "partnersWith" and e["source"] == f"doc:gen-{y2}")
        values = {f["subject_id"]: kg.graph.nodes[f["object_id"]]["value"] for f in report["facts"]
                  if f["relation"] == "reportsIndicator" and f["change"] == "added"}
        assert values == dict(reported) and len(values) == len(added)
    assert expected[2023]["ended"] > 0  # the second pair has ended partnerships to find
    # the command line on the graph written to a data folder says the same
    from zjgraph.export import export

    export(kg, "kgx", tmp_path / "years")
    result = run("diff", tmp_path / "years", "--from", "2023", "--to", "2024", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"] == report["summary"]


def reports_students(values: dict[int, int]) -> KnowledgeGraph:
    """The bundled graph with, for each year, a document of that period in which 重庆城市职业学院 reports its
    students (人; its target tgt:cq-city-vc-students-2025 is ≥ 1.3 万人 by 2025)."""
    kg = KnowledgeGraph.load()
    g = kg.graph.copy()
    for year, value in values.items():
        doc, ind = f"doc:test-{year}", f"ind:test-students-{year}"
        g.graph["documents"] = {**g.graph["documents"], doc: {"id": doc, "title": f"test {year}", "file": "",
                                                             "period": str(year)}}
        g.add_node(ind, type="Indicator", name=f"在校生数（{year}）", aliases=[], note=None, provenance={},
                   measure="在校生规模", metric="students-enrolled", value=value, unit="人", districts=[])
        g.add_edge("school:cq-city-vc", ind, key=f"{doc}#0", relation="reportsIndicator", source=doc,
                   quote=f"在校生{value}人", certainty="stated", fact=f"{doc}#0")
    return KnowledgeGraph(g, kg.schema, data_dir=kg.data_dir)


def test_target_progress_gives_the_latest_value_its_gap_and_whether_the_trend_reaches_it():
    from zjgraph.diff import UNKNOWN, in_unit, target_progress
    from zjgraph.report import diff as render

    def row(kg):
        return next(r for r in target_progress(kg, kg) if r["target_id"] == "tgt:cq-city-vc-students-2025")

    slow = row(reports_students({2023: 10000, 2024: 11000}))
    # 1.0 万人 at the end of 2023, 1.1 at the end of 2024: the line gives 1.2 at the end of 2025, short of 1.3
    assert (slow["deadline"], slow["latest"], slow["latest_date"]) == (2025, 1.1, "2024-12-31")
    assert slow["gap"] == pytest.approx(0.2) and slow["trend"] == "falls short"
    fast = row(reports_students({2023: 10000, 2024: 12000}))  # 1.4 at the end of 2025
    assert fast["gap"] == pytest.approx(0.1) and fast["trend"] == "reaches"
    one = row(reports_students({2024: 12000}))
    assert (one["latest"], one["trend"]) == (1.2, UNKNOWN)
    plain = row(KnowledgeGraph.load())  # no dated value: the current one (9700 人, undated), no trend
    assert (plain["latest"], plain["latest_date"], plain["gap"], plain["trend"]) == (0.97, "", pytest.approx(0.33),
                                                                                     UNKNOWN)
    assert in_unit(9700, "人", "万人") == 0.97 and in_unit(5, "所", "人") is None
    # every format shows them
    kg = reports_students({2023: 10000, 2024: 11000})
    report = diff(kg, kg)
    for lang, word in (("zh", "达不到"), ("en", "falls short")):
        for make in (partial(render.render_text, width=300), render.render_markdown, render.render_html):
            text = make(report, ["targets"], lang=lang)
            assert word in text and "2024-12-31" in text, (make, lang)
    heads, body = render.csv_rows(report, "targets")
    csv_row = dict(zip(heads, next(r for r in body if r[0] == "tgt:cq-city-vc-students-2025")))
    assert (csv_row["deadline"], csv_row["latest"], csv_row["trend"]) == (2025, 1.1, "falls short")
    assert json.loads(json.dumps(report))["targets"] == report["targets"]
