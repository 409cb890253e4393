"""Finding the named entities of a report: known names, and new names by how such names are built.

Three sources of mentions, on the normalised view of the text (:mod:`zjgraph.extract.text`):

- the registry's names and aliases (:class:`~zjgraph.extract.registry.Registry`), and the short forms the
  report itself defines (``重庆市交通职业学校(以下简称交职校)``);
- names ending in a word that says what they are (…职业学院, …职教中心, …有限公司, …产教联合体, …实训基地,
  …园区, …订单班 …): the name runs back from that word to a punctuation mark or a word that cannot be part
  of a name (与, 和, 在, 牵头, 签订 …);
- place names (:mod:`zjgraph.extract.gazetteer`), and majors and industry clusters where the context says so
  (``开设A、B等N个专业``, ``A专业``, ``对接A、B等产业集群``).

Mentions of one entity are merged (same registry entry, a defined short form, or the same name once a city
prefix and the usual abbreviations are set aside: 永川职业教育中心 = 永川职教中心).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from zjgraph.extract.gazetteer import places
from zjgraph.extract.registry import Known, Registry
from zjgraph.extract.text import Text, normalize

# (type, name endings), most specific first; an ending is tried longest first.
SUFFIXES: list[tuple[str, tuple[str, ...]]] = [
    ("IndustryCollege", ("产业学院", "工程师学院", "产业学校")),
    ("Alliance", ("产教联合体", "联合体", "共同体", "联盟", "职教集团", "教育集团", "培训集团", "教联体",
                  "联合创新中心", "工作委员会")),
    ("TrainingBase", ("实训基地", "培训基地", "实践基地", "培养基地", "实训中心", "实践中心", "培训中心", "实训平台",
                      "人才培养中心", "技能大师工作室", "实训室", "实训车间", "电商课堂", "检测线")),
    ("ResearchInstitute", ("研究院", "研究中心", "研究所", "科学院", "农科院", "院士工作站", "科学家工作站",
                           "专家大院", "科技创新中心")),
    ("School", ("职业技术学院", "职业学院", "技师学院", "职业技术学校", "职业学校", "职业教育中心", "职教中心",
                "技工学校", "职业高级中学", "职业中学校", "职业中学", "中等专业学校", "专业学校", "职业大学",
                "大学", "学院", "职中", "职校", "技校", "分校", "中学")),
    ("Campus", ("新校区", "校区", "新校园")),  # a campus is part of its school, not a school (a 分校 is one)
    ("Enterprise", ("股份有限公司", "有限责任公司", "有限公司", "公司", "集团")),
    ("IndustrialPark", ("国家高新区", "高新区", "工业园区", "产业园区", "农业园区", "园区", "产业园", "工业园",
                        "示范园", "开发区", "经开区")),
    ("EducationZone", ("职教基地", "职教城", "职业教育基地")),
    ("GovernmentBody", ("人民政府办公室", "人民政府", "管委会", "建管委", "教育委员会", "教委", "教育局", "教体局",
                        "发展改革委", "住房城乡建委", "规划自然资源局", "经济信息委", "科技局", "商务委",
                        "人力资源和社会保障局", "人社局", "财政局", "办公厅", "农业农村部", "教育部", "人社部")),
    ("Association", ("协会", "学会", "名师工作室")),
    ("OrderClass", ("订单班", "学徒制班", "实验班", "工匠班", "定向班")),
]

# Words that end a name on its left: the name starts after the last one found.
_TRIGGER = re.compile(
    "与(?!管理|维修|检测|检修|维护|化工|信息|装配|运营)|(?<!资源)和(?!社会保障|城乡|信息化)|同|及|在|是|为|由|对|把|被|将|于|到|从|了|让|使|给|即|(?<![财政神曾已])经(?!贸|济|营|开|典)|后续|随后|同时|此外|目前|近年来?|"
    "(?<!”)的|加入|成为|获批|获评|入选|联合|携手|依托|牵头|组建|成立|建设|建成|打造|共建|开设|开展|设立|举办|"
    "隶属|主管|推动|支持|指导|签订|签约|合作|引进|引入|建立|参与|作为|包括|其中|分别|获得|荣获|以及|还|并|也|都|已|"
    "新建|新增|落户|位于|入驻|携|联手|通过|旗下|下属|担任|当选|创建|筹建|启动|揭牌|授牌|挂牌|命名|认定|评为|"
    "共管|共办|共育|共创|共营|合建|援建|扩建|改建|迁建|开启|深入|组织|带领|邀请|走进|来到|赴|前往|受|年|月|日|如|系|含|注重|提升|拓展|加强|当前|参访|融入|主动|发挥|持续|"
    "切实|构建|强化|铸牢|深化|推进|完善|优化|实施|承担|对接|聚焦|围绕|助力|引领|带动|形成|实现|促进|搭建|探索|参加|"
    "承办|申报|入围|以|向|覆盖|涵盖|面向|服务于|暨|助推|响应|借鉴|根据|明确|乃至|加快|运营(?!与|管理)|完成|力争|有|"
    "上(?!海|汽|合)|或|(?<![中高同平均对])等")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9+·\-]")
_LEADING_QUANTITY = re.compile(r"^(?:(?:[\d.]+(?![\dA-Za-z.])|[一二三四五六七八九十两几多首]+)"  # not 5G…
                               r"[余多]?[个所家项批类大座条支名届]?|"
                               r"各|首个|区内|市内|区域内|校内|校外|辖区|全区|全市|我区|我市|该|本|其)+")
# kinds of names that may begin with their school's or company's name (重庆城市职业学院中德工程师学院)
# kinds named after the known place, zone or school they belong to, right before their ending (西部职教基地建管委)
_NAMED_AFTER = {"Campus", "GovernmentBody", "ResearchInstitute"}
_MAY_CARRY_PARENT = {"IndustryCollege", "Campus", "GovernmentBody", "TrainingBase", "OrderClass", "ResearchInstitute",
                     "Alliance"}
_GENERIC_HEAD = re.compile(
    r"^(?:[\d.]+|[一二三四五六七八九十两百千万几多余个所家项批类级]+|各|该|本|我|其|此|这|那|每|全|新|原|现|相关|有关|"
    r"全日制|制|公办|民办|达标|中华民族|育人|教育|研修|跨区域|国家|行业性?|区域|校级|专业|开放|现代化|核心|实习|"
    r"共享|科研|命运|全国|全体|当地|教学|实验|"
    r"校外|校内|公共|生产性|生产性公共|现代|区域|区域性|本地|一流|高水平|高质量|市级|国家级|省级|区级|县级|多个|各类|"
    r"中职|高职|职业|示范性?|优质|特色|重点|骨干|龙头|知名|优秀|大型|中小|规上|校企|实体|民营|国有|外资|合作|签约|"
    r"头部|领军|上市|本科|专科|普通|综合|开放型|共享型|虚拟仿真|市域|行业|产教融合|中高职|职业院|院|企业|高等|"
    r"学校|院校|高校|中等|技工|技能|创新|示范|知名企|名企|企|联盟|教师|职教|发展|国际|股份制|当地|两地|科技|研学|启蒙|[\u4e00-\u9fff]{1,4}型)+$")
_COUNTED = re.compile(r"(?:[\d]+|[一两二三四五六七八九十几多])[余多]?[所家座批个项](?!性)")
# an item that is a count (3个专业, 20余家), not a name; 5G通信技术 and 家政服务 are names
# 专业 ending a list of majors, not 专业大类, 专业建设, 专业技术技能人才 …
_ZHUANYE = re.compile(r"专业(?!大类|部|系|教师|建设|人才|技能|课程|知识|能力|水平|化|性|技术技能|技术人才|特色|学生)")
# 开办中德班, AYEC班 (not 开设综合高中班, a kind of class)
_NAMED_CLASS = re.compile(r"(?:(?<=开办|开设|组建|创办|创建)|(?<=开办了|开设了|组建了))"
                          r"([\u4e00-\u9fff]{2})班(?![主级长会])|([A-Z][A-Za-z0-9]+)班(?![主级长会])")
_LIST = re.compile(r"(?<![\u4e00-\u9fffA-Za-z0-9])[\u4e00-\u9fffA-Za-z0-9]{2,12}"
                   r"(?:、[\u4e00-\u9fffA-Za-z0-9]{2,12})+等")  # A、B、C等
_COUNT_IN_ITEM = re.compile(r"[\d一两二三四五六七八九十几多]+[余多]?[个所家项]|^[\d.]+$")
_ORG_WORD = re.compile(r"(?:学校|企业|单位|政府|部门|院校|高校|学院|中心|公司|集团|机构|基地|园区|[校院局委区市县镇])$")
# after a place, the words that still make a phrase generic (重庆市中等职业学校, 全市优质职业学校)
_PLACE_GENERIC = re.compile(r"^(?:中等|高等|中职|高职|职业|公办|民办|优质|重点|示范性?|骨干|特色|高水平|一流|各类|全部|"
                            r"所有|相关|有关|各|其他|市级|区级|县级|省级|国家级|本地|当地|现有|新建|多所|"
                            r"[\d一二三四五六七八九十两几多]+所)*$")
_DEFINED = re.compile(r"\((?:以下)?简称[:：]?“?([^()“”]{2,12})”?\)")
_MAX_NAME = 28
_NOT_COMPANY = re.compile(r"企业|行业|学校|院校|单位|部门|机构|[的了在和将]|国家|政府|合作|优质|龙头|重点")
_CLUSTER_LIKE = re.compile(r"(?:产业|制造|经济|服务业|装备|农业|汽车|材料|信息|消费品|交通|能源|医药|物流|电子|汽摩)$")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_LIST_OPENER = re.compile(r"开设了?|设有|开办|新增设?|增设|设置|针对|包括|涵盖|覆盖|围绕|形成了以|以|如|开展了?")
_MAJOR_LIKE = re.compile(r"(?:技术|应用|维修|管理|检测|制造|保育|教育|设计|加工|运营|营销|电商|服务|"
                         r"工程|护理|会计|烹饪|美术|艺术|商务|物流|旅游|中药|药学|检修|装配|制作|操控|维护|控制|自动化|机电|电子|信息|网络|软件|数据|"
                         r"财务|金融|建筑|造价|测量|安全|化工|农业|畜牧|园艺|制茶|摄影|播音|表演|舞蹈|"
                         r"音乐|体育|焊接|数控)$")
_NOT_ITEM = re.compile(r"成为|区域|发展|建设|需求|特点|[的为了是将在]|本地|地方|学校|培养|"
                       r"人才|产业|专业|课程|体系|机制|模式|国家|战略|工作|领域")


_PLACE_TYPES = {"Country", "Province", "City", "District", "AdministrativeArea"}


@dataclass(eq=False)
class Mention:
    start: int
    end: int
    type: str
    source: str  # registry | pattern | place | defined | major | cluster
    known: Known | None = None
    entity: Entity | None = None
    via: Mention | None = None  # a short form the report defines: the mention it was defined for
    alias_of: str | None = None  # a place name and a short form the report defines


@dataclass(eq=False)
class Entity:
    """One entity of the report: known (``known`` set) or new; ``names`` are the original forms, fullest first."""

    type: str
    known: Known | None
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    record: dict = field(default_factory=dict)  # an indicator's or target's measure, value, unit …
    local_names: list[str] = field(default_factory=list)  # forms of a known entity the registry lacks

    @property
    def name(self) -> str:
        return self.known.name if self.known else self.names[0]

    @property
    def key(self) -> str:
        return self.known.id if self.known else entity_key(self.type, self.names[0])


def entity_key(typ: str, name: str) -> str:
    """What two mentions of one new entity share: 璧山 and 璧山区, 永川职教中心 and 重庆市永川职业教育中心."""
    name = normalize(name)
    if typ in _PLACE_TYPES:
        return "place:" + (name[:-1] if len(name) > 2 and name[-1] in "省市区县" else name)
    return f"{typ}:{variant(name)}"


def variant(name: str) -> str:
    """The form two spellings of one name share: no city prefix, the usual abbreviations, no legal suffix."""
    name = re.sub(r"^(?:中国|重庆市|重庆)(?=.{3})", "", name)
    for long, short in (("职业教育中心", "职教中心"), ("职业技术学校", "职校"), ("职业学校", "职校"),
                        ("职业中学校", "职中"), ("职业中学", "职中"), ("技工学校", "技校"), ("股份有限公司", ""),
                        ("有限责任公司", ""), ("有限公司", ""), ("市", "")):
        name = name.replace(long, short)
    return name


_KIND_WORDS = re.compile(r"(?:订单式?|现代|中国特色)?(?:培养|学徒制)|订单|产教融合|校企合作")


def _generic_name(name: str) -> bool:
    """A registry name that is only a kind word (订单培养, 订单班, 实训基地): a curator's name for one document's
    entity, not a name another report would use for it."""
    return bool(name) and _generic_pattern().fullmatch(name) is not None


@lru_cache(maxsize=1)
def _generic_pattern() -> re.Pattern:
    # a ministry's word is its name (教育部): government endings are no kind words here
    endings = sorted((e for e, typ in _suffix_pattern()[1].items() if typ != "GovernmentBody"), key=len, reverse=True)
    return re.compile(f"(?:{_KIND_WORDS.pattern})?(?:" + "|".join(map(re.escape, endings)) + ")?")


@lru_cache(maxsize=1)
def _suffix_pattern() -> tuple[re.Pattern, dict[str, str]]:
    by_suffix = {}
    for typ, endings in SUFFIXES:
        for e in endings:
            by_suffix.setdefault(e, typ)
    # 班 is not an order class in 班主任, 班级, 开班; 学院 is not a school in 学院路
    alternatives = sorted(by_suffix, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, alternatives)) + r")(?![主级长路街])"), by_suffix


@lru_cache(maxsize=1)
def catalogue_majors() -> frozenset[str]:
    """Major names of the shipped 2021 catalogue (reference data, not curated facts)."""
    names = set()
    for path in (files("zjgraph") / "data" / "reference").iterdir():
        if path.name.startswith("majors_") and path.name.endswith(".csv"):
            with path.open(encoding="utf-8") as f:
                names.update(normalize(r["name"]) for r in csv.DictReader(x for x in f if not x.startswith("#")))
    return frozenset(names)


@lru_cache(maxsize=1)
def _place_table() -> dict[str, str]:
    return places()


def _alternation(names) -> re.Pattern | None:
    names = sorted(set(names), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))) if names else None


class Recognizer:
    """Finds the mentions of one text given what the registry knows."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.gated = {k for k, v in registry.names.items() if v.type in ("Major", "IndustryCluster")}
        self.gated |= {k for k in registry.names if _generic_name(k)}  # 订单培养 is no one's name in another report
        self.known_pattern = _alternation(k for k in registry.names if k not in self.gated)
        self.variants: dict[str, Known | None] = {}
        for k, v in registry.names.items():
            key = variant(k)
            if self.variants.setdefault(key, v) not in (v, None):
                self.variants[key] = None  # two entities share it: no resolution by variant
        self.place_pattern = _alternation(_place_table())

    # ---------------------------------------------------------------- the steps

    def known(self, view: str) -> list[Mention]:
        if self.known_pattern is None:
            return []
        out = []
        for m in self.known_pattern.finditer(view):
            k = self.registry.names[m.group()]
            out.append(Mention(m.start(), m.end(), k.type, "registry", k))
        return out

    def places(self, view: str) -> list[Mention]:
        table = _place_table()
        return [Mention(m.start(), m.end(), table[m.group()], "place") for m in self.place_pattern.finditer(view)]

    def patterned(self, text: Text, blockers: list[Mention]) -> list[Mention]:
        """Names built like …职业学院, …有限公司: from the ending back to where the name starts."""
        pattern, by_suffix = _suffix_pattern()
        view = text.view
        ends = {m.end: m for m in blockers}
        out = []
        for m in pattern.finditer(view):
            typ = by_suffix[m.group()]
            start = self._left_edge(text, m.start(), ends, typ)
            if start is not None:
                out.append(Mention(start, m.end(), typ, "pattern"))
        # a class named by letters (AYEC班) or opened as one (开办中德班): 班 alone ends no name elsewhere
        for m in _NAMED_CLASS.finditer(view):
            a = m.start(1) if m.group(1) else m.start(2)
            out.append(Mention(a, m.end(), "OrderClass", "pattern"))
        return out

    def _left_edge(self, text: Text, suffix_start: int, blockers: dict[int, Mention], typ: str) -> int | None:
        view = text.view
        i, lo, closing = suffix_start, max(0, suffix_start - _MAX_NAME), []
        while i > lo and i not in text.breaks:
            ch = view[i - 1]
            inner = blockers.get(i)
            if inner is not None and not ((i < suffix_start or typ in _NAMED_AFTER) and typ in _MAY_CARRY_PARENT):
                break  # a name that is already known ends here
            if ch in ")”》":
                closing.append(ch)
            elif ch in "(“《":
                if not closing:
                    break
                closing.pop()
            elif not _NAME_CHARS.match(ch):
                break
            i -= 1
        if closing:
            return None
        head = view[i:suffix_start]
        cut, cuts = 0, [(0, 0)]  # (where the name would start, the length of the word before it)
        for t in _TRIGGER.finditer(head):
            if t.group() == "与" and self._joins_parts(head[cut:t.start()]):
                continue  # 智能网联汽车与新能源产业园: 与 joins two parts of one name
            if len(t.group()) == 1 and self._inside_place(head, t.start()):
                continue  # 成都, 荥经: a word's character inside a place's name
            cut = t.end()
            cuts.append((cut, len(t.group())))
        if cuts[-1][1] == 1 and re.fullmatch(r"[县区市镇乡州省]", head[cut:]):
            cut = cuts[-2][0]  # 荥经县人民政府: a one-character word inside a place name, not before it
        if typ == "OrderClass" and _COUNTED.fullmatch(head, cut):
            return i + cut  # 开设了20个订单班: the classes counted, one entity named by its count
        for q in _COUNTED.finditer(head, cut):
            cut = q.end()  # 办好一所职业学校, 引进一批企业: a counted noun phrase is no name
        head = head[cut:]
        lead = None if self.place_pattern.match(head) else _LEADING_QUANTITY.match(head)
        if lead and re.search(r"各|[一二三四五六七八九十两几多\d]+[余多]?[个所家]$", lead.group()) and re.fullmatch(
                r"(?:[镇乡街区县市村省州]|街道|[区县市]属|有关|相关)+", head[lead.end():]):
            return None  # 各镇人民政府, 3所区属职业学校: a kind of body, not one of them
        if lead:
            cut, head = cut + lead.end(), head[lead.end():]
        core = _LEADING_QUANTITY.sub("", self.place_pattern.sub("", head)) if self.place_pattern else head
        core = core.replace("“", "").replace("”", "")  # 市级“双师型”教师: quotes mark a term, not a name
        # a society or alliance of a place is a proper name (重庆市职业教育学会), a school of one need not be
        proper = self.place_pattern.match(head) is not None and (
            typ in ("Association", "Alliance") or not _PLACE_GENERIC.match(core))  # 成都现代职业技术学校
        if len(head) < (1 if typ in ("OrderClass", "GovernmentBody") else 2) or head[0] in ")”》" or (
                core and _GENERIC_HEAD.match(core) and typ != "GovernmentBody" and not proper):
            return None
        return i + cut

    def _inside_place(self, head: str, at: int) -> bool:
        """Whether ``head[at]`` lies inside a gazetteer place name."""
        for k in range(1, 4):
            m = self.place_pattern.match(head, at - k) if at >= k and self.place_pattern else None
            if m is not None and m.end() > at:
                return True
        return False

    def _joins_parts(self, left: str) -> bool:
        """Whether the words before a 与 are the first half of a name rather than a name (or 学校) of their own:
        not an organisation's or a place's name, not a word for an organisation."""
        pattern, _ = _suffix_pattern()
        return 2 <= len(left) <= 10 and not (
            _ORG_WORD.search(left) or pattern.search(left) or left in self.registry.names
            or (self.place_pattern is not None and self.place_pattern.fullmatch(left)))

    def _trim(self, view: str, mentions: list[Mention], shorts: set[str]) -> None:
        """Cut words a pattern took in front of a name seen alone elsewhere (签署标志着|璧山职教中心)."""
        alone = {view[m.start:m.end] for m in mentions} | shorts | set(self.registry.names)
        table = _place_table()
        for m in mentions:
            if m.source != "pattern":
                continue
            name = view[m.start:m.end]
            for k in range(1, len(name) - 2):
                if name[k:] not in alone:
                    continue
                if name[:k] in table and name[k:] in shorts:
                    m.alias_of = name[k:]  # 璧山交职校: the place and the report's short form
                elif not any(name.startswith(p) for p in table if len(p) <= k):
                    m.start += k
                break

    def defined(self, view: str, mentions: list[Mention]) -> list[tuple[Mention, str]]:
        """(the mention a short form is defined for, the short form): ``X(以下简称Y)``."""
        by_end = {m.end: m for m in mentions}
        return [(by_end[m.start()], m.group(1)) for m in _DEFINED.finditer(view) if m.start() in by_end]

    # ---------------------------------------------------------------- majors and clusters in context

    def majors(self, view: str, schools: list[Mention]) -> list[Mention]:
        """Majors: items of a list that ends in 专业 (开设A、B等N个专业, 以“A”“B”等为核心的专业集群), a known or
        catalogue name before 专业, and a major-like name right after a school's name (巴南职教中心汽修专业)."""
        catalogue = catalogue_majors()
        known_majors = {k for k in self.gated if self.registry.names[k].type == "Major"}

        def accept(x):
            return x in catalogue or x in known_majors or bool(_MAJOR_LIKE.search(x)) and not _NOT_ITEM.search(x)

        out = []
        school_ends = {m.end for m in schools}
        for m in _ZHUANYE.finditer(view):
            clause_start = m.start()
            while clause_start > 0 and view[clause_start - 1] not in ",。;:!?" and m.start() - clause_start < 160:
                clause_start -= 1
            before = view[clause_start:m.start()]
            tail = re.search(r"(?:等(?:为核心的|为主的)?)?(?:共计?|合计)?(?:[\d一二三四五六七八九十]+[余多]?个)?"
                             r"(?:重点|骨干|特色|品牌|示范|核心|优势|新兴|的)*$", before)
            body_end = clause_start + tail.start()
            body = view[clause_start:body_end]
            if "专业大类" in body:
                continue  # a list of catalogue divisions, not of majors
            if "、" in body or body.count("“") >= 2:
                openers = list(_LIST_OPENER.finditer(body))
                start = clause_start + (openers[-1].end() if openers else 0)
                out += self._items(view, start, body_end, "Major", accept)
                continue
            if view.startswith(("群", "集群"), m.end()):
                continue  # 智能制造专业群: a specialty cluster's name, not a major (its listed majors are, above)
            quoted = re.search(r"“([^“”]{2,16})”$", body)
            if quoted:  # 开设“工艺美术”专业: the quoted name, if it is a major's
                a, b = clause_start + quoted.start(1), clause_start + quoted.end(1)
                if accept(view[a:b]):
                    out.append(Mention(a, b, "Major", "major", self.registry.names.get(view[a:b])))
                continue
            ends = [body_end]  # A和B专业: both, when each is a known or catalogue major
            joint = re.search(r"(?:和|及)(?=[^和及]{2,12}$)", body)
            if joint:
                ends.insert(0, clause_start + joint.start())
            for end in ends:
                found = self._major_before(view, end, catalogue, known_majors, school_ends, accept,
                                           strict=end != body_end)
                if found is None and end != body_end:
                    break
                if found is not None:
                    out.append(found)
        return out

    def _major_before(self, view, end, catalogue, known_majors, school_ends, accept, strict=False):
        """The longest known or catalogue major name ending at ``end`` (or, right after a school's name, a name
        built like a major), preferring a catalogue or known name over a longer built one."""
        for length in range(min(12, end), 1, -1):
            name = view[end - length:end]
            if name in catalogue or name in known_majors:
                return Mention(end - length, end, "Major", "major", self.registry.names.get(name))
        if strict:
            return None
        for length in range(min(12, end), 1, -1):
            name = view[end - length:end]
            if end - length in school_ends and _CJK.fullmatch(name) and accept(name):
                return Mention(end - length, end, "Major", "major", self.registry.names.get(name))
        return None

    def enterprises(self, view: str) -> list[Mention]:
        """Companies listed before 等…企业 (与乡村基、美的、京东等30余家企业签订…)."""
        out = []
        for m in re.finditer(r"等(?:[\d]+[余多]?家)?[^,。;:!?]{0,8}?(?:企业|名企|公司)", view):
            start = m.start()
            while start > 0 and view[start - 1] not in ",。;:!?(" and m.start() - start < 80:
                start -= 1
            openers = list(re.finditer(r"与|同|引入|引进|推动|如|赴|联合|携手|包括|并与", view[start:m.start()]))
            if openers:
                start += openers[-1].end()
            elif "、" not in view[start:m.start()]:
                continue
            out += self._items(view, start, m.start(), "Enterprise",
                               lambda x: 2 <= len(x) <= 12 and not _NOT_COMPANY.search(x))
        return out

    def clusters(self, view: str) -> list[Mention]:
        out = []
        known = {k for k in self.gated if self.registry.names[k].type == "IndustryCluster"}
        for m in re.finditer(r"(?:对接|服务|面向|聚焦|融入|紧扣)([^,。;:!?]{2,80}?)等?"
                             r"(?:[\d一二三四五六七八九十]+[个大])?(?:主导|支柱|重点|特色|优势|新兴|前沿)?"
                             r"(?:产业集群|产业链|产业规划|产业|集群|领域)", view):
            out += self._items(view, m.start(1), m.end(1), "IndustryCluster",
                               lambda x: x in known or 2 <= len(x) <= 8 and bool(_CLUSTER_LIKE.search(x))
                               and not _NOT_ITEM.search(x))
        return out

    def _items(self, view: str, start: int, end: int, typ: str, accept) -> list[Mention]:
        out = []
        segment = view[start:end]
        quoted = list(re.finditer(r"“([^“”]{2,16})”", segment))
        if len(quoted) >= 2:
            parts = [(q.start(1), q.end(1)) for q in quoted]
        else:
            parts, pos = [], 0
            for piece in re.split(r"(、|和|及(?!材料)|以及)", segment):
                if piece not in ("、", "和", "及", "以及"):
                    parts.append((pos, pos + len(piece)))
                pos += len(piece)
        for a, b in parts:
            text = segment[a:b]
            lead = re.match(r"^(?:区域内|区域|地方|本地|全区|全市|我区|我市|学校|该校|重点|主动|积极|紧密|精准|深度|"
                            r"智能化|新兴|了|如|于|[^\u4e00-\u9fff“A-Za-z0-9]+)+", text)
            if lead:
                a += lead.end()
                text = segment[a:b]
            text = text.strip("“”")
            if text and accept(text) and not _COUNT_IN_ITEM.search(text):
                s = start + a + (1 if segment[a:a + 1] == "“" else 0)
                known = self.registry.names.get(text)
                out.append(Mention(s, s + len(text), typ, typ.lower(), known if known and known.type == typ else None))
        return out

    # ---------------------------------------------------------------- everything

    def recognize(self, text: Text) -> tuple[list[Entity], list[Mention]]:
        """The entities of ``text`` and all their mentions, in text order."""
        view = text.view
        known = self.known(view)
        places_ = self.places(view)
        candidates = self.patterned(text, [m for m in known if m.type not in _PLACE_TYPES])
        mentions = _non_overlapping(known + candidates + places_)
        shorts = {normalize(short) for short in _DEFINED.findall(view)}
        self._trim(view, mentions, shorts)
        for m in mentions:
            if m.known is None and m.source == "place":
                known = self.registry.lookup(view[m.start:m.end])
                m.known = known if known is not None and known.type in _PLACE_TYPES else None
            if m.known is None and m.source == "pattern":
                m.known = self.variants.get(variant(view[m.start:m.end])) or None
                if m.known is not None and m.known.type != m.type:
                    m.known = None
        # short forms the report defines, then their other occurrences
        local: dict[str, Mention] = {}
        for target, short in self.defined(view, mentions):
            local[normalize(short)] = target
        for m in mentions:
            short = m.alias_of or view[m.start:m.end]
            if short in local and local[short] is not m and m.known is None:
                m.via = local[short]
        extra = []
        if local:
            pattern = _alternation(local)
            taken = _Taken((m.start, m.end) for m in mentions)
            for m in pattern.finditer(view):
                if taken.free(m.start(), m.end()):
                    t = local[m.group()]
                    extra.append(Mention(m.start(), m.end(), t.type, "defined", t.known, via=t))
        schools = [m for m in mentions + extra if m.type == "School"]
        # a name found by its context may begin with a place (苏州易达 in 与苏州易达、无锡华光等企业): the name wins
        context = _non_overlapping(self.majors(view, schools) + self.clusters(view) + self.enterprises(view),
                                   against=[m for m in mentions + extra if m.source != "place"])
        covered = _Taken((m.start, m.end) for m in context)
        mentions = [m for m in mentions if m.source != "place" or covered.free(m.start, m.end)]
        mentions = sorted(mentions + extra + context, key=lambda m: m.start)
        mentions = sorted(mentions + self.listed_with_companies(view, mentions), key=lambda m: m.start)
        return _merge(text, mentions), mentions

    def listed_with_companies(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """Items of a list A、B、C等 that holds a known or named company: they are companies too (长城汽车、
        ABB机器人、双冠电子等投入…), when built like a brand (2 to 8 characters, no verb or generic word)."""
        by_span = {(m.start, m.end): m for m in mentions}
        taken = _Taken((m.start, m.end) for m in mentions)
        out = []
        for lst in _LIST.finditer(view):
            items, pos = [], lst.start()
            for piece in lst.group().rstrip("等").split("、"):
                items.append((pos, pos + len(piece)))
                pos += len(piece) + 1
            kinds = {by_span[x].type for x in items if x in by_span}
            if kinds != {"Enterprise"}:
                continue
            for a, b in items:
                name = view[a:b]
                if (a, b) not in by_span and taken.free(a, b) and 2 <= b - a <= 8 and not _NOT_COMPANY.search(name) \
                        and not _TRIGGER.search(name):
                    out.append(Mention(a, b, "Enterprise", "enterprise"))
        return out


class _Taken:
    """The characters of a text that mentions already cover: whether a span is free costs its length, not the
    number of mentions taken (a report of millions of characters has tens of thousands)."""

    def __init__(self, spans=()):
        self.covered = bytearray()
        for a, b in spans:
            self.take(a, b)

    def free(self, a: int, b: int) -> bool:
        return self.covered.find(1, a, b) == -1

    def take(self, a: int, b: int) -> None:
        if b > len(self.covered):
            self.covered.extend(bytes(b - len(self.covered)))
        self.covered[a:b] = b"\x01" * (b - a)


def _non_overlapping(mentions: list[Mention], against: list[Mention] = ()) -> list[Mention]:
    """Longest first; a registry name wins a tie. Mentions overlapping one already taken are dropped."""
    taken = _Taken((m.start, m.end) for m in against)
    out = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.source != "registry", m.start)):
        if taken.free(m.start, m.end):
            taken.take(m.start, m.end)
            out.append(m)
    return out


def _merge(text: Text, mentions: list[Mention]) -> list[Entity]:
    entities: dict[str, Entity] = {}
    defined_later = []
    for m in mentions:
        if m.via is not None and m.known is None:
            defined_later.append(m)
            continue
        name = text.name(m.start, m.end)
        key = m.known.id if m.known else entity_key(m.type, name)
        ent = entities.get(key)
        if ent is None:
            ent = entities[key] = Entity(m.type, m.known)
        if name not in ent.names:
            ent.names.append(name)
        ent.mentions.append(m)
        m.entity = ent
    for m in defined_later:
        ent = m.via.entity
        name = text.name(m.start, m.end)
        if name not in ent.names:
            ent.names.append(name)
        ent.mentions.append(m)
        m.entity = ent
    for ent in entities.values():
        ent.names.sort(key=lambda n: (-len(normalize(n)), n))
    return list(entities.values())
