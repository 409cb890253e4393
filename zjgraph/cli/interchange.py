"""Commands that move the graph in and out: export (RDF, KGX, GraphML, neo4j-admin) and load (exports,
spreadsheets, Neo4j)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from zjgraph import output
from zjgraph.cli.app import cli
from zjgraph.cli.common import (
    FORMATS_TABULAR,
    State,
    emit,
    fail,
    neo4j_options,
    neo4j_settings,
    progress,
    report_data_error,
)
from zjgraph.problems import DataError, ZjgraphError


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
    import os
    import shutil

    from zjgraph.export import FORMATS
    from zjgraph.files import scratch

    form = FORMATS[fmt]
    if path and out_path and path != out_path:
        fail("zjgraph: give the output once, as PATH or with -o", 2)
    path = path or out_path
    if path is None and form.folder:
        fail(f"zjgraph: --format {fmt} writes a folder; give it as PATH or with -o", 2)
    kg = state.kg
    try:
        if path is None:
            with scratch("export") as tmp:  # removed afterwards, or by the next export after a kill
                out = Path(tmp) / f"graph{form.suffix}"
                form.write(kg, out)
                with out.open("rb") as f:
                    try:
                        shutil.copyfileobj(f, sys.stdout.buffer)
                    except BrokenPipeError:  # the reader stopped (| head): not an error; nothing more to say
                        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
        form.write(kg, path)
    except ZjgraphError as err:
        fail(f"zjgraph: {err}")
    except OSError as err:
        fail(f"zjgraph: cannot write {path}: {err.strerror}")
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
            fail(f"zjgraph: {mapping}: cannot read the mapping: {e}", 2)
        files = [mapping.parent / f for f in declared if isinstance(f, str)]
    missing = [f for f in files if not f.is_file()]
    if missing:
        fail("zjgraph: file not found: " + ", ".join(map(str, missing)), 2)
    kg = state.kg  # the data the tables join; refuses invalid data with the usual report
    try:
        results = load_tables(lambda folder: KnowledgeGraph.load(folder, use_cache=state.use_cache), mapping,
                              list(files), state.data_dir or default_data_dir(), into, kg.schema,
                              waiting=lambda: click.echo(f"zjgraph: waiting for another load into {into} to "
                                                         "finish …", err=True))
    except DataError as err:
        report_data_error(err)
    bad = [p for r in results for p in r.problems]
    for p in bad:
        click.echo(f"{p.file}:{p.line}: {p.message}", err=True)
    rows = [[str(r.path), r.table.document, r.encoding, r.rows, r.good, len(r.problems), len(r.entities),
             len(r.facts)] for r in results]
    emit(fmt, ["file", "document", "encoding", "rows", "good", "bad", "new_entities", "facts"], rows)
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
@neo4j_options
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="--to neo4j: rows per transaction.")
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
    flags.
    """
    if target == "neo4j":
        if files or mapping:
            fail("zjgraph: --to neo4j loads the graph of --data; give no FILES or --mapping", 2)
        _load_neo4j(state, uri, username, password, database, batch_size, dry_run, wipe, fmt)
        return
    if mapping is None and any(f.suffix.lower() == ".csv" for f in files):
        fail("zjgraph: a spreadsheet needs --mapping (see zjgraph/examples/bureau/mapping.toml)", 2)
    if mapping is not None:
        if bool(into) == check:
            fail("zjgraph: say where the rows go: --into DIR, or --check to write nothing", 2)
        _load_spreadsheets(state, files, mapping, into, fmt)
        return
    if not files:
        fail("zjgraph: nothing to load; give an RDF file, a KGX folder, or --mapping for spreadsheets", 2)
    if into:
        fail("zjgraph: --into is for spreadsheets; an RDF or KGX export is used as it is: zjgraph --data FILE …", 2)
    from zjgraph.loaders.exported import export_kind, read_export
    from zjgraph.schema import load_schema

    schema = load_schema()
    rows = []
    for f in files:
        kind = export_kind(f)
        if kind is None or not f.exists():
            fail(f"zjgraph: {f}: not an RDF file (.ttl, .jsonld, .nt, .rdf) or a KGX folder (nodes.tsv)", 2)
        try:
            g = read_export(f, schema)
        except DataError as err:
            report_data_error(err)
        attributes = sum(len(ev) for _, d in g.nodes(data=True) for ev in d["provenance"].values())
        rows.append([str(f), kind, len(g.graph["documents"]), g.number_of_nodes(), g.number_of_edges(), attributes])
    emit(fmt, ["file", "format", "documents", "entities", "relations", "attributes"], rows)
def _load_neo4j(state: State, uri, username, password, database, batch_size, dry_run, wipe, fmt):
    from zjgraph.cypher import neo4j_load, neo4j_server

    kg = state.kg
    if dry_run:
        _emit_plan(neo4j_load.plan(kg, batch_size), "json" if fmt == "json" else "table")
        return
    settings = neo4j_settings(uri, username, password, database)
    try:
        with neo4j_server.session(settings) as session, progress(neo4j_load.batches(kg).total) as bar:
            summary = neo4j_load.load(session, kg, batch_size=batch_size, wipe_first=wipe, progress=bar.update)
    except ZjgraphError as err:
        fail(f"zjgraph: {err}")
    summary.server = settings.where
    if fmt == "json":
        click.echo(output.render_json(summary.as_dict()))
        return
    emit("table", ["loaded", "created", "updated", "unchanged"], summary.rows())
    wiped = f"; wiped {summary.deleted} zjgraph node(s) first" if wipe else ""
    click.echo(f"into {settings.where} in {summary.seconds:.1f} s{wiped}")


def _emit_plan(plan: dict, fmt: str):
    if fmt == "json":
        click.echo(output.render_json(plan))
        return
    click.echo(f"Dry run: nothing is sent. {len(plan['schema'])} schema statement(s), then {plan['rows']} rows in "
               f"batches of {plan['batch_size']}:")
    emit("table", ["kind", "label or type", "rows", "batches"],
          [[g["kind"], g["what"], g["rows"], g["batches"]] for g in plan["groups"]])
    click.echo("\nSchema:")
    for stmt in plan["schema"]:
        click.echo(f"  {stmt}")
    click.echo("\nEach batch is sent as $rows to its statement, e.g.:")
    click.echo(f"  {plan['groups'][0]['statement']}")
