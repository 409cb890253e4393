"""The ``zjgraph`` command: a thin layer over :class:`zjgraph.KnowledgeGraph`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from zjgraph import output
from zjgraph.problems import DataError, ZjgraphError

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


_ONE_COMMAND = False  # set by main(): this process runs one command and ends (unlike click's test runner)


def _freeze_loaded(collect: bool = False) -> None:
    """In a process that runs one command (see main), take what is loaded out of the garbage collector's sight.

    The modules and the graph live as long as the process. Left in sight, later collections walk them, and at
    exit the interpreter's final full collection over them takes longer than the coverage report itself. With
    ``collect``, what loading left is collected first, so a fresh build's garbage is not kept; objects frozen
    before the load make that quick.
    """
    if _ONE_COMMAND:
        import gc

        if collect:
            gc.collect()
        gc.freeze()


class State:
    def __init__(self, data_dir: Path | None, use_cache: bool):
        self.data_dir, self.use_cache, self._kg = data_dir, use_cache, None

    @property
    def kg(self):
        if self._kg is None:
            from zjgraph.graph import KnowledgeGraph

            _freeze_loaded()
            try:
                self._kg = KnowledgeGraph.load(self.data_dir, use_cache=self.use_cache)
            except DataError as err:
                _report_data_error(err)
            _freeze_loaded(collect=True)
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


def _resolve(kg, name: str) -> str:
    """The id NAME stands for, or exit 1 with the closest names (unknown) or the candidates (ambiguous)."""
    from zjgraph.resolve import Ambiguous, NotFound

    try:
        return kg.resolve(name)
    except NotFound as nf:
        hint = "".join(f"\n  {h.name}  ({h.type}, {h.id})" for h in nf.suggestions)
        _fail(f"zjgraph: no entity is named “{name}”." + (f" Closest matches:{hint}" if hint else
              " Try `zjgraph search` with part of the name."))
    except Ambiguous as amb:
        opts = "".join(f"\n  {kg.label(t)} ({t}) in {doc}" for t, doc in amb.candidates)
        _fail(f"zjgraph: “{name}” means different entities in different documents; use a full name or id:{opts}")


def _neo4j_options(command):
    """--uri, --username, --password, --database: flags over the NEO4J_* environment variables."""
    for option in reversed([
        click.option("--uri", help="Neo4j Bolt address (env NEO4J_URI; default neo4j://localhost:7687)."),
        click.option("--username", help="Neo4j user (env NEO4J_USERNAME; default neo4j)."),
        click.option("--password", help="Neo4j password (env NEO4J_PASSWORD; prefer the variable: a flag shows "
                                        "in the process list). Never printed."),
        click.option("--database", help="Neo4j database (env NEO4J_DATABASE; default: the server's default)."),
    ]):
        command = option(command)
    return command


def _neo4j_settings(uri, username, password, database):
    from zjgraph.cypher.neo4j_server import Settings

    return Settings.from_env(uri=uri, username=username, password=password, database=database)


BACKEND = click.option("--backend", type=click.Choice(["embedded", "neo4j"]), default="embedded", show_default=True,
                       help="Where to read the graph: the embedded graph, or a Neo4j server loaded with "
                            "`zjgraph load --to neo4j` (see --uri).")


def _graph(state: State, backend: str, uri, username, password, database):
    """The graph to read: the embedded one, or the one read back from Neo4j."""
    if backend == "embedded":
        return state.kg
    from zjgraph.cypher import neo4j_read, neo4j_server

    settings = _neo4j_settings(uri, username, password, database)
    try:
        with neo4j_server.session(settings) as session:
            return neo4j_read.read_graph(session, settings.where)
    except ZjgraphError as err:
        _fail(f"zjgraph: {err}")


@cli.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@BACKEND
@_neo4j_options
@click.pass_obj
def show(state: State, name, fmt, backend, uri, username, password, database):
    """Show one entity: its attributes and every relation with its evidence quote and source.

    NAME is an id, the canonical name or any alias the documents use; a short form that one document
    uses for an entity (职教中心 in the Bishan report) works too.

    \b
    Examples:
      zjgraph show 交职校
      zjgraph show 重庆市永川职业教育中心
      zjgraph show school:yongchuan-vec --format json
      zjgraph show 交职校 --backend neo4j         (read back from the server: same output)
    """
    kg = _graph(state, backend, uri, username, password, database)
    info = kg.describe(_resolve(kg, name))
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
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", required=True,
              type=click.Choice(["turtle", "jsonld", "kgx", "graphml", "neo4j-admin"]),
              help="turtle or jsonld: RDF in the ontology's terms; kgx: nodes.tsv + edges.tsv; graphml: for Gephi; "
                   "neo4j-admin: CSVs for `neo4j-admin database import full`.")
@click.option("-o", "--output", "out_path", type=click.Path(path_type=Path),
              help="File to write (a folder for kgx and neo4j-admin); the same as PATH. Default: standard output.")
@click.option("--database", default="neo4j", show_default=True,
              help="neo4j-admin: the database named in the printed import command.")
@click.pass_obj
def export_(state: State, path, fmt, out_path, database):
    """Write the graph for other tools to PATH: RDF (Turtle, JSON-LD), KGX TSV, GraphML, or neo4j-admin CSVs.

    Every format keeps each fact's provenance (source document, verbatim quote, certainty), and
    `zjgraph load` or `--data` reads the RDF and KGX exports back into the very same graph. An output is
    written whole or not at all. neo4j-admin is for graphs too large for `zjgraph load --to neo4j`; it
    prints the command that imports the files (the database must be stopped; it is replaced).

    \b
    Examples:
      zjgraph export --format turtle -o zjgraph.ttl
      zjgraph export --format jsonld > zjgraph.jsonld
      zjgraph export --format kgx kgx/                (kgx/nodes.tsv, kgx/edges.tsv)
      zjgraph export --format graphml -o zjgraph.graphml    (open in Gephi)
      zjgraph export --format neo4j-admin ./import --database zjgraph
      zjgraph --data zjgraph.ttl show 交职校           (any command runs on an export)
    """
    import shutil
    import tempfile

    from zjgraph.export import FORMATS

    form = FORMATS[fmt]
    if path and out_path and path != out_path:
        _fail("zjgraph: give the output once, as PATH or with -o", 2)
    path = path or out_path
    if path is None and form.folder:
        _fail(f"zjgraph: --format {fmt} writes a folder; give it as PATH or with -o", 2)
    kg = state.kg
    try:
        if path is None:
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / f"graph{form.suffix}"
                form.write(kg, out)
                with out.open("rb") as f:
                    shutil.copyfileobj(f, click.get_binary_stream("stdout"))
            return
        form.write(kg, path)
    except ZjgraphError as err:
        _fail(f"zjgraph: {err}")
    except OSError as err:
        _fail(f"zjgraph: cannot write {path}: {err.strerror}")
    click.echo(f"wrote {kg.graph.number_of_nodes()} entities and {kg.graph.number_of_edges()} relations "
               f"({fmt}) to {path}", err=True)
    if fmt == "neo4j-admin":
        from zjgraph.cypher import neo4j_admin

        click.echo("Import them with:", err=True)
        click.echo(neo4j_admin.import_command(str(path), database))


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
@click.option("--to", "target", type=click.Choice(["neo4j"]), help="Load the graph (--data) into a Neo4j server.")
@_neo4j_options
@click.option("--batch-size", default=1000, show_default=True, help="--to neo4j: rows per transaction.")
@click.option("--dry-run", is_flag=True, help="--to neo4j: show what would be written (schema, rows and batches per "
                                              "label and type) without connecting.")
@click.option("--wipe", is_flag=True, help="--to neo4j: first delete zjgraph's own nodes and relationships (never "
                                           "other data).")
@click.option("--format", "fmt", type=FORMATS_TABULAR, default="table", show_default=True)
@click.pass_obj
def load(state: State, files, mapping, into, check, target, uri, username, password, database, batch_size, dry_run,
         wipe, fmt):
    """Read graphs and tables from other tools (RDF or KGX exports, a bureau's spreadsheets), or load the graph
    into Neo4j (--to neo4j).

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
      zjgraph load --to neo4j --dry-run
      NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=… zjgraph load --to neo4j

    With --to neo4j: constraints and indexes first, then entities, source documents and facts (each
    relationship with its source, quote, certainty, rule and date) in batched transactions. Loading is
    idempotent: a second load reports everything unchanged, and an interrupted load completes when run
    again. The connection comes from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE, or the
    flags. Needs the driver: pip install "zjgraph[neo4j]".
    """
    if target == "neo4j":
        if files or mapping:
            _fail("zjgraph: --to neo4j loads the graph of --data; give no FILES or --mapping", 2)
        _load_neo4j(state, uri, username, password, database, batch_size, dry_run, wipe, fmt)
        return
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
def _load_neo4j(state: State, uri, username, password, database, batch_size, dry_run, wipe, fmt):
    from zjgraph.cypher import neo4j_load, neo4j_server

    kg = state.kg
    if dry_run:
        _emit_plan(neo4j_load.plan(kg, batch_size), "json" if fmt == "json" else "table")
        return
    settings = _neo4j_settings(uri, username, password, database)
    try:
        with neo4j_server.session(settings) as session, _progress(neo4j_load.batches(kg).total) as bar:
            summary = neo4j_load.load(session, kg, batch_size=batch_size, wipe_first=wipe, progress=bar.update)
    except ZjgraphError as err:
        _fail(f"zjgraph: {err}")
    summary.server = settings.where
    if fmt == "json":
        click.echo(output.render_json(summary.as_dict()))
        return
    _emit("table", ["loaded", "created", "updated", "unchanged"], summary.rows())
    wiped = f"; wiped {summary.deleted} zjgraph node(s) first" if wipe else ""
    click.echo(f"into {settings.where} in {summary.seconds:.1f} s{wiped}")


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            _fail(f"zjgraph: --param takes key=value, not “{pair}”", 2)
        params[key.strip()] = value.strip()
    return params


def _list_queries():
    from zjgraph.queries import catalog

    for q in catalog.catalog().values():
        click.echo(f"{q.name}\n  {q.description}")
        for p in q.params:
            default = "required" if p.required else f"default {p.default!r}" if p.default else "optional"
            click.echo(f"  --param {p.name}=…  ({p.type}, {default}) {p.description}")
        click.echo("")


@cli.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "pairs", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the query (repeatable). Names of schools, enterprises … go through aliases.")
@click.option("--list", "list_", is_flag=True, help="List every named query with its description and parameters.")
@click.option("--cypher", "show_cypher", is_flag=True, help="Print the query's Cypher (to paste into Neo4j Browser).")
@click.option("--format", "fmt", type=FORMATS_TABULAR, default="table", show_default=True)
@BACKEND
@_neo4j_options
@click.pass_obj
def query(state: State, name, pairs, list_, show_cypher, fmt, backend, uri, username, password, database):
    """Run a named query on the embedded graph, or its Cypher on a Neo4j server with --backend neo4j (names in
    parameters are resolved to ids through the local data, as for the embedded graph; ids pass through).

    \b
    Examples:
      zjgraph query --list
      zjgraph query majors-without-partner
      zjgraph query majors-without-partner -p school=交职校 --format csv > majors.csv
      zjgraph query enterprises-spanning-schools -p min=2
      zjgraph query connection -p from=交职校 -p to=长城汽车
      zjgraph query school-profile -p school=璧山职教中心 --cypher
      zjgraph query enterprises-spanning-schools --backend neo4j
    """
    from zjgraph.queries import catalog

    if list_ or not name:
        _list_queries()
        return
    try:
        q = catalog.get(name)
        if show_cypher:
            click.echo(q.cypher, nl=False)
            return
        if backend == "neo4j":
            columns, rows = _query_neo4j(state, q, _params(pairs), _neo4j_settings(uri, username, password, database))
            rows = [dict(zip(columns, r)) for r in rows]
        else:
            columns, rows = catalog.run(state.kg, name, _params(pairs))
    except ZjgraphError as err:
        _fail(f"zjgraph: {err}")
    _emit(fmt, columns, [[r[c] for c in columns] for r in rows], obj=rows, max_width=40)


def _query_neo4j(state: State, q, given: dict, settings) -> tuple[list[str], list[list]]:
    from zjgraph.cypher import neo4j_read, neo4j_server
    from zjgraph.queries import catalog

    params = catalog.bind(state.kg, q, given)
    with neo4j_server.session(settings) as session:
        neo4j_read.check_loaded(session, settings.where)
        return neo4j_read.run_query(session, q.cypher, params)


@cli.command()
@click.argument("statement")
@click.option("--param", "-p", "pairs", multiple=True, metavar="KEY=VALUE",
              help="A query parameter $KEY (repeatable); a whole number is passed as a number, anything else as text.")
@click.option("--format", "fmt", type=FORMATS_TABULAR, default="table", show_default=True)
@click.option("--backend", type=click.Choice(["auto", "embedded", "neo4j"]), default="auto", show_default=True,
              help="auto: the Neo4j server when NEO4J_URI is set, else the embedded LadybugDB database.")
@_neo4j_options
@click.pass_obj
def cypher(state: State, statement, pairs, fmt, backend, uri, username, password, database):
    """Run a Cypher STATEMENT on the graph: on the Neo4j server when NEO4J_URI is set (load it first with
    `zjgraph load --to neo4j`), else in an embedded LadybugDB database (no server; pip install
    "zjgraph[cypher]"). Labels are the ontology's classes (School, Enterprise, Major …), relationship types its
    relations in UPPER_SNAKE (PARTNERS_WITH, OFFERS_MAJOR …); every relationship carries fact, source, quote
    and certainty. Write LadybugDB/Neo4j-common Cypher: read r.relation and n.type rather than type(r) or
    labels(n).

    \b
    Examples:
      zjgraph cypher "MATCH (s:School)-[:OFFERS_MAJOR]->(m:Major) RETURN s.name, count(m) AS majors"
      zjgraph cypher "MATCH (e:Enterprise)-[r:PARTNERS_WITH]-(s:School) WHERE e.name = \\$name
                      RETURN s.name, r.quote, r.source" -p name=长安汽车
      zjgraph cypher "$(zjgraph query bridges --cypher)" -p min=2
    """
    import os

    params = {k: int(v) if v.isdigit() else v for k, v in _params(pairs).items()}
    if backend == "auto":
        backend = "neo4j" if (uri or os.environ.get("NEO4J_URI")) else "embedded"
    try:
        if backend == "neo4j":
            from zjgraph.cypher import neo4j_read, neo4j_server

            with neo4j_server.session(_neo4j_settings(uri, username, password, database)) as session:
                columns, rows = neo4j_read.run_query(session, statement, params)
        else:
            from zjgraph.cypher.ladybug import Engine

            columns, rows = Engine(state.kg).run(statement, params)
    except ZjgraphError as err:
        _fail(f"zjgraph: {err}")
    _emit(fmt, columns, rows, obj=[dict(zip(columns, r)) for r in rows], max_width=40)


@cli.command()
@click.option("--school", help="Only this school (name, alias or id).")
@click.option("--district", help="Only schools located in this district (e.g. 永川区, 璧山区).")
@click.option("--section", "sections", multiple=True,
              type=click.Choice(["coverage", "majors", "claims", "targets"]),
              help="Sections to show (repeatable; default all; csv shows one, default coverage).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "markdown", "html"]), default="table",
              show_default=True)
@click.option("-o", "--output", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (UTF-8) instead of standard output.")
@BACKEND
@_neo4j_options
@click.pass_obj
def coverage(state: State, school, district, sections, fmt, out_path, backend, uri, username, password, database):
    """Report how many of the majors schools offer have an enterprise partner: per school, per district and
    overall, with the uncovered majors by name; what the documents claim (校企合作专业覆盖率100%, 113个订单班)
    against what the graph evidences; and each policy target against its current value, with its year.

    A major counts as covered when a partnership, order class, training base or industry college of its school
    is tied to it in a document ("explicit"); "inferred_only" means the school only has a partner in a matching
    industry (rule industry-match); "none" means neither.

    \b
    Examples:
      zjgraph coverage
      zjgraph coverage --district 璧山区
      zjgraph coverage --school 交职校 --section majors
      zjgraph coverage --format csv -o coverage.csv          (opens in Excel)
      zjgraph coverage --format csv --section claims > claims.csv
      zjgraph coverage --format html -o coverage.html        (one page with a chart, no network)
      zjgraph coverage --format markdown
      zjgraph coverage --backend neo4j                       (read back from the server: same report)
    """
    from zjgraph import coverage_report as render
    from zjgraph.coverage import coverage as compute

    try:
        report = compute(_graph(state, backend, uri, username, password, database), school=school,
                         district=district)
    except ZjgraphError as err:
        _fail(f"zjgraph: {err}")
    chosen = list(sections) or (["coverage"] if fmt == "csv" else list(render.SECTIONS))
    if fmt == "json":
        text = output.render_json(report)
    elif fmt == "csv":
        if len(chosen) > 1:
            _fail("zjgraph: --format csv writes one section; pick one with --section", 2)
        text = output.render_csv(*render.section_rows(report, chosen[0]))
    elif fmt == "markdown":
        text = render.render_markdown(report, chosen)
    elif fmt == "html":
        text = render.render_html(report, chosen)
    else:
        text = render.render_text(report, chosen)
    if out_path:
        try:
            output.write_atomic(out_path, text)
        except OSError as err:
            _fail(f"zjgraph: cannot write {out_path}: {err.strerror}")
    else:
        click.echo(text, nl=not text.endswith("\n"))


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_path", type=click.Path(path_type=Path),
              help="Write here instead of stdout: a file for one report, a folder (one <name>.toml each) for several.")
@click.option("--format", "fmt", type=click.Choice(["toml", "json", "table", "csv"]), default=None,
              help="Proposals: toml (default, the curated facts format) or json. --eval: table (default), json, csv.")
@click.option("--id", "doc_id", help="Document id for the proposal (one report only); default doc:<file name>.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out facts the extractor is less sure of.")
@click.option("--eval", "run_eval", is_flag=True,
              help="Measure the extractor on the curated corpus, leaving one document out at a time.")
@click.pass_obj
def extract(state: State, files, out_path, fmt, doc_id, min_confidence, run_eval):
    """Propose entities and facts from new reports (.txt in UTF-8 or GB18030, .docx, .pdf) for review.

    Known entities are resolved through the registry's names and aliases; new ones are recognised by how
    their names are built (…职业学院, …有限公司, …产教联合体 …). Every fact has a verbatim quote, its span in
    the report, certainty = "extracted" and a confidence; copy the file into facts/, review it and run
    `zjgraph validate`. Offline and rule-based: no model is downloaded.

    \b
    Examples:
      zjgraph extract report.txt                      proposals as TOML on stdout
      zjgraph extract report.docx -o facts/new.toml --id doc:005
      zjgraph extract a.txt b.txt -o proposals/       one TOML file per report
      zjgraph extract report.txt --format json --min-confidence 0.6
      zjgraph extract --eval                          precision, recall, F1 on the curated corpus
    """
    from zjgraph.extract import ReadError, extract_files

    if run_eval:
        if files:
            _fail("zjgraph: --eval measures on the curated corpus; give no files with it.", 2)
        from zjgraph.extract.evaluate import evaluate

        ev = evaluate(state.kg.graph, state.kg.schema, state.kg.data_dir)
        _emit(fmt or "table", ["group", "key", "tp", "fp", "fn", "precision", "recall", "f1"], ev.rows(),
              obj=ev.as_dict() if fmt == "json" else None)
        return
    if not files:
        _fail("zjgraph: give one or more report files, or --eval. See `zjgraph extract --help`.", 2)
    if fmt in ("table", "csv"):
        _fail("zjgraph: proposals are written as toml or json.", 2)
    if doc_id and len(files) > 1:
        _fail("zjgraph: --id names one report; give one file with it.", 2)
    try:
        proposals = extract_files(list(files), state.kg, [doc_id] if doc_id else None)
    except ReadError as e:
        _fail(f"zjgraph: cannot extract; nothing was written:\n{e.reason}")
    for p in proposals:
        p.facts = [f for f in p.facts if f.confidence >= min_confidence]
    render = (lambda p: p.to_json()) if fmt == "json" else (lambda p: p.to_toml())
    suffix = ".json" if fmt == "json" else ".toml"
    if out_path is not None and len(proposals) > 1:
        for path, p in zip(files, proposals):
            output.write_atomic(out_path / (Path(path).stem + suffix), render(p))
    elif out_path is not None:
        output.write_atomic(out_path, render(proposals[0]))
    elif fmt == "json":
        click.echo(output.render_json([p.as_dict() for p in proposals]) if len(proposals) > 1 else render(proposals[0]))
    else:
        click.echo("\n".join(render(p) for p in proposals))
    for p in proposals:
        click.echo(f"{p.source}: {len(p.new_entities())} new entities, {len(p.facts)} facts proposed", err=True)


def _names(values) -> list[str]:
    """Values of a repeatable option that also takes comma-separated lists (--types School,Major)."""
    return [v.strip() for value in values for v in value.replace("，", ",").split(",") if v.strip()]


@cli.command()
@click.option("-o", "--output", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              default="zjgraph-view.html",
              show_default=True, help="The HTML file to write (replaced all at once).")
@click.option("--focus", multiple=True, metavar="NAME",
              help="Centre on this entity (id, name or alias; repeatable): its ego network of --depth.")
@click.option("--depth", type=click.IntRange(0),
              help="Edges to follow from --focus, --school and --district entities  [default: 1; 2 for the "
                   "schools of --coverage].")
@click.option("--types", multiple=True, metavar="TYPE[,TYPE…]",
              help="Only entities of these ontology types, subclasses included (School, Major, Enterprise…).")
@click.option("--relations", multiple=True, metavar="REL[,REL…]",
              help="Only these relations (partnersWith, offersMajor…); entities left with none are dropped.")
@click.option("--district", metavar="PLACE",
              help="Entities located in this district, county or city (through locatedIn and partOf chains), "
                   "with their neighbours to --depth. Schools with no locatedIn fact are in no district.")
@click.option("--school", "schools", multiple=True, metavar="NAME",
              help="Centre on this school (repeatable); like --focus, but NAME must be a school.")
@click.option("--coverage", "show_coverage", is_flag=True,
              help="Shade each school by the share of its majors with an explicit enterprise partner (as "
                   "`zjgraph coverage` counts them) and mark majors without a partner in red. Default scope: "
                   "the schools that offer majors, to depth 2; default --types: schools, majors, enterprises, "
                   "order classes, training bases, industry colleges.")
@click.option("--layout", "layout_mode", type=click.Choice(["auto", "physics", "python"]), default="auto",
              show_default=True, help="Who lays the graph out: the browser's physics, Python, or auto by size.")
@click.option("--title", help="Heading of the page (default: says what the view shows).")
@click.pass_obj
def view(state: State, out_path, focus, depth, types, relations, district, schools, show_coverage, layout_mode,
         title):
    """Write an interactive graph view: one standalone HTML file that opens offline in any browser.

    Scripts and styles are inside the file and it makes no request, so it can be mailed, archived or
    put on a slide. Colour and shape show the type, edge colour the relation (dashed: inferred); hover
    a node for its attributes, or an edge for the evidence quote and its source document. Names and
    quotes from the documents are shown as text, never run as HTML.

    \b
    Sizes: up to 500 entities the browser lays the view out with physics, which settles
    (a second or two) and then stops; above 500 the layout is computed in Python (igraph,
    about a second for 10,000 entities) and the page opens with physics off, in seconds.
    Edges carry their relation name up to 150 edges; beyond, colours only.

    \b
    Examples:
      zjgraph view                                         the whole graph → zjgraph-view.html
      zjgraph view --focus 重庆市璧山职业教育中心 --depth 2 -o bishan-vec.html
      zjgraph view --district 璧山区 --types School,Major,Enterprise,OrderClass
      zjgraph view --school 交职校 --relations partnersWith,offersMajor
      zjgraph view --coverage -o coverage.html
      zjgraph view --types School,Alliance --relations memberOf,leads
    """
    from zjgraph import view as views

    try:
        views.require()
    except ImportError as err:
        _fail(f"zjgraph: {err}")
    kg = state.kg
    schema = kg.schema
    types, relations = _names(types), _names(relations)
    known = {a for c in schema.entity_classes() for a in schema.ancestors(c)}  # Organization covers its subclasses
    unknown = set(types) - known
    if unknown:
        _fail(f"zjgraph: unknown type(s) {', '.join(sorted(unknown))}; expected one of: {', '.join(sorted(known))}", 2)
    unknown = set(relations) - set(schema.relations())
    if unknown:
        _fail(f"zjgraph: unknown relation(s) {', '.join(sorted(unknown))}; expected one of: "
              f"{', '.join(sorted(schema.relations()))}", 2)
    seeds = [_resolve(kg, name) for name in focus]
    for name in schools:
        node = _resolve(kg, name)
        if kg.graph.nodes[node]["type"] != "School":
            _fail(f"zjgraph: --school {name}: {kg.label(node)} ({node}) is a {kg.graph.nodes[node]['type']}, "
                  f"not a school; use --focus for any entity.", 2)
        seeds.append(node)
    place = None
    if district:
        place = _resolve(kg, district)
        if not schema.is_a(kg.graph.nodes[place]["type"], {"AdministrativeArea", "EducationZone", "IndustrialPark"}):
            _fail(f"zjgraph: --district {district}: {kg.label(place)} ({place}) is not a place.", 2)
    coverage = None
    if show_coverage:
        coverage = views.coverage_of(kg)
        types = types or views.COVERAGE_TYPES
        if not seeds and not place:  # the schools the report covers, their majors and who partners them
            seeds, depth = sorted(coverage.percent), 2 if depth is None else depth
    depth = 1 if depth is None else depth
    part = views.select(kg.graph, schema, seeds=seeds, district=place, depth=depth, types=types,
                        relations=relations)
    g = part.graph
    if not g.number_of_nodes():
        _fail("zjgraph: nothing to draw: no entity matches these filters.")
    title, subtitle = views.headings(kg.graph, schema, g, seeds=part.seeds, place=place, depth=depth, types=types,
                                     relations=relations, coverage=coverage is not None, title=title)
    html = views.render_html(g, schema, title=title, subtitle=subtitle, notes=part.notes, seeds=part.seeds,
                             coverage=coverage, layout_mode=layout_mode, context=kg.graph)
    try:
        output.write_atomic(out_path, html)
    except OSError as err:
        _fail(f"zjgraph: cannot write {out_path}: {err.strerror}")
    how = ("laid out by the browser, physics stops once settled" if views.uses_browser_physics(
        g.number_of_nodes(), layout_mode) else "layout computed in Python, physics off")
    for note in part.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"wrote {out_path}: {g.number_of_nodes()} entities, {g.number_of_edges()} facts ({how})", err=True)


def _progress(total: int):
    """A progress bar on standard error when it is a terminal; otherwise one that shows nothing."""
    import contextlib

    if sys.stderr.isatty():
        return click.progressbar(length=total, label="Loading into Neo4j", file=sys.stderr)

    class Silent:
        def update(self, n):
            pass

    return contextlib.nullcontext(Silent())


def _emit_plan(plan: dict, fmt: str):
    if fmt == "json":
        click.echo(output.render_json(plan))
        return
    click.echo(f"Dry run: nothing is sent. {len(plan['schema'])} schema statement(s), then {plan['rows']} rows in "
               f"batches of {plan['batch_size']}:")
    _emit("table", ["kind", "label or type", "rows", "batches"],
          [[g["kind"], g["what"], g["rows"], g["batches"]] for g in plan["groups"]])
    click.echo("\nSchema:")
    for stmt in plan["schema"]:
        click.echo(f"  {stmt}")
    click.echo("\nEach batch is sent as $rows to its statement, e.g.:")
    click.echo(f"  {plan['groups'][0]['statement']}")


def main():
    global _ONE_COMMAND
    _ONE_COMMAND = True
    cli(prog_name="zjgraph")
