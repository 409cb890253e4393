"""Coverage: ``zjgraph coverage`` in a browser, filtered by district or school, drilling down school → major →
the evidence for the major's status; the chart, the claims and the targets; downloads in the report's formats."""

from __future__ import annotations

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from zjgraph.coverage import coverage, scope_label
from zjgraph.problems import ZjgraphError
from zjgraph.report import html, labels, markdown, xlsx
from zjgraph.web.pages.entity import fact_anchor
from zjgraph.web.respond import answer, kept, not_found, problem, split_format
from zjgraph.web.state import version

DOWNLOADS = {"md": ("text/markdown; charset=utf-8", markdown.render_markdown),
             "html": ("text/html; charset=utf-8", html.render_html),
             "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.render_xlsx)}
# the page shows every title and note in both languages
TITLES = {k: (labels.both(v[:2]), v[2]) for k, v in labels.SECTIONS.items()}
NOTES = {k: labels.both(v) for k, v in labels.NOTES.items()}


def report_for(request: Request):
    """(graph version, report) for the ?school= and ?district= filters; the report is computed once per
    version and filter."""
    v = version(request)
    school, district = request.query_params.get("school") or None, request.query_params.get("district") or None
    return v, v.derived(("coverage", school, district), lambda: coverage(v.kg, school=school, district=district))


def section_of(request: Request) -> str | None:
    section = request.query_params.get("section", "coverage")
    return section if section in labels.SECTIONS else None


@kept
def coverage_page(request: Request):
    fmt = split_format(request.url.path)[1]
    try:
        v, report = report_for(request)
    except ZjgraphError as err:
        return problem(request, 404, "找不到 Not found", str(err))
    section = section_of(request)
    if section is None:
        return problem(request, 400, "栏目 Section", f"section must be one of: {', '.join(labels.SECTIONS)}")
    kg = v.kg
    school = request.query_params.get("school", "")
    major = request.query_params.get("major", "")
    school_id = kg.resolve(school) if school else ""  # known to resolve: the report was made for it
    rows = [m for m in report["majors"] if not school or m["school_id"] == school_id]
    chosen = [m for m in rows if major and major in (m["major_id"], m["major"])]
    districts = sorted({(d, kg.label(d)) for s, data in kg.graph.nodes(data=True) if data["type"] == "School"
                        for d in data.get("districts") or [] if d in kg.graph}, key=lambda x: x[1])
    return answer(request, fmt, "coverage.html", data=report, table=labels.section_rows(report, section),
                  filename=f"coverage-{section}.csv", kg=kg, majors=rows, chosen=chosen, districts=districts,
                  chart=Markup(html.chart(report)) if report["schools"] else "",
                  sections=TITLES, notes=NOTES, anchor=fact_anchor)


@kept
def coverage_download(request: Request):
    if request.path_params["fmt"] not in DOWNLOADS:
        return not_found(request, f"the report downloads as {' or '.join(f'report.{f}' for f in DOWNLOADS)}")
    media, make = DOWNLOADS[request.path_params["fmt"]]
    try:
        v, report = report_for(request)
    except ZjgraphError as err:
        return problem(request, 404, "找不到 Not found", str(err))
    filters = [request.query_params.get(k) for k in ("school", "district")]
    scope = scope_label(v.kg, [f for f in filters if f])
    chosen = request.query_params.getlist("section") or list(labels.SECTIONS)
    if set(chosen) - set(labels.SECTIONS):
        return problem(request, 400, "栏目 Section", f"section must be one of: {', '.join(labels.SECTIONS)}")
    return Response(make(report, chosen, scope=scope), media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="coverage.{request.path_params["fmt"]}"'})


routes = [Route("/coverage", coverage_page), Route("/coverage.json", coverage_page),
          Route("/coverage.csv", coverage_page), Route("/coverage/report.{fmt:str}", coverage_download)]
