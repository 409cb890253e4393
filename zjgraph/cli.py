"""The ``zjgraph`` command: a thin layer over :class:`zjgraph.KnowledgeGraph`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from zjgraph import output
from zjgraph.problems import DataError
from zjgraph.resolve import Ambiguous, NotFound

FORMATS_TABULAR = click.Choice(["table", "json", "csv"])


def _utf8_streams() -> None:
    # Windows consoles and redirected pipes may default to a legacy code page; Chinese must survive.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")


def _fail(message: str, code: int = 1):
    click.echo(message, err=True)
    sys.exit(code)


def _report_data_error(err: DataError):
    click.echo(f"zjgraph: the data is not valid ({len(err.problems)} problem(s)); nothing was loaded:", err=True)
    for p in err.problems:
        click.echo(f"  {p}", err=True)
    sys.exit(1)


class State:
    def __init__(self, data_dir: Path | None, use_cache: bool):
        self.data_dir, self.use_cache, self._kg = data_dir, use_cache, None

    @property
    def kg(self):
        if self._kg is None:
            from zjgraph.graph import KnowledgeGraph

            try:
                self._kg = KnowledgeGraph.load(self.data_dir, use_cache=self.use_cache)
            except DataError as err:
                _report_data_error(err)
        return self._kg


def _emit(fmt: str, columns: list[str], rows: list[list], obj=None, max_width: int = 60):
    if fmt == "json":
        click.echo(output.render_json(obj if obj is not None else [dict(zip(columns, r)) for r in rows]))
    elif fmt == "csv":
        click.echo(output.render_csv(columns, rows), nl=False)
    else:
        click.echo(output.render_table(columns, rows, max_width=max_width))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--data", "data_dir", type=click.Path(path_type=Path), envvar="ZJGRAPH_DATA",
              help="Data folder to use instead of the bundled corpus (env ZJGRAPH_DATA). It holds corpus/, "
                   "registry/, facts/ and reference/, laid out like zjgraph/data.")
@click.option("--no-cache", is_flag=True, help="Rebuild the graph instead of using the cached build.")
@click.version_option(package_name="zjgraph")
@click.pass_context
def cli(ctx, data_dir, no_cache):
    """zjgraph: the industry–education ecosystem of Chinese vocational education (产教融合) as a graph.

    Every relation carries its source document and a verbatim quote. With no setup, the bundled
    corpus (five reports from Chongqing's Yongchuan, Bishan, Banan and Jiangjin) is loaded in memory.

    \b
    Examples:
      zjgraph stats                      counts by type, relation and source document
      zjgraph show 交职校                 one entity, its attributes and every relation with evidence
      zjgraph search 职教中心             find entities by partial or approximate name
      zjgraph validate                   check the data: quotes, references, aliases, SHACL shapes
    """
    _utf8_streams()
    ctx.obj = State(data_dir, not no_cache)


@cli.command()
@click.option("--format", "fmt", type=FORMATS_TABULAR, default="table", show_default=True)
@click.pass_obj
def stats(state: State, fmt):
    """Count entities by type, facts by relation and attribute, and facts by source document.

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
    rows += [["document", d["id"], d["title"], d["relations"] + d["attributes"]] for d in s["by_document"]]
    _emit(fmt, ["group", "key", "label", "count"], rows, obj=s, max_width=40)


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
        if ev.get("date"):
            extra += f" · {ev['date']}"
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


def _resolve(kg, name: str) -> str:
    """The id NAME stands for, or exit 1 with the closest names (unknown) or the candidates (ambiguous)."""
    try:
        return kg.resolve(name)
    except NotFound as nf:
        hint = "".join(f"\n  {h.name}  ({h.type}, {h.id})" for h in nf.suggestions)
        _fail(f"zjgraph: no entity is named “{name}”." + (f" Closest matches:{hint}" if hint else
              " Try `zjgraph search` with part of the name."))
    except Ambiguous as amb:
        opts = "".join(f"\n  {kg.label(t)} ({t}) in {doc}" for t, doc in amb.candidates)
        _fail(f"zjgraph: “{name}” means different entities in different documents; use a full name or id:{opts}")


@cli.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def show(state: State, name, fmt):
    """Show one entity: its attributes and every relation with its evidence quote and source.

    NAME is an id, the canonical name or any alias the documents use; a short form that one document
    uses for an entity (职教中心 in the Bishan report) works too.

    \b
    Examples:
      zjgraph show 交职校
      zjgraph show 重庆市永川职业教育中心
      zjgraph show school:yongchuan-vec --format json
    """
    kg = state.kg
    info = kg.describe(_resolve(kg, name))
    if fmt == "json":
        click.echo(output.render_json(info))
    else:
        click.echo(_show_text(kg, info))


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
        _fail(f"zjgraph: unknown type(s) {', '.join(sorted(unknown))}; expected one of: "
              f"{', '.join(sorted(kg.schema.entity_classes()))}", 2)
    hits = kg.search(text, limit=limit, types=set(types) or None)
    if not hits:
        _fail(f"zjgraph: nothing matches “{text}”.")
    rows = [[h.id, h.type, h.name, h.matched, h.score] for h in hits]
    _emit(fmt, ["id", "type", "name", "matched", "score"], rows)


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
            click.echo(f"{p.severity}: {p}", err=p.severity == "error")
        click.echo(report.summary())
    sys.exit(1 if report.errors else 0)


def _names(values) -> list[str]:
    """Values of a repeatable option that also takes comma-separated lists (--types School,Major)."""
    return [v.strip() for value in values for v in value.replace("，", ",").split(",") if v.strip()]


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default="zjgraph-view.html",
              show_default=True, help="The HTML file to write (replaced all at once).")
@click.option("--focus", multiple=True, metavar="NAME",
              help="Centre on this entity (id, name or alias; repeatable): its ego network of --depth.")
@click.option("--depth", type=click.IntRange(0), default=1, show_default=True,
              help="Edges to follow from --focus, --school and --district entities.")
@click.option("--types", multiple=True, metavar="TYPE[,TYPE…]",
              help="Only entities of these ontology types, subclasses included (School, Major, Enterprise…).")
@click.option("--relations", multiple=True, metavar="REL[,REL…]",
              help="Only these relations (partnersWith, offersMajor…); entities left with none are dropped.")
@click.option("--district", metavar="PLACE",
              help="Entities located in this district, county or city (through locatedIn and partOf chains), "
                   "with their neighbours to --depth. Schools with no locatedIn fact are in no district.")
@click.option("--school", "schools", multiple=True, metavar="NAME",
              help="Centre on this school (repeatable); like --focus, but NAME must be a school.")
@click.option("--coverage", "show_coverage", is_flag=True,
              help="Colour each school by the share of its majors with an enterprise partner and mark the "
                   "majors without one in red. Without --types: schools, majors and their partners.")
@click.option("--layout", "layout_mode", type=click.Choice(["auto", "physics", "python"]), default="auto",
              show_default=True, help="Who lays the graph out: the browser's physics, Python, or auto by size.")
@click.option("--title", help="Heading of the page (default: says what the view shows).")
@click.pass_obj
def view(state: State, output, focus, depth, types, relations, district, schools, show_coverage, layout_mode,
         title):
    """Write an interactive graph view: one standalone HTML file that opens offline in any browser.

    Scripts and styles are inside the file and it makes no request, so it can be mailed, archived or
    put on a slide. Colour and shape show the type, edge colour the relation (dashed: inferred); hover
    a node for its attributes, or an edge for the evidence quote and its source document. Names and
    quotes from the documents are shown as text, never run as HTML.

    \b
    Sizes: up to 500 entities the browser lays the view out with physics, which settles
    (a second or two) and then stops; above 500 the layout is computed in Python (igraph,
    about a second for 10,000 entities) and the page opens with physics off, in seconds.
    Edges carry their relation name up to 150 edges; beyond, colours only.

    \b
    Examples:
      zjgraph view                                         the whole graph → zjgraph-view.html
      zjgraph view --focus 重庆市璧山职业教育中心 --depth 2 -o bishan-vec.html
      zjgraph view --district 璧山区 --types School,Major,Enterprise,OrderClass
      zjgraph view --school 交职校 --relations partnersWith,offersMajor
      zjgraph view --coverage -o coverage.html
      zjgraph view --types School,Alliance --relations memberOf,leads
    """
    from zjgraph import view as views

    try:
        views.require()
    except ImportError as err:
        _fail(f"zjgraph: {err}")
    kg = state.kg
    schema = kg.schema
    types, relations = _names(types), _names(relations)
    unknown = set(types) - set(schema.entity_classes()) - {"Organization", "AdministrativeArea"}
    if unknown:
        _fail(f"zjgraph: unknown type(s) {', '.join(sorted(unknown))}; expected one of: "
              f"{', '.join(sorted(schema.entity_classes()))}", 2)
    unknown = set(relations) - set(schema.relations())
    if unknown:
        _fail(f"zjgraph: unknown relation(s) {', '.join(sorted(unknown))}; expected one of: "
              f"{', '.join(sorted(schema.relations()))}", 2)
    seeds = [_resolve(kg, name) for name in focus]
    for name in schools:
        node = _resolve(kg, name)
        if kg.graph.nodes[node]["type"] != "School":
            _fail(f"zjgraph: --school {name}: {kg.label(node)} ({node}) is a {kg.graph.nodes[node]['type']}, "
                  f"not a school; use --focus for any entity.", 2)
        seeds.append(node)
    place = None
    if district:
        place = _resolve(kg, district)
        if not schema.is_a(kg.graph.nodes[place]["type"], {"AdministrativeArea", "EducationZone", "IndustrialPark"}):
            _fail(f"zjgraph: --district {district}: {kg.label(place)} ({place}) is not a place.", 2)
    coverage = None
    if show_coverage:
        coverage = views.coverage_of(kg.graph)
        types = types or views.COVERAGE_TYPES
    part = views.select(kg.graph, schema, seeds=seeds, district=place, depth=depth, types=types,
                        relations=relations)
    g = part.graph
    if not g.number_of_nodes():
        _fail("zjgraph: nothing to draw: no entity matches these filters.")
    what = []
    if seeds:
        what.append("、".join(kg.label(s) for s in dict.fromkeys(seeds)) + f" (depth {depth})")
    if place:
        what.append(f"{kg.label(place)} (depth {depth})")
    if types:
        what.append(" ".join(types))
    if relations:
        what.append(" ".join(relations))
    title = title or ("覆盖 Coverage · " if coverage else "") + (" · ".join(what) or "全图 Whole graph")
    subtitle = (f"{g.number_of_nodes()} entities, {g.number_of_edges()} facts · "
                f"{len(kg.graph.graph['documents'])} source documents · zjgraph")
    html = views.render_html(g, schema, title=title, subtitle=subtitle, notes=part.notes, seeds=part.seeds,
                             coverage=coverage, layout_mode=layout_mode, context=kg.graph)
    views.write_html(html, output)
    how = ("laid out by the browser, physics stops once settled" if views.uses_browser_physics(
        g.number_of_nodes(), layout_mode) else "layout computed in Python, physics off")
    for note in part.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"wrote {output}: {g.number_of_nodes()} entities, {g.number_of_edges()} facts ({how})", err=True)


def main():
    cli(prog_name="zjgraph")
