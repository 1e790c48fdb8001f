"""Bytes to text: every encoding the issue names, detected, and the bad inputs."""
from __future__ import annotations

import codecs

import pytest

from lianhuan_extract.text.decode import DecodeError, decode

SIMPLIFIED = "联环集团2024年工作会议召开，营业收入超过3亿元。\r\n电话:0514-89993100\n"
TRADITIONAL = "聯環集團2024年工作會議召開，營業收入超過3億元。\r\n電話:0514-89993100\n"


@pytest.mark.parametrize("data, text, encoding", [
    (SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8"),
    (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8"),
    (codecs.BOM_UTF16_LE + TRADITIONAL.encode("utf-16-le"), TRADITIONAL, "utf-16"),
    (codecs.BOM_UTF16_BE + TRADITIONAL.encode("utf-16-be"), TRADITIONAL, "utf-16"),
    (SIMPLIFIED.encode("gb18030"), SIMPLIFIED, "gb18030"),
    (SIMPLIFIED.encode("gbk"), SIMPLIFIED, "gb18030"),
    (TRADITIONAL.encode("big5"), TRADITIONAL, "big5"),
    (b"", "", "utf-8"),
])
def test_detected_encodings_and_line_endings_kept(data, text, encoding):
    assert decode(data) == (text, encoding)


def test_traditional_text_in_gbk_is_not_taken_for_big5():
    # GBK can write traditional characters too; the common-character test must still pick GB18030
    assert decode(TRADITIONAL.encode("gbk")) == (TRADITIONAL, "gb18030")


def test_a_forced_encoding_wins_and_drops_a_bom():
    assert decode("\ufeff電話".encode("utf-8"), "utf-8") == ("電話", "utf-8")
    # bytes that are valid UTF-8 read as the codec the user named
    assert decode("電話".encode("big5"), "big5") == ("電話", "big5")


@pytest.mark.parametrize("data, encoding, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "binary file (contains NUL bytes)"),
    (b"abc\x80\x80\x80", None, "not UTF-8, UTF-16, GB18030 or Big5 text (use --encoding to name the codec)"),
    ("電話".encode("utf-8"), "ascii", "cannot decode as ascii: byte 0"),
    (b"abc", "klingon", "unknown encoding 'klingon'"),
])
def test_bad_bytes_raise_a_reason_a_user_can_act_on(data, encoding, reason):
    with pytest.raises(DecodeError) as caught:
        decode(data, encoding)
    assert str(caught.value) == reason
