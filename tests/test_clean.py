"""Cleaning: pinyin glosses, boilerplate lines and doubled punctuation go; real text stays."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lianhuan_extract.pipeline import prepare


@pytest.mark.parametrize("original, cleaned", [
    ("質(zhì)量", "质量"),
    ("會(huì )議", "会议"),                      # a space inside the gloss
    ("質（zhì）量", "质量"),                     # full-width brackets
    ("聯(lián)環(huán)集團", "联环集团"),          # glosses on any character
    ("產(chǎn)業(yè)", "产业"),
    ("們(men)的(de)質(zhì)量", "们的质量"),       # toneless glosses beside toned ones
    ("質(zhì)量提升。聯(lián", "质量提升。联"),  # cut off by the end of the text
    ("質(zh", "质"),
])
def test_glosses_are_removed(original, cleaned):
    doc = prepare(original)
    assert doc.text == cleaned
    assert doc.counts["glosses"] == original.count("(") + original.count("（")


@pytest.mark.parametrize("original", [
    "地區生產總值(GDP)增長5%", "(擴大)", "股票代碼(600028)", "年報(2023)", "项目(long)", "计划(an)",
    "總值(GDP", "關於(擴大)內需",
])
def test_real_parentheticals_stay(original):
    doc = prepare(original)
    assert doc.counts["glosses"] == 0
    assert len(doc.text) == len(original)


def test_boilerplate_lines_go_with_their_line_break():
    original = "您搜索的關鍵詞為:\n聯環集團召開會議\r\n相关搜索：联环\r\n正文"
    doc = prepare(original)
    assert doc.text == "联环集团召开会议\r\n正文"
    assert doc.counts["boilerplate_lines"] == 2
    assert doc.original_span(0, 4) == "聯環集團"


def test_doubled_punctuation_keeps_the_last_mark():
    doc = prepare("420億元,,資產負債率,。會議")
    assert doc.text == "420亿元,资产负债率。会议"
    assert doc.counts["punctuation"] == 2


def test_meta_reports_the_cleaning_and_the_script():
    from lianhuan_extract import extract

    meta = extract("您搜索的關鍵詞為:\n聯(lián)環(huán)集團,,質(zhì)量")["meta"]
    assert (meta["glosses_removed"], meta["boilerplate_lines_removed"], meta["punctuation_removed"]) == (3, 1, 1)
    assert meta["script"] == "traditional"
    assert extract("联环集团质量")["meta"]["script"] == "simplified"
    assert extract("联环集团質量發展報告")["meta"]["script"] == "mixed"
    assert extract("Tel 123")["meta"]["script"] == "none"


def test_hostile_input_is_cleaned_in_linear_time():
    cases = {
        "質(" * 10000: 0,                      # an empty bracket is no gloss, even at the end
        "質(zhì)" * 4000: 4000,
        "質(zh ì" * 4000: 0,
        " " * 20000 + "您搜索的關鍵詞為:": 0,
        ",," * 10000: 0,
        "\x00" * 20000: 0,
    }
    for text, glosses in cases.items():
        doc = prepare(text)
        assert doc.counts["glosses"] == glosses, text[:20]
        for i in (0, len(doc.text) // 2, len(doc.text) - 1):
            if doc.text:
                start, end = doc.to_original(i, i + 1)
                assert end > start


# what the gloss pattern was on the `regex` module, with \s and a lookbehind for \p{Han}
def _regex_gloss():
    import regex

    from lianhuan_extract.text.clean import _PINYIN_LETTERS as L

    return regex.compile(r"(?<=\p{Han})[(（]\s{0,3}([" + L + r"]{1,7}(?:\s{1,3}[" + L + r"]{1,7})?)\s{0,3}(?:([)）])|\Z)",
                         regex.V1)


_GLOSSY = st.lists(st.sampled_from(["質", "会", "〇", "㐀", "豈", "𠀀", "가", "か", "A", "(", "（", ")", "）", " ", "\t",
                                     "\u3000", "\x1c", "\xa0", "\u2028", "zhì", "men", "de", "zh", "ì", "uān", "abcdefgh",
                                     "質(zhì)", "会（ huì ）", "們(men)", "가(de)", "A(zhì)", "〇(líng", "𠀀( a\x1cb )"]),
                    max_size=12).map("".join)


@given(_GLOSSY)
def test_the_gloss_pattern_on_re_finds_what_it_found_on_regex(text):
    from lianhuan_extract.text import clean

    expected = [(m.span(), m.group(1, 2)) for m in _regex_gloss().finditer(text)]
    found = [(m.span(), m.group(1, 4)) for m in clean._GLOSS.finditer(text) if clean._after_han(text, m.start())]
    assert found == expected


def test_white_space_and_han_are_what_regex_means_by_them():
    import re

    import regex

    from lianhuan_extract.text.clean import _WHITE_SPACE, _after_han

    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    assert re.findall(_WHITE_SPACE, every) == regex.findall(r"\s", every, regex.V1)
    assert regex.fullmatch(r"\p{Han}+", "".join(map(chr, range(0x4E00, 0x9FF0))))  # the fast range
    assert not regex.search(r"\p{Han}", every[:0x2E80])  # what the gloss pattern's lookbehind skips
    assert [_after_han(c + "(", 1) for c in "質〇㐀豈𠀀가かA("] == [True] * 5 + [False] * 4
    assert not _after_han("(zhì)", 0)
