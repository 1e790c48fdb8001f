"""jieba behind our own door: private, lazy, quiet, cached in the user's cache folder."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from conftest import ROOT
from lianhuan_extract.text.document import Document
from lianhuan_extract.segmenter.segment import cache_dir, cut_with_offsets


def test_words_carry_offsets_into_the_text():
    text = "江苏联环药业集团召开2024年工作会议"
    words = cut_with_offsets(text)
    assert "".join(w for w, _, _ in words) == text
    assert all(text[s:e] == w for w, s, e in words)


def test_user_words_stay_whole_for_one_document_only():
    doc = Document(original="江苏联环药业")
    doc.add_user_word("江苏联环")
    assert ("江苏联环", 0, 4) in doc.words
    other = Document(original="江苏联环药业")
    assert ("江苏联环", 0, 4) not in other.words


def test_the_cache_folder_is_the_users_not_the_shared_temp(monkeypatch, tmp_path):
    monkeypatch.delenv("LIANHUAN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "lianhuan-extract"
    monkeypatch.setenv("LIANHUAN_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    assert not str(cache_dir()).startswith(tempfile.gettempdir() + os.sep + "jieba")


def test_a_fresh_process_loads_quietly_once_and_writes_its_cache(tmp_path):
    script = ("import jieba, lianhuan_extract.segmenter.segment as s\n"
              "assert s._tokenizer is None\n"
              "a = s.tokenizer(); b = s.tokenizer()\n"
              "assert a is b and a is not jieba.dt\n"
              "print(a.tmp_dir)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LIANHUAN_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    assert done.stdout.decode().strip() == str(tmp_path / "cache")
    assert [p.name for p in (tmp_path / "cache").iterdir() if p.suffix == ".cache"]


def test_the_library_does_not_load_jieba_for_contacts_alone():
    script = ("import sys, lianhuan_extract as L\n"
              "L.extract('电话:0514-89993100', types=['contact'])\n"
              "print('jieba' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.decode().strip() == "False"


SENTENCES = [
    "江苏联环药业集团召开2024年工作会议",
    "全年地区生产总值增长5.5%左右,城镇新增就业120万人以上",
    "市政府办公室主任李明主持会议并讲话",
    "到2025年底,新能源汽车产量力争达到15万辆",
]


def test_the_dictionary_read_from_our_cache_is_the_one_jieba_loads_itself():
    import jieba
    import jieba.posseg

    from lianhuan_extract.segmenter import segment

    ours = segment.tokenizer()
    theirs = jieba.Tokenizer()
    theirs.tmp_dir, theirs.cache_file = ours.tmp_dir, ours.cache_file
    theirs.initialize()  # jieba's own loading of the same cache file
    assert ours.total == theirs.total and ours.FREQ == theirs.FREQ
    their_pos = jieba.posseg.POSTokenizer(theirs)  # tags parsed from jieba's dictionary text
    assert segment.pos_tokenizer().word_tag_tab == their_pos.word_tag_tab
    for sentence in SENTENCES:
        assert [w for w, _, _ in cut_with_offsets(sentence)] == theirs.lcut(sentence)
        assert [(w, flag) for w, flag, _, _ in segment.pos_cut(sentence)] == \
            [(p.word, p.flag) for p in their_pos.cut(sentence)]


CACHE_PROBE = """
import json, sys, jieba, lianhuan_extract.segmenter.posseg as posseg, lianhuan_extract.segmenter.segment as s
calls = []
for cls, name in ((jieba.Tokenizer, "initialize"), (posseg, "word_tags_from_dictionary"),
                  (posseg, "hmm_tables_from_jieba")):
    def spy(*args, _real=getattr(cls, name), _name=name):
        calls.append(_name)
        return _real(*args)
    setattr(cls, name, spy)
sentences = json.loads(input())
print(json.dumps({"calls": calls if s.pos_tokenizer() else None,
                  "posseg_imported": "jieba.posseg" in sys.modules,
                  "words": [s.cut_with_offsets(t) for t in sentences],
                  "tags": [s.pos_cut(t) for t in sentences]}, ensure_ascii=False))
"""


def test_without_a_cache_jieba_builds_it_and_the_next_process_reads_it(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LIANHUAN_CACHE_DIR": str(tmp_path / "cache")}
    runs = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", CACHE_PROBE], input=json.dumps(SENTENCES).encode(),
                              capture_output=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr.decode()
        assert done.stderr == b""
        runs.append(json.loads(done.stdout))
    first, second = runs
    # the first process had no cache: jieba's own loading, which writes the caches
    assert first["calls"] == ["initialize", "word_tags_from_dictionary", "hmm_tables_from_jieba"]
    assert first["posseg_imported"]
    import jieba

    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == \
        [f"jieba-{jieba.__version__}.cache", f"jieba-{jieba.__version__}.posseg.cache",
         f"jieba-{jieba.__version__}.tagged.cache"]
    # the second read all three caches: no jieba loading, and no import of jieba.posseg, whose
    # module-level tokenizer parses jieba's whole dictionary (most of a cold start)
    assert second["calls"] == []
    assert not second["posseg_imported"]
    assert second["words"] == first["words"] and second["tags"] == first["tags"]
    assert ["".join(w for w, _, _ in words) for words in second["words"]] == SENTENCES
