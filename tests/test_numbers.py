"""parse_number: exact values, errors, and a property test over generated numbers."""
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lianhuan_extract import parse_number
from lianhuan_extract.numbers import parse_number_exact

DIGITS = "零一二三四五六七八九"
FINANCIAL = "零壹贰叁肆伍陆柒捌玖"


def to_chinese(n: int, digits: str = DIGITS, small: str = "十百千", big: str = "万亿") -> str:
    """A plain rendering of 0 <= n < 10**12 (written independently of the parser)."""
    if n == 0:
        return digits[0]
    groups = [(n // 10 ** (4 * i)) % 10000 for i in range(3)]
    out = ""
    need_zero = False
    for index in (2, 1, 0):
        g = groups[index]
        if g == 0:
            if out:
                need_zero = True
            continue
        if out and (need_zero or g < 1000):
            out += digits[0]
        need_zero = False
        places = [(g // 1000) % 10, (g // 100) % 10, (g // 10) % 10, g % 10]
        part, gap = "", False
        for p, d in enumerate(places):
            unit = ("千", "百", "十", "")[p]
            unit = {"千": small[2], "百": small[1], "十": small[0], "": ""}[unit]
            if d == 0:
                gap = bool(part)
                continue
            if gap:
                part += digits[0]
                gap = False
            part += digits[d] + unit
        out += part + ("", big[0], big[1])[index]
    return out


def test_to_chinese_helper_by_hand():
    assert to_chinese(10010) == "一万零一十"
    assert to_chinese(305000000) == "三亿零五百万"
    assert to_chinese(1482) == "一千四百八十二"


@pytest.mark.parametrize("text,value", [
    ("1.4萬億", 1400000000000),
    ("3亿", 300000000),
    ("1,482萬8仟", 14828000),
    ("11億2,500萬", 1125000000),
    ("百分之七十八点九", 78.9),  # percent, as extract reports it (78.9 %)
    ("一百分之七十八点九", 0.789),  # a fraction: the numerator 一 before 百
    ("三分之一", 1 / 3),
])
def test_values(text, value):
    assert parse_number(text) == value


def test_whole_numbers_stay_int_and_exact():
    got = parse_number("1.4萬億")
    assert type(got) is int and got == 1_400_000_000_000
    assert parse_number_exact("0.1万") == Fraction(1000)
    assert type(parse_number("2.5")) is float


@pytest.mark.parametrize("text", ["3亿元", "一二百", "百十一", "十一十二", "", "负", "零点"])
def test_not_one_number(text):
    with pytest.raises(ValueError, match=r"^not a number: "):
        parse_number(text)


def test_non_string_is_a_value_error():
    with pytest.raises(ValueError):
        parse_number(None)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10 ** 12 - 1))
def test_generated_integers_in_every_form(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == n
    assert parse_number(to_chinese(n)) == n
    assert parse_number(to_chinese(n, FINANCIAL, "拾佰仟", "萬億")) == n
    assert parse_number("-" + str(n)) == -n
    assert parse_number("负" + to_chinese(n)) == -n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99999), st.integers(min_value=0, max_value=99),
       st.sampled_from([("万", 10 ** 4), ("萬", 10 ** 4), ("亿", 10 ** 8), ("億", 10 ** 8), ("万亿", 10 ** 12)]))
def test_generated_mixed_forms(whole, cents, magnitude):
    word, factor = magnitude
    text = f"{whole}.{cents:02d}{word}"
    expected = Fraction(whole * 100 + cents, 100) * factor
    assert parse_number_exact(text) == expected
    assert parse_number(f"{whole}{word}") == whole * factor
    assert parse_number(f"{to_chinese(whole)}{word}") == whole * factor


def _general_or_error(text):
    from lianhuan_extract.numbers import _parse_general

    try:
        return _parse_general(text)
    except ValueError:
        return "error"


@settings(max_examples=3000)
@given(st.text(alphabet="0123456789,.万亿", max_size=14))
def test_the_plain_digit_reader_agrees_with_the_general_one(text):
    # the fast path for ASCII digits (commas, decimals, 万/亿) must read what the general reader reads
    try:
        fast = parse_number_exact(text)
    except ValueError:
        fast = "error"
    assert fast == _general_or_error(text)


def test_plain_digits_by_hand():
    assert parse_number_exact("1,500亿") == 150_000_000_000
    assert parse_number_exact("285.31亿") == 28_531_000_000
    assert parse_number_exact("1,234.5万") == 12_345_000
    assert parse_number_exact("0.50") == Fraction(1, 2)
    assert parse_number_exact("1万亿") == 10**12
    with pytest.raises(ValueError):
        parse_number_exact("1" * 401)  # too long, as for any other number


def test_single_characters_read_as_the_general_reader_reads_them():
    # the table of one-character numerals is a shortcut: every character of the numeral tables
    # (and a few that are not numerals) must give what the general reader gives, errors included
    from lianhuan_extract.numbers import tables

    t = tables()
    chars = set(t.fold) | set(t.expand) | set(t.digits) | set(t.small_units) | set(t.big_units) \
        | t.vague_digit | t.vague_more | set("点點分之又半打对 a0-.")
    for c in chars:
        if len(c) != 1:
            continue
        try:
            fast = parse_number_exact(c)
        except ValueError:
            fast = "error"
        assert fast == _general_or_error(c), c


@settings(max_examples=3000)
@given(st.text(alphabet="零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万亿兆几余多0123456789,.",
               min_size=1, max_size=10))
def test_the_chinese_digit_reader_agrees_with_the_general_one(text):
    # the shortcut for runs of Chinese digits and units (三百二十六亿) skips the general reader's
    # folding and sign, point and fraction steps: it must read what the general reader reads
    try:
        fast = parse_number_exact(text)
    except ValueError as e:
        fast = str(e)
    try:
        from lianhuan_extract.numbers import _parse_general
        general = _parse_general(text)
    except ValueError as e:
        general = str(e)
    assert fast == general


def test_chinese_digit_runs_by_hand():
    assert parse_number_exact("三百二十六亿") == 32_600_000_000
    assert parse_number_exact("百亿") == 10**10
    assert parse_number_exact("一七二零") == 1720
    assert parse_number_exact("9亿8,650万") == 986_500_000
    with pytest.raises(ValueError, match="not a number: '十四五'"):
        parse_number_exact("十四五")  # two numbers in a row
    with pytest.raises(ValueError):
        parse_number_exact("一" * 401)  # too long, as for any other number


def test_single_characters_by_hand():
    assert parse_number_exact("一") == 1
    assert parse_number_exact("两") == 2
    assert parse_number_exact("廿") == 20
    assert parse_number_exact("亿") == 10**8
    assert parse_number_exact("萬") == 10_000
    with pytest.raises(ValueError):
        parse_number_exact("点")


@pytest.mark.parametrize("text, value", [
    ("一万五千", 15000), ("三万五", 35000), ("百二万", 1_200_000), ("一百二", 120),
    ("9亿8,650万", 986_500_000), ("8,426.5百万", 8_426_500_000), ("1.5万", 15000), ("十四", 14),
])
def test_chinese_sums_come_back_as_exact_fractions(text, value):
    # the general reader sums on ints inside; what it hands back is still a Fraction
    result = parse_number_exact(text)
    assert type(result) is Fraction and result == value


def test_full_width_forms_are_read_as_the_normaliser_reads_them():
    # the same half-width table as the pipeline's, small full stop included
    assert parse_number("３﹒５") == 3.5
    assert parse_number("１，２００") == 1200
