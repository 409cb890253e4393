"""The ``zjgraph`` command: a thin layer over :class:`zjgraph.KnowledgeGraph`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from zjgraph import output
from zjgraph.problems import DataError
from zjgraph.resolve import Ambiguous, NotFound

FORMATS_TABULAR = click.Choice(["table", "json", "csv"])


def _utf8_streams() -> None:
    # Windows consoles and redirected pipes may default to a legacy code page; Chinese must survive.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")


def _fail(message: str, code: int = 1):
    click.echo(message, err=True)
    sys.exit(code)


def _report_data_error(err: DataError):
    click.echo(f"zjgraph: the data is not valid ({len(err.problems)} problem(s)); nothing was loaded:", err=True)
    for p in err.problems:
        click.echo(f"  {p}", err=True)
    sys.exit(1)


class State:
    def __init__(self, data_dir: Path | None, use_cache: bool):
        self.data_dir, self.use_cache, self._kg = data_dir, use_cache, None

    @property
    def kg(self):
        if self._kg is None:
            from zjgraph.graph import KnowledgeGraph

            try:
                self._kg = KnowledgeGraph.load(self.data_dir, use_cache=self.use_cache)
            except DataError as err:
                _report_data_error(err)
        return self._kg


def _emit(fmt: str, columns: list[str], rows: list[list], obj=None, max_width: int = 60):
    if fmt == "json":
        click.echo(output.render_json(obj if obj is not None else [dict(zip(columns, r)) for r in rows]))
    elif fmt == "csv":
        click.echo(output.render_csv(columns, rows), nl=False)
    else:
        click.echo(output.render_table(columns, rows, max_width=max_width))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--data", "data_dir", type=click.Path(path_type=Path), envvar="ZJGRAPH_DATA",
              help="Data folder to use instead of the bundled corpus (env ZJGRAPH_DATA). It holds corpus/, "
                   "registry/, facts/ and reference/, laid out like zjgraph/data.")
@click.option("--no-cache", is_flag=True, help="Rebuild the graph instead of using the cached build.")
@click.version_option(package_name="zjgraph")
@click.pass_context
def cli(ctx, data_dir, no_cache):
    """zjgraph: the industry–education ecosystem of Chinese vocational education (产教融合) as a graph.

    Every relation carries its source document and a verbatim quote. With no setup, the bundled
    corpus (five reports from Chongqing's Yongchuan, Bishan, Banan and Jiangjin) is loaded in memory.

    \b
    Examples:
      zjgraph stats                      counts by type, relation and source document
      zjgraph show 交职校                 one entity, its attributes and every relation with evidence
      zjgraph search 职教中心             find entities by partial or approximate name
      zjgraph validate                   check the data: quotes, references, aliases, SHACL shapes
    """
    _utf8_streams()
    ctx.obj = State(data_dir, not no_cache)


@cli.command()
@click.option("--format", "fmt", type=FORMATS_TABULAR, default="table", show_default=True)
@click.pass_obj
def stats(state: State, fmt):
    """Count entities by type, facts by relation and attribute, and facts by source document.

    A fact is one relation or one attribute value with its quote; `--format json` also gives, per
    document, its relations, attributes and the number of entities it mentions.

    \b
    Examples:
      zjgraph stats
      zjgraph stats --format json
      zjgraph stats --format csv > stats.csv      (opens in Excel; UTF-8 with BOM)
    """
    kg = state.kg
    s = kg.stats()
    schema = kg.schema
    rows = [["total", "entities", "", s["entities"]], ["total", "relations", "", s["relations"]],
            ["total", "attributes", "", s["attributes"]]]
    rows += [["type", t, schema.type_label(t), n] for t, n in s["by_type"].items()]
    rows += [["relation", r, schema.properties[r].label_zh, n] for r, n in s["by_relation"].items()]
    rows += [["attribute", a, schema.properties[a].label_zh, n] for a, n in s["by_attribute"].items()]
    rows += [["document", d["id"], d["title"], d["relations"] + d["attributes"]] for d in s["by_document"]]
    _emit(fmt, ["group", "key", "label", "count"], rows, obj=s, max_width=40)


def _number(brief: dict) -> str:
    """' = 113 个' for an indicator, ' >= 95 % by 2027' for a target; '' otherwise."""
    if "value" not in brief:
        return ""
    value = output.cell(brief["value"]) + (f"–{output.cell(brief['valueMax'])}" if "valueMax" in brief else "")
    cmp = brief.get("comparator", "=")
    cmp = "=" if cmp in ("=", "range") else cmp
    year = f" by {brief['targetYear']}" if "targetYear" in brief else ""
    period = f" ({brief['period']})" if "period" in brief else ""
    return f" {cmp} {value} {brief.get('unit', '')}".rstrip() + year + period


def _show_text(kg, info: dict) -> str:
    lines = [f"{info['name']}  ({info['type_zh']} {info['type']} · {info['id']})"]
    if info["aliases"]:
        lines.append(f"别名 aliases: {'、'.join(info['aliases'])}")
    if info["note"]:
        lines.append(f"说明 note: {info['note']}")

    def evidence(ev, indent="      "):
        quote = ev["quote"] if isinstance(ev["quote"], str) else " … ".join(ev["quote"])
        extra = ev["certainty"] + (f" ({ev['rule']})" if ev.get("rule") else "")
        if ev.get("date"):
            extra += f" · {ev['date']}"
        out = [f"{indent}“{quote}”", f"{indent}— {ev['source']} 《{kg.document_title(ev['source'])}》 · {extra}"]
        if ev.get("note"):
            out.append(f"{indent}  note: {ev['note']}")
        return out

    if info["attributes"]:
        lines += ["", "属性 attributes"]
        for attr, value in info["attributes"].items():
            lines.append(f"  {kg.schema.properties[attr].label_zh} {attr} = {output.cell(value)}")
            for ev in info["attribute_evidence"].get(attr, []):
                lines += evidence(ev)
    lines += ["", f"关系 relations ({len(info['relations'])})"]
    for r in info["relations"]:
        arrow = "→" if r["direction"] == "out" else "←"
        other = f"{r['other']['name']} ({r['other']['id']}){_number(r['other'])}"
        major = f"  [专业: {'、'.join(m['name'] for m in r['major'])}]" if r["major"] else ""
        lines.append(f"  {arrow} {r['relation_zh']} {r['relation']} {arrow} {other}{major}")
        lines += evidence(r)
    return "\n".join(lines)


@cli.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def show(state: State, name, fmt):
    """Show one entity: its attributes and every relation with its evidence quote and source.

    NAME is an id, the canonical name or any alias the documents use; a short form that one document
    uses for an entity (职教中心 in the Bishan report) works too.

    \b
    Examples:
      zjgraph show 交职校
      zjgraph show 重庆市永川职业教育中心
      zjgraph show school:yongchuan-vec --format json
    """
    kg = state.kg
    try:
        info = kg.describe(name)
    except NotFound as nf:
        hint = "".join(f"\n  {h.name}  ({h.type}, {h.id})" for h in nf.suggestions)
        _fail(f"zjgraph: no entity is named “{name}”." + (f" Closest matches:{hint}" if hint else
              " Try `zjgraph search` with part of the name."))
    except Ambiguous as amb:
        opts = "".join(f"\n  {kg.label(t)} ({t}) in {doc}" for t, doc in amb.candidates)
        _fail(f"zjgraph: “{name}” means different entities in different documents; use a full name or id:{opts}")
    if fmt == "json":
        click.echo(output.render_json(info))
    else:
        click.echo(_show_text(kg, info))


@cli.command()
@click.argument("text")
@click.option("--type", "types", multiple=True, help="Only entities of this type (repeatable), e.g. School.")
@click.option("--limit", default=20, show_default=True, help="At most this many results.")
@click.option("--format", "fmt", type=FORMATS_TABULAR, default="table", show_default=True)
@click.pass_obj
def search(state: State, text, types, limit, fmt):
    """Find entities whose name, alias or id contains TEXT, or resembles it.

    Exact matches come first, then names starting with TEXT, then containing it, then similar names
    (a missing 市 or a typo still finds the school). Exit status 1 when nothing matches.

    \b
    Examples:
      zjgraph search 职教中心
      zjgraph search 长城 --type Enterprise
      zjgraph search 汽车 --format csv > hits.csv
    """
    kg = state.kg
    unknown = set(types) - set(kg.schema.entity_classes())
    if unknown:
        _fail(f"zjgraph: unknown type(s) {', '.join(sorted(unknown))}; expected one of: "
              f"{', '.join(sorted(kg.schema.entity_classes()))}", 2)
    hits = kg.search(text, limit=limit, types=set(types) or None)
    if not hits:
        _fail(f"zjgraph: nothing matches “{text}”.")
    rows = [[h.id, h.type, h.name, h.matched, h.score] for h in hits]
    _emit(fmt, ["id", "type", "name", "matched", "score"], rows)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL shapes (faster; the other checks still run).")
@click.pass_obj
def validate(state: State, fmt, no_shacl):
    """Check the data: every quote against its document, ids, types, relations, references, aliases,
    catalogue codes, and the ontology's SHACL shapes (pySHACL).

    Prints each problem as FILE:LINE: ENTRY: MESSAGE and exits 1 if there is any error
    (warnings alone exit 0).

    \b
    Examples:
      zjgraph validate
      zjgraph --data ./my-district validate --format json
    """
    from zjgraph.graph import default_data_dir
    from zjgraph.validate import validate_folder

    root = state.data_dir or default_data_dir()
    report = validate_folder(root, shacl=not no_shacl)
    if fmt == "json":
        click.echo(output.render_json(report.as_dict()))
    else:
        for p in report.problems:
            click.echo(f"{p.severity}: {p}", err=p.severity == "error")
        click.echo(report.summary())
    sys.exit(1 if report.errors else 0)


@cli.command("export")
@click.option("--format", "fmt", required=True, type=click.Choice(["turtle", "jsonld", "kgx", "graphml"]),
              help="turtle or jsonld: RDF in the ontology's terms; kgx: nodes.tsv + edges.tsv; graphml: for Gephi.")
@click.option("-o", "--output", "path", type=click.Path(path_type=Path),
              help="File to write (a folder for kgx). Default: standard output (not for kgx).")
@click.pass_obj
def export_(state: State, fmt, path):
    """Write the graph for other tools: RDF (Turtle, JSON-LD), KGX TSV or GraphML.

    Every format keeps each fact's provenance (source document, verbatim quote, certainty), and
    `zjgraph load` or `--data` reads the RDF and KGX exports back into the very same graph.
    An output is written whole or not at all.

    \b
    Examples:
      zjgraph export --format turtle -o zjgraph.ttl
      zjgraph export --format jsonld > zjgraph.jsonld
      zjgraph export --format kgx -o kgx/            (kgx/nodes.tsv, kgx/edges.tsv)
      zjgraph export --format graphml -o zjgraph.graphml    (open in Gephi)
      zjgraph --data zjgraph.ttl show 交职校           (any command runs on an export)
    """
    import shutil
    import tempfile

    from zjgraph.export import FORMATS

    form = FORMATS[fmt]
    if path is None and form.folder:
        _fail(f"zjgraph: --format {fmt} writes a folder; give it with -o DIR", 2)
    kg = state.kg
    if path is not None:
        form.write(kg.graph, kg.schema, path)
        click.echo(f"wrote {kg.graph.number_of_nodes()} entities and {kg.graph.number_of_edges()} relations "
                   f"({fmt}) to {path}", err=True)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"graph{form.suffix}"
        form.write(kg.graph, kg.schema, out)
        with out.open("rb") as f:
            shutil.copyfileobj(f, click.get_binary_stream("stdout"))


def _load_spreadsheets(state: State, files, mapping: Path, into: Path | None, fmt: str):
    import tomllib

    from zjgraph.graph import KnowledgeGraph, default_data_dir
    from zjgraph.loaders.spreadsheet import load_tables

    if not files:
        try:
            declared = [t.get("file") for t in tomllib.loads(mapping.read_text(encoding="utf-8")).get("table", [])]
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            _fail(f"zjgraph: {mapping}: cannot read the mapping: {e}", 2)
        files = [mapping.parent / f for f in declared if isinstance(f, str)]
    missing = [f for f in files if not f.is_file()]
    if missing:
        _fail("zjgraph: file not found: " + ", ".join(map(str, missing)), 2)
    kg = state.kg  # the data the tables join; refuses invalid data with the usual report
    try:
        results = load_tables(lambda folder: KnowledgeGraph.load(folder, use_cache=state.use_cache), mapping,
                              list(files), state.data_dir or default_data_dir(), into, kg.schema)
    except DataError as err:
        _report_data_error(err)
    bad = [p for r in results for p in r.problems]
    for p in bad:
        click.echo(f"{p.file}:{p.line}: {p.message}", err=True)
    rows = [[str(r.path), r.table.document, r.encoding, r.rows, r.good, len(r.problems), len(r.entities),
             len(r.facts)] for r in results]
    _emit(fmt, ["file", "document", "encoding", "rows", "good", "bad", "new_entities", "facts"], rows)
    verb = f"wrote {into}" if into else "--check: nothing written"
    click.echo(f"{verb}; {sum(r.good for r in results)} good row(s), {len(bad)} bad row(s)", err=True)
    sys.exit(1 if bad else 0)


@cli.command("load")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Column mapping (TOML) for spreadsheets; without FILES, every table it declares.")
@click.option("--into", type=click.Path(file_okay=False, path_type=Path),
              help="Data folder the spreadsheets join (created as a copy of --data or the bundled data).")
@click.option("--check", is_flag=True, help="Read and check everything, report bad rows, write nothing.")
@click.option("--format", "fmt", type=FORMATS_TABULAR, default="table", show_default=True)
@click.pass_obj
def load(state: State, files, mapping, into, check, fmt):
    """Read graphs and tables from other tools: RDF or KGX exports, or a bureau's spreadsheets.

    An RDF file (.ttl, .jsonld, .nt, .rdf) or a KGX folder (nodes.tsv, edges.tsv) is read back and
    checked, and its contents counted; every command then runs on it with `--data FILE`.

    CSV files saved by Excel (UTF-8 with or without BOM, or GB18030) join the graph through a column
    mapping: names resolve through the registry's aliases, new names become new entities, each fact's
    source is the file and its quote the row. Each bad row is reported as FILE:ROW: reason and left
    out; the good rows are written --into a data folder (loading a file again replaces it). Exit
    status 1 if any row is bad.

    \b
    Examples:
      zjgraph load zjgraph.ttl
      zjgraph load kgx/
      zjgraph load --mapping zjgraph/examples/bureau/mapping.toml --check
      zjgraph load schools.csv majors.csv --mapping bureau.toml --into my-data
      zjgraph --data my-data show 交职校
    """
    if mapping is None and any(f.suffix.lower() == ".csv" for f in files):
        _fail("zjgraph: a spreadsheet needs --mapping (see zjgraph/examples/bureau/mapping.toml)", 2)
    if mapping is not None:
        if bool(into) == check:
            _fail("zjgraph: say where the rows go: --into DIR, or --check to write nothing", 2)
        _load_spreadsheets(state, files, mapping, into, fmt)
        return
    if not files:
        _fail("zjgraph: nothing to load; give an RDF file, a KGX folder, or --mapping for spreadsheets", 2)
    if into:
        _fail("zjgraph: --into is for spreadsheets; an RDF or KGX export is used as it is: zjgraph --data FILE …", 2)
    from zjgraph.loaders.exported import export_kind, read_export
    from zjgraph.schema import load_schema

    schema = load_schema()
    rows = []
    for f in files:
        kind = export_kind(f)
        if kind is None or not f.exists():
            _fail(f"zjgraph: {f}: not an RDF file (.ttl, .jsonld, .nt, .rdf) or a KGX folder (nodes.tsv)", 2)
        try:
            g = read_export(f, schema)
        except DataError as err:
            _report_data_error(err)
        attributes = sum(len(ev) for _, d in g.nodes(data=True) for ev in d["provenance"].values())
        rows.append([str(f), kind, len(g.graph["documents"]), g.number_of_nodes(), g.number_of_edges(), attributes])
    _emit(fmt, ["file", "format", "documents", "entities", "relations", "attributes"], rows)


def main():
    cli(prog_name="zjgraph")
