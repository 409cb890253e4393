"""The report as an Excel workbook: a sheet per section (named in Chinese), headers in the chosen language on a
frozen first row with an autofilter, columns as wide as their text (Chinese counts double). No cell is a formula:
text is written as text, and text Excel would run on editing or export starts with a quote."""

from __future__ import annotations

import io

from zjgraph.output import display_width, spreadsheet_text
from zjgraph.report import labels

MAX_WIDTH = 60  # characters; longer text wraps in its cell
LINE_HEIGHT = 15  # points, a line of 11-point text


def _value(column: str, raw, lang: str):
    """Numbers as numbers; everything else as the text a reader sees, neutralised (see spreadsheet_text); blank
    as an empty cell."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return raw
    return spreadsheet_text(labels.shown(column, raw, lang)) or None


def render_xlsx(report: dict, sections: list[str], lang: str = "zh", scope: str = "") -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for section in sections:
        sheet = book.create_sheet(labels.SHEETS[section])
        columns = labels.spec(section)[2]
        sheet.append([labels.header(c, lang) for c in columns])
        for c in sheet[1]:
            c.font = Font(bold=True)
        items = labels.section_items(report, section)
        for item in items:
            sheet.append([_value(c, item.get(c), lang) for c in columns])
        for row in sheet.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, str):
                    c.data_type = "s"  # a string, never a formula, whatever it starts with
                    c.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        # Printed from Excel as a bureau does: landscape A4, as wide as the page, the header row on every page.
        sheet.page_setup.orientation, sheet.page_setup.paperSize = "landscape", sheet.PAPERSIZE_A4
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.print_title_rows, sheet.print_options.gridLines = "1:1", True
        if items:
            sheet.auto_filter.ref = sheet.dimensions
        widths = {}
        for i, column in enumerate(sheet.iter_cols(), start=1):
            widths[i] = min(max(display_width(str(c.value or "")) for c in column), MAX_WIDTH)
            sheet.column_dimensions[get_column_letter(i)].width = widths[i] + 2
        for row in sheet.iter_rows(min_row=2):  # Excel and LibreOffice keep one line's height unless told
            lines = max(-(-display_width(str(c.value or "")) // widths[c.column]) if widths[c.column] else 1
                        for c in row)
            if lines > 1:
                sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * lines
        below = sheet.max_row + 2
        words = [labels.empty(section)] if not items else [labels.note(section, lang) or ""]
        if section == "coverage" and items:
            words += labels.status_legend(lang)
        for offset, text in enumerate(w for w in words if w):
            sheet.cell(row=below + offset, column=1, value=spreadsheet_text(text)).data_type = "s"
    info = book.create_sheet("说明")
    info.append([labels.word("report", lang)])
    info.append([labels.word("scope", lang), spreadsheet_text(scope or labels.word("all", lang))])
    if report["schools_without_majors"]:
        info.append([spreadsheet_text(labels.without_majors(report, lang))])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
