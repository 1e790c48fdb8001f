"""The shortcuts the targets extractor takes for speed agree with what they stand in for.

Each fast path (str.find instead of a trie compiled for each document) is compared with the
slower definition on generated text made of the characters that matter, and on a few written
cases checked by hand.
"""
import re

import regex

from hypothesis import given, settings
from hypothesis import strategies as st

from lianhuan_extract.extractors.targets import actors, metric
from lianhuan_extract.extractors.targets import rules
from lianhuan_extract.segmenter.wordtrie import trie_pattern


def _text_over(alphabet: str, max_size: int = 40):
    return st.text(alphabet=st.sampled_from(sorted(set(alphabet))), max_size=max_size)


WORDS = ["安徽", "安徽省", "合肥", "合肥市", "徽省", "省合"]


@settings(max_examples=400, deadline=None)
@given(_text_over("安徽省合肥市长", 30), st.sets(st.sampled_from(WORDS), min_size=1))
def test_longest_first_is_the_trie_scan(text, words):
    expected = [m.span() for m in re.finditer(trie_pattern(words), text)]
    assert actors._longest_first(text, words) == expected


def test_longest_first_written_and_past_the_find_limit():
    assert actors._longest_first("安徽省合肥市", ["安徽", "安徽省", "省合"]) == [(0, 3)]
    many = [f"第{i}号" for i in range(actors.FIND_EACH_UP_TO + 5)]
    assert actors._longest_first("第1号第12号", many) == [(0, 3), (3, 7)]


def test_the_common_block_is_all_han_as_the_regex_module_sees_it():
    han = regex.compile(r"\p{Han}")
    first, last = ord(actors.COMMON_HAN_FIRST), ord(actors.COMMON_HAN_LAST)
    assert all(han.match(chr(c)) for c in range(first, last + 1))


NEW_PLACE_CHARS = "绵江市县,。 2政府将全要大超"


@settings(max_examples=400, deadline=None)
@given(_text_over(NEW_PLACE_CHARS))
def test_new_places_are_the_whole_text_scan(text):
    assert [m.span() for m in actors._new_places(text)] == [m.span() for m in actors._NEW_PLACE.finditer(text)]


def test_new_places_written():
    text = "绵江市2026年目标,全市将…;该县将,江城县政府"
    assert [m.group(1) for m in actors._new_places(text)] == ["绵江市", "江城县"]


def _trailing_sample() -> str:
    found, _ = metric._trailing_words()
    chars = set("".join(sorted(found)[:40])) | set("营业收入,。、 ()）a1%")
    return "".join(sorted(chars))


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_strip_trailing_is_the_backward_regex(data):
    text = data.draw(_text_over(_trailing_sample(), 16))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert metric.strip_trailing(text, start, end) == metric._trailing_run().match(text, start, end).start()


def test_strip_trailing_written():
    text = "研发投入预计将超过"
    assert metric.strip_trailing(text, 0, len(text)) == 4  # 研发投入
    assert metric.strip_trailing("营业收入)", 0, 5) == 5  # a closing bracket ends the name
    assert metric.strip_trailing("营业收入 ,", 0, 6) == 4


@settings(max_examples=300, deadline=None)
@given(_text_over("增长加减減年季月提高下降幅", 4))
def test_change_words_are_the_change_pattern_read_whole(text):
    assert rules._is_change_only(text) == bool(rules._CHANGE_ONLY.fullmatch(text))


def test_marks_outside_the_common_block():
    assert metric._is_mark("，") and metric._is_mark("%") and not metric._is_mark("A")
    assert not metric._is_mark("\u3400")  # an extension A character is Chinese too


@settings(max_examples=400, deadline=None)
@given(_text_over("分别高低于於快慢好超出较較比相与與增加减少营收 ", 8))
def test_openers_start_with_their_first_characters(text):
    if rules._COMPARISON_OPENER.match(text):
        assert text[0] in rules._COMPARISON_FIRST
    if rules._BASE_OPENER.match(text):
        assert text[0] in rules._BASE_FIRST


def test_every_opener_word_starts_with_a_listed_character():
    assert rules._COMPARISON_OPENER.match("分别高于") and rules._COMPARISON_OPENER.match("超出")
    assert set(rules._COMPARISON_FIRST) == {"分", "高", "低", "快", "慢", "好", "超"}
    assert all(rules._BASE_OPENER.fullmatch(w) for w in ["较", "較", "比", "相比", "相较", "相較", "与", "與"])


def _in_short_quote_by_the_last_mark(text, start, end, limit=rules.SHORT_QUOTE):
    """The definition: the last quote mark (or full stop) before the number opens a short quote."""
    mark = rules._LAST_QUOTE_MARK.search(text, max(0, start - limit + 1), start)
    if mark is None:
        return False
    i = mark.start()
    closer = rules._QUOTE_PAIRS.get(text[i])
    if closer is None:
        return False
    j = text.find(closer, end, end + limit)
    return j >= 0 and j - i <= limit and all(c not in text[end:j] for c in rules._QUOTE_PAIRS)


@settings(max_examples=400, deadline=None)
@given(_text_over("“”「」『』。\n双百工程一最后公里", 30), st.integers(0, 30), st.integers(1, 3))
def test_in_short_quote_is_its_definition(text, start, size):
    start = min(start, len(text))
    end = min(len(text), start + size)
    for limit in (rules.SHORT_QUOTE, rules.SLOGAN):
        assert rules._in_short_quote(text, start, end, limit) == _in_short_quote_by_the_last_mark(text, start, end, limit)


def test_in_short_quote_written():
    assert rules._in_short_quote("打通“最后一公里”", 5, 6)
    assert not rules._in_short_quote("全年新增一公里", 4, 5)


def test_result_openers_start_with_a_listed_character():
    words = rules._RESULT_OPENER.pattern.split("|")
    assert {w[0] for w in words} == set(rules._RESULT_FIRST)
    # and the check still reads a clause that opens with one (营业收入186.4亿元,同比增长9.7%)
    assert rules._RESULT_OPENER.match("营业收入186.4亿元,同比增长9.7%", 12)


def _cut_first(text: str, count: int):
    import itertools

    from lianhuan_extract.segmenter.segment import pos_tokenizer
    return list(itertools.islice(pos_tokenizer().cut(text), count))


@settings(max_examples=400, deadline=None)
@given(_text_over("实施方案编制完成全市新能源汽车保有量达到鄱阳湖畔建湿地公园率x1.5", 60), st.integers(1, 3))
def test_first_words_from_a_prefix_route_are_the_cut(text, count):
    assert metric.first_words(text, count) == _cut_first(text, count)


def test_first_words_from_a_prefix_route_written():
    # longer than the phrases routed whole, so the prefix's route is read
    assert metric.first_words("实施方案编制完成率达到百分之百", 2) == [("实施方案", "n"), ("编制", "v")]
    assert metric.first_words("全市新能源汽车保有量达到", 3) == [("全市", "n"), ("新能源", "n"), ("汽车", "n")]
    # a short phrase, routed whole and read here
    assert metric.first_words("可再改善渠道", 1) == [("可", "v")]
    # an unknown run at the head (the HMM reads it) and a phrase with a mark (the whole cut)
    for text in ("鄱阳湖畔新建湿地公园", "全市(含县区)新能源汽车"):
        assert metric.first_words(text, 2) == _cut_first(text, 2)


def test_layout_looks_for_cues_on_the_lines_of_its_numbers_only():
    from lianhuan_extract.extractors.targets.context import Layout

    text = "今年计划新建学校3所。\n去年已完成改造。\n力争明年达到\n5个\n预计增长"
    everywhere = [tuple(c) for c in Layout(text).cues]
    assert [c[3] for c in everywhere] == ["计划", "去年", "已", "力争", "预计"]
    # a number on the first line and one running over two lines: the second line and the last
    # hold none, so their cue words (去年, 已, 预计) are not looked for
    lines = Layout(text, [(8, 10), (text.index("达到"), text.index("个"))])
    assert [tuple(c) for c in lines.cues] == [c for c in everywhere if c[3] in ("计划", "力争")]
    assert lines._number_lines() == [(0, 11), (text.index("力争"), text.index("个") + 1)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=8),
       st.integers(0, 50), st.integers(0, 20))
def test_hints_any_across_is_any_overlap(spans, start, size):
    spans = [(s, s + n) for s, n in spans]
    end = start + size
    expected = any(s < end and e > start for s, e in spans)
    assert rules.Hints(spans).any_across(start, end) == expected


def test_hints_any_across_written():
    hints = rules.Hints([(10, 12), (2, 30), (40, 41)])
    assert hints.any_across(29, 35)  # the long span that starts first reaches past 29
    assert not hints.any_across(30, 40) and hints.any_across(30, 41)
    assert not rules.Hints([]).any_across(0, 100)


# -- scans by str.find instead of a class tried at every position -----------------------------

@settings(max_examples=400, deadline=None)
@given(_text_over("。!?！？\n,;:、，；：\r省市县区州旗年x", 30))
def test_ends_of_is_the_class_scan(text):
    from lianhuan_extract.extractors.targets import context

    for chars in (context.SENTENCE_END, context.CLAUSE_END, actors.PLACE_END_CHARS):
        expected = [m.end() for m in re.finditer("[" + re.escape(chars) + "]", text)]
        assert context.ends_of(text, chars) == expected


def test_ends_of_written():
    from lianhuan_extract.extractors.targets.context import ends_of

    assert ends_of("甲。乙!\n", "。!?\n") == [2, 4, 5]
    assert ends_of("", "。") == [] and ends_of("无标点", "。,") == []


@settings(max_examples=400, deadline=None)
@given(_text_over("滨江经济技术开发区新望城高会都在区,", 40))
def test_zones_are_the_whole_text_scan(text):
    assert [m.span() for m in actors._zones(text)] == [m.span() for m in actors._ZONE.finditer(text)]


def test_zones_written():
    # (a name needs two characters before 新区: ,和新区 holds none)
    text = "在滨江经济开发区,望城经开区和平新区,和新区"
    assert [m.group() for m in actors._zones(text)] == ["在滨江经济开发区", "望城经开区", "和平新区"]


@settings(max_examples=500, deadline=None)
@given(_text_over("今明本年度内內x", 16))
def test_forecast_years_are_the_pattern_scan(text):
    assert rules.forecast_years(text) == [m.span() for m in rules._FORECAST_YEAR.finditer(text)]


def test_forecast_years_written():
    # 今年内: 今年 comes first, and 年内 overlaps it; 本年 without 度 is none, its 年内 is one
    assert rules.forecast_years("今年内明年本年内本年度") == [(0, 2), (3, 5), (6, 8), (8, 11)]


def test_a_period_ends_before_the_reference_date_as_its_last_day_does():
    import datetime as dt

    from lianhuan_extract.extractors.targets.periods import ends_before, period_end

    values = ["0000", "2023", "2024", "2025", "2024-01", "2024-06", "2024-13", "2024-00", "2024-Q1",
              "2024-Q2", "2024-Q3", "2024-H1", "2024-H2", "2024-06-14", "2024-06-15", "2024-02-30",
              "2023-01/2024-05", "2024/2026", "x", ""]
    for ref in (dt.date(2024, 6, 15), dt.date(2024, 1, 1), dt.date(2025, 1, 1)):
        for value in values:
            end = period_end(value)
            assert ends_before(value, ref) == (end is not None and end < ref), (value, ref)
    ref = dt.date(2024, 6, 15)
    assert ends_before("2024-05", ref) and ends_before("2024-Q1", ref) and ends_before("2024-06-14", ref)
    assert not ends_before("2024-06", ref) and not ends_before("2024-H1", ref)  # they end on 6-30
    assert not ends_before("2024-13", ref) and not ends_before("0000", ref)  # no end


def test_no_skipped_element_starts_at_a_common_character_outside_the_list():
    # the time words and list markers _SKIPPED takes off the head of a metric start with one of
    # SKIPPED_HAN_FIRST, a mark, a digit or a bracket; any other common Chinese character stops it
    tails = ["", "年", "季度", "半年", "2025年", "是", "、", "年内", "来3年", "后2年", "0年度", "一是"]
    for code in range(ord("\u4e00"), ord("\u9fff") + 1):
        char = chr(code)
        if char not in metric.SKIPPED_HAN_FIRST:
            assert all(metric._SKIPPED.match(char + tail).end() == 0 for tail in tails), char
    assert metric._SKIPPED.match("今年营业收入").end() == 2 and metric._SKIPPED.match("其一,营收").end() == 3


@settings(max_examples=400, deadline=None)
@given(_text_over("力争确保预计将营业收入在全市新增", 12))
def test_may_lead_is_the_leading_word_trie(text):
    assert metric._may_lead(text, 0, len(text)) == (metric._leading_word().match(text, 0, len(text)) is not None)


@settings(max_examples=300, deadline=None)
@given(_text_over("安徽省合肥市长\n", 30), st.sets(st.sampled_from(WORDS), min_size=1), st.data())
def test_longest_first_in_a_stretch_is_the_bounded_trie_scan(text, words, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = [m.span() for m in re.compile(trie_pattern(words)).finditer(text, start, end)]
    assert actors._longest_first(text, words, start, end) == expected
