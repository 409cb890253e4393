"""Rendering results as aligned tables (Chinese counts two columns), JSON and CSV; writing them whole."""

from __future__ import annotations

import csv
import io
import re
import unicodedata

BOM = "\ufeff"


_WIDTHS: dict[str, int] = {}  # columns of each character met so far


def _char_width(ch: str) -> int:
    return 0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def char_widths(text: str) -> list[int]:
    """Terminal columns of each character of ``text`` (see :func:`display_width`)."""
    try:
        return list(map(_WIDTHS.__getitem__, text))
    except KeyError:
        _WIDTHS.update((ch, _char_width(ch)) for ch in set(text) - _WIDTHS.keys())
        return list(map(_WIDTHS.__getitem__, text))


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide and full-width characters (汉字, ，) take two."""
    if text.isascii():  # no ASCII character is wide or combining
        return len(text)
    try:
        return sum(map(_WIDTHS.__getitem__, text))
    except KeyError:
        char_widths(text)  # learns the new characters
        return sum(map(_WIDTHS.__getitem__, text))


def _fit(text: str, width: int) -> tuple[str, int]:
    """:func:`truncate`, with the display width of what it returns."""
    used = display_width(text)
    if used <= width:
        return text, used
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…", used + 1


def truncate(text: str, width: int) -> str:
    return _fit(text, width)[0]


# Control characters (C0 but newline, DEL, C1) and the bidirectional overrides: a terminal obeys them, so a name
# in a document could recolour, move the cursor, retitle the window or reorder what is shown around it.
_UNSAFE = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if c != 0x0A}
_UNSAFE.update({c: f"\\u{c:04x}" for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]})


_ANY_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in _UNSAFE) + "]")


def terminal_safe(text: str, newlines: bool = True) -> str:
    """``text`` with every character a terminal would act on written out as an escape (ESC as ``\\x1b``), so
    untrusted names and quotes print as text; with ``newlines=False`` a newline too (a table cell is one line)."""
    # Searched before translated: translating reads every character through a dict, searching does not, and a
    # national report has a million cells with nothing to escape.
    safe = text.translate(_UNSAFE) if _ANY_UNSAFE.search(text) else text
    return safe if newlines else safe.replace("\n", "\\n")


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
    cells = [[_fit(terminal_safe(cell(v), newlines=False), max_width) for v in row] for row in rows]  # (text, width)
    heads = [(c, display_width(c)) for c in map(terminal_safe, columns)]
    widths = [max([heads[i][1], *(r[i][1] for r in cells)]) for i in range(len(columns))]

    def line(values):
        return "  ".join(v + " " * (w - used) for (v, used), w in zip(values, widths)).rstrip()

    return "\n".join([line(heads), line([("-" * w, w) for w in widths]), *(line(r) for r in cells)])


# A spreadsheet runs a cell whose text starts with one of these as a formula (=HYPERLINK(...), @SUM(...)), so a
# name in a document could make Excel fetch a URL or compute. OWASP's remedy: a leading ' makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def spreadsheet_text(value) -> str:
    """The text of a spreadsheet cell: :func:`cell`, with a quote before text a spreadsheet would run as a formula
    (numbers, -3 included, stay numbers)."""
    text = cell(value)
    if text.startswith(FORMULA_STARTS) and not (isinstance(value, int | float) or _NUMBER.fullmatch(text)):
        return "'" + text
    return text


def render_csv(columns: list[str], rows: list[list]) -> str:
    """CSV for Excel: a UTF-8 byte-order mark, so it opens the Chinese text correctly, and no cell it would run as a
    formula (see :func:`spreadsheet_text`)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([spreadsheet_text(c) for c in columns])
    writer.writerows([[spreadsheet_text(v) for v in row] for row in rows])
    return BOM + buf.getvalue()


def render_json(obj) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, indent=2, default=list)


def write_atomic(path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8, or bytes) to ``path`` whole, or leave ``path`` as it was (see
    :mod:`zjgraph.files`)."""
    from zjgraph.files import replacing

    with replacing(path) as tmp:
        if isinstance(content, bytes):
            tmp.write_bytes(content)
        else:
            tmp.write_text(content, encoding="utf-8", newline="")
