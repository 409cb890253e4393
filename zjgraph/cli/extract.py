"""Proposing facts from new reports: extract."""

from __future__ import annotations

from pathlib import Path

import click

from zjgraph import output
from zjgraph.cli.app import cli
from zjgraph.cli.common import State, emit, fail


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
            fail("zjgraph: --eval measures on the curated corpus; give no files with it.", 2)
        from zjgraph.extract.evaluate import GOAL_COLUMNS, evaluate

        ev = evaluate(state.kg.graph, state.kg.schema, state.kg.data_dir)
        emit(fmt or "table", ["group", "key", "tp", "fp", "fn", "precision", "recall", "f1"], ev.rows(),
              obj=ev.as_dict() if fmt == "json" else None)
        if fmt in (None, "table"):  # the goals, measured (in JSON: "goals")
            click.echo()
            emit("table", GOAL_COLUMNS, ev.goals())
        return
    if not files:
        fail("zjgraph: give one or more report files, or --eval. See `zjgraph extract --help`.", 2)
    if fmt in ("table", "csv"):
        fail("zjgraph: proposals are written as toml or json.", 2)
    if doc_id and len(files) > 1:
        fail("zjgraph: --id names one report; give one file with it.", 2)
    try:
        proposals = extract_files(list(files), state.kg, [doc_id] if doc_id else None)
    except ReadError as e:
        fail(f"zjgraph: cannot extract; nothing was written:\n{e.reason}")
    for p in proposals:
        p.facts = [f for f in p.facts if f.confidence >= min_confidence]
    render = (lambda p: p.to_json()) if fmt == "json" else (lambda p: p.to_toml())
    suffix = ".json" if fmt == "json" else ".toml"
    if out_path is not None:
        if len(proposals) > 1:
            names: dict[str, list[str]] = {}
            for path in files:
                names.setdefault(Path(path).stem + suffix, []).append(str(path))
            same = {name: paths for name, paths in names.items() if len(paths) > 1}
            if same:
                name, paths = next(iter(same.items()))
                fail(f"zjgraph: {' and '.join(paths)} would both be written to {out_path / name}; nothing was "
                     "written. Give the reports different names, or extract them one at a time with -o FILE.", 2)
        try:
            if len(proposals) > 1:
                for path, p in zip(files, proposals):
                    output.write_atomic(out_path / (Path(path).stem + suffix), render(p))
            else:
                output.write_atomic(out_path, render(proposals[0]))
        except OSError as err:
            fail(f"zjgraph: cannot write {err.filename or out_path}: {err.strerror}")
    elif fmt == "json":
        click.echo(output.render_json([p.as_dict() for p in proposals]) if len(proposals) > 1 else render(proposals[0]))
    else:
        click.echo("\n".join(render(p) for p in proposals))
    for p in proposals:
        click.echo(f"{p.source}: {len(p.new_entities())} new entities, {len(p.facts)} facts proposed", err=True)
