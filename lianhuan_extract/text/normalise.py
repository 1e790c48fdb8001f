"""Normalise the cleaned text for the extractors: traditional to simplified, full-width to half-width.

Both steps replace one character by one character, so they leave every offset where it was; a
phrase conversion of OpenCC that would change the length of a line falls back to converting that
line character by character.
"""
from __future__ import annotations

import functools
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
    character by character instead. (What normalise does; benchmarks/bench.py times it.)"""
    return _t2s_runs(text, text.translate(_class_table()))


def _t2s_by_line(text: str) -> tuple[str, int]:
    """`_t2s`, one line at a time: for opencc itself, and for a run holding a phrase of another
    length."""
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
    """(traditional-only characters, simplified-only characters) of `text`, one by one."""
    return _counts_of_classes(text.translate(_class_table()))


def is_traditional(char: str) -> bool:
    """Whether t2s changes `char` (a traditional-only form)."""
    return char in _script_sets()[0]


# `text.translate(_class_table())` writes, for each character of a text, the class it belongs to:
# traditional-only, simplified-only, both (a few characters are), a line break (any that
# str.splitlines breaks at) or none. It is one pass in C that makes no object for a character
# (the table is a Latin-1 string, whose characters Python keeps made), where a sum of dict
# look-ups made a string of each character and called a method on it. After it, the counts and
# the lines that hold a traditional character are str.count and one regex on the class string,
# whose offsets are those of the text.
_TRADITIONAL, _SIMPLIFIED, _BOTH, _NEITHER, _BREAK = "T", "S", "B", " ", "\n"
_LINE_BREAKS = "\n\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"


@functools.lru_cache(maxsize=1)
def _class_table() -> str:
    """The class of each character up to the last one of either set; translate keeps a character
    beyond it as it is, which is none of the class letters."""
    traditional_only, simplified_only = _script_sets()
    members = traditional_only | simplified_only
    table = bytearray(_NEITHER.encode() * (max(map(ord, members), default=0x7F) + 1))
    for c in traditional_only:
        table[ord(c)] = ord(_BOTH if c in simplified_only else _TRADITIONAL)
    for c in simplified_only - traditional_only:
        table[ord(c)] = ord(_SIMPLIFIED)
    for c in _LINE_BREAKS:
        table[ord(c)] = ord(_BREAK)
    return table.decode("latin-1")


def _counts_of_classes(classes: str) -> tuple[int, int]:
    """`script_counts` of a text, from its class string."""
    both = classes.count(_BOTH)
    return classes.count(_TRADITIONAL) + both, classes.count(_SIMPLIFIED) + both


def _script_of_classes(classes: str) -> str:
    """The script of a text that holds a traditional-only character, from its class string."""
    traditional, simplified = _counts_of_classes(classes)
    # a few stray characters of the other script do not make a text mixed
    if traditional > 4 * simplified:
        return "traditional"
    if simplified > 4 * traditional:
        return "simplified"
    return "mixed"


def detect_script(text: str) -> str:
    """simplified, traditional, mixed, or none (no Han characters)."""
    if _script_sets()[0].isdisjoint(text):
        return "simplified" if _HAN.search(text) else "none"
    return _script_of_classes(text.translate(_class_table()))


# A run of whole lines that each hold a traditional character (with the blank lines between
# them), matched on the class string from the start of its first line: every line break is "\n"
# there, so lines start where str.splitlines starts them. Possessive, so each line is read once.
_TRADITIONAL_RUN = re.compile(r"(?:[^TB\n]*+[TB][^\n]*+(?:\n+|\Z))+")
_TRADITIONAL_CLASS = re.compile("[TB]")


def _traditional_runs(classes: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of lines that hold a traditional character, in text order."""
    # str.find skips to the next traditional character at memchr's speed; a text holding one of
    # the few characters of both scripts needs the regex
    search = _TRADITIONAL_CLASS.search if _BOTH in classes else None
    find, rfind, match = classes.find, classes.rfind, _TRADITIONAL_RUN.match
    runs = []
    pos = 0
    while True:
        if search is None:
            at = find(_TRADITIONAL, pos)
        else:
            m = search(classes, pos)
            at = m.start() if m else -1
        if at < 0:
            return runs
        start = rfind(_BREAK, 0, at) + 1
        pos = match(classes, start).end()
        runs.append((start, pos))


def _t2s_runs(text: str, classes: str) -> tuple[str, int]:
    """`_t2s(text)`, told the class string of `text`.

    A run of lines is converted at once: OpenCC converts between separators and a line break is
    one, so a run converts as its lines do one by one. The characters that changed are counted on
    the classes: outside the phrases, the traditional-only characters are exactly those the
    character dictionary changes."""
    t2s = _t2s_converter()
    if not getattr(t2s, "one_for_one", False):  # opencc itself, or a table of longer values
        return _t2s_by_line(text)
    out = []
    changed = 0
    pos = 0
    count = classes.count
    for start, end in _traditional_runs(classes):
        run = text[start:end]
        conv, phrases = t2s.convert_with_phrases(run)
        if any(e - s != len(v) for s, e, v in phrases):
            # a phrase of another length: the run's lines one by one, as _t2s takes them
            conv, n = _t2s_by_line(run)
        else:
            n = count(_TRADITIONAL, start, end) + count(_BOTH, start, end)
            for s, e, value in phrases:
                n += (sum(map(operator.ne, run[s:e], value)) - count(_TRADITIONAL, start + s, start + e)
                      - count(_BOTH, start + s, start + e))
        changed += n
        out.append(text[pos:start])
        out.append(conv)
        pos = end
    out.append(text[pos:])
    return "".join(out), changed


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
    text = doc.text
    if _script_sets()[0].isdisjoint(text):  # stops at the first traditional character, if any
        doc.script = "simplified" if _HAN.search(text) else "none"
    else:  # any traditional character, even in a simplified text
        classes = text.translate(_class_table())
        doc.script = _script_of_classes(classes)
        doc.apply_one_for_one("t2s", *_t2s_runs(text, classes))
    doc.apply_one_for_one("halfwidth", *halfwidth_counted(doc.text))
    return doc
