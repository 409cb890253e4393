"""Join a bureau's spreadsheets (CSV saved by Excel) to the graph through a declared column mapping.

The mapping (TOML) lists one ``[[table]]`` per CSV file: the source document the file becomes, the
columns that name entities (``[[table.entity]]``: column, type, whether it must already exist), the
relations each row states between them (``[[table.relation]]``) and the attributes it gives
(``[[table.attribute]]``); see ``zjgraph/data/examples/bureau/mapping.toml``. Names resolve through the
graph's names and aliases (:meth:`zjgraph.KnowledgeGraph.resolve`); a name the graph does not know
becomes a new entity, unless the mapping says it must exist.

A table may say the ``period`` its file reports on (``period = "2024"``, ``zj:reportingPeriod``): its document
gets it, and a row's facts take their time from it (time source ``document``, see :mod:`zjgraph.time`), so a
bureau's 2023 and 2024 sheets load into one data folder side by side. Columns named by ``start`` and ``end``
give the start and end time of a row's relations instead (time source ``stated``: the row, which is the
quote, gives them).
A ``[[table.indicator]]`` makes each row report a number about an entity column (an ``Indicator``: measure,
value, unit, for the file's period). A period that does not parse is an error naming the mapping file and the
table's line; a time cell that does not parse, an end before the start, a value that is not a number, and a
second value for one subject and measure in one file (one source reports one value per subject, measure and
period) make their row bad, reported as ``FILE:ROW``.

Every fact keeps its provenance: the CSV file is its source document (copied, as UTF-8, into the data
folder's corpus) and the quote is the row's verbatim text. Files may be UTF-8 with or without a
byte-order mark, or GB18030 (what Excel writes on a Chinese Windows). Each bad row is reported as
``FILE:ROW: reason`` (the header is row 1, as in Excel) and left out; the good rows are kept.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from zjgraph.loaders.curated import ID_PATTERN, _header_lines, compact, read_dataset

from zjgraph.files import locked, replacing_folder, scratch, sweep
from zjgraph.problems import DataError, Problem
from zjgraph.resolve import Ambiguous, NotFound
from zjgraph.schema import Schema
from zjgraph.time import END, START, check_times, parse_period, parse_time

TABLE_FIELDS = {"file", "document", "title", "kind", "publisher", "date", "period", "district", "note", "start", "end",
                "entity", "relation", "attribute", "indicator"}
DOCUMENT_META = ("kind", "publisher", "date", "period", "district", "note")


# ---------------------------------------------------------------- the mapping


@dataclass
class EntityColumn:
    column: str
    type: str
    existing: bool = False  # the name must resolve to an entity the graph already has
    optional: bool = False  # an empty cell is allowed: the row's facts about it are left out


@dataclass
class IndicatorColumn:
    entity: str  # the entity column: who or what the number is about (it reportsIndicator)
    measure: str  # what is measured, the same for every row (合作企业数)
    column: str  # the column of the number
    unit: str | None = None


@dataclass
class Table:
    file: str
    document: str
    title: str
    meta: dict
    entities: dict[str, EntityColumn]
    relations: list[tuple[str, str, str]]  # (subject column, predicate, object column)
    attributes: list[tuple[str, str, str]]  # (entity column, predicate, value column)
    times: dict[str, str] = field(default_factory=dict)  # startTime/endTime -> the column giving a row's own time
    indicators: list[IndicatorColumn] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.document.split(":", 1)[1]


def read_mapping(path: Path | str, schema: Schema) -> list[Table]:
    """The tables a mapping file declares; raises :class:`DataError` naming every mistake in it."""
    path = Path(path)
    problems: list[Problem] = []

    try:
        text = path.read_text(encoding="utf-8")
        parsed = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise DataError([Problem(str(path), None, "file", f"cannot read the mapping: {e}")]) from e
    lines = _header_lines(text, "table")
    classes = schema.entity_classes()
    tables = []
    for number, t in enumerate(parsed.get("table", [])):
        where = f"table {t.get('file', '?')}"
        line = lines[number] if number < len(lines) else None

        def problem(entry, message, line=line):
            problems.append(Problem(str(path), line, entry, message))

        for k in set(t) - TABLE_FIELDS:
            problem(where, f"unknown field '{k}'; expected one of: {', '.join(sorted(TABLE_FIELDS))}")
        if not all(isinstance(t.get(k), str) for k in ("file", "document", "title")):
            problem(where, "a table needs 'file' (the CSV file name), 'document' (doc:slug) and 'title'")
            continue
        if not ID_PATTERN.fullmatch(t["document"]) or not t["document"].startswith("doc:"):
            problem(where, f"document {t['document']!r} must look like doc:slug (lowercase a-z, 0-9, -)")
        entities = {}
        for e in t.get("entity", []):
            if e.get("type") not in classes or not isinstance(e.get("column"), str):
                problem(where, f"entity {e}: needs 'column' and 'type', one of: {', '.join(sorted(classes))}")
                continue
            entities[e["column"]] = EntityColumn(e["column"], e["type"], bool(e.get("existing")),
                                                 bool(e.get("optional")))
        relations, attributes = [], []
        for r in t.get("relation", []):
            prop = schema.relations().get(r.get("predicate"))
            s, o = entities.get(r.get("subject")), entities.get(r.get("object"))
            if prop is None or s is None or o is None:
                problem(where, f"relation {r}: 'subject' and 'object' name entity columns, 'predicate' a relation "
                        f"of the ontology ({', '.join(sorted(schema.relations()))})")
            elif not schema.is_a(s.type, prop.domain) or not schema.is_a(o.type, prop.range):
                problem(where, f"relation {r['predicate']} goes from {' or '.join(sorted(prop.domain))} to "
                        f"{' or '.join(sorted(prop.range))}, not from {s.type} to {o.type}")
            else:
                relations.append((s.column, r["predicate"], o.column))
        for a in t.get("attribute", []):
            prop = schema.attributes().get(a.get("predicate"))
            e = entities.get(a.get("entity"))
            if prop is None or e is None or not isinstance(a.get("column"), str):
                problem(where, f"attribute {a}: 'entity' names an entity column, 'column' the value's column, "
                        "'predicate' an attribute of the ontology")
            elif prop.given_in != "Fact" or not schema.applies_to(prop.name, e.type):
                problem(where, f"attribute {prop.name} cannot be stated about a {e.type}")
            else:
                attributes.append((e.column, prop.name, a["column"]))
        indicators = []
        for i in t.get("indicator", []):
            given = all(isinstance(i.get(k), str) and i[k] for k in ("measure", "column"))
            if i.get("entity") not in entities or not given or not isinstance(i.get("unit", ""), str):
                problem(where, f"indicator {i}: 'entity' names an entity column, 'measure' what is measured (text), "
                        "'column' the column of the number, 'unit' (optional) its unit")
            else:
                indicators.append(IndicatorColumn(i["entity"], i["measure"], i["column"], i.get("unit")))
        meta = {k: str(t[k]) if k in ("date", "period") and isinstance(t[k], int) else t[k]
                for k in DOCUMENT_META if k in t}
        for k, parse in (("date", parse_time), ("period", parse_period)):
            try:
                if k in meta:
                    parse(meta[k])
            except ValueError as err:
                problem(where, f"{k}: {err}")
        times = {}
        for k, name in (("start", START), ("end", END)):
            if k in t and not isinstance(t[k], str):
                problem(where, f"{k}: the name of the column that gives a row's own {name}, as text")
            elif k in t:
                times[name] = t[k]
        tables.append(Table(t["file"], t["document"], t["title"], meta, entities, relations, attributes, times,
                            indicators))
    if not tables and not problems:
        problems.append(Problem(str(path), None, "table", "the mapping declares no [[table]]"))
    if problems:
        raise DataError(problems)
    return tables


# ---------------------------------------------------------------- reading a CSV file


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a CSV file as Excel saves it: UTF-8 with or without BOM, else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


class BadTable(ValueError):
    """The file cannot be read as CSV from row ``row`` on."""

    def __init__(self, row: int, message: str):
        self.row = row
        super().__init__(message)


def read_rows(text: str) -> tuple[list[str], list[tuple[int, str, list[str], int]]]:
    """The header and (row number, verbatim text, cells, offset of the text) of each non-empty row; the header
    is row 1."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, start = [], 1
    try:
        header = [h.strip() for h in next(reader, [])]
        start = reader.line_num + 1
        for cells in reader:
            if any(c.strip() for c in cells):
                last = lines[reader.line_num - 1]
                raw = "".join(lines[start - 1:reader.line_num - 1]) + (last.splitlines() or [""])[0]
                rows.append((start, raw, cells, starts[start - 1]))
            start = reader.line_num + 1
    except csv.Error as e:  # a cell past the csv module's limit (131,072 characters): a quote left open?
        raise BadTable(start, f"cannot read the row: {e} (a cell with an unclosed quote runs on to the end)") from e
    return header, rows


# ---------------------------------------------------------------- rows to facts


@dataclass
class TableResult:
    table: Table
    path: Path
    text: str
    encoding: str
    rows: int = 0
    good: int = 0
    entities: list[dict] = field(default_factory=list)  # new entities
    facts: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def new_entity_id(schema: Schema, etype: str, name: str) -> str:
    """A stable id for a new entity: the same name of the same type always gets the same id."""
    digest = hashlib.sha1(f"{etype}\0{name}".encode()).hexdigest()[:10]
    return f"{schema.classes[etype].id_prefix}:s-{digest}"


class _Rows:
    """Turns the rows of one table into entities and facts, against the graph ``kg`` and earlier tables."""

    def __init__(self, kg, new_names: dict[tuple[str, str], str]):
        self.kg, self.schema, self.new_names = kg, kg.schema, new_names
        self.closest: dict[str, str] = {}  # unknown name -> the closest names, as the message gives them
        self.numbers: dict[tuple[str, str], tuple[int, object]] = {}  # (subject, measure) -> (row, value) in a table
        self.pending: list[dict] = []  # the indicators of the row being read

    def entity(self, col: EntityColumn, name: str, created: dict[tuple[str, str], str]) -> str:
        """The id a cell names, adding a new name to ``created``; raises ValueError with the reason."""
        known = self.new_names.get((col.type, name)) or created.get((col.type, name))
        if known:
            return known
        try:
            node = self.kg.resolve(name)
        except NotFound as nf:
            if col.existing:
                if name not in self.closest:  # a search reads every name: once per name, not per row
                    self.closest[name] = "、".join(h.name for h in nf.suggestions[:3])
                close = self.closest[name]
                raise ValueError(f"{col.column}: no {col.type} ({self.schema.type_label(col.type)}) is named "
                                 f"“{name}”" + (f"; closest: {close}" if close else "")) from None
            created[(col.type, name)] = new_entity_id(self.schema, col.type, name)
            return created[(col.type, name)]
        except Ambiguous:
            raise ValueError(f"{col.column}: “{name}” names different entities in different documents; "
                             "write the full name") from None
        actual = self.kg.graph.nodes[node]["type"]
        if not self.schema.is_a(actual, {col.type}):
            raise ValueError(f"{col.column}: “{name}” is a {actual} ({node}), not a {col.type}")
        return node

    def indicator(self, table: Table, ind: IndicatorColumn, subject: str, name: str, cell: str, number: int) -> str:
        """The id of the indicator a row's cell gives (a new one goes to ``self.pending``); raises ValueError when
        the cell is not a number, or an earlier row of the file gave another value for the same subject and
        measure (a file reports one value per subject, measure and period)."""
        try:
            value = float(cell.replace(",", ""))
        except ValueError:
            raise ValueError(f"{ind.column}: “{cell}” is not a number") from None
        value = int(value) if value.is_integer() else value
        first = self.numbers.get((subject, ind.measure))
        if first and first[1] != value:
            raise ValueError(f"{ind.column}: row {first[0]} gives {first[1]} for “{ind.measure}” of {name}, "
                             f"this row {value}; a file reports one value per subject, measure and period")
        digest = hashlib.sha1(f"{table.document}\0{subject}\0{ind.measure}".encode()).hexdigest()[:10]
        node = f"{self.schema.classes['Indicator'].id_prefix}:s-{digest}"
        if not first:
            self.pending.append({"id": node, "type": "Indicator", "name": f"{name}{ind.measure}",
                                 "measure": ind.measure, "value": value, "unit": ind.unit,
                                 "_key": (subject, ind.measure), "_row": number})
        return node

    def row(self, table: Table, header: list[str], raw: str, cells: list[str], created: dict,
            number: int = 0) -> list[dict]:
        """The facts of one row (row ``number`` of its file); new names go to ``created``. Raises ValueError saying
        why a row is bad."""
        if len(cells) > len(header):
            raise ValueError(f"{len(cells)} cells but the header has {len(header)} columns")
        values = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        ids = {}
        for col in table.entities.values():
            name = values[col.column]
            if not name:
                if col.optional:
                    continue
                raise ValueError(f"{col.column}: empty; every row names a {col.type} "
                                 f"({self.schema.type_label(col.type)})")
            if compact(name) not in compact(raw):
                raise ValueError(f"{col.column}: “{name}” is not written verbatim in the row (a quote inside the "
                                 "cell?)")
            ids[col.column] = self.entity(col, name, created)
        times = {k: values[c] for k, c in table.times.items() if values[c]}
        wrong = check_times(times)
        if wrong:
            raise ValueError(f"{'/'.join(table.times.values())}: {wrong} (a time is a year, year-month or date such "
                             "as 2008, 2024-09 or 2011-11-05, and an end is not before the start)")
        facts = []
        for s, pred, o in table.relations:
            if s in ids and o in ids:
                facts.append({"subject": ids[s], "predicate": pred, "object": ids[o], "quote": raw, **times})
        for ind in table.indicators:
            if values[ind.column] and ind.entity in ids:
                node = self.indicator(table, ind, ids[ind.entity], values[ind.entity], values[ind.column], number)
                facts.append({"subject": ids[ind.entity], "predicate": "reportsIndicator", "object": node,
                              "quote": raw})  # a number holds for the file's period, not the row's own times
        for e, pred, column in table.attributes:
            value = values[column]
            if not value or e not in ids:
                continue
            scheme = self.schema.properties[pred].value_scheme
            if scheme and value not in self.schema.schemes[scheme]:
                raise ValueError(f"{column}: “{value}” is not one of: {', '.join(self.schema.schemes[scheme])}")
            facts.append({"subject": ids[e], "predicate": pred, "value": value, "quote": raw})
        return facts

    def table(self, table: Table, path: Path) -> TableResult:
        try:
            text, encoding = decode(path.read_bytes())
        except UnicodeDecodeError as e:
            result = TableResult(table, path, "", "")
            result.problems.append(Problem(str(path), None, "file", f"neither UTF-8 nor GB18030 text ({e.reason} at "
                                           f"byte {e.start}); save it from Excel as CSV UTF-8"))
            return result
        text = text.replace("\r\n", "\n")
        try:
            header, rows = read_rows(text)
        except BadTable as e:
            result = TableResult(table, path, text, encoding)
            result.problems.append(Problem(str(path), e.row, "file", str(e)))
            return result
        result = TableResult(table, path, text, encoding, rows=len(rows))
        needed = {c.column for c in table.entities.values()} | {c for *_, c in table.attributes} | set(
            table.times.values()) | {i.column for i in table.indicators}
        missing = sorted(needed - set(header))
        if missing:
            result.problems.append(Problem(str(path), 1, "header", f"no column(s) {', '.join(missing)}; the header "
                                           f"has: {', '.join(header)}"))
            return result
        self.numbers = {}
        for number, raw, cells, offset in rows:
            created: dict[tuple[str, str], str] = {}
            self.pending = []
            try:
                facts = self.row(table, header, raw, cells, created, number)
                for f in facts:  # where the quote is: the check of the written data finds it there at once
                    f["span"] = [offset, offset + len(raw)]
                result.facts += facts
            except ValueError as e:
                result.problems.append(Problem(str(path), number, "row", str(e)))
                continue
            result.good += 1
            for (etype, name), node in created.items():
                self.new_names[(etype, name)] = node
                result.entities.append({"id": node, "type": etype, "name": name})
            for ind in self.pending:
                self.numbers[ind.pop("_key")] = (ind.pop("_row"), ind["value"])
                result.entities.append(ind)
        return result


# ---------------------------------------------------------------- writing into a data folder


def _toml(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml, value)) + "]"
    if isinstance(value, str):  # a JSON string is a TOML basic string, once DEL is escaped too
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    return str(value)


def _block(header: str, record: dict) -> str:
    return f"[[{header}]]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in record.items() if v is not None) + "\n"


def _remove_document(root: Path, table: Table) -> None:
    """Take an earlier load of this table out of the data folder, so loading again replaces it."""
    documents = root / "corpus" / "documents.toml"
    text = documents.read_text(encoding="utf-8")
    parts = text.split("[[document]]")
    kept = [parts[0]] + [p for p in parts[1:] if tomllib.loads("[[document]]" + p)["document"][0].get("id")
                         != table.document]
    documents.write_text("[[document]]".join(kept).rstrip() + "\n", encoding="utf-8")
    for p in (root / "corpus" / f"{table.slug}.csv", root / "facts" / f"{table.slug}.toml"):
        p.unlink(missing_ok=True)


def _write_table(root: Path, result: TableResult) -> None:
    t = result.table
    (root / "corpus" / f"{t.slug}.csv").write_text(result.text, encoding="utf-8")
    with (root / "corpus" / "documents.toml").open("a", encoding="utf-8") as f:
        f.write("\n" + _block("document", {"id": t.document, "file": f"{t.slug}.csv", "title": t.title, **t.meta}))
    lines = [f"# Loaded by `zjgraph load` from {result.path.name} ({result.encoding}); every quote is a row of "
             "the file.\n", f"document = {_toml(t.document)}\n\n"]
    lines += [_block("entity", e) for e in result.entities]
    lines += [_block("fact", f) for f in result.facts]
    (root / "facts").mkdir(exist_ok=True)
    (root / "facts" / f"{t.slug}.toml").write_text("".join(lines), encoding="utf-8")


def load_tables(kg_loader, mapping: Path, files: list[Path], base: Path, into: Path | None,
                schema: Schema, waiting: Callable[[], None] = lambda: None) -> list[TableResult]:
    """Read the CSV ``files`` through ``mapping`` and, when ``into`` is given, write them into that data folder.

    ``into`` starts as a copy of ``base`` if it does not exist; an earlier load of the same table is
    replaced, so loading twice gives the same folder. The folder is checked like any data folder before
    it replaces the old one; with ``into=None`` nothing is written (``--check``). ``kg_loader(folder)``
    loads a data folder as a :class:`zjgraph.KnowledgeGraph`. Returns one result per file, with its bad
    rows; raises :class:`DataError` for a bad mapping, a file it does not declare, or data that fails.

    Loads into one folder take turns (``waiting()`` is called when another holds it); the new folder is
    built next to ``into`` and takes its place in one step (:func:`zjgraph.files.replacing_folder`), so a
    load that fails or is killed at any point leaves ``into`` as it was, and the next load cleans up.
    """
    tables = {t.file: t for t in read_mapping(mapping, schema)}
    unknown = [f for f in files if f.name not in tables]
    if unknown:
        raise DataError([Problem(str(f), None, "file", f"the mapping {mapping.name} declares no table for this "
                                 f"file; it declares: {', '.join(tables)}") for f in unknown])
    if into is None:
        with scratch("load") as tmp:
            return _stage(kg_loader, tables, files, base, tmp / "data", schema)
    with locked(into, waiting):
        sweep(into)  # puts back a folder an interrupted load moved aside, before anything reads it
        _check_target(into)
        source = into if into.exists() else base  # read under the lock: it holds every earlier load
        with replacing_folder(into) as staging:
            return _stage(kg_loader, tables, files, source, staging, schema)


def _check_target(into: Path) -> None:
    """Refuse a folder that is not a data folder, and the state an interrupted load of zjgraph 0.1 left."""
    aside = into.parent / f".{into.name}.old"
    if not into.exists() and aside.is_dir():
        raise DataError([Problem(str(into), None, "--into", f"missing, but {aside} holds it as an interrupted "
                                 f"load left it: put it back (mv {aside} {into}) and load again")])
    if into.exists() and not (into / "corpus" / "documents.toml").is_file():
        raise DataError([Problem(str(into), None, "--into", "not a zjgraph data folder (no corpus/documents.toml): "
                                 "give a new folder name, or a data folder made by an earlier load")])


def _stage(kg_loader, tables: dict[str, Table], files: list[Path], source: Path, staging: Path,
           schema: Schema) -> list[TableResult]:
    """Build in ``staging`` the data folder ``source`` with the ``files`` loaded; raise :class:`DataError` when the
    result is not a valid data folder."""
    shutil.copytree(source, staging, dirs_exist_ok=True)
    for f in files:
        _remove_document(staging, tables[f.name])
    kg = kg_loader(staging)
    new_names: dict[tuple[str, str], str] = {}
    results = [_Rows(kg, new_names).table(tables[f.name], f) for f in files]
    for r in results:
        _write_table(staging, r)
    _, problems = read_dataset(staging, schema)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return results
