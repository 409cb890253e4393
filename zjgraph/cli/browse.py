"""Commands that read the graph as it is: stats, show, search, validate."""

from __future__ import annotations

import sys

import click

from zjgraph import output
from zjgraph.cli.app import cli
from zjgraph.cli.common import (
    BACKEND,
    FORMATS_TABULAR,
    State,
    as_of_option,
    emit,
    fail,
    graph_of,
    neo4j_options,
    resolve_name,
)
from zjgraph.time import span_text, time_label


@cli.command()
@click.option("--format", "fmt", type=FORMATS_TABULAR, default="table", show_default=True)
@click.pass_obj
def stats(state: State, fmt):
    """Count entities by type, facts by relation, attribute and certainty, and facts by source document.

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
    rows += [["certainty", c, schema.schemes["CertaintyScheme"][c].label_zh, n] for c, n in s["by_certainty"].items()]
    rows += [["document", d["id"], d["title"], d["relations"] + d["attributes"]] for d in s["by_document"]]
    emit(fmt, ["group", "key", "label", "count"], rows, obj=s, max_width=40)


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
        if time_label(ev):
            extra += f" · {time_label(ev)}"
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



@cli.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@BACKEND
@neo4j_options
@as_of_option
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
      zjgraph show 巴南职教中心 --as-of 2007      (only what held in 2007)
    """
    kg = graph_of(state, backend, uri, username, password, database)
    info = kg.describe(resolve_name(kg, name))
    if state.as_of:
        info["as_of"] = span_text(state.as_of)
    if fmt == "json":
        click.echo(output.render_json(info))
    else:
        text = _show_text(kg, info)
        if state.as_of:
            first, _, rest = text.partition("\n")
            text = f"{first}\n截至 as of: {info['as_of']}\n{rest}"
        click.echo(output.terminal_safe(text))


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
        fail(f"zjgraph: unknown type(s) {', '.join(sorted(unknown))}; expected one of: "
              f"{', '.join(sorted(kg.schema.entity_classes()))}", 2)
    hits = kg.search(text, limit=limit, types=set(types) or None)
    if not hits:
        fail(f"zjgraph: nothing matches “{text}”.")
    rows = [[h.id, h.type, h.name, h.matched, h.score] for h in hits]
    emit(fmt, ["id", "type", "name", "matched", "score"], rows)


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
            click.echo(output.terminal_safe(f"{p.severity}: {p}", newlines=False), err=p.severity == "error")
        click.echo(report.summary())
    sys.exit(1 if report.errors else 0)
