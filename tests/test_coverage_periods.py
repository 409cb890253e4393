"""zjgraph coverage --by-period: each school's and district's coverage for every period the documents report on
(issue 18)."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import run
from openpyxl import load_workbook

from zjgraph.coverage import by_period, periods
from zjgraph.graph import KnowledgeGraph, bundled_data_dir


@pytest.fixture(scope="module")
def dated(tmp_path_factory) -> Path:
    """The bundled data with doc:000 (永川职教中心's feature, undated) said to report on 2022: its facts hold
    from 2022, doc:002's (璧山, 2024-09/2025-08) only from 2024-09."""
    new = Path(shutil.copytree(bundled_data_dir(), tmp_path_factory.mktemp("periods") / "data"))
    f = new / "corpus" / "documents.toml"
    line = 'file = "000_d4f5502489cef0fa.txt"\n'
    text = f.read_text(encoding="utf-8")
    assert text.count(line) == 1
    f.write_text(text.replace(line, line + 'period = "2022"\n'), encoding="utf-8")
    return new


def test_periods_and_coverage_as_of_each_end(dated):
    kg = KnowledgeGraph.load(dated)
    assert periods(kg) == ["2022", "2024-09/2025-08", "2024/2027"]
    rows = by_period(kg)
    at = {(r["period"], r["id"]): r for r in rows}
    assert ("2022", "place:bishan") not in at  # 璧山's report starts in 2024-09
    assert at[("2022", "school:yongchuan-vec")]["majors_offered"] == 4
    assert at[("2024-09/2025-08", "place:bishan")]["majors_offered"] == 17
    assert {r["scope"] for r in rows} == {"school", "district", "overall"}


def test_filters_apply_to_each_period(dated):
    rows = by_period(KnowledgeGraph.load(dated), district="璧山区")
    assert {r["period"] for r in rows} == {"2024-09/2025-08", "2024/2027"}
    assert {r["name"] for r in rows if r["scope"] == "district"} == {"璧山区"}


def test_only_when_asked(dated):
    plain = run("coverage", "--data", dated).stdout
    assert "各期覆盖" not in plain
    out = run("coverage", "--data", dated, "--by-period").stdout
    assert "== 各期覆盖" in out and "2024-09/2025-08" in out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "Coverage by period" in run("coverage", "--data", dated, "--by-period", "--lang", "en").stdout


def test_every_format(dated, tmp_path):
    data = json.loads(run("coverage", "--data", dated, "--by-period", "--format", "json").stdout)
    assert data["periods"][0]["period"] == "2022"
    raw = run("coverage", "--data", dated, "--by-period", "--format", "csv").stdout
    assert raw.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(raw[1:])))
    assert table[0][:3] == ["period", "scope", "name"] and table[1][0] == "2022"
    md = run("coverage", "--data", dated, "--by-period", "--format", "markdown").stdout
    assert "## 各期覆盖" in md and "| 2022 |" in md
    run("coverage", "--data", dated, "--by-period", "-o", tmp_path / "c.html")
    assert 'id="periods"' in (tmp_path / "c.html").read_text(encoding="utf-8")
    run("coverage", "--data", dated, "--by-period", "-o", tmp_path / "c.xlsx")
    sheet = load_workbook(tmp_path / "c.xlsx")["各期覆盖"]
    assert sheet["A2"].value == "2022"


def test_no_period_says_so(mini):
    out = run("coverage", "--data", mini, "--by-period", "--section", "periods").stdout
    assert "No document states the period" in out


def test_not_with_as_of():
    result = run("coverage", "--by-period", "--as-of", "2025")
    assert result.exit_code == 2 and "does not go with --as-of" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
