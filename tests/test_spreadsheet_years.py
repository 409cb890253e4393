"""Loading years: a sheet's mapping gives the period its file reports on, so several years of one bureau's sheets
load into one data folder; bad periods, times and values are reported naming the file and line (or row)."""

import json
import shutil
from importlib.resources import files
from pathlib import Path

from conftest import run
from test_spreadsheet import write_table

from zjgraph import KnowledgeGraph

PARTNERS = """
[[table]]
file = "partners.csv"
document = "doc:partners"
title = "校企合作企业表"
period = "2024"
start = "开始"
end = "结束"

[[table.entity]]
column = "学校"
type = "School"
existing = true

[[table.entity]]
column = "企业"
type = "Enterprise"

[[table.relation]]
subject = "学校"
predicate = "partnersWith"
object = "企业"

[[table.indicator]]
entity = "学校"
measure = "合作企业数"
column = "企业数"
unit = "家"
"""


def sheet(tmp_path: Path, rows: str, mapping: str = PARTNERS) -> tuple[Path, Path]:
    table = write_table(tmp_path / "sheets", "学校,企业,开始,结束,企业数\n" + rows, name="partners.csv")
    (tmp_path / "sheets" / "mapping.toml").write_text(mapping, encoding="utf-8")
    return table, tmp_path / "sheets" / "mapping.toml"


def partners(kg: KnowledgeGraph, school: str) -> list[tuple[str, str]]:
    return sorted((v, e["source"]) for _, v, e in kg.graph.out_edges(school, data=True)
                  if e["relation"] == "partnersWith")


def test_a_row_takes_its_time_from_the_period_unless_it_gives_its_own(mini, tmp_path):
    table, mapping = sheet(tmp_path, "交职校,长安汽车,,,2\n交职校,新合作企业,2019,2024-06,2\n")
    into = tmp_path / "joined"
    result = run("--data", mini, "load", table, "--mapping", mapping, "--into", into)
    assert result.exit_code == 0, result.stderr
    assert 'period = "2024"' in (into / "corpus" / "documents.toml").read_text(encoding="utf-8")
    kg = KnowledgeGraph.load(into, use_cache=False)
    school = kg.resolve("交职校")
    edges = {v: e for _, v, e in kg.graph.out_edges(school, data=True)
             if e["source"] == "doc:partners" and e["relation"] == "partnersWith"}
    assert {k: edges[kg.resolve("长安汽车")][k] for k in ("startTime", "endTime", "timeSource")} == {
        "startTime": "2024", "endTime": "2024", "timeSource": "document"}
    # 2019 is outside the period, but the row (the fact's quote) gives it: its own evidence
    assert {k: edges[kg.resolve("新合作企业")][k] for k in ("startTime", "endTime", "timeSource")} == {
        "startTime": "2019", "endTime": "2024-06", "timeSource": "stated"}
    names = {kg.graph.nodes[v]["name"] for v, _ in partners(kg.as_of("2025"), school)}
    assert "长安汽车" in names and "新合作企业" not in names  # its end is stated
    [indicator] = {v for _, v, e in kg.graph.out_edges(school, data=True)
                   if e["relation"] == "reportsIndicator" and e["source"] == "doc:partners"}  # one, reported twice
    data = kg.graph.nodes[indicator]
    assert (data["measure"], data["value"], data["unit"]) == ("合作企业数", 2, "家")
    assert run("--data", into, "validate", "--no-shacl").exit_code == 0


def test_a_period_that_does_not_parse_names_the_mapping_file_and_line(mini, tmp_path):
    for period, reason in (("2024学年", "does not parse"), ("2025/2024", "ends before it starts")):
        table, mapping = sheet(tmp_path, "交职校,长安汽车,,,2\n", PARTNERS.replace('"2024"', f'"{period}"'))
        result = run("--data", mini, "load", table, "--mapping", mapping, "--check")
        assert result.exit_code == 1
        assert f"{mapping}:2: table partners.csv: period: period '{period}' " in result.stderr
        assert reason in result.stderr


def test_bad_times_and_two_values_name_the_sheet_file_and_row(mini, tmp_path):
    rows = {
        "交职校,长安汽车,2024年,,2": "开始/结束: startTime: '2024年' is not a time",
        "交职校,重庆轨道集团,2024-05,2023,2": "开始/结束: endTime 2023 is before startTime 2024-05",
        "交职校,成都铁路局,,,3": "企业数: row 2 gives 2 for “合作企业数” of 交职校, this row 3; a file reports one "
                                "value per subject, measure and period",
        "交职校,长城汽车,,,两家": "企业数: “两家” is not a number",
    }
    table, mapping = sheet(tmp_path, "交职校,比亚迪股份有限公司,,,2\n" + "".join(r + "\n" for r in rows))
    result = run("--data", mini, "load", table, "--mapping", mapping, "--check")
    assert result.exit_code == 1
    for number, reason in enumerate(rows.values(), start=3):
        assert f"{table}:{number}: {reason}" in result.stderr
    assert "1 good row(s), 4 bad row(s)" in result.stderr


def test_two_years_of_the_example_load_into_one_folder(tmp_path):
    example = Path(shutil.copytree(Path(str(files("zjgraph") / "examples" / "bureau-years")), tmp_path / "years"))
    for name in ("README.md", "mapping.toml", *(p.name for p in example.glob("*.csv"))):
        text = (example / name).read_text(encoding="utf-8")
        assert "非真实报表" in text or "not a real report" in text, name  # every file says it is example data
    data = tmp_path / "data"
    for year in ("2023", "2024"):  # a year at a time, as a bureau gets them
        result = run("load", example / f"partners-{year}.csv", example / f"summary-{year}.csv",
                     "--mapping", example / "mapping.toml", "--into", data, "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert all(s["bad"] == 0 for s in json.loads(result.stdout))
    assert run("--data", data, "validate").exit_code == 0
    kg = KnowledgeGraph.load(data, use_cache=False)

    def sheet_partners(when, school):
        return {(kg.graph.nodes[v]["name"], s[-4:]) for v, s in partners(kg.as_of(when), school)
                if s.startswith("doc:example-years")}

    assert sheet_partners("2023", "school:bishan-vec") == {("重庆花间里商业有限公司", "2023"),
                                                          ("比亚迪股份有限公司", "2023")}
    assert ("长城汽车", "2024") in sheet_partners("2025", "school:bishan-vec")  # new in 2024
    jiaozhi_2025 = sheet_partners("2025", "school:jiaozhixiao")
    assert ("成都铁路局", "2024") not in jiaozhi_2025  # the 2024 sheet states its end, 2024-06
    assert ("成都铁路局", "2023") in jiaozhi_2025  # the 2023 sheet's fact has no stated end: it is not taken back
    assert ("成都铁路局", "2024") in sheet_partners("2024-05", "school:jiaozhixiao")

    def partner_count(when):
        g = kg.as_of(when).graph
        return {g.nodes[v]["value"] for _, v, e in g.out_edges("school:bishan-vec", data=True)
                if e["relation"] == "reportsIndicator" and e["source"].startswith("doc:example-years")}

    assert partner_count("2023") == {2} and partner_count("2024") == {2, 3}  # the 2023 value is not taken back
