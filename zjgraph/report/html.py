"""The report as one self-contained HTML page a district bureau can print on A4: its scope and date, a chart of
the four statuses, the summary table, a section per school (each major with its status, partners and the quote
behind it with its source document), then the claims and targets. It loads nothing; every string from the
documents is escaped."""

from __future__ import annotations

import datetime
from html import escape

from zjgraph.output import cell
from zjgraph.report import labels

COLORS = {"explicit": "#2e7d32", "unnamed": "#81c784", "inferred": "#f9a825", "none": "#c62828"}


def chart(report: dict) -> str:
    """A stacked bar per school and district (the four statuses), as inline SVG that scales to its box."""
    items = [*report["schools"], *report["districts"]]
    bar_h, gap, label_w, width = 18, 8, 250, 400
    total_w = label_w + width + 60
    legend_y = len(items) * (bar_h + gap) + 20
    height = legend_y + 2 * 22
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total_w} {height}" width="{total_w}" '
             f'role="img" aria-label="覆盖图 coverage chart" class="chart">']
    for i, item in enumerate(items):
        y = i * (bar_h + gap) + 10
        total = item["majors_offered"] or 1
        label = f"{item['name']}（{labels.SCOPES[item['scope']][0]}）"
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>')
        x = label_w
        for key, color in COLORS.items():
            count = item[labels.STATUS_COUNTS[key]]
            w = width * count / total
            if w:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}">'
                             f'<title>{escape(labels.both(labels.STATUSES[key]))}: {count}</title></rect>')
            x += w
        parts.append(f'<text x="{label_w + width + 6}" y="{y + 13}">'
                     f'{escape(cell(item["stated_percent"]))}%</text>')
    for j, (key, color) in enumerate(COLORS.items()):  # two rows of two: the labels are bilingual and long
        x, y = label_w + (j % 2) * 210 - 120, legend_y + (j // 2) * 22
        parts.append(f'<g class="legend" data-status="{key}"><rect x="{x}" y="{y}" width="12" height="12" '
                     f'fill="{color}"/><text x="{x + 16}" y="{y + 11}">{escape(labels.both(labels.STATUSES[key]))}'
                     f'</text></g>')
    return "".join(parts) + "</svg>"


STYLE = """@page{size:A4;margin:14mm 12mm}
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei","Source Han Sans SC",sans-serif;margin:2em auto;
max-width:60em;color:#222;font-size:14px;line-height:1.45}
h1{font-size:1.5em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:2px solid #ccc}h3{margin:1.2em 0 .3em}
.meta{color:#555}.note{color:#555}.chart{max-width:100%;height:auto}svg text{font-size:13px}
table{border-collapse:collapse;margin:.5em 0;width:100%}
td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f3f3f3}.n{text-align:right;white-space:nowrap}.name{white-space:nowrap}
tr,.legend-list li,h3{break-inside:avoid}h2,h3{break-after:avoid}thead{display:table-header-group}
q{quotes:"“" "”"}.src{color:#555;white-space:nowrap}.status{white-space:nowrap}.wide{min-width:7em}
.s-explicit{color:#2e7d32}.s-unnamed{color:#388e3c}.s-inferred{color:#b26a00}.s-none{color:#c62828;font-weight:bold}
@media print{body{margin:0;max-width:none;font-size:11px}a{color:inherit;text-decoration:none}}"""

NUMERIC = {"schools", "majors_offered", "explicit", "unnamed", "inferred_only", "none", "explicit_percent",
           "stated_percent", "with_inferred_percent", "reported", "graph", "schools_in_graph", "target_year"}


# names, ids, periods and figures read best on one line
NAMES = {"period", "scope", "name", "subject", "source", "unit", "target_text"}


# Sentences that read badly a few characters wide.
WIDE = {"current_text", "note"}


def _kind(column: str) -> str:
    return (' class="n"' if column in NUMERIC else ' class="name"' if column in NAMES
            else ' class="wide"' if column in WIDE else "")


# Columns for machines (the metric's id, for joining CSV rows), not for a printed page.
NOT_PRINTED = {"metric"}


def _table(report: dict, section: str, lang: str) -> list[str]:
    columns = [c for c in labels.spec(section)[2] if c not in NOT_PRINTED]
    heads, rows = labels.labelled_rows(report, section, lang, columns)
    if not rows:
        return [f'<p class="empty">{escape(labels.empty(section))}</p>']
    kinds = [_kind(c) for c in columns]
    out = ["<table><thead><tr>" + "".join(f"<th{k}>{escape(h)}</th>" for k, h in zip(kinds, heads))
           + "</tr></thead><tbody>"]
    out += ["<tr>" + "".join(f"<td{k}>{escape(v)}</td>" for k, v in zip(kinds, row)) + "</tr>" for row in rows]
    return [*out, "</tbody></table>"]


def _school(report: dict, school: dict, lang: str) -> list[str]:
    """One school's section: its counts, then each major with its status, partners and evidence."""
    h = {c: escape(labels.header(c, lang)) for c in ("major", "status", "partners", "evidence")}
    counts = "，".join(f"{labels.status(k, lang)} {school[labels.STATUS_COUNTS[k]]}" for k in labels.STATUSES)
    out = [f'<section class="school" id="{escape(school["id"])}"><h3>{escape(school["name"])}</h3>',
           f'<p class="meta">{escape(labels.header("majors_offered", lang))} {school["majors_offered"]}：'
           f"{escape(counts)}</p>",
           '<table class="majors"><colgroup><col style="width:17%"><col style="width:11%"><col style="width:20%">'
           '<col></colgroup>'
           f"<thead><tr><th>{h['major']}</th><th>{h['status']}</th><th>{h['partners']}</th>"
           f"<th>{h['evidence']}</th></tr></thead><tbody>"]
    for m in (m for m in report["majors"] if m["school_id"] == school["id"]):
        evidence = "".join(f'<div><q>{escape(e["quote"])}</q> <span class="src">{escape(e["source"])}</span></div>'
                           for e in m["evidence"])
        out.append(f'<tr><td>{escape(m["major"])}</td><td class="status s-{escape(m["status"])}">'
                   f'{escape(labels.status(m["status"], lang))}</td>'
                   f'<td>{escape(labels.shown("partners", m["partners"], lang))}</td><td>{evidence}</td></tr>')
    return [*out, "</tbody></table></section>"]


def render_html(report: dict, sections: list[str], lang: str = "zh", scope: str = "",
                date: datetime.date | None = None) -> str:
    """One self-contained page (no external resources): the chart and the sections. All text is escaped."""
    scope = scope or labels.word("all", lang)
    date = (date or datetime.date.today()).isoformat()
    title = f"{labels.word('report', lang)} · {scope}"
    out = [f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
           f"<title>{escape(title)}</title>", f"<style>{STYLE}</style></head><body>",
           f"<h1>{escape(labels.both(labels.WORDS['report']))}</h1>",
           f'<p class="meta">{escape(labels.word("scope", lang))}：<strong class="scope">{escape(scope)}</strong>　'
           f'{escape(labels.word("generated", lang))}：<time>{date}</time></p>']
    for section in sections:
        out.append(f'<h2 id="{section}">{escape(labels.title(section, lang))}</h2>')
        if section == "coverage" and report["schools"]:
            out.append(chart(report))
            out.append('<ul class="legend-list">' + "".join(f"<li>{escape(line)}</li>"
                                                            for line in labels.status_legend(lang)) + "</ul>")
        if section == "majors":
            out += [line for school in report["schools"] for line in _school(report, school, lang)] or [
                f'<p class="empty">{escape(labels.empty(section))}</p>']
        else:
            out += _table(report, section, lang)
        if labels.note(section, lang) and labels.section_items(report, section):
            out.append(f'<p class="note">{escape(labels.note(section, lang))}</p>')
        if section == "coverage" and report["schools_without_majors"]:
            out.append(f'<p class="note without">{escape(labels.without_majors(report, lang))}</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"
