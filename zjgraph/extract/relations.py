"""Relations and attributes from how these reports phrase them, one sentence at a time.

Each pattern looks at the entities a sentence mentions and the words between them:
``与A、B、C等企业签订…`` (partnersWith), ``开设A、B等N个专业`` (offersMajor), ``…订单班`` with its school,
companies and major (runsOrderClass, sponsorsOrderClass, forMajor), ``共建`` (coBuilds), ``牵头`` (leads),
``加入`` / ``成员单位`` (memberOf), ``位于`` and names that begin with a place (locatedIn), ``始建于``
(foundingDate), ``由…举办`` (foundedBy), ``隶属`` (runBy), ``在…指导下`` (guides), ``对接…产业`` (servesCluster),
``结对`` (pairsWith), ``帮扶`` (assists), and a school's kind from its name (schoolLevel).

When a sentence says 学校, 该校 or names no subject, the subject is the organisation the text was last about in
the same section (a heading starts a new one, and the report's main organisation is the subject until another is
named): the rule ``implied-subject``, with a lower confidence and a note that says whom it read and why.
"""

from __future__ import annotations

import re
from collections import Counter

from zjgraph.extract.facts import Proposed
from zjgraph.extract.names import Entity, Mention
from zjgraph.extract.text import Sentence, Text

ORGS = {"School", "Enterprise", "GovernmentBody", "Association", "Alliance", "IndustryCollege", "ResearchInstitute"}
PLACES = {"Country", "Province", "City", "District"}
_IMPLIED = re.compile(r"学校|该校|我校|本校|校方|学院")
_CLAUSE_END = ",;。!?:"
_WITH = re.compile(r"(?:与|(?<![协共相等如])同(?![时步样意])|和|携手|联合)(?=[^。;]{0,60}?(?:签订|签署|续签|签约|合作|"
                   r"开展|共建|建立|达成|共同|共育|携手|洽谈|开办|联合|对接|共享|协作|交流|培养|引进|订单))"
                   r"|(?:引入|引进)(?=[^,;。]{2,40}?等[^,;。]{0,6}?(?:企业|公司))")  # 引入A、B等企业的设备
_PARTNER_LIST = re.compile(r"等[^,;。]{0,4}?(?:合作企业|合作单位|合作伙伴|校企合作企业)")  # A、B等合作企业
_WITH_WORD = re.compile(r"与|同|和|携手|联合|依托|引进|引入")
_EXCHANGE = re.compile(r"交流|结对|校际|互访|跨省|跨区域教学|示范课")
_RECOGNIZED = re.compile(r"(?:成为|入选|获批|通过|被|获)$")  # 成为教育部…学校, 被教育部认定为
_RECOGNIZES = re.compile(r"^.{0,12}?(?:认定|评为|授予|命名|批准为|遴选为|确定为|列为|验收)")
_ISSUED = re.compile(r"印发|发布|出台|颁布|下发|公布")  # A与B联合印发《…》: they issue a document together
_WITH_VERB = re.compile(r"签订|签署|续签|签约|合作|开展|共建|建立|达成|共同|共育|洽谈|开办|对接|共享|协作|交流|培养|"
                        r"订单")
_PARTNERS = {"Enterprise", "School", "Association", "ResearchInstitute", "GovernmentBody"}
_UNNAMED = re.compile(r"(?:与|同|联合|携手)[^,;。]{0,4}?"
                      r"(?:多家|[\d一二三四五六七八九十几]+[余多]?家|一批|部分|若干|众多|多个)[^,;。、]{0,8}?(?:企业|公司|单位)")
_COLLECTIVE = re.compile(r"(?:[\d一二三四五六七八九十两几多]+[余多]?所|各|全区|全市|区内|辖区)[^,;。]{0,4}?"
                         r"(?:院校|学校|职校|中职|高职|高校)")
_APPRENTICESHIP = re.compile(r"现代学徒制(?:试点|项目)")
_DISTRICT_WIDE = re.compile(r"全区|区域内|辖区|我区|区内")

LEVEL_BY_ENDING = [  # the kind of school a name says (rule name-implies-kind)
    (("技工学校", "技校", "技师学院"), "技工学校"),
    (("职业大学",), "职业本科"),
    (("职业技术学院", "职业学院"), "高职专科"),
    (("职业教育中心", "职教中心", "职业学校", "职业技术学校", "职中", "职校", "中等专业学校", "职业高级中学",
      "职业中学校", "职业中学"), "中职"),
]


def clause(view: str, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The clauses of ``sentence`` that contain view positions [start, end)."""
    a = start
    while a > sentence.start and view[a - 1] not in _CLAUSE_END:
        a -= 1
    b = end
    while b < sentence.end and view[b] not in _CLAUSE_END:
        b += 1
    return a, min(b + (1 if b < sentence.end and view[b] in "。!?" else 0), sentence.end)


class Context:
    """The state the sentence patterns share: the text, the proposals so far, who the text is about."""

    def __init__(self, text: Text, entities: list[Entity]):
        self.text = text
        self.out: list[Proposed] = []
        counts = Counter(m.entity for e in entities for m in e.mentions)
        orgs = [e for e in entities if e.type in ORGS]
        schools = [e for e in orgs if e.type == "School"]
        self.main = max(schools or orgs, key=lambda e: counts[e], default=None)
        others = [counts[e] for e in schools or orgs if e is not self.main]
        self.dominant = self.main is not None and counts[self.main] >= 2 * max(others, default=0)
        self.current: Entity | None = self.main
        self.about: Entity | None = self.main  # like current, but a place or zone may be it too
        districts = [e for e in entities if e.type == "District"]
        self.district = max(districts, key=lambda e: counts[e], default=None)
        self.heading: str | None = None  # the current section's heading
        self.plan = False  # the document is a plan (行动计划, 实施方案 …)
        self.sections: list[list] = []  # [level, heading, current, about] of the enclosing sections
        self.named: set[int] = set()  # id() of the entities named at a sentence's head in this section

    def new_section(self, heading: str, level: int = 1) -> None:
        """A heading: until the section names an organisation, the text is about the one its enclosing section
        was about, else the report's main one if it has one (named at least twice as often as any other school),
        else (for its numbers) the district the report is most about."""
        self.sections = [x for x in self.sections if x[0] < level]
        enclosing = next((x for x in reversed(self.sections) if x[2] is not None), None)
        self.sections.append([level, heading, None, None])
        self.heading = heading
        if enclosing is not None:
            self.current, self.about = enclosing[2], enclosing[3]
        elif self.dominant:
            self.current = self.about = self.main
        else:  # a report on several schools: its numbers are its district's until the section names one
            self.current, self.about = None, self.district
        self.named = set()

    def _note_section(self) -> None:
        """Remember who the current section is about, for the sections it encloses."""
        if self.sections and id(self.current) in self.named:
            self.sections[-1][2:] = [self.current, self.about]

    def implied_note(self, subject: Entity) -> str:
        """Why ``subject`` was taken for a sentence that does not name it (the reviewer's check)."""
        section = f"section 《{self.heading}》" if self.heading else "the report's opening"
        if subject is self.district and id(subject) not in self.named:
            return f"read as {subject.name}, the district the report is most about"
        if id(subject) in self.named:
            return f"read as {subject.name}, the organisation last named in {section}"
        return f"read as {subject.name}, the report's main organisation ({section} names none before this)"

    def add(self, subject, predicate, obj, sentence: Sentence, span: tuple[int, int], confidence: float,
            rule=None, value=None, note=None):
        if subject is None or subject is obj:
            return
        if rule == "implied-subject" and note is None:
            note = self.implied_note(subject)
        a, b = clause(self.text.view, sentence, *span)
        start, end = self.text.span(a, b)
        self.out.append(Proposed(subject, predicate, obj, value, self.text.quote(a, b), start, end,
                                 round(confidence, 2), rule, note))


def _subject_before(ms: list[Mention], pos: int, types=ORGS) -> Mention | None:
    before = [m for m in ms if m.end <= pos and m.type in types]
    return before[-1] if before else None


def _subject(ctx: Context, s: Sentence, ms: list[Mention], pos: int, types=ORGS) -> tuple[Entity | None, float, str]:
    """(subject, confidence factor, rule) for a relation whose cue is at ``pos``."""
    m = _subject_before(ms, pos, types)
    if m is not None:
        return m.entity, 1.0, None
    if _COLLECTIVE.search(ctx.text.view, s.start, pos):
        return None, 0, None  # 17所院校与在永企业共开设…: a group, not the school last named
    if ctx.plan:
        return None, 0, None  # a plan's unnamed subject is whoever will do it, not its issuer (numbers: about)
    view = ctx.text.view
    if any(p.type in PLACES and p.end <= pos and (p.start == s.start or view[p.start - 1] in _CLAUSE_END) for p in ms):
        return None, 0, None  # 在…方面，永川依托…引入A: a place heads the clause, it acts
    if ctx.current is not None and ctx.current.type in types:
        return ctx.current, 0.75, "implied-subject"
    return None, 0, None


def _outside_names(view: str, s: Sentence, ms: list[Mention]) -> str:
    """The sentence with its mentions blanked out."""
    chars = list(view[s.start:s.end])
    for m in ms:
        chars[m.start - s.start:m.end - s.start] = "_" * (m.end - m.start)
    return "".join(chars)


def sentence_facts(ctx: Context, s: Sentence, ms: list[Mention]) -> list[Mention]:
    """Propose the relations of sentence ``s``; returns its mentions less the partners named with 与."""
    view = ctx.text.view
    bare = _outside_names(view, s, ms)  # 学校 that is no part of a name (泰国汶干技术学院)
    # a name at the head of a sentence is its subject, unless a with-word puts it there (联合长城、雅迪等企业…)
    first_org = next((m for m in ms if m.type in ORGS and m.start - s.start <= 2
                      and not _WITH_WORD.search(view, s.start, m.start)), None)
    if first_org is not None:
        ctx.current = first_org.entity
    first = next((m for m in ms if m.start - s.start <= 2 and m.type in ORGS | PLACES | {"EducationZone"}), None)
    if first is not None:
        ctx.about = first.entity
    elif first_org is None and ms and any(m.type == "School" for m in ms) and not _IMPLIED.search(bare):
        ctx.about = ctx.current = next(m for m in ms if m.type == "School").entity
    elif first_org is None and _DISTRICT_WIDE.search(view[s.start:s.end]) and ctx.district is not None:
        ctx.about = ctx.district
    elif ms and any(m.type == "School" for m in ms) and not _IMPLIED.search(bare):
        ctx.current = next(m for m in ms if m.type == "School").entity
    ctx.named |= {id(m.entity) for m in ms if m.entity in (ctx.current, ctx.about)}
    ctx._note_section()
    text = view[s.start:s.end]

    def cue(pattern):
        m = re.search(pattern, text)
        return None if m is None else s.start + m.start()

    orgs = [m for m in ms if m.type in ORGS]
    everyone = ms
    # partnersWith: 与A、B等…签订/合作/开展; the partners are never the subject of the sentence's other relations
    partners = []
    for hit in _WITH.finditer(text):
        with_ = s.start + hit.start()
        subject, factor, rule = _subject(ctx, s, [m for m in ms if m not in partners], with_)
        stop = _WITH_VERB.search(view, with_, s.end)
        stop_at = stop.start() if stop else s.end
        if hit.group() in ("引入", "引进"):
            stop_at = min(stop_at, clause(view, s, with_, with_)[1])
        if _ISSUED.search(view, with_, stop_at):
            continue
        for m in orgs:
            if with_ < m.start < stop_at and m.type in _PARTNERS and m not in partners:
                if view.startswith("的", m.end) and m.start - with_ <= 1:
                    continue  # A与B的美育环境: and, not with
                partners.append(m)
                ctx.add(subject, "partnersWith", m.entity, s, (min(with_, m.start), m.end), 0.8 * factor, rule)
                if m.type == "School" and subject is not None and subject.type == "School" and _EXCHANGE.search(
                        text):  # two schools' exchange: they pair (校际交流)
                    ctx.add(subject, "pairsWith", m.entity, s, (min(with_, m.start), m.end), 0.6 * factor, rule)
    for hit in _PARTNER_LIST.finditer(text):  # 赴A、B等合作企业…: they are the subject's partners
        end = s.start + hit.start()
        a = end
        while a > s.start and view[a - 1] not in _CLAUSE_END:
            a -= 1
        listed = [m for m in orgs if a <= m.start and m.end <= end and m.type == "Enterprise" and m not in partners]
        if not listed:
            continue
        subject, factor, rule = _subject(ctx, s, [m for m in ms if m not in listed], listed[0].start)
        for m in listed:
            partners.append(m)
            ctx.add(subject, "partnersWith", m.entity, s, (m.start, end + len(hit.group())), 0.7 * factor, rule)
    ms = [m for m in ms if m not in partners]
    subjects = ms
    # three parties that sign together: every pair partners
    parties = re.search(r"[三四五]方|多方", text)
    signers = [m for m in orgs if parties and m.end <= s.start + parties.start()]
    if parties and re.search(r"协议|签约|合作", text) and len(signers) >= 3:
        for i, a in enumerate(signers):
            for b in signers[i + 1:]:
                ctx.add(a.entity, "partnersWith", b.entity, s, (a.start, b.end), 0.6)
    # majors and clusters the subject offers or serves
    for predicate, typ, types in (("offersMajor", "Major", {"School"}), ("servesCluster", "IndustryCluster",
                                                                        {"School", "Alliance", "IndustryCollege",
                                                                         "GovernmentBody"})):
        for m in (m for m in ms if m.type == typ):
            if typ == "Major" and (any(o.type == "OrderClass" for o in ms) or re.match(
                    r"[^,;]{0,6}(?:全区|区域内|辖区|我区|区内)", view[clause(view, s, m.start, m.end)[0]:])):
                continue  # the order class's major (below), or what a district's schools offer together
            subject, factor, rule = _subject(ctx, s, ms, m.start, types)
            ctx.add(subject, predicate, m.entity, s, (m.start, m.end), 0.7 * factor, rule)
    # partners stated but not named: 与多家企业开展了A、B等专业的共建; a 现代学徒制 pilot major trains with firms
    unnamed = _UNNAMED.search(text)
    if unnamed and not any(m.type == "Enterprise" and s.start + unnamed.start() < m.start < s.start + unnamed.end()
                           for m in everyone):
        at = s.start + unnamed.start()
        for m in (m for m in everyone if m.type == "Major" and m.start > at):
            subject, factor, rule = _subject(ctx, s, ms, at, {"School"})
            ctx.add(subject, "hasUnnamedPartnersFor", m.entity, s, (at, m.end), 0.65 * factor, rule)
    pilot = _APPRENTICESHIP.search(text)
    if pilot:
        at = s.start + pilot.start()
        since = clause(view, s, at, at)[0]  # the pilot's own clause: 3个专业…，A专业通过现代学徒制试点验收
        for m in (m for m in everyone if m.type == "Major" and since <= m.start and m.end <= at):
            subject, factor, rule = _subject(ctx, s, ms, m.start, {"School"})
            ctx.add(subject, "hasUnnamedPartnersFor", m.entity, s, (m.start, s.start + pilot.end()), 0.55 * factor,
                    "programme-implies-partner", note="a 现代学徒制 pilot trains with firms the text does not name")
    # order classes: the school runs it, companies in the sentence sponsor it, it is for the major named
    for oc in (m for m in ms if m.type == "OrderClass"):
        school, factor, rule = _subject(ctx, s, ms, oc.start, {"School"})
        ctx.add(school, "runsOrderClass", oc.entity, s, (oc.start, oc.end), 0.75 * factor, rule)
        for m in everyone:
            if m.type == "Enterprise":
                ctx.add(m.entity, "sponsorsOrderClass", oc.entity, s, (min(m.start, oc.start), max(m.end, oc.end)),
                        0.7)
            elif m.type == "Major":
                ctx.add(oc.entity, "forMajor", m.entity, s, (min(m.start, oc.start), max(m.end, oc.end)), 0.7)
    # co-building, leading, membership
    for predicate, pattern, targets, conf in (
            ("coBuilds", r"共建|合作建设|联合建设|共同建设|携手建设|校企合作建设|共同打造|联合打造|合作共建|共建共享",
             {"IndustryCollege", "TrainingBase"}, 0.7),
            ("coBuilds", r"建成|打造|承建|新建|建设", {"IndustryCollege", "TrainingBase"}, 0.5),
            ("leads", r"牵头|领衔|主导(?!作用|地位)|发起", {"Alliance", "IndustryCollege", "TrainingBase"}, 0.75),
            # 整合93家成员单位: the subject has members, it is none
            ("memberOf", r"加入|(?<![\d余多]家)(?:成员单位|理事单位|理事长单位|会员单位|成员)|融入",
             {"Alliance", "Association"}, 0.7)):
        at = cue(pattern)
        if at is None:
            continue
        for t in (m for m in ms if m.type in targets):
            if predicate == "coBuilds":  # 共建A, A的共建 (not A建设项目): the cue before what is built, in its
                a = clause(view, s, t.start, t.end)[0]  # clause, or a strong cue right after it
                hits = list(re.finditer(pattern, view[a:t.start]))
                after = conf > 0.5 and re.match(r"[”\"]?(?:的)?(?:" + pattern + ")", view[t.end:s.end])
                if not hits and not after:
                    continue
                at = a + hits[-1].start() if hits else t.end
            # 是A、B理事单位: the other items of the list are no subject
            subject, factor, rule = _subject(ctx, s, [m for m in ms if m.type not in targets], min(at, t.start))
            if predicate == "memberOf" and first_org is not None and first_org.type not in targets:
                subject, factor, rule = first_org.entity, 1.0, None  # A…,是B理事单位: the sentence's subject
            ctx.add(subject, predicate, t.entity, s, (min(at, t.start), t.end), conf * factor, rule)
            if predicate == "coBuilds":  # the partners named with 与 in its clause build it too
                for m in orgs:
                    if m.entity is not subject and clause(view, s, t.start, t.end)[0] <= m.start < t.start:
                        ctx.add(m.entity, "coBuilds", t.entity, s, (m.start, t.end), conf * 0.8)
    # government bodies that guide or take part in building something
    at = cue(r"指导|引导|督促|参与")
    if at is not None:
        for gov in (m for m in ms if m.type == "GovernmentBody" and m.end <= at):
            for t in ms:
                if t.start > at and t.type in ORGS | {"TrainingBase", "EducationZone", "OrderClass"} \
                        and t.type != "GovernmentBody" and clause(view, s, at, at)[1] >= t.end:
                    ctx.add(gov.entity, "guides", t.entity, s, (gov.start, t.end), 0.6)
    # located in: 位于/坐落于/落户 a place, park or zone
    at = cue(r"位于|坐落于|坐落在|地处|落户|选址|聚集|入驻|扎根")
    if at is not None:
        subject, factor, rule = _subject(ctx, s, ms, at, ORGS | {"TrainingBase", "Campus"})
        # A、B、C等企业聚集永川: every organisation of the list before the cue, in its clause
        listed = [m for m in ms if m.type in ORGS and clause(view, s, at, at)[0] <= m.start and m.end <= at]
        holders = [(m.entity, 1.0, None) for m in listed] if len(listed) > 1 else [(subject, factor, rule)]
        for m in ms:
            if m.start > at and m.type in PLACES | {"IndustrialPark", "EducationZone"}:
                for subject, factor, rule in holders:
                    ctx.add(subject, "locatedIn", m.entity, s, (at, m.end), 0.8 * factor, rule)
                break
    # founding date, founder, parent body
    found = re.search(r"(?:始建于|创建于|成立于|创办于|建于|组建于|创立于)(\d{4})年(?:(\d{1,2})月)?", text)
    if found:
        subject, factor, rule = _subject(ctx, s, ms, s.start + found.start(), ORGS | {"TrainingBase", "OrderClass"})
        value = found.group(1) + (f"-{int(found.group(2)):02d}" if found.group(2) else "")
        ctx.add(subject, "foundingDate", None, s, (s.start + found.start(), s.start + found.end()), 0.85 * factor,
                rule, value=value)
    for predicate, pattern in (("foundedBy", r"由(.{0,30}?)(?:举办|创办|主办|开办)"),
                               ("runBy", r"隶属(?:于)?|主管单位为|旗下"), ("guides", r"在(.{0,30}?)(?:的)?指导下"),
                               ("runBy", r"(?:经|由)(.{0,30}?)(?:批准并|审批并)?主管")):
        hit = re.search(pattern, text)
        if not hit:
            continue
        at = s.start + hit.start()
        if predicate == "runBy" and not hit.groups():  # 隶属X: the body follows the cue
            body = next((m for m in orgs if m.start >= s.start + hit.end() - 1), None) or (
                _subject_before(ms, at) if "旗下" in hit.group() else None)
            subject, factor, rule = _subject(ctx, s, [m for m in ms if m is not body], at)
        else:
            body = next((m for m in orgs if at < m.start < s.start + hit.end()), None)
            subject, factor, rule = _subject(ctx, s, [m for m in ms if m is not body], s.end)
        if body is None:
            continue
        if predicate == "guides":
            subject, body_entity = body.entity, subject
            ctx.add(subject, "guides", body_entity, s, (at, s.start + hit.end()), 0.7 * factor, rule)
        else:
            ctx.add(subject, predicate, body.entity, s, (at, body.end), 0.75 * factor, rule)
    # recognitions: 成为/入选/被 a government body's …, or the body 认定/评为 …
    for gov in (m for m in ms if m.type == "GovernmentBody"):
        if _RECOGNIZED.search(view, max(s.start, gov.start - 2), gov.start) or _RECOGNIZES.match(view[gov.end:s.end]):
            subject, factor, rule = _subject(ctx, s, [m for m in ms if m.type != "GovernmentBody"], gov.start,
                                             ORGS - {"GovernmentBody"} | {"TrainingBase", "OrderClass"})
            ctx.add(subject, "recognizedBy", gov.entity, s, (gov.start, gov.end), 0.6 * factor, rule)
    # school pairs: 结对 and 帮扶
    for predicate, pattern in (("pairsWith", r"结对|结为|姊妹学校|友好学校"), ("assists", r"帮扶|对口支援")):
        at = cue(pattern)
        if at is None:
            continue
        schools = [m for m in ms if m.type == "School"]
        subject, factor, rule = _subject(ctx, s, ms, at, {"School"})
        for m in schools:
            if m.entity is not subject:
                ctx.add(subject, predicate, m.entity, s, (min(at, m.start), max(at, m.end)), 0.6 * factor, rule)

    return subjects

def name_facts(ctx: Context, entities: list[Entity], chains: dict, located: set[str] = frozenset()) -> None:
    """Facts a name states by itself (rule name-implies-place, name-implies-kind): the places it begins with
    (the organisation is in the innermost, each place part of the one before) unless the graph already says
    where a known entity is (``located``) or the place is only the report's home region (the outermost place
    most names begin with: 重庆… in a Chongqing report says nothing a reader does not know), the kind of a new
    school."""
    view = ctx.text.view
    outermost = Counter(chain[0] for _, chain in chains.values())
    home = max(outermost, key=outermost.get) if outermost else None
    for e in entities:
        if id(e) in chains:
            m, chain = chains[id(e)]
            sentence = Sentence(m.start, m.end, view[m.start:m.end])
            if (e.known is None or e.known.id not in located) and not (chain[-1] is home and outermost[home] >= 3):
                ctx.add(e, "locatedIn", chain[-1], sentence, (m.start, m.end), 0.6, "name-implies-place")
            for outer, inner in zip(chain, chain[1:]):
                ctx.add(inner, "partOf", outer, sentence, (m.start, m.end), 0.6, "name-implies-place")
        if e.type == "School" and e.known is None and e.mentions:
            m = e.mentions[0]
            name = view[m.start:m.end]
            for endings, level in LEVEL_BY_ENDING:
                if name.endswith(endings):
                    ctx.add(e, "schoolLevel", None, Sentence(m.start, m.end, name), (m.start, m.end), 0.6,
                            "name-implies-kind", value=level)
                    break
