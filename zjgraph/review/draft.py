"""What a review starts from: a report's text, the extractor's proposal for it, and for each proposed new entity
the existing entities it may be.

The proposal is made against the data folder as it would be without this document: a document saved by an earlier
review is left out (in a scratch copy), so reopening a report proposes its entities as new again, not as the ones
the earlier save added.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from zjgraph.review.candidates import Candidate, candidates
from zjgraph.review.earlier import earlier_decisions
from zjgraph.review.layout import Layout

UNNAMED = ("Indicator", "Target")  # described, not named: never matched to existing entities


@dataclass
class DraftEntity:
    key: str  # the proposal's id: the known entity's id, or prefix:x-<hash> for a new one
    type: str
    name: str
    names: list[str]
    known: bool
    record: dict
    spans: list[tuple[int, int]]
    suggested_id: str | None = None  # a readable id for a new entity
    candidates: list[Candidate] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"key": self.key, "type": self.type, "name": self.name, "names": self.names, "known": self.known,
                "record": self.record, "spans": [list(s) for s in self.spans], "suggested_id": self.suggested_id,
                "candidates": [c.as_dict() for c in self.candidates]}


@dataclass
class DraftFact:
    n: int  # 1-based, in the proposal's order
    subject: str
    predicate: str
    object: str | None
    value: object
    quote: str
    span: tuple[int, int]
    confidence: float
    rule: str | None
    note: str | None

    def as_dict(self) -> dict:
        return {"n": self.n, "subject": self.subject, "predicate": self.predicate, "object": self.object,
                "value": self.value, "quote": self.quote, "span": list(self.span), "confidence": self.confidence,
                "rule": self.rule, "note": self.note}


@dataclass
class Draft:
    doc_id: str
    source: str
    text: str
    title: str
    district: str | None
    entities: list[DraftEntity]
    facts: list[DraftFact]
    aliases: dict[str, str]  # short forms of known entities the registry lacks
    kg: object  # the graph the proposal was made against (the data folder without this document)
    earlier: dict = field(default_factory=dict)  # the decisions an earlier save stands for (see earlier.py)

    def entity(self, key: str) -> DraftEntity | None:
        return next((e for e in self.entities if e.key == key), None)

    def as_dict(self) -> dict:
        return {"document": self.doc_id, "source": self.source, "title": self.title, "district": self.district,
                "text": self.text, "aliases": self.aliases, "entities": [e.as_dict() for e in self.entities],
                "facts": [f.as_dict() for f in self.facts], "earlier": self.earlier}


def _title(text: str, fallback: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first[:80] or fallback


def _district(proposal) -> str | None:
    """The district the report is most about: the known district its proposal mentions most often."""
    counts = Counter({e.known.id: len(e.mentions) for e in proposal.entities
                      if e.known is not None and e.type == "District"})
    return counts.most_common(1)[0][0] if counts else None


def baseline(data_dir: Path, doc_id: str, scratch: Path):
    """The graph of ``data_dir`` without an earlier review's save of ``doc_id`` (a copy in ``scratch`` is made
    only when there is one to leave out)."""
    from zjgraph.graph import KnowledgeGraph

    layout = Layout(data_dir, doc_id)
    if not layout.saved_before():
        return KnowledgeGraph.load(data_dir)
    copy = scratch / "data"
    shutil.copytree(data_dir, copy, symlinks=True)
    Layout(copy, doc_id).remove()
    return KnowledgeGraph.load(copy)


def open_report(report: Path | str, data_dir: Path | str, doc_id: str | None = None) -> Draft:
    """Read ``report``, propose its entities and facts against ``data_dir``, and find candidates for each new
    entity. Raises :class:`zjgraph.extract.ReadError` for a report that cannot be read, and
    :class:`zjgraph.problems.DataError` when the data folder does not load."""
    from zjgraph import files
    from zjgraph.extract import document_id, extract_files, read_document

    report, data_dir = Path(report), Path(data_dir)
    read_document(report)  # a ReadError before anything else is done
    doc_id = doc_id or document_id(report)
    with files.scratch("zjgraph-review") as scratch:
        kg = baseline(data_dir, doc_id, scratch)
        proposal = extract_files([report], kg, [doc_id])[0]
    text = proposal.text.original
    district = _district(proposal)
    classes = kg.schema.entity_classes()
    slug = doc_id.split(":", 1)[1]
    numbers: Counter = Counter()
    entities = []
    for e in proposal.proposed_entities():
        key = proposal.id(e)
        spans = sorted({proposal.text.span(m.start, m.end) for m in e.mentions if m.end > m.start})
        de = DraftEntity(key, e.type, e.name, list(e.names) or [e.name], e.known is not None, dict(e.record), spans)
        if e.known is None:
            prefix = classes[e.type].id_prefix
            numbers[prefix] += 1
            de.suggested_id = f"{prefix}:{slug}-{numbers[prefix]}"
            if e.type not in UNNAMED:
                de.candidates = candidates(kg, e.name, e.type, district)
        entities.append(de)
    facts = []
    for n, f in enumerate(proposal.facts, 1):
        rec = proposal.fact_record(f)
        facts.append(DraftFact(n, rec["subject"], rec["predicate"], rec.get("object"), rec.get("value"),
                               rec["quote"], tuple(rec["span"]), rec["confidence"], rec.get("rule"),
                               rec.get("note")))
    draft = Draft(doc_id, str(report), text, _title(text, doc_id), district, entities, facts,
                  proposal.local_aliases(), kg)
    draft.earlier = earlier_decisions(Layout(data_dir, doc_id), draft)
    return draft


def slug_ok(doc_id: str) -> bool:
    return re.fullmatch(r"doc:[a-z0-9][a-z0-9-]*", doc_id) is not None
