"""Read the curated data folder (corpus, registry, facts, reference) into checked records.

Every problem is reported with the file, line and entry it concerns; :func:`load_dataset` refuses to
return anything when there is an error, so no caller ever sees half of a dataset.
"""

from __future__ import annotations

import csv
import math
import os
import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from zjgraph import time
from zjgraph.problems import DataError, Problem
from zjgraph.schema import Schema

ENTITY_FIELDS = {"id", "type", "name", "aliases", "note"}
FACT_FIELDS = {"subject", "predicate", "object", "value", "quote", "certainty", "rule", "date", "major", "note",
               "confidence", "span", time.START, time.END, time.POINT}
DOCUMENT_FIELDS = {"id", "file", "title", "kind", "publisher", "date", "period", "district", "note"}
ID_PATTERN = re.compile(r"[a-z]+:[a-z0-9][a-z0-9-]*")
CATALOGUE_COLUMNS = {  # attribute filled from the catalogue -> column of reference/majors_*.csv
    "catalogueName": "name",
    "catalogueLevel": "level",
    "catalogueCategory": "category_name",
    "catalogueDivision": "dalei_name",
}


@dataclass
class Document:
    id: str
    file: str
    title: str
    text: str
    meta: dict


@dataclass
class Entity:
    id: str
    type: str
    name: str
    aliases: list[str]
    attrs: dict
    note: str | None
    file: str
    line: int | None


@dataclass
class Fact:
    uid: str
    document: str
    subject: str
    predicate: str
    object: str | None
    value: object
    quotes: list[str]
    certainty: str
    rule: str | None
    times: dict  # startTime, endTime, pointInTime and timeSource where known (see zjgraph.time)
    major: list[str]
    note: str | None
    file: str
    line: int | None
    offset: int | None = None
    confidence: float | None = None
    span: tuple[int, int] | None = None


@dataclass
class Dataset:
    documents: dict[str, Document] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    local_aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    catalogue: dict[str, dict] = field(default_factory=dict)


def compact(text: str) -> str:
    """Text without whitespace: quotes match across the documents' layout line breaks."""
    return re.sub(r"\s+", "", text)


def compact_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`compact` text, and for each of its characters the offset it had in ``text``: where a quote found
    in the compact text stands in the document."""
    kept = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


def _header_lines(text: str, table: str) -> list[int]:
    """Line numbers of each ``[[table]]`` header, in order: the n-th one starts the n-th entry."""
    pattern = re.compile(rf"^[ \t]*\[\[[ \t]*{table}[ \t]*\]\]", re.M)
    out, line, pos = [], 1, 0
    for m in pattern.finditer(text):  # counted on from the previous header: a file of n entries costs n, not n²
        line += text.count("\n", pos, m.start())
        pos = m.start()
        out.append(line)
    return out


def _key_line(text: str, key: str) -> int | None:
    k = re.escape(key)  # a key (key = …, "key" = …) or a table header ([key], [[key]])
    m = re.search(rf'^[ \t]*(?:"?{k}"?[ \t]*=|\[\[?[ \t]*{k}[ \t]*\]\]?)', text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


class _Reader:
    def __init__(self, root: Path, schema: Schema):
        self.root = root
        self.schema = schema
        self.problems: list[Problem] = []
        self.data = Dataset()
        self._compact_docs: dict[str, tuple[str, list[int]]] = {}
        # the ontology's tables, built once: each call builds a dict, and a file may hold a million entries
        self.predicates = schema.predicates()
        self.record_attrs = {n for n, p in schema.attributes().items() if p.given_in == "Record"}
        self._quoted: dict[str, list[str]] = {}  # entity id -> the first few quotes (compact) found of facts about it

    def problem(self, file, line, entry, message, severity="error"):
        self.problems.append(Problem(file, line, entry, message, severity))

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def text(self, path: Path) -> str | None:
        """The UTF-8 text of ``path``, or None with a problem saying why it cannot be read."""
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            self.problem(self.rel(path), None, "file", f"not UTF-8 text ({e.reason} at byte {e.start}); save it "
                         "as UTF-8")
        except OSError as e:
            self.problem(self.rel(path), None, "file", f"cannot be read: {e.strerror or e}")
        return None

    def listing(self, folder: str, pattern: str) -> list[Path]:
        """The files of ``folder`` matching ``pattern``, sorted; a folder that exists but cannot be listed is a
        problem (a silent empty listing would check nothing and pass)."""
        path = self.root / folder
        try:
            if path.exists():
                os.listdir(path)
        except OSError as e:
            self.problem(folder + "/", None, "folder", f"cannot be read: {e.strerror or e}")
            return []
        return sorted(p for p in path.glob(pattern) if not p.is_dir())

    def toml(self, path: Path) -> tuple[dict, str] | None:
        text = self.text(path)
        if text is None:
            return None
        try:
            return tomllib.loads(text), text
        except tomllib.TOMLDecodeError as e:
            line = re.search(r"line (\d+)", str(e))
            self.problem(self.rel(path), int(line.group(1)) if line else None, "file", f"malformed TOML: {e}")
            return None

    def entries(self, path: Path, parsed: dict, text: str, table: str):
        """(line, entry) for each element of the array of tables ``table``; wrong shapes are problems."""
        items = parsed.get(table, [])
        if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
            self.problem(self.rel(path), _key_line(text, table), table, f"expected [[{table}]] tables")
            return []
        lines = _header_lines(text, table)
        if len(lines) != len(items):  # written as inline tables: no reliable line per entry
            lines = [None] * len(items)
        return list(zip(lines, items))

    # ---------------------------------------------------------------- documents and catalogue

    def read_documents(self):
        path = self.root / "corpus" / "documents.toml"
        if not path.exists():
            self.problem("corpus/documents.toml", None, "file", "missing: the corpus needs its document list")
            return
        got = self.toml(path)
        if not got:
            return
        parsed, text = got
        for line, d in self.entries(path, parsed, text, "document"):
            where = f"document {d.get('id', '?')}"
            self.unknown_fields(self.rel(path), line, where, d, DOCUMENT_FIELDS)
            missing = [k for k in ("id", "file", "title") if not d.get(k)]
            if missing:
                self.problem(self.rel(path), line, where, f"missing field(s): {', '.join(missing)}")
                continue
            wrong = [k for k in ("id", "file", "title") if not isinstance(d[k], str)]
            if wrong:
                self.problem(self.rel(path), line, where, f"{', '.join(wrong)}: expected text (a quoted string)")
                continue
            corpus = (self.root / "corpus").resolve()
            doc_path = self.root / "corpus" / d["file"]
            if not doc_path.resolve().is_relative_to(corpus):
                self.problem(self.rel(path), line, where, f"file: corpus/{d['file']} is outside the corpus folder; "
                             "a document must be a file in corpus/")
                continue
            if not doc_path.is_file():
                self.problem(self.rel(path), line, where, f"file not found: corpus/{d['file']}")
                continue
            body = self.text(doc_path)
            if body is None:
                continue
            if d["id"] in self.data.documents:
                self.problem(self.rel(path), line, where, "duplicate document id")
                continue
            meta = {k: v for k, v in d.items() if k not in ("id", "file", "title")}
            if not self.document_times(self.rel(path), line, where, meta):
                continue
            self.data.documents[d["id"]] = Document(d["id"], d["file"], d["title"], body, meta)
            self._compact_docs[d["id"]] = compact_with_offsets(body)

    def document_times(self, file, line, where, meta: dict) -> bool:
        """Check a document's publication ``date`` and ``period``; False (with a problem) when one does not parse."""
        for k, parse in (("date", time.parse_time), ("period", time.parse_period)):
            if k in meta:
                meta[k] = str(meta[k]) if isinstance(meta[k], int) and not isinstance(meta[k], bool) else meta[k]
                try:
                    parse(meta[k])
                except ValueError as err:
                    self.problem(file, line, where, f"{k}: {err}")
                    return False
        return True

    def fact_times(self, file, line, where, doc_id: str, f: dict, quotes: list[str]) -> dict:
        """The time fields of a fact: as stated (``date`` is the old name of ``startTime``), else taken from its
        document's period and marked so (see :mod:`zjgraph.time`); problems for bad times."""
        if "date" in f and time.START in f:
            self.problem(file, line, where, "both 'date' and 'startTime': 'date' is the old name of 'startTime'; "
                         "keep one")
        stated = {k: f[k] for k in (time.START, time.END, time.POINT) if f.get(k) is not None}
        if "date" in f and time.START not in f:
            stated[time.START] = f["date"]
        if not stated and self.predicates[f["predicate"]].value_is_time:  # foundingDate: its value is its time
            if time.check_times({time.POINT: f["value"]}):
                return {}  # a time in words (1980年代): when it held is in the value, not in the document's period
            stated[time.POINT] = f["value"]
        stated = {k: str(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in stated.items()}
        wrong = time.check_times(stated)
        if wrong:
            self.problem(file, line, where, f"{wrong} (a time is a year, year-month or date such as 2008, 2024-09 "
                         "or 2011-11-05, and an end is not before the start)")
            return {}
        period = self.data.documents[doc_id].meta.get("period")
        if not stated:
            if period is None:
                return {}
            start, end = time.period_bounds(period)
            return {time.START: start, time.END: end, time.SOURCE: time.DOCUMENT}
        if period is not None:
            first, last = time.parse_period(period)
            text = compact("".join(quotes))
            for k, v in stated.items():
                a, b = time.parse_time(v)
                if (b < first or a > last) and v[:4] not in text:
                    self.problem(file, line, where, f"{k} {v} is outside the period {doc_id} reports on ({period}) "
                                 f"and the quote does not give it; quote the words that date it, or drop {k}")
        return {**stated, time.SOURCE: time.STATED}

    def read_catalogue(self):
        for path in self.listing("reference", "majors_*.csv"):
            text = self.text(path)
            if text is None:
                continue
            rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
            needed = {"code", *CATALOGUE_COLUMNS.values()} - set(rows.fieldnames or ())
            if needed:
                self.problem(self.rel(path), None, "header", f"no column(s) {', '.join(sorted(needed))}; the header "
                             f"has: {', '.join(rows.fieldnames or ())}")
                continue
            for number, row in enumerate(rows, 2):
                if None in row or any(v is None for v in row.values()):
                    self.problem(self.rel(path), None, f"row {number}", "the number of cells is not the header's")
                    continue
                self.data.catalogue[row["code"]] = row

    # ---------------------------------------------------------------- entities

    def unknown_fields(self, file, line, where, record, allowed):
        for k in record:
            if k not in allowed:
                self.problem(file, line, where, f"unknown field '{k}'; expected one of: {', '.join(sorted(allowed))}")

    def read_entity(self, file: str, line: int | None, e: dict):
        where = f"entity {e.get('id', '?')}"
        classes = self.schema.entity_classes()
        for k in ("id", "type", "name"):
            if not isinstance(e.get(k), str) or not e.get(k).strip():
                self.problem(file, line, where, f"missing or empty field '{k}'")
                return
        eid, etype = e["id"], e["type"]
        if not ID_PATTERN.fullmatch(eid):
            self.problem(file, line, where, "id must look like prefix:slug (lowercase a-z, 0-9, -)")
            return
        if etype not in classes:
            self.problem(file, line, where, f"unknown type '{etype}'; expected one of: {', '.join(sorted(classes))}")
            return
        if eid.split(":", 1)[0] != classes[etype].id_prefix:
            self.problem(file, line, where, f"a {etype} id starts with '{classes[etype].id_prefix}:'")
        aliases = e.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            self.problem(file, line, where, "aliases must be a list of non-empty strings")
            aliases = []
        for n in [e["name"], *aliases]:
            # matching ignores whitespace, so “交职校　” would be one more claim on 交职校, made invisibly
            if n != n.strip() or any(ch.isspace() and ch != " " or ord(ch) < 0x20 for ch in n):
                self.problem(file, line, where, f"name or alias {n!r} has leading or trailing whitespace or a "
                             "control character (a full-width space U+3000?); write it as the document does")
        attrs = {}
        record_attrs = self.record_attrs
        for k, v in e.items():
            if k in ENTITY_FIELDS:
                continue
            prop = self.schema.properties.get(k)
            if k not in record_attrs or not self.schema.applies_to(k, etype):
                allowed = sorted(ENTITY_FIELDS | {a for a in record_attrs if self.schema.applies_to(a, etype)})
                hint = " (an attribute stated by a document goes in a fact with a quote)" if prop else ""
                self.problem(file, line, where, f"unknown field '{k}' for a {etype}{hint}; expected one of: "
                             f"{', '.join(allowed)}")
                continue
            if self.check_value(file, line, where, k, v):
                attrs[k] = v
        if eid in self.data.entities:
            first = self.data.entities[eid]
            self.problem(file, line, where, f"duplicate id: already defined at {first.file}:{first.line}")
            return
        self.data.entities[eid] = Entity(eid, etype, e["name"], aliases, attrs, e.get("note"), file, line)

    def check_value(self, file, line, where, prop_name: str, value) -> bool:
        prop = self.schema.properties[prop_name]
        if prop.value_scheme:
            allowed = self.schema.schemes[prop.value_scheme]
            if not isinstance(value, str) or value not in allowed:
                self.problem(file, line, where, f"{prop_name} = {value!r} is not one of: {', '.join(allowed)}")
                return False
        elif prop.datatype == "decimal" and (isinstance(value, bool) or not isinstance(value, int | float)
                                             or not math.isfinite(value)):
            self.problem(file, line, where, f"{prop_name} must be a finite number, got {value!r}")
            return False
        elif prop.datatype == "gYear" and not re.fullmatch(r"\d{4}", str(value)):
            self.problem(file, line, where, f"{prop_name} must be a year such as 2027, got {value!r}")
            return False
        elif prop.datatype in ("string", "langString") and not isinstance(value, str):
            self.problem(file, line, where, f"{prop_name} must be a string, got {value!r}")
            return False
        return True

    # ---------------------------------------------------------------- facts

    def read_facts_file(self, path: Path, parsed: dict, text: str):
        file = self.rel(path)
        doc_id = parsed.get("document")
        if not isinstance(doc_id, str) or doc_id not in self.data.documents:
            known = (f"expected one of: {', '.join(self.data.documents)}" if self.data.documents else
                     "corpus/documents.toml describes no document that could be read")
            self.problem(file, _key_line(text, "document"), "document", f"unknown document {doc_id!r}; {known}")
            return
        for k in parsed:
            if k not in ("document", "aliases", "entity", "fact"):
                self.problem(file, _key_line(text, k), k, "unknown table; expected document, [aliases], "
                             "[[entity]] or [[fact]]")
        aliases = parsed.get("aliases", {})
        if not isinstance(aliases, dict):
            self.problem(file, _key_line(text, "aliases"), "aliases", "expected an [aliases] table")
            aliases = {}
        self.data.local_aliases[doc_id] = {}
        for alias, target in aliases.items():
            line = _key_line(text, alias)
            if compact(alias) not in self._compact_docs[doc_id][0]:
                self.problem(file, line, f"alias {alias}", f"does not occur in {doc_id}")
            self.data.local_aliases[doc_id][alias] = target
            self._alias_lines[(doc_id, alias)] = (file, line)
        for index, (line, f) in enumerate(self.entries(path, parsed, text, "fact"), 1):
            self.read_fact(file, line, index, doc_id, f)

    def read_fact(self, file, line, index, doc_id, f: dict):
        where = f"fact #{index}"
        self.unknown_fields(file, line, where, f, FACT_FIELDS)
        for k in ("subject", "predicate"):
            if not isinstance(f.get(k), str) or not f.get(k):
                self.problem(file, line, where, f"missing field '{k}'")
                return
        pred = f["predicate"]
        where = f"fact #{index} ({f['subject']} {pred} {f.get('object', f.get('value', '?'))})"
        prop = self.predicates.get(pred)
        if prop is None:
            known = ", ".join(sorted(self.schema.relations()) + sorted(self.schema.attributes()))
            self.problem(file, line, where, f"unknown predicate '{pred}'; expected a relation or attribute of the "
                         f"ontology: {known}")
            return
        if prop.kind == "relation" and ("object" not in f or "value" in f):
            self.problem(file, line, where, f"'{pred}' is a relation: give 'object' (an entity id), not 'value'")
            return
        if prop.kind == "attribute":
            if "value" not in f or "object" in f:
                self.problem(file, line, where, f"'{pred}' is an attribute: give 'value', not 'object'")
                return
            if prop.given_in != "Fact":
                self.problem(file, line, where, f"'{pred}' is written in the entity record, not as a fact")
                return
            if not self.check_value(file, line, where, pred, f["value"]):
                return
        quotes = f.get("quote")
        quotes = [quotes] if isinstance(quotes, str) else quotes
        if not quotes or not all(isinstance(q, str) and q.strip() for q in quotes):
            self.problem(file, line, where, "missing 'quote': every fact needs a verbatim quote from its document")
            return
        certainty = f.get("certainty", "stated")
        if certainty not in self.schema.schemes["CertaintyScheme"]:
            self.problem(file, line, where, f"certainty {certainty!r} is not one of: "
                         f"{', '.join(self.schema.schemes['CertaintyScheme'])}")
        rules = self.schema.schemes["InferenceRuleScheme"]
        if certainty == "inferred" and f.get("rule") not in rules:
            self.problem(file, line, where, f"an inferred fact names its rule; rule {f.get('rule')!r} is not one of: "
                         f"{', '.join(rules)}")
        elif "rule" in f and f["rule"] not in rules:
            self.problem(file, line, where, f"rule {f['rule']!r} is not one of: {', '.join(rules)}")
        if certainty == "ambiguous" and not f.get("note"):
            self.problem(file, line, where, "an ambiguous fact needs a 'note' saying what is unclear")
        confidence = f.get("confidence")
        if confidence is not None and (isinstance(confidence, bool) or not isinstance(confidence, int | float)
                                       or not 0 <= confidence <= 1):
            self.problem(file, line, where, f"confidence must be a number from 0 to 1, got {confidence!r}")
            confidence = None
        span = f.get("span")
        if span is not None and not (isinstance(span, list) and len(span) == 2
                                     and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
                                     and 0 <= span[0] < span[1] <= len(self.data.documents[doc_id].text)):
            self.problem(file, line, where, f"span must be [start, end], character offsets in {doc_id} "
                         f"(0 to {len(self.data.documents[doc_id].text)}), got {span!r}")
            span = None
        major = f.get("major", [])
        major = [major] if isinstance(major, str) else major
        fact = Fact(
            uid=f"{doc_id}#{index}", document=doc_id, subject=f["subject"], predicate=pred,
            object=f.get("object"), value=f.get("value"), quotes=list(quotes), certainty=certainty,
            rule=f.get("rule"), times=self.fact_times(file, line, where, doc_id, f, list(quotes)), major=list(major),
            note=f.get("note"), file=file, line=line, confidence=confidence,
            span=tuple(span) if span else None,
        )
        fact.offset = self.locate_quotes(fact, where)
        if fact.span and compact(fact.quotes[0]) not in compact(self.data.documents[doc_id].text[slice(*fact.span)]):
            self.problem(file, line, where, f"span {list(fact.span)} does not hold the quote “{fact.quotes[0]}”; "
                         "correct the span or delete it")
        self.data.facts.append(fact)

    def locate_quotes(self, fact: Fact, where: str) -> int | None:
        """Where the fact's first quote starts in its document; a problem for each quote it does not hold.

        A quote is looked for inside the fact's ``span`` first: a search of the whole document costs its length,
        and a document of a million rows (a spreadsheet, whose facts give their row's span) has a million quotes.
        """
        text, offsets = self._compact_docs[fact.document]
        first, found = None, []
        for q in fact.quotes:
            cq = compact(q)
            pos = -1
            if fact.span:
                pos = text.find(cq, bisect_left(offsets, fact.span[0]), bisect_left(offsets, fact.span[1]))
            if pos < 0:
                pos = text.find(cq)
            if pos < 0:
                self.problem(fact.file, fact.line, where, f"quote not found in {fact.document}: “{q}”")
                continue
            found.append(cq)
            if first is None:
                first = offsets[pos]
        for end in (fact.subject, fact.object):
            kept = self._quoted.setdefault(end, []) if isinstance(end, str) else None
            if kept is not None and len(kept) < 4:  # a few suffice to find the name; a hub has thousands
                kept += found[:4 - len(kept)]
        return first

    # ---------------------------------------------------------------- cross-references

    def check_references(self):
        ents = self.data.entities
        missing: list[Problem] = []  # references to unknown entities

        def unknown(file, line, entry, message):
            missing.append(Problem(file, line, entry, message))

        for fact in self.data.facts:
            where = f"fact #{fact.uid.split('#')[1]} ({fact.subject} {fact.predicate} {fact.object or fact.value})"
            prop = self.schema.properties[fact.predicate]
            ends = [("subject", fact.subject, prop.domain, "does not apply to")]
            if prop.kind == "relation":
                ends.append(("object", fact.object, prop.range, "cannot point to"))
            for end, eid, allowed, verb in ends:
                entity = ents.get(eid)
                if entity is None:
                    unknown(fact.file, fact.line, where, f"{end} {eid!r} is not a known entity")
                elif not self.schema.is_a(entity.type, allowed):
                    self.problem(fact.file, fact.line, where, f"'{fact.predicate}' {verb} a {entity.type}; "
                                 f"its {end} is a {' or '.join(sorted(allowed))}")
            for m in fact.major:
                if m not in ents:
                    unknown(fact.file, fact.line, where, f"major {m!r} is not a known entity")
                elif ents[m].type != "Major":
                    self.problem(fact.file, fact.line, where, f"major {m!r} is not a known Major")
        for doc_id, table in self.data.local_aliases.items():
            for alias, target in table.items():
                file, line = self._alias_lines[(doc_id, alias)]
                if target not in ents:
                    unknown(file, line, f"alias {alias}", f"points to unknown entity {target!r}")
                    continue
                owner = self._names.get(alias)
                if owner and owner != target:
                    self.problem(file, line, f"alias {alias}", f"is already the name or alias of {owner}; a "
                                 f"document-local alias cannot point to {target}")
        if self._unread_registry and len(missing) > 3:
            # the unread file's entities are all missing: its own problem must not drown under what follows from it
            missing[3:] = [Problem(self._unread_registry[0], None, "references", f"{len(missing) - 3} more "
                                   "references to unknown entities, probably defined in the registry file(s) that "
                                   f"could not be read: {', '.join(self._unread_registry)}")]
        self.problems += missing

    def check_names(self):
        corpus = "".join(c for c, _ in self._compact_docs.values())
        for e in self.data.entities.values():
            if not self.schema.classes[e.type].name_in_source:
                continue
            quoted = self._quoted.get(e.id, ())
            for n in [e.name, *e.aliases]:
                cn = compact(n)
                # a quote about the entity is in the corpus: finding the name there spares a search of the corpus
                if not any(cn in q for q in quoted) and cn not in corpus:
                    self.problem(e.file, e.line, f"entity {e.id}", f"name or alias “{n}” does not occur in any "
                                 "corpus document")
                owner = self._names.setdefault(n, e.id)
                if owner != e.id:
                    first = self.data.entities[owner]
                    self.problem(e.file, e.line, f"entity {e.id}", f"alias collision: “{n}” is also claimed by "
                                 f"{owner} ({first.file}:{first.line})")

    def check_measures(self):
        """Two values for one measure and period from one source are an error: a document reports one number per
        subject, measure and period (documents that disagree are fine, see :func:`zjgraph.time.preferred`)."""
        seen: dict[tuple, Entity] = {}
        for fact in self.data.facts:
            ind = self.data.entities.get(fact.object) if fact.predicate == "reportsIndicator" else None
            if ind is None or "measure" not in ind.attrs:
                continue
            period = ind.attrs.get("period", self.data.documents[fact.document].meta.get("period"))
            key = (fact.document, fact.subject, ind.attrs["measure"], period)
            first = seen.setdefault(key, ind)
            numbers = [(e.attrs.get("value"), e.attrs.get("valueMax"), e.attrs.get("unit")) for e in (first, ind)]
            if first is not ind and numbers[0] != numbers[1]:
                self.problem(ind.file, ind.line, f"entity {ind.id}", f"{fact.document} gives two values for "
                             f"“{ind.attrs['measure']}” of {fact.subject} for the period {period or '(none given)'}: "
                             f"{first.id} ({first.file}:{first.line}) says {first.attrs.get('value')}, this one "
                             f"{ind.attrs.get('value')}; keep one, or give each its period")

    def fill_catalogue(self):
        for e in self.data.entities.values():
            code = e.attrs.get("catalogueCode")
            if code is None:
                if "catalogueMatch" in e.attrs:
                    self.problem(e.file, e.line, f"entity {e.id}", "catalogueMatch without catalogueCode")
                continue
            row = self.data.catalogue.get(code)
            if row is None:
                self.problem(e.file, e.line, f"entity {e.id}", f"catalogueCode {code!r} is not in the 2021 catalogue "
                             "(reference/majors_*.csv)")
                continue
            match = e.attrs.get("catalogueMatch")
            if match is None:
                self.problem(e.file, e.line, f"entity {e.id}", "catalogueCode needs catalogueMatch (exact or close)")
            elif match == "exact" and row["name"] != e.name:
                self.problem(e.file, e.line, f"entity {e.id}", f"catalogueMatch is exact but {code} is named "
                             f"“{row['name']}”, not “{e.name}”")
            elif match == "close" and not e.note:
                self.problem(e.file, e.line, f"entity {e.id}", "a close catalogue match needs a note explaining it")
            for attr, column in CATALOGUE_COLUMNS.items():
                e.attrs[attr] = row[column]

    # ---------------------------------------------------------------- the whole folder

    def read(self) -> Dataset:
        self._names: dict[str, str] = {}
        self._unread_registry: list[str] = []  # registry files that could not be read: their entities are missing
        self._alias_lines: dict[tuple[str, str], tuple[str, int | None]] = {}
        if not self.root.is_dir():
            self.problem(str(self.root), None, "folder", "data folder not found")
            return self.data
        self.read_documents()
        self.read_catalogue()
        facts_files = []
        for path in self.listing("registry", "*.toml") + self.listing("facts", "*.toml"):
            got = self.toml(path)
            if not got:
                if path.parent.name == "registry":
                    self._unread_registry.append(self.rel(path))
                continue
            parsed, text = got
            if path.parent.name == "registry":
                for k in parsed:
                    if k != "entity":
                        self.problem(self.rel(path), _key_line(text, k), k, "a registry file holds only [[entity]]")
            for line, e in self.entries(path, parsed, text, "entity"):
                self.read_entity(self.rel(path), line, e)
            if path.parent.name == "facts":
                facts_files.append((path, parsed, text))
        for path, parsed, text in facts_files:
            self.read_facts_file(path, parsed, text)
        self.check_names()
        self.check_references()
        self.check_measures()
        self.fill_catalogue()
        return self.data


def read_dataset(root: Path, schema: Schema) -> tuple[Dataset, list[Problem]]:
    """Read and check the data folder ``root``; return the dataset with every problem found."""
    reader = _Reader(Path(root), schema)
    data = reader.read()
    return data, reader.problems


def load_dataset(root: Path, schema: Schema) -> Dataset:
    """Read the data folder ``root``; raise :class:`DataError` listing every error if there is any."""
    data, problems = read_dataset(root, schema)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return data
