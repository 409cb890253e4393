"""Bad input ends in a clear message naming the file, line and what was expected, and a non-zero exit; nothing
is silently wrong (issue 14, items 9 and 10). Each test feeds one class of mistake to the real command line."""

import subprocess
import sys

from conftest import run

from zjgraph.output import render_table, terminal_safe


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate(data):
    result = run("--no-cache", "--data", data, "validate", "--no-shacl")
    return result.exit_code, result.output


def test_an_alias_with_a_full_width_space_is_refused(mini):
    edit(mini / "registry" / "entities.toml", 'aliases = ["交职校"]', 'aliases = ["交职校\u3000"]')
    code, out = validate(mini)
    assert code == 1
    assert ("registry/entities.toml:1: entity school:jiaozhi: name or alias '交职校\\u3000' has leading or trailing "
            "whitespace or a control character (a full-width space U+3000?); write it as the document does") in out


def test_a_document_outside_the_corpus_folder_is_refused(mini):
    edit(mini / "corpus" / "documents.toml", 'file = "mini.txt"', 'file = "../registry/entities.toml"')
    code, out = validate(mini)
    assert code == 1
    assert ("corpus/documents.toml:1: document doc:001: file: corpus/../registry/entities.toml is outside the "
            "corpus folder; a document must be a file in corpus/") in out


def test_a_field_of_the_wrong_toml_type(mini):
    edit(mini / "corpus" / "documents.toml", 'file = "mini.txt"', "file = 5")
    code, out = validate(mini)
    assert code == 1
    assert "corpus/documents.toml:1: document doc:001: file: expected text (a quoted string)" in out
    # and the facts that then have no document do not say "expected one of: " with nothing after it
    assert ("facts/001.toml:1: document: unknown document 'doc:001'; corpus/documents.toml describes no document "
            "that could be read") in out


def test_a_controlled_value_that_is_a_list(mini):
    facts = mini / "facts" / "001.toml"
    lines = facts.read_text(encoding="utf-8").count("\n")
    with facts.open("a", encoding="utf-8") as f:
        f.write('\n[[fact]]\nsubject = "school:jiaozhi"\npredicate = "ownership"\nvalue = ["企业办"]\n'
                'quote = "交职校成立于2011年11月"\n')
    code, out = validate(mini)
    assert code == 1
    assert (f"facts/001.toml:{lines + 2}: fact #8 (school:jiaozhi ownership ['企业办']): ownership = ['企业办'] is "
            "not one of: 公办, 民办, 企业办") in out


def test_a_reference_csv_without_its_columns_or_not_in_utf8(mini):
    ref = mini / "reference" / "majors_mini.csv"
    text = ref.read_text(encoding="utf-8")
    ref.write_text(text.replace("level,code,name", "level,编码,name"), encoding="utf-8")
    code, out = validate(mini)
    assert code == 1 and "reference/majors_mini.csv: header: no column(s) code; the header has: level, 编码" in out
    ref.write_bytes(text.encode("gb18030"))
    code, out = validate(mini)
    assert code == 1 and "reference/majors_mini.csv: file: not UTF-8 text (invalid start byte at byte" in out


def test_a_facts_folder_that_cannot_be_listed_is_not_zero_facts(mini):
    facts = mini / "facts"
    for p in facts.iterdir():
        p.unlink()
    facts.rmdir()
    facts.write_text("not a folder", encoding="utf-8")
    code, out = validate(mini)
    assert code == 1
    assert "facts/: folder: cannot be read: Not a directory" in out


def test_one_unreadable_registry_file_does_not_bury_its_problem(mini):
    (mini / "registry" / "entities.toml").write_text("[[entity\n", encoding="utf-8")
    code, out = validate(mini)
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("error:")]
    assert errors[0].startswith("error: registry/entities.toml:1: file: malformed TOML")
    assert len(errors) <= 5, out
    assert "more references to unknown entities, probably defined in the registry file(s) that could not be " \
           "read: registry/entities.toml" in out


def test_batch_size_must_be_positive():
    for size in ("0", "-5"):
        result = run("load", "--to", "neo4j", "--dry-run", "--batch-size", size)
        assert result.exit_code == 2
        assert f"Invalid value for '--batch-size': {size} is not in the range x>=1." in result.output


def test_terminal_escapes_in_names_are_shown_as_text():
    result = run("show", "\x1b]0;owned\x07\x1b[2J交职")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "no entity is named “\\x1b]0;owned\\x07\\x1b[2J交职”" in result.output
    table = render_table(["name"], [["a\x1b[31mb\u202ec\nd"]])
    assert table.splitlines()[-1] == "a\\x1b[31mb\\u202ec\\nd"
    assert terminal_safe("第一行\n第二行") == "第一行\n第二行"


def test_output_to_a_full_device_is_one_line(tmp_path):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", "from zjgraph.cli import main; main()", "stats"], stdout=full,
                              stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[0] == "zjgraph: No space left on device", done.stderr
    assert "Traceback" not in done.stderr


def test_json_ld_with_a_remote_context_is_not_fetched(tmp_path):
    doc = tmp_path / "g.jsonld"
    doc.write_text('{"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "x", "name": "y"}', encoding="utf-8")
    result = run("load", doc)
    assert result.exit_code == 1
    assert (f"{doc}: @context: refers to 'http://127.0.0.1:9/ctx.jsonld', which zjgraph does not fetch; put the "
            "context inline (as zjgraph export --format jsonld writes it)") in result.output


def test_two_reports_of_one_name_do_not_overwrite_each_other(tmp_path, bundled):
    corpus = sorted((bundled / "corpus").glob("*.txt"))
    for folder, source in (("a", corpus[0]), ("b", corpus[1])):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "r.txt").write_bytes(source.read_bytes())
    out = tmp_path / "out"
    result = run("extract", tmp_path / "a" / "r.txt", tmp_path / "b" / "r.txt", "-o", out)
    assert result.exit_code == 2
    assert (f"zjgraph: {tmp_path / 'a' / 'r.txt'} and {tmp_path / 'b' / 'r.txt'} would both be written to "
            f"{out / 'r.toml'}; nothing was written.") in result.output
    assert not out.exists()


def test_a_docx_that_expands_too_far_is_not_read_whole(tmp_path, monkeypatch):
    import zipfile

    from zjgraph.extract import reading

    monkeypatch.setattr(reading, "DOCX_LIMIT", 1_000_000)  # the real limit, 256 MB, works the same way

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a>" + b" " * (reading.DOCX_LIMIT + 10) + b"</a>")
    result = run("extract", bomb)
    assert result.exit_code == 1
    assert f"word/document.xml expands to {reading.DOCX_LIMIT + 17:,} bytes, more than the" in result.output


def test_proposal_toml_parses_whatever_the_text_holds():
    import tomllib

    from zjgraph.extract.proposal import _toml

    nasty = "a\x7fb\x00c\"d\\e\nf\u2028g"
    assert tomllib.loads(f"x = {_toml(nasty)}")["x"] == nasty
