"""Normalise the cleaned text for the extractors: traditional to simplified, full-width to half-width.

Both steps replace one character by one character, so they leave every offset where it was; a
phrase conversion of OpenCC that would change the length of a line falls back to converting that
line character by character.
"""
from __future__ import annotations

import functools
import itertools
import operator
import re

import regex

from .document import Document

_HAN = regex.compile(r"\p{Han}")
_EXTRA_HALF = {"\u3000": " ", "﹒": ".", "﹐": ",", "〜": "~"}


@functools.lru_cache(maxsize=1)
def _t2s_converter():
    """OpenCC's t2s: fast_t2s gives opencc's exact output much faster; opencc itself if the
    installed dictionaries are laid out in a way fast_t2s does not read."""
    try:
        from .fast_t2s import converter

        return converter("t2s")
    except (ImportError, ValueError, OSError, KeyError):
        import opencc

        return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _script_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(characters t2s changes: traditional-only forms, characters s2t changes: simplified-only)."""
    try:
        from .fast_t2s import changed_characters

        return changed_characters("t2s"), changed_characters("s2t")
    except (ImportError, ValueError, OSError, KeyError):
        import opencc

        t2s, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
        han = [chr(c) for c in range(0x4E00, 0xA000)]
        return (frozenset(c for c in han if t2s.convert(c) != c),
                frozenset(c for c in han if s2t.convert(c) != c))


def _t2s(text: str) -> tuple[str, int]:
    """OpenCC t2s (phrase-aware) on the lines that hold a traditional character, and how many
    characters changed; a line whose phrase conversion would change its length is converted
    character by character instead."""
    t2s = _t2s_converter()
    traditional, _ = _script_sets()
    out = []
    changed = 0
    for line in text.splitlines(keepends=True):
        if traditional.isdisjoint(line):
            out.append(line)
            continue
        conv = t2s.convert(line)
        if len(conv) != len(line):
            conv = "".join(t2s.convert(c) if len(t2s.convert(c)) == 1 else c for c in line)
        changed += sum(map(operator.ne, line, conv))
        out.append(conv)
    return "".join(out), changed


def script_counts(text: str) -> tuple[int, int]:
    """(traditional-only characters, simplified-only characters) of `text`, one by one.

    Both sets hold Han characters only, so the whole text can be counted without first picking
    its Han characters out."""
    weights = _script_weights()
    packed = sum(map(weights.get, text, itertools.repeat(0, len(text))))
    return packed & _LOW_MASK, packed >> _HIGH_SHIFT


_HIGH_SHIFT = 40  # more characters than any text holds
_LOW_MASK = (1 << _HIGH_SHIFT) - 1


@functools.lru_cache(maxsize=1)
def _script_weights() -> dict[str, int]:
    """Each character of either set: 1 if traditional-only, plus 1 << _HIGH_SHIFT if
    simplified-only, so that one sum over the text counts both (a few characters are in both)."""
    traditional_only, simplified_only = _script_sets()
    return {c: (c in traditional_only) + ((c in simplified_only) << _HIGH_SHIFT)
            for c in traditional_only | simplified_only}


def detect_script(text: str) -> str:
    """simplified, traditional, mixed, or none (no Han characters)."""
    return _detect_script(text, not _script_sets()[0].isdisjoint(text))


def _detect_script(text: str, any_traditional: bool) -> str:
    """detect_script, told whether `text` holds a traditional-only character."""
    _, simplified_only = _script_sets()
    # the characters are counted only when both scripts occur: set tests settle the rest
    if not any_traditional:
        return "simplified" if _HAN.search(text) else "none"
    if simplified_only.isdisjoint(text):
        return "traditional"
    traditional, simplified = script_counts(text)
    # a few stray characters of the other script do not make a text mixed
    if traditional > 4 * simplified:
        return "traditional"
    if simplified > 4 * traditional:
        return "simplified"
    return "mixed"


_HALFWIDTH = {**{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}, **_EXTRA_HALF}
# few characters of a text are full-width: substituting the matches beats str.translate, which
# looks up every character of the text in a dict
_FULLWIDTH = re.compile("[" + "".join(map(re.escape, sorted(_HALFWIDTH))) + "]")


def _halfwidth_char(m: re.Match) -> str:
    return _HALFWIDTH[m.group()]


def halfwidth_counted(text: str) -> tuple[str, int]:
    """`halfwidth(text)` and how many characters it changed."""
    return _FULLWIDTH.subn(_halfwidth_char, text)


def halfwidth(text: str) -> str:
    """Full-width ASCII (！ to ～) and the ideographic space, ﹒ ﹐ 〜 as their half-width forms."""
    return halfwidth_counted(text)[0]


def normalise(doc: Document) -> Document:
    any_traditional = not _script_sets()[0].isdisjoint(doc.text)
    doc.script = _detect_script(doc.text, any_traditional)
    if any_traditional:  # any traditional character, even in a simplified text
        doc.apply_one_for_one("t2s", *_t2s(doc.text))
    doc.apply_one_for_one("halfwidth", *halfwidth_counted(doc.text))
    return doc
