"""Proposed facts: what one extractor pattern found, with its evidence span and confidence."""

from __future__ import annotations

from dataclasses import dataclass

from zjgraph.extract.names import Entity


@dataclass
class Proposed:
    """One proposed fact. ``object`` for a relation, ``value`` for an attribute; ``start``/``end`` are the
    evidence's original character offsets, ``quote`` its text."""

    subject: Entity
    predicate: str
    object: Entity | None
    value: object
    quote: str
    start: int
    end: int
    confidence: float
    rule: str | None = None
    note: str | None = None
