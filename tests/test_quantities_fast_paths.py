"""The shortcuts the quantities extractor takes for speed agree with what they stand in for.

Each fast path (a dictionary look-up of units, a character check before a regex search, a
per-character mask of taken spans) is compared with the slower definition on generated text made
of the characters that matter, so a word list edit that breaks a shortcut fails here.
"""
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lianhuan_extract.extractors import quantities
from lianhuan_extract.numbers import to_python_number

LEX = quantities.lexicon()


def _text_over(alphabet: str, max_size: int = 30):
    return st.text(alphabet=st.sampled_from(sorted(set(alphabet))), max_size=max_size)


UNIT_CHARS = "".join(LEX.units) + " \t数字"
COMPARATOR_CHARS = "".join(LEX.before) + "".join(LEX.fillers) + " \t增长的12"


@settings(max_examples=300, deadline=None)
@given(_text_over(UNIT_CHARS))
def test_unit_at_reads_what_unit_re_reads(text):
    for pos in range(len(text) + 1):
        m = LEX.unit_re.match(text, pos)
        expected = (m.group().replace(" ", "").replace("\t", ""), m.end()) if m else None
        assert LEX.unit_at(text, pos) == expected


def test_unit_at_spaced_and_longest():
    assert LEX.unit_at("3千瓦 时", 1) == ("千瓦时", 5)
    assert LEX.unit_at("3千瓦时", 1) == ("千瓦时", 4)
    assert LEX.unit_at("3千瓦", 1) == ("千瓦", 3)
    assert LEX.unit_at("3百 分 点", 1) == ("百分点", 6)
    assert LEX.unit_at("3", 1) is None


@settings(max_examples=300, deadline=None)
@given(_text_over(COMPARATOR_CHARS))
def test_comparator_search_is_skipped_only_where_it_finds_nothing(text):
    for q in range(1, len(text) + 1):
        if text[q - 1] in " \t":
            continue  # _comparators strips the blanks before the amount first
        if LEX.before_re.search(text, max(0, q - 24), q):
            assert quantities._may_end_comparator(text, q, text[q - 1])


@settings(max_examples=300, deadline=None)
@given(_text_over("负負-− \t\n百佰分之一二三12"))
def test_sign_and_percent_searches_are_skipped_only_where_they_find_nothing(text):
    for start in range(1, len(text) + 1):
        if LEX.sign_re.search(text, max(0, start - 3), start):
            assert text[start - 1] in LEX.sign_ends
        if LEX.percent_prefix_re.search(text, max(0, start - 12), start):
            assert text[start - 1] in LEX.percent_prefix_ends


@settings(max_examples=1000, deadline=None)
@given(_text_over(COMPARATOR_CHARS + "达到至少有可获得", 40))
def test_comparator_words_looked_up_as_before_re_finds_them(text):
    # _word_before reads the words as plain strings where no blank is near: it must name the start
    # and the word before_re finds, fillers and overlapping words (达到, 到) included
    for q in range(1, len(text) + 1):
        if text[q - 1] in " \t":
            continue
        m = LEX.before_re.search(text, max(0, q - 24), q)
        expected = (m.start(), m.group("word").replace(" ", "").replace("\t", "")) if m else None
        assert quantities._word_before(text, q, LEX) == expected, (text, q)


def test_comparator_words_by_hand():
    assert quantities._word_before("收入超过了50", 5, LEX) == (2, "超过")
    assert quantities._word_before("不超过5", 3, LEX) == (0, "不超过")
    assert quantities._word_before("x 超过 5", 4, LEX) == (2, "超过")  # blanks: the regex reads it
    assert quantities._word_before("增长5", 2, LEX) is None


def test_comparator_words_tie_goes_to_the_longer_word():
    # made-up lists where two fillers (ab, b) end at the same place and the words before them
    # (X, Xa) start together: the regex takes the longer word first, and so must the look-up
    import regex
    from types import SimpleNamespace

    before, fillers = {"X": ">", "Xa": "<"}, ["ab", "b"]
    spaced = lambda words: "|".join(r"[ \t]{0,2}".join(regex.escape(c) for c in w)
                                    for w in sorted(words, key=len, reverse=True))
    lex = SimpleNamespace(before=before, fillers=fillers, before_re=regex.compile(
        rf"(?P<word>{spaced(before)})[ \t]{{0,3}}(?:(?:{spaced(fillers)})[ \t]{{0,3}})?\Z"))
    m = lex.before_re.search("zXab", 0, 4)
    assert (m.start(), m.group("word")) == (1, "Xa")
    assert quantities._word_before("zXab", 4, lex) == (1, "Xa")


def test_numeral_characters_from_the_table_are_what_make_amount_makes():
    # find_amounts reads a lone numeral character from a table made once: field for field, the
    # amount must be the one _make_amount makes (and none where it makes none)
    for c in sorted(set(LEX.cn_chars) | set("0123456789")):
        made = quantities._make_amount(c, 0, 1)
        found = quantities.find_amounts(c, quantities.Spans([], 1))
        if LEX.unit_at(c, 0):
            continue  # a unit on its own (兆 as in 兆瓦 is not one, but the rule is find_amounts')
        assert found == ([made] if made is not None else []), c


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=1, max_size=40))
def test_digit_runs_are_what_make_amount_makes(digits):
    found = quantities.find_amounts(digits, quantities.Spans([], len(digits)))
    assert found == [quantities._make_amount(digits, 0, len(digits))]


def test_lone_numerals_by_hand():
    [one] = quantities.find_amounts("一", quantities.Spans([], 1))
    assert (one.value, one.chinese, one.has_big, one.base, one.magnitude) == (1, True, False, 1, 1)
    [yi] = quantities.find_amounts("亿", quantities.Spans([], 1))
    assert (yi.value, yi.has_big, yi.base, yi.magnitude) == (10**8, True, None, None)  # split when asked
    # a number reads at most 400 characters: a longer run keeps the 400 that read (up to 8 given back)
    [long] = quantities.find_amounts("1" * 401, quantities.Spans([], 401))
    assert (long.start, long.end) == (0, 400)
    assert quantities.find_amounts("1" * 4000, quantities.Spans([], 4000)) == []


def _overlaps_by_intervals(spans, start, end):
    return any(s < end and start < e for s, e in spans if e > s)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=5),
       st.integers(0, 19), st.integers(1, 5))
def test_spans_overlap_like_intervals(spans, start, length):
    end = min(start + length, 20)
    assert quantities.Spans(spans, 20).overlaps(start, end) == _overlaps_by_intervals(spans, start, end)


def test_spans_empty_query_is_inside_one_run():
    spans = quantities.Spans([(2, 5), (5, 7), (9, 10)], 12)
    assert spans.overlaps(4, 4)       # inside 2..7 (touching spans make one run)
    assert spans.overlaps(5, 5)
    assert not spans.overlaps(2, 2)   # at the edge of the run
    assert not spans.overlaps(7, 7)
    assert not spans.overlaps(9, 9)
    assert not quantities.Spans([], 12).overlaps(0, 5)


@pytest.mark.parametrize("value, expected", [
    (Fraction(3), 3), (Fraction(-4), -4), (Fraction(5, 2), 2.5), (Fraction(1, 3), 1 / 3),
    (Fraction(14 * 10 ** 11), 1400000000000), (7, 7),
])
def test_to_python_number(value, expected):
    result = to_python_number(value)
    assert result == expected and type(result) is type(expected)


class _Everything:
    """A set that holds every character: with it, a first-character shortcut never skips."""

    def __contains__(self, item):
        return True


MONEY_TAIL_CHARS = "".join(LEX.currency_after_yuan) + "整正又零一二三四五六七八九0123456789角分毛钱块元半个個 \t的"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["5元", "三块", "100美元", "二十元", "8港元", "3个", "五個"]), _text_over(MONEY_TAIL_CHARS, 8))
def test_money_and_cantonese_shortcuts_skip_only_where_nothing_is_read(amount, tail):
    text = amount + tail

    def readings():
        found = quantities.find_amounts(text, quantities.Spans([], len(text)))
        out = []
        for a in found:
            r = quantities.read_reading(text, a, "simplified")
            out.append(None if r is None else (r.start, r.end, r.value, r.unit, r.rule, r.comparator))
        return out

    fast = readings()
    saved = LEX.money_after_starts, quantities._CANTONESE_TAIL_STARTS
    LEX.money_after_starts, quantities._CANTONESE_TAIL_STARTS = _Everything(), _Everything()
    try:
        assert readings() == fast
    finally:
        LEX.money_after_starts, quantities._CANTONESE_TAIL_STARTS = saved


RANGE_GAP_CHARS = "".join(LEX.connectors) + "".join(LEX.pair_joiners) + "(含) \t五六角分零0123456789元块万%的"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["5元", "三块", "15", "20%", "五元六角", "1万元"]), _text_over(RANGE_GAP_CHARS, 10))
def test_range_give_up_skips_only_where_no_range_follows(amount, tail):
    text = amount + tail

    def ranges():
        found = quantities.find_amounts(text, quantities.Spans([], len(text)))
        out = []
        for i in range(len(found)):
            got = quantities._range_from(text, found, i, "simplified")
            out.append(None if got is None else (got[0].start, got[0].end, got[0].fields, got[1]))
        return out

    fast = ranges()
    saved = quantities._RANGE_GAP_STARTS
    quantities._RANGE_GAP_STARTS = _Everything()
    try:
        assert ranges() == fast
    finally:
        quantities._RANGE_GAP_STARTS = saved
