"""The named queries: one ``.cypher`` file each, whose header comments give the name, description and
parameters, and an embedded implementation over the NetworkX graph that returns the same rows.

Header lines::

    // name: enterprises-spanning-schools
    // description: what the rows say (continued on indented comment lines)
    // param min int = 2: the least number of schools          (int parameter with a default)
    // param school School = "": only this school              (an entity, resolved through aliases)
    // param school School: the school                         (required)
    // sets: partners, schools                                 (list columns whose order carries no meaning)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files

from zjgraph.queries import partners, paths, profiles

from zjgraph.problems import ZjgraphError

IMPLEMENTATIONS = {
    "majors-without-partner": partners.majors_without_partner,
    "enterprises-spanning-schools": partners.enterprises_spanning_schools,
    "order-classes": partners.order_classes,
    "alliance-members": partners.alliance_members,
    "school-profile": profiles.school_profile,
    "enterprise-footprint": profiles.enterprise_footprint,
    "cluster-supply": profiles.cluster_supply,
    "connection": paths.connection,
    "bridges": paths.bridges,
}


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # "int", or an ontology class the entity must be ("Entity": any)
    default: str | None
    description: str

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    cypher: str
    sets: frozenset[str] = field(default_factory=frozenset)


_PARAM = re.compile(r'param (\w+) (\w+)(?: = ("[^"]*"|\d+))?: (.+)')


def parse(text: str) -> NamedQuery:
    """A :class:`NamedQuery` from the text of a ``.cypher`` file."""
    meta, params, key = {}, [], None
    for line in text.splitlines():
        if not line.startswith("//"):
            continue
        body = line[2:].strip()
        if line.startswith("//   ") and key:
            meta[key] += " " + body
        elif m := _PARAM.fullmatch(body):
            name, type_, default, description = m.groups()
            params.append(Param(name, type_, default.strip('"') if default else None, description))
            key = None
        elif ":" in body:
            key, value = (s.strip() for s in body.split(":", 1))
            meta[key] = value
    return NamedQuery(name=meta["name"], description=meta["description"], params=tuple(params), cypher=text,
                      sets=frozenset(s.strip() for s in meta.get("sets", "").split(",") if s.strip()))


def catalog() -> dict[str, NamedQuery]:
    """Every named query shipped with zjgraph, by name."""
    queries = {}
    for f in sorted(files("zjgraph.queries").iterdir(), key=lambda p: p.name):
        if f.name.endswith(".cypher"):
            q = parse(f.read_text(encoding="utf-8"))
            queries[q.name] = q
    return queries


def get(name: str) -> NamedQuery:
    queries = catalog()
    if name not in queries:
        raise ZjgraphError(f"no named query “{name}”; `zjgraph query --list` shows them: {', '.join(queries)}")
    return queries[name]


def bind(kg, query: NamedQuery, given: dict[str, str]) -> dict:
    """Parameters ready for both engines: names resolved to ids (checked against the declared type),
    numbers parsed, defaults filled in. Raises :class:`ZjgraphError` naming the parameter at fault."""
    known = {p.name: p for p in query.params}
    unknown = set(given) - set(known)
    if unknown:
        expected = ", ".join(known) or "none"
        raise ZjgraphError(f"{query.name}: unknown parameter(s) {', '.join(sorted(unknown))}; expected: {expected}")
    bound = {}
    for p in query.params:
        raw = given.get(p.name, p.default)
        if raw is None:
            raise ZjgraphError(f"{query.name}: parameter “{p.name}” is required: {p.description}")
        if p.type == "int":
            if not re.fullmatch(r"\d+", str(raw)):
                raise ZjgraphError(f"{query.name}: parameter “{p.name}” must be a whole number, not “{raw}”")
            bound[p.name] = int(raw)
        elif raw == "":
            bound[p.name] = ""
        else:
            bound[p.name] = _entity(kg, query, p, raw)
    return bound


def _entity(kg, query: NamedQuery, p: Param, raw: str) -> str:
    try:
        return kg.resolve_as(raw, None if p.type == "Entity" else p.type)
    except ZjgraphError as err:
        raise ZjgraphError(f"{query.name}: parameter “{p.name}”: {err}") from None


def run(kg, name: str, given: dict[str, str] | None = None) -> tuple[list[str], list[dict]]:
    """Columns and rows of a named query on the embedded graph."""
    query = get(name)
    params = bind(kg, query, given or {})
    args = {("from_" if k == "from" else k): v for k, v in params.items()}
    rows = IMPLEMENTATIONS[name](kg.graph, **args)
    columns = list(rows[0]) if rows else _columns(query)
    return columns, rows


def _columns(query: NamedQuery) -> list[str]:
    """The column names of a query's last RETURN clause."""
    tail = query.cypher.rsplit("RETURN", 1)[1].split("ORDER BY")[0]
    parts = re.split(r",\s*(?![^\[\]{}()]*[\]})])", tail)
    return [(p.rsplit(" AS ", 1)[1] if " AS " in p else p).strip() for p in parts]


def normalize(query: NamedQuery, columns: list[str], rows: list) -> list[tuple]:
    """Rows as sorted tuples, ``sets`` columns as sorted lists without repeats: what two engines must agree on."""
    out = []
    for row in rows:
        cells = row if isinstance(row, list | tuple) else [row[c] for c in columns]
        out.append(tuple(sorted(set(v)) if c in query.sets and v is not None else
                         (tuple(v) if isinstance(v, list) else v) for c, v in zip(columns, cells)))
    return sorted(out, key=repr)
