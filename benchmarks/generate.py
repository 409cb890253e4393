"""A synthetic national ecosystem in the ontology's shape, written as a KGX folder (``nodes.tsv``, ``edges.tsv``)
that ``zjgraph --data DIR …`` and :meth:`zjgraph.KnowledgeGraph.load` read like any export.

    python benchmarks/generate.py --size S --out /tmp/eco-S      # 120 schools … 15,000 ties
    python benchmarks/generate.py --size L --out /tmp/eco-L      # the national size (about a minute)

Deterministic: the same size and seed give the same bytes. Sizes scale one shape (:data:`SIZES`); at L:
12,000 schools (three quarters 中职, the rest 高职专科 and a few 职业本科) in 31 provinces, 2,800 districts;
150,000 school–major offerings drawn from the real Ministry of Education 2021 catalogue (popular majors are
offered widely, most rarely); 300,000 enterprises; about 1.5 million partnership, order-class, training-base,
industry-college and alliance-membership edges.

The skew is the one researchers meet: an enterprise's number of partner schools is Pareto-distributed
(most have one or two, a few hundred have hundreds), partners are mostly in the enterprise's own province,
alliance sizes are log-normal, and about half the partnerships name a major, so some offered majors have a
tied partner, some only an industry-matched one, some none. Every fact quotes a synthetic sentence of one
synthetic source document per province: this is test data, labelled as such in every document's title.

With ``--periods N`` (N > 1) the partnerships are reported year by year, as a bureau's yearly sheets report
them: one more document per province and year (its ``period`` the year, the last year 2025), each partnership
first reported in a random year and again every later year (its time taken from its document), and about a
quarter of those first reported before the last year ending in a later one, whose document states the start
and the end (June). The rest of the ecosystem is the same as without the option (timing draws from its own
seeded generator), and is written as before; the counts returned include, per year, how many partnership facts
``--as-of`` that year keeps (``as_of``) and how many ends that year's documents state (``ended``).

    python benchmarks/generate.py --size S --periods 3 --out /tmp/eco-S-years   # 2023, 2024, 2025
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from zjgraph.export.kgx import DOCUMENT_COLUMNS, EDGE_COLUMNS, NODE_COLUMNS, PREFIX, cell
from zjgraph.time import TIME_FIELDS

PROVINCES = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
             "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州",
             "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆"]
# School levels with their share of schools and the catalogue file their majors come from.
LEVELS = [("中职", 0.74, "majors_zhongzhi_2021.csv"), ("高职专科", 0.25, "majors_gaozhi_zhuanke_2021.csv"),
          ("职业本科", 0.01, "majors_gaozhi_benke_2021.csv")]
INDUSTRY_WORDS = {"汽车": "汽车", "装备制造": "机械", "电子信息": "电子", "轨道交通": "轨道", "道路交通": "运输",
                  "航空与低空": "航空", "旅游餐饮": "酒店", "商贸电商": "商贸", "生物医药": "医药", "文化创意": "文化",
                  "农业食品": "食品", "教育托育": "教育"}
NODE_ATTRS = ["catalogueCode", "catalogueName", "catalogueLevel", "catalogueCategory", "catalogueDivision"]
NODE_HEADER = NODE_COLUMNS + NODE_ATTRS + ["provenance"] + DOCUMENT_COLUMNS


@dataclass(frozen=True)
class Size:
    schools: int
    offerings: int
    enterprises: int
    districts: int
    order_classes: int
    bases: int  # training bases, and as many industry colleges
    alliances: int


SIZES = {
    "XS": Size(schools=40, offerings=500, enterprises=1_000, districts=31, order_classes=400, bases=50, alliances=10),
    "S": Size(schools=120, offerings=1_500, enterprises=3_000, districts=62, order_classes=1_500, bases=150,
              alliances=30),
    "M": Size(schools=1_200, offerings=15_000, enterprises=30_000, districts=280, order_classes=15_000, bases=1_500,
              alliances=300),
    "L": Size(schools=12_000, offerings=150_000, enterprises=300_000, districts=2_800, order_classes=150_000,
              bases=15_000, alliances=3_000),
}
MAX_REACH = 800  # partner schools of the most connected enterprise


def catalogue(file: str) -> list[dict]:
    path = files("zjgraph") / "data" / "reference" / file
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


class Writer:
    """Streams rows into ``nodes.tsv`` and ``edges.tsv``; numbers facts per province document."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self._nodes_file = (folder / "nodes.tsv").open("w", encoding="utf-8", newline="")
        self._edges_file = (folder / "edges.tsv").open("w", encoding="utf-8", newline="")
        self.nodes = csv.writer(self._nodes_file, delimiter="\t", lineterminator="\n")
        self.edges = csv.writer(self._edges_file, delimiter="\t", lineterminator="\n")
        self.nodes.writerow(NODE_HEADER)
        self.edges.writerow(EDGE_COLUMNS)
        self.facts: dict[str, int] = {}
        self.counts = {"nodes": 0, "edges": 0}

    def close(self):
        self._nodes_file.close()
        self._edges_file.close()

    def fact(self, doc: str) -> str:
        self.facts[doc] = self.facts.get(doc, 0) + 1
        return f"{doc}#{self.facts[doc]}"

    def node(self, id_: str, type_: str, name: str, aliases=(), provenance=None, **attrs):
        values = {"id": id_, "category": PREFIX + type_, "name": name, "synonym": list(aliases), **attrs,
                  "provenance": json.dumps(provenance, ensure_ascii=False) if provenance else None}
        self.nodes.writerow([cell(values.get(c)) for c in NODE_HEADER])
        self.counts["nodes"] += 1

    def document(self, id_: str, title: str, district: str, date: str = "2026", period: str | None = None):
        values = {"id": id_, "category": PREFIX + "SourceDocument", "name": title, "description": "synthetic",
                  "file": "", "kind": "synthetic", "publisher": "zjgraph benchmarks", "date": date,
                  "district": district, "period": period}
        self.nodes.writerow([cell(values.get(c)) for c in NODE_HEADER])

    def edge(self, doc: str, u: str, relation: str, v: str, quote: str, major=(), **times):
        values = {"id": self.fact(doc), "subject": u, "predicate": PREFIX + relation, "object": v,
                  "primary_knowledge_source": doc, "quote": quote, "certainty": "stated", "major": list(major),
                  **times}
        self.edges.writerow([cell(values.get(c)) for c in EDGE_COLUMNS])
        self.counts["edges"] += 1

    def evidence(self, doc: str, value: str, quote: str) -> dict:
        """The evidence of an attribute stated by a fact, as ``provenance`` holds it."""
        return {"value": value, "source": doc, "quote": quote, "certainty": "stated", "rule": None,
                **dict.fromkeys(TIME_FIELDS), "major": [], "note": None, "offset": None, "confidence": None,
                "fact": self.fact(doc)}


def weighted_picker(rng: random.Random, items: list, skew: float = 1.0):
    """A function drawing from ``items`` with Zipf-like weights (the first items most often)."""
    weights = [1 / (rank + 5) ** skew for rank in range(len(items))]
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    return lambda k=1: rng.choices(items, cum_weights=cumulative, k=k)


LAST_YEAR = 2025  # the last period of --periods


class Periods:
    """Writes each partnership year by year (see the module docstring) and keeps the ledger of what ``--as-of``
    each year should keep; draws from its own generator, so the rest of the ecosystem is the same."""

    def __init__(self, w: Writer, periods: int, seed: int):
        self.w, self.rng = w, random.Random(f"periods-{seed}")
        self.years = list(range(LAST_YEAR - periods + 1, LAST_YEAR + 1))
        self.ledger = {y: {"as_of": 0, "ended": 0} for y in self.years}

    def documents(self, p: int, province: str):
        for y in self.years:
            self.w.document(f"doc:synthetic-{p:02d}-{y}", f"{province}{y}年校企合作统计（合成数据，基准测试用）",
                            f"place:p{p}", date=f"{y + 1}-01", period=str(y))

    def partnership(self, p: int, u: str, v: str, quote: str, major: list):
        first = self.rng.choice(self.years)
        later = [y for y in self.years if y > first]
        end = self.rng.choice(later) if later and self.rng.random() < 0.25 else None
        for y in self.years:
            doc = f"doc:synthetic-{p:02d}-{y}"
            if y < first or (end and y > end):
                continue
            if y == end:
                self.w.edge(doc, u, "partnersWith", v, f"{quote[:-1]}，{first}年起，{y}年6月结束。", major,
                            startTime=str(first), endTime=f"{y}-06", timeSource="stated")
                self.ledger[y]["ended"] += 1
                held = [t for t in self.years if first <= t <= end]
            else:
                self.w.edge(doc, u, "partnersWith", v, quote, major, startTime=str(y), endTime=str(y),
                            timeSource="document")
                held = [t for t in self.years if t >= y]
            for t in held:
                self.ledger[t]["as_of"] += 1


def generate(size: str, folder: Path | str, seed: int = 1, periods: int = 1) -> dict:
    """Write the ecosystem of ``size`` (a key of :data:`SIZES`) into ``folder``, its partnerships over
    ``periods`` years when more than one; returns counts (and, with periods, the ledger by year)."""
    n, rng, w = SIZES[size], random.Random(seed), Writer(Path(folder))
    timed = Periods(w, periods, seed) if periods > 1 else None
    try:
        counts = _generate(n, rng, w, timed) | w.counts
        return counts | ({"periods": timed.ledger} if timed else {})
    finally:
        w.close()


def _generate(n: Size, rng: random.Random, w: Writer, timed: Periods | None = None) -> dict:
    docs = [f"doc:synthetic-{i:02d}" for i in range(len(PROVINCES))]
    w.node("place:cn", "Country", "中国")
    districts_of: list[list[str]] = [[] for _ in PROVINCES]
    cities_per_province = max(1, n.districts // len(PROVINCES) // 9)
    for p, province in enumerate(PROVINCES):
        w.document(docs[p], f"{province}职业教育产教融合年度报告（合成数据，基准测试用）", f"place:p{p}")
        if timed:
            timed.documents(p, province)
        w.node(f"place:p{p}", "Province", province)
        w.edge(docs[p], f"place:p{p}", "partOf", "place:cn", f"{province}是中国的省级行政区。")
        for c in range(cities_per_province):
            w.node(f"place:p{p}c{c}", "City", f"{province}第{c + 1}市")
            w.edge(docs[p], f"place:p{p}c{c}", "partOf", f"place:p{p}", f"{province}第{c + 1}市隶属{province}。")
    for d in range(n.districts):
        p, c = d % len(PROVINCES), (d // len(PROVINCES)) % cities_per_province
        district = f"place:d{d}"
        w.node(district, "District", f"{PROVINCES[p]}第{d + 1}区")
        w.edge(docs[p], district, "partOf", f"place:p{p}c{c}", f"{PROVINCES[p]}第{d + 1}区隶属第{c + 1}市。")
        districts_of[p].append(district)

    majors_by_level, major_name = {}, {}
    for level, _, file in LEVELS:
        rows = catalogue(file)
        rng.shuffle(rows)  # which majors are popular is drawn, not the catalogue's order
        ids = []
        for row in rows:
            major = f"major:{row['code']}"
            w.node(major, "Major", row["name"], catalogueCode=row["code"], catalogueName=row["name"],
                   catalogueLevel=row["level"], catalogueCategory=row["category_name"],
                   catalogueDivision=row["dalei_name"])
            ids.append(major)
            major_name[major] = row["name"]
        majors_by_level[level] = (ids, weighted_picker(rng, ids))

    schools, schools_of, offered = [], [[] for _ in PROVINCES], {}
    per_school = n.offerings / n.schools
    for i in range(n.schools):
        p = rng.randrange(len(PROVINCES))
        level = rng.choices([lv for lv, _, _ in LEVELS], weights=[share for _, share, _ in LEVELS])[0]
        school, doc = f"school:s{i}", docs[p]
        name = f"{PROVINCES[p]}第{i + 1}{'职业技术学院' if level != '中职' else '职业学校'}"
        w.node(school, "School", name, aliases=[f"{PROVINCES[p]}{i + 1}职校"] if i % 7 == 0 else (),
               provenance={"schoolLevel": [w.evidence(doc, level, f"{name}是一所{level}学校。")]})
        w.edge(doc, school, "locatedIn", rng.choice(districts_of[p]), f"{name}位于本区。")
        ids, pick = majors_by_level[level]
        count = min(len(ids), max(1, round(rng.gauss(per_school, per_school / 3))))
        chosen = []
        while len(chosen) < count:
            chosen += [m for m in pick(count - len(chosen)) if m not in chosen]
            chosen = list(dict.fromkeys(chosen))
        for major in chosen:
            w.edge(doc, school, "offersMajor", major, f"{name}开设{major_name[major]}专业。")
        schools.append((school, p, name))
        schools_of[p].append(len(schools) - 1)
        offered[school] = chosen

    partners: dict[str, list[str]] = {s: [] for s, _, _ in schools}
    enterprises, ent_name, name_of = [], {}, {s: nm for s, _, nm in schools}
    industries = list(INDUSTRY_WORDS)
    for i in range(n.enterprises):
        p = rng.randrange(len(PROVINCES))
        doc, ent = docs[p], f"ent:e{i}"
        sectors = rng.sample(industries, rng.choices([0, 1, 2], weights=[20, 65, 15])[0])
        word = INDUSTRY_WORDS[sectors[0]] if sectors else "实业"
        name = f"{PROVINCES[p]}{word}{i + 1}有限公司"
        evidence = [w.evidence(doc, s, f"{name}属于{s}行业。") for s in sectors]
        w.node(ent, "Enterprise", name, aliases=[f"{word}{i + 1}"] if i % 10 == 0 else (),
               provenance={"industry": evidence} if evidence else None)
        enterprises.append((ent, p, name))
        ent_name[ent] = name
        reach = min(MAX_REACH, n.schools, int(rng.paretovariate(1.4)))
        tied: set[int] = set()
        while len(tied) < reach:
            local = schools_of[p] if schools_of[p] and rng.random() < 0.8 and reach < len(schools_of[p]) else None
            tied.add(rng.choice(local) if local else rng.randrange(len(schools)))
        for k in sorted(tied):
            school, _, school_name = schools[k]
            major = [rng.choice(offered[school])] if rng.random() < 0.5 else []
            ends = (school, ent) if rng.random() < 0.5 else (ent, school)
            if timed:
                timed.partnership(p, ends[0], ends[1], f"{school_name}与{name}开展校企合作。", major)
            else:
                w.edge(doc, ends[0], "partnersWith", ends[1], f"{school_name}与{name}开展校企合作。", major)
            partners[school].append(ent)

    pick_school = weighted_picker(rng, list(range(len(schools))), skew=0.5)
    for i in range(n.order_classes):
        school, p, school_name = schools[pick_school()[0]]
        mine = partners[school]
        ent = rng.choice(mine) if mine and rng.random() < 0.7 else enterprises[rng.randrange(len(enterprises))][0]
        oc, doc = f"orderclass:o{i}", docs[p]
        w.node(oc, "OrderClass", f"{school_name}订单班{i + 1}")
        w.edge(doc, school, "runsOrderClass", oc, f"{school_name}开办订单班{i + 1}。")
        w.edge(doc, ent, "sponsorsOrderClass", oc, f"{school_name}订单班{i + 1}由{ent_name[ent]}冠名。")
        if rng.random() < 0.9:
            w.edge(doc, oc, "forMajor", rng.choice(offered[school]), f"{school_name}订单班{i + 1}面向本校专业。")

    for kind, label in (("TrainingBase", "实训基地"), ("IndustryCollege", "产业学院")):
        for i in range(n.bases):
            school, p, school_name = schools[pick_school()[0]]
            via, doc = f"{kind.lower()}:b{i}", docs[p]
            w.node(via, kind, f"{school_name}{label}{i + 1}")
            w.edge(doc, via, rng.choice(["partOf", "runBy"]), school, f"{school_name}{label}{i + 1}由学校建设。")
            for _ in range(rng.choice([1, 1, 2, 3])):
                mine = partners[school]
                ent = rng.choice(mine) if mine else enterprises[rng.randrange(len(enterprises))][0]
                w.edge(doc, ent, "coBuilds", via, f"{ent_name[ent]}共建{school_name}{label}{i + 1}。")
            if rng.random() < 0.7:
                w.edge(doc, via, "forMajor", rng.choice(offered[school]), f"{school_name}{label}{i + 1}服务本校专业。")

    kinds, names = ["职教集团", "产教联合体", "联盟", "共同体"], name_of | ent_name
    for i in range(n.alliances):
        p = rng.randrange(len(PROVINCES))
        alliance, doc, kind = f"alliance:a{i}", docs[p], rng.choice(kinds)
        name = f"{PROVINCES[p]}第{i + 1}{kind}"
        w.node(alliance, "Alliance", name,
               provenance={"allianceKind": [w.evidence(doc, kind, f"{name}是一个{kind}。")]})
        size = min(400, max(3, int(rng.lognormvariate(3.3, 0.8))))
        local = schools_of[p] or list(range(len(schools)))
        members = {schools[rng.choice(local)][0] for _ in range(max(1, size // 3))}
        members |= {enterprises[rng.randrange(len(enterprises))][0] for _ in range(size - size // 3)}
        leader = min(m for m in members if m.startswith("school:"))
        for member in sorted(members):
            relation = "leads" if member == leader else "memberOf"
            verb = "牵头" if relation == "leads" else "加入"
            w.edge(doc, member, relation, alliance, f"{names[member]}{verb}{name}。")
    return {"schools": len(schools), "enterprises": len(enterprises)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=list(SIZES), default="S")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder to write nodes.tsv and edges.tsv into")
    parser.add_argument("--periods", type=int, default=1, help="report the partnerships over this many years "
                        f"(up to {LAST_YEAR})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.size, args.out, args.seed, args.periods)
    print(f"{args.size}: {counts['nodes']:,} entities, {counts['edges']:,} facts in {args.out} "
          f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
