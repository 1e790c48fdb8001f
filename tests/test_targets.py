"""The targets extractor on its own: quantities, ranges and dates placed by hand in a Context, so
that each rule is tested apart from the quantities extractor it builds on."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from lianhuan_extract.entity import Context, Entity
from lianhuan_extract.extractors.targets import rules as targets
from lianhuan_extract.pipeline import prepare


def context(text: str, found: list[tuple[str, str, dict]], ref: str = "2024-03-05", **notes) -> Context:
    """A Context over `text` holding the (surface, type, fields) entities, found left to right."""
    doc = prepare(text)
    ctx = Context(doc=doc, ref_date=dt.date.fromisoformat(ref), ref_origin="given", notes=dict(notes))
    pos = 0
    for surface, kind, fields in found:
        start = doc.text.index(surface, pos)
        ctx.entities.append(Entity(kind, start, start + len(surface), dict(fields), rule="test"))
        pos = start + len(surface)
    return ctx


def q(surface, value, unit, comparator="=", dimension="count"):
    return (surface, "quantity", {"value": value, "unit": unit, "comparator": comparator, "dimension": dimension})


def money(surface, value, comparator="="):
    return q(surface, value, "CNY", comparator, "currency")


def pct(surface, value, comparator="="):
    return q(surface, value, "%", comparator, "percent")


def run(text, found, **kw):
    ctx = context(text, found, **kw)
    return [(ctx.text[e.start:e.end], e.fields) for e in targets.extract(ctx)]


def test_floor_under_a_commitment():
    [(span, f)] = run("确保新获药品批件不少于20个。", [q("不少于20个", 20, "个", ">=")])
    assert span == "新获药品批件不少于20个"
    assert f == {"metric": "新获药品批件", "comparator": ">=", "value": 20, "unit": "个", "modality": "确保"}


def test_modal_words_between_metric_and_number_stay_out_of_the_metric():
    [(span, f)] = run("集团全年研发投入预计将超过3亿元。", [money("超过3亿元", 300000000, ">")], main_org="联环集团")
    assert span == "研发投入预计将超过3亿元"
    assert (f["metric"], f["modality"], f["subject"], f["year"]) == ("研发投入", "预计", "联环集团", 2024)


def test_range_target_is_between_and_metric_follows_a_counter():
    text = "将加大成果转化力度,至少完成60~80个成果转化。"
    found = [("60~80个", "range", {"min": 60, "max": 80, "unit": "个", "dimension": "count"})]
    [(span, f)] = run(text, found)
    assert span == "60~80个成果转化"
    assert (f["metric"], f["comparator"], f["min"], f["max"]) == ("成果转化", "between", 60, 80)
    assert "value" not in f


def test_metric_after_the_number_stops_before_a_new_verb_phrase():
    [(span, f)] = run("预计辅导3,000家以上中小企业导入数字工具。", [q("3,000家以上", 3000, "家", ">")])
    assert (span, f["metric"]) == ("3,000家以上中小企业", "中小企业")


def test_deadline_year_and_strongest_modal_word():
    [(span, f)] = run("力争到2025年全县农产品加工业产值突破120亿元。", [money("突破120亿元", 12e9, ">")])
    assert (span, f["year"], f["modality"]) == ("农产品加工业产值突破120亿元", 2025, "力争")


def test_starting_point_of_a_change_is_not_a_target():
    text = "项目建成后,医院编制床位将由现有的1800张增加至3000张。"
    [(span, f)] = run(text, [q("1800张", 1800, "张"), q("3000张", 3000, "张")])
    # the hospital is who commits, not part of the metric; the shortest form would be 编制床位
    assert (span, f["metric"], f["value"]) == ("医院编制床位将由现有的1800张增加至3000张", "医院编制床位", 3000)


@pytest.mark.parametrize("text,found", [
    ("2023年,集团实现营业收入186.4亿元,同比增长9.7%。", [money("186.4亿元", 186.4e8), pct("9.7%", 9.7)]),
    ("去年集团营业收入首次突破500亿元。", [money("突破500亿元", 5e10, ">")]),
    ("截至10月底,全省新能源装机容量已突破6800万千瓦。", [q("突破6800万千瓦", 6.8e7, "kW", ">", "power")]),
    ("对入选托举计划的青年人才,省财政给予每人每年10万元的科研经费资助。", [money("10万元", 1e5)]),
    ("当局已在财政年度预留20亿港元推行计划。", [q("20亿港元", 2e9, "HKD", "=", "currency")]),
    ("确保滨海200兆瓦风电项目年内全容量并网。", [q("200兆瓦", 200, "MW", "=", "power")]),
    ("项目总投资52亿元,计划2025年建成投产。", [money("52亿元", 5.2e9)]),
    ("今年度计划分为基础型与进阶型两类。", [q("两类", 2, "类")]),
    ("1-6月份,集团完成营业收入412.6亿元,完成年度计划的52.1%。", [money("412.6亿元", 412.6e8), pct("52.1%", 52.1)]),
    ("今年以来,全市累计建成高标准农田512万亩。", [q("512万亩", 5.12e6, "mu", "=", "area")]),
], ids=["past-year", "last-year", "as-of", "per-person", "set-aside", "describes-noun", "plain-total-investment",
        "composition", "progress-of-plan", "year-to-date"])
def test_reported_facts_and_descriptions_are_not_targets(text, found):
    assert run(text, found, ref="2024-07-19") == []


def test_past_date_found_by_the_dates_extractor_makes_a_result():
    text = "上半年全市地区生产总值增长6.4%。"
    found = [("上半年", "date", {"value": "2024-H1", "grain": "half"}), pct("6.4%", 6.4)]
    assert run(text, found, ref="2024-08-17") == []
    # the same half-year still ahead: no cue either way, and no plan heading, so still no target
    assert run(text, found, ref="2024-03-01") == []
    # a plan word before it makes it a goal when the half-year has not ended
    found2 = [("上半年", "date", {"value": "2024-H1", "grain": "half"}), pct("6.4%", 6.4)]
    [(span, f)] = run("力争上半年全市地区生产总值增长6.4%。", found2, ref="2024-03-01")
    assert f["metric"] == "地区生产总值增长"


def test_heading_of_a_plan_section_makes_plain_numbers_targets():
    text = "一、2023年工作回顾\n地区生产总值增长5.8%。\n二、2024年主要目标任务\n地区生产总值增长5.5%左右。"
    got = run(text, [pct("5.8%", 5.8), pct("5.5%左右", 5.5, "~")], ref="2024-01-22")
    assert [(s, f["comparator"]) for s, f in got] == [("地区生产总值增长5.5%左右", "~")]


def test_weak_plan_word_yields_to_a_results_heading():
    text = "一、2023年工作回顾\n全年争取地方政府专项债券资金365亿元。"
    assert run(text, [money("365亿元", 3.65e10)], ref="2024-01-22") == []
    assert [s for s, _ in run("全年争取地方政府专项债券资金365亿元。", [money("365亿元", 3.65e10)])] == [
        "地方政府专项债券资金365亿元"]


def test_headline_naming_a_plan_is_not_a_plan_heading():
    text = "公布「中小企研发配对资助计划」首轮审批结果\n其中生物科技项目占获批项目总数约32%。"
    assert run(text, [pct("约32%", 32, "~")]) == []


def test_metric_from_the_clause_before_a_bare_verb():
    text = "从今年开始拟连续几年发行超长期特别国债,今年先发行1万亿元。"
    [(span, f)] = run(text, [money("1万亿元", 1e12)])
    assert f["metric"] == "超长期特别国债"
    assert span == "超长期特别国债,今年先发行1万亿元"


def test_traditional_input_gives_simplified_metric():
    [(span, f)] = run("確保新獲藥品批件不少於20個。", [q("不少于20个", 20, "个", ">=")])
    assert f["metric"] == "新获药品批件"


def test_hostile_inputs_stay_linear_and_find_what_is_there():
    # 20,000 characters of cue words and digits without punctuation, then one real target
    body = "确保" * 5000 + "1" * 5000 + "要将" * 2500
    text = body + "。确保新获药品批件不少于20个。"
    [(span, f)] = run(text, [q("不少于20个", 20, "个", ">=")])
    assert f["metric"] == "新获药品批件"
    # thousands of quantities in one endless clause
    text = "确保研发投入3亿元;" * 1000
    ctx = context(text, [money("3亿元", 3e8)] * 1000)
    found = targets.extract(ctx)
    assert len(found) == 1000
    assert found[-1].fields["metric"] == "研发投入"
    # NUL bytes and unbalanced brackets
    assert run("确保\x00((((“新获药品批件不少于20个", [q("不少于20个", 20, "个", ">=")])[0][1]["metric"] == "新获药品批件"
    # the newer rules on long runs: allocation verbs, speakers, topics, shares, second bars
    text = "安排" * 5000 + "表示" * 2500 + "方面" * 2500 + "。县财政将安排粮食生产专项资金6000万元。"
    [(span, f)] = run(text, [money("6000万元", 6e7)], main_org="县政府")
    assert (span, f["metric"]) == ("粮食生产专项资金6000万元", "粮食生产专项资金")
    text = "计划研发投入不低于营业收入的5%," * 1000
    found = targets.extract(context(text, [pct("5%", 5)] * 1000))
    assert len(found) == 1000 and {(t.fields["metric"], t.fields["comparator"]) for t in found} == {("研发投入", ">=")}


@pytest.mark.parametrize("value,end", [
    ("2023", "2023-12-31"), ("2024-02", "2024-02-29"), ("2024-Q1", "2024-03-31"), ("2024-H1", "2024-06-30"),
    ("2024-04-03", "2024-04-03"), ("2024-01/2024-11", "2024-11-30"), ("2021/2025", "2025-12-31"),
])
def test_period_end_of_iso_values(value, end):
    assert targets.period_end(value) == dt.date.fromisoformat(end)


@pytest.mark.parametrize("value", ["", "2024-13", "2024-Q5", "next year", "2024-02-30"])
def test_period_end_of_unreadable_values_is_none(value):
    assert targets.period_end(value) is None


def test_layout_sentences_clauses_and_headings():
    from lianhuan_extract.extractors.targets.context import Layout

    text = "二、2024年主要目标任务\n营业收入1,000亿元,利润50亿元。\n公布「资助计划」结果"
    layout = Layout(text)
    first = text.index("营业")
    assert text[slice(*layout.sentence(first))] == "营业收入1,000亿元,利润50亿元"
    assert text[slice(*layout.clause(first))] == "营业收入1,000亿元"
    assert layout.section(first) == "plan"
    # a headline that only names a plan leaves the section as it was
    assert layout.section(text.index("公布")) == "plan"
    assert all(c.word != "计划" for c in layout.cues)


def usd_range(surface, lo, hi):
    return (surface, "range", {"min": lo, "max": hi, "unit": "USD", "dimension": "currency"})


def test_an_outside_speaker_gets_no_subject_rather_than_the_main_org():
    text = "台积电日前于法说会表示,今年资本支出介于280亿至320亿美元。"
    [(span, f)] = run(text, [usd_range("280亿至320亿美元", 28e9, 32e9)], ref="2025-05-12", main_org="经济部")
    assert (span, f["metric"], f["comparator"], f["year"]) == ("资本支出介于280亿至320亿美元", "资本支出", "between", 2025)
    assert "subject" not in f


def test_a_speaker_with_a_title_speaks_for_the_main_org():
    text = "经济部统计处处长表示,今年将辅导3,000家中小企业。"
    [(span, f)] = run(text, [q("3,000家", 3000, "家")], ref="2025-05-12", main_org="经济部")
    assert f["subject"] == "经济部"
    text = "产业发展署署长表示,今年将辅导3,000家中小企业。"
    [(span, f)] = run(text, [q("3,000家", 3000, "家")], ref="2025-05-12", main_org="经济部")
    assert f["subject"] == "经济部"


def _cues_by_the_rule(text: str) -> list[tuple[int, int, str, str]]:
    """The cue words as the data file states the rule, one position at a time: at each position
    the kind listed first wins, with its longest word there; not-plan words and words next to a
    quoted name's closing mark are dropped."""
    from lianhuan_extract.extractors.targets.context import CUE_KINDS, words

    cue_words = words()["cues"]
    out, pos = [], 0
    while pos < len(text):
        found = next(((kind, w) for kind in CUE_KINDS
                      for w in sorted(cue_words[kind], key=len, reverse=True) if text.startswith(w, pos)), None)
        if found is None:
            pos += 1
            continue
        kind, w = found
        end = pos + len(w)
        named = (end < len(text) and text[end] in "」》”』】") or (pos > 0 and text[pos - 1] in "」》”』】")
        # 挑战 is a plan word only right before a number (挑战200亿元)
        loose = w in cue_words["number_only"] and not re.match(
            r"\s*(?:约|約|超过|超過|突破)?[\d一二三四五六七八九十两百千万亿]", text[end:])
        if kind != "not_plan" and not named and not loose:
            out.append((pos, end, kind, w))
        pos = end
    return out


def _cue_texts():
    from hypothesis import strategies as st
    from lianhuan_extract.extractors.targets.context import CUE_KINDS, words

    cue_words = words()["cues"]
    pieces = sorted({w for kind in CUE_KINDS for w in cue_words[kind]}) + list("年的会将要已」《,。中1")
    return st.lists(st.sampled_from(pieces), max_size=12).map("".join)


def test_layout_cues_follow_the_rule_of_the_word_lists():
    # the layout finds its cue words with one trie of the words that can win; on any text made of
    # cue words and their pieces it must find what the rule, applied position by position, finds
    from hypothesis import given, settings
    from lianhuan_extract.extractors.targets.context import Layout

    @settings(max_examples=400, deadline=None)
    @given(_cue_texts())
    def check(text):
        assert [tuple(c) for c in Layout(text).cues] == _cues_by_the_rule(text)

    check()


def _strip_trailing_by_the_rule(text: str, start: int, end: int) -> int:
    """strip_trailing as its word lists state the rule: take off marks, then the longest trailing
    word that ends there, and again until neither is left."""
    import regex
    from lianhuan_extract.extractors.targets.context import words

    word_char = regex.compile(r"[\p{Han}A-Za-z0-9)]")
    trailing = sorted(set(words()["metric"]["trailing"]) | set(words()["cues"]["plan"]), key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        while end > start and not word_char.match(text[end - 1]):
            end -= 1
            changed = True
        word = next((w for w in trailing if w and text.endswith(w, start, end)), None)
        if word:
            end -= len(word)
            changed = True
    return end


def test_strip_trailing_follows_the_rule_of_the_word_lists():
    # one backward match of a trie of the trailing words does what the rule does step by step
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from lianhuan_extract.extractors.targets import metric as targets_metric
    from lianhuan_extract.extractors.targets.context import words

    pieces = sorted(set(words()["metric"]["trailing"]) | set(words()["cues"]["plan"])) + list("收入的,. )(a1年")

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=10).map("".join), st.data())
    def check(text, data):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        assert targets_metric.strip_trailing(text, start, end) == _strip_trailing_by_the_rule(text, start, end)

    check()


def test_strip_trailing_of_a_metric():
    from lianhuan_extract.extractors.targets import metric as targets_metric

    text = "营业收入力争达到"
    assert text[:targets_metric.strip_trailing(text, 0, len(text))] == "营业收入"
