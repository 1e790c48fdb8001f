"""fast_t2s gives what opencc-python-reimplemented gives, character for character."""
from __future__ import annotations

from pathlib import Path

import opencc
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lianhuan_extract.text import fast_t2s

ROOT = Path(__file__).resolve().parents[1]
DEV_TEXTS = ROOT.parent / "shared" / "eval" / "dev" / "texts"
TEXTS = sorted((ROOT / "samples").glob("*.txt")) + sorted(DEV_TEXTS.glob("*.txt"))


@pytest.fixture(scope="module", params=["t2s", "s2t"])
def pair(request):
    return opencc.OpenCC(request.param), fast_t2s.converter(request.param)


def test_the_dev_texts_and_samples_are_all_there():
    assert len(TEXTS) >= 20  # samples/ and ../shared/eval/dev/texts


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_same_output_as_opencc_on_whole_texts_lines_and_han_runs(path, pair):
    reference, fast = pair
    text = path.read_text(encoding="utf-8")
    assert fast.convert(text) == reference.convert(text)
    for line in text.splitlines(keepends=True):
        assert fast.convert(line) == reference.convert(line)
    han = "".join(regex.findall(r"\p{Han}", text))  # what script detection converts: no separators
    assert fast.convert(han) == reference.convert(han)


def test_known_conversions():
    # a phrase beats its characters (乾隆 stays, 乾燥 becomes 干燥), the longest phrase wins
    assert fast_t2s.t2s("乾隆年間天氣乾燥") == "乾隆年间天气干燥"
    assert fast_t2s.t2s("聯環集團發展") == "联环集团发展"
    assert fast_t2s.s2t("头发发展") == "頭髮發展"
    # near the end a phrase must not be found in a slice cut short (挂表 inside "挂表??????")
    assert fast_t2s.s2t("一丝不挂表") == "一絲不掛表"
    # separators are never converted, and a phrase does not reach across them
    assert fast_t2s.t2s("乾，隆") == opencc.OpenCC("t2s").convert("乾，隆")


def _pieces(conversion: str) -> list[str]:
    dictionary = fast_t2s._opencc_dir() / "dictionary"
    prefix = "TS" if conversion == "t2s" else "ST"
    phrases = [line.split("\t")[0] for line in (dictionary / f"{prefix}Phrases.txt").read_text("utf-8").splitlines()]
    chars = [line.split("\t")[0] for line in (dictionary / f"{prefix}Characters.txt").read_text("utf-8").splitlines()]
    # phrases and their parts, so that phrases overlap and nest in the generated text
    parts = [p[i:j] for p in phrases[::7] for i in range(len(p)) for j in range(i + 1, len(p) + 1)]
    return phrases + parts + chars[::5] + ["，", "。", " ", "\n", "-", "a", "1", "里", "的"]


PIECES = {name: _pieces(name) for name in ("t2s", "s2t")}
REFERENCE = {name: opencc.OpenCC(name) for name in ("t2s", "s2t")}


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_same_output_as_opencc_on_strings_made_of_dictionary_entries(data):
    for name in ("t2s", "s2t"):
        pieces = data.draw(st.lists(st.sampled_from(PIECES[name]), max_size=12))
        text = "".join(pieces)
        assert fast_t2s.converter(name).convert(text) == REFERENCE[name].convert(text)


def test_changed_characters_are_those_the_character_dictionary_converts():
    traditional_only = fast_t2s.changed_characters("t2s")
    simplified_only = fast_t2s.changed_characters("s2t")
    assert {"聯", "環", "發", "團"} <= traditional_only
    assert {"联", "环", "发", "团"} <= simplified_only
    assert not {"中", "人", "，", " "} & (traditional_only | simplified_only)


def test_separators_are_those_of_opencc_for_every_character():
    split = opencc.OpenCC("t2s").split_chars_re
    for code in range(0x30000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        assert fast_t2s._has_separator(char) == bool(split.fullmatch(char)), hex(code)


def test_convert_with_phrases_names_the_phrases_it_converted():
    t2s = fast_t2s.converter("t2s")
    # 乾隆年間 is one phrase of the dictionary (乾隆年间), so its 乾 is not the 乾 of 乾燥
    assert t2s.convert_with_phrases("乾隆年間天氣乾燥") == ("乾隆年间天气干燥", [(0, 4, "乾隆年间")])
    assert t2s.convert_with_phrases("聯環") == ("联环", [])
