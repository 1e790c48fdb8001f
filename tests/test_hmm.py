"""Our Viterbi search for words outside jieba's dictionary gives jieba's own answers."""
from __future__ import annotations

import regex
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
from jieba.posseg.viterbi import viterbi as jiebas_viterbi

from conftest import SAMPLES
from lianhuan_extract.segmenter.hmm import viterbi
from lianhuan_extract.segmenter.segment import pos_tokenizer


def runs() -> list[str]:
    """Runs of Han characters of several lengths from the sample, and odd ones."""
    text = (SAMPLES / "lianhuan-2024.txt").read_text(encoding="utf-8")
    blocks = [m.group() for m in regex.finditer(r"\p{Han}+", text)]
    found = [b[i:i + n] for b in blocks for n in (1, 2, 3, 5, 9) for i in range(0, max(1, len(b) - n + 1), 11)]
    # rare characters jieba's tables do not know, repeats, a lone Latin letter
    return found + ["㐀㐁", "𠀀𠀁𠀂", "的的的的的", "冇冇", "A"]


def test_the_same_path_and_probability_as_jiebas_search():
    tables = (char_state_tab_P, start_P, trans_P, emit_P)
    checked = runs()
    assert len(checked) > 500
    for run in checked:
        assert viterbi(run, *tables) == jiebas_viterbi(run, *tables), run


def test_the_pos_tokenizer_uses_it_and_tags_as_jieba_does():
    import jieba.posseg

    ours = pos_tokenizer()
    theirs = jieba.posseg.POSTokenizer(ours.tokenizer)
    assert type(ours) is not jieba.posseg.POSTokenizer
    # names and places outside the dictionary go through the search
    for sentence in ("扬州市邗江区副区长薛洋洋调研联环药业", "宝应县氾水镇新增耕地三百亩",
                     "臺鐵高雄至屏東段", "乌兰察布市察哈尔右翼后旗"):
        assert list(ours.cut(sentence)) == [(p.word, p.flag) for p in theirs.cut(sentence)]
