"""Normalising: traditional to simplified, full-width to half-width, with offsets unmoved."""
from __future__ import annotations

from lianhuan_extract.pipeline import prepare


def test_traditional_becomes_simplified_and_fullwidth_half():
    original = "營業收入１２０億元，增長１５％（同比）﹒ＡＢＣ：～"
    doc = prepare(original)
    assert doc.text == "营业收入120亿元,增长15%(同比).ABC:~"
    assert len(doc.text) == len(original)
    assert doc.original_span(4, 7) == "１２０"


def test_decimal_points():
    assert prepare("2156﹒91億元").text == "2156.91亿元"
    assert prepare("3．5萬").text == "3.5万"


def test_chinese_punctuation_stays():
    assert prepare("“联环”《报告》、年报。").text == "“联环”《报告》、年报。"


def test_offsets_stay_exact_through_every_stage():
    original = "您搜索的關鍵詞為:\r\n聯(lián)環(huán)集團電話：０５１４－８９９９３１００,,傳真"
    doc = prepare(original)
    assert doc.text == "联环集团电话:0514-89993100,传真"
    start = doc.text.index("0514")
    assert doc.original_span(start, start + 13) == "０５１４－８９９９３１００"
    assert doc.original_span(0, 4) == "聯(lián)環(huán)集團"


def test_line_endings_are_kept():
    assert prepare("第一行\r\n第二行\r第三行\n").text == "第一行\r\n第二行\r第三行\n"


def test_script_of_a_text():
    from lianhuan_extract.text.normalise import detect_script

    assert detect_script("联环集团发展") == "simplified"
    assert detect_script("聯環集團發展") == "traditional"
    assert detect_script("联环集团發展") == "mixed"
    # one stray character of the other script in a long text does not make it mixed
    assert detect_script("聯環集團發展藥業医") == "traditional"
    assert detect_script("〇") == "simplified"  # Han, but in neither script's list
    assert detect_script("ABC 123") == "none"
    assert detect_script("") == "none"


def test_script_lists_hold_han_characters_only():
    # script_counts counts them over the whole text, trusting that no other character is listed
    import regex

    from lianhuan_extract.text.normalise import _script_sets

    traditional_only, simplified_only = _script_sets()
    assert traditional_only and simplified_only
    assert all(regex.fullmatch(r"\p{Han}", c) for c in traditional_only | simplified_only)


def test_halfwidth_counts_what_it_changes():
    from lianhuan_extract.text.normalise import halfwidth_counted

    assert halfwidth_counted("增长１５％，〜\u3000ok") == ("增长15%,~ ok", 6)
    assert halfwidth_counted("没有全角") == ("没有全角", 0)


def test_a_phrase_without_a_traditional_character_changes_only_on_a_line_that_has_one():
    # 反覆 is a t2s phrase (反复) made of characters both scripts use: converted on a line that
    # holds a traditional character (討論), left alone on a simplified line, whatever the break
    doc = prepare("反覆討論\n反覆讨论")
    assert doc.text == "反复讨论\n反覆讨论"
    assert doc.stages == [("t2s", None, 3)]  # 覆, 討, 論
    doc = prepare("反覆讨论\u2028反覆討論\r\n\r\n一目瞭然。")
    assert doc.text == "反覆讨论\u2028反复讨论\r\n\r\n一目瞭然。"
    assert doc.script == "mixed"


def test_characters_beyond_the_basic_plane_are_converted_too():
    # 𠁞 (U+2005E) becomes 𠀾 (U+2003E): the fast table covers U+0000-FFFF only
    doc = prepare("𠁞發展")
    assert doc.text == "𠀾发展"
    assert doc.stages == [("t2s", None, 2)]


def test_script_counts_count_each_character_once_and_both_scripts_apart():
    from lianhuan_extract.text.normalise import script_counts

    assert script_counts("聯環集團發展藥業医") == (6, 1)
    assert script_counts("联环\n集团 ABC") == (0, 3)  # 集 is the same in both
    assert script_counts("") == (0, 0)


def test_t2s_by_runs_of_lines_is_t2s_line_by_line():
    from lianhuan_extract.text.normalise import _t2s, _t2s_by_line

    text = "反覆討論\n反覆讨论\r\n\r\n乾隆年間天氣乾燥\u2028联环\x1c聯環集團"
    # 覆討論, then 間氣 and the second 乾 (乾隆年間 is a phrase), then 聯環團: 9 characters
    expected = ("反复讨论\n反覆讨论\r\n\r\n乾隆年间天气干燥\u2028联环\x1c联环集团", 9)
    assert _t2s(text) == expected
    assert _t2s_by_line(text) == expected
