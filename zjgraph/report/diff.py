"""The diff report (:func:`zjgraph.diff.diff`) for a terminal, Markdown, HTML and CSV, Chinese first: the
coverage report's tables, cell escaping and page style (:mod:`zjgraph.report.text`, ``markdown``, ``html``)."""

from __future__ import annotations

import datetime
from html import escape

from zjgraph.output import cell, terminal_safe
from zjgraph.report import labels
from zjgraph.report.html import STYLE
from zjgraph.report.markdown import _md
from zjgraph.report.text import WIDTH, table, wrap

CHANGES = {"added": ("新增", "added"), "removed": ("删除", "removed"), "changed": ("变更", "changed"),
           "ended": ("已结束", "ended"),
           "": ("", "")}
COLUMNS = {  # key -> (中文, English); keys the report's data does not use but shows are marked in SHOWN
    "change": ("变化", "Change"), "id": ("标识", "Id"), "type": ("类型", "Type"), "fields": ("变化字段", "Fields"),
    "relation": ("关系/属性", "Relation/attribute"), "object": ("客体", "Object"), "before": ("之前", "Before"),
    "after": ("之后", "After"), "quote": ("引文", "Quote"), "target_id": ("目标标识", "Target id"),
    "current_before": ("之前现值", "Current before"), "current_after": ("之后现值", "Current after"),
    "deadline": ("期限", "Deadline"), "latest": ("最新值", "Latest"), "latest_date": ("最新值日期", "Latest date"),
    "gap": ("差距", "Gap"), "trend": ("趋势", "Trend"),
}
#: A target's trend (zjgraph.diff.progress) as a reader sees it.
TRENDS = {"reaches": ("达到", "reaches"), "falls short": ("达不到", "falls short"),
          "unknown (fewer than two dated values)": ("未知（有日期的值少于两个）",
                                                    "unknown (fewer than two dated values)")}
SECTIONS = {  # key -> (中文 title, English title, columns shown, CSV columns)
    "entities": ("实体变化", "Entities", ["change", "type", "name", "id", "before", "after"],
                 ["change", "id", "type", "name", "fields", "before", "after"]),
    "facts": ("事实变化", "Facts", ["change", "subject", "relation", "object", "source", "before", "after", "quote"],
              ["change", "subject_id", "subject", "relation", "object_id", "object", "source", "fields", "before",
               "after", "quote"]),
    "coverage": ("覆盖变化（之前 → 之后）", "Coverage (before → after)",
                 ["scope", "name", "majors_offered", "explicit_percent", "stated_percent", "with_inferred_percent"],
                 ["scope", "id", "name", *(f"{c}_{s}" for c in ("majors_offered", "explicit", "unnamed",
                                                               "inferred_only", "none", "explicit_percent",
                                                               "stated_percent", "with_inferred_percent")
                                           for s in ("before", "after", "change"))]),
    "targets": ("政策目标进展", "Policy targets", ["subject", "measure", "target_text", "deadline",
                                                 "current_before", "current_after", "change", "latest",
                                                 "latest_date", "gap", "trend"],
                ["target_id", "subject", "measure", "target_text", "target_year", "current_before", "current_after",
                 "current_text_before", "current_text_after", "change", "deadline", "latest", "latest_date", "gap",
                 "trend"]),
}
EMPTY = {"entities": ("没有实体变化。", "No entity changed."), "facts": ("没有事实变化。", "No fact changed."),
         "coverage": ("两边都没有开设具名专业的学校。", "No school offers a named major on either side."),
         "targets": ("两边都没有政策目标。", "No policy target on either side.")}
WORDS = {"report": ("变化报告", "What changed"), "from": ("之前", "before"), "to": ("之后", "after"),
         "summary": ("实体：新增 {entities_added}，删除 {entities_removed}，变更 {entities_changed}；"
                     "事实：新增 {facts_added}，删除 {facts_removed}，变更 {facts_changed}，已结束 {facts_ended}",
                     "entities: {entities_added} added, {entities_removed} removed, {entities_changed} changed; "
                     "facts: {facts_added} added, {facts_removed} removed, {facts_changed} changed, "
                     "{facts_ended} ended"),
         "generated": ("生成日期", "Generated")}
#: Columns too long for a terminal (the quotes: Markdown, HTML, CSV and JSON hold them).
NOT_IN_TERMINAL = {"quote"}
#: Coverage columns a reader sees as ``before → after (±change)``.
PAIRED = {"majors_offered", "explicit_percent", "stated_percent", "with_inferred_percent"}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[labels.LANGS.index(lang)]


def header(column: str, lang: str) -> str:
    return _pick(COLUMNS.get(column) or labels.COLUMNS[column], lang)


def title(section: str, lang: str) -> str:
    return _pick(SECTIONS[section][:2], lang)


def summary(report: dict, lang: str) -> str:
    """The counts of entities and facts added, removed and changed, as one sentence."""
    return _pick(WORDS["summary"], lang).format(**report["summary"])


def heading(sides: tuple[str, str], lang: str) -> str:
    """What was compared: ``之前: OLD · 之后: NEW``."""
    return f"{_pick(WORDS['from'], lang)}: {sides[0]} · {_pick(WORDS['to'], lang)}: {sides[1]}"


def shown(column: str, item: dict, lang: str) -> str:
    """A cell as a reader sees it: changes and scopes named in ``lang``, a coverage count as before → after with
    its change."""
    if column in PAIRED:
        before, after, change = (item.get(f"{column}_{s}") for s in ("before", "after", "change"))
        if before == after:
            return cell(after)
        text = f"{cell(before) or '–'} → {cell(after) or '–'}"
        return f"{text} ({change:+g})" if change else text
    if column == "trend":
        return _pick(TRENDS.get(item["trend"], (item["trend"],) * 2), lang)
    if column in ("deadline", "latest", "latest_date", "gap"):
        return cell(item.get(column))
    if column == "change":
        return _pick(CHANGES.get(item["change"], (item["change"],) * 2), lang)
    return labels.shown(column, item.get(column), lang)


def rows(report: dict, section: str, lang: str, terminal: bool = False) -> tuple[list[str], list[list[str]]]:
    """Headers in ``lang`` and the shown cells of one section (for a terminal, without :data:`NOT_IN_TERMINAL`)."""
    columns = [c for c in SECTIONS[section][2] if not (terminal and c in NOT_IN_TERMINAL)]
    return [header(c, lang) for c in columns], [[shown(c, item, lang) for c in columns] for item in report[section]]


def csv_rows(report: dict, section: str) -> tuple[list[str], list[list]]:
    """The column keys and raw values of one section, for CSV."""
    columns = SECTIONS[section][3]
    return columns, [[item.get(c) for c in columns] for item in report[section]]


def render_text(report: dict, sections: list[str], lang: str = "zh", sides: tuple[str, str] = ("", ""),
                width: int = WIDTH) -> str:
    """The report for a terminal ``width`` columns wide."""
    # The heading names both sides' paths, which can be longer than the terminal is wide.
    out = [*wrap(f"{_pick(WORDS['report'], lang)} · {heading(sides, lang)}", width, "  "),
           *wrap(summary(report, lang), width), ""]
    for section in sections:
        heads, body = rows(report, section, lang, terminal=True)
        out += [f"== {title(section, lang)}", table(heads, body, width) if body else labels.both(EMPTY[section]), ""]
    return "\n".join(terminal_safe(line) for line in out).rstrip() + "\n"


def render_markdown(report: dict, sections: list[str], lang: str = "zh", sides: tuple[str, str] = ("", "")) -> str:
    """The report as Markdown: one table per section, cells escaped like the coverage report's."""
    out = [f"# {_pick(WORDS['report'], lang)}", "", _md(heading(sides, lang)), "", summary(report, lang), ""]
    for section in sections:
        heads, body = rows(report, section, lang)
        out += [f"## {title(section, lang)}", ""]
        if not body:
            out += [labels.both(EMPTY[section]), ""]
            continue
        out += ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        out += ["| " + " | ".join(_md(v) for v in row) + " |" for row in body]
        out.append("")
    return "\n".join(out)


def render_html(report: dict, sections: list[str], lang: str = "zh", sides: tuple[str, str] = ("", ""),
                date: datetime.date | None = None) -> str:
    """One self-contained page in the coverage report's style; all text is escaped."""
    date = (date or datetime.date.today()).isoformat()
    out = [f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
           f"<title>{escape(_pick(WORDS['report'], lang))} · {escape(heading(sides, lang))}</title>",
           f"<style>{STYLE}</style></head><body>", f"<h1>{escape(labels.both(WORDS['report']))}</h1>",
           f'<p class="meta">{escape(heading(sides, lang))}　{escape(_pick(WORDS["generated"], lang))}：'
           f"<time>{date}</time></p>", f'<p class="summary">{escape(summary(report, lang))}</p>']
    for section in sections:
        heads, body = rows(report, section, lang)
        out.append(f'<h2 id="{section}">{escape(title(section, lang))}</h2>')
        if not body:
            out.append(f'<p class="empty">{escape(labels.both(EMPTY[section]))}</p>')
            continue
        out.append("<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in heads) + "</tr></thead><tbody>")
        out += ["<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in body]
        out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
