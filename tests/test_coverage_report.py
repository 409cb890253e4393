"""`zjgraph coverage` as a report: formats chosen by -o's extension, filters that add up, the language of its
words, a terminal of 100 columns, and spreadsheets that run no formula from a document."""

import csv
import io
import json

import openpyxl
import pytest
from conftest import run

from zjgraph import KnowledgeGraph
from zjgraph.coverage import schools_in_scope
from zjgraph.output import display_width, render_csv, spreadsheet_text

FORMULA = '=HYPERLINK("http://x","y")'
AT = "@SUM(1)"


def report(*args):
    result = run("coverage", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def names(r):
    return {s["name"] for s in r["schools"]}


@pytest.mark.parametrize(("name", "check"), [
    ("r.html", lambda b: b.startswith(b"<!DOCTYPE html>")),
    ("r.HTM", lambda b: b.startswith(b"<!DOCTYPE html>")),
    ("r.csv", lambda b: b.startswith("\ufeffscope,name".encode())),
    ("r.json", lambda b: "overall" in json.loads(b)),
    ("r.md", lambda b: b.startswith("# 校企合作覆盖报告".encode())),
    ("r.markdown", lambda b: b.startswith(b"# ")),
    ("r.xlsx", lambda b: b.startswith(b"PK")),
    ("r.txt", lambda b: "== 校企合作覆盖".encode() in b),
])
def test_the_extension_of_o_picks_the_format(tmp_path, name, check):
    out = tmp_path / name
    result = run("coverage", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert check(out.read_bytes())


def test_a_format_that_contradicts_the_extension_is_an_error_and_writes_nothing(tmp_path):
    result = run("coverage", "--format", "csv", "-o", tmp_path / "r.html")
    assert result.exit_code == 2 and "--format csv" in result.stderr and ".html means html" in result.stderr
    assert list(tmp_path.iterdir()) == []
    assert run("coverage", "--format", "html", "-o", tmp_path / "r.html").exit_code == 0  # agreeing is fine


def test_an_unknown_extension_names_the_known_ones(tmp_path):
    result = run("coverage", "-o", tmp_path / "r.pdf")
    assert result.exit_code == 2 and ".xlsx" in result.stderr and ".html" in result.stderr
    assert list(tmp_path.iterdir()) == []
    assert run("coverage", "--format", "markdown", "-o", tmp_path / "r.pdf").exit_code == 0
    bare = run("coverage", "-o", tmp_path / "report")
    assert bare.exit_code == 2 and "a name without an extension" in bare.stderr
    assert not (tmp_path / "report").exists()


def test_xlsx_to_a_terminal_is_refused():
    result = run("coverage", "--format", "xlsx")
    assert result.exit_code == 2 and "-o" in result.stderr and not result.stdout


def test_filters_of_one_kind_add_up():
    assert names(report("--district", "璧山区", "--district", "永川区")) == (
        names(report("--district", "璧山区")) | names(report("--district", "永川区")))
    assert names(report("--school", "交职校", "--school", "江南职校")) == {"重庆市交通职业学校", "重庆市江南职业学校"}
    both = report("--school", "交职校", "--school", "青山技校", "--district", "璧山区")
    assert names(both) == {"重庆市交通职业学校", "重庆市青山工业技工学校"}


def test_a_city_takes_in_its_districts():
    r = report("--district", "重庆市")
    assert {"永川区", "巴南区", "璧山区"} <= {d["name"] for d in r["districts"]}
    assert {"巴南职业教育中心", "重庆市永川职业教育中心"} <= names(r)
    zone = report("--district", "西部职教基地")  # a zone is a place too, as `view --district` takes it
    assert names(zone) <= names(report("--district", "永川区"))


def test_contradictory_filters_are_an_error_naming_them():
    result = run("coverage", "--school", "交职校", "--district", "永川区")
    assert result.exit_code == 1
    assert "重庆市交通职业学校" in result.stderr and "永川区" in result.stderr and not result.stdout


def test_view_and_coverage_resolve_places_alike(tmp_path):
    for command in (["coverage"], ["view", "-o", tmp_path / "v.html"]):
        result = run(*command, "--district", "交职校")
        assert result.exit_code != 0 and "is of type School, not place" in result.stderr


def test_data_goes_after_the_command_too(mini):
    before = run("--data", mini, "coverage", "--school", "交职校", "--format", "json")
    after = run("coverage", "--data", mini, "--school", "交职校", "--format", "json")
    assert before.exit_code == after.exit_code == 0 and before.stdout == after.stdout
    assert json.loads(after.stdout)["schools"][0]["name"] == "重庆市交通职业学校"
    assert run("stats", "--data", mini).stdout == run("--data", mini, "stats").stdout != run("stats").stdout
    assert run("validate", "--data", mini, "--no-shacl").stdout.startswith("OK")


def test_headers_and_notes_in_chinese_by_default_english_on_request():
    zh = run("coverage", "--section", "coverage").stdout
    en = run("coverage", "--section", "coverage", "--lang", "en").stdout
    assert "专业数" in zh and "明确合作" in zh and "Majors" not in zh.split("\n")[3]
    assert "Majors" in en and "Majors with no partner:" in en


def test_the_terminal_report_fits_100_columns_and_lists_every_uncovered_major():
    data = report()
    for lang in ("zh", "en"):
        text = run("coverage", "--lang", lang).stdout
        assert max(map(display_width, text.splitlines())) <= 100
        for school in data["schools"]:
            for major in school["uncovered"]:
                assert any(school["name"] in line and major in line for line in text.splitlines()), major
        flat = text.replace("\n", "").replace(" ", "")
        assert all(s in flat for s in data["schools_without_majors"])  # wrapped, never cut


def test_the_default_scope_is_the_documents_area():
    kg = KnowledgeGraph.load()
    g = kg.graph
    scope = schools_in_scope(kg)
    assert all(g.nodes[s]["type"] == "School" and g.nodes[s]["districts"] for s in scope)
    left_out = {g.nodes[s]["name"] for s in set(g) if g.nodes[s]["type"] == "School"} - {
        g.nodes[s]["name"] for s in scope}
    assert {"吕贝克汉斯职业学校", "斯里兰卡分校", "四川会理市现代职业技术学校", "实验中学"} <= left_out
    assert not [n for n, d in g.nodes(data=True) if d["type"] == "Campus" and n in scope]
    r = report()
    assert not {"吕贝克汉斯职业学校", "斯里兰卡分校"} & set(r["schools_without_majors"])
    assert r["overall"]["schools"] == len(r["schools"]) == 7


def test_a_section_with_no_rows_says_so_in_every_format(tmp_path):
    args = ("--district", "江津区", "--section", "targets")
    said = "所选范围内没有政策目标。 No policy target concerns this scope."
    assert said in run("coverage", *args).stdout
    assert said in run("coverage", *args, "--format", "markdown").stdout
    assert said in run("coverage", *args, "--format", "html").stdout
    assert run("coverage", *args, "-o", tmp_path / "t.xlsx").exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["政策目标"]
    assert said in [c.value for row in sheet.iter_rows() for c in row]


def test_the_workbook_has_a_sheet_per_section_in_chinese(tmp_path):
    out = tmp_path / "r.xlsx"
    assert run("coverage", "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:4] == ["覆盖", "专业明细", "文件所报", "政策目标"]
    sheet = book["覆盖"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert [c.value for c in sheet[1]][:3] == ["范围", "名称", "校数"]
    assert "重庆市江南职业学校" in [c.value for c in sheet["B"]]
    assert sheet.column_dimensions["B"].width >= display_width("重庆市璧山职业教育中心")  # Chinese counts double
    assert isinstance(sheet["D2"].value, int)
    for sheet in book.worksheets[:4]:  # prints as a bureau prints it: landscape A4, page-wide, header repeated
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$1:$1", sheet.title
    majors = book["专业明细"]
    long_row = next(r for r in majors.iter_rows(min_row=2) if len(str(r[5].value or "")) > 200)[0].row
    assert majors.row_dimensions[long_row].height >= 45  # a long quote gets the lines it wraps to


def test_help_teaches_statuses_formats_and_filters():
    text = run("coverage", "--help").stdout
    for words in ("明确合作 explicit", "未具名合作 unnamed", "仅行业推断 inferred", "无合作 none", "xlsx",
                  ".markdown", "--lang", "Filters add up", "--data"):
        assert words in text, words


@pytest.fixture
def formulas(mini):
    """The mini data with a school and a major whose names a spreadsheet would run as formulas."""
    registry = mini / "registry" / "entities.toml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace('name = "重庆市交通职业学校"', "name = " + json.dumps(FORMULA + "<b>"))
    text = text.replace('name = "城市轨道交通车辆运用与检修"\ncatalogueCode = "700601"\ncatalogueMatch = "exact"',
                        "name = " + json.dumps(AT))
    registry.write_text(text, encoding="utf-8")
    with (mini / "corpus" / "mini.txt").open("a", encoding="utf-8") as f:  # names occur in a document
        f.write(f"\n附:{FORMULA}<b>与{AT}。\n")
    assert run("--data", mini, "validate", "--no-shacl").exit_code == 0
    return mini


def test_no_cell_of_a_csv_or_workbook_is_a_formula(formulas, tmp_path):
    for section in ("coverage", "majors"):
        out = run("--data", formulas, "coverage", "--school", "交职校", "--format", "csv", "--section", section)
        rows = list(csv.reader(io.StringIO(out.stdout.lstrip("\ufeff"))))
        cells = [c for row in rows for c in row]
        assert "'" + FORMULA + "<b>" in cells and "'" + AT in cells
        assert not [c for c in cells if c and c[0] in "=+-@\t\r"]
    out = tmp_path / "r.xlsx"
    assert run("--data", formulas, "coverage", "--school", "交职校", "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "'" + FORMULA + "<b>" in [c.value for c in cells] and "'" + AT in [c.value for c in cells]
    assert all(c.data_type != "f" for c in cells)
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value and c.value[0] in "=+-@\t\r"]
    page = run("--data", formulas, "coverage", "--school", "交职校", "--format", "html").stdout
    assert "&lt;b&gt;" in page and FORMULA + "<b>" not in page
    md = run("--data", formulas, "coverage", "--school", "交职校", "--format", "markdown").stdout
    assert "&lt;b&gt;" in md and "<b>" not in md  # a Markdown viewer would render HTML


def test_numbers_stay_numbers_in_spreadsheets():
    assert [spreadsheet_text(v) for v in (-3, -2.5, "-3", "-2+3", "+86", "a=b")] == [
        "-3", "-2.5", "-3", "'-2+3", "'+86", "a=b"]
    rows = list(csv.reader(io.StringIO(render_csv(["n", "t"], [[-3, FORMULA]]).lstrip("\ufeff"))))
    assert rows == [["n", "t"], ["-3", "'" + FORMULA]]


def test_the_web_app_downloads_the_workbook_the_cli_writes(tmp_path):
    import urllib.request

    from zjgraph.web import create_app
    from zjgraph.web.server import Background

    server = Background(create_app())
    try:
        with urllib.request.urlopen(server.url + "/coverage/report.xlsx?district=%E7%92%A7%E5%B1%B1%E5%8C%BA",
                                    timeout=120) as r:
            assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
            (tmp_path / "web.xlsx").write_bytes(r.read())
    finally:
        server.stop()
    assert run("coverage", "--district", "璧山区", "-o", tmp_path / "cli.xlsx").exit_code == 0
    web, cli = (openpyxl.load_workbook(tmp_path / f) for f in ("web.xlsx", "cli.xlsx"))
    assert [[c.value for c in row] for row in web["覆盖"].iter_rows()] == [
        [c.value for c in row] for row in cli["覆盖"].iter_rows()]
    assert web["说明"]["B2"].value == "璧山区"
