"""Rendering the coverage report (:func:`zjgraph.coverage.coverage`) as tables, Markdown and one HTML page."""

from __future__ import annotations

from html import escape

from zjgraph.output import cell, render_table

COVERAGE_COLUMNS = ["scope", "name", "schools", "majors_offered", "explicit", "unnamed", "inferred_only", "none",
                    "explicit_percent", "stated_percent", "with_inferred_percent", "uncovered"]
CLAIM_COLUMNS = ["subject", "metric", "measure", "reported", "unit", "graph", "schools_in_graph", "source"]
TARGET_COLUMNS = ["subject", "measure", "target_text", "target_year", "current_text", "source", "section", "note"]
SECTIONS = {
    "coverage": ("校企合作覆盖 Majors with an enterprise partner", COVERAGE_COLUMNS),
    "majors": ("专业明细 Each major", ["school", "major", "status", "rule", "partners"]),
    "claims": ("文件所报 vs 图谱所证 What the documents claim, against what the graph evidences", CLAIM_COLUMNS),
    "targets": ("政策目标 Policy targets", TARGET_COLUMNS),
}
NOTES = {
    "coverage": "explicit: a partnership, order class, training base or industry college with a named enterprise "
                "is tied to the major; unnamed: a document states partners for it without naming them; "
                "inferred_only: only a partner in a matching industry (rule industry-match); none: none of these. "
                "stated_percent = (explicit + unnamed) / majors offered.",
    "claims": "reported: the number a document gives; graph: what the facts in zjgraph evidence for the same "
              "measure and scope (blank where the graph cannot count it).",
    "targets": "current: a reported indicator for the same measure and subject, or the graph's count; blank where "
               "no document reports one.",
}


def section_rows(report: dict, section: str) -> tuple[list[str], list[list]]:
    """The columns and rows of one section of the report."""
    columns = SECTIONS[section][1]
    if section == "coverage":
        items = [*report["schools"], *report["districts"], report["overall"]]
    else:
        items = report[section]
    return columns, [[item.get(c) for c in columns] for item in items]


def render_text(report: dict, sections: list[str]) -> str:
    """Aligned plain-text tables, one per section, for a terminal."""
    out = []
    for section in sections:
        title, _ = SECTIONS[section]
        columns, rows = section_rows(report, section)
        out += [f"== {title}", render_table(columns, rows, max_width=48)]
        if section in NOTES:
            out.append(NOTES[section])
        if section == "coverage" and report["schools_without_majors"]:
            out.append(f"{len(report['schools_without_majors'])} school(s) in scope have no major named in the "
                       f"documents and are not counted: {'、'.join(report['schools_without_majors'])}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md(value) -> str:
    return cell(value).replace("|", "\\|").replace("\n", " ")


def render_markdown(report: dict, sections: list[str]) -> str:
    out = ["# zjgraph coverage report", ""]
    for section in sections:
        title, _ = SECTIONS[section]
        columns, rows = section_rows(report, section)
        out += [f"## {title}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        out += ["| " + " | ".join(_md(v) for v in row) + " |" for row in rows]
        if section in NOTES:
            out += ["", NOTES[section]]
        out.append("")
    return "\n".join(out)


def _chart(report: dict) -> str:
    """A stacked bar per school and district (explicit, inferred only, none), as inline SVG."""
    items = [*report["schools"], *report["districts"]]
    bar_h, gap, label_w, width = 18, 8, 260, 420
    colors = {"explicit": "#2e7d32", "unnamed": "#81c784", "inferred_only": "#f9a825", "none": "#c62828"}
    height = len(items) * (bar_h + gap) + 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + width + 80}" height="{height}" '
             f'role="img" aria-label="coverage chart">']
    for i, item in enumerate(items):
        y = i * (bar_h + gap) + 10
        total = item["majors_offered"] or 1
        label = f"{item['name']}（{'区' if item['scope'] == 'district' else '校'}）"
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>')
        x = label_w
        for key, color in colors.items():
            w = width * item[key] / total
            if w:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}">'
                             f'<title>{escape(key)}: {item[key]}</title></rect>')
            x += w
        parts.append(f'<text x="{label_w + width + 6}" y="{y + 13}">{escape(cell(item["stated_percent"]))}%</text>')
    y = len(items) * (bar_h + gap) + 24
    for j, (key, color) in enumerate(colors.items()):
        parts.append(f'<rect x="{label_w + j * 130}" y="{y}" width="12" height="12" fill="{color}"/>'
                     f'<text x="{label_w + j * 130 + 16}" y="{y + 11}">{escape(key)}</text>')
    return "".join(parts) + "</svg>"


STYLE = """body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei","Source Han Sans SC",sans-serif;
margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;
text-align:left;vertical-align:top}th{background:#f3f3f3}svg text{font-size:13px}.note{color:#555}"""


def render_html(report: dict, sections: list[str]) -> str:
    """One self-contained page (no external resources): a chart and the tables. All text is escaped."""
    out = ['<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">',
           "<title>zjgraph coverage report</title>", f"<style>{STYLE}</style></head><body>",
           "<h1>zjgraph coverage report 校企合作覆盖报告</h1>"]
    if "coverage" in sections and report["schools"]:
        out.append(_chart(report))
    for section in sections:
        title, _ = SECTIONS[section]
        columns, rows = section_rows(report, section)
        out.append(f"<h2>{escape(title)}</h2><table><tr>" + "".join(f"<th>{escape(c)}</th>" for c in columns) + "</tr>")
        out += ["<tr>" + "".join(f"<td>{escape(cell(v))}</td>" for v in row) + "</tr>" for row in rows]
        out.append("</table>")
        if section in NOTES:
            out.append(f'<p class="note">{escape(NOTES[section])}</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"
