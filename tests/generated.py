"""A seeded random ecosystem in the ontology's shape, for checks the small bundled corpus cannot reach:
enterprises tied to many schools, majors with and without partners, isolated entities, shared aliases."""

import random
from collections import Counter

import networkx as nx
from zjgraph.loaders.to_networkx import add_derived

from zjgraph.graph import KnowledgeGraph
from zjgraph.schema import load_schema
from zjgraph.time import DOCUMENT, STATED, TIME_FIELDS

CATEGORIES = ["汽车制造类", "道路运输类", "计算机类", "旅游类", "餐饮类", "农业类", "艺术设计类", None]
INDUSTRIES = ["汽车", "电子信息", "旅游餐饮", "农业食品", "装备制造"]


def generated_kg(seed: int = 7, schools: int = 40, enterprises: int = 60, majors: int = 25) -> KnowledgeGraph:
    rng = random.Random(seed)
    schema = load_schema()
    g = nx.MultiDiGraph(documents={"doc:gen": {"id": "doc:gen", "title": "generated", "file": ""}}, local_aliases={})
    facts = iter(range(10**9))

    def node(id_, type_, name, **attrs):
        g.add_node(id_, type=type_, name=name, aliases=attrs.pop("aliases", []), note=None, provenance={}, **attrs)

    def edge(u, v, relation, major=()):
        uid = f"doc:gen#{next(facts)}"
        g.add_edge(u, v, key=uid, relation=relation, source="doc:gen", quote=f"{u} {relation} {v}",
                   certainty="stated", rule=None, **dict.fromkeys(TIME_FIELDS), major=list(major), note=None,
                   offset=0, fact=uid)

    districts = [f"place:d{i}" for i in range(4)]
    for i, d in enumerate(districts):
        node(d, "District", f"区{i}")
    node("zone:z", "EducationZone", "职教基地")
    edge("zone:z", districts[0], "locatedIn")
    for i in range(majors):
        category = rng.choice(CATEGORIES)
        node(f"major:m{i}", "Major", f"专业{i}", **({"catalogueCategory": category} if category else {}))
    for i in range(enterprises):
        industry = rng.sample(INDUSTRIES, rng.choice([0, 1, 1, 2]))
        node(f"ent:e{i}", "Enterprise", f"企业{i}", aliases=[f"E{i}"], **({"industry": industry} if industry else {}))
    for i in range(4):
        node(f"cluster:c{i}", "IndustryCluster", f"集群{i}")
    for i in range(schools):
        s = f"school:s{i}"
        node(s, "School", f"学校{i}", aliases=[f"S{i}"], schoolLevel=["中职"])
        if i % 9 == 8:
            continue  # isolated: no relation at all
        edge(s, rng.choice([*districts, "zone:z"]), rng.choice(["locatedIn", "partOf"]))
        offered = rng.sample(range(majors), rng.randint(0, 5))
        for m in offered:
            edge(s, f"major:m{m}", "offersMajor")
        # a few hub enterprises take most links
        for _ in range(rng.randint(0, 4)):
            e = f"ent:e{min(int(rng.paretovariate(1.2)) - 1, enterprises - 1)}"
            tied = [f"major:m{m}" for m in rng.sample(offered, min(len(offered), rng.randint(0, 1)))]
            edge(*rng.sample([s, e], 2), "partnersWith", major=tied)
        if rng.random() < 0.3:
            edge(s, f"cluster:c{rng.randrange(4)}", "servesCluster")
    for i in range(12):
        school, ent = f"school:s{rng.randrange(schools)}", f"ent:e{rng.randrange(enterprises)}"
        kind = rng.choice(["OrderClass", "TrainingBase", "IndustryCollege", "Alliance"])
        via = f"{kind.lower()}:v{i}"
        node(via, kind, f"{kind}{i}")
        if kind == "OrderClass":
            edge(school, via, "runsOrderClass")
            edge(ent, via, "sponsorsOrderClass")
        elif kind == "Alliance":
            edge(school, via, "memberOf")
            edge(ent, via, rng.choice(["memberOf", "leads"]))
        else:
            edge(ent, via, "coBuilds")
            edge(via, school, rng.choice(["partOf", "runBy"]))
        if kind != "Alliance" and rng.random() < 0.6:
            edge(via, f"major:m{rng.randrange(majors)}", "forMajor")
    for i in range(enterprises // 3):
        edge(f"ent:e{i}", f"cluster:c{rng.randrange(4)}", "belongsToCluster")
    add_derived(g, schema)
    return KnowledgeGraph(g, schema, data_dir=None)


# Ways a school and an enterprise can be tied, added to the generated graph: school x{i} offers major:x{i}
# (汽车制造类, a category the 汽车 industry prepares for) and meets enterprise x{i} (industry 汽车) only through the
# facts of scenario i, each fact (subject, relation, object, whether it names the major) with "s", "e" and "v" for
# the school, the enterprise and the node between them, of the type given (and "forMajor" when the node is for
# the major). Facts stated either way round, facts naming the major on either side, and facts that tie nothing.
# "m" is the major itself (hasUnnamedPartnersFor); a fact with a fifth element "planned" is a plan's intent.
SCENARIOS = {
    "explicit": [
        [("s", "runsOrderClass", "v", True), ("e", "sponsorsOrderClass", "v", False), "OrderClass"],
        [("v", "runsOrderClass", "s", False), ("v", "sponsorsOrderClass", "e", True), "OrderClass"],
        [("s", "runsOrderClass", "v", True), ("v", "sponsorsOrderClass", "e", False), "OrderClass"],
        [("s", "partOf", "v", True), ("e", "coBuilds", "v", False), "TrainingBase"],
        [("v", "runBy", "s", False), ("v", "leads", "e", True), "IndustryCollege"],
        [("s", "runsOrderClass", "v", False), ("e", "sponsorsOrderClass", "v", False), "OrderClass", "forMajor"],
        [("v", "partOf", "s", False), ("e", "coBuilds", "v", False), "IndustryCollege", "forMajor"],
        [("e", "foundedBy", "s", True)],
        [("e", "runBy", "s", True)],
        [("e", "partnersWith", "s", True)],
        [("s", "hasUnnamedPartnersFor", "m", False), ("e", "partnersWith", "s", True)],  # a named partner first
        # one partner tied to the major twice: a partnership, and an order class for the major
        [("e", "partnersWith", "s", True), ("s", "runsOrderClass", "v", False), ("e", "sponsorsOrderClass", "v", False),
         "OrderClass", "forMajor"],
    ],
    "unnamed": [
        [("s", "hasUnnamedPartnersFor", "m", False)],
        [("s", "hasUnnamedPartnersFor", "m", False), ("s", "partnersWith", "e", False)],  # before industry-match
        [("s", "hasUnnamedPartnersFor", "m", False), ("e", "partnersWith", "s", True, "planned")],
    ],
    "inferred": [
        [("s", "partnersWith", "e", False)],
        [("v", "runsOrderClass", "s", False), ("e", "sponsorsOrderClass", "v", False), "OrderClass"],
        [("s", "runsOrderClass", "v", False), ("v", "sponsorsOrderClass", "e", False), "OrderClass"],
        [("s", "leads", "v", False), ("v", "coBuilds", "e", False), "TrainingBase"],
        # the school's fact naming the major is no order-class fact
        [("s", "runsOrderClass", "v", False), ("s", "coBuilds", "v", True), ("e", "sponsorsOrderClass", "v", False),
         "OrderClass"],
        [("s", "partnersWith", "e", True, "planned"), ("s", "partnersWith", "e", False)],
    ],
    "none": [
        [("s", "runsOrderClass", "v", True), ("e", "sponsorsOrderClass", "v", True), "TrainingBase"],
        [("s", "coBuilds", "v", True), ("e", "coBuilds", "v", True), "OrderClass"],
        [("s", "memberOf", "v", True), ("e", "memberOf", "v", True), "TrainingBase"],
        [("s", "locatedIn", "v", True), ("e", "coBuilds", "v", True), "TrainingBase"],
        [("s", "memberOf", "v", True), ("e", "leads", "v", True), "Alliance"],  # an alliance makes no partner
        [("v", "memberOf", "s", True), ("v", "memberOf", "e", True), "Alliance"],
        [("s", "partOf", "e", True)],
        # a plan's intent ties nothing
        [("e", "partnersWith", "s", True, "planned")],
        [("s", "hasUnnamedPartnersFor", "m", False, "planned")],
        [("s", "runsOrderClass", "v", True, "planned"), ("e", "sponsorsOrderClass", "v", False), "OrderClass"],
        [("s", "partOf", "v", False), ("e", "coBuilds", "v", False, "planned"), "TrainingBase", "forMajor"],
        [("s", "memberOf", "v", True, "planned"), ("e", "memberOf", "v", True), "Alliance"],
    ],
}


def _with_evidence(g, schema) -> None:
    """generated_kg states list attributes without evidence, which the RDF export cannot write: give each value
    its evidence, as the loaders do."""
    for n, (node, data) in enumerate(g.nodes(data=True)):
        for attr, value in list(data.items()):
            if attr in schema.properties and isinstance(value, list) and attr not in data["provenance"]:
                data["provenance"] = {**data["provenance"], attr: [
                    {"value": v, "source": "doc:gen", "quote": f"{node} {attr} {v}", "certainty": "stated",
                     "rule": None, **dict.fromkeys(TIME_FIELDS), "major": [], "note": None, "offset": None,
                     "confidence": None,
                     "fact": f"doc:gen#a{n}-{attr}-{i}"} for i, v in enumerate(value)]}


def scenario_kg() -> KnowledgeGraph:
    """:func:`generated_kg` with school x{i} for each case of :data:`SCENARIOS`, in order, every attribute value
    with its evidence (so that the RDF export can write it)."""
    kg = generated_kg()
    g = kg.graph.copy()
    facts = iter(range(10**6))

    def node(id_, type_, name, **attrs):
        g.add_node(id_, type=type_, name=name, aliases=[], note=None, provenance={}, **attrs)

    def edge(u, v, relation, names=None, certainty="stated"):
        uid = f"doc:gen#x{next(facts)}"
        g.add_edge(u, v, key=uid, relation=relation, source="doc:gen", quote=f"{u} {relation} {v}", certainty=certainty,
                   rule=None, **dict.fromkeys(TIME_FIELDS), major=[names] if names else [], note=None, offset=0,
                   fact=uid)

    cases = [case for status in SCENARIOS.values() for case in status]
    for i, case in enumerate(cases):
        ids = {"s": f"school:x{i}", "e": f"ent:x{i}", "m": f"major:x{i}"}
        node(ids["s"], "School", f"场景学校{i}", schoolLevel="中职")
        node(ids["e"], "Enterprise", f"场景企业{i}", industry="汽车")
        node(ids["m"], "Major", f"场景专业{i}", catalogueCategory="汽车制造类")
        edge(ids["s"], ids["m"], "offersMajor")
        via = [part for part in case if isinstance(part, str)]
        if via:
            ids["v"] = f"{via[0].lower()}:x{i}"
            node(ids["v"], via[0], f"场景{via[0]}{i}")
            if "forMajor" in via:
                edge(ids["v"], ids["m"], "forMajor")
        for subject, relation, obj, names, *planned in (part for part in case if isinstance(part, tuple)):
            edge(ids[subject], ids[obj], relation, names=ids["m"] if names else None,
                 certainty=planned[0] if planned else "stated")
    _with_evidence(g, kg.schema)
    add_derived(g, kg.schema)
    return KnowledgeGraph(g, kg.schema, data_dir=None)


def periods_kg(seed: int = 7, years: tuple[int, ...] = (2022, 2023, 2024), ending: float = 0.25,
               **sizes) -> tuple[KnowledgeGraph, dict[int, Counter]]:
    """:func:`generated_kg` reported year by year, as a bureau's yearly sheets report it: one document per year
    (``doc:gen-2023``, its ``period`` the year, published the next January). Each partnership is first reported
    in a random year and again every later year, with its time from its document (``timeSource`` document); a
    share ``ending`` of those first reported before the last year end in a later one, whose document states
    the end (``endTime`` its June, and the start as the quote gives it). Every year each school with a partner
    reports how many it has (an ``Indicator`` 合作企业数, so values change between years). Deterministic per seed.

    Returns the graph and, for each year T, the counts :meth:`KnowledgeGraph.as_of` (T) should keep, from a
    ledger of what was generated: ``partnersWith`` facts and ``Indicator`` nodes, and ``ended`` (partnerships
    whose end is stated by T's document).
    """
    kg = generated_kg(seed, **sizes)
    g = kg.graph.copy()
    rng = random.Random(f"periods-{seed}")
    partnerships = [(u, v, k) for u, v, k, e in g.edges(keys=True, data=True) if e["relation"] == "partnersWith"]
    g.remove_edges_from(partnerships)
    g.graph["documents"] = {**g.graph["documents"], **{
        f"doc:gen-{y}": {"id": f"doc:gen-{y}", "title": f"generated {y} (test data)", "file": "", "period": str(y),
                         "date": f"{y + 1}-01-15"} for y in years}}
    facts = iter(range(10**9))
    expected = {y: Counter() for y in years}

    def edge(u, v, relation, year, quote, **times):
        uid = f"doc:gen-{year}#{next(facts)}"
        g.add_edge(u, v, key=uid, relation=relation, source=f"doc:gen-{year}", quote=quote, certainty="stated",
                   rule=None, **{**dict.fromkeys(TIME_FIELDS), **times}, major=[], note=None, offset=0, fact=uid)

    reported: dict[int, Counter] = {y: Counter() for y in years}
    for u, v, _ in partnerships:
        first = rng.choice(years)
        later = [y for y in years if y > first]
        end = rng.choice(later) if later and rng.random() < ending else None
        for y in years:
            if y < first or (end and y > end):
                continue
            if y == end:
                edge(u, v, "partnersWith", y, f"{u}与{v}自{first}年起合作，于{y}年6月结束", startTime=str(first),
                     endTime=f"{y}-06", timeSource=STATED)
                expected[y]["ended"] += 1
                for t in years:
                    expected[t]["partnersWith"] += first <= t <= end
            else:
                edge(u, v, "partnersWith", y, f"{u}与{v}合作", startTime=str(y), endTime=str(y), timeSource=DOCUMENT)
                for t in years:
                    expected[t]["partnersWith"] += t >= y
            reported[y][u if u.startswith("school:") else v] += 1
    for y in years:
        for school, n in sorted(reported[y].items()):
            ind = f"ind:{school.split(':')[1]}-partners-{y}"
            g.add_node(ind, type="Indicator", name=f"{g.nodes[school]['name']}合作企业数", aliases=[], note=None,
                       provenance={}, measure="合作企业数", value=n, unit="家")
            edge(school, ind, "reportsIndicator", y, f"{school}合作企业{n}家", startTime=str(y), endTime=str(y),
                 timeSource=DOCUMENT)
            for t in years:
                expected[t]["indicators"] += t >= y
    add_derived(g, kg.schema)
    return KnowledgeGraph(g, kg.schema, data_dir=None), expected
