"""Normalise the cleaned text for the extractors: traditional to simplified, full-width to half-width.

Both steps replace one character by one character, so they leave every offset where it was; a
phrase conversion of OpenCC that would change the length of a line falls back to converting that
line character by character.
"""
from __future__ import annotations

import functools

import regex

from .document import Document, Edit

_HAN = regex.compile(r"\p{Han}")
_EXTRA_HALF = {"\u3000": " ", "﹒": ".", "﹐": ",", "〜": "~"}


@functools.lru_cache(maxsize=1)
def _converters():
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


def _t2s(text: str) -> str:
    t2s, _ = _converters()
    out = []
    for line in text.splitlines(keepends=True):
        conv = t2s.convert(line)
        if len(conv) != len(line):
            conv = "".join(t2s.convert(c) if len(t2s.convert(c)) == 1 else c for c in line)
        out.append(conv)
    return "".join(out)


def script_counts(text: str) -> tuple[int, int, int]:
    """(Han characters, traditional-only ones, simplified-only ones)."""
    han = "".join(_HAN.findall(text))
    if not han:
        return 0, 0, 0
    t2s, s2t = _converters()
    traditional = sum(1 for a, b in zip(han, t2s.convert(han)) if a != b)
    simplified = sum(1 for a, b in zip(han, s2t.convert(han)) if a != b)
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


def _char_edits(before: str, after: str, reason: str) -> list[Edit]:
    return [Edit(i, i + 1, b, reason) for i, (a, b) in enumerate(zip(before, after)) if a != b]


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
        doc.apply("t2s", _char_edits(doc.text, _t2s(doc.text), "t2s"))
    doc.apply("halfwidth", _char_edits(doc.text, halfwidth(doc.text), "halfwidth"))
    return doc
