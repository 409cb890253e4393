"""Interactive HTML views of the graph: view."""

from __future__ import annotations

from pathlib import Path

import click

from zjgraph import output
from zjgraph.cli.app import cli
from zjgraph.cli.common import State, as_of_option, fail, resolve_name, split_names
from zjgraph.problems import ZjgraphError
from zjgraph.time import span_text


@cli.command()
@click.option("-o", "--output", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              default="zjgraph-view.html",
              show_default=True, help="The HTML file to write (replaced all at once).")
@click.option("--focus", multiple=True, metavar="NAME",
              help="Centre on this entity (id, name or alias; repeatable): its ego network of --depth.")
@click.option("--depth", type=click.IntRange(0),
              help="Edges to follow from --focus, --school and --district entities  [default: 1; 2 for the "
                   "schools of --coverage].")
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
              help="Shade each school by the share of its majors with an explicit enterprise partner (as "
                   "`zjgraph coverage` counts them) and mark majors without a partner in red. Default scope: "
                   "the schools that offer majors, to depth 2; default --types: schools, majors, enterprises, "
                   "order classes, training bases, industry colleges.")
@click.option("--with-indicators", is_flag=True,
              help="Also draw indicators and targets (left out by default unless --types names them).")
@click.option("--group-by", type=click.Choice(["district", "province", "cluster", "none"]),
              help="Draw groups instead of entities: districts, provinces or industry clusters as nodes sized by "
                   "their schools, coloured by coverage, tied by the enterprises, order classes and alliances "
                   "they share; each group links to its own page, written beside the file. Default: none up to "
                   "2,000 entities, above that district (province when there are more than 100 districts).")
@click.option("--layout", "layout_mode", type=click.Choice(["auto", "physics", "python"]), default="auto",
              show_default=True, help="Who lays the graph out: the browser's physics, Python, or auto by size.")
@click.option("--title", help="Heading of the page (default: says what the view shows).")
@as_of_option
@click.pass_obj
def view(state: State, out_path, focus, depth, types, relations, district, schools, show_coverage, with_indicators,
         group_by, layout_mode, title):
    """Write an interactive graph view: one standalone HTML file that opens offline in any browser.

    Scripts and styles are inside the file and it makes no request, so it can be mailed, archived or
    put on a slide. Colour and shape show the type, edge colour the relation (dashed: inferred); hover
    a node for its attributes, or an edge for the evidence quote and its source document; click a node
    for a side panel with all its facts and their evidence; the search box finds and centres an entity.
    Names and quotes from the documents are shown as text, never run as HTML.

    \b
    What is drawn by default: indicators and targets are left out (--with-indicators,
    or name them in --types); entities with no edge in the view are left out and
    counted in the subtitle; separate parts are packed side by side; the
    best-connected entities keep their labels at every zoom. Above 2,000 entities
    an overview of groups is drawn instead (--group-by).

    \b
    Sizes: the layout is computed in Python (igraph) and the page draws at once; up to
    500 entities the browser's physics then relaxes it for a few seconds and stops.
    Edges carry their relation name up to 150 edges; beyond, colours only.

    \b
    Examples:
      zjgraph view                                         the whole graph → zjgraph-view.html
      zjgraph view --focus 重庆市璧山职业教育中心 --depth 2 -o bishan-vec.html
      zjgraph view --district 璧山区 --types School,Major,Enterprise,OrderClass
      zjgraph view --school 交职校 --relations partnersWith,offersMajor
      zjgraph view --coverage -o coverage.html
      zjgraph view --types School,Alliance --relations memberOf,leads
      zjgraph view --with-indicators --focus 交职校              indicators and targets too
      zjgraph view --group-by district -o districts.html   districts as nodes;
                                                   districts.groups/ holds a page for each
      zjgraph view --group-by cluster                      industry clusters and what serves them
      zjgraph view --as-of 2007 -o 2007.html               only what held in 2007
    """
    from zjgraph import view as views
    from zjgraph.view import overview

    try:
        views.require()
    except ImportError as err:
        fail(f"zjgraph: {err}")
    kg = state.kg
    schema = kg.schema
    types, relations = split_names(types), split_names(relations)
    known = {a for c in schema.entity_classes() for a in schema.ancestors(c)}  # Organization covers its subclasses
    unknown = set(types) - known
    if unknown:
        fail(f"zjgraph: unknown type(s) {', '.join(sorted(unknown))}; expected one of: {', '.join(sorted(known))}", 2)
    unknown = set(relations) - set(schema.relations())
    if unknown:
        fail(f"zjgraph: unknown relation(s) {', '.join(sorted(unknown))}; expected one of: "
              f"{', '.join(sorted(schema.relations()))}", 2)
    seeds = [resolve_name(kg, name) for name in focus]
    for name in schools:
        node = resolve_name(kg, name)
        if kg.graph.nodes[node]["type"] != "School":
            fail(f"zjgraph: --school {name}: {kg.label(node)} ({node}) is a {kg.graph.nodes[node]['type']}, "
                  f"not a school; use --focus for any entity.", 2)
        seeds.append(node)
    place = None
    if district:
        from zjgraph.places import resolve_place

        try:
            place = resolve_place(kg, district)
        except ZjgraphError as err:
            fail(f"zjgraph: --district {district}: {err}", 2)
    coverage = None
    if show_coverage:
        coverage = views.coverage_of(kg)
        types = types or views.COVERAGE_TYPES
        if not seeds and not place:  # the schools the report covers, their majors and who partners them
            seeds, depth = sorted(coverage.percent), 2 if depth is None else depth
    depth = 1 if depth is None else depth
    named_types = types
    if not types and not with_indicators:
        types = views.default_types(schema)
    part = views.select(kg.graph, schema, seeds=seeds, district=place, depth=depth, types=types,
                        relations=relations, isolated=False)
    g = part.graph
    if not g.number_of_nodes():
        fail("zjgraph: nothing to draw: no entity matches these filters" + (
            f" ({part.isolated} entities matched but none has an edge in the view)." if part.isolated else "."))
    if group_by is None and g.number_of_nodes() > overview.AGGREGATE_ABOVE:
        group_by = overview.auto_by(kg.graph)
        click.echo(f"note: {g.number_of_nodes()} entities are too many to draw one by one (over "
                   f"{overview.AGGREGATE_ABOVE}): drawing them grouped by {group_by}; --group-by none draws "
                   f"every entity.", err=True)
    if group_by not in (None, "none"):
        return _overview(kg, part, group_by, named_types, out_path, title)
    types = named_types
    title, subtitle = views.headings(kg.graph, schema, g, seeds=part.seeds, place=place, depth=depth, types=types,
                                     relations=relations, coverage=coverage is not None, title=title)
    if part.isolated:
        subtitle += f" · {part.isolated} entities with no edge in this view not drawn"
    if state.as_of:
        subtitle += f" · as of {span_text(state.as_of)}: only what holds then"
    html = views.render_html(g, schema, title=title, subtitle=subtitle, notes=part.notes, seeds=part.seeds,
                             coverage=coverage, layout_mode=layout_mode, context=kg.graph)
    try:
        output.write_atomic(out_path, html)
    except OSError as err:
        fail(f"zjgraph: cannot write {out_path}: {err.strerror}")
    how = ("laid out by the browser, physics stops once settled" if views.uses_browser_physics(
        g.number_of_nodes(), layout_mode) else "layout computed in Python, physics off")
    for note in part.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"wrote {out_path}: {g.number_of_nodes()} entities, {g.number_of_edges()} facts ({how})", err=True)


def _overview(kg, part, by, named_types, out_path: Path, title):
    """Write the overview of ``part`` grouped by ``by``, and each group's page beside it when there are
    at most GROUP_PAGES_MAX groups (otherwise each group names the command that writes its page)."""
    from zjgraph import view as views
    from zjgraph.view import overview
    from zjgraph.view.aggregate import aggregate

    g, schema = kg.graph, kg.schema
    coverage = views.coverage_of(kg)
    agg = aggregate(g, part.graph, by, coverage)
    if not agg.groups:
        fail(f"zjgraph: --group-by {by}: no entity of this view is in any {by}.")
    folder = out_path.with_name(out_path.stem + ".groups")
    links, commands = {}, {}
    for gid in agg.groups:
        if len(agg.groups) <= overview.GROUP_PAGES_MAX:
            links[gid] = f"{folder.name}/{overview.slug(gid)}.html"
        else:
            commands[gid] = overview.command(g, agg, gid)
    schools = sum(1 for n in part.graph if g.nodes[n]["type"] == "School")
    title = title or f"{'、'.join(sorted(g.nodes[s]['name'] for s in part.seeds)[:4]) or '全图 Whole graph'} · " \
                     f"{overview.BY_LABELS[by]}"
    subtitle = overview.subtitle(agg, part.graph.number_of_nodes(), schools, part.isolated)
    html = overview.render_overview(g, schema, agg, title=title, subtitle=subtitle, notes=part.notes,
                                    links=links, commands=commands)
    try:
        for gid in links:
            folder.mkdir(exist_ok=True)
            page = _group_page(kg, part.graph, agg, gid, named_types, coverage)
            output.write_atomic(folder / f"{overview.slug(gid)}.html", page)
        output.write_atomic(out_path, html)
    except OSError as err:
        fail(f"zjgraph: cannot write {err.filename or out_path}: {err.strerror}")
    for note in part.notes:
        click.echo(f"note: {note}", err=True)
    beside = f"; {len(links)} group pages in {folder}" if links else (
        f"; {len(agg.groups)} groups are too many to write a page for each: each names its command")
    click.echo(f"wrote {out_path}: {len(agg.groups)} {by} groups of {part.graph.number_of_nodes()} entities"
               f"{beside}", err=True)


def _group_page(kg, view, agg, gid, named_types, coverage) -> str:
    """One group's own page: its entities in ``view`` (the overview's selection, already narrowed to its
    types) and their neighbours there, or, above the size an entity view can show, its districts."""
    from zjgraph import view as views
    from zjgraph.view import overview
    from zjgraph.view.aggregate import aggregate

    g, schema = kg.graph, kg.schema
    part = overview.group_selection(view, schema, agg, gid)
    name = g.nodes[gid]["name"]
    if part.graph.number_of_nodes() > overview.AGGREGATE_ABOVE and agg.by == "province":
        sub = aggregate(g, part.graph, "district", coverage)
        schools = sum(1 for n in part.graph if g.nodes[n]["type"] == "School")
        return overview.render_overview(
            g, schema, sub, title=f"{name} · {overview.BY_LABELS['district']}",
            subtitle=overview.subtitle(sub, part.graph.number_of_nodes(), schools, part.isolated),
            commands={d: overview.command(g, sub, d) for d in sub.groups})
    _, subtitle = views.headings(g, schema, part.graph, seeds=part.seeds, types=named_types)
    if part.isolated:
        subtitle += f" · {part.isolated} entities with no edge in this view not drawn"
    return views.render_html(part.graph, schema, title=f"{name} ({overview.BY_LABELS[agg.by]})", subtitle=subtitle,
                             seeds=part.seeds, coverage=coverage, context=g)
