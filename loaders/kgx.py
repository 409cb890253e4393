"""Read KGX-style ``nodes.tsv`` and ``edges.tsv`` (as :mod:`zjgraph.export.kgx` writes them) into the graph.

Every problem names the file and row (the header is row 1); nothing is returned unless all rows are good. Only the
ontology's names become attributes: a ``provenance`` key must be an attribute that facts state about the node's class,
and no key may touch what identifies an entity (its id, type, name …).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import networkx as nx
from zjgraph.loaders.exported import IDENTITY
from zjgraph.loaders.to_networkx import add_derived, attribute_value, fact_sort_key
from zjgraph.queries.links import keep_ties
from zjgraph.queries.ties import TiesBuilder

from zjgraph.export.kgx import DOCUMENT, DOCUMENT_COLUMNS, PREFIX, split
from zjgraph.problems import DataError, Problem
from zjgraph.rdf import from_literal, number
from zjgraph.schema import Schema
from zjgraph.time import END, POINT, SOURCE, START, check_read, time_fields, upgrade


def kgx_files(path: Path | str) -> tuple[Path, Path]:
    """``(nodes.tsv, edges.tsv)`` for a KGX folder or either of its two files."""
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    return folder / "nodes.tsv", folder / "edges.tsv"


SHARED = frozenset({"source", "certainty", "rule", "value"})


def _shared(pairs: list[tuple]) -> dict:
    """A JSON object whose keys, and values that repeat across rows (documents, certainties, controlled
    values), are interned: a national graph holds millions of them."""
    return {sys.intern(k): sys.intern(v) if k in SHARED and isinstance(v, str) else v for k, v in pairs}


def _rows(path: Path, problems: list[Problem]):
    """(row number, row dict) for each data row of a TSV file."""
    if not path.is_file():
        problems.append(Problem(str(path), None, "file", "not found: KGX needs nodes.tsv and edges.tsv"))
        return
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader, [])
        for row_number, cells in enumerate(reader, start=2):  # as csv.DictReader would, at half the cost
            if not cells:
                continue  # a blank line
            row = dict(zip(header, cells))
            if len(cells) < len(header):
                row.update(dict.fromkeys(header[len(cells):]))
            yield row_number, row


class _Reader:
    def __init__(self, schema: Schema):
        self.schema = schema
        self.problems: list[Problem] = []
        # Asked for every cell and row: walking the classes each time was a third of reading a national nodes.tsv.
        self._applies: dict[tuple[str, str], bool] = {}
        self._stated: dict[str, list[str]] = {}  # by class: the attributes facts state about it

    def applies(self, attr: str, etype: str) -> bool:
        """Whether ``attr`` is an attribute of class ``etype`` (:meth:`Schema.applies_to`, remembered)."""
        found = self._applies.get((attr, etype))
        if found is None:
            found = self._applies[attr, etype] = self.schema.applies_to(attr, etype)
        return found

    def problem(self, path, row, entry, message):
        self.problems.append(Problem(str(path), row, entry, message))

    def local(self, path, row, curie: str, known, what: str) -> str | None:
        name = curie[len(PREFIX):] if curie.startswith(PREFIX) else None
        if name not in known:
            self.problem(path, row, curie or "(empty)", f"unknown {what}; expected zj: and one of: "
                         f"{', '.join(sorted(known))}")
            return None
        return sys.intern(name)

    def json_cell(self, path, row, column: str, text: str, default):
        try:
            return json.loads(text, object_pairs_hook=_shared) if text else default
        except json.JSONDecodeError as e:
            self.problem(path, row, column, f"not valid JSON: {e}")
            return default

    def value(self, path, row, attr: str, text: str):
        prop = self.schema.properties[attr]
        if prop.value_scheme:
            if text not in self.schema.schemes[prop.value_scheme]:
                self.problem(path, row, attr, f"{text!r} is not one of: "
                             f"{', '.join(self.schema.schemes[prop.value_scheme])}")
            return text
        try:
            return from_literal(self.schema, attr, text)
        except (ArithmeticError, ValueError):
            self.problem(path, row, attr, f"{text!r} is not a {prop.datatype}")
            return text

    def provenance(self, path, row, etype: str, text: str) -> dict:
        """The evidence of each attribute stated by facts, from the ``provenance`` cell of a node of class ``etype``."""
        evidence = self.json_cell(path, row, "provenance", text, {})
        if not isinstance(evidence, dict):
            self.problem(path, row, "provenance", "expected a JSON object: attribute → list of evidence")
            return {}
        if not evidence:
            return evidence
        stated = self._stated.get(etype)
        if stated is None:
            stated = self._stated[etype] = [a for a, p in self.schema.attributes().items()
                                            if p.given_in == "Fact" and self.applies(a, etype)]
        good = {}
        for attr, items in evidence.items():
            if attr in IDENTITY:
                self.problem(path, row, "provenance", f"the key “{attr}” would overwrite the entity's {attr}; "
                             "provenance holds only attributes stated by facts")
            elif attr not in stated:
                self.problem(path, row, "provenance", f"“{attr}” is not an attribute facts state about a {etype}; "
                             f"expected one of: {', '.join(sorted(stated)) or '(none)'}")
            elif not (isinstance(items, list) and items and all(
                    isinstance(ev, dict) and isinstance(ev.get("value"), str | int | float) for ev in items)):
                self.problem(path, row, "provenance", f"“{attr}”: expected a list of evidence objects, each "
                             "with a text or number \"value\"")
            else:
                good[attr] = [upgrade(ev) for ev in items]
        return good

    def nodes(self, g: nx.MultiDiGraph, path: Path):
        classes = set(self.schema.entity_classes()) | {DOCUMENT}
        attrs = self.schema.attributes()
        for row_number, row in _rows(path, self.problems):
            node_id = row.get("id") or ""
            if not node_id or not row.get("name"):
                self.problem(path, row_number, node_id or "(no id)", "a node needs an id and a name")
                continue
            etype = self.local(path, row_number, row.get("category") or "", classes, "category")
            if etype is None:
                continue
            note = row.get("description") or None
            if etype == DOCUMENT:
                meta = {"id": node_id, "title": row["name"], "note": note,
                        **{k: row.get(k) or None for k in DOCUMENT_COLUMNS if k != "local_aliases"}}
                g.graph["documents"][node_id] = {k: v for k, v in meta.items() if v is not None}
                if row.get("local_aliases"):
                    g.graph["local_aliases"][node_id] = self.json_cell(path, row_number, "local_aliases",
                                                                       row["local_aliases"], {})
                continue
            node = {"type": etype, "name": row["name"], "aliases": split(row.get("synonym") or ""), "note": note,
                    "provenance": self.provenance(path, row_number, etype, row.get("provenance"))}
            for attr, text in row.items():
                if attr in attrs and text and attrs[attr].given_in != "Fact":
                    if not self.applies(attr, etype):
                        self.problem(path, row_number, attr, f"not an attribute of a {etype}")
                        continue
                    node[attr] = self.value(path, row_number, attr, text)
            for attr, evidence in node["provenance"].items():
                node[attr] = attribute_value(evidence)
            g.add_node(node_id, **node)

    def edges(self, g: nx.MultiDiGraph, path: Path):
        relations = self.schema.relations()
        found = []
        for row_number, row in _rows(path, self.problems):
            fact = row.get("id") or ""
            relation = self.local(path, row_number, row.get("predicate") or "", relations, "predicate")
            if relation is None:
                continue
            missing = [c for c in ("id", "subject", "object", "primary_knowledge_source", "quote", "certainty")
                       if not row.get(c)]
            if missing:
                self.problem(path, row_number, fact or "(no id)", f"empty column(s): {', '.join(missing)}")
                continue
            unknown = [row[c] for c in ("subject", "object") if row[c] not in g]
            if unknown:
                self.problem(path, row_number, fact, f"no node has the id {unknown[0]!r}")
                continue
            quotes = split(row["quote"])
            offset, confidence = row.get("quote_offset") or None, row.get("confidence") or None
            if offset is not None and not offset.isdigit():
                self.problem(path, row_number, fact, f"quote_offset {offset!r} is not a number")
                continue
            try:
                confidence = number(confidence) if confidence is not None else None
            except ArithmeticError:
                self.problem(path, row_number, fact, f"confidence {confidence!r} is not a number")
                continue
            times = time_fields(*(row.get(k) or None for k in (START, END, POINT, SOURCE)),
                                date=row.get("date") or None)
            wrong = check_read(times)
            if wrong:
                self.problem(path, row_number, fact, wrong)
                continue
            found.append((row["subject"], row["object"], {
                "relation": relation, "source": sys.intern(row["primary_knowledge_source"]),
                "quote": quotes[0] if len(quotes) == 1 else quotes, "certainty": sys.intern(row["certainty"]),
                "rule": row.get("rule") or None, **times,
                "major": split(row.get("major") or ""), "note": row.get("description") or None,
                "offset": int(offset) if offset else None, "confidence": confidence, "fact": fact}))
        found.sort(key=lambda x: fact_sort_key(x[2]["fact"]), reverse=True)
        gather = TiesBuilder({n: d["type"] for n, d in g._node.items()})
        succ, pred = g._succ, g._pred
        while found:  # popped, so that each row is freed once the graph holds it
            u, v, e = found.pop()
            # What MultiDiGraph.add_edge(u, v, key, **e) does for known nodes, without copying e
            keyed = succ[u].get(v)
            if keyed is None:
                keyed = succ[u][v] = pred[v][u] = g.edge_key_dict_factory()
            keyed[e["fact"]] = e
            gather.add(u, v, e)  # while the edge is in the processor's cache
        return gather


def read_kgx(path: Path | str, schema: Schema) -> nx.MultiDiGraph:
    """Read the KGX folder (or its ``nodes.tsv``/``edges.tsv``) at ``path`` into the embedded graph.

    Raises :class:`DataError` listing every bad row as FILE:ROW when any row is bad.
    """
    nodes, edges = kgx_files(path)
    reader = _Reader(schema)
    g = nx.MultiDiGraph(documents={}, local_aliases={})
    reader.nodes(g, nodes)
    gathered = reader.edges(g, edges)
    if reader.problems:
        raise DataError(reader.problems)
    add_derived(g, schema)
    keep_ties(g, gathered.finish(g))
    return g
