"""Named queries and free Cypher: query, cypher."""

from __future__ import annotations

import click

from zjgraph.cli.app import cli
from zjgraph.cli.common import (
    BACKEND,
    FORMATS_TABULAR,
    State,
    as_of_option,
    emit,
    fail,
    neo4j_options,
    neo4j_settings,
    parse_params,
)
from zjgraph.problems import ZjgraphError


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
@neo4j_options
@as_of_option
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
      zjgraph query majors-without-partner --as-of 2024-08     (only what held then)
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
            if state.as_of:
                fail("zjgraph: --as-of reads the embedded graph; with --backend neo4j the query runs on the server, "
                     "which answers for every time (filter on r.startTime and r.endTime in Cypher)", 2)
            settings = neo4j_settings(uri, username, password, database)
            columns, rows = _query_neo4j(state, q, parse_params(pairs), settings)
            rows = [dict(zip(columns, r)) for r in rows]
        else:
            columns, rows = catalog.run(state.kg, name, parse_params(pairs))
    except ZjgraphError as err:
        fail(f"zjgraph: {err}")
    emit(fmt, columns, [[r[c] for c in columns] for r in rows], obj=rows, max_width=40)


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
@neo4j_options
@click.pass_obj
def cypher(state: State, statement, pairs, fmt, backend, uri, username, password, database):
    """Run a Cypher STATEMENT on the graph: on the Neo4j server when NEO4J_URI is set (load it first with
    `zjgraph load --to neo4j`), else in LadybugDB, an embedded database that zjgraph keeps beside its graph
    cache (the first call on a data folder loads it; later calls open it). Labels are the ontology's classes
    (School, Enterprise, Major …), relationship types its relations in UPPER_SNAKE (PARTNERS_WITH,
    OFFERS_MAJOR …); every relationship carries fact, source, quote and certainty. Write LadybugDB/Neo4j-common
    Cypher: read r.relation and n.type rather than type(r) or labels(n). A $param with no -p value is an error.

    \b
    Examples:
      zjgraph cypher "MATCH (s:School)-[:OFFERS_MAJOR]->(m:Major) RETURN s.name, count(m) AS majors"
      zjgraph cypher "MATCH (e:Enterprise)-[r:PARTNERS_WITH]-(s:School) WHERE e.name = \\$name
                      RETURN s.name, r.quote, r.source" -p name=长安汽车
      zjgraph cypher "$(zjgraph query bridges --cypher)" -p min=2
    """
    import os

    from zjgraph.cypher.statement import LARGE_DATABASE, check_parameters, large_database_warnings

    params = {k: int(v) if v.isdigit() else v for k, v in parse_params(pairs).items()}
    if backend == "auto":
        backend = "neo4j" if (uri or os.environ.get("NEO4J_URI")) else "embedded"
    try:
        check_parameters(statement, params)
        if backend == "neo4j":
            from zjgraph.cypher import neo4j_read, neo4j_server

            with neo4j_server.session(neo4j_settings(uri, username, password, database)) as session:
                columns, rows = neo4j_read.run_query(session, statement, params)
        else:
            from zjgraph.cypher.store import open_engine
            from zjgraph.graph import default_data_dir

            engine = open_engine(state.data_dir or default_data_dir(), lambda: state.kg, state.use_cache)
            columns, rows = engine.run(statement, params)
            for warning in large_database_warnings(statement) if engine.nodes() >= LARGE_DATABASE else []:
                click.echo(f"zjgraph: warning: {warning}", err=True)
    except ZjgraphError as err:
        fail(f"zjgraph: {err}")
    emit(fmt, columns, rows, obj=[dict(zip(columns, r)) for r in rows], max_width=40)
