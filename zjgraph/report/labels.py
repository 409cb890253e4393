"""What the report's sections hold and what they are called: columns, titles, notes and statuses, in Chinese
(``zh``, the default) and English (``en``)."""

from __future__ import annotations

from zjgraph.output import cell

LANGS = ("zh", "en")

# status key (as in the report data) -> (中文, English)
STATUSES = {
    "explicit": ("明确合作", "explicit"),
    "unnamed": ("未具名合作", "unnamed"),
    "inferred": ("仅行业推断", "inferred only"),
    "none": ("无合作", "none"),
}
# the coverage rows count inferred majors under this key
STATUS_COUNTS = {"explicit": "explicit", "unnamed": "unnamed", "inferred": "inferred_only", "none": "none"}
STATUS_MEANING = {
    "explicit": ("有具名企业的合作、订单班、实训基地或产业学院与该专业挂钩",
                 "a partnership, order class, training base or industry college with a named enterprise is tied "
                 "to the major"),
    "unnamed": ("文件称有合作企业但未具名", "a document states partners for it without naming them"),
    "inferred": ("仅有同行业的合作企业（规则 industry-match）",
                 "only a partner in a matching industry (rule industry-match)"),
    "none": ("以上皆无", "none of these"),
}
SCOPES = {"school": ("校", "school"), "district": ("区", "district"), "overall": ("全部", "overall")}

COLUMNS = {  # key -> (中文, English); the keys are the CSV and JSON names
    "scope": ("范围", "Scope"), "name": ("名称", "Name"), "schools": ("校数", "Schools"),
    "majors_offered": ("专业数", "Majors"), "explicit": ("明确", "Explicit"), "unnamed": ("未具名", "Unnamed"),
    "inferred_only": ("仅推断", "Inferred"), "none": ("无", "None"), "explicit_percent": ("明确%", "Expl%"),
    "stated_percent": ("陈述%", "Stated%"), "with_inferred_percent": ("含推断%", "+Infer%"),
    "uncovered": ("无合作的专业", "Majors with none"),
    "school": ("学校", "School"), "major": ("专业", "Major"), "status": ("状态", "Status"), "rule": ("规则", "Rule"),
    "partners": ("合作企业", "Partners"), "evidence": ("依据（来源文件）", "Evidence (source document)"),
    "subject": ("主体", "Subject"), "metric": ("指标", "Metric"), "measure": ("度量", "Measure"),
    "reported": ("文件所报", "Reported"), "unit": ("单位", "Unit"), "graph": ("图谱所证", "Graph"),
    "schools_in_graph": ("图谱校数", "Schools in graph"), "source": ("来源", "Source"),
    "target_text": ("目标", "Target"), "target_year": ("目标年", "Year"), "current_text": ("现值", "Current"),
    "section": ("出处", "Section"), "note": ("备注", "Note"), "period": ("期间", "Period"),
}

SECTIONS = {  # key -> (中文 title, English title, columns)
    "coverage": ("校企合作覆盖", "Majors with an enterprise partner",
                 ["scope", "name", "schools", "majors_offered", "explicit", "unnamed", "inferred_only", "none",
                  "explicit_percent", "stated_percent", "with_inferred_percent", "uncovered"]),
    "majors": ("专业明细", "Each major", ["school", "major", "status", "rule", "partners", "evidence"]),
    "claims": ("文件所报与图谱所证", "What the documents claim, against what the graph evidences",
               ["subject", "metric", "measure", "reported", "unit", "graph", "schools_in_graph", "source", "section",
                "note"]),
    "targets": ("政策目标", "Policy targets",
                ["subject", "measure", "target_text", "target_year", "current_text", "source", "section", "note"]),
}
# Shown when asked for (``coverage --by-period``), never by default: each period's coverage.
BY_PERIOD = {"periods": ("各期覆盖", "Coverage by period",
                         ["period", "scope", "name", "schools", "majors_offered", "explicit", "unnamed",
                          "inferred_only", "none", "explicit_percent", "stated_percent", "with_inferred_percent"])}
SHEETS = {"coverage": "覆盖", "majors": "专业明细", "claims": "文件所报", "targets": "政策目标", "periods": "各期覆盖"}

NOTES = {
    "coverage": ("陈述% = (明确 + 未具名) / 专业数；含推断% 再加仅推断。",
                 "stated% = (explicit + unnamed) / majors offered; +inferred% adds inferred only."),
    "claims": ("文件所报：文件给出的数字；图谱所证：图谱中的事实对同一度量、同一范围所能证明的数（空：图谱无法计数）。",
               "reported: the number a document gives; graph: what the facts in zjgraph evidence for the same "
               "measure and scope (blank where the graph cannot count it)."),
    "periods": ("期间：文件所报的期间；每期为截至该期最后一天的图谱（见 README，Time）。",
                "period: a period the documents report on; each is the graph as of its last day (README, Time)."),
    "targets": ("现值：同一主体同一度量的文件所报数，或图谱的计数；无则说明。",
                "current: a reported indicator for the same measure and subject, or the graph's count; words "
                "where none exists."),
}
EMPTY = {
    "coverage": ("所选范围内没有开设具名专业的学校。", "No school in this scope offers a named major."),
    "majors": ("所选范围内没有专业。", "No major in this scope."),
    "claims": ("所选范围内没有文件所报的指标。", "No document reports an indicator for this scope."),
    "targets": ("所选范围内没有政策目标。", "No policy target concerns this scope."),
    "periods": ("文件未说明所报期间，或所选范围内没有开设具名专业的学校。",
                "No document states the period it reports on, or no school in this scope offers a named major."),
}
WORDS = {
    "report": ("校企合作覆盖报告", "Coverage report: majors with an enterprise partner"),
    "scope": ("范围", "Scope"), "all": ("全部", "all"), "generated": ("生成日期", "Generated"),
    "uncovered": ("无合作的专业", "Majors with no partner"),
    "without_majors": ("所选范围内以下 {n} 所学校在文件中未列出具名专业，未计入：",
                       "{n} school(s) in scope have no major named in the documents and are not counted: "),
    "statuses": ("四种状态", "The four statuses"),
}


def word(key: str, lang: str) -> str:
    return WORDS[key][LANGS.index(lang)]


def both(pair: tuple[str, str]) -> str:
    """Chinese and English together, for readers of either."""
    return f"{pair[0]} {pair[1]}"


def spec(section: str) -> tuple[str, str, list[str]]:
    """(中文 title, English title, columns) of a section, shown by default (:data:`SECTIONS`) or not."""
    return SECTIONS.get(section) or BY_PERIOD[section]


def title(section: str, lang: str) -> str:
    return spec(section)[LANGS.index(lang)]


def header(column: str, lang: str) -> str:
    return COLUMNS[column][LANGS.index(lang)]


def note(section: str, lang: str) -> str | None:
    return NOTES[section][LANGS.index(lang)] if section in NOTES else None


def empty(section: str) -> str:
    """What a section with no rows says instead of an empty table, in both languages."""
    return both(EMPTY[section])


def status(key: str, lang: str) -> str:
    return STATUSES[key][LANGS.index(lang)]


def section_items(report: dict, section: str) -> list[dict]:
    """The rows of one section of the report, as dicts."""
    if section == "coverage":
        return [*report["schools"], *report["districts"], report["overall"]] if report["schools"] else []
    return report[section]


def section_rows(report: dict, section: str) -> tuple[list[str], list[list]]:
    """The column keys and raw values of one section (what CSV holds; a key a row lacks is blank), evidence as
    its quotes and their sources."""
    columns = spec(section)[2]
    return columns, [[shown(c, item.get(c), "zh") if c == "evidence" else item.get(c) for c in columns]
                     for item in section_items(report, section)]


def shown(column: str, value, lang: str) -> str:
    """A value as a reader sees it: statuses and scopes named in ``lang``, evidence as quotes with their source."""
    if column == "status" and value in STATUSES:
        return status(value, lang)
    if column == "scope" and value in SCOPES:
        return SCOPES[value][LANGS.index(lang)]
    if column == "evidence":
        return "；".join(f"“{e['quote']}”（{e['source']}）" for e in value or [])
    return cell(value)


def labelled_rows(report: dict, section: str, lang: str, columns: list[str] | None = None) -> tuple[list, list]:
    """Headers in ``lang`` and values as :func:`shown`, of ``columns`` (default all) of one section."""
    columns = columns or spec(section)[2]
    items = section_items(report, section)
    return [header(c, lang) for c in columns], [[shown(c, item.get(c), lang) for c in columns] for item in items]


def status_legend(lang: str) -> list[str]:
    """One line per status: its name in both languages and what it means in ``lang``."""
    return [f"{both(STATUSES[k])}: {STATUS_MEANING[k][LANGS.index(lang)]}" for k in STATUSES]


def without_majors(report: dict, lang: str) -> str:
    """The sentence naming the schools in scope that no document names a major of ("" when there are none)."""
    names = report["schools_without_majors"]
    return word("without_majors", lang).format(n=len(names)) + "、".join(names) if names else ""
