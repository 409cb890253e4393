"""A seeded random ecosystem in the ontology's shape, for checks the small bundled corpus cannot reach:
enterprises tied to many schools, majors with and without partners, isolated entities, shared aliases."""

import random

import networkx as nx
from zjgraph.loaders.to_networkx import add_derived

from zjgraph.graph import KnowledgeGraph
from zjgraph.schema import load_schema

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
                   certainty="stated", rule=None, date=None, major=list(major), note=None, offset=0, fact=uid)

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
