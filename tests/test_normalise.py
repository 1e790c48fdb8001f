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
