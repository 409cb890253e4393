"""Reported numbers (indicators) and policy targets: ``专任教师总数378人``, ``到2027年…匹配度达95%``.

A number with a unit becomes an Indicator reported by the organisation or place the sentence is about;
in a sentence that looks ahead (``到2027年``, ``力争``, in a plan) it becomes a Target set by the body that
issues the document and concerning what the document is about.
"""

from __future__ import annotations

import re

from zjgraph.extract.names import Entity, Mention
from zjgraph.extract.relations import _DISTRICT_WIDE, _IMPLIED, ORGS, Context, _subject
from zjgraph.extract.text import Sentence

REPORTERS = ORGS | {"EducationZone", "TrainingBase", "IndustrialPark", "OrderClass"}

UNITS = {  # as written → as recorded
    "个百分点": "个百分点", "万平方米": "万平方米", "平方公里": "平方公里", "平方米": "平方米", "万人次": "万人次",
    "人次": "人次", "万人": "万人", "万名": "万人", "万元": "万元", "亿元": "亿元", "个月": "个月", "%": "%",
    "个": "个", "所": "所", "家": "家", "人": "人", "名": "人", "元": "元", "亩": "亩", "项": "项", "册": "册",
    "门": "门", "本": "本", "台": "台", "套": "套", "次": "次", "届": "届", "批": "批", "间": "间", "种": "种",
    "部": "部", "座": "座", "条": "条", "支": "支", "年": "年", "课时": "课时", "天": "天", "篇": "篇", "件": "件",
    "场": "场", "期": "期", "位": "人", "余人": "人",
}
_UNIT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
_NUMBER = re.compile(r"(?<![\d.:/-])(\d+(?:\.\d+)?)(?:[-—~～至到](\d+(?:\.\d+)?))?(多|余)?(" + _UNIT + r")(?![\d月日])")
_LOOKS_AHEAD = re.compile(r"到20\d\d年|至20\d\d年|20\d\d年(?:前|底前)|力争|争取|预计|目标")
_DONE = re.compile(r"已|累计|现有|共有|目前|近年来|去年|截至|先后")
_AT_LEAST = re.compile(r"至少|不少于|以上|超过|不低于|达到?|突破")
_AT_MOST = re.compile(r"以内|不超过|控制在|以下|不高于")
_QUANTIFIER = re.compile(r"[\u4e00-\u9fff]{2,6}(?:共|均|都|分别)")
_TARGET_YEAR = re.compile(r"(?:到|至)(20\d\d)年")
_CLAUSE = re.compile(r"[,;。、:!?()“”《》]")
_TRAILING = re.compile(r"(?:共有|共计|总数为|总计|达到|达|为|有|约|超过|近|共|累计|已|逾|超|新增|"
                       r"增加到|增至|突破|是)+$")
_AFTER = re.compile(r"^[\u4e00-\u9fff]{2,10}?(?=[,;。、:!?]|个个|人人|签订|开展|参加|合作|深度|$)")


def measure_of(before: str, after: str, subject_name: str | None) -> str:
    """What a number counts: the words before it in its clause (less verbs and the subject's name), else after it."""
    pre = _TRAILING.sub("", _CLAUSE.split(before)[-1])
    if subject_name and pre.startswith(subject_name):
        pre = pre[len(subject_name):]
    post = _AFTER.match(after)
    if len(pre) >= 2 and not (pre.endswith("等") and post):  # 与A、B等20余家企业: the count is of 企业
        return pre[-16:]
    return post.group() if post else ""


def number_facts(ctx: Context, s: Sentence, ms: list[Mention], plan: bool, issuer: Entity | None,
                 topic: Entity | None, new_entity) -> None:
    """Propose indicators or targets for the numbers of sentence ``s``.

    ``plan``: the document is a plan (its numbers look ahead unless the sentence says they are done);
    ``new_entity(type, name, record, mention_span)`` declares an indicator or target.
    """
    view = ctx.text.view
    text = view[s.start:s.end]
    for hit in _NUMBER.finditer(text):
        number, upper, approx, unit = hit.groups()
        if unit == "年" and (len(number) == 4 or "." in number):
            continue  # a year, not a count of years
        if _QUANTIFIER.match(text, hit.end()):
            continue  # 3所中职学校共有…: the number says who, the numbers that follow are reported
        a, b = s.start + hit.start(), s.start + hit.end()
        before = text[:hit.start()]
        measure = measure_of(before, text[hit.end():], None)
        if not re.search(r"[\u4e00-\u9fff]{2}", measure):
            continue
        value = float(number) if "." in number else int(number)
        ahead = _LOOKS_AHEAD.search(text) or (plan and not _DONE.search(text))
        year = None
        if ahead:
            years = _TARGET_YEAR.findall(view[max(0, s.start - 400):b])
            year = int(years[-1]) if years else None
        record = {"measure": measure, "value": value, "unit": UNITS[unit]}
        if upper:
            record["valueMax"] = float(upper) if "." in upper else int(upper)
        confidence = 0.6
        if ahead and year and issuer is not None:
            record.update(targetYear=year, comparator=">=" if _AT_LEAST.search(before[-8:] + text[hit.end():][:3])
                          else "<=" if _AT_MOST.search(text[hit.end():][:4]) else "=")
            target = new_entity("Target", f"{measure}（到{year}年）", record, (a, b))
            ctx.add(issuer, "setsTarget", target, s, (a, b), confidence)
            if topic is not None:
                ctx.add(target, "concerns", topic, s, (a, b), confidence * 0.8, "implied-subject")
            continue
        if approx:
            record["note"] = f"{number}{approx}{unit}: more than {number}."
        subject, factor, rule = _subject(ctx, s, ms, a, REPORTERS)
        if (rule or subject is None) and ctx.about is not None and not _IMPLIED.search(text):
            subject, factor, rule = ctx.about, 0.75, "implied-subject"
        if _DISTRICT_WIDE.search(before) and ctx.district is not None:
            subject, factor, rule = ctx.district, 0.8, "implied-subject"
        if subject is None:
            continue
        indicator = new_entity("Indicator", f"{subject.name}{measure}", record, (a, b))
        ctx.add(subject, "reportsIndicator", indicator, s, (a, b), confidence * factor, rule)
