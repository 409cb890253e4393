"""The coverage report: which majors lack an enterprise partner."""

from __future__ import annotations

from pathlib import Path

import click

from zjgraph import output
from zjgraph.cli.app import cli
from zjgraph.cli.common import BACKEND, State, fail, graph_of, neo4j_options
from zjgraph.problems import ZjgraphError


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
@neo4j_options
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
        report = compute(graph_of(state, backend, uri, username, password, database), school=school,
                         district=district)
    except ZjgraphError as err:
        fail(f"zjgraph: {err}")
    chosen = list(sections) or (["coverage"] if fmt == "csv" else list(render.SECTIONS))
    if fmt == "json":
        text = output.render_json(report)
    elif fmt == "csv":
        if len(chosen) > 1:
            fail("zjgraph: --format csv writes one section; pick one with --section", 2)
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
            fail(f"zjgraph: cannot write {out_path}: {err.strerror}")
    else:
        click.echo(text, nl=not text.endswith("\n"))
