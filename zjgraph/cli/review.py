"""Reviewing a new report in the browser: review."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import click

from zjgraph.cli.app import cli
from zjgraph.cli.common import State, fail, report_data_error
from zjgraph.problems import DataError

LOOPBACK = "127.0.0.1"


def writable_data_dir(state: State) -> Path:
    """The data folder a review saves into: given with --data (or ZJGRAPH_DATA), never the bundled data; a folder
    that does not exist yet starts as a copy of the bundled data. Exits with one line when it cannot be used."""
    from zjgraph.graph import bundled_data_dir

    if state.data_dir is None:
        fail("zjgraph: review saves into a data folder: give one with --data DIR (the bundled data is never "
             "written; a DIR that does not exist yet starts as a copy of it)", 2)
    data_dir = Path(state.data_dir)
    if data_dir.resolve() == bundled_data_dir().resolve():
        fail(f"zjgraph: {data_dir} is the bundled data, which review never writes; give --data a copy of it", 2)
    if not data_dir.exists():
        try:
            shutil.copytree(bundled_data_dir(), data_dir, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
        except OSError as err:
            fail(f"zjgraph: cannot create the data folder {data_dir}: {err.strerror or err}")
        click.echo(f"zjgraph review: {data_dir} did not exist: it starts as a copy of the bundled data", err=True)
    if not data_dir.is_dir():
        fail(f"zjgraph: {data_dir} is not a folder; review needs a data folder (see zjgraph/data/README.md)")
    parent = data_dir.resolve().parent
    for where in (data_dir, parent):
        if not os.access(where, os.W_OK | os.X_OK):
            fail(f"zjgraph: cannot write to {where}: permission denied (a save replaces {data_dir} with a checked "
                 "copy made beside it, so both the folder and the one holding it must be writable)")
    return data_dir


@cli.command()
@click.argument("report", type=click.Path(path_type=Path))
@click.option("--id", "doc_id", help="Document id to save the report under (doc:a-z0-9-); default doc:<file name>.")
@click.option("--port", type=click.IntRange(0, 65535), default=8002, show_default=True,
              help="Port to listen on (0: any free port). Review mode listens on 127.0.0.1 only.")
@click.pass_obj
def review(state: State, report, doc_id, port):
    """Review a new report in the browser and save it into the data folder.

    Opens the workbench on the report: its text with every proposed entity and fact highlighted, each fact to
    accept, reject or edit (keyboard: j/k, a, r, u, e), bulk accept by confidence, and for each new entity the
    existing ones it may be, to merge it into or to confirm it as new with a readable id. Save writes the text,
    its documents.toml entry, facts/<id>.toml and the new entities in one change, only if the result passes
    `zjgraph validate`; saving again replaces the earlier save. Listens on 127.0.0.1 only. Stop with Ctrl+C.

    \b
    Examples:
      zjgraph --data ./my-data review report.txt         then open http://127.0.0.1:8002/review
      zjgraph review report.docx --data ./my-data --id doc:bishan-2025
    """
    from zjgraph.extract import ReadError
    from zjgraph.review import open_report
    from zjgraph.review.draft import slug_ok
    from zjgraph.web.review import create_review_app
    from zjgraph.web.server import listen, server

    if doc_id is not None and not slug_ok(doc_id):
        fail(f"zjgraph: --id {doc_id}: a document id looks like doc:name (lowercase a-z, 0-9, -)", 2)
    data_dir = writable_data_dir(state)
    try:
        draft = open_report(report, data_dir, doc_id)
    except ReadError as err:
        fail(f"zjgraph: cannot review {report}: {err.reason}")
    except DataError as err:
        report_data_error(err)
    app = create_review_app(draft, data_dir, use_cache=state.use_cache)
    try:
        sock = listen(LOOPBACK, port)
    except OSError as err:
        fail(f"zjgraph: cannot listen on {LOOPBACK}:{port}: {err.strerror}"
             + (" (another program uses it; try --port 0 for any free port)" if port else ""))
    new = sum(not e.known for e in draft.entities)
    click.echo(f"zjgraph review: {draft.doc_id}: {len(draft.facts)} facts and {new} new entities proposed", err=True)
    click.echo(f"zjgraph review: http://{LOOPBACK}:{sock.getsockname()[1]}/review  (Ctrl+C stops it)")
    server(app).run(sockets=[sock])
