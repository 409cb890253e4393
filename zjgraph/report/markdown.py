"""The report as Markdown: one table per section, headers and notes in the chosen language."""

from __future__ import annotations

from html import escape

from zjgraph.report import labels


def _md(text: str) -> str:
    """A table cell's text: a Markdown viewer shows HTML in it as HTML, so it is escaped like the HTML page."""
    return escape(text.replace("\\", "\\\\"), quote=False).replace("|", "\\|").replace("\n", " ")


def render_markdown(report: dict, sections: list[str], lang: str = "zh", scope: str = "") -> str:
    out = [f"# {_md(labels.word('report', lang))}", "",
           f"{labels.word('scope', lang)}: {_md(scope or labels.word('all', lang))}", ""]
    for section in sections:
        heads, rows = labels.labelled_rows(report, section, lang)
        out += [f"## {labels.title(section, lang)}", ""]
        if not rows:
            out += [labels.empty(section), ""]
            continue
        out += ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]  # headers are ours, not a document's
        out += ["| " + " | ".join(_md(v) for v in row) + " |" for row in rows]
        if labels.note(section, lang):
            out += ["", labels.note(section, lang)]
        if section == "coverage":
            out += ["", *(f"- {_md(line)}" for line in labels.status_legend(lang))]
            if report["schools_without_majors"]:
                out += ["", _md(labels.without_majors(report, lang))]
        out.append("")
    return "\n".join(out)
