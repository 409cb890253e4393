"""The first commands, as a researcher would use them."""

import json
import subprocess
import sys

from conftest import run


def test_stats_counts_by_type_relation_and_document(mini):
    result = run("--data", mini, "stats", "--format", "json")
    assert result.exit_code == 0
    s = json.loads(result.stdout)
    assert s["by_type"] == {"Enterprise": 2, "School": 1, "Major": 1, "Indicator": 1, "Target": 1}
    assert s["by_relation"] == {"runBy": 1, "partnersWith": 1, "offersMajor": 1, "reportsIndicator": 1,
                                "setsTarget": 1}
    assert s["by_attribute"] == {"foundingDate": 1, "schoolLevel": 1}
    assert s["by_document"] == [{"id": "doc:001", "title": "迷你测试文件", "relations": 5, "attributes": 2,
                                 "entities": 6}]


def test_stats_table_aligns_chinese(mini):
    lines = run("--data", mini, "stats").stdout.splitlines()
    assert lines[0].split() == ["group", "key", "label", "count"]
    from zjgraph.output import display_width

    # every row is padded to the same display width up to the last column
    starts = {display_width(line[: line.rindex("  ")]) for line in lines[2:] if "  " in line}
    assert len(starts) <= 2


def test_stats_csv_has_bom_for_excel(mini):
    out = run("--data", mini, "stats", "--format", "csv").stdout
    assert out.startswith("\ufeffgroup,key,label,count\n")  # click normalises \r\n here
    assert "relation,offersMajor,开设专业,1" in out


def test_show_by_alias_prints_relations_with_evidence(mini):
    result = run("--data", mini, "show", "交职校")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("重庆市交通职业学校  (学校 School · school:jiaozhi)")
    assert "→ 隶属/主管 runBy → 重庆高速公路集团有限公司 (ent:cq-expressway)" in out
    assert "“交职校成立于2011年11月,隶属重庆高速公路集团有限公司”" in out
    assert "— doc:001 《迷你测试文件》 · inferred (implied-subject)" in out
    assert "办学层次 schoolLevel = 中职" in out
    assert "→ 设定目标 setsTarget → 交职校订单班数目标 (tgt:jiaozhi-order-classes-2027) >= 5 个 by 2027" in out
    assert "→ 报告指标 reportsIndicator → 交职校学生数 (ind:jiaozhi-students) = 1200 人" in out


def test_show_json_is_one_object_with_the_id(mini):
    result = run("--data", mini, "show", "重庆市交通职业学校", "--format", "json")
    info = json.loads(result.stdout)
    assert info["id"] == "school:jiaozhi"
    assert info["attributes"] == {"foundingDate": "2011-11", "schoolLevel": "中职"}
    partner = next(r for r in info["relations"] if r["relation"] == "partnersWith")
    assert partner["other"] == {"id": "ent:changan", "name": "长安汽车", "type": "Enterprise"}
    assert partner["quote"] == "交职校与长安汽车开展订单培养"
    assert partner["source"] == "doc:001" and partner["certainty"] == "stated"


def test_show_resolves_document_local_alias(mini):
    # 学校 means 交职校 only inside doc:001; with no other document using it, it resolves.
    assert json.loads(run("--data", mini, "show", "学校", "--format", "json").stdout)["id"] == "school:jiaozhi"


def test_show_unknown_name_suggests_closest(mini):
    result = run("--data", mini, "show", "不存在的学校")
    assert result.exit_code == 1
    assert "no entity is named “不存在的学校”. Closest matches:\n  重庆市交通职业学校  (School, school:jiaozhi)" \
        in result.stderr
    result = run("--data", mini, "show", "重庆交通职业学校")
    assert result.exit_code == 1
    assert "Closest matches:\n  重庆市交通职业学校  (School, school:jiaozhi)" in result.stderr


def test_search_partial_and_fuzzy(mini):
    out = json.loads(run("--data", mini, "search", "交通", "--format", "json").stdout)
    assert out[0]["id"] == "school:jiaozhi" and 0.6 < out[0]["score"] < 0.7  # contains
    out = json.loads(run("--data", mini, "search", "重庆交通职业学校", "--format", "json").stdout)
    assert out[0]["id"] == "school:jiaozhi" and 0.3 < out[0]["score"] < 0.6  # resembles
    out = json.loads(run("--data", mini, "search", "学校", "--format", "json").stdout)
    assert (out[0]["id"], out[0]["matched"], out[0]["score"]) == ("school:jiaozhi", "学校", 0.95)  # local alias
    out = json.loads(run("--data", mini, "search", "长安", "--type", "Enterprise", "--format", "json").stdout)
    assert [h["id"] for h in out] == ["ent:changan"]


def test_search_nothing_and_bad_type(mini):
    assert run("--data", mini, "search", "火星").exit_code == 1
    result = run("--data", mini, "search", "长安", "--type", "Company")
    assert result.exit_code == 2 and "unknown type(s) Company" in result.stderr


def test_validate_passes_on_fixture(mini):
    result = run("--data", mini, "validate")
    assert result.exit_code == 0
    assert "OK: 0 error(s), 0 warning(s); checked 1 documents, 6 entities, 7 facts; SHACL: conforms" in result.stdout


def test_help_teaches_with_examples():
    for cmd in ([], ["stats"], ["show"], ["search"], ["validate"]):
        out = run(*cmd, "--help").stdout
        assert "Examples:" in out, cmd


def test_installed_command_runs(mini):
    done = subprocess.run(["zjgraph", "--data", str(mini), "show", "交职校"], capture_output=True, text=True,
                          encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert "重庆市交通职业学校" in done.stdout
    done = subprocess.run([sys.executable, "-m", "zjgraph", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "version" in done.stdout


def test_heavy_libraries_are_imported_only_when_needed(mini, tmp_path):
    """Start-up time: the command line itself imports neither NetworkX nor rdflib nor pySHACL, and a report
    from the cached graph never parses the ontology (benchmarks/bench_startup.py times it)."""
    heavy = "sorted(m for m in ('networkx', 'rdflib', 'pyshacl') if m in sys.modules)"
    # run away from the checkout, whose zjgraph/ folder `python -c` would import instead of the installed package
    done = subprocess.run([sys.executable, "-c", f"import sys, zjgraph.cli; print({heavy})"], capture_output=True,
                          text=True, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr
    assert run("--data", mini, "coverage").exit_code == 0  # fills the cache
    probe = f"import sys\nfrom zjgraph.cli import main\ntry:\n    main()\nfinally:\n    print({heavy}, file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", probe, "--data", str(mini), "coverage"], capture_output=True,
                          text=True, encoding="utf-8", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "['networkx']"  # the graph is a NetworkX graph; no RDF
