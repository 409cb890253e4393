"""The terminal report's line breaking (zjgraph.report.text.wrap) follows its rule on any text: checked against
the rule written out a character at a time (below), on random mixes of Chinese, ASCII words, spaces, wide
spaces, combining marks and runs of ASCII longer than a line."""

import random

import pytest

from zjgraph.output import display_width
from zjgraph.report.text import GAP, table, wrap


def pieces(text, room):
    """The pieces a line is not broken inside, a character at a time: a run of ASCII non-space characters with
    the whitespace character before it (cut when wider than ``room``), or any other character alone."""
    piece, used = "", 0
    for ch in text:
        joins = ch.isascii() and not ch.isspace() and (not piece or piece[-1].isascii() and not piece[-1].isspace()
                                                        or piece.isspace())
        if joins and used < room:
            piece += ch
            used += 1
            continue
        if piece:
            yield piece, used
        piece, used = ch, display_width(ch)
    if piece:
        yield piece, used


def by_the_rule(text, width, indent=""):
    """Lines filled greedily with pieces; a piece that does not fit starts the next line, which begins with
    ``indent`` and drops the piece's whitespace; a blank line takes the next piece whatever its width."""
    if display_width(text) <= width:
        return [text.rstrip()]
    lines, line, used = [], "", 0
    for word, w in pieces(text, width - display_width(indent)):
        if used + w > width and line.strip():
            lines.append(line.rstrip())
            line, used, word = indent, display_width(indent), word.lstrip()
            w = display_width(word)
        line += word
        used += w
    return [*lines, line.rstrip()] if line.strip() or not lines else lines


ALPHABET = ["重庆", "永川区", "职业学院", "、", "（", "）", "：", "a", "ab", "Auto", "2025", "x" * 40, " ", "  ",
            "\u3000", "e\u0301", "\u0301", "-", "/", "有限公司", "Ω", "doc:synthetic-30"]


@pytest.mark.parametrize("seed", range(40))
def test_wrap_breaks_lines_by_its_rule(seed):
    rnd = random.Random(seed)
    for _ in range(50):
        text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 60)))
        width = rnd.randint(0, 40)
        indent = rnd.choice(["", " ", "    "])
        assert wrap(text, width, indent) == by_the_rule(text, width, indent), (text, width, indent)


def test_a_long_cell_keeps_every_character_and_fits_its_width():
    text = "“新疆第1职业学校与新疆轨道6012有限公司开展校企合作。”（doc:synthetic-30）；" * 30
    lines = wrap(text, 17, indent="  ")
    assert all(display_width(line) <= 17 for line in lines)
    assert "".join(line.lstrip() for line in lines) == text


def test_a_table_lines_up_wrapped_and_unwrapped_rows():
    partners = "重庆长安汽车股份有限公司、重庆海尔智能制造有限公司、Haier Smart Home Co"
    lines = table(["区", "合作企业"], [["永川区", partners], ["璧山区", "—"]], width=30).splitlines()
    assert all(display_width(line) <= 30 for line in lines)
    second = display_width("永川区") + GAP  # the first column is as wide as its widest cell
    column = []
    for line in lines:
        cut = next(i for i in range(len(line) + 1) if display_width(line[:i]) >= second)
        assert display_width(line[:cut]) == second and line[cut:cut + 1].strip(), line  # starts at one column
        column.append(line[cut:])
    assert len(column) > 4 and column[-1] == "—"  # the partners went on over several lines, then the next row
    assert "".join(column[2:-1]).replace(" ", "") == partners.replace(" ", "")
