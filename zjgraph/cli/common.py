"""What every command shares: the state (data folder, graph), errors that exit, output of tables, name
resolution and the Neo4j connection options."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from zjgraph import output
from zjgraph.problems import DataError, ZjgraphError

FORMATS_TABULAR = click.Choice(["table", "json", "csv"])


def utf8_streams() -> None:
    # Windows consoles and redirected pipes may default to a legacy code page; Chinese must survive.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")


def fail(message: str, code: int = 1):
    click.echo(output.terminal_safe(message), err=True)  # messages quote names the user or a document gave
    sys.exit(code)


def last_resort(err: BaseException) -> None:
    """Say in one line why a command stopped on an error no code below foresaw, and exit non-zero.

    Errors with a message of their own (bad data, an impossible request, an unreadable or unwritable file)
    print that; anything else is a defect, printed as one line naming it (``ZJGRAPH_DEBUG=1`` shows the
    traceback, for a bug report). Exit status 1, or 2 for a defect.
    """
    import os

    if os.environ.get("ZJGRAPH_DEBUG"):
        raise err
    if isinstance(err, DataError):
        report_data_error(err)
    if isinstance(err, ZjgraphError):
        fail(f"zjgraph: {err}")
    if isinstance(err, BrokenPipeError):  # the reader went away (| head): nothing more to say to it
        sys.stderr.close()
        sys.exit(1)
    if isinstance(err, OSError):
        where = f"{err.filename}: " if err.filename else ""
        fail(f"zjgraph: {where}{err.strerror or err}")
    if isinstance(err, MemoryError):
        fail("zjgraph: out of memory; the input is too large for this machine")
    if isinstance(err, RecursionError):
        fail("zjgraph: the input nests too deeply to read")
    text = " ".join(str(err).split())[:300]
    fail(f"zjgraph: internal error ({type(err).__name__}{': ' + text if text else ''}); please report it, "
         "with ZJGRAPH_DEBUG=1 for the details", 2)


DATA_HELP = ("Data folder to use instead of the bundled corpus (env ZJGRAPH_DATA). It holds corpus/, registry/, "
             "facts/ and reference/, laid out like zjgraph/data.")


def data_option(**settings):
    """``--data``: given before the command (``zjgraph --data DIR coverage``) it is the group's; every command
    takes it after its name too (``zjgraph coverage --data DIR``), see :class:`Group`."""
    return click.option("--data", "data_dir", type=click.Path(path_type=Path), help=DATA_HELP, **settings)


def _data_after_command(ctx, _param, value):
    if value is not None:  # given after the command's name: it wins over the group's and ZJGRAPH_DATA
        ctx.find_object(State).data_dir = value


class Group(click.Group):
    """The command group: an error that escapes a command ends it with one line (see :func:`last_resort`); every
    command added takes ``--data`` after its name as well (one option, see :func:`data_option`)."""

    def add_command(self, cmd, name=None):
        data_option(expose_value=False, callback=_data_after_command)(cmd)
        super().add_command(cmd, name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except Exception as err:  # noqa: BLE001  (the last resort: every error becomes one line)
            last_resort(err)


def report_data_error(err: DataError):
    click.echo(f"zjgraph: the data is not valid ({len(err.problems)} problem(s)); nothing was loaded:", err=True)
    for p in err.problems:
        click.echo(f"  {output.terminal_safe(str(p), newlines=False)}", err=True)
    sys.exit(1)


ONE_COMMAND = False  # set by main(): this process runs one command and ends (unlike click's test runner)


def freeze_loaded(collect: bool = False) -> None:
    """In a process that runs one command (see main), take what is loaded out of the garbage collector's sight.

    The modules and the graph live as long as the process. Left in sight, later collections walk them, and at
    exit the interpreter's final full collection over them takes longer than the coverage report itself. With
    ``collect``, what loading left is collected first, so a fresh build's garbage is not kept; objects frozen
    before the load make that quick.
    """
    if ONE_COMMAND:
        import gc

        if collect:
            gc.collect()
        gc.freeze()


AS_OF_HELP = ("Only what holds at this day, month or year (2025-06-30, 2025-06, 2025): a fact holds from its start "
              "(stated, or its document's period) until a stated end; a fact a later document no longer mentions "
              "has not ended; planned facts never hold. See README, Time.")


def _as_of(ctx, _param, value):
    if value is not None:
        from zjgraph.time import parse_time

        try:
            ctx.find_object(State).as_of = parse_time(value)
        except ValueError as err:
            raise click.BadParameter(str(err)) from None


def as_of_option(command):
    """``--as-of DATE|YEAR``: the command reads the graph as of that time (:meth:`KnowledgeGraph.as_of`)."""
    return click.option("--as-of", metavar="DATE|YEAR", expose_value=False, callback=_as_of, help=AS_OF_HELP)(command)


class State:
    def __init__(self, data_dir: Path | None, use_cache: bool):
        self.data_dir, self.use_cache, self._kg = data_dir, use_cache, None
        self.as_of = None  # (first day, last day) of --as-of, or None

    @property
    def kg(self):
        if self._kg is None:
            from zjgraph.graph import KnowledgeGraph

            freeze_loaded()
            try:
                self._kg = KnowledgeGraph.load(self.data_dir, use_cache=self.use_cache)
            except DataError as err:
                report_data_error(err)
            except ZjgraphError as err:  # e.g. a ZJGRAPH_CACHE_MAX that is not a size
                fail(f"zjgraph: {err}")
            if self.as_of:
                self._kg = self._kg.as_of(self.as_of)
            freeze_loaded(collect=True)
        return self._kg


def emit(fmt: str, columns: list[str], rows: list[list], obj=None, max_width: int = 60):
    if fmt == "json":
        click.echo(output.render_json(obj if obj is not None else [dict(zip(columns, r)) for r in rows]))
    elif fmt == "csv":
        click.echo(output.render_csv(columns, rows), nl=False)
    else:
        click.echo(output.render_table(columns, rows, max_width=max_width))



def resolve_name(kg, name: str) -> str:
    """The id NAME stands for, or exit 1 with the closest names (unknown) or the candidates (ambiguous)."""
    from zjgraph.resolve import Ambiguous, NotFound

    try:
        return kg.resolve(name)
    except NotFound as nf:
        hint = "".join(f"\n  {h.name}  ({h.type}, {h.id})" for h in nf.suggestions)
        fail(f"zjgraph: no entity is named “{name}”." + (f" Closest matches:{hint}" if hint else
              " Try `zjgraph search` with part of the name."))
    except Ambiguous as amb:
        opts = "".join(f"\n  {kg.label(t)} ({t}) in {doc}" for t, doc in amb.candidates)
        fail(f"zjgraph: “{name}” means different entities in different documents; use a full name or id:{opts}")


def neo4j_options(command):
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


def neo4j_settings(uri, username, password, database):
    from zjgraph.cypher.neo4j_server import Settings

    return Settings.from_env(uri=uri, username=username, password=password, database=database)


BACKEND = click.option("--backend", type=click.Choice(["embedded", "neo4j"]), default="embedded", show_default=True,
                       help="Where to read the graph: the embedded graph, or a Neo4j server loaded with "
                            "`zjgraph load --to neo4j` (see --uri).")


def graph_of(state: State, backend: str, uri, username, password, database):
    """The graph to read: the embedded one, or the one read back from Neo4j."""
    if backend == "embedded":
        return state.kg
    from zjgraph.cypher import neo4j_read, neo4j_server

    settings = neo4j_settings(uri, username, password, database)
    try:
        with neo4j_server.session(settings) as session:
            kg = neo4j_read.read_graph(session, settings.where)
    except ZjgraphError as err:
        fail(f"zjgraph: {err}")
    return kg.as_of(state.as_of) if state.as_of else kg


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            fail(f"zjgraph: --param takes key=value, not “{pair}”", 2)
        params[key.strip()] = value.strip()
    return params


def split_names(values) -> list[str]:
    """Values of a repeatable option that also takes comma-separated lists (--types School,Major)."""
    return [v.strip() for value in values for v in value.replace("，", ",").split(",") if v.strip()]


def progress(total: int):
    """A progress bar on standard error when it is a terminal; otherwise one that shows nothing."""
    import contextlib

    if sys.stderr.isatty():
        return click.progressbar(length=total, label="Loading into Neo4j", file=sys.stderr)

    class Silent:
        def update(self, n):
            pass

    return contextlib.nullcontext(Silent())
