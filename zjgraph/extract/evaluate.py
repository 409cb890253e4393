"""``zjgraph extract --eval``: precision, recall and F1 on the curated corpus, one document left out at a time.

For each document, the extractor runs with the registry as the *other* documents show it
(:meth:`~zjgraph.extract.registry.Registry.from_graph` with ``leave_out``), and its proposals are compared with
that document's curated facts, the answer key:

- an entity is found when a proposed entity denotes a curated entity the document's facts mention, with the
  same type: by registry id, or by a name or alias equal to the curated name, aliases or the document's short
  forms (whitespace ignored). An indicator or target has no name in the text: it is found when its value and
  unit are equal and its number lies inside the quote of a curated fact about it.
- a relation is found when its subject, predicate and object are a curated relation of the document, the ends
  compared through that entity matching (either direction for a symmetric relation).

Counts are micro-averaged over the documents; entities by curated (found, missed) or proposed (wrong) type.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from zjgraph.extract.pipeline import extract
from zjgraph.extract.registry import Registry, mentioned_by
from zjgraph.extract.text import normalize
from zjgraph.schema import Schema

NUMBERED = ("Indicator", "Target")
NUMBER_RELATIONS = ("reportsIndicator", "setsTarget", "concerns")

# What issue 17 asks of an extractor worth reviewing: (goal, table, excluded keys, measure, at least). Named
# entities leave out indicators and targets; "without number relations" leaves out NUMBER_RELATIONS.
GOALS = [
    ("named-entity F1", "entities", NUMBERED, "f1", 0.85),
    ("named-entity precision", "entities", NUMBERED, "precision", 0.75),
    ("relation F1 without number relations", "relations", NUMBER_RELATIONS, "f1", 0.60),
    ("relation precision without number relations", "relations", NUMBER_RELATIONS, "precision", 0.75),
]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass
class Evaluation:
    entities: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    relations: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    documents: dict[str, dict[str, Score]] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)

    def total(self, table: str, exclude=()) -> Score:
        out = Score()
        for key, score in getattr(self, table).items():
            if key not in exclude:
                out.add(score)
        return out

    def rows(self) -> list[list]:
        """(group, key, tp, fp, fn, precision, recall, f1) rows: by type, by relation, totals."""
        out = []

        def row(group, key, s):
            out.append([group, key, s.tp, s.fp, s.fn, round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)])

        for key in sorted(self.entities, key=lambda k: (-(self.entities[k].tp + self.entities[k].fn), k)):
            row("entity", key, self.entities[key])
        row("entity", "TOTAL named (no Indicator/Target)", self.total("entities", NUMBERED))
        row("entity", "TOTAL", self.total("entities"))
        for key in sorted(self.relations, key=lambda k: (-(self.relations[k].tp + self.relations[k].fn), k)):
            row("relation", key, self.relations[key])
        row("relation", "TOTAL without reportsIndicator/setsTarget/concerns", self.total("relations", NUMBER_RELATIONS))
        row("relation", "TOTAL", self.total("relations"))
        for doc, scores in self.documents.items():
            row("document", f"{doc} entities", scores["entities"])
            row("document", f"{doc} relations", scores["relations"])
        return out

    def goals(self) -> list[list]:
        """(goal, target, measured, met) rows: the measured value of each of :data:`GOALS` against it."""
        out = []
        for goal, table, exclude, measure, target in GOALS:
            value = round(getattr(self.total(table, exclude), measure), 3)
            out.append([goal, f">= {target}", value, "yes" if value >= target else "no"])
        return out

    def as_dict(self) -> dict:
        cols = ["group", "key", "tp", "fp", "fn", "precision", "recall", "f1"]
        return {"rows": [dict(zip(cols, r)) for r in self.rows()],
                "goals": [dict(zip(GOAL_COLUMNS, r)) for r in self.goals()], "misses": self.misses}


GOAL_COLUMNS = ["goal", "target", "measured", "met"]


def _key_entities(g: nx.MultiDiGraph, doc: str) -> dict[str, set[str]]:
    """Curated entity id → every normalised name it goes by in ``doc``."""
    local = g.graph["local_aliases"].get(doc, {})
    out = {}
    for node in sorted(mentioned_by(g, only=doc)):
        data = g.nodes[node]
        names = {normalize(n) for n in [data["name"], *data.get("aliases", [])]}
        names |= {normalize(a) for a, t in local.items() if t == node}
        out[node] = names
    return out


def _quote_spans(g: nx.MultiDiGraph, doc: str, text: str) -> dict[str, list[tuple[int, int]]]:
    """Curated indicator/target id → original spans of the quotes of the facts about it in ``doc``."""
    from zjgraph.extract.text import Text

    t = Text(text)
    out = defaultdict(list)
    for u, v, e in g.edges(data=True):
        if e["source"] != doc:
            continue
        for node in (u, v):
            if g.nodes[node]["type"] not in NUMBERED:
                continue
            for q in [e["quote"]] if isinstance(e["quote"], str) else e["quote"]:
                pos = t.view.find(normalize(q))
                while pos >= 0:
                    out[node].append(t.span(pos, pos + len(normalize(q))))
                    pos = t.view.find(normalize(q), pos + 1)
    return out


def _match(g, proposal, key: dict[str, set[str]], spans) -> dict[int, str]:
    """Proposed entity (by id()) → the curated id it denotes, one to one."""
    out, used = {}, set()
    for e in proposal.entities:
        if e.type in NUMBERED:
            continue
        if e.known is not None and e.known.id in key:
            cand = [e.known.id]
        else:
            names = {normalize(n) for n in e.names}
            cand = sorted((k for k, ns in key.items() if names & ns and g.nodes[k]["type"] == e.type),
                          key=lambda k: (normalize(g.nodes[k]["name"]) not in names, k))
        cand = [c for c in cand if c not in used and g.nodes[c]["type"] == e.type]
        if cand:
            out[id(e)] = cand[0]
            used.add(cand[0])
    for e in proposal.entities:
        if e.type not in NUMBERED or not e.mentions:
            continue
        at = proposal.text.span(e.mentions[0].start, e.mentions[0].end)[0]
        best = None  # the curated number whose quote holds this one most tightly
        for k in key:
            data = g.nodes[k]
            if k in used or data["type"] != e.type or data.get("value") != e.record.get("value") \
                    or data.get("unit") != e.record.get("unit"):
                continue
            for a, b in spans.get(k, []):
                if a <= at < b and (best is None or b - a < best[0]):
                    best = (b - a, k)
        if best is not None:
            out[id(e)] = best[1]
            used.add(best[1])
    return out


def evaluate(g: nx.MultiDiGraph, schema: Schema, data_dir: Path) -> Evaluation:
    """Leave-one-out evaluation over every document of ``g`` (see the module docstring)."""
    ev = Evaluation()
    for doc, meta in g.graph["documents"].items():
        text = (Path(data_dir) / "corpus" / meta["file"]).read_text(encoding="utf-8")
        registry = Registry.from_graph(g, data_dir, leave_out=doc)
        proposal = extract(text, registry, schema, doc)
        key = _key_entities(g, doc)
        matched = _match(g, proposal, key, _quote_spans(g, doc, text))
        doc_scores = {"entities": Score(), "relations": Score()}
        # entities
        proposed_entities = proposal.proposed_entities()
        found = {matched[id(e)] for e in proposed_entities if id(e) in matched}
        for e in proposed_entities:
            s = ev.entities[e.type]
            if id(e) in matched:
                s.tp += 1
                doc_scores["entities"].tp += 1
            else:
                s.fp += 1
                doc_scores["entities"].fp += 1
        for k in key:
            if k not in found:
                ev.entities[g.nodes[k]["type"]].fn += 1
                doc_scores["entities"].fn += 1
                ev.misses.append({"document": doc, "kind": "entity", "id": k, "name": g.nodes[k]["name"]})
        # relations
        truth = {(u, e["relation"], v) for u, v, e in g.edges(data=True) if e["source"] == doc}
        proposed = set()
        for f in proposal.facts:
            if f.object is None:
                continue
            s = matched.get(id(f.subject), f"new:{id(f.subject)}")
            o = matched.get(id(f.object), f"new:{id(f.object)}")
            if schema.properties[f.predicate].symmetric and (o, f.predicate, s) in truth:
                s, o = o, s
            proposed.add((s, f.predicate, o))
        for triple in proposed:
            s = ev.relations[triple[1]]
            if triple in truth:
                s.tp += 1
                doc_scores["relations"].tp += 1
            else:
                s.fp += 1
                doc_scores["relations"].fp += 1
        for triple in truth - proposed:
            ev.relations[triple[1]].fn += 1
            doc_scores["relations"].fn += 1
            ev.misses.append({"document": doc, "kind": "relation", "triple": list(triple)})
        ev.documents[doc] = doc_scores
    return ev
