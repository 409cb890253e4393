"""From a report's text to a :class:`~zjgraph.extract.proposal.Proposal`: names, then facts."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from zjgraph.extract.facts import Proposed
from zjgraph.extract.gazetteer import places as gazetteer
from zjgraph.extract.names import Entity, Mention, Recognizer, catalogue_majors, entity_key
from zjgraph.extract.numbers import number_facts
from zjgraph.extract.proposal import Proposal
from zjgraph.extract.registry import Registry
from zjgraph.extract.relations import ORGS, PLACES, Context, name_facts, sentence_facts
from zjgraph.extract.text import Sentence, Text, normalize
from zjgraph.schema import Schema

_PLAN = re.compile(r"行动计划|规划|实施方案|工作方案|实施意见")


_ZONE = re.compile(r"(?:高新|开发|经开|保税|园|校|片|城|新|社|景|厂|矿|功能|示范|试验|核心|中心)区$")
_COUNTY = re.compile(r"[\u4e00-\u9fff]{2}[县市区州](?![场区长委政])")


def _place_chains(text: Text, entities: list[Entity], registry: Registry) -> dict[int, tuple[Mention, list[Entity]]]:
    """For each organisation whose name begins with places (重庆市璧山区…, 四川会理市…, “创造太阳”乌干达…):
    the mention and those places, outermost first, as entities (found in the report or added)."""
    table = gazetteer()
    table.update({k: v.type for k, v in registry.names.items() if v.type in PLACES})
    found: dict[str, Entity] = {}
    for e in entities:
        if e.type in PLACES:
            found[e.known.id if e.known else entity_key(e.type, e.name)] = e

    names = re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))  # longest first

    def place_at(view: str, pos: int, after_place: bool) -> str | None:
        hit = names.match(view, pos)
        best = hit.group() if hit else None
        if best is None and after_place:
            m = _COUNTY.match(view, pos)
            best = m.group() if m and not _ZONE.search(m.group()) else None  # 永川高新区: a zone, no county
        return best

    out = {}
    for e in list(entities):
        if e.type not in ORGS | {"IndustrialPark", "TrainingBase", "EducationZone", "Campus"}:
            continue
        for m in e.mentions:
            view, pos, chain = text.view, m.start, []
            if view.startswith("“", pos) and "”" in view[pos:m.end]:
                pos = view.index("”", pos) + 1
            while (name := place_at(view, pos, bool(chain))) and pos + len(name) < m.end:
                known = registry.lookup(name)
                known = known if known and known.type in PLACES else None
                key = known.id if known else entity_key(table.get(name, "District"), name)
                place = found.get(key)
                if place is None:
                    place = found[key] = Entity(table.get(name, "District"), known, [text.name(pos, pos + len(name))])
                    entities.append(place)
                place.mentions.append(Mention(pos, pos + len(name), place.type, "place", place.known, place))
                chain.append(place)
                pos += len(name)
            if chain:
                out[id(e)] = (m, chain)
                break
    return out


_PARENT = re.compile(r"(.{2,}?(?:职业技术学院|职业学院|职业大学|大学|学院|学校|职教中心))(?=.{2,}$)")


def _parents(text: Text, entities: list[Entity], registry: Registry) -> list[tuple[Entity, Entity, Mention]]:
    """(unit, school, mention) for a campus, college or base named after its school (重庆城市职业学院中德工程师学院,
    重庆城市职业学院新校区, …职业中学校实训基地): the school is proposed too."""
    out = []
    by_key = {e.key: e for e in entities}
    for e in list(entities):
        if e.known is not None or not e.mentions or e.type not in ("IndustryCollege", "Campus", "TrainingBase"):
            continue
        m = e.mentions[0]
        hit = _PARENT.match(text.view, m.start, m.end)
        if hit is None:
            continue
        name = hit.group(1)
        known = registry.lookup(name)
        known = known if known and known.type == "School" else None
        parent = by_key.get(known.id if known else entity_key("School", name))
        if parent is None:
            parent = by_key[entity_key("School", name)] = Entity("School", known, [text.name(m.start, hit.end(1))])
            entities.append(parent)
        parent.mentions.append(Mention(m.start, hit.end(1), "School", "pattern", known, parent))
        out.append((e, parent, m))
    return out


_FOR_MAJOR_KINDS = {"OrderClass", "TrainingBase", "IndustryCollege"}


def _majors_in_names(text: Text, entities: list[Entity], registry: Registry) -> list[tuple[Entity, Entity, Mention]]:
    """(unit, major, mention) for an order class, base or college whose name holds a major's name
    (数控技术应用专业精工订单班): the major is a known or catalogue major of three or more characters."""
    catalogue = catalogue_majors()
    by_key = {e.key: e for e in entities}
    out = []
    for e in list(entities):
        if e.type not in _FOR_MAJOR_KINDS or e.known is not None or not e.mentions:
            continue
        m = e.mentions[0]
        name = text.view[m.start:m.end]
        found = None
        for i in range(len(name) - 2):
            for j in range(len(name), i + 2, -1):
                part = name[i:j]
                known = registry.names.get(part)
                if (known is not None and known.type == "Major") or part in catalogue:
                    found = (i, j, known if known is not None and known.type == "Major" else None)
                    break
            if found:
                break
        if found is None:
            continue
        i, j, known = found
        key = known.id if known else entity_key("Major", name[i:j])
        major = by_key.get(key)
        if major is None:
            major = by_key[key] = Entity("Major", known, [text.name(m.start + i, m.start + j)])
            entities.append(major)
        major.mentions.append(Mention(m.start + i, m.start + j, "Major", "major", known, major))
        out.append((e, major, m))
    return out


def _offices(text: Text, entities: list[Entity], registry: Registry) -> list[tuple[Entity, Entity, Mention]]:
    """(office, government, mention) for a government's office named after it (永川区人民政府办公室), where the
    report or the registry knows the government itself."""
    by_key = {e.key: e for e in entities}
    out = []
    for e in entities:
        if e.type != "GovernmentBody" or not e.mentions:
            continue
        m = e.mentions[0]
        name = text.view[m.start:m.end]
        hit = re.fullmatch(r"(.{2,}?(?:人民政府|政府))(?:办公室|办公厅)", name)
        if hit is None:
            continue
        known = registry.lookup(hit.group(1))
        gov = by_key.get(known.id if known else entity_key("GovernmentBody", hit.group(1)))
        if gov is None and known is not None and known.type == "GovernmentBody":
            gov = by_key[known.id] = Entity("GovernmentBody", known, [text.name(m.start, m.start + len(hit.group(1)))])
            entities.append(gov)
        if gov is not None and gov is not e:
            out.append((e, gov, m))
    return out


_LEVEL = {"Country": 0, "Province": 1, "City": 2, "District": 3}


def _places_in_places(text: Text, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(inner, outer) for a place written right after a larger one (雅安市荥经县, 四川泸州、绵阳、宜宾等): the
    text says the inner is part of the outer; a list after it shares its outer place."""
    places = [m for m in mentions if m.type in _LEVEL and m.entity is not None]
    out = []
    for i, outer in enumerate(places):
        j, end = i + 1, outer.end
        while j < len(places) and places[j].start == end and _LEVEL[places[j].type] > _LEVEL[outer.type]:
            out.append((places[j], outer))
            end = places[j].end + (1 if text.view.startswith("、", places[j].end) else 0)
            if end == places[j].end:
                break
            j += 1
    return out


def _is_plan(text: Text) -> bool:
    """Whether the document is a plan: its title says so (a heading or the first line in its first 300
    characters, or 印发《…行动计划》), not a plan it cites (落实《…行动计划》)."""
    lines = [(a, b) for a, b in text.lines if a < 300]
    titles = [text.view[a:b] for a, b in lines[:1]] + [text.view[a:b] for a, b, _ in text.headings if a < 300]
    return any(_PLAN.search(t) and not re.search(r"(?:落实|根据|按照|贯彻)《", t) for t in titles) or bool(
        re.search(r"印发《[^》]*(?:" + _PLAN.pattern + ")", text.view[:300]))


def _issuer(entities: list[Entity], counts: Counter, district: Entity | None) -> Entity | None:
    """The government a plan speaks for: a 人民政府 in the document's district if there is one."""
    govs = [e for e in entities if e.type == "GovernmentBody"]
    gov = [e for e in govs if normalize(e.name).endswith("人民政府")]
    local = [e for e in gov if district and normalize(district.name)[:2] in normalize(e.name)]
    return (local or gov or sorted(govs, key=lambda e: -counts[e]) or [None])[0]


def _without_furniture(text: Text, entities: list[Entity], mentions: list[Mention]):
    """Mentions outside the page's furniture (credits, running headers), and the entities that still have one."""
    if not text.furniture:
        return entities, mentions
    ends = [b for _, b in text.furniture]

    def furniture(m):
        i = bisect_left(ends, m.end)
        return i < len(ends) and text.furniture[i][0] <= m.start

    gone = {id(m) for m in mentions if furniture(m)}
    for e in entities:
        e.mentions = [m for m in e.mentions if id(m) not in gone]
    return [e for e in entities if e.mentions], [m for m in mentions if id(m) not in gone]


def _allowed(schema: Schema, f: Proposed) -> bool:
    prop = schema.properties[f.predicate]
    if not schema.is_a(f.subject.type, prop.domain):
        return False
    if f.object is not None:
        return schema.is_a(f.object.type, prop.range)
    return not prop.value_scheme or f.value in schema.schemes[prop.value_scheme]


def extract(original: str, registry: Registry, schema: Schema, document: str = "doc:new",
            source: str | None = None) -> Proposal:
    """Propose the entities and facts of one report's text (see the package's modules for the patterns)."""
    text = Text(original)
    entities, mentions = Recognizer(registry).recognize(text)
    entities, mentions = _without_furniture(text, entities, mentions)
    chains = _place_chains(text, entities, registry)
    parents = _parents(text, entities, registry)
    majors_in_names = _majors_in_names(text, entities, registry)
    for e in entities:
        if e.known is not None:
            e.local_names = [n for n in e.names if registry.lookup(n) is None]
    ctx = Context(text, entities)
    counts = Counter(m.entity for m in mentions)
    plan = ctx.plan = _is_plan(text)
    issuer = _issuer(entities, counts, ctx.district) if plan else ctx.main
    topic = max((e for e in entities if e.type not in PLACES and e is not issuer), key=lambda e: counts[e],
                default=None)
    numbered: list[Entity] = []

    def new_entity(typ, name, record, span):
        e = Entity(typ, None, [name], record=record)
        e.mentions.append(Mention(span[0], span[1], typ, "number", None, e))
        numbered.append(e)
        return e

    starts = [m.start for m in mentions]
    headings = {a: (b, level) for a, b, level in text.headings}
    for s in text.sentences():
        if s.start in headings:
            end, level = headings[s.start]
            ctx.new_section(text.quote(s.start, end), level)
        ms = mentions[bisect_left(starts, s.start):bisect_left(starts, s.end)]
        number_facts(ctx, s, sentence_facts(ctx, s, ms), plan, issuer, topic, new_entity)
    name_facts(ctx, entities, chains, registry.located)
    for unit, school, m in parents:
        ctx.add(unit, "partOf", school, Sentence(m.start, m.end, text.view[m.start:m.end]), (m.start, m.end), 0.7)
    for inner, outer in _places_in_places(text, mentions):
        a, b = outer.start, inner.end
        ctx.add(inner.entity, "partOf", outer.entity, Sentence(a, b, text.view[a:b]), (a, b), 0.7)
    for office, gov, m in _offices(text, entities, registry):
        ctx.add(office, "partOf", gov, Sentence(m.start, m.end, text.view[m.start:m.end]), (m.start, m.end), 0.7)
    for unit, major, m in majors_in_names:
        ctx.add(unit, "forMajor", major, Sentence(m.start, m.end, text.view[m.start:m.end]), (m.start, m.end), 0.6,
                "name-implies-major")
    facts, seen = [], set()
    for f in ctx.out:
        key = (f.subject.key, f.predicate, f.object.key if f.object else None, f.value if f.object is None else None,
               id(f.object) if f.object is not None and f.object.type in ("Indicator", "Target") else None)
        if key in seen or not _allowed(schema, f):
            continue
        seen.add(key)
        facts.append(f)
    used = {id(e) for f in facts for e in (f.subject, f.object) if e is not None}
    numbered = [e for e in numbered if id(e) in used]
    # a place is geography, not news: proposed when a fact is about it (新加坡 in a list of trips is not)
    entities = [e for e in entities if e.type not in PLACES or id(e) in used]
    return Proposal(document, source, entities + numbered, facts, text)
