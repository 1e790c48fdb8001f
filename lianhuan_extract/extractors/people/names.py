"""Where a person's name starts and ends, once an anchor says that one stands there.

A name is a known surname (data/surnames.toml) and a one- or two-character given name. Its end
is settled by what follows it: punctuation, a verb of speech or presence (陈平|出席), a title, a
date (林某|今(9)日). jieba's dictionary vetoes common words (高度|重视), and its HMM, asked about a
few characters only, breaks a tie when nothing follows that the lists know (谢婉婷|解读).
"""
from __future__ import annotations

import functools
import re

from ...segmenter.segment import pos_tokenizer
from .lexicon import SPACES, is_han, lists, patterns, place_names


# (double surnames, single surnames, the first characters of both), read from the lists at the first call
_SURNAMES: list = []


def _load_surnames() -> list:
    doubles, singles = lists()["double_surnames"], lists()["single_surnames"]
    _SURNAMES[:] = [doubles, singles, frozenset(singles) | {d[:1] for d in doubles}]
    return _SURNAMES


def surname_at(text: str, pos: int) -> int:
    """Length of the surname starting at `pos` (2 for 欧阳), or 0."""
    doubles, singles, firsts = _SURNAMES or _load_surnames()
    first = text[pos:pos + 1]
    if first not in firsts:
        return 0  # most places: no surname, single or double (each double is two characters), opens here
    if text[pos:pos + 2] in doubles:
        return 2
    if first in singles:  # (no surname is empty)
        return 1
    return 0


_ALL_HAN = re.compile("[\u4e00-\u9fff]*")  # the characters of `is_han`


def given_ok(given: str) -> bool:
    return _ALL_HAN.fullmatch(given) is not None and lists()["not_in_given"].isdisjoint(given)


def end_strength(text: str, end: int) -> int:
    """How surely text[:end] ends a name: 3 for a date (今(9)日), 2 for punctuation, the end or a
    follower word of two or more characters (表示, 出席, a title), 1 for a one-character follower
    (在, 为), 0 for none."""
    if end >= len(text):
        return 2
    if not is_han(text[end]):
        return 2
    if patterns()["time_after"].match(text, end):
        return 3
    m = patterns()["follower"].match(text, end)
    if not m:
        return 0
    return 2 if len(m.group().strip(SPACES)) >= 2 else 1


def ends_name(text: str, end: int) -> bool:
    return end_strength(text, end) > 0


def dictionary_tag(word: str) -> str | None:
    return pos_tokenizer().word_tag_tab.get(word)


def _tag_ok(word: str, strength: int, relaxed: bool) -> bool:
    """Whether jieba's dictionary lets `word` be a name: unknown words and names always; places
    (江夏, ns) when punctuation or a two-character verb ends them; any noun in a list of people."""
    tag = dictionary_tag(word)
    if tag is None or tag.startswith("nr"):
        return True
    if relaxed:
        return tag.startswith("n")
    return strength >= 2 and tag in ("ns", "nz")


@functools.lru_cache(maxsize=4096)
def _hmm_name(window: str) -> int:
    """Length of the name jieba's tagger sees at the start of `window`, or 0 (1: a surname alone)."""
    for word, tag in pos_tokenizer().cut(window):
        return len(word) if tag.startswith("nr") else 0
    return 0


def _window(text: str, pos: int) -> str:
    end = pos
    while end < len(text) and end - pos < 8 and is_han(text[end]):
        end += 1
    return text[pos:end]


@functools.lru_cache(maxsize=4096)
def _tagger_reads_name(window: str, n: int, s: int) -> bool:
    words = list(pos_tokenizer().cut(window))
    if not words:
        return False
    first, tag = words[0]
    ends, at = set(), 0
    for word, _ in words:
        at += len(word)
        ends.add(at)
        if at >= n:
            break
    return n in ends and (tag.startswith("nr") or len(first) == s)


def tagger_agrees(text: str, pos: int, n: int) -> bool:
    """Whether jieba's tagger lets a name of `n` characters stand at `pos`: a word ends where the name
    ends, and the first word is a name or the bare surname (马|红梅, 李|永福, 欧阳明|辉). The check
    for a weak anchor (村民, 同志), where 职工|向前看 and 游客|高峰期 are no names."""
    return _tagger_reads_name(_window(text, pos), n, surname_at(text, pos))


def _candidates(text: str, pos: int) -> tuple[int, list[int]]:
    s = surname_at(text, pos)
    if not s:
        return 0, []
    honorifics = lists()["honorifics"]
    return s, [n for n in (s + 2, s + 1) if pos + n <= len(text) and given_ok(text[pos + s:pos + n])
               and text[pos + s:pos + n] not in honorifics]


def name_at(text: str, pos: int, relaxed: bool = False, guess: bool = True) -> int:
    """Length of the person's name starting at `pos` (surname + given name), or 0. With `guess`,
    jieba's tagger and dictionary decide when nothing the lists know follows the name."""
    s, candidates = _candidates(text, pos)
    if not s:
        return 0  # most places asked open with no surname
    scored = []
    for n in candidates:
        strength = end_strength(text, pos + n)
        if not strength or not _tag_ok(text[pos:pos + n], strength, relaxed):
            continue  # 高度|重视, 董事长: a common word, not a name
        if n == s + 2 and text[pos + n - 1] in "和与同跟" and end_strength(text, pos + n - 1):
            continue  # 李明和市长王强: 和 joins two people
        scored.append((strength, n))
    if scored:
        # 刘俏|认为 beats 刘俏认|为: a longer follower settles the length; at a tie the longer name wins
        return max(scored)[1]
    if not candidates or not guess:
        return 0
    n = _hmm_name(_window(text, pos))  # nothing the lists know follows: ask the tagger (谢婉婷|解读)
    if n in candidates:
        return n
    for n in candidates:
        tag = dictionary_tag(text[pos:pos + n])
        if tag is not None and tag.startswith("nr"):
            return n
    return 0


def name_before(text: str, end: int, org_ends=()) -> int:
    """Start of a name that ends at `end` (农业处|吴秋兰|处长, 商会|周某|会长), or -1."""
    for n in (3, 2, 4):
        start = end - n
        if start < 0:
            continue
        s = surname_at(text, start)
        if not s or n - s not in (1, 2) or not given_ok(text[start + s:end]):
            continue
        if text[start + s:end] in lists()["honorifics"]:
            continue
        if n == 3 and s == 1 and text[start] in lists()["function_surnames"] and surname_at(text, start + 1):
            continue
        tag = dictionary_tag(text[start:end])
        if (tag is not None and not tag.startswith("nr")) or text[start:end] in place_names():
            continue  # 相关|负责人: a common word; 张家港|市长: a place
        before = text[start - 1] if start > 0 else "\n"
        if not is_han(before) or before in lists()["before_name"] or start in org_ends:
            return start
    return -1


def run_is_name(run: str, strict: bool = False) -> bool:
    """Whether a run of characters that separators bound on both sides (记者 江夏 马瑞) is a name."""
    d = lists()
    s = surname_at(run, 0)
    if not s or len(run) - s not in (1, 2) or not all(is_han(ch) for ch in run[s:]):
        return False
    if not d["not_in_bounded_given"].isdisjoint(run[s:]):
        return False
    if run[s:] in d["honorifics"] or run in d["title_set"] or run in d["byline_set"] or run in d["role_set"]:
        return False
    if run.endswith(d["outlet_endings"]):
        return False  # 作者:某某网
    if strict:  # nothing but brackets around it: only a word the dictionary does not know otherwise
        tag = dictionary_tag(run)
        return (tag is None or tag.startswith("nr")) and run not in place_names()
    return _tag_ok(run, 2, relaxed=True)
