"""Rendering results as aligned tables (Chinese counts two columns), JSON and CSV; writing them whole."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

BOM = "\ufeff"


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide and full-width characters (汉字, ，) take two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def truncate(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(cell(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render_table(columns: list[str], rows: list[list], max_width: int = 60) -> str:
    """Rows as a plain-text table whose columns line up in a terminal, Chinese included."""
    texts = [[truncate(cell(v), max_width) for v in row] for row in rows]
    widths = [max([display_width(c), *(display_width(r[i]) for r in texts)]) for i, c in enumerate(columns)]

    def line(values):
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(values, widths)).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *(line(r) for r in texts)])


def render_csv(columns: list[str], rows: list[list]) -> str:
    """CSV with a UTF-8 byte-order mark, so Excel opens the Chinese text correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([[cell(v) for v in row] for row in rows])
    return BOM + buf.getvalue()


def render_json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=list)


def write_atomic(path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` whole, or leave ``path`` as it was (see :mod:`zjgraph.files`)."""
    from zjgraph.files import replacing

    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")
