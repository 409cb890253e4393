"""``zjgraph diff``: what changed between two data folders or exports, or one graph at two times."""

from __future__ import annotations

from pathlib import Path

import click

from zjgraph import output
from zjgraph.cli.app import cli
from zjgraph.cli.common import State, fail, report_data_error
from zjgraph.cli.coverage import chosen_format, report_options, write
from zjgraph.problems import DataError, ZjgraphError

FORMATS = ["table", "json", "csv", "markdown", "html"]
SECTIONS = ["entities", "facts", "coverage", "targets"]


def load(path: Path | None, use_cache: bool):
    """The graph in ``path`` (None: the bundled data); an unknown path or invalid data ends the command."""
    from zjgraph.graph import KnowledgeGraph

    if path is not None and not path.exists():
        fail(f"zjgraph: {path}: no such data folder or export", 2)
    try:
        return KnowledgeGraph.load(path, use_cache=use_cache)
    except DataError as err:
        report_data_error(err)
    except ZjgraphError as err:
        fail(f"zjgraph: {err}")


def when(option: str, text: str):
    """The span ``text`` names, or exit 2 naming the option."""
    from zjgraph.time import parse_time

    try:
        return parse_time(text)
    except ValueError as err:
        fail(f"zjgraph: {option} {text}: {err}", 2)


def graphs(state: State, paths: tuple[Path, ...], start: str | None, end: str | None):
    """The two graphs to compare and what to call them: OLD and NEW, each as of --from and --to when given; or
    one folder (given, or --data, or the bundled data) as of --from and as of --to."""
    if (start is None) != (end is None):
        fail("zjgraph: --from and --to go together: give both (the graph as of each) or neither", 2)
    if len(paths) > 2:
        fail(f"zjgraph: diff compares two graphs, not {len(paths)}: give OLD NEW, or one graph with --from and --to",
             2)
    if len(paths) < 2 and start is None:
        fail("zjgraph: give OLD and NEW (two data folders or exports), or --from and --to to compare one graph at "
             "two times", 2)
    spans = (when("--from", start), when("--to", end)) if start is not None else None
    if len(paths) == 2:
        kgs = [load(p, state.use_cache) for p in paths]
        names = [str(p) for p in paths]
    else:
        kg = load(paths[0] if paths else state.data_dir, state.use_cache)
        kgs, names = [kg, kg], [str(paths[0]) if paths else str(state.data_dir or "")] * 2
    if spans:
        kgs = [kg.as_of(span) for kg, span in zip(kgs, spans)]
        names = [f"{n} @ {t}" if n else t for n, t in zip(names, (start, end))]
    return kgs, names


@cli.command("diff")
@click.argument("paths", nargs=-1, metavar="[OLD NEW]", type=click.Path(path_type=Path))
@click.option("--from", "start", metavar="DATE|YEAR", help="Compare as of this time (with --to): OLD, or the graph.")
@click.option("--to", "end", metavar="DATE|YEAR", help="… with this time: NEW, or the same graph.")
@click.option("--section", "sections", multiple=True, type=click.Choice(SECTIONS),
              help="Sections to show (repeatable; default all; csv shows one, default facts).")
@report_options(FORMATS)
@click.pass_obj
def diff_command(state: State, paths, start, end, sections, fmt, lang, out_path):
    """Report what changed between two graphs: entities and facts added, removed and changed, each school's and
    district's coverage before and after, and each policy target's latest value on both sides.

    \b
    OLD and NEW are data folders or exports (anything --data takes). With --from and --to, the
    graph (OLD NEW, one folder, or --data, or the bundled data) is read as of each time, by
    the rule of `--as-of` (README, Time). Facts are matched by what they state: subject,
    relation or attribute, object and source document, never by their place in a file; a
    fact whose value, quote, certainty or time differs is changed.

    \b
    Formats: table (a terminal, 100 columns), json, csv (one section, for Excel), markdown,
    html (one page, no network); -o FILE picks the format from its extension.

    \b
    Examples:
      zjgraph diff ./data-2024 ./data-2025
      zjgraph diff --from 2023 --to 2025
      zjgraph diff ./old ./new -o changes.html
      zjgraph diff ./old ./new --format csv --section coverage > coverage-change.csv
    """
    from zjgraph.diff import diff
    from zjgraph.report import diff as render

    fmt = chosen_format(fmt, out_path)
    if fmt == "xlsx":
        fail("zjgraph: diff writes no workbook; use -o with .csv .html .md .json or .txt", 2)
    chosen = list(sections) or (["facts"] if fmt == "csv" else SECTIONS)
    if fmt == "csv" and len(chosen) > 1:
        fail("zjgraph: --format csv writes one section; pick one with --section", 2)
    (old, new), names = graphs(state, paths, start, end)
    report = diff(old, new)
    if fmt == "json":
        content = output.render_json(report)
    elif fmt == "csv":
        content = output.render_csv(*render.csv_rows(report, chosen[0]))
    else:
        make = {"table": render.render_text, "markdown": render.render_markdown, "html": render.render_html}[fmt]
        content = make(report, chosen, lang=lang, sides=tuple(names))
    write(content, out_path)
