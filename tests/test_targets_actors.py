"""Who commits to a target (extractors/targets/actors.py): the actors of a document placed by hand
(organizations and people as the orgs and people extractors would find them), so that each rule is
tested apart from those extractors."""
from __future__ import annotations

import datetime as dt

from lianhuan_extract.entity import Context, Entity
from lianhuan_extract.extractors.targets import rules as targets
from lianhuan_extract.extractors.targets.actors import Actors, is_media
from lianhuan_extract.extractors.targets.context import Layout
from lianhuan_extract.pipeline import prepare


def org(surface, name=None, aliases=()):
    return (surface, "org", {"name": name or surface, "aliases": list(aliases)})


def person(surface, titles, org_name=None):
    fields = {"name": surface, "titles": list(titles)}
    if org_name:
        fields["org"] = org_name
    return (surface, "person", fields)


def q(surface, value, unit, comparator="=", dimension="count"):
    return (surface, "quantity", {"value": value, "unit": unit, "comparator": comparator, "dimension": dimension})


def run(text, found, ref="2025-02-10"):
    """The subjects of the targets found in `text`, the (surface, type, fields) entities placed
    left to right."""
    doc = prepare(text)
    ctx = Context(doc=doc, ref_date=dt.date.fromisoformat(ref), ref_origin="given")
    pos = 0
    for surface, kind, fields in found:
        start = doc.text.index(surface, pos)
        ctx.entities.append(Entity(kind, start, start + len(surface), dict(fields), rule="test"))
        pos = start + len(surface)
    return [(ctx.text[e.start:e.end], e.fields.get("subject")) for e in targets.extract(ctx)]


def test_an_outlet_is_never_the_subject_and_全市_is_the_place_of_the_document():
    text = "临江日报讯 临江市政府召开常务会议。全市今年力争新增城镇就业2万人。"
    found = [org("临江日报"), org("临江市政府"), q("2万人", 20000, "人")]
    assert run(text, found) == [("新增城镇就业2万人", "临江市")]


def test_outlets_by_kind_or_by_the_end_of_their_name():
    assert is_media("江东日报") and is_media("盐城新闻网") and is_media("瓜州县融媒体中心")
    assert is_media("某某传媒", "media") and is_media("中央社")
    assert not is_media("江东机械集团有限公司") and not is_media("临江市政府")


def test_公司_is_the_first_company_named_not_the_counterparty_named_more_often():
    text = "华芯微电子股份有限公司公告:公司与鹏锐储能签订协议,鹏锐储能为长期客户,公司计划今年向鹏锐储能供应芯片不少于3000万颗。"
    found = [org("华芯微电子股份有限公司"), org("鹏锐储能"), org("鹏锐储能"), org("鹏锐储能"),
             q("不少于3000万颗", 30000000, "颗", ">=")]
    assert run(text, found) == [("供应芯片不少于3000万颗", "华芯微电子股份有限公司")]


def test_an_org_after_向_or_配合_is_an_object_and_县府_is_the_county():
    text = "嘉南县政府建设处表示,县府将配合工业局计划,争取明年完成道路改造3条。"
    found = [org("嘉南县政府建设处"), org("县府", "嘉南县政府", ["县府"]), org("工业局"), q("3条", 3, "条")]
    # the unit of the county government speaks for the county; 工业局 after 配合 is an object
    assert run(text, found) == [("道路改造3条", "嘉南县")]


def test_a_department_speaking_through_its_负责人_speaks_for_its_place():
    text = "临川市统计局发布数据。市统计局有关负责人表示,预计全年地区生产总值增长6%左右。"
    found = [org("临川市统计局"), org("市统计局", "临川市统计局", ["市统计局"]),
             q("6%左右", 6, "%", "~", "percent")]
    assert run(text, found) == [("地区生产总值增长6%左右", "临川市")]


def test_a_department_s_own_news_stays_the_department_s():
    text = "江州市水利局召开全市水利工作会议。局长表示,全年确保完成水利投资40亿元。"
    found = [org("江州市水利局"), q("40亿元", 4e9, "CNY", dimension="currency")]
    # 全市 of a meeting held (召开全市…会议) names no actor
    assert run(text, found) == [("水利投资40亿元", "江州市水利局")]


def test_a_project_is_the_company_s_that_builds_it():
    text = "华腾能源光伏项目昨日开工。项目建成投产后,预计年发电量约3亿千瓦时。"
    found = [org("华腾能源"), q("约3亿千瓦时", 3e8, "kWh", "~", "energy")]
    assert run(text, found) == [("年发电量约3亿千瓦时", "华腾能源")]


def test_a_speaker_s_title_names_the_place_he_speaks_for():
    text = "青河县召开农业工作会议。县长王芳介绍,今年将新建高标准农田5万亩。"
    found = [person("王芳", ["县长"]), q("5万亩", 50000, "mu", dimension="area")]
    assert run(text, found) == [("新建高标准农田5万亩", "青河县")]


def test_a_place_written_out_acts_and_its_short_form_before_a_plan_word():
    text = "温州市政府召开大会。瓯海区委书记表示,瓯海将新增工业用地1500亩。"
    found = [org("温州市政府"), q("1500亩", 1500, "mu", dimension="area")]
    assert run(text, found) == [("新增工业用地1500亩", "瓯海区")]


def test_a_fund_commits_to_nothing():
    text = "港城集团召开年度会议。集团将组建总规模20亿元的港城产业基金,首期募集5亿元。"
    found = [org("港城集团"), q("20亿元", 2e9, "CNY", dimension="currency"), org("港城产业基金"),
             q("5亿元", 5e8, "CNY", dimension="currency")]
    assert run(text, found) == [("总规模20亿元", "港城集团"), ("首期募集5亿元", "港城集团")]


def test_a_sentence_with_no_actor_takes_one_from_its_paragraph_else_the_document_s():
    text = "星河材料股份有限公司发布年报。\n公司总经理表示,今年营收力争达到60亿元。毛利率目标维持在30%以上。"
    found = [org("星河材料股份有限公司"), q("60亿元", 6e9, "CNY", dimension="currency"),
             q("30%以上", 30, "%", ">", "percent")]
    assert run(text, found) == [("营收力争达到60亿元", "星河材料股份有限公司"),
                                ("毛利率目标维持在30%以上", "星河材料股份有限公司")]


def test_the_document_places_by_level():
    text = "江西省人民政府办公厅印发方案。南昌市、景德镇市将作为先行区,全省力争突破800亿元。"
    doc = prepare(text)
    orgs = [Entity("org", 0, 10, {"name": "江西省人民政府办公厅", "aliases": []})]
    actors = Actors(doc.text, Layout(doc.text), orgs, [])
    assert actors.level_place["省"] == "江西省"
    assert actors.level_place["市"] in ("南昌市", "景德镇市")
    # the government's office is a body of the province's government: the document is the province's
    assert actors.own == "江西省"
    assert actors.subject(doc.text.index("800")) == "江西省"


def test_numbers_the_quantities_extractor_may_find_that_are_no_goals():
    # placed by hand: a year that is no span of work, the 一 of a quoted slogan, instalments
    assert run("今年是谋划“十五五”发展的关键一年。", [q("一年", 1, "year", dimension="duration")]) == []
    assert run("各地要落实“一个项目、一名领导、一套班子”推进机制。",
               [q("一个", 1, "个"), q("一名", 1, "名"), q("一套", 1, "套")]) == []
    assert run("公司计划依合约分6期支付设备款。", [q("6期", 6, "期")]) == []
    # while a span of work named so is one
    assert run("项目计划工期24个月。", [q("24个月", 24, "month", dimension="duration")]) == [("工期24个月", None)]


def test_a_place_a_headline_opens_with_is_the_document_s_own_actor():
    text = "瓜州县二季度重大项目集中开工\n县人社局联合学院启动培训计划。\n今年计划完成投资18亿元。"
    found = [org("县人社局", "瓜州县人社局", ["县人社局"]), q("18亿元", 1.8e9, "CNY", dimension="currency")]
    assert run(text, found) == [("投资18亿元", "瓜州县")]
    # but a place that opens a body's name the orgs extractor missed is no actor of its own
    text = "通川区城发集团召开工作会议\n会议明确,今年力争实现营业收入12亿元。"
    doc = prepare(text)
    actors = Actors(doc.text, Layout(doc.text), [], [])
    assert actors.mentions == [] and actors._headline_actor() is None


def test_a_speaker_named_by_a_short_name_is_a_person_not_an_outside_organization():
    # no people extractor ran: 许正雄 is still a person, who speaks for the document's company
    text = "弘盛精密法说会\n许正雄说,全年营收挑战200亿元。"
    found = [org("弘盛精密"), q("200亿元", 2e10, "CNY", dimension="currency")]
    assert run(text, found, ref="2024-10-30") == [("营收挑战200亿元", "弘盛精密")]


def test_a_place_no_gazetteer_holds_is_found_where_it_acts_as_one():
    def places(text):
        doc = prepare(text)
        return dict(Actors(doc.text, Layout(doc.text), [], []).places)

    assert places("绵江市2026年政府工作报告") == {"绵江市": 1}
    assert places("青溪县今年力争新增就业2万人") == {"青溪县": 1}
    assert places("，大超市将新增门店3家") == {}  # a word that ends in 市, no place


def test_a_subject_is_looked_for_back_through_the_sentences_of_its_line_only():
    # the actors' mentions are found a sentence at a time: 50亿元 finds 江东公司 two sentences
    # back over one that names nobody; 2万吨, on the next line, takes the document's own actor
    # (港城集团: as often named as 江东公司, and first)
    text = "港城集团发布公告\n江东公司今年计划新建厂房3座。全年目标明确。营收力争达到50亿元。\n产量确保达到2万吨。"
    found = [org("港城集团"), org("江东公司"), q("3座", 3, "座"),
             q("50亿元", 5e9, "CNY", dimension="currency"), q("2万吨", 2e4, "t", dimension="mass")]
    assert [subject for _, subject in run(text, found)] == ["江东公司", "江东公司", "港城集团"]


def test_the_mentions_of_a_document_do_not_depend_on_the_order_they_are_asked_for():
    text = "港城集团发布公告\n江东公司今年计划新建厂房3座。全年目标明确。营收力争达到50亿元。"
    doc = prepare(text)
    orgs = [Entity("org", 0, 4, {"name": "港城集团", "aliases": []}),
            Entity("org", 9, 13, {"name": "江东公司", "aliases": []})]
    late_first = Actors(doc.text, Layout(doc.text), orgs, [])
    assert late_first.subject(doc.text.index("50亿")) == "江东公司"
    assert late_first.mentions == [(0, 4, "港城集团"), (9, 13, "江东公司")]
    assert late_first.own == "港城集团"
