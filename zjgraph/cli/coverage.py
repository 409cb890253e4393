"""The coverage report: which majors lack an enterprise partner."""

from __future__ import annotations

import stat
from pathlib import Path

import click

from zjgraph import output
from zjgraph.cli.app import cli
from zjgraph.cli.common import BACKEND, State, as_of_option, fail, graph_of, neo4j_options
from zjgraph.problems import ZjgraphError
from zjgraph.time import span_text

FORMATS = ["table", "json", "csv", "markdown", "html", "xlsx"]
EXTENSIONS = {".txt": "table", ".json": "json", ".csv": "csv", ".md": "markdown", ".markdown": "markdown",
              ".html": "html", ".htm": "html", ".xlsx": "xlsx"}


def chosen_format(fmt: str | None, out_path: Path | None) -> str:
    """The format: ``--format``, or the one ``-o``'s extension names; exits 2 when they disagree, when neither
    says (a file with another extension), or for xlsx to a terminal. A device or pipe (``-o /dev/stdout``) has no
    extension to go by: the default, a table."""
    if out_path is None:
        if fmt == "xlsx":
            fail("zjgraph: --format xlsx writes a workbook, not text: give the file to write with -o, "
                 "e.g. -o coverage.xlsx", 2)
        return fmt or "table"
    by_name = EXTENSIONS.get(out_path.suffix.lower())
    if fmt and by_name and fmt != by_name:
        fail(f"zjgraph: --format {fmt} conflicts with -o {out_path}, whose extension {out_path.suffix} means "
             f"{by_name}; drop one or make them agree", 2)
    if fmt or by_name:
        return fmt or by_name
    try:
        special = not stat.S_ISREG(out_path.stat().st_mode)
    except OSError:
        special = False
    if special:
        return "table"
    said = f"the extension “{out_path.suffix}”" if out_path.suffix else "a name without an extension"
    fail(f"zjgraph: -o {out_path}: cannot tell the format from {said}; use one of {' '.join(EXTENSIONS)} or give "
         "--format", 2)


def report_options(formats: list[str]):
    """``--format`` (one of ``formats``), ``--lang`` and ``-o``: how a report (coverage, diff) is written."""
    def decorate(command):
        for option in reversed([
            click.option("--format", "fmt", type=click.Choice(formats),
                         help="Output format  [default: from -o's extension, else table]."),
            click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                         help="Language of headers, statuses and notes (zh: 中文; en: English)."),
            click.option("-o", "--output", "out_path", type=click.Path(dir_okay=False, path_type=Path),
                         help="Write to this file, replaced whole, instead of standard output; its extension picks "
                              "the format."),
        ]):
            command = option(command)
        return command
    return decorate


def write(content: str | bytes, out_path: Path | None) -> None:
    """A report to ``out_path`` (replaced whole), or to standard output when None."""
    if out_path:
        try:
            output.write_atomic(out_path, content)
        except OSError as err:
            fail(f"zjgraph: cannot write {out_path}: {err.strerror}")
    else:
        click.echo(content, nl=not content.endswith("\n"))


@cli.command()
@click.option("--school", "schools", multiple=True, metavar="NAME",
              help="Only this school (name, alias or id); repeat for several.")
@click.option("--district", "districts", multiple=True, metavar="PLACE",
              help="Only schools located in this place: a district, a city (重庆市 takes in its districts) or a "
                   "zone such as 西部职教基地, as `zjgraph view --district` takes it; repeat for several.")
@click.option("--section", "sections", multiple=True,
              type=click.Choice(["coverage", "majors", "claims", "targets", "periods"]),
              help="Sections to show (repeatable; default all but periods; csv shows one, default coverage).")
@click.option("--by-period", is_flag=True,
              help="Add the section periods: each school's and district's coverage for every period the documents "
                   "report on, the graph as of the period's last day (with csv, the section shown).")
@report_options(FORMATS)
@BACKEND
@neo4j_options
@as_of_option
@click.pass_obj
def coverage(state: State, schools, districts, sections, by_period, fmt, lang, out_path, backend, uri, username,
             password, database):
    """Report how many of the majors schools offer have an enterprise partner: per school, per district and
    overall, with the majors that have none listed in full; what the documents claim (校企合作专业覆盖率100%,
    113个订单班) against what the graph evidences; and each policy target against its current value.

    \b
    Each major has one of four statuses:
      明确合作 explicit       a partnership, order class, training base or industry college
                              with a named enterprise is tied to it in a document
      未具名合作 unnamed      a document states partners for it without naming them
      仅行业推断 inferred     only a partner in a matching industry (rule industry-match)
      无合作 none             none of these

    \b
    Formats: table (a terminal, 100 columns), json, csv (one section, for Excel), markdown,
    html (one page to print on A4, no network), xlsx (Excel, a sheet per section; needs -o).
    -o FILE picks the format from its extension: .txt .json .csv .md .markdown .html .htm
    .xlsx; a --format that says otherwise is an error.

    \b
    Filters add up: repeated --school or --district take in each one named; --school and
    --district together keep the schools named that lie in the places named (a school
    outside them is an error). With no filter: the schools in a district of the area the
    documents report on (重庆市 for the bundled corpus); schools they mention elsewhere
    (abroad, another province, with no place) are left out. A section with no rows says so.

    \b
    Examples:
      zjgraph coverage
      zjgraph coverage --district 璧山区 --district 永川区
      zjgraph coverage --district 重庆市 -o coverage.html      (print it: A4)
      zjgraph coverage --school 交职校 --school 江南职校 --section majors
      zjgraph coverage -o coverage.xlsx                         (a sheet per section)
      zjgraph coverage -o coverage.csv                          (opens in Excel)
      zjgraph coverage --format csv --section claims > claims.csv
      zjgraph coverage --lang en --format markdown
      zjgraph coverage --data ./my-district                     (--data before or after coverage)
      zjgraph coverage --backend neo4j                          (read back from the server: same report)
      zjgraph coverage --as-of 2024-08                          (only what held in August 2024)
      zjgraph coverage --by-period                              (and for each period reported on)
    """
    from zjgraph.coverage import by_period as periods
    from zjgraph.coverage import coverage as compute
    from zjgraph.coverage import scope_label
    from zjgraph.report import labels

    fmt = chosen_format(fmt, out_path)
    if state.as_of and (by_period or "periods" in sections):
        fail("zjgraph: --by-period reads the graph as of each period's end; it does not go with --as-of", 2)
    kg = graph_of(state, backend, uri, username, password, database)
    try:
        report = compute(kg, school=list(schools), district=list(districts))
    except ZjgraphError as err:
        fail(f"zjgraph: {err}")
    extra = ["periods"] if by_period else []
    chosen = list(sections) or ((extra or ["coverage"]) if fmt == "csv" else [*labels.SECTIONS, *extra])
    if fmt == "csv" and len(chosen) > 1:
        fail("zjgraph: --format csv writes one section; pick one with --section", 2)
    if "periods" in chosen:
        report["periods"] = periods(kg, school=list(schools), district=list(districts))
    scope = scope_label(kg, [*schools, *districts])
    if state.as_of:
        scope = f"{scope or labels.word('all', lang)} · as of {span_text(state.as_of)}"
    write(render(report, fmt, chosen, lang, scope), out_path)


def render(report: dict, fmt: str, sections: list[str], lang: str, scope: str) -> str | bytes:
    """The report in ``fmt`` (bytes for xlsx)."""
    from zjgraph.report import html, labels, markdown, text, xlsx

    if fmt == "json":
        return output.render_json(report)
    if fmt == "csv":
        return output.render_csv(*labels.section_rows(report, sections[0]))
    make = {"markdown": markdown.render_markdown, "html": html.render_html, "xlsx": xlsx.render_xlsx,
            "table": text.render_text}[fmt]
    return make(report, sections, lang=lang, scope=scope)
