"""What the extractor proposes for one report, written in the curated data format (TOML) or as JSON.

The TOML is a facts file (``zjgraph/data/README.md``): ``document``, ``[aliases]`` for short forms the report
defines for known entities, ``[[entity]]`` for new entities (ids ``prefix:x-<hash of the name>``, to be renamed
by the reviewer) and ``[[fact]]`` entries with ``certainty = "extracted"``, a ``confidence`` and the ``span``
of the quote in the document.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from zjgraph.extract.facts import Proposed
from zjgraph.extract.names import Entity
from zjgraph.extract.text import Text
from zjgraph.schema import Schema

HEADER = """\
# Proposed by `zjgraph extract` from {source}.
# Every fact says certainty = "extracted": review each one, then accept it (set certainty to stated, or
# inferred with its rule; rename the new ids; fix names) or delete it. Put the report's text in corpus/ and
# describe it in corpus/documents.toml, then run `zjgraph validate`.
"""


@dataclass
class Proposal:
    document: str
    source: str | None
    entities: list[Entity]
    facts: list[Proposed]
    text: Text | None = None  # the report as read, and its normalised view
    ids: dict[int, str] = field(default_factory=dict)

    def assign_ids(self, schema: Schema) -> None:
        """Known entities keep their id; a new one gets ``prefix:x-<hash>`` (unique within the proposal)."""
        classes = schema.entity_classes()
        taken = set()
        for e in self.entities:
            if e.known is not None:
                self.ids[id(e)] = e.known.id
                continue
            digest = hashlib.sha1(f"{e.type}:{e.name}:{e.mentions[0].start if e.mentions else 0}".encode())
            n = 8
            while (eid := f"{classes[e.type].id_prefix}:x-{digest.hexdigest()[:n]}") in taken:
                n += 1
            taken.add(eid)
            self.ids[id(e)] = eid

    def id(self, e: Entity) -> str:
        return self.ids[id(e)]

    def new_entities(self) -> list[Entity]:
        return [e for e in self.entities if e.known is None]

    def proposed_entities(self) -> list[Entity]:
        """The entities the report mentions (outside page furniture), new and known alike, and those a proposed
        fact is about; places only where a fact is about them (the pipeline leaves the others out)."""
        used = {id(x) for f in self.facts for x in (f.subject, f.object) if x is not None}
        return [e for e in self.entities if e.known is None or e.mentions or id(e) in used]

    def local_aliases(self) -> dict[str, str]:
        """Short forms the report uses for known entities that the registry does not list."""
        out = {}
        for e in self.entities:
            if e.known is not None:
                for n in e.local_names:
                    out.setdefault(n, e.known.id)
        return out

    def as_dict(self) -> dict:
        return {
            "document": self.document,
            "source": self.source,
            "aliases": self.local_aliases(),
            "entities": [_entity_record(e, self.id(e)) for e in self.new_entities()],
            "facts": [self.fact_record(f) for f in self.facts],
        }

    def fact_record(self, f: Proposed) -> dict:
        rec = {"subject": self.id(f.subject), "predicate": f.predicate}
        if f.object is not None:
            rec["object"] = self.id(f.object)
        else:
            rec["value"] = f.value
        rec.update(quote=f.quote, certainty="extracted", confidence=f.confidence, span=[f.start, f.end])
        if f.rule:  # not said in so many words: to accept it, certainty = "inferred" with this rule (in TOML a comment)
            rec["suggested_certainty"] = "inferred"
            rec["rule"] = f.rule
        if f.note:
            rec["note"] = f.note
        return rec

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)

    def to_toml(self) -> str:
        d = self.as_dict()
        source = _toml(self.source)[1:-1] if self.source else "a report"  # a file name may hold a line break
        lines = [HEADER.format(source=source), f"document = {_toml(self.document)}", ""]
        # Aliases already in the registry would collide; only the report's own forms are listed.
        if d["aliases"]:
            lines.append("[aliases]")
            lines += [f"{_toml(k)} = {_toml(v)}" for k, v in d["aliases"].items()]
            lines.append("")
        for rec in d["entities"]:
            lines.append("[[entity]]")
            lines += [f"{k} = {_toml(v)}" for k, v in rec.items()]
            lines.append("")
        for rec in d["facts"]:
            lines.append("[[fact]]")
            if rec.pop("suggested_certainty", None) == "inferred":  # a facts file has no such field: a comment
                lines.append(f'# inferred ({rec["rule"]}), not stated: accept it as certainty = "inferred"')
            lines += [f"{k} = {_toml(v)}" for k, v in rec.items()]
            lines.append("")
        return "\n".join(lines)


def _entity_record(e: Entity, eid: str) -> dict:
    rec = {"id": eid, "type": e.type, "name": e.name}
    if len(e.names) > 1:
        rec["aliases"] = e.names[1:]
    rec.update(e.record)
    return rec


def _toml(value) -> str:
    """A TOML value: JSON's string escapes are valid TOML basic-string escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")  # TOML refuses a raw DEL
