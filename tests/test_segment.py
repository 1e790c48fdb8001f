"""jieba behind our own door: private, lazy, quiet, cached in the user's cache folder."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from conftest import ROOT
from lianhuan_extract.document import Document
from lianhuan_extract.segment import cache_dir, cut_with_offsets


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
    script = ("import jieba, lianhuan_extract.segment as s\n"
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
