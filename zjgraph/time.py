"""Time in the knowledge graph: when a fact holds, and the graph as of a given day or year.

A fact's time is given in the terms of the ontology (``zj:startTime``, ``zj:endTime``, ``zj:pointInTime``,
Wikidata's P580, P582 and P585), each a year (``2008``), a month (``2024-09``) or a day (``2011-11-05``), and
``zj:timeSource`` says where it came from: ``stated`` (the fact's own quote gives it) or ``document`` (taken
at load time from the period its source document reports on, ``zj:reportingPeriod``, when the fact gives no
time; an attribute whose value is a time, ``foundingDate``, has that value as its point in time, see
``zj:valueIsPointInTime``). A document's period is an ISO 8601 interval of such times (``2024-09/2025-08``,
``2024/2027``) or one of them (``2024``); a document that does not say what period it reports on has none
(unknown, never guessed).

**The as-of rule.** A fact holds at a time T (a day, a month or a year, so a span of days) when

- it is not planned (certainty ``planned``: what a plan intends holds at no time), and
- its start (``startTime``, else ``pointInTime``) is unknown or begins on or before T's last day, and
- its end is not stated, or ends on or after T's first day.

An end is *stated* only by an ``endTime`` whose time source is ``stated``. A later report that no longer
mentions a partnership is not evidence that it ended, and the end of a document's period is not the end of
what it reports: a fact whose time is taken from its document holds from the start of that period on. A fact
with no time at all holds at every T (it is not known when it began).

**Two values for one measure.** When indicators from several documents give different values for the same
subject, measure and period, all stay in the graph; :func:`preferred` picks the one from the document
published last (its ``date``, ``dcterms:issued``), a document with no publication date counting as older
than any dated one.

>>> holds_at({"startTime": "2008", "timeSource": "stated", "certainty": "stated"}, parse_time("2007"))
False
>>> holds_at({"startTime": "2024-09", "endTime": "2025-08", "timeSource": "document", "certainty": "stated"},
...          parse_time("2030"))
True
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from zjgraph.schema import Schema

#: The time fields of a fact (edge or attribute evidence), as the ontology names them.
START, END, POINT, SOURCE = "startTime", "endTime", "pointInTime", "timeSource"
TIME_FIELDS = (START, END, POINT, SOURCE)
STATED, DOCUMENT = "stated", "document"

_TIME = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

Span = tuple[date, date]


@lru_cache(maxsize=4096)
def parse_time(text) -> Span:
    """The first and last day of a year (``2008``), month (``2024-09``) or day (``2011-11-05``).

    Parameters
    ----------
    text : str or int
        The time; an int is a year (TOML's ``startTime = 2008``).

    Returns
    -------
    (date, date)
        The first and the last day the time covers.

    Raises
    ------
    ValueError
        When ``text`` is none of these forms, or names a day that does not exist, saying what was expected.

    Examples
    --------
    >>> parse_time("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    m = _TIME.fullmatch(str(text).strip())
    if not m or isinstance(text, bool):
        raise ValueError(f"{text!r} is not a time; expected a year, year-month or date (2008, 2024-09, 2011-11-05)")
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(month)
        if day is None:
            following = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
        return date(year, month, int(day)), date(year, month, int(day))
    except ValueError:
        raise ValueError(f"{text!r} is not a time: no such month or day") from None


def parse_period(text) -> Span:
    """The first and last day of a period: an ISO 8601 interval ``START/END`` of two times, or one time.

    Raises
    ------
    ValueError
        When either end does not parse, or the period ends before it starts.

    Examples
    --------
    >>> parse_period("2024-09/2025-08")
    (datetime.date(2024, 9, 1), datetime.date(2025, 8, 31))
    >>> parse_period("2024")
    (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    """
    start, sep, end = str(text).partition("/")
    try:
        first, last = parse_time(start)[0], parse_time(end if sep else start)[1]
    except ValueError as err:
        raise ValueError(f"period {text!r} does not parse: {err}; expected a year, year-month or date, or two "
                         "of them as START/END (2024, 2024-09/2025-08, 2024/2027)") from None
    if last < first:
        raise ValueError(f"period {text!r} ends before it starts")
    return first, last


def period_bounds(text) -> tuple[str, str]:
    """The start and end times of a period as written (``("2024-09", "2025-08")``, ``("2024", "2024")``)."""
    start, sep, end = str(text).partition("/")
    return start.strip(), (end if sep else start).strip()


def time_fields(start=None, end=None, point=None, source=None, date=None) -> dict:
    """The time fields of a fact read from an export, every key present (None where not known). ``date`` is
    the old name of a stated start time (``zj:date``, a ``date`` column): it is read as such."""
    if date is not None and start is None:
        start, source = date, source or STATED
    if source is None and (start or end or point):
        source = STATED
    return {START: start, END: end, POINT: point, SOURCE: source}


def span_text(when: Span) -> str:
    """``2024`` for a whole year, ``2024-08`` for a whole month, else the day (or ``first/last``)."""
    first, last = when
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    if first.day == 1 and (first.year, first.month) == (last.year, last.month) and parse_time(
            first.isoformat()[:7])[1] == last:
        return first.isoformat()[:7]
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def upgrade(ev: dict) -> dict:
    """``ev`` (a fact's fields read from an export) with its ``date``, the old name of a stated start, read as
    such (see :func:`time_fields`); changed in place and returned."""
    if "date" in ev:
        date_ = ev.pop("date")
        ev.update(time_fields(*(ev.get(k) for k in (START, END, POINT, SOURCE)), date=date_))
    return ev


def time_label(ev: dict) -> str:
    """A fact's time in a few characters: ``2008–``, ``2024-09–2025-08 (document period)``, ``2019``; '' if none."""
    start, end, point = ev.get(START), ev.get(END), ev.get(POINT)
    if not (start or end or point):
        return ""
    text = point if point and not (start or end) else f"{start or point or ''}–{end or ''}"
    return text + (" (document period)" if ev.get(SOURCE) == DOCUMENT else "")


def check_read(fields: dict) -> str | None:
    """What is wrong with the time fields of a fact read from an export (:func:`check_times`, and a
    ``timeSource`` that is neither ``stated`` nor ``document``), or None."""
    if fields.get(SOURCE) not in (None, STATED, DOCUMENT):
        return f"timeSource {fields[SOURCE]!r} is not one of: {STATED}, {DOCUMENT}"
    return check_times(fields)


def check_times(fields: dict) -> str | None:
    """What is wrong with the time fields of one fact (``startTime``, ``endTime``, ``pointInTime``), or None."""
    spans = {}
    for k in (START, END, POINT):
        if fields.get(k) is not None:
            if not isinstance(fields[k], str | int) or isinstance(fields[k], bool):
                return f"{k}: {fields[k]!r} is not a time; expected text such as \"2008\" or \"2024-09\""
            try:
                spans[k] = parse_time(fields[k])
            except ValueError as err:
                return f"{k}: {err}"
    if START in spans and END in spans and spans[END][1] < spans[START][0]:
        return f"endTime {fields[END]} is before startTime {fields[START]}"
    if POINT in spans and END in spans and spans[END][1] < spans[POINT][0]:
        return f"endTime {fields[END]} is before pointInTime {fields[POINT]}"
    return None


def fact_span(ev: dict) -> tuple[date | None, date | None]:
    """The first day a fact may hold from (None: unknown) and the last day of its stated end (None: not stated)."""
    start = ev.get(START) or ev.get(POINT)
    end = ev.get(END) if ev.get(SOURCE) == STATED else None
    return (parse_time(start)[0] if start else None), (parse_time(end)[1] if end else None)


def holds_at(ev: dict, when: Span) -> bool:
    """Whether the fact ``ev`` (an edge's data or one attribute evidence) holds at ``when``, by the rule of
    the module docstring.

    Parameters
    ----------
    ev : dict
        The fact's fields: ``certainty`` and its time fields (:data:`TIME_FIELDS`).
    when : (date, date)
        The first and last day of T, from :func:`parse_time`.
    """
    if ev.get("certainty") == "planned":
        return False
    start, end = fact_span(ev)
    return (start is None or start <= when[1]) and (end is None or end >= when[0])


def as_of(g: nx.MultiDiGraph, when: Span, schema: Schema) -> nx.MultiDiGraph:
    """A copy of ``g`` with only what holds at ``when`` (see :func:`holds_at`).

    Every entity stays, with the attribute values whose evidence holds; relations that do not hold are left
    out. An indicator or target all of whose relations are left out (it was reported by, or set in, a document
    whose period starts later) is left out too. Derived attributes (``districts`` …) are computed afresh.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The embedded graph (:mod:`zjgraph.loaders.to_networkx`); it is not changed.
    when : (date, date)
        The first and last day of T (:func:`parse_time`).
    schema : Schema
        The ontology, for the derived attributes.

    Returns
    -------
    networkx.MultiDiGraph
        The graph as of ``when``; its ``graph["as_of"]`` says which day or year (``(first, last)`` as ISO text).
    """
    import networkx as nx

    from zjgraph.loaders.to_networkx import add_derived, attribute_value

    out = nx.MultiDiGraph()
    out.graph.update(g.graph)
    out.graph["as_of"] = (when[0].isoformat(), when[1].isoformat())
    for node, data in g.nodes(data=True):
        copy = {k: v for k, v in data.items() if k not in data.get("provenance", {})}
        kept = {}
        for attr, evidence in data.get("provenance", {}).items():
            held = [ev for ev in evidence if holds_at(ev, when)]
            if held:
                kept[attr] = held
                copy[attr] = attribute_value(held)
        copy["provenance"] = kept
        out.add_node(node, **copy)
    dropped = set()
    for u, v, key, e in g.edges(keys=True, data=True):
        if holds_at(e, when):
            out.add_edge(u, v, key=key, **e)
    for node, data in g.nodes(data=True):
        if data["type"] in ("Indicator", "Target") and g.degree(node) and not out.degree(node):
            dropped.add(node)
    out.remove_nodes_from(dropped)
    add_derived(out, schema)
    return out


def preferred(g: nx.MultiDiGraph, indicators: list[str]) -> str:
    """Of indicators that give a value for the same subject, measure and period, the one to prefer: from the
    document published last (a document's ``date``); an undated document counts as older than any dated one,
    and between equals the indicator named last in ``indicators`` wins.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The embedded graph.
    indicators : list of str
        Ids of Indicator nodes (at least one).
    """
    documents = g.graph["documents"]

    def published(node):
        sources = [e["source"] for *_, e in g.in_edges(node, data=True) if e["relation"] == "reportsIndicator"]
        days = [parse_time(documents[s]["date"])[1] for s in sources if documents.get(s, {}).get("date")]
        return max(days, default=date.min)

    return max(reversed(indicators), key=published) if len(indicators) > 1 else indicators[0]
