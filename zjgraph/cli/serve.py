"""The local web application: serve."""

from __future__ import annotations

import click

from zjgraph.cli.app import cli
from zjgraph.cli.common import State, fail, report_data_error
from zjgraph.problems import DataError

LOOPBACK = "127.0.0.1"


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default=LOOPBACK, show_default=True,
              help="Address to listen on. Anything but the loopback address lets other machines read the graph: "
                   "the server has no login.")
@click.pass_obj
def serve(state: State, port, host):
    """Serve the graph as a local, read-only web application, and print its address.

    Pages: search (names, aliases, facets), an entity with its evidence, a document with every fact's quote
    highlighted where it stands, coverage drilling down to each major's evidence, the named queries as forms,
    a read-only Cypher console, and a graph explorer. Every page has a .json twin (and .csv where it is a
    table) giving what the CLI's --format json gives. Nothing is fetched from the network. The pages follow
    the data folder: edit a file and reload the page. Stop with Ctrl+C.

    \b
    Examples:
      zjgraph serve                              then open http://127.0.0.1:8001/
      zjgraph --data ./my-district serve --port 8080
      zjgraph serve --host 0.0.0.0               (other machines may connect: a warning is printed)
    """
    from zjgraph.web import create_app
    from zjgraph.web.server import listen, server

    local = host in (LOOPBACK, "localhost", "::1")
    if not local:
        click.echo(f"zjgraph: warning: listening on {host}: anyone who can reach this machine can read the graph "
                   "(the server has no login). Use the default --host 127.0.0.1 to keep it to this machine.",
                   err=True)
    app = create_app(state.data_dir, use_cache=state.use_cache, local_only=local)
    try:
        app.state.live.current()  # load (and check) the data now, not on the first request
    except DataError as err:
        report_data_error(err)
    try:
        sock = listen(host, port)
    except OSError as err:
        fail(f"zjgraph: cannot listen on {host}:{port}: {err.strerror}"
             + (" (another program uses it; try --port 0 for any free port)" if port else ""))
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"zjgraph serve: http://{shown}:{sock.getsockname()[1]}/  (Ctrl+C stops it)")
    server(app).run(sockets=[sock])
