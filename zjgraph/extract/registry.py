"""What the extractor may know beforehand: the registry's entities, their names and aliases.

Built from the knowledge graph (:meth:`Registry.from_graph`); for a fair evaluation, built without one
document (``leave_out``): an entity is known only if another document's facts mention it, and a name or
alias only if it occurs in another document's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from zjgraph.extract.text import normalize


@dataclass(frozen=True)
class Known:
    id: str
    type: str
    name: str


@dataclass
class Registry:
    """``names`` maps the normalised form of every usable name and alias to the entity it denotes."""

    names: dict[str, Known] = field(default_factory=dict)
    located: set[str] = field(default_factory=set)  # ids of entities whose place the graph already states

    def add(self, name: str, known: Known) -> None:
        key = normalize(name)
        if len(key) >= 2:
            self.names.setdefault(key, known)

    def lookup(self, name: str) -> Known | None:
        return self.names.get(normalize(name))

    @classmethod
    def from_graph(cls, g: nx.MultiDiGraph, data_dir: Path | None = None, leave_out: str | None = None) -> Registry:
        """The registry view of ``g``; with ``leave_out`` (a document id), only what the other documents show.

        Indicators and targets are never known beforehand: they are what a report newly says.
        ``data_dir`` is needed with ``leave_out``, to read the other documents' texts.
        """
        reg = cls()
        allowed = None
        texts = ""
        if leave_out is not None:
            allowed = mentioned_by(g, exclude=leave_out)
            docs = g.graph["documents"]
            texts = "".join(normalize((Path(data_dir) / "corpus" / d["file"]).read_text(encoding="utf-8"))
                            for doc_id, d in docs.items() if doc_id != leave_out)
        reg.located = {u for u, _, e in g.edges(data=True) if e["relation"] == "locatedIn" and e["source"] != leave_out}
        for node, data in g.nodes(data=True):
            if data["type"] in ("Indicator", "Target") or (allowed is not None and node not in allowed):
                continue
            known = Known(node, data["type"], data["name"])
            for name in [data["name"], *data.get("aliases", [])]:
                if leave_out is None or normalize(name) in texts:
                    reg.add(name, known)
        return reg


def mentioned_by(g: nx.MultiDiGraph, exclude: str | None = None, only: str | None = None) -> set[str]:
    """Entities that the facts of the documents mention (as subject, object or tied major)."""
    def wanted(source):
        return source != exclude and (only is None or source == only)

    out = set()
    for u, v, e in g.edges(data=True):
        if wanted(e["source"]):
            out.update((u, v, *e["major"]))
    for node, data in g.nodes(data=True):
        if any(wanted(ev["source"]) for evs in data.get("provenance", {}).values() for ev in evs):
            out.add(node)
    return out
