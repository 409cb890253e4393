"""`zjgraph coverage`: the report of the design card, in every format."""

import csv
import io
import json
import re

from conftest import run

from zjgraph.output import display_width


def report(*args):
    result = run("coverage", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_overall_numbers_add_up():
    r = report()
    overall = r["overall"]
    assert overall["majors_offered"] == sum(s["majors_offered"] for s in r["schools"])
    statuses = ("explicit", "unnamed", "inferred_only", "none")
    assert overall["majors_offered"] == sum(overall[k] for k in statuses)
    assert overall["explicit_percent"] == round(100 * overall["explicit"] / overall["majors_offered"], 1)
    stated = overall["explicit"] + overall["unnamed"]
    assert overall["stated_percent"] == round(100 * stated / overall["majors_offered"], 1)
    assert overall["with_inferred_percent"] == round(100 * (stated + overall["inferred_only"])
                                                     / overall["majors_offered"], 1)
    assert "coverage_percent" not in overall and "coverage_with_inferred_percent" not in overall
    assert len(r["majors"]) == overall["majors_offered"]


def test_per_school_and_district():
    r = report("--district", "璧山区")
    assert {s["name"] for s in r["schools"]} == {
        "重庆市璧山职业教育中心", "重庆市交通职业学校", "重庆市青山工业技工学校"}
    assert [d["name"] for d in r["districts"]] == ["璧山区"]
    jiangnan = report("--school", "江南职校")["schools"][0]
    assert jiangnan["explicit_percent"] == 0 and jiangnan["majors_offered"] == 4
    assert (jiangnan["unnamed"], jiangnan["none"], jiangnan["stated_percent"]) == (2, 2, 50.0)
    assert sorted(jiangnan["uncovered"]) == ["汽车制造与检测", "电子电器应用与维修"]
    assert sorted(jiangnan["unnamed_only"]) == ["机械制造技术", "汽车运用与维修"]


def test_claims_are_set_against_the_graph():
    claims = {(c["subject"], c["metric"]): c for c in report()["claims"]}
    # doc:000: 永川职教中心 reports 校企合作专业覆盖率100%; its “1专业+N企业” alliance states partners for each of
    # its 4 majors in the graph, unnamed ones: stated coverage is what the document counts
    own = claims[("重庆市永川职业教育中心", "cooperation-coverage")]
    assert (own["reported"], own["graph"], own["source"]) == (100, 100.0, "doc:000")
    # doc:001: 113 order classes in the 西部职教基地
    assert claims[("西部职教基地", "order-classes")]["reported"] == 113


def test_targets_come_with_their_year():
    targets = {t["target_id"]: t for t in report()["targets"]}
    match = targets["tgt:wvb-major-industry-match-degree-2027"]
    assert (match["target"], match["unit"], match["target_year"]) == (95, "%", 2027)


def test_csv_is_for_excel():
    out = run("coverage", "--format", "csv").stdout
    assert out.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert table[0][:3] == ["scope", "name", "schools"] and table[-1][0] == "overall"
    assert run("coverage", "--format", "csv", "--section", "claims", "--section", "targets").exit_code == 2


def test_table_lines_up_chinese():
    lines = run("coverage", "--section", "coverage").stdout.splitlines()
    end = next(line for line in lines if line.startswith("陈述%"))
    table = lines[lines.index("== 校企合作覆盖") + 1:lines.index(end)]
    # the third column (schools) starts at the same terminal column on every line, Chinese names before it
    starts = {display_width(re.match(r"\S+\s+\S+\s+", line).group()) for line in table}
    assert len(starts) == 1 and any("重庆市江南职业学校" in line for line in table)


def test_markdown_and_html(tmp_path):
    md = run("coverage", "--format", "markdown").stdout
    assert md.startswith("# 校企合作覆盖报告") and "| 范围 | 名称 |" in md
    assert "| Scope | Name |" in run("coverage", "--format", "markdown", "--lang", "en").stdout
    page = tmp_path / "coverage.html"
    assert run("coverage", "--format", "html", "-o", page).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and "重庆市江南职业学校" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "the page must not load anything"


def test_unknown_school_or_district_is_a_clear_error():
    for args, message in [(("--school", "不存在的学校"), "no School is named “不存在的学校”"),
                          (("--district", "永州区"), "closest: 永川区"),
                          (("--district", "交职校"), "is of type School, not place")]:
        result = run("coverage", *args)
        assert result.exit_code == 1 and message in result.stderr, result.stderr


def test_an_unwritable_output_is_a_clear_error_and_leaves_nothing(tmp_path):
    blocker = tmp_path / "report"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result = run("coverage", "--format", "html", "-o", blocker / "coverage.html")
    assert result.exit_code == 1 and f"cannot write {blocker / 'coverage.html'}" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
