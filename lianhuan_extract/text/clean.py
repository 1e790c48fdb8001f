"""Remove web artifacts, recording each removal as an Edit on the text.

- Pinyin glosses that scrapers leave after a character: 質(zhì)量, 會(huì )議, （gloss）, a gloss
  cut off at the very end of the text. A real parenthetical is never removed: 總值(GDP),
  (擴大), (600028), (2023) do not look like pinyin.
- Search-page boilerplate lines (您搜索的關鍵詞為:), listed in data/clean.toml.
- Doubled punctuation (,, or ,。): the earlier mark goes, the later one stays.
"""
from __future__ import annotations

import functools
import re

import regex

from ..data import load
from .document import Document, Edit

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_TONED_SET = frozenset(_TONED)
_PINYIN_LETTERS = "a-zü" + _TONED
_INITIALS = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINALS = ("(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|in|un|ün|"
           "ia|ie|iu|ua|uo|ui|üe|ve|er|a|o|e|i|u|ü|v|ng|n|m)")
_SYLLABLE = regex.compile(_INITIALS + _FINALS)
_TONE_FOLD = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ", "aaaaeeeeiiiioooouuuuüüüünnnm")

# A bracket right after a Han character, holding one or two lowercase latin words (group 1: the
# first is group 2, the second group 3; tone marks allowed), possibly with spaces, closed by a
# bracket (group 4) or by the end of the text. On `re`, about four times faster than `regex` here:
# `\s` spelled out as the Unicode White_Space characters (what `regex` means by it; `re` adds
# \x1c-\x1f), and the Han character before the bracket tested on each match (`_after_han`), since
# `re` has no \p{Han}. No match holds an opening bracket but its first character, so a match
# dropped for that test hides no other.
_WHITE_SPACE = "[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
# (no Han character is below U+2E80: the lookbehind drops `a(`, `)(` and the like in the engine)
_GLOSS = re.compile(
    "[(（](?<=[^\x00-\u2e7f][(（])" + _WHITE_SPACE + "{0,3}(([" + _PINYIN_LETTERS + "]{1,7})(?:" + _WHITE_SPACE + "{1,3}(["
    + _PINYIN_LETTERS + "]{1,7}))?)" + _WHITE_SPACE + r"{0,3}(?:([)）])|\Z)")
_HAN = regex.compile(r"\p{Han}")


def _after_han(text: str, start: int) -> bool:
    """Whether the character before `start` is a Han character (U+4E00-9FEF all are)."""
    if not start:
        return False
    c = text[start - 1]
    return "\u4e00" <= c <= "\u9fef" or _HAN.match(c) is not None


@functools.lru_cache(maxsize=4096)
def _is_syllable(part: str) -> bool:
    # pinyin has about 1,300 toned syllables, so the cache holds the language, not the documents
    return _SYLLABLE.fullmatch(part.translate(_TONE_FOLD)) is not None


def _is_pinyin(word: str) -> bool:
    """One or two syllables of pinyin; with a tone mark anywhere, any syllable counts."""
    return all(map(_is_syllable, word.split()))


_FINAL_PREFIXES = {final[:n] for final in _FINALS[3:-1].split("|") for n in range(len(final) + 1)}


def _is_syllable_start(word: str) -> bool:
    """The first letters of a pinyin syllable: a gloss cut off by the end of the text (質(zh)."""
    plain = word.translate(_TONE_FOLD)
    initial = regex.match(_INITIALS, plain).group()
    return bool(plain) and plain[len(initial):] in _FINAL_PREFIXES


def gloss_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each pinyin gloss of `text`, in text order."""
    spans = []
    append = spans.append
    toned = False
    toned_letters = _TONED_SET
    for m in _GLOSS.finditer(text):
        start = m.start()
        if not start:
            continue
        c = text[start - 1]
        if not ("\u4e00" <= c <= "\u9fef" or _HAN.match(c)):  # _after_han, written out
            continue
        first, second, bracket = m.group(2, 3, 4)
        # _is_pinyin: each word one syllable
        pinyin = _is_syllable(first) and (second is None or _is_syllable(second))
        if bracket is None:
            # nothing but a gloss ends a text with a bracket opened on pinyin letters
            if not (pinyin or _is_syllable_start(m.group(1))):
                continue
            toned = True
        elif not pinyin:
            continue
        elif not toned and not (toned_letters.isdisjoint(first) and (second is None or toned_letters.isdisjoint(second))):
            toned = True
        append(m.span())
    # A bracketed latin word without a tone mark (們(men), 的(de)) is a gloss only in a text that
    # has toned glosses too: on its own, 项目(long) or 计划(an) may be a real parenthesis.
    return spans if toned else []


def gloss_edits(text: str) -> list[Edit]:
    return [Edit(start, end, "", "gloss") for start, end in gloss_spans(text)]


# The boilerplate and doubled-punctuation patterns hold literal characters only, in which `re`
# and `regex` agree; `re` scans them two to three times faster.
def _boilerplate_pattern() -> re.Pattern:
    prefixes = load("clean")["boilerplate"]["line_prefixes"]
    alternatives = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    # the whole line, its line break included
    return re.compile(r"(?m)^[ \t\u3000]*(?:" + alternatives + r")[^\n]*(?:\r?\n|\Z)")


_BOILERPLATE = None


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    global _BOILERPLATE
    if _BOILERPLATE is None:
        _BOILERPLATE = _boilerplate_pattern()
    return [m.span() for m in _BOILERPLATE.finditer(text)]


def boilerplate_edits(text: str) -> list[Edit]:
    return [Edit(start, end, "", "boilerplate") for start, end in boilerplate_spans(text)]


_DOUBLED = None


def punctuation_spans(text: str) -> list[tuple[int, int]]:
    global _DOUBLED
    if _DOUBLED is None:
        marks = "".join(re.escape(c) for c in load("clean")["punctuation"]["doubled"])
        _DOUBLED = re.compile(r"[" + marks + r"](?=[" + marks + r"])")
    return [m.span() for m in _DOUBLED.finditer(text)]


def punctuation_edits(text: str) -> list[Edit]:
    return [Edit(start, end, "", "punctuation") for start, end in punctuation_spans(text)]


def clean(doc: Document) -> Document:
    """Run the cleaning steps on `doc` in place; counts go to doc.counts."""
    doc.counts["boilerplate_lines"] = doc.delete("boilerplate", boilerplate_spans(doc.text))
    doc.counts["glosses"] = doc.delete("glosses", gloss_spans(doc.text))
    doc.counts["punctuation"] = doc.delete("punctuation", punctuation_spans(doc.text))
    return doc
