"""jieba's part-of-speech cut without importing `jieba.posseg`.

Importing `jieba.posseg` builds a POSTokenizer over jieba's global dictionary at module level,
parsing the whole dictionary text (about 0.3 s), which is most of a cold start. This module
does what `jieba.posseg.POSTokenizer.cut` does, step for step (same regular expressions, same
fallbacks, same tags), over our private tokenizer; its HMM tables are read from a marshal cache
beside the dictionary cache, built from `jieba.posseg` once when the cache is missing.
"""
from __future__ import annotations

import re

from .hmm import viterbi

# jieba.posseg's expressions, unchanged: they decide where the cut splits
_HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_HAN_INTERNAL = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
_SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
_ENG = re.compile("[a-zA-Z0-9]+")
_NUM = re.compile(r"[\.0-9]+")


def hmm_tables_from_jieba() -> tuple:
    """(char -> states, start, transition, emission) as `jieba.posseg` holds them."""
    import jieba.posseg as posseg

    return posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P


def word_tags_from_dictionary(handle) -> dict:
    """word -> tag from a jieba dictionary file opened in binary, as POSTokenizer.load_word_tag reads it."""
    tags = {}
    try:
        for lineno, line in enumerate(handle, 1):
            line = line.strip().decode("utf-8")
            if not line:
                continue
            try:
                word, _, tag = line.split(" ")
            except ValueError:
                raise ValueError(f"invalid POS dictionary entry at line {lineno}: {line}") from None
            tags[word] = tag
    finally:
        handle.close()
    return tags


class POSCutter:
    """(word, tag) pairs of a sentence, as `jieba.posseg.POSTokenizer(tokenizer).cut` yields them."""

    def __init__(self, tokenizer, word_tag_tab: dict, hmm_tables: tuple):
        self.tokenizer = tokenizer
        self.word_tag_tab = word_tag_tab
        self.char_state_tab, self.start_p, self.trans_p, self.emit_p = hmm_tables

    def _user_tags_loaded(self) -> None:
        if getattr(self.tokenizer, "user_word_tag_tab", None):
            self.word_tag_tab.update(self.tokenizer.user_word_tag_tab)
            self.tokenizer.user_word_tag_tab = {}

    def _cut_hmm(self, sentence: str):
        _, pos_list = viterbi(sentence, self.char_state_tab, self.start_p, self.trans_p, self.emit_p)
        begin, nexti = 0, 0
        for i, char in enumerate(sentence):
            pos = pos_list[i][0]
            if pos == "B":
                begin = i
            elif pos == "E":
                yield sentence[begin:i + 1], pos_list[i][1]
                nexti = i + 1
            elif pos == "S":
                yield char, pos_list[i][1]
                nexti = i + 1
        if nexti < len(sentence):
            yield sentence[nexti:], pos_list[nexti][1]

    def _cut_detail(self, sentence: str):
        for blk in _HAN_DETAIL.split(sentence):
            if _HAN_DETAIL.match(blk):
                yield from self._cut_hmm(blk)
            else:
                for x in _SKIP_DETAIL.split(blk):
                    if x:
                        if _NUM.match(x):
                            yield x, "m"
                        elif _ENG.match(x):
                            yield x, "eng"
                        else:
                            yield x, "x"

    def _unknown_run(self, buf: str):
        tags = self.word_tag_tab
        if len(buf) == 1:
            yield buf, tags.get(buf, "x")
        elif not self.tokenizer.FREQ.get(buf):
            yield from self._cut_detail(buf)
        else:
            for elem in buf:
                yield elem, tags.get(elem, "x")

    def _cut_dag(self, sentence: str):
        tk = self.tokenizer
        dag = tk.get_DAG(sentence)
        route: dict = {}
        tk.calc(sentence, dag, route)
        tags = self.word_tag_tab
        x, buf, n = 0, "", len(sentence)
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if y - x == 1:
                buf += word
            else:
                if buf:
                    yield from self._unknown_run(buf)
                    buf = ""
                yield word, tags.get(word, "x")
            x = y
        if buf:
            yield from self._unknown_run(buf)

    def cut(self, sentence: str):
        self._user_tags_loaded()
        for blk in _HAN_INTERNAL.split(sentence):
            if _HAN_INTERNAL.match(blk):
                yield from self._cut_dag(blk)
            else:
                for x in _SKIP_INTERNAL.split(blk):
                    if _SKIP_INTERNAL.match(x):
                        yield x, "x"
                    else:
                        for xx in x:
                            if _NUM.match(xx):
                                yield xx, "m"
                            elif _ENG.match(x):
                                yield xx, "eng"
                            else:
                                yield xx, "x"
