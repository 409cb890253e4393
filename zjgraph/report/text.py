"""The report for a terminal: tables that fit ``width`` columns (Chinese counts two), wrapping long cells over
several lines instead of cutting them, and the majors with no partner listed in full below, school by school."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from zjgraph.output import char_widths, display_width, terminal_safe
from zjgraph.report import labels

WIDTH = 100
GAP = 2  # spaces between columns
NARROWEST = 6  # a column is never squeezed below this (a number, a short word)


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns (the next lines start with ``indent``, of spaces),
    broken at spaces where there are some, anywhere in Chinese.

    A line breaks only between pieces: a run of ASCII non-space characters with the whitespace character before
    it (cut into parts of a line's width when longer), or any other character alone. Lines are filled greedily;
    the piece that does not fit starts the next line without its whitespace, and a line that is still blank
    takes the next piece however wide. A report has hundreds of thousands of lines: each is found by bisecting
    the columns taken up to each character, not by visiting the characters."""
    if display_width(text) <= width:  # most cells of a national report: no need to take them apart
        return [text.rstrip()]
    n, room = len(text), width - display_width(indent)  # a cut part fits on an indented line too
    upto = list(accumulate(char_widths(text), initial=0))  # columns up to each character
    breaks = _breaks(text, upto, room)
    lines, head, start = [], "", 0  # the line being made: head, then text[start:]
    while start < n:
        end, blank = start, not head.strip()  # the pieces a blank line takes whatever their width
        while True:
            piece, end = end, end + 1
            while not breaks[end]:
                end += 1
            if end == n or not (blank and text[piece:end].isspace()):
                break
        last = bisect_right(upto, upto[start] + width - display_width(head)) - 1  # as far as the line has room
        while last > end and not breaks[last]:
            last -= 1
        end = max(end, last)
        if end >= n:
            line = head + text[start:]
            return [*lines, line.rstrip()] if line.strip() or not lines else lines
        lines.append((head + text[start:end]).rstrip())
        head, start = indent, end + (text[end].isspace())  # the next piece without its whitespace
    return lines or [""]  # the last piece was a space, or there was none


def _breaks(text: str, upto: list[int], room: int) -> list[bool]:
    """Whether a line of :func:`wrap` may break before each character of ``text`` (and at its end): not inside a
    piece, but between the parts of a run cut to ``room`` columns (``upto``: columns up to each character)."""
    breaks = [True] * (len(text) + 1)
    for m in _RUN.finditer(text):
        start, stop = m.span()
        breaks[start + 1:stop] = [False] * (stop - start - 1)
        if upto[stop] - upto[start] > room:
            first = 1 + max(0, room - (upto[start + 1] - upto[start]))  # the first character may be a wide space
            for cut in range(start + first, stop, max(1, room)):
                breaks[cut] = True
    return breaks


_RUN = re.compile(r"\s?[^\s\x80-\U0010ffff]+")  # a piece of more than one character, but for cut ones


def _widths(sizes: list[list[int]], width: int) -> list[int]:
    """Column widths that add up to at most ``width``: the natural ones (``sizes``: the width of each cell, row by
    row), the widest cut down first."""
    widths = [max(column) for column in zip(*sizes)]
    while sum(widths) + GAP * (len(widths) - 1) > width:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= NARROWEST:
            break
        widths[widest] -= 1
    return widths


def table(heads: list[str], rows: list[list[str]], width: int = WIDTH) -> str:
    """An aligned table of at most ``width`` columns; a cell too long for its column goes on over more lines."""
    rows = [[terminal_safe(h) for h in heads], *([terminal_safe(v, newlines=False) for v in row] for row in rows)]
    sizes = [[display_width(v) for v in row] for row in rows]  # once each: a national report has a million cells
    widths = _widths(sizes, width)
    rows.insert(1, ["-" * w for w in widths])
    sizes.insert(1, widths)
    out, gap = [], " " * GAP
    for row, size in zip(rows, sizes):
        cells = [[(v, s)] if s <= w and not v[-1:].isspace() else [(p, display_width(p)) for p in wrap(v, w)]
                 for v, s, w in zip(row, size, widths)]  # (line, its width) of each cell
        for i in range(max(map(len, cells))):
            parts = [(c[i] if i < len(c) else ("", 0)) for c in cells]
            out.append(gap.join(p + " " * (w - s) for (p, s), w in zip(parts, widths)).rstrip())
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
