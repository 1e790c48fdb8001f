"""Dates beyond the corpus: no reference date, the reference read from a text, the year a sentence
speaks of, hostile input, offsets on real texts, the dev gold."""
import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from lianhuan_extract import extract
from lianhuan_extract.extractors.dates import infer_reference, infer_reference_date
from lianhuan_extract.pipeline import prepare

SHARED = (Path(__file__).parents[1] / ".." / "shared").resolve()
DEV = SHARED / "eval" / "dev"


def dates(text, ref=None):
    rec = extract(text, ref_date=ref, types=["date"])
    return rec, [(e["text"], e["value"], e["grain"]) for e in rec["entities"] if e["type"] == "date"]


# -- no reference date --------------------------------------------------------------------------
def test_partial_date_without_reference_keeps_what_it_says():
    rec, _ = dates("会议于4月3日上午召开")
    assert rec["meta"]["reference_date"] is None
    assert rec["meta"]["reference_date_origin"] == "none"
    (e,) = rec["entities"]
    assert (e["text"], e["value"], e["grain"], e["unresolved"]) == ("4月3日上午", "XXXX-04-03", "day", True)


def test_relative_date_without_reference_keeps_its_grain():
    rec, _ = dates("今年全市力争新签约项目")
    (e,) = rec["entities"]
    assert (e["text"], e["value"], e["grain"], e["unresolved"]) == ("今年", "XXXX", "year", True)


def test_partial_quarter_and_day_without_reference_write_the_unknown_as_x():
    rec, found = dates("今年一季度营收增长。")
    assert found == [("今年一季度", "XXXX-Q1", "quarter")]
    rec, found = dates("三季度营收增长。18日召开会议。")
    assert found == [("三季度", "XXXX-Q3", "quarter"), ("18日", "XXXX", "day")]
    assert all(e["unresolved"] is True for e in rec["entities"])


def test_absolute_date_needs_no_reference():
    rec, found = dates("全市1-11月份经济运行平稳。2023年,全市增长5%。")
    assert rec["meta"]["reference_date_origin"] == "inferred"  # 2023 is over, so the text speaks from 2024
    assert found == [("1-11月份", "2024-01/2024-11", "period"), ("2023年", "2023", "year")]


def test_partial_period_without_reference():
    rec, found = dates("全市1-11月份经济运行平稳")
    assert found == [("1-11月份", "XXXX-01/XXXX-11", "period")]
    assert rec["entities"][0]["unresolved"] is True


# -- the reference date read from the text ----------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("发布日期：2024-04-03\n3月份,全市工业增加值增长5%。", "2024-04-03"),
    ("經濟部新聞稿\n發布日期:113-05-15\n經濟部今(15)日表示,新臺幣補助", "2024-05-15"),
    ("嘉南縣政府新聞稿\n發稿日期:民國112年9月12日\n縣府今(12)日舉行記者會", "2023-09-12"),
    ("港灣控股公布業績\n（香港，2023年11月28日）港灣控股今日公布截至2023年9月30日止六個月業績", "2023-11-28"),
    ("关于召开大会的通知\n各单位:\n定于5月28日召开。\n江州市科学技术局\n2024年5月21日", "2024-05-21"),
    ("新华社北京3月5日电 2024年政府工作报告提出,今年经济增长预期目标为5%左右。", "2024-03-05"),
    ("3月5日上午,十四届全国人大二次会议在北京开幕。", "2024-03-05"),
    ("4月17日上午,新院区开工。项目预计2026年10月竣工。2023年,医院门急诊量达到286万人次。", "2024-04-17"),
    ("6月17日,记者获悉,今年小麦亩产创新高。到2025年,全市将建成高标准农田530万亩。", "2024-06-17"),
    ("香港特區政府今日（十一月二十日）公布，二〇二三至二四年度財政預算案將於明年發表。", "2023-11-20"),
    ("本次活动时间为2024年5月1日—5日，报名截止时间为4月25日17:00。", "2024-05-01"),
    ("4月27日晚间,公司发布2023年年度报告。截至2023年12月31日,公司拥有专利。2024年公司将力争增长。", "2024-04-27"),
])
def test_reference_date_inferred(text, expected):
    doc = prepare(text)
    assert infer_reference_date(doc) == (dt.date.fromisoformat(expected), "inferred")
    assert extract(text, types=["date"])["meta"]["reference_date"] == expected


@pytest.mark.parametrize("text,year", [
    ("安徽汽车产业\n记者获悉，2024年安徽新能源汽车产量达到168.3万辆，同比增长48.2%。", 2025),
    ("鴻源精密公告\n112年合併營收為新台幣168.2億元，較111年減少6.3%。行政院", 2024),
    ("全市经济\n2024年以来，全市实现地区生产总值增长5%。", 2024),
    ("農業部新聞稿\n113年度計畫編列新臺幣3億元，農業部規劃114年起擴大辦理。", 2024),
])
def test_year_of_reported_results_is_over(text, year):
    date, origin, precision = infer_reference(prepare(text))
    assert (date.year, origin, precision) == (year, "inferred", "year")


def test_deadline_years_are_plans():
    doc = prepare("1至5月,全市工业增长8.2%。2030年前实现碳达峰,2060年前实现碳中和。")
    assert infer_reference_date(doc) == (dt.date(2029, 7, 1), "inferred")


def test_reference_known_to_the_year_only_leaves_day_relative_words_unresolved():
    text = "經濟部新聞稿\n經濟部112年度預算執行良好，113年將持續推動。經濟部今(18)日表示，本月出口成長，今日公布。上半年成長，4月3日開會。"
    doc = prepare(text)
    date, origin, precision = infer_reference(doc)
    assert (date.year, origin, precision) == (2024, "inferred", "year")
    rec = extract(text, types=["date"])
    got = [(e["text"], e["value"], e.get("unresolved", False)) for e in rec["entities"]]
    assert got == [("112年度", "2023", False), ("113年", "2024", False), ("今(18)日", "XXXX", True),
                   ("本月", "XXXX", True), ("今日", "XXXX", True), ("上半年", "2024-H1", False),
                   ("4月3日", "2024-04-03", False)]


@pytest.mark.parametrize("text,expected", [
    ("新华社北京3月5日电 2024年政府工作报告提出,今年经济增长预期目标为5%左右。", ("2024-03-05", "day")),
    ("发布日期：2024-04-03\n3月份,全市工业增长5%。", ("2024-04-03", "day")),
    ("1至5月,全市工业增长8.2%。2030年前实现碳达峰。", ("2029-07-01", "year")),
    ("2023年,全市实现营收50亿元。会议于6月18日召开。", ("2024-06-18", "year")),
])
def test_reference_precision(text, expected):
    date, origin, precision = infer_reference(prepare(text))
    assert (date.isoformat(), precision) == expected


def test_precision_noted_by_the_pipeline_wins():
    from lianhuan_extract.entity import Context
    from lianhuan_extract.extractors import dates as dates_module

    doc = prepare("今日，本月出口成长。")
    ctx = Context(doc=doc, ref_date=dt.date(2024, 7, 1), ref_origin="inferred")
    ctx.notes["reference_date_precision"] = "year"
    assert [(e.fields["value"], e.fields.get("unresolved")) for e in dates_module.extract(ctx)] == [("XXXX", True), ("XXXX", True)]
    ctx.notes["reference_date_precision"] = "day"
    assert [e.fields["value"] for e in dates_module.extract(ctx)] == ["2024-07-01", "2024-07"]


def test_day_relative_words_resolve_against_a_reference_known_to_the_day():
    _, found = dates("新华社北京3月5日电 今日,2024年政府工作报告提出,本月启动。")
    assert found[:2] == [("3月5日", "2024-03-05", "day"), ("今日", "2024-03-05", "day")]
    assert ("本月", "2024-03", "month") in found


def test_no_reference_when_the_text_names_no_year():
    doc = prepare("10月8日,记者获悉,国庆假期全市接待游客1206万人次,较去年增长8%。")
    assert infer_reference_date(doc) == (None, "none")


def test_given_reference_wins_over_the_text():
    rec, found = dates("发布日期：2024-04-03\n今年", ref="2020-06-01")
    assert rec["meta"]["reference_date"] == "2020-06-01"
    assert rec["meta"]["reference_date_origin"] == "given"
    assert ("今年", "2020", "year") in found


def test_inferred_reference_resolves_relative_dates():
    _, found = dates("发布日期：2024-04-03\n去年上半年,全市增长5%;上月出口增长。")
    assert ("去年上半年", "2023-H1", "half") in found
    assert ("上月", "2024-03", "month") in found


# -- the year a sentence speaks of -------------------------------------------------------------
def test_partial_date_takes_the_year_of_its_sentence():
    _, found = dates("2023年,集团营收增长5%,其中上半年增长3%。上半年将继续推进。", ref="2024-04-03")
    assert found == [("2023年", "2023", "year"), ("上半年", "2023-H1", "half"), ("上半年", "2024-H1", "half")]


def test_compared_year_does_not_set_the_sentence_year():
    _, found = dates("与2019年同期相比,上半年增长5%。", ref="2024-07-18")
    assert found == [("2019年", "2019", "year"), ("上半年", "2024-H1", "half")]


def test_lone_day_takes_the_month_of_its_sentence():
    _, found = dates("新华社北京3月12日电 新华社受权于12日全文播发报告。会议于15日闭幕。", ref="2024-11-05")
    assert found == [("3月12日", "2024-03-12", "day"), ("12日", "2024-03-12", "day"), ("15日", "2024-11-15", "day")]


def test_relative_year_sets_the_sentence_year_of_a_quarter():
    _, found = dates("去年受終端需求疲弱，第三季營收衰退近兩成，但第四季起回升。首季營收成長。", ref="2024-03-12")
    assert found == [("去年", "2023", "year"), ("第三季", "2023-Q3", "quarter"), ("第四季", "2023-Q4", "quarter"),
                     ("首季", "2024-Q1", "quarter")]


@pytest.mark.parametrize("text,ref,expected", [
    ("2024年全省生产总值比上年增长5.4%。", "2025-01-24", "2023"),
    ("2024年全省經濟穩定。民生保障有力，失業率比上年下降0.3個百分點。", "2025-01-24", "2023"),
    ("拟安排专项债券3.9万亿元,比上年增加1000亿元。", "2024-03-06", "2023"),
    ("始建于1932年。产值比上年增长。", "2024-03-06", "2023"),
])
def test_previous_year_counts_from_the_year_the_text_speaks_of(text, ref, expected):
    _, found = dates(text, ref=ref)
    assert [v for t, v, g in found if t == "上年"] == [expected]


@pytest.mark.parametrize("text", [
    "公司审议通过2023年度利润分配预案，拟于6月30日前实施。",
    "公司審議通過2023年度利潤分配預案，擬於6月30日前實施。",
    "2023年度报告已披露，股东大会将于6月30日召开。",
])
def test_planned_partial_date_is_not_in_a_year_already_over(text):
    _, found = dates(text, ref="2024-03-29")
    assert found[-1] == ("6月30日", "2024-06-30", "day")


def test_partial_date_in_a_reported_year_keeps_that_year():
    _, found = dates("2023年,公司于6月30日完成改制。", ref="2024-03-29")
    assert found == [("2023年", "2023", "year"), ("6月30日", "2023-06-30", "day")]
    _, found = dates("2023年3月，公司宣布将于6月30日上市。", ref="2024-03-29")
    assert found == [("2023年3月", "2023-03", "month"), ("6月30日", "2023-06-30", "day")]


@pytest.mark.parametrize("text,expected", [
    ("特區政府今日（二月二十八日）公布2024至25年度財政預算案。", ("2024-02-28", "day")),
    ("特区政府今天(2月28日)公布2024至25年度财政预算案。", ("2024-02-28", "day")),
    ("据统计，2024年全市增长。记者从新华社北京3月5日电获悉。", ("2025-03-05", "day")),
])
def test_a_month_and_day_named_as_today_is_the_reference_day(text, expected):
    date, _, precision = infer_reference(prepare(text))
    assert (date.isoformat(), precision) == expected


@pytest.mark.parametrize("text", [
    "行政院會今(16)日通過114年度中央政府總預算案，較113年度增加1,976億元。",
    "行政院会今(16)日通过114年度中央政府总预算案，较113年度增加1,976亿元。",
])
def test_next_years_budget_is_a_plan(text):
    assert infer_reference(prepare(text))[0].year == 2024


def test_roc_year_range_with_one_suffix():
    _, found = dates("交通部表示，113至115年間預計引進城際列車600輛，總經費約新臺幣350億元。", ref="2024-10-08")
    assert found == [("113至115年", "2024/2026", "period")]


def test_relative_year_does_not_set_the_sentence_year():
    _, found = dates("较去年同期提高2.4个百分点,11月份当月增长6.9%。", ref="2024-12-20")
    assert found == [("去年", "2023", "year"), ("11月份", "2024-11", "month")]


# -- what is not a date ------------------------------------------------------------------------
def test_contacts_and_codes_are_not_dates():
    text = "(股票代码:603517)电话:0514-89993100 传真:0791-86273400 邮箱:nt2024@163.com 邮编:330046"
    assert dates(text, ref="2024-04-03")[1] == []


def test_dates_in_document_titles_are_left_alone_but_meetings_are_not():
    text = "会议研究了《优化营商环境三年行动方案(2024—2026年)》。召开2024年工作会议。"
    assert dates(text, ref="2024-04-03")[1] == [("2024年", "2024", "year")]


# -- hostile input stays linear and correct ----------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("1" * 20000, []),
    ("年" * 20000, []),
    ("月" * 20000, []),
    ("1-" * 10000 + "月", []),
    ("今(" * 10000, []),
    ("《" * 10000 + "2024年", [("2024年", "2024", "year")]),
    ("\x00" * 5000 + "2024年4月3日" + "\x00" * 5000, [("2024年4月3日", "2024-04-03", "day")]),
    ("第" * 10000 + "1号", []),
    ("2" * 10000 + "年", []),
    ("113至" * 5000 + "年", []),
    ("今(1" * 5000, []),
    ("第一季" * 5000, [("第一季", "2024-Q1", "quarter")] * 5000),
    ("一月一" * 5000, []),
])
def test_hostile_input(text, expected):
    assert dates(text, ref="2024-04-03")[1] == expected


def test_many_dates_in_one_line():
    _, found = dates("2024年、" * 4000, ref="2024-04-03")
    assert len(found) == 4000 and set(found) == {("2024年", "2024", "year")}


# -- real texts ----------------------------------------------------------------------------------
def _gold_docs():
    if not (DEV / "gold.jsonl").exists():
        pytest.skip("the shared dev gold set is not beside the repository")
    return [json.loads(line) for line in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def test_offsets_point_into_the_original_text():
    for doc in _gold_docs():
        text = (DEV / doc["file"]).read_text(encoding="utf-8-sig")
        for e in extract(text, ref_date=doc["reference_date"], types=["date"])["entities"]:
            assert text[e["start"]:e["end"]] == e["text"]


def test_dev_gold_date_f1():
    spec = importlib.util.spec_from_file_location("shared_evaluate", SHARED / "eval" / "evaluate.py")
    evaluate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(evaluate)
    docs = _gold_docs()
    preds = {}
    for doc in docs:
        text = (DEV / doc["file"]).read_text(encoding="utf-8-sig")
        preds[doc["id"]] = extract(text, ref_date=doc["reference_date"], types=["date"])
    assert evaluate.score(docs, preds)["date"]["f1"] >= 0.95


# -- issue 12: figures to date early in a year, a time since, the year before a plan's year ------
def test_figures_to_date_read_early_in_a_year_are_last_years():
    _, found = dates("预计全年增长6.5%左右；1-11月份，规上工业增加值增长9.1%。前10月，出口增长。", ref="2025-01-08")
    assert found == [("1-11月份", "2024-01/2024-11", "period"), ("前10月", "2024-01/2024-10", "period")]


def test_figures_to_date_in_a_plan_stay_in_the_reference_year():
    _, found = dates("確保前三季度完成投資80%。", ref="2025-01-08")
    assert found == [("前三季度", "2025-Q1/2025-Q3", "period")]


def test_figures_to_date_read_later_in_the_year_are_this_years():
    _, found = dates("1-11月份，規上工業增加值增長9.1%。", ref="2024-12-19")
    assert found == [("1-11月份", "2024-01/2024-11", "period")]


def test_a_time_since_does_not_set_the_sentences_year():
    _, found = dates("董事长表示，去年四季度以来，订单回暖，一季度在手订单增长约20%。", ref="2025-03-28")
    assert found == [("去年四季度", "2024-Q4", "quarter"), ("一季度", "2025-Q1", "quarter")]
    _, found = dates("去年受需求疲弱影響，第三季營收下降。", ref="2025-03-28")
    assert found == [("去年", "2024", "year"), ("第三季", "2024-Q3", "quarter")]


def test_the_year_before_is_counted_from_the_plans_year():
    _, found = dates("今年擬安排資金5億元，比上年增加10%。", ref="2025-01-20")
    assert found == [("今年", "2025", "year"), ("上年", "2024", "year")]
    _, found = dates("2024年全市GDP比上年增长5%。", ref="2025-01-20")
    assert found == [("2024年", "2024", "year"), ("上年", "2023", "year")]


def test_a_relative_day_glossed_by_its_date_gives_the_date_once():
    _, found = dates("發展局局長今日（十一月十八日）視察工程。", ref="2024-11-18")
    assert found == [("十一月十八日", "2024-11-18", "day")]
    _, found = dates("县里启动“明日之星计划”，明日开班。", ref="2024-05-28")
    assert found == [("明日", "2024-05-29", "day")]
