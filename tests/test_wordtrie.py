import re

import pytest
import regex
from hypothesis import given, strategies as st

from lianhuan_extract.segmenter.wordtrie import trie_pattern

ALPHABET = "ab.[]-^\\集团"
words = st.sets(st.text(ALPHABET, min_size=1, max_size=4), min_size=1, max_size=8)


def test_trie_of_titles_reads_as_expected():
    assert trie_pattern(["市长", "副市长", "市长助理"]) == "副市长|市长(?:助理)?".join(["(?:", ")"])


def test_words_sharing_a_last_step_become_a_class():
    assert trie_pattern(["局", "厅", "署"]) == "[厅局署]"


@given(words, st.text(ALPHABET, max_size=30), st.sampled_from(["", "b", "(?:a|集)"]))
def test_trie_matches_what_the_longest_first_alternation_matches(items, text, after):
    # what follows the words makes the engine backtrack into them: the order of tries must agree
    alternation = "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))
    for engine in (re, regex):
        expected = [m.span() for m in engine.finditer(f"(?:{alternation}){after}", text)]
        assert [m.span() for m in engine.finditer(f"(?:{trie_pattern(items)}){after}", text)] == expected


@given(words, st.text(ALPHABET, max_size=30))
def test_a_backwards_trie_matches_what_the_backwards_alternation_matches(items, text):
    # read from the right ((?r), regex only), repeated: the longest word ending at each step
    alternation = "|".join(regex.escape(w) for w in sorted(items, key=len, reverse=True))
    forward = regex.compile(f"(?r)(?:{alternation}|\\.)*")
    trie = regex.compile(f"(?r)(?:{trie_pattern(items, backwards=True)}|\\.)*")
    for end in range(len(text) + 1):
        assert trie.match(text, 0, end).span() == forward.match(text, 0, end).span()


def test_a_backwards_trie_branches_on_last_characters():
    assert trie_pattern(["市长", "副市长"], backwards=True) == "副?市长"


def test_an_empty_word_is_refused():
    with pytest.raises(ValueError, match="empty word"):
        trie_pattern(["局", ""])


def test_a_long_run_of_word_starts_is_matched_quickly():
    text = "市" * 20000
    assert [m.span() for m in re.finditer(trie_pattern(["市长", "市市长"]), text)] == []
