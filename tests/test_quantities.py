"""The quantities extractor on hostile input, random text (offset invariant) and a few contexts."""
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lianhuan_extract import extract
from lianhuan_extract.entity import Context, Entity
from lianhuan_extract.extractors import quantities
from lianhuan_extract.pipeline import prepare

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _quantities(text, **kw):
    return [e for e in extract(text, types=["quantity", "range"], **kw)["entities"]
            if e["type"] in ("quantity", "range")]


@pytest.mark.parametrize("text", [
    "1" * 20000,
    "亿" * 10000,
    "一" * 10000,
    "1," * 7000,
    "1.1" * 5000,
    "多万" * 5000,
    "\x00" * 1000,
    "(" * 5000 + "〔" * 5000,
    "- " * 8000,
    "分之" * 5000,
    "约" * 10000,
    "GDP1" * 5000,
    "超过8成交" * 3000,
    "RMB" * 5000,
], ids=lambda t: f"{t[:6]!r}x{len(t)}")
def test_hostile_input_finds_nothing(text):
    assert _quantities(text) == []


def test_repeated_tenths_read_one_share_each():
    # 8成 is 80% (tenths); 8成交 is no share, as the hostile case above checks
    found = _quantities("超过8成" * 3000)
    assert len(found) == 3000
    assert (found[1]["text"], found[1]["start"], found[1]["value"], found[1]["unit"], found[1]["comparator"]) == \
        ("超过8成", 4, 80, "%", ">")


def test_repeated_percent_words_read_as_百分之百():
    found = _quantities("百分之" * 3000)
    assert found and all((e["value"], e["unit"]) == (100, "%") for e in found)


def test_hostile_input_around_a_real_amount():
    text = "亿" * 10000 + "。投入3亿元。" + "\x00" * 100 + "1" * 20000
    found = _quantities(text)
    assert [(e["text"], e["value"], e["unit"]) for e in found] == [("3亿元", 300000000, "CNY")]


ALPHABET = st.sampled_from(list("0123456789０１２.,，﹒ 一二两三十百千万亿億萬兩零元亿%％个個年月日号第约逾超过以上左右多余至到~～-—()（）港币新台幣人民币吨亩平方米千瓦时\n\x00abGk"))


@settings(max_examples=250, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_random_text_never_raises_and_keeps_offsets(text):
    record = extract(text)
    for e in record["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
        if e["type"] == "quantity":
            assert isinstance(e["value"], (int, float)) and e["rule"]
        if e["type"] == "range":
            assert e["min"] <= e["max"]


def test_every_entity_of_the_sample_keeps_the_offset_invariant():
    text = (ROOT / "samples" / "lianhuan-2024.txt").read_text(encoding="utf-8")
    found = _quantities(text)
    assert len(found) > 5
    for e in found:
        assert text[e["start"]:e["end"]] == e["text"]


def test_traditional_text_offsets_point_into_the_original():
    text = "研發（fā）投入預計將超過3億元，並征地50~100畝。"
    found = _quantities(text)
    assert [(e["text"], e["type"]) for e in found] == [("超過3億元", "quantity"), ("50~100畝", "range")]
    assert found[0]["value"] == 300000000 and found[0]["comparator"] == ">"
    assert (found[1]["min"], found[1]["max"], found[1]["unit"]) == (50, 100, "mu")


def test_spans_taken_by_dates_and_contacts_are_skipped():
    doc = prepare("2024年完成3亿元")
    ctx = Context(doc=doc, entities=[Entity("date", 0, 5, {"value": "2024"}, "date.year")])
    found = quantities.extract(ctx)
    assert [(doc.text[e.start:e.end], e.rule) for e in found] == [("3亿元", "quantity.currency")]
    ctx = Context(doc=doc, entities=[Entity("contact", 5, 9, {"kind": "phone", "value": "x"}, "contact.phone")])
    assert quantities.extract(ctx) == []


def test_year_labels_are_not_durations_but_year_counts_are():
    assert _quantities("2024年") == []
    assert _quantities("2024—2028年") == []
    assert [(e["value"], e["unit"]) for e in _quantities("5年投入250億")] == [(5, "year"), (25000000000, "")]


def test_roc_year_in_a_taiwan_text():
    text = "臺灣經濟部表示，113年補助經費達新臺幣12.5億元，較112年度增加。"
    found = _quantities(text)
    assert [(e["text"], e["value"], e["unit"]) for e in found] == [("新臺幣12.5億元", 1250000000, "TWD")]


def test_plain_yuan_is_cny_even_in_a_hong_kong_text():
    found = _quantities("本集團收入為8,426.5百萬港元，派發股息每股0.18港元，另捐款50萬元。")
    assert [(e["value"], e["unit"]) for e in found] == [(8426500000, "HKD"), (0.18, "HKD"), (500000, "CNY")]


def test_range_unit_written_once_applies_to_both_ends():
    [e] = _quantities("日均接待量在3万～5万人次之间")
    assert (e["min"], e["max"], e["unit"], e["dimension"], e["comparator"]) == (30000, 50000, "人次", "count", "between")
    [e] = _quantities("15〜20万平方米")
    assert (e["min"], e["max"], e["unit"]) == (150000, 200000, "m2")


def test_range_needs_min_not_above_max():
    found = _quantities("从8500到3万港元")
    assert [(e["type"], e.get("min"), e.get("max")) for e in found] == [("range", 8500, 30000)]
    assert all(e["type"] != "range" for e in _quantities("50到10亩"))


@pytest.mark.parametrize("text,quantity", [
    ("现场签约3个项目", ("3个", "=")),
    ("簽約項目20個", ("20個", "=")),
    ("附近5公里", ("5公里", "=")),
    ("赶超5家", ("5家", "=")),
    ("大约5公里", ("大约5公里", "~")),
    ("接近5公里", ("接近5公里", "~")),
])
def test_comparator_words_inside_other_words(text, quantity):
    assert [(e["text"], e["comparator"]) for e in _quantities(text)] == [quantity]


def test_classifier_lists_pair_item_by_item():
    """units.toml pairs simplified and traditional classifiers by position; a shift maps 戶 to 所."""
    import opencc

    from lianhuan_extract.data import load

    lists = load("units")["classifiers"]
    simplified, traditional = lists["simplified"], lists["traditional"]
    assert len(simplified) == len(traditional)
    to_simplified = opencc.OpenCC("t2s")
    assert [to_simplified.convert(t) for t in traditional] == simplified


def test_unitless_bounds_in_running_text():
    # multiples and unknown units after a comparator make no quantity, a bound that ends its clause does;
    # tenths are a share (近兩成 is about 20%)
    assert _quantities("產品不良率下降近兩倍，營收一度衰退近兩番。") == []
    assert [(e["text"], e["start"], e["value"], e["unit"], e["comparator"])
            for e in _quantities("產品不良率下降近兩成，營收一度衰退近兩成。")] == \
        [("近兩成", 7, 20, "%", "~"), ("近兩成", 17, 20, "%", "~")]
    assert _quantities("最多三點五英里的路程") == []
    assert [(e["value"], e["unit"], e["comparator"]) for e in _quantities("高度至少是3的產品。")] == [(3, "", ">=")]
    found = _quantities("負荷量超過300且滾動負荷量等於1535的信息。")
    assert [(e["text"], e["value"], e["unit"], e["comparator"]) for e in found][:1] == [("超過300", 300, "", ">")]


def test_a_cap_may_name_the_payment_before_the_amount():
    found = _quantities("單個項目最高補助5000萬元，對通過驗收的平台給予最高500萬元獎勵。")
    assert [(e["text"], e["value"], e["unit"], e["comparator"]) for e in found] == [
        ("最高補助5000萬元", 50000000, "CNY", "<="), ("最高500萬元", 5000000, "CNY", "<=")]


def test_figures_of_speech_and_words_ending_in_数():
    found = _quantities("打通科技成果转化的“最后一公里”，旅游接待总人数5.3亿人次，储能出货量约4.2GWh。")
    assert [(e["text"], e["value"], e["unit"]) for e in found] == [
        ("5.3亿人次", 530000000, "人次"), ("约4.2GWh", 4200000, "kWh")]
    assert [e["text"] for e in _quantities("總人數5.3億人次，參會人數300人，數百億元")] == ["5.3億人次", "300人"]


def test_an_acronym_before_an_amount_is_its_metric():
    found = _quantities("人均GDP1.2万美元，CPI上涨0.2%，PM2.5平均浓度为31微克/立方米，G20峰会。")
    assert [(e["text"], e["value"], e["unit"]) for e in found] == [("1.2万美元", 12000, "USD"), ("0.2%", 0.2, "%")]


def test_currency_notes_are_read_where_their_first_word_is_written():
    from lianhuan_extract.extractors import quantities as q

    lex = q.lexicon()
    # 货币 and 币种 overlap in 货币种; the note opens at 币种; 金额 with no note after it is none
    text = "货币种类:其他。币种:港元,金额均以美元计"
    assert q._currency_notes(text, lex) == [(13, "HKD"), (21, "USD")]
    assert q._currency_notes("单位负责人说收入5亿元", lex) == []
