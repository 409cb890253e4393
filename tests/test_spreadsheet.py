"""A bureau's spreadsheets join the graph through a column mapping; bad rows are reported, good rows kept."""

import json
import shutil
from importlib.resources import files
from pathlib import Path

import pytest
from conftest import run

MAPPING = """
[[table]]
file = "orders.csv"
document = "doc:orders"
title = "订单班统计表"
publisher = "测试区教委"

[[table.entity]]
column = "学校"
type = "School"
existing = true

[[table.entity]]
column = "订单班"
type = "OrderClass"

[[table.entity]]
column = "企业"
type = "Enterprise"
optional = true

[[table.relation]]
subject = "学校"
predicate = "runsOrderClass"
object = "订单班"

[[table.relation]]
subject = "企业"
predicate = "sponsorsOrderClass"
object = "订单班"

[[table.attribute]]
entity = "订单班"
predicate = "orderClassKind"
column = "类型"
"""

GOOD = """学校,订单班,企业,类型
交职校,轨道订单班,长安汽车,订单班
重庆市交通职业学校,高速订单班,,学徒制班
"""

BAD = {  # row text -> the reason it is bad
    ",无名班,长安汽车,订单班": "学校: empty; every row names a School (学校)",
    "不存在的学校,某班,长安汽车,订单班": "学校: no School (学校) is named “不存在的学校”",
    "交职校,周末订单班,长安汽车,周末班": "类型: “周末班” is not one of: 订单班, 学徒制班, 中外合作班, 工匠班",
    "交职校,某班,长安汽车,订单班,多余": "5 cells but the header has 4 columns",
    "交职校,长安汽车,长安汽车,订单班": "订单班: “长安汽车” is a Enterprise (ent:changan), not a OrderClass",
}


def write_table(folder: Path, text: str, encoding: str = "utf-8-sig", name: str = "orders.csv") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "mapping.toml").write_text(MAPPING, encoding="utf-8")
    path = folder / name
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))  # as Excel saves it
    return path


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def show(data: Path, name: str) -> dict:
    result = run("--data", data, "show", name, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_each_excel_encoding_joins_the_graph(mini, tmp_path, encoding):
    table = write_table(tmp_path / "sheets", GOOD, encoding)
    into = tmp_path / "joined"
    result = run("--data", mini, "load", table, "--mapping", tmp_path / "sheets" / "mapping.toml", "--into", into,
                 "--format", "json")
    assert result.exit_code == 0, result.stderr
    [summary] = json.loads(result.stdout)
    assert summary["encoding"] == encoding and summary["good"] == 2 and summary["bad"] == 0
    assert summary["new_entities"] == 2
    school = show(into, "交职校")
    runs = [r for r in school["relations"] if r["relation"] == "runsOrderClass"]
    assert {r["other"]["name"] for r in runs} == {"轨道订单班", "高速订单班"}
    rail = next(r for r in runs if r["other"]["name"] == "轨道订单班")
    assert rail["source"] == "doc:orders" and rail["quote"] == "交职校,轨道订单班,长安汽车,订单班"
    assert rail["certainty"] == "stated"
    assert show(into, "高速订单班")["attributes"] == {"orderClassKind": "学徒制班"}
    assert (into / "corpus" / "orders.csv").read_text(encoding="utf-8") == GOOD  # the source, as UTF-8
    assert run("--data", into, "validate", "--no-shacl").exit_code == 0


def test_each_bad_row_is_reported_and_the_good_rows_are_kept(mini, tmp_path):
    table = write_table(tmp_path / "sheets", GOOD + "".join(row + "\n" for row in BAD))
    into = tmp_path / "joined"
    result = run("--data", mini, "load", table, "--mapping", tmp_path / "sheets" / "mapping.toml", "--into", into)
    assert result.exit_code == 1
    for row_number, reason in enumerate(BAD.values(), start=4):  # header is row 1, two good rows
        assert f"{table}:{row_number}: {reason}" in result.stderr
    assert "2 good row(s), 5 bad row(s)" in result.stderr
    names = {r["other"]["name"] for r in show(into, "交职校")["relations"] if r["relation"] == "runsOrderClass"}
    assert names == {"轨道订单班", "高速订单班"}  # nothing from a bad row, not even its new names
    assert run("--data", into, "show", "周末订单班").exit_code == 1


def test_check_writes_nothing(mini, tmp_path):
    table = write_table(tmp_path / "sheets", GOOD + ",无名班,长安汽车,订单班\n")
    before = snapshot(mini)
    result = run("--data", mini, "load", table, "--mapping", tmp_path / "sheets" / "mapping.toml", "--check")
    assert result.exit_code == 1
    assert f"{table}:4: 学校: empty" in result.stderr
    assert "--check: nothing written" in result.stderr
    assert snapshot(mini) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini", "sheets"]


def test_loading_again_replaces_the_earlier_load(mini, tmp_path):
    table = write_table(tmp_path / "sheets", GOOD)
    args = ["--data", mini, "load", table, "--mapping", tmp_path / "sheets" / "mapping.toml", "--into", mini]
    assert run(*args).exit_code == 0
    once = snapshot(mini)
    assert run(*args).exit_code == 0
    assert snapshot(mini) == once
    table.write_bytes(GOOD.splitlines(keepends=True)[0].encode() + "交职校,轨道订单班,长安汽车,订单班\n".encode())
    assert run(*args).exit_code == 0
    assert run("--data", mini, "show", "高速订单班").exit_code == 1  # the row is gone with the new version


def test_new_names_get_stable_ids(mini, tmp_path):
    table = write_table(tmp_path / "sheets", GOOD)
    for into in (tmp_path / "a", tmp_path / "b"):
        run("--data", mini, "load", table, "--mapping", tmp_path / "sheets" / "mapping.toml", "--into", into)
    assert show(tmp_path / "a", "轨道订单班")["id"] == show(tmp_path / "b", "轨道订单班")["id"]
    assert show(tmp_path / "a", "轨道订单班")["id"].startswith("oc:")


def test_a_mapping_outside_the_ontology_is_refused(mini, tmp_path):
    table = write_table(tmp_path / "sheets", GOOD)
    mapping = tmp_path / "sheets" / "mapping.toml"
    mapping.write_text(MAPPING.replace('predicate = "runsOrderClass"', 'predicate = "offersMajor"'), encoding="utf-8")
    result = run("--data", mini, "load", table, "--mapping", mapping, "--check")
    assert result.exit_code == 1
    assert "relation offersMajor goes from School to Major, not from School to OrderClass" in result.stderr


def test_a_missing_column_is_reported_on_the_header_row(mini, tmp_path):
    table = write_table(tmp_path / "sheets", GOOD.replace("类型", "班级类型", 1))
    result = run("--data", mini, "load", table, "--mapping", tmp_path / "sheets" / "mapping.toml", "--check")
    assert result.exit_code == 1
    assert f"{table}:1: no column(s) 类型; the header has: 学校, 订单班, 企业, 班级类型" in result.stderr


def test_a_file_the_mapping_does_not_declare_is_refused(mini, tmp_path):
    other = write_table(tmp_path / "sheets", GOOD, name="other.csv")
    result = run("--data", mini, "load", other, "--mapping", tmp_path / "sheets" / "mapping.toml", "--check")
    assert result.exit_code == 1
    assert "declares no table for this file; it declares: orders.csv" in result.stderr


def test_a_spreadsheet_needs_a_mapping_and_a_destination(mini, tmp_path):
    table = write_table(tmp_path / "sheets", GOOD)
    assert "needs --mapping" in run("--data", mini, "load", table).stderr
    result = run("--data", mini, "load", table, "--mapping", tmp_path / "sheets" / "mapping.toml")
    assert result.exit_code == 2 and "--into DIR, or --check" in result.stderr


def test_the_shipped_example_loads_cleanly(tmp_path):
    example = Path(str(files("zjgraph") / "examples" / "bureau"))
    copy = Path(shutil.copytree(example, tmp_path / "bureau"))
    result = run("load", "--mapping", copy / "mapping.toml", "--into", tmp_path / "data", "--format", "json")
    assert result.exit_code == 0, result.stderr
    summary = {Path(s["file"]).name: s for s in json.loads(result.stdout)}
    assert {name: s["encoding"] for name, s in summary.items()} == {
        "schools.csv": "utf-8-sig", "majors.csv": "gb18030", "enterprises.csv": "utf-8",
        "order-classes.csv": "utf-8-sig"}
    assert all(s["bad"] == 0 and s["new_entities"] == 0 for s in summary.values())  # every name resolves
    jiaozhi = show(tmp_path / "data", "交职校")
    sources = {r["source"] for r in jiaozhi["relations"] if r["relation"] == "offersMajor"}
    assert sources == {"doc:002", "doc:example-bureau-majors"}
