"""Finding entities by id, name or alias, exactly (resolve) or approximately (search)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

if TYPE_CHECKING:  # annotations only: the graph comes in built, so NetworkX is already imported by then
    import networkx as nx


class NotFound(LookupError):
    """No entity has this name; ``suggestions`` are the closest search hits.

    They are searched for when first asked for (``find``): a search reads every name of the graph, and a caller
    that turns unknown names into new entities (a spreadsheet of many rows) never asks.
    """

    def __init__(self, name: str, suggestions: list[Hit] | None = None, find: Callable[[], list[Hit]] | None = None):
        self.name, self._suggestions, self._find = name, suggestions, find
        super().__init__(name)

    @property
    def suggestions(self) -> list[Hit]:
        if self._suggestions is None:
            self._suggestions = self._find() if self._find else []
        return self._suggestions


class Ambiguous(LookupError):
    """The name means different entities in different documents; ``candidates`` lists (id, document)."""

    def __init__(self, name: str, candidates: list[tuple[str, str]]):
        self.name, self.candidates = name, candidates
        super().__init__(name)


@dataclass(frozen=True)
class Hit:
    id: str
    type: str
    name: str
    matched: str
    score: float


def normalize(text: str) -> str:
    """Fold full-width forms and case, drop whitespace: how people type names is not how documents print them."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def _names(g: nx.MultiDiGraph, node: str) -> list[str]:
    data = g.nodes[node]
    return [data["name"], *data.get("aliases", [])]


@dataclass
class _NameIndex:
    size: int  # the graph's number of nodes when built: a graph that grew since gets a new index
    names: dict[str, set[str]]  # normalised name or alias -> ids
    local: dict[str, set[tuple[str, str]]]  # normalised document-local alias -> (id, document)


_INDEX: WeakKeyDictionary = WeakKeyDictionary()


def name_index(g: nx.MultiDiGraph) -> _NameIndex:
    """Every name and alias of ``g``, normalised, built once per graph (so resolving n names costs n lookups,
    not n passes over the graph); :func:`forget_names` drops it after the names change."""
    index = _INDEX.get(g)
    if index is None or index.size != len(g):
        names: dict[str, set[str]] = {}
        for node in g:
            for x in _names(g, node):
                names.setdefault(normalize(x), set()).add(node)
        local: dict[str, set[tuple[str, str]]] = {}
        for doc, table in g.graph.get("local_aliases", {}).items():
            for alias, target in table.items():
                local.setdefault(normalize(alias), set()).add((target, doc))
        index = _INDEX[g] = _NameIndex(len(g), names, local)
    return index


def forget_names(g: nx.MultiDiGraph) -> None:
    """Drop the name index kept for ``g`` (its names or aliases changed)."""
    _INDEX.pop(g, None)


def resolve(g: nx.MultiDiGraph, name: str) -> str:
    """The id of the entity that ``name`` (an id, canonical name or alias) denotes.

    Global names and aliases come first; a short form that only one document uses for an entity
    (its local alias, such as 职教中心 in the Bishan report) resolves when all documents agree on it.
    Raises :class:`Ambiguous` when they do not and :class:`NotFound` (with suggestions) when nothing matches.
    """
    if name in g:
        return name
    key = normalize(name)
    index = name_index(g)
    exact = index.names.get(key, set())
    if len(exact) == 1:
        return next(iter(exact))
    local = sorted(index.local.get(key, ()))
    if len({t for t, _ in local}) == 1:
        return local[0][0]
    if local:
        raise Ambiguous(name, local)
    raise NotFound(name, find=lambda: search(g, name, limit=5, min_similarity=0.2))


def _shared(counts: Counter, text: str) -> int:
    """How many characters of ``text`` a multiset of characters (``counts``) can pair with, each used once."""
    left = dict(counts)
    shared = 0
    for ch in text:
        if left.get(ch, 0) > 0:
            left[ch] -= 1
            shared += 1
    return shared


def search(g: nx.MultiDiGraph, text: str, limit: int = 20, types: set[str] | None = None,
           min_similarity: float = 0.5) -> list[Hit]:
    """Entities whose id, name or alias (document-local ones too) contains ``text`` or resembles it, best first.

    Scores: 1.0 an exact name, alias or id; 0.95 an exact document-local alias; from 0.8 up to 0.9 a name
    starting with ``text`` and from 0.6 up to 0.7 one containing it (the closer the lengths, the higher);
    below that, 0.6 times the similarity ratio of the closest name when it is at least ``min_similarity``
    (so 重庆交通职业学校 still finds 重庆市交通职业学校).
    """
    import difflib  # only search needs it

    key = normalize(text)
    if not key:
        return []
    key_counts = Counter(key)
    local = {}
    for table in g.graph.get("local_aliases", {}).values():
        for alias, target in table.items():
            local.setdefault(target, []).append(alias)
    hits = []
    for node, data in g.nodes(data=True):
        if types and data["type"] not in types:
            continue
        best = None
        for candidate in [*_names(g, node), node, *local.get(node, [])]:
            c = normalize(candidate)
            closeness = len(key) / max(len(c), 1)
            if c == key:
                score = 0.95 if candidate in local.get(node, []) and candidate not in _names(g, node) else 1.0
            elif c.startswith(key):
                score = 0.8 + 0.1 * closeness
            elif key in c:
                score = 0.6 + 0.1 * closeness
            else:
                # The ratio is 2·matches / (both lengths), and matches are at most the characters both share:
                # that bound, counted in one pass, spares most names SequenceMatcher's far dearer work.
                if 2 * _shared(key_counts, c) < min_similarity * (len(key) + len(c)):
                    continue
                ratio = difflib.SequenceMatcher(None, key, c).ratio()
                if ratio < min_similarity:
                    continue
                score = 0.6 * ratio
            if best is None or score > best[0]:
                best = (score, candidate)
        if best:
            hits.append(Hit(node, data["type"], data["name"], best[1], round(best[0], 3)))
    hits.sort(key=lambda h: (-h.score, len(h.name), h.id))
    return hits[:limit]
