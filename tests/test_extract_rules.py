"""`zjgraph extract`'s rules, one failure class at a time, on sentences written for these tests (none is copied
from the curated corpus): each test states the class and checks the general rule, not one document's case."""

import pytest

from zjgraph.extract.pipeline import extract
from zjgraph.extract.registry import Registry
from zjgraph.graph import KnowledgeGraph


@pytest.fixture(scope="module")
def kg():
    return KnowledgeGraph.load(use_cache=False)  # module-scoped: before conftest's private cache is set


@pytest.fixture(scope="module")
def registry(kg):
    return Registry.from_graph(kg.graph)


@pytest.fixture
def run(kg, registry):
    def run(text: str):
        return extract(text, registry, kg.schema, "doc:test")
    return run


def named(proposal, typ: str | None = None) -> set[str]:
    return {n for e in proposal.entities if typ in (None, e.type) for n in e.names
            if e.type not in ("Indicator", "Target")}


def triples(proposal, predicate: str) -> set[tuple[str, str]]:
    return {(f.subject.name, f.object.name if f.object is not None else f.value) for f in proposal.facts
            if f.predicate == predicate}


# ---------------------------------------------------------------- names keep their Latin letters, digits and 与


def test_names_keep_latin_letters_and_digits(run):
    p = run("江北某职业学院与ABC电子科技股份有限公司、3D打印智造有限公司等企业签订合作协议，开设6G网络技术、"
            "工业机器人技术应用等8个专业。")
    assert {"ABC电子科技股份有限公司", "3D打印智造有限公司"} <= named(p, "Enterprise")
    assert "6G网络技术" in named(p, "Major") and "网络技术" not in named(p, "Major")


def test_a_count_is_no_name_but_a_major_with_a_digit_is(run):
    p = run("黔江某职业学院开设家政服务、4S店运营等5个专业。")
    assert {"家政服务", "4S店运营"} <= named(p, "Major")
    assert not any("5个" in n for n in named(p))


def test_and_inside_a_name_is_kept(run):
    p = run("区政府规划建设航空航天与新材料产业园。学校加入冷链物流与仓储职业教育集团。")
    assert "航空航天与新材料产业园" in named(p, "IndustrialPark")
    assert "冷链物流与仓储职业教育集团" in named(p, "Alliance")


def test_and_between_two_organisations_still_cuts(run):
    p = run("黔江某职业学院与渝东南精工机械有限公司签订合作协议。学校与山城汽配有限公司合作。")
    assert {"渝东南精工机械有限公司", "山城汽配有限公司"} <= named(p, "Enterprise")


# ---------------------------------------------------------------- generic phrases and verbs are no names


def test_generic_phrases_are_no_entities(run):
    p = run("园区引进科技型企业和外向型公司，努力办好一所职业学校，新建一批实训基地。")
    assert not named(p) - {"园区"}


def test_verbs_are_cut_from_the_front_of_names(run):
    p = run("学院与渝东南精工机械有限公司共管数控加工实训中心，合建焊接实训基地。")
    assert {"数控加工实训中心", "焊接实训基地"} <= named(p, "TrainingBase")
    assert not any(n.startswith(("共管", "合建", "公司")) for n in named(p, "TrainingBase"))


# ---------------------------------------------------------------- enumerations and specialty clusters


def test_every_item_of_a_counted_enumeration(run):
    for sentence in ("开设电气运行与控制、焊接技术应用、汽车车身修复3个专业。",
                     "开设了电气运行与控制、焊接技术应用和汽车车身修复共3个专业。"):
        p = run("涪陵某职业学校" + sentence)
        assert {"电气运行与控制", "焊接技术应用", "汽车车身修复"} <= named(p, "Major"), sentence


def test_a_specialty_cluster_is_no_major(run):
    p = run("涪陵某职业学校重点打造数控技术应用专业群和现代物流专业集群。")
    assert not named(p, "Major")


# ---------------------------------------------------------------- PDF radical forms


def test_radical_forms_of_a_pdf_text_layer_match_but_quotes_stay_verbatim(run):
    text = "⻓寿区某职业学校与⻓城汽⻋签订合作协议，共建智能制造实训中⼼。"  # ⻓ U+2ED3, ⻋ U+2ECB, ⼼ U+2F3C
    p = run(text)
    assert "智能制造实训中心" in named(p, "TrainingBase")  # the name as the characters it stands for
    assert "ent:great-wall-motor" in {e.known.id for e in p.entities if e.known}  # matched through the registry
    for f in p.facts:
        assert text[f.start:f.end] == f.quote  # the quote as the PDF wrote it
    assert any("⼼" in f.quote for f in p.facts)


# ---------------------------------------------------------------- the implied subject: section by section, marked


SECTIONS = """一、学校概况
涪陵某职业学校与山城汽配有限公司签订合作协议。学校与渝东南精工机械有限公司开展合作。
长寿某职业学校与川东化工有限公司签订合作协议。
二、专业建设
学校与巴渝智造科技有限公司签订合作协议。
"""


def test_a_heading_resets_the_implied_subject(run):
    p = run(SECTIONS)
    partners = triples(p, "partnersWith")
    assert ("涪陵某职业学校", "渝东南精工机械有限公司") in partners  # same section: the school last named
    # section 二 names no school and the report has no main one: 学校 is nobody rather than 长寿某职业学校
    assert not any(o == "巴渝智造科技有限公司" for _, o in partners)


def test_every_implied_subject_carries_its_rule_and_a_note(run, kg):
    p = run(SECTIONS)
    implied = [f for f in p.facts if f.rule == "implied-subject"]
    assert implied and all(f.note and f.subject.name in f.note and "一、学校概况" in f.note for f in implied)
    for f in p.facts:
        if f.predicate == "partnersWith" and f.object.name == "渝东南精工机械有限公司":
            assert f.rule == "implied-subject"
    p.assign_ids(kg.schema)
    toml = p.to_toml()
    assert 'rule = "implied-subject"' in toml and "note = " in toml
    assert any(rec.get("rule") == "implied-subject" for rec in p.as_dict()["facts"])


def test_a_subsection_inherits_the_subject_of_its_section(run):
    p = run("1. 涪陵某职业学校\n涪陵某职业学校是一所中等职业学校。\n1.1 校企合作\n"
            "学校与山城汽配有限公司签订合作协议。\n")
    assert ("涪陵某职业学校", "山城汽配有限公司") in triples(p, "partnersWith")


# ---------------------------------------------------------------- page furniture and cited documents


def test_a_kind_of_body_addressed_with_ge_is_no_entity(run):
    p = run("各乡镇人民政府、各区县教育局，有关单位：\n现将方案印发给你们。")
    assert not named(p, "GovernmentBody")


def test_credit_lines_and_doubled_pdf_runs_are_furniture(run):
    text = ("黔江某职业学校与渝东南精工机械有限公司签订合作协议。\n"
            "图片由武陵山区融媒体中心有限公司提供\n"
            "学校开设数控加工专业学校开设数控加工专业。\n")
    p = run(text)
    assert "武陵山区融媒体中心有限公司" not in named(p)  # a credit line names the page's source
    offers = [f for f in p.facts if f.predicate == "offersMajor"]
    assert len(offers) == 1 and offers[0].quote == "学校开设数控加工专业学校开设数控加工专业。"  # verbatim
    assert text[offers[0].start:offers[0].end] == offers[0].quote


def test_government_bodies_inside_the_titles_of_cited_documents(run):
    p = run("学校按照《黔江区教育委员会关于印发职业教育改革方案的通知》要求，落实《武隆区人民政府办公室关于"
            "加快发展职业教育的意见》。")
    assert {"黔江区教育委员会", "武隆区人民政府办公室"} <= named(p, "GovernmentBody")


# ---------------------------------------------------------------- names that begin with a city; inferred places


def test_a_company_listed_by_a_name_that_begins_with_a_city_is_the_company(run):
    p = run("黔江某职业学校与无锡华光、苏州易达等企业签订合作协议。")
    assert {"无锡华光", "苏州易达"} <= named(p, "Enterprise")
    assert ("黔江某职业学校", "苏州易达") in triples(p, "partnersWith")


def test_a_place_inferred_from_a_name_is_marked_inferred_with_its_rule(run, kg):
    p = run("黔江某职业学校与苏州易达科技有限公司签订合作协议。")
    p.assign_ids(kg.schema)
    located = [p.fact_record(f) for f in p.facts if f.predicate == "locatedIn"]
    assert located and all(r["rule"] == "name-implies-place" and r["suggested_certainty"] == "inferred"
                           and r["certainty"] == "extracted" for r in located)
    stated = [p.fact_record(f) for f in p.facts if f.predicate == "partnersWith"]
    assert stated and all("suggested_certainty" not in r and "rule" not in r for r in stated)
    assert '# inferred (name-implies-place), not stated: accept it as certainty = "inferred"' in p.to_toml()


# ---------------------------------------------------------------- unnamed partners, order classes, groups


def test_partners_stated_but_not_named(run):
    p = run("黔江某职业学校与十余家企业开展了电子商务、工业机器人技术应用等专业的共建。")
    unnamed = triples(p, "hasUnnamedPartnersFor")
    assert {("黔江某职业学校", "电子商务"), ("黔江某职业学校", "工业机器人技术应用")} <= unnamed
    assert not named(p, "Enterprise")  # no made-up enterprise


def test_named_partners_are_no_unnamed_ones(run):
    p = run("黔江某职业学校与山城汽配等3家企业开展了电子商务专业的共建。")
    assert not triples(p, "hasUnnamedPartnersFor")
    assert ("黔江某职业学校", "山城汽配") in triples(p, "partnersWith")


def test_an_apprenticeship_pilot_major_has_unnamed_partners(run):
    p = run("黔江某职业学校的焊接技术应用专业成为市级现代学徒制试点专业。")
    facts = [f for f in p.facts if f.predicate == "hasUnnamedPartnersFor"]
    assert [(f.subject.name, f.object.name, f.rule) for f in facts] == [
        ("黔江某职业学校", "焊接技术应用", "programme-implies-partner")]


def test_counted_order_classes_with_their_sponsors(run):
    p = run("黔江某职业学校与山城汽配、渝东南精工等6家企业续签协议，开设了12个订单班。")
    assert named(p, "OrderClass") == {"12个订单班"}
    assert triples(p, "runsOrderClass") == {("黔江某职业学校", "12个订单班")}
    assert triples(p, "sponsorsOrderClass") == {("山城汽配", "12个订单班"), ("渝东南精工", "12个订单班")}


def test_an_order_class_for_a_major(run):
    p = run("黔江某职业学校与渝东南精工机械有限公司合作开办数控技术应用专业精工订单班。")
    oc = "数控技术应用专业精工订单班"
    assert ("渝东南精工机械有限公司", oc) in triples(p, "sponsorsOrderClass") or any(
        o.endswith("精工订单班") for _, o in triples(p, "sponsorsOrderClass"))
    assert any(m == "数控技术应用" for _, m in triples(p, "forMajor"))


def test_a_group_of_schools_is_no_implied_school(run):
    p = run("黔江某职业学校与山城汽配签订协议。\n区内5所学校与企业共开设有30个订单班。")
    assert not triples(p, "runsOrderClass")


def test_a_kind_word_in_the_registry_is_no_name_elsewhere(registry):
    from zjgraph.extract.names import _generic_name
    assert _generic_name("订单培养") and _generic_name("订单班") and _generic_name("实训基地")
    assert not _generic_name("AYEC订单班") and not _generic_name("中德班")


# ---------------------------------------------------------------- campuses, one-character words, places


def test_a_campus_is_a_campus_of_its_school(run):
    p = run("推进黔江某职业学院新校区建设。")
    assert named(p, "Campus") == {"黔江某职业学院新校区"} and not named(p, "School") - {"黔江某职业学院"}
    assert ("黔江某职业学院新校区", "黔江某职业学院") in triples(p, "partOf")


def test_a_one_character_word_inside_a_place_name_does_not_cut_it(run):
    p = run("学校与荥经县人民政府签订合作协议。")  # 经 is a word elsewhere (经市政府同意)
    assert {"荥经县人民政府"} <= named(p, "GovernmentBody")


def test_a_place_no_fact_is_about_is_not_proposed(run):
    p = run("黔江某职业学校组织教师赴新加坡、马来西亚考察。")
    assert not named(p, "Country")


def test_no_name_implied_place_for_a_known_entity_the_graph_already_locates(run, registry):
    p = run("重庆城市职业学院与渝东南精工机械有限公司签订合作协议。")
    known = [e for e in p.entities if e.known is not None and e.known.id in registry.located]
    assert known
    assert not any(f.subject in known and f.predicate == "locatedIn" for f in p.facts)


# ---------------------------------------------------------------- who partners, who builds, plans


def test_a_name_after_a_with_word_is_no_subject(run):
    p = run("黔江某职业学校与山城汽配签订协议。\n联合渝东南精工、巴渝智造等龙头企业，开展技能培训合作。")
    assert not any(s == "渝东南精工" for s, _ in triples(p, "partnersWith"))


def test_issuing_a_document_together_is_no_partnership(run):
    p = run("根据黔江区教育委员会与黔江区人力资源和社会保障局联合印发的《职业教育合作实施办法》，开展工作。")
    assert not triples(p, "partnersWith")


def test_three_parties_sign_and_what_follows_is_no_party(run):
    p = run("黔江区人民政府、渝东南精工机械有限公司、黔江某职业学院三方签署合作协议暨黔江某职业学院精工产业学院揭牌。")
    pairs = triples(p, "partnersWith")
    assert len(pairs) == 3 and not any("产业学院" in a + b for a, b in pairs)


def test_building_needs_its_cue_before_what_is_built(run):
    p = run("黔江某职业学校入选市级焊接实训基地建设项目。")
    assert not triples(p, "coBuilds")
    p = run("黔江某职业学校与渝东南精工机械有限公司共建焊接实训基地。")
    assert ("黔江某职业学校", "焊接实训基地") in triples(p, "coBuilds")


def test_a_plan_has_no_implied_subject_for_what_it_wants_done(run):
    plan = "黔江区职业教育发展行动计划\n黔江区人民政府\n打造焊接实训基地，牵头组建黔江智能制造产教联合体。"
    p = run(plan)
    assert not triples(p, "coBuilds") and not triples(p, "leads")
    cited = "黔江某职业学校落实《职业教育提质培优行动计划》。\n学校牵头组建黔江智能制造产教联合体。"
    assert ("黔江某职业学校", "黔江智能制造产教联合体") in triples(run(cited), "leads")  # a cited plan is no plan


# ---------------------------------------------------------------- majors in quotes and pairs; partners in lists


def test_a_quoted_major_and_two_majors_joined_by_he(run):
    assert ("黔江某职业学校", "工艺美术") in triples(run("黔江某职业学校开设“工艺美术”专业。"), "offersMajor")
    p = run("黔江某职业学校的数控技术应用和汽车制造与装配专业对接当地产业。")
    assert {("黔江某职业学校", "数控技术应用"), ("黔江某职业学校", "汽车制造与装配")} <= triples(p, "offersMajor")


def test_a_verb_before_a_major_is_no_part_of_it(run):
    p = run("黔江某职业学校与渝东南精工机械有限公司合作开展汽车运用与维修专业双语课程。")
    assert named(p, "Major") == {"汽车运用与维修"}


def test_companies_listed_as_partner_enterprises(run):
    p = run("黔江某职业学校组织14名教师赴渝东南精工机械有限公司等合作企业进行顶岗实践。")
    assert ("黔江某职业学校", "渝东南精工机械有限公司") in triples(p, "partnersWith")
    p = run("黔江某职业学校与山城汽配、渝东南精工等5家企业续签了服务协议。")
    assert {("黔江某职业学校", "山城汽配"), ("黔江某职业学校", "渝东南精工")} <= triples(p, "partnersWith")


def test_a_known_entity_the_report_mentions_is_proposed_even_without_a_fact(run):
    p = run("推动长城汽车等龙头企业参与职业教育。")
    assert "ent:great-wall-motor" in {e.known.id for e in p.proposed_entities() if e.known is not None}
    assert not [f for f in p.facts if f.subject.known and f.subject.known.id == "ent:great-wall-motor"]


# ---------------------------------------------------------------- societies of a place, memberships


def test_a_society_of_a_place_is_a_proper_name(run):
    p = run("黔江某职业学校是黔江区职业教育学会、黔江区创新教育学会理事单位，加入渝东片区中等职业教育联盟。")
    assert {"黔江区职业教育学会", "黔江区创新教育学会"} <= named(p, "Association")
    assert "渝东片区中等职业教育联盟" in named(p, "Alliance")  # 中等 is no 等
    members = triples(p, "memberOf")
    assert {("黔江某职业学校", "黔江区职业教育学会"), ("黔江某职业学校", "黔江区创新教育学会"),
            ("黔江某职业学校", "渝东片区中等职业教育联盟")} <= members
    assert not any(a.endswith("学会") for a, _ in members)  # one item of the list is no member of the next


def test_the_home_region_most_names_begin_with_is_no_news(run):
    p = run("黔江某职业学校与黔江精工机械有限公司、黔江汽配有限公司签订协议。武隆某职业学校与黔江智造有限公司合作。")
    located = triples(p, "locatedIn")
    assert not any(place.startswith("黔江") for _, place in located)  # 黔江… in a 黔江 report
    assert ("武隆某职业学校", "武隆") in located or ("武隆某职业学校", "武隆区") in located


def test_a_zone_in_a_name_is_no_county(run):
    p = run("黔江高新区管委会与黔江某职业学校签订协议。")
    assert not any(n == "高新区" for n in named(p))


# ---------------------------------------------------------------- pairs, parent bodies, recognitions


def test_two_schools_exchanging_pair(run):
    p = run("黔江某职业学校与武隆某职业学校建立了校际交流合作机制。")
    assert ("黔江某职业学校", "武隆某职业学校") in triples(p, "pairsWith")
    assert ("黔江某职业学校", "武隆某职业学校") in triples(p, "partnersWith")


def test_approved_and_run_by(run):
    p = run("黔江某技工学校创建于1978年，是经黔江区人力资源和社会保障局批准并主管的全日制技工学校。")
    assert ("黔江某技工学校", "黔江区人力资源和社会保障局") in triples(p, "runBy")
    assert not triples(p, "recognizedBy")


def test_recognized_by_a_government_body(run):
    p = run("黔江某职业学校的焊接专业成为教育部第二批示范专业。黔江智能制造职教集团被教育部认定为示范性职教集团。")
    assert {("黔江某职业学校", "教育部"), ("黔江智能制造职教集团", "教育部")} <= triples(p, "recognizedBy")


def test_a_place_written_after_a_larger_one_is_part_of_it(run):
    p = run("学校积极开展与四川泸州、绵阳、宜宾等区域的合作。在雅安市荥经县，学校开展帮扶。")
    parts = triples(p, "partOf")
    assert {("泸州市", "四川省"), ("绵阳", "四川省"), ("宜宾", "四川省")} <= {(a, b) for a, b in parts} or len(
        [1 for a, b in parts if b.startswith("四川")]) == 3
    assert any(a.startswith("荥经") and b.startswith("雅安") for a, b in parts)


def test_a_government_office_is_part_of_its_government(run):
    p = run("黔江区人民政府办公室印发通知，黔江区人民政府同意。")
    assert ("黔江区人民政府办公室", "黔江区人民政府") in triples(p, "partOf")


def test_and_before_a_possessive_is_no_partnership(run):
    p = run("展示黔江某职业学校与武隆某职业学校的校园文化。")
    assert not triples(p, "partnersWith")


def test_an_alliance_with_members_is_no_member(run):
    p = run("黔江农民培训职教集团已整合93家成员单位。")
    assert not triples(p, "memberOf")


def test_the_apprenticeship_pilot_is_the_majors_of_its_own_clause(run):
    p = run("黔江某职业学校焊接技术应用、数控技术应用2个专业成为优质专业，汽车运用与维修专业通过现代学徒制试点验收。")
    assert {o for _, o in triples(p, "hasUnnamedPartnersFor")} == {"汽车运用与维修"}


def test_only_partners_in_the_clause_of_what_is_built_build_it(run):
    p = run("黔江某职业学校与黔江区汽车维修协会签订合作，与渝东南精工机械有限公司共建焊接实训基地。")
    builders = {a for a, _ in triples(p, "coBuilds")}
    assert "渝东南精工机械有限公司" in builders and "黔江区汽车维修协会" not in builders


def test_words_that_are_verbs_elsewhere_inside_names(run):
    p = run("学校与黔江财经职业学院、黔江区酒店运营与管理张三名师工作室建立合作。")
    assert "黔江财经职业学院" in named(p, "School")
    assert "黔江区酒店运营与管理张三名师工作室" in named(p, "Association")


def test_a_body_named_after_a_known_zone(run, registry):
    assert registry.lookup("西部职教基地") is not None
    p = run("西部职教基地建管委牵头推进。")
    assert "西部职教基地建管委" in named(p, "GovernmentBody")


def test_zhuanye_as_an_adjective_names_no_majors(run):
    p = run("培养高速公路建设、运营管理等领域的专业技术技能人才，穿插汽修情景剧、舞蹈等专业特色文艺展示。")
    assert not named(p, "Major")


def test_a_class_opened_by_name_or_named_by_letters_is_an_order_class(run):
    p = run("黔江某职业学校与渝东南精工机械有限公司开办中瑞班。黔江某职业学校焊接技术应用专业新一届QJW班开班。")
    assert {"中瑞班", "QJW班"} <= named(p, "OrderClass")
    assert ("渝东南精工机械有限公司", "中瑞班") in triples(p, "sponsorsOrderClass")
    assert ("QJW班", "焊接技术应用") in triples(p, "forMajor")
    assert not named(run("黔江某职业学校召开班主任会议，举办培训班。"), "OrderClass")


def test_items_listed_with_a_company_are_companies(run):
    p = run("渝东南精工机械有限公司、XYZ机器人、山城汽配等投入200多万元在校内建成焊接实训室。")
    assert {"XYZ机器人", "山城汽配"} <= named(p, "Enterprise")
    p = run("黔江某职业学校、山城汽配等参加活动。")  # a list of a school and others: no companies by kind
    assert "山城汽配" not in named(p, "Enterprise")


def test_companies_brought_in_are_partners_unless_a_place_brings_them(run):
    p = run("黔江某职业学校引入渝东南精工机械有限公司、山城汽配等企业的真实设备进课堂。")
    assert ("黔江某职业学校", "渝东南精工机械有限公司") in triples(p, "partnersWith")
    p = run("黔江某职业学校与山城汽配签订协议。在以职促产方面，黔江依托职教优势，"
            "引入渝东南精工机械有限公司等龙头企业。")
    assert not any(o == "渝东南精工机械有限公司" for _, o in triples(p, "partnersWith"))


def test_descriptive_words_and_quoted_terms_make_no_names(run):
    p = run("打造一批市级“双师型”教师培训基地和国际职业教育发展共同体，建设科技集团。")
    assert not named(p)


def test_a_kind_of_class_is_no_order_class(run):
    assert not named(run("黔江某职业学校开设综合高中班和高考升学班。"), "OrderClass")


def test_a_list_of_companies_gathered_in_a_place_is_located_there(run):
    p = run("渝东南精工机械有限公司、山城汽配等数十家企业聚集黔江区。")
    assert {("渝东南精工机械有限公司", "黔江区"), ("山城汽配", "黔江区")} <= triples(p, "locatedIn")


def test_a_place_and_a_descriptive_word_name_a_school_a_place_and_a_qualifier_do_not(run):
    assert "武隆现代职业技术学校" in named(run("黔江某职业学校与武隆现代职业技术学校开展交流。"), "School")
    assert not named(run("推动黔江区中等职业学校发展。"), "School")


def test_a_word_character_inside_a_place_name_is_no_word(run):
    p = run("学校与成都工程职业技术学校开展交流。")  # 都 is a word (也、都、已) elsewhere
    assert "成都工程职业技术学校" in named(p, "School")


def test_a_base_named_after_its_school_names_the_school(run):
    p = run("黔江某职业中学校实训基地投入使用。")
    assert "黔江某职业中学校" in named(p, "School")
    assert ("黔江某职业中学校实训基地", "黔江某职业中学校") in triples(p, "partOf")


def test_a_two_character_cluster_in_a_cluster_list(run):
    p = run("黔江某职业学校对接区域内汽车、电子信息等产业集群。")
    assert {"汽车", "电子信息"} <= named(p, "IndustryCluster")
