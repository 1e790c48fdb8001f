"""Normalise the cleaned text for the extractors: traditional to simplified, full-width to half-width.

Both steps replace one character by one character, so they leave every offset where it was; a
phrase conversion of OpenCC that would change the length of a line falls back to converting that
line character by character.
"""
from __future__ import annotations

import functools

import regex

from .document import Document

_HAN = regex.compile(r"\p{Han}")
_EXTRA_HALF = {"\u3000": " ", "﹒": ".", "﹐": ",", "〜": "~"}


@functools.lru_cache(maxsize=1)
def _converters():
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


@functools.lru_cache(maxsize=65536)
def _char_scripts(char: str) -> tuple[bool, bool]:
    """(is a traditional-only form, is a simplified-only form) of one Han character."""
    t2s, s2t = _converters()
    return t2s.convert(char) != char, s2t.convert(char) != char


def _has_traditional(text: str) -> bool:
    return any(_char_scripts(c)[0] for c in _HAN.findall(text))


def _t2s(text: str) -> str:
    """OpenCC t2s (phrase-aware) on the lines that hold a traditional character; a line whose
    phrase conversion would change its length is converted character by character instead."""
    t2s, _ = _converters()
    out = []
    for line in text.splitlines(keepends=True):
        if not _has_traditional(line):
            out.append(line)
            continue
        conv = t2s.convert(line)
        if len(conv) != len(line):
            conv = "".join(t2s.convert(c) if len(t2s.convert(c)) == 1 else c for c in line)
        out.append(conv)
    return "".join(out)


def script_counts(text: str) -> tuple[int, int, int]:
    """(Han characters, traditional-only ones, simplified-only ones), character by character."""
    han = _HAN.findall(text)
    traditional = simplified = 0
    for char in han:
        is_traditional, is_simplified = _char_scripts(char)
        traditional += is_traditional
        simplified += is_simplified
    return len(han), traditional, simplified


def detect_script(text: str, counts: tuple[int, int, int] | None = None) -> str:
    """simplified, traditional, mixed, or none (no Han characters)."""
    han, traditional, simplified = counts or script_counts(text)
    if not han:
        return "none"
    if traditional and simplified:
        # a few stray characters of the other script do not make a text mixed
        if traditional > 4 * simplified:
            return "traditional"
        if simplified > 4 * traditional:
            return "simplified"
        return "mixed"
    if traditional:
        return "traditional"
    return "simplified"


def halfwidth(text: str) -> str:
    out = []
    for c in text:
        o = ord(c)
        if 0xFF01 <= o <= 0xFF5E:
            out.append(chr(o - 0xFEE0))
        else:
            out.append(_EXTRA_HALF.get(c, c))
    return "".join(out)


def normalise(doc: Document) -> Document:
    counts = script_counts(doc.text)
    doc.script = detect_script(doc.text, counts)
    if counts[1]:  # any traditional character, even in a simplified text
        doc.apply_one_for_one("t2s", _t2s(doc.text))
    doc.apply_one_for_one("halfwidth", halfwidth(doc.text))
    return doc
