"""The library API: load the knowledge graph once, then resolve, search, describe and count.

>>> from zjgraph import KnowledgeGraph
>>> kg = KnowledgeGraph.load()                      # the bundled corpus, in memory
>>> kg.describe("交职校")["id"]
'school:jiaozhixiao'
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from zjgraph import cache, collector
from zjgraph.schema import Schema, load_schema, ontology_files
from zjgraph.time import TIME_FIELDS

if TYPE_CHECKING:
    import networkx as nx

    from zjgraph import resolve


def bundled_data_dir() -> Path:
    return Path(str(files("zjgraph") / "data"))


def default_data_dir() -> Path:
    """``$ZJGRAPH_DATA`` if set, else the corpus shipped with zjgraph."""
    return Path(os.environ["ZJGRAPH_DATA"]) if os.environ.get("ZJGRAPH_DATA") else bundled_data_dir()


def _code_paths() -> list[Path]:
    import zjgraph.loaders

    return [Path(__file__).parent / f for f in os.listdir(Path(__file__).parent) if f.endswith(".py")] + [
        Path(zjgraph.loaders.__file__).parent
    ]


@dataclass
class KnowledgeGraph:
    """The embedded graph (``graph``, a NetworkX MultiDiGraph) with the schema it was checked against."""

    graph: nx.MultiDiGraph
    schema: Schema
    data_dir: Path

    @classmethod
    def load(cls, data_dir: Path | str | None = None, use_cache: bool = True) -> KnowledgeGraph:
        """Load and check the data folder (default: :func:`default_data_dir`), or read a graph that
        ``zjgraph export`` wrote (an RDF file or a KGX folder, see :mod:`zjgraph.loaders.exported`).

        Raises :class:`zjgraph.problems.DataError` listing every problem when the data is not valid;
        nothing is loaded then. The built graph is cached, keyed by the content of data, ontology and code.

        The garbage collector is paused while the graph is read or built, and a graph of
        :data:`zjgraph.collector.LARGE` entities or more is then taken out of its sight (``gc.freeze()``, with
        everything else alive then): its millions of objects live as long as it is used, and the first full
        collection that walks them would otherwise cost the next question seconds (10 s of coverage's 18 s at
        size L). Such a graph is then freed only when nothing refers to it any more and it is in no reference
        cycle; a process that loads many large graphs in turn can call ``gc.unfreeze()`` between them.
        """
        with collector.paused():
            kg = cls._load(data_dir, use_cache)
            collector.settled(kg.graph)
        return kg

    @classmethod
    def _load(cls, data_dir: Path | str | None, use_cache: bool) -> KnowledgeGraph:
        from zjgraph.queries.links import keep_ties, ties

        root = Path(data_dir) if data_dir else default_data_dir()
        key = None
        if use_cache and cache.enabled() and root.exists():
            key = cache.content_key(root, *ontology_files(), *_code_paths())
            hit = cache.get(key)
            if hit is not None:
                graph, schema, tied = hit
                keep_ties(graph, tied)
                return cls(graph, schema, root)
        from zjgraph.loaders.curated import load_dataset  # only to build: a cached graph needs none of them
        from zjgraph.loaders.exported import export_kind, read_export
        from zjgraph.loaders.to_networkx import build_graph

        schema = load_schema()
        if export_kind(root):
            graph = read_export(root, schema)
        else:
            graph = build_graph(load_dataset(root, schema), schema)
        if key:  # with the schools' ties, which questions about every school read (a minute to gather at L)
            cache.put(key, (graph, schema, ties(graph)))
        return cls(graph, schema, root)

    def as_of(self, when) -> KnowledgeGraph:
        """The knowledge graph with only what holds at ``when``: a day, month or year (``"2024-06-30"``,
        ``"2024-06"``, ``2024``) or a ``(first day, last day)`` pair; see :mod:`zjgraph.time` for the rule.
        Raises ``ValueError`` for a time that does not parse. This graph is not changed."""
        from zjgraph import time

        span = when if isinstance(when, tuple) else time.parse_time(when)
        return KnowledgeGraph(time.as_of(self.graph, span, self.schema), self.schema, self.data_dir)

    # ---------------------------------------------------------------- lookups

    def resolve(self, name: str) -> str:
        """The id for an id, name or alias; see :func:`zjgraph.resolve.resolve`."""
        from zjgraph import resolve  # imported when a name is looked up, not by every command

        return resolve.resolve(self.graph, name)

    def resolve_as(self, name: str, cls: str | tuple[str, ...] | None = None, what: str | None = None) -> str:
        """The id for ``name``, which must be a ``cls`` (one class or a tuple of them, subclasses included; None:
        any entity). Raises :class:`zjgraph.problems.ZjgraphError` saying what was expected (``what``, default
        the class), with the closest names of that kind."""
        from zjgraph import resolve
        from zjgraph.problems import ZjgraphError

        wanted = {cls} if isinstance(cls, str) else set(cls or ())
        kinds = {c for c in self.schema.entity_classes() if self.schema.is_a(c, wanted)} if wanted else None
        what = what or (cls if isinstance(cls, str) else "entity")
        try:
            node = self.resolve(name)
        except resolve.NotFound:
            hits = self.search(name, limit=5, types=kinds)
            hint = f"; closest: {', '.join(h.name for h in hits)}" if hits else ""
            raise ZjgraphError(f"no {what} is named “{name}”{hint}") from None
        except resolve.Ambiguous as amb:
            options = ", ".join(f"{self.label(t)} ({t})" for t, _ in amb.candidates)
            raise ZjgraphError(f"“{name}” is ambiguous: {options}") from None
        type_ = self.graph.nodes[node]["type"]
        if kinds is not None and type_ not in kinds:
            raise ZjgraphError(f"“{name}” ({node}) is of type {type_}, not {what}")
        return node

    def search(self, text: str, limit: int = 20, types: set[str] | None = None) -> list[resolve.Hit]:
        from zjgraph import resolve

        return resolve.search(self.graph, text, limit=limit, types=types)

    def label(self, node: str) -> str:
        return self.graph.nodes[node]["name"]

    def document_title(self, doc_id: str) -> str:
        return self.graph.graph["documents"].get(doc_id, {}).get("title", doc_id)

    def document_text(self, doc_id: str) -> str | None:
        """The text of a document of the data folder, or None when the folder does not hold it (a graph read
        from an export has no corpus). Only a file inside ``corpus/`` named by the document list is read: no
        URL names a path."""
        corpus = (self.data_dir / "corpus").resolve()
        name = self.graph.graph["documents"].get(doc_id, {}).get("file") or ""
        path = (corpus / name).resolve()
        if not name or not path.is_relative_to(corpus) or not path.is_file():
            return None
        return path.read_text(encoding="utf-8")

    # ---------------------------------------------------------------- describe one entity

    def _brief(self, node: str) -> dict:
        """Id, name and type of a node; for indicators and targets also their numbers."""
        data = self.graph.nodes[node]
        brief = {"id": node, "name": data["name"], "type": data["type"]}
        for k in ("value", "valueMax", "unit", "comparator", "targetYear", "period"):
            if k in data:
                brief[k] = data[k]
        return brief

    def describe(self, name: str) -> dict:
        """Everything known about one entity: attributes with evidence, and every relation with its quote."""
        node = self.resolve(name)
        data = self.graph.nodes[node]
        attrs = {k: v for k, v in data.items() if k in self.schema.properties}
        relations = []
        for direction, edges in (("out", self.graph.out_edges(node, keys=True, data=True)),
                                 ("in", self.graph.in_edges(node, keys=True, data=True))):
            for u, v, _key, e in edges:
                other = v if direction == "out" else u
                prop = self.schema.properties[e["relation"]]
                relations.append({
                    "direction": direction,
                    "relation": e["relation"],
                    "relation_zh": prop.label_zh,
                    "other": self._brief(other),
                    **{k: e[k] for k in ("source", "quote", "certainty", "rule", "note", "fact")},
                    **{k: e.get(k) for k in TIME_FIELDS},
                    "major": [{"id": m, "name": self.label(m)} for m in e["major"]],
                    "source_title": self.document_title(e["source"]),
                })
        relations.sort(key=lambda r: (r["direction"] != "out", r["relation"], r["other"]["name"], r["fact"]))
        return {
            "id": node,
            "type": data["type"],
            "type_zh": self.schema.type_label(data["type"]),
            "name": data["name"],
            "aliases": list(data.get("aliases", [])),
            "note": data.get("note"),
            "attributes": attrs,
            "attribute_evidence": data.get("provenance", {}),
            "relations": relations,
        }

    # ---------------------------------------------------------------- counts

    def stats(self) -> dict:
        """Counts of entities by type, facts by relation, attribute and certainty, and both by source document."""
        g = self.graph
        by_type = Counter(d["type"] for _, d in g.nodes(data=True))
        by_relation = Counter(e["relation"] for *_, e in g.edges(data=True))
        by_attribute = Counter(attr for _, d in g.nodes(data=True) for attr, ev in d.get("provenance", {}).items()
                               for _ in ev)
        # planned facts (a plan's intent) are facts too, but no present-tense count: say how many there are
        by_certainty = Counter(e["certainty"] for *_, e in g.edges(data=True))
        by_certainty.update(item["certainty"] for _, d in g.nodes(data=True)
                            for ev in d.get("provenance", {}).values() for item in ev)
        docs = {}
        for doc_id, meta in g.graph["documents"].items():
            docs[doc_id] = {"id": doc_id, "title": meta["title"], "relations": 0, "attributes": 0, "entities": set()}
        for u, v, e in g.edges(data=True):
            d = docs[e["source"]]
            d["relations"] += 1
            d["entities"].update((u, v))
        for node, data in g.nodes(data=True):
            for ev in data.get("provenance", {}).values():
                for item in ev:
                    docs[item["source"]]["attributes"] += 1
                    docs[item["source"]]["entities"].add(node)
        return {
            "entities": g.number_of_nodes(),
            "relations": g.number_of_edges(),
            "attributes": sum(by_attribute.values()),
            "by_type": dict(by_type.most_common()),
            "by_relation": dict(by_relation.most_common()),
            "by_attribute": dict(by_attribute.most_common()),
            "by_certainty": dict(by_certainty.most_common()),
            "by_document": [{**d, "entities": len(d["entities"])} for d in docs.values()],
        }
