"""Which existing entities a newly proposed one may be: scored by name, alias and short-form similarity, type
and district, each score with the reasons behind it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from zjgraph.extract.names import variant
from zjgraph.resolve import normalize

#: Candidates below this score are not shown.
FLOOR = 0.6
#: Added when the candidate is in (or reported on by a document about) the report's district.
DISTRICT_BONUS = 0.05


@dataclass
class Candidate:
    id: str
    name: str
    type: str
    score: float
    matched: str  # the name or alias that matched best
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "score": self.score, "matched": self.matched,
                "reasons": self.reasons}


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def similarity(a: str, b: str) -> tuple[float, str]:
    """How alike two names are (0 to 1), and how: the whole names, their short forms (no city prefix, the usual
    abbreviations), or one an abbreviation of the other (its characters in order, same first character)."""
    a, b = normalize(a), normalize(b)
    if a == b:
        return 1.0, "同名 same name"
    best = (difflib.SequenceMatcher(None, a, b).ratio(), "名称相似 similar name")
    va, vb = variant(a), variant(b)
    if va == vb:
        return max(best, (0.95, "简称相同 same short form"))
    best = max(best, (difflib.SequenceMatcher(None, va, vb).ratio(), "简称相似 similar short form"))
    short, long = sorted((va, vb), key=len)
    if len(short) >= 2 and short[0] == long[0] and _subsequence(short, long):
        best = max(best, (0.6 + 0.3 * len(short) / len(long), "缩写 abbreviation"))
    return best


def districts_of(g, node: str) -> set[str]:
    """Where an entity is: what it is locatedIn, and the districts of the documents that state facts about it."""
    docs = g.graph.get("documents", {})
    out = set()
    for _, v, e in g.out_edges(node, data=True):
        if e.get("relation") == "locatedIn":
            out.add(v)
        out.add(docs.get(e.get("source"), {}).get("district"))
    for _, _, source in g.in_edges(node, data="source"):
        out.add(docs.get(source, {}).get("district"))
    return out - {None}


def candidates(kg, name: str, typ: str, district: str | None = None, exclude: set[str] = frozenset(),
               limit: int = 5) -> list[Candidate]:
    """The existing entities of ``kg`` that the new entity ``name`` of type ``typ`` may be, best first."""
    g, schema = kg.graph, kg.schema
    local: dict[str, list[str]] = {}
    for table in g.graph.get("local_aliases", {}).values():
        for alias, target in table.items():
            local.setdefault(target, []).append(alias)
    chars = set(normalize(name))
    out = []
    for node, data in g.nodes(data=True):
        if node in exclude or data["type"] in ("Indicator", "Target"):
            continue
        names = [data["name"], *data.get("aliases", []), *local.get(node, [])]
        scored = [(*similarity(name, n), n) for n in names if chars & set(normalize(n))]
        if not scored:
            continue
        sim, how, matched = max(scored)
        if data["type"] == typ:
            factor, kind = 1.0, "同类 same type"
        elif schema.is_a(data["type"], {typ}) or schema.is_a(typ, {data["type"]}):
            factor, kind = 0.9, f"相近类型 related type {data['type']}"
        else:
            factor, kind = 0.6, f"不同类型 other type {data['type']}"
        score = sim * factor
        if score < FLOOR - DISTRICT_BONUS:
            continue
        reasons = [f"{how} {sim:.2f}" + (f" ({matched})" if matched != data["name"] else ""), kind]
        if district and district in districts_of(g, node):
            score += DISTRICT_BONUS
            reasons.append(f"同区 same district {g.nodes[district]['name'] if district in g else district}")
        score = round(min(score, 1.0), 3)
        if score >= FLOOR:
            out.append(Candidate(node, data["name"], data["type"], score, matched, reasons))
    out.sort(key=lambda c: (-c.score, c.name, c.id))
    return out[:limit]
