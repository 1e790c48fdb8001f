"""The guarded file reader that the command and the library share (text/files.py)."""
from __future__ import annotations

import os

import pytest

import lianhuan_extract as L
from lianhuan_extract.text.files import InputRefused, read_bytes


def test_the_library_refuses_a_fifo_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it for reading would block: nobody writes
    with pytest.raises(InputRefused) as refused:
        L.extract_file(fifo)
    assert str(refused.value) == "skipped: a FIFO, not a regular file (pipe it into '-' to read it)"
    assert isinstance(refused.value, OSError)


def test_a_file_over_the_bound_is_refused_with_its_size(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(InputRefused) as refused:
        read_bytes(path, limit=1000)
    assert str(refused.value) == "too large: 2,000 bytes (the limit for one document is 1,000 bytes)"
    assert read_bytes(path, limit=2000) == b"x" * 2000


def test_read_file_decodes_as_the_command_does(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("计划投资5亿元".encode("gb18030"))
    assert L.read_file(path) == ("计划投资5亿元", "gb18030")
