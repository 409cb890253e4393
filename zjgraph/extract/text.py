"""A normalised view of a document's text that remembers where each character came from.

The patterns run on the view; quotes and offsets are taken from the original text. The view drops all
whitespace (newspaper columns break lines inside names), folds full-width letters, digits and punctuation to
their half-width forms (``，`` → ``,``, ``（`` → ``(``; Chinese ``。、“”`` stay), the radical forms of PDF text
layers to their characters (NFKC for ⼼ → 心, :data:`~zjgraph.extract.hanzi.RADICAL_FORMS` for ⻓ → 长) and
traditional characters to simplified ones, one character for one, so every character of the view has one
position in the original.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from zjgraph.extract.hanzi import RADICAL_FORMS, TRADITIONAL_TO_SIMPLIFIED

SENTENCE_END = "。!?;"
_SENTENCE = re.compile(r"[^。!?;]+[。!?;]*")
_NUMBERED = re.compile(r"(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|"
                       r"\d{1,2}(?:\.\d{1,2})*(?:[、.]|(?=[^\d.%年月日号个名人所家万亿元届期次项条余多级]))|"
                       r"第[一二三四五六七八九十\d]+[章节部篇]|案例\d+)")


@lru_cache(maxsize=4096)
def fold(ch: str) -> str:
    """One character of the view for one character of the original."""
    ch = RADICAL_FORMS.get(ch, ch)
    folded = unicodedata.normalize("NFKC", ch)
    folded = folded if len(folded) == 1 else ch
    return TRADITIONAL_TO_SIMPLIFIED.get(folded, folded)  # after NFKC: ⾧ (Kangxi) is 長, then 长


_RADICAL = re.compile(r"[\u2e80-\u2fdf]")


def unradical(text: str) -> str:
    """``text`` with the radical forms of a PDF's text layer (⼼, ⻓) as the characters they stand for; the
    rest as written. For names: quotes keep the original."""
    return _RADICAL.sub(lambda m: fold(m.group()), text)


def normalize(text: str) -> str:
    """The view of a short text such as a name: no whitespace, half-width, simplified."""
    return "".join(fold(ch) for ch in text if not ch.isspace())


_CREDIT = re.compile(r"(?:来源|稿源|信息来源|作者|记者|通讯员|编辑|责任编辑|责编|审核|审校|校对|摄影|摄|供图|"
                     r"图/|文/|图片由|图片来源|图文由)[:|/]?|.*(?:提供|供图|摄)$")
_DOUBLED = re.compile(r"([\u4e00-\u9fff“”《》]{3,40}?)\1")


def _undouble(kept: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Without the second copy of a run of three or more characters written twice in a row (图片由A提供图片由A提供,
    朱云富朱云富): a PDF layer that draws bold text twice. Natural text does not repeat such a run at once."""
    view = "".join(ch for _, ch in kept)
    drop = set()
    for m in _DOUBLED.finditer(view):
        drop.update(range(m.start() + len(m.group(1)), m.end()))
    return [k for i, k in enumerate(kept) if i not in drop] if drop else kept


def _style(numbering: str) -> str:
    """The style of a heading's numbering: 1.2 and 3.4 share one, 一、 and (二) are two."""
    style = re.sub(r"第.+?([章节部篇])", r"第\1", numbering)
    return re.sub(r"\d+", "1", re.sub(r"[一二三四五六七八九十]+", "一", style))


@dataclass
class Sentence:
    start: int  # in the view
    end: int
    text: str


class Text:
    """``original`` (the document as read) and ``view`` (normalised), with ``offsets[i]`` the original
    position of ``view[i]``."""

    def __init__(self, original: str):
        self.original = original
        kept = [(i, fold(ch)) for i, ch in enumerate(original) if not ch.isspace()]
        kept = _undouble(kept)
        self.offsets = [i for i, _ in kept]
        self.view = "".join(ch for _, ch in kept)
        self.lines = self._lines()
        self.breaks = self._breaks()
        self.furniture = self._furniture()
        self.breaks.update(x for span in self.furniture for x in span)  # furniture is a sentence of its own
        self.headings = self._headings()

    def _lines(self) -> list[tuple[int, int]]:
        """View [start, end) of the original's non-empty lines."""
        out, at = [], 0
        for line in self.original.split("\n"):
            a, b = bisect_left(self.offsets, at), bisect_left(self.offsets, at + len(line))
            if b > a:
                out.append((a, b))
            at += len(line) + 1
        return out

    def _breaks(self) -> set[int]:
        """View positions that start a new line after a heading or a paragraph's last line.

        A line as long as the next one was wrapped by the layout (newspaper columns wrap inside names) and
        runs on; a shorter line ended where its text did.
        """
        lengths = [b - a for a, b in self.lines]
        return {b for i, (_, b) in enumerate(self.lines[:-1]) if lengths[i] < 0.8 * lengths[i + 1]}

    def _headings(self) -> list[tuple[int, int, int]]:
        """(start, end, level) in the view of the lines that head a section: a line on its own (a break before
        and after it) of at most 30 characters with no comma or sentence end, or a numbered one (一、 (二) 2.9.1
        第三章 …) of at most 40 with no sentence end. Levels go by numbering style, in the order the styles first
        appear (1. then 1.1 then 一、 …; an unnumbered heading is one style), as a reader infers an outline."""
        out, styles, furniture = [], [], set(self.furniture)
        for pos, end in self.lines:
            if (pos, end) in furniture:
                continue
            n = end - pos
            own = (pos == 0 or pos in self.breaks) and (end in self.breaks or end == len(self.view))
            text = self.view[pos:end]
            numbered = _NUMBERED.match(text)
            if (n <= 30 and own and not re.search(r"[,。!?;:]", text)) or (
                    numbered and n <= 40 and not re.search(r"[。!?;]", text)):
                style = _style(numbered.group()) if numbered else "-"
                if style not in styles:
                    styles.append(style)
                out.append((pos, end, styles.index(style) + 1))
        return out

    def _furniture(self) -> list[tuple[int, int]]:
        """View spans of lines that are the page's, not the report's: short credit lines (来源:…, 记者…,
        图片由…提供) and running headers or footers (an unnumbered line of 6 or more characters repeated three or
        more times)."""
        seen: dict[str, int] = {}
        for a, b in self.lines:
            seen[self.view[a:b]] = seen.get(self.view[a:b], 0) + 1
        return [(a, b) for a, b in self.lines
                if (b - a <= 30 and _CREDIT.match(self.view, a, b))
                or (b - a >= 6 and seen[self.view[a:b]] >= 3 and not _NUMBERED.match(self.view, a, b))]

    def __len__(self) -> int:
        return len(self.view)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the view's [start, end)."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The original text of the view's [start, end), without the layout's line breaks."""
        a, b = self.span(start, end)
        return re.sub(r"\s*\n\s*", "", self.original[a:b]).strip()

    def name(self, start: int, end: int) -> str:
        """A name at the view's [start, end): its quote with radical forms (⼼) as their characters."""
        return unradical(self.quote(start, end))

    def sentences(self) -> list[Sentence]:
        """The view cut after 。!?; and at the line breaks of :attr:`breaks`."""
        out, breaks = [], sorted(self.breaks)
        for m in _SENTENCE.finditer(self.view):
            inner = breaks[bisect_right(breaks, m.start()):bisect_left(breaks, m.end())]
            cuts = [m.start(), *inner, m.end()]
            out += [Sentence(a, b, self.view[a:b]) for a, b in zip(cuts, cuts[1:])]
        return out
