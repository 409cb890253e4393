"""The report for a terminal: tables that fit ``width`` columns (Chinese counts two), wrapping long cells over
several lines instead of cutting them, and the majors with no partner listed in full below, school by school."""

from __future__ import annotations

from zjgraph.output import char_width, display_width, terminal_safe
from zjgraph.report import labels

WIDTH = 100
GAP = 2  # spaces between columns
NARROWEST = 6  # a column is never squeezed below this (a number, a short word)


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns (the next lines start with ``indent``), broken at
    spaces where there are some, anywhere in Chinese."""
    if display_width(text) <= width:  # most cells of a national report: no need to take them apart
        return [text.rstrip()]
    lines, line, used = [], "", 0
    for word, w in _words(text, width - display_width(indent)):  # a cut piece fits on an indented line too
        if used + w > width and line.strip():
            lines.append(line.rstrip())
            line, used, word = indent, display_width(indent), word.lstrip()
            w = display_width(word)
        line += word
        used += w
    return [*lines, line.rstrip()] if line.strip() or not lines else lines


def _words(text: str, width: int):
    """(piece, its width): the pieces :func:`wrap` does not split: a run of ASCII non-space characters with the
    space before it, or one wide character (Chinese has no spaces to break at); a run longer than ``width`` is cut
    into pieces."""
    piece, used = "", 0
    for ch in text:
        joins = ch.isascii() and not ch.isspace() and (not piece or piece[-1].isascii() and not piece[-1].isspace()
                                                        or piece.isspace())
        if joins and used < width:
            piece += ch
            used += 1  # an ASCII character takes one column
            continue
        if piece:
            yield piece, used
        piece, used = ch, char_width(ch)
    if piece:
        yield piece, used


def _widths(heads: list[str], rows: list[list[str]], width: int) -> list[int]:
    """Column widths that add up to at most ``width``: the natural ones, the widest cut down first."""
    widths = [max(display_width(x) for x in [h, *(r[i] for r in rows)]) for i, h in enumerate(heads)]
    while sum(widths) + GAP * (len(widths) - 1) > width:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= NARROWEST:
            break
        widths[widest] -= 1
    return widths


def table(heads: list[str], rows: list[list[str]], width: int = WIDTH) -> str:
    """An aligned table of at most ``width`` columns; a cell too long for its column goes on over more lines."""
    heads = [terminal_safe(h) for h in heads]
    rows = [[terminal_safe(v, newlines=False) for v in row] for row in rows]
    widths = _widths(heads, rows, width)
    out = []
    for row in [heads, ["-" * w for w in widths], *rows]:
        cells = [wrap(v, w) for v, w in zip(row, widths)]
        for i in range(max(map(len, cells))):
            parts = [(c[i] if i < len(c) else "") for c in cells]
            out.append((" " * GAP).join(p + " " * (w - display_width(p)) for p, w in zip(parts, widths)).rstrip())
    return "\n".join(out)


# Below the coverage table, the uncovered majors in full; the quotes behind each major are too long for a
# terminal (the HTML and Excel reports hold them).
# Each period's coverage as its shares (the counts are in every other format).
TERMINAL_COLUMNS = {"coverage": labels.SECTIONS["coverage"][2][:-1], "majors": labels.SECTIONS["majors"][2][:-1],
                    "periods": ["period", "scope", "name", "majors_offered", "explicit_percent", "stated_percent",
                                "with_inferred_percent"]}


# Claims and targets are read one by one, as short paragraphs: eight columns of long Chinese text (a measure, a
# section heading, a current value with its origin) wrap into unreadable slivers at 100 columns. Each tuple is a
# line: the first names what is measured, the others give labelled values, blank ones left out.
CARDS = {
    "claims": (("subject", "measure"), ("reported", "graph", "schools_in_graph"), ("source", "section"), ("note",)),
    "targets": (("subject", "measure"), ("target_text", "target_year", "current_text"), ("source", "section"),
                ("note",)),
}


def cards(report: dict, section: str, lang: str, width: int = WIDTH) -> str:
    """Each row of a section as a short paragraph of labelled values (:data:`CARDS`), wrapped to ``width``."""
    out = []
    for item in labels.section_items(report, section):
        first, *rest = CARDS[section]
        out += wrap(" · ".join(labels.shown(c, item.get(c), lang) for c in first), width, "  ")
        shown = {c: labels.shown(c, item.get(c), lang) for line in rest for c in line}
        if item.get("unit") and shown.get("reported"):
            shown["reported"] += f" {item['unit']}"
        for line in rest:
            parts = [f"{labels.header(c, lang)}: {shown[c]}" for c in line if shown[c]]
            if parts:
                out += wrap("  " + "  ".join(parts), width, "    ")
    return "\n".join(terminal_safe(line, newlines=False) for line in out)


def render_text(report: dict, sections: list[str], lang: str = "zh", scope: str = "", width: int = WIDTH) -> str:
    """The report's sections for a terminal ``width`` columns wide, headers and notes in ``lang``: tables, and
    claims and targets as paragraphs (:func:`cards`)."""
    out = [*wrap(f"{labels.word('report', lang)} · {labels.word('scope', lang)}: {scope or labels.word('all', lang)}",
                 width, "  "), ""]
    for section in sections:
        out.append(f"== {labels.title(section, lang)}")
        if section in CARDS:
            out.append(cards(report, section, lang, width) if labels.section_items(report, section)
                       else labels.empty(section))
            if labels.section_items(report, section) and labels.note(section, lang):
                out += wrap(labels.note(section, lang), width)
            out.append("")
            continue
        heads, rows = labels.labelled_rows(report, section, lang, TERMINAL_COLUMNS.get(section))
        out.append(table(heads, rows, width) if rows else labels.empty(section))
        if section == "coverage" and rows:
            out += _coverage_notes(report, lang, width)
        elif rows and labels.note(section, lang):
            out += wrap(labels.note(section, lang), width)
        out.append("")
    return "\n".join(terminal_safe(line) for line in out).rstrip() + "\n"


def _coverage_notes(report: dict, lang: str, width: int) -> list[str]:
    """What the statuses mean, then every major with no partner, per school, and the schools not counted."""
    out = [*wrap(labels.note("coverage", lang), width)]
    out += [line for text in labels.status_legend(lang) for line in wrap(f"  {text}", width, "    ")]
    uncovered = [s for s in report["schools"] if s["uncovered"]]
    if uncovered:
        out += ["", f"{labels.word('uncovered', lang)}:"]
        for school in uncovered:
            out += wrap(f"  {school['name']}（{len(school['uncovered'])}）: {'、'.join(school['uncovered'])}", width,
                        "    ")
    if report["schools_without_majors"]:
        out += ["", *wrap(labels.without_majors(report, lang), width)]
    return out
