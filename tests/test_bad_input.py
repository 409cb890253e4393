"""Bad input gets a clear error naming the file, line and entry, a non-zero exit, and nothing loaded."""

import pytest
from conftest import run

from zjgraph import DataError, KnowledgeGraph

NEW_FACT = """
[[fact]]
subject = "school:jiaozhi"
predicate = "partnersWith"
object = "ent:changan"
quote = "交职校与长安汽车开展订单培养"
"""

# (case, file to append to, text appended, expected "file:line: entry: message" fragment)
CASES = [
    ("malformed TOML", "facts/001.toml", '\n[[fact]]\nsubject = "school:jiaozhi\n',
     "facts/001.toml:69: file: malformed TOML: Illegal character"),
    ("unknown type", "registry/entities.toml", '\n[[entity]]\nid = "ent:x"\ntype = "Company"\nname = "长安汽车"\n',
     "registry/entities.toml:24: entity ent:x: unknown type 'Company'; expected one of:"),
    ("unknown relation", "facts/001.toml", NEW_FACT.replace("partnersWith", "worksWith"),
     "facts/001.toml:68: fact #8 (school:jiaozhi worksWith ent:changan): unknown predicate 'worksWith'"),
    ("quote not in document", "facts/001.toml", NEW_FACT.replace("开展订单培养", "共建产业学院"),
     "facts/001.toml:68: fact #8 (school:jiaozhi partnersWith ent:changan): quote not found in doc:001: "
     "“交职校与长安汽车共建产业学院”"),
    ("duplicate id", "registry/entities.toml",
     '\n[[entity]]\nid = "ent:changan"\ntype = "Enterprise"\nname = "长安汽车"\n',
     "registry/entities.toml:24: entity ent:changan: duplicate id: already defined at registry/entities.toml:12"),
    ("alias claimed twice", "registry/entities.toml",
     '\n[[entity]]\nid = "school:other"\ntype = "School"\nname = "中职学校"\naliases = ["交职校"]\n',
     "registry/entities.toml:24: entity school:other: alias collision: “交职校” is also claimed by school:jiaozhi"),
    ("missing entity", "facts/001.toml", NEW_FACT.replace("ent:changan", "ent:changan-auto"),
     "facts/001.toml:68: fact #8 (school:jiaozhi partnersWith ent:changan-auto): object 'ent:changan-auto' is not "
     "a known entity"),
    ("relation outside its domain", "facts/001.toml",
     NEW_FACT.replace('subject = "school:jiaozhi"', 'subject = "ent:changan"').replace("partnersWith", "offersMajor")
     .replace('object = "ent:changan"', 'object = "major:urban-rail"'),
     "fact #8 (ent:changan offersMajor major:urban-rail): 'offersMajor' does not apply to a Enterprise"),
    ("relation outside its range", "facts/001.toml", NEW_FACT.replace("partnersWith", "offersMajor"),
     "fact #8 (school:jiaozhi offersMajor ent:changan): 'offersMajor' cannot point to a Enterprise; its object is a "
     "Major"),
    ("inferred without a rule", "facts/001.toml", NEW_FACT + 'certainty = "inferred"\n',
     "fact #8 (school:jiaozhi partnersWith ent:changan): an inferred fact names its rule"),
    ("unknown field", "facts/001.toml", NEW_FACT + 'sourse = "doc:001"\n',
     "fact #8: unknown field 'sourse'; expected one of:"),
    ("name not in the corpus", "registry/entities.toml",
     '\n[[entity]]\nid = "ent:x"\ntype = "Enterprise"\nname = "不存在的企业"\n',
     "registry/entities.toml:24: entity ent:x: name or alias “不存在的企业” does not occur in any corpus document"),
    ("catalogue code unknown", "registry/entities.toml",
     '\n[[entity]]\nid = "major:x"\ntype = "Major"\nname = "订单培养"\n'
     'catalogueCode = "999999"\ncatalogueMatch = "exact"\n',
     "entity major:x: catalogueCode '999999' is not in the 2021 catalogue"),
    ("bad controlled value", "facts/001.toml",
     NEW_FACT.replace("partnersWith", "schoolLevel").replace('object = "ent:changan"', 'value = "高中"'),
     "schoolLevel = '高中' is not one of: 中职, 技工学校, 高职专科, 职业本科, 本科"),
]


# Problems in the corpus list and in a facts file's header, written as a whole new file.
FILE_CASES = [
    ("corpus file missing", "corpus/documents.toml",
     '[[document]]\nid = "doc:001"\nfile = "gone.txt"\ntitle = "丢失"\n',
     "corpus/documents.toml:1: document doc:001: file not found: corpus/gone.txt"),
    ("facts for an unknown document", "facts/001.toml", 'document = "doc:009"\n',
     "facts/001.toml:1: document: unknown document 'doc:009'; expected one of: doc:001"),
    ("local alias not in the document", "facts/001.toml",
     'document = "doc:001"\n\n[aliases]\n"本校" = "school:jiaozhi"\n',
     "facts/001.toml:4: alias 本校: does not occur in doc:001"),
    ("registry file with facts", "registry/more.toml", '[[fact]]\nsubject = "school:jiaozhi"\n',
     "registry/more.toml:1: fact: a registry file holds only [[entity]]"),
]


@pytest.mark.parametrize("case,file,text,expected", FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_validate_names_bad_corpus_and_headers(mini, case, file, text, expected):
    (mini / file).write_text(text, encoding="utf-8")
    result = run("--data", mini, "validate")
    assert result.exit_code == 1
    assert expected in result.stderr


@pytest.mark.parametrize("case,file,text,expected", CASES, ids=[c[0] for c in CASES])
def test_validate_names_file_line_and_entry(mini, case, file, text, expected):
    with (mini / file).open("a", encoding="utf-8") as f:
        f.write(text)
    result = run("--data", mini, "validate")
    assert result.exit_code == 1
    assert expected in result.stderr
    assert "FAILED" in result.stdout


@pytest.mark.parametrize("case,file,text,expected", CASES[:4], ids=[c[0] for c in CASES[:4]])
def test_commands_refuse_invalid_data_and_load_nothing(mini, case, file, text, expected):
    with (mini / file).open("a", encoding="utf-8") as f:
        f.write(text)
    result = run("--data", mini, "stats")
    assert result.exit_code == 1
    assert "nothing was loaded" in result.stderr
    assert expected in result.stderr
    assert result.stdout == ""
    with pytest.raises(DataError) as err:
        KnowledgeGraph.load(mini)
    assert any(expected in str(p) for p in err.value.problems)


def test_shacl_catches_what_the_loader_allows(mini):
    # Two documents may disagree on an attribute (the loader keeps both); the shapes say a school has one level.
    with (mini / "facts/001.toml").open("a", encoding="utf-8") as f:
        f.write(NEW_FACT.replace("partnersWith", "schoolLevel").replace('object = "ent:changan"', 'value = "技工学校"'))
    result = run("--data", mini, "validate")
    assert result.exit_code == 1
    assert "registry/entities.toml:1: entity school:jiaozhi: SHACL: A school has one level" in result.stderr
    assert "documents disagree on schoolLevel" in result.stdout


def test_missing_data_folder(tmp_path):
    result = run("--data", tmp_path / "nowhere", "validate")
    assert result.exit_code == 1
    assert "data folder not found" in result.stderr


def test_non_utf8_file_is_named(mini):
    (mini / "registry" / "gbk.toml").write_bytes("[[entity]]\nname = \"长安汽车\"\n".encode("gb18030"))
    result = run("--data", mini, "validate")
    assert result.exit_code == 1
    assert "registry/gbk.toml: file: not UTF-8 text" in result.stderr


def test_shapes_check_domain_range_and_value_schemes_of_any_rdf(mini):
    # RDF from elsewhere (an import, a hand edit) gets the same checks as the curated files.
    from rdflib import Namespace

    from zjgraph.rdf import entity_iri, to_rdf
    from zjgraph.validate import check_shapes

    zj = Namespace("https://w3id.org/zjgraph/ontology#")
    kg = KnowledgeGraph.load(mini)
    rdf = to_rdf(kg.graph, kg.schema)
    assert check_shapes(rdf) == []
    school, major = entity_iri("school:jiaozhi"), entity_iri("major:urban-rail")
    rdf.add((major, zj.offersMajor, school))
    rdf.add((school, zj.ownership, zj["level-benke"]))
    found = {(node, message.split(" [path")[0]) for node, message in check_shapes(rdf)}
    assert (major, f"{major} is not in the domain of {zj.offersMajor}: its type is none of the property's "
            "schema:domainIncludes.") in found
    assert (school, f"{school} is not in the range of {zj.offersMajor} (subject {major}): its type is none of "
            "the property's schema:rangeIncludes.") in found
    level = zj["level-benke"]
    assert (level, f"{level} is not a concept of the value scheme of {zj.ownership} (subject {school}).") in found


def test_target_without_year_fails_the_shapes(mini):
    facts = mini / "facts" / "001.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("targetYear = 2027\n", ""), encoding="utf-8")
    result = run("--data", mini, "validate")
    assert result.exit_code == 1
    assert "entity tgt:jiaozhi-order-classes-2027: SHACL: A target has the year it is due." in result.stderr
