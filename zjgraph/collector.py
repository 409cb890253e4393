"""Keeping Python's cyclic garbage collector off the large structures zjgraph builds and keeps.

The collector runs whenever enough container objects have been made since it last ran, and every so often a full
collection walks every object still in its sight. A national graph is twelve million objects, and a coverage
report on it a million rows of evidence; neither makes reference cycles, so those collections free nothing and
cost time: a third of building the graph at size M, three of coverage's eight seconds at size L (measured with
the collector on and off, same process). :func:`paused` stops collection while such a thing is built, and
:func:`settled` takes a large graph out of the collector's sight for as long as it is used.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Entities from which a loaded graph is frozen (:func:`settled`); a smaller graph's objects take a full
#: collection milliseconds.
LARGE = 20_000


@contextmanager
def paused() -> Iterator[None]:
    """Stop automatic collection while the body runs, and restore it after, whatever happens. Pauses may nest,
    from several threads too: the pause that turned collection off turns it back on, so it ends up on."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def settled(graph):
    """``graph``, frozen out of the collector's sight (``gc.freeze()``, with everything else alive then) when it
    has :data:`LARGE` entities or more; returned as it is."""
    if len(graph) >= LARGE:
        gc.freeze()
    return graph
