"""The shortcuts the targets extractor takes for speed agree with what they stand in for.

Each fast path (a scan of the stretches around a character instead of the whole text, str.find
instead of a compiled trie) is compared with the slower definition on generated text made of
the characters that matter, and on a few written cases checked by hand.
"""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lianhuan_extract.extractors.targets import actors, context
from lianhuan_extract.segmenter.wordtrie import trie_pattern


def _text_over(alphabet: str, max_size: int = 40):
    return st.text(alphabet=st.sampled_from(sorted(set(alphabet))), max_size=max_size)


DEADLINE_CHARS = "到至在年底末或之前以12094一二〇○零,。 "


@settings(max_examples=400, deadline=None)
@given(_text_over(DEADLINE_CHARS))
def test_deadline_matches_are_the_whole_text_scan(text):
    assert [m.span() for m in context.deadline_matches(text)] == [m.span() for m in context.DEADLINE.finditer(text)]


def test_deadline_matches_written():
    text = "到2025年底,2027年或之前完成;在二〇二〇年前建成,2020年以来"
    assert [m.group() for m in context.deadline_matches(text)] == ["到2025年底", "2027年或之前", "在二〇二〇年前"]


SPACE_CHARS = "  \u3000公司”」)(“「1a,"


@settings(max_examples=400, deadline=None)
@given(_text_over(SPACE_CHARS))
def test_cjk_spaces_are_the_whole_text_scan(text):
    assert context._cjk_spaces(text) == [m.end() for m in context._CJK_SPACE.finditer(text)]


def test_cjk_spaces_written():
    # a title's spaces between Chinese characters end a clause; spaces in Latin text do not
    assert context._cjk_spaces("公司 今年  目标 2025 ok go") == [3, 7, 10]


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
