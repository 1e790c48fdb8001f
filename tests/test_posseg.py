"""Our part-of-speech cut gives jieba's own words and tags, also when read leftwards in pieces."""
from __future__ import annotations

import regex

from conftest import corpus_files
from lianhuan_extract.segmenter.posseg import ClauseCut
from lianhuan_extract.segmenter.segment import pos_tokenizer


def clauses() -> list[str]:
    """Every clause of the shipped and scored texts, as the orgs extractor cuts them."""
    found = []
    for path in corpus_files():
        text = path.read_text(encoding="utf-8")
        found += [m.group() for m in regex.finditer(r"[\p{Han}\p{L}\p{N}]+", text)]
    return found


def test_the_route_is_jiebas():
    cutter = pos_tokenizer()
    tk = cutter.tokenizer
    checked = [c for c in clauses() if len(c) > 1][:3000]
    assert len(checked) > 1000
    for sentence in checked:
        dag, route = tk.get_DAG(sentence), {}
        tk.calc(sentence, dag, route)
        assert cutter.route(sentence) == [route[k][1] + 1 for k in range(len(sentence))], sentence


def test_words_read_leftwards_are_the_cuts_words():
    cutter = pos_tokenizer()
    runs: dict = {}
    # 〇 and ① are split on by the cut, so such a clause is cut whole
    for sentence in clauses()[:1500] + ["二〇二四年联环集团", "①联环药业股份"]:
        words, pos = [], 0
        for word, tag in cutter.cut(sentence):
            words.append((word, tag, pos, pos + len(word)))
            pos += len(word)
        cut = ClauseCut(cutter, sentence, 0, len(sentence), runs)
        for end in range(1, len(sentence) + 1, 3):
            assert list(cut.leftwards(end)) == [w for w in reversed(words) if w[2] < end], (sentence, end)
        # offsets into a longer text
        padded = ClauseCut(cutter, "。" + sentence + "。", 1, len(sentence) + 1, runs)
        assert list(padded.leftwards(len(sentence) + 1)) == [(w, t, a + 1, b + 1) for w, t, a, b in reversed(words)]


def test_a_prefix_route_is_the_whole_routes_beginning():
    cutter = pos_tokenizer()
    shorter = 0
    for sentence in [c for c in clauses() if len(c) > 3][:1500]:
        whole = cutter.route(sentence)
        for need in range(1, len(sentence) + 1, 2):
            prefix = cutter.route_prefix(sentence, need)
            assert len(prefix) >= need and prefix == whole[:len(prefix)], (sentence, need)
            shorter += len(prefix) < len(whole)
    assert shorter > 1000  # most are settled before the end


def test_a_close_choice_is_left_to_the_whole_route(monkeypatch):
    # with every choice counted as close, no prefix is taken: the answer is the whole route's
    cutter = pos_tokenizer()
    monkeypatch.setattr(type(cutter), "SURE_MARGIN", float("inf"))
    sentence = "江苏联环药业集团有限公司今年实现营业收入"
    assert cutter.route_prefix(sentence, 3) == cutter.route(sentence)
