"""The metric of a target: the shortest phrase that names what is measured.

It stands before the number (`研发投入预计将超过3亿元` → 研发投入) or, after a count classifier,
behind it (`至少完成60~80个成果转化` → 成果转化, `20名博士` → 博士). Modal words, comparators,
subjects and time words around it are stripped; jieba's words and parts of speech on the clause
give the boundaries.
"""
from __future__ import annotations

import functools
import itertools
import re
from typing import NamedTuple

import regex

from ...segmenter.posseg import one_block, route_pieces
from ...segmenter.segment import pos_cut, pos_tokenizer, user_word_index
from ...segmenter.wordtrie import trie_pattern
from .context import words

# parts of speech that can name what is counted (`20名博士`, `1家企业上市`, `3场专题对接会`)
NOUN_TAGS = ("n", "nz", "nt", "nr", "ns", "j", "l", "vn", "an", "ng", "nrt", "b")
VERB_TAGS = ("v", "vd", "vi")
_TIME_WORD = regex.compile(
    r"(?:(?:19|20)\d{2}年(?:度|底|末|内)?|[一二三四]季度|[上下]半年|\d{1,2}月(?:份|底|末)?|\d{1,2}-\d{1,2}月(?:份)?"
    r"|今年|明年|全年|年内|当年|(?:到|至|在)(?:19|20)\d{2}年(?:底|末)?|(?:未来|今后|近)[\d一二两三四五六七八九十]{1,2}年(?:内|间)?)")
_QUOTES = "“”「」『』\"'《》()[]【】 "
# list markers at the head of an item: 1. 2、 (三) 一是 其二
_LIST_MARKER = regex.compile(
    r"[(（]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）.、](?!\d)|[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十]{1,2}")
_PLACE_SUFFIX = "域内境市县区省镇乡"
_LOCATIVES = ("在", "于", "於")
# what stands before a metric and is no part of it, taken off in one match (marks first, so that
# a list marker's opening bracket goes as a mark): marks, time words and list markers
_SKIPPED = regex.compile(rf"(?:[^\p{{Han}}A-Za-z0-9]|{_TIME_WORD.pattern}|(?:{_LIST_MARKER.pattern}))*")
# the common Chinese characters an element of _SKIPPED can start with (its time words and list
# markers): at any other character of the common block it matches nothing (test_targets_fast_paths)
SKIPPED_HAN_FIRST = frozenset("一二三四五六七八九十上下今明全年当到至在未近其")
_ENUMERATION = regex.compile(r"[^等]{0,30}等(?=\p{Han})")
_NAMING_CHAR = regex.compile(r"\p{Han}|[A-Za-z]")
_HAN = regex.compile(r"\p{Han}")


def first_words(text: str, count: int, user_words=(), memo: dict | None = None) -> list[tuple[str, str]]:
    """The first `count` (word, part of speech) of `pos_cut(text, user_words)`, for rules that
    look at a phrase's first words only. jieba tags the words one after the other, and its HMM
    (most of the cost) runs only when the words it finds are reached, so the cut stops there;
    with no user word in the text there is nothing to keep whole, and the cut is the same.

    `memo` is one document's dict (its user words are the same for every phrase): a phrase tagged
    again (the same metric asked whether it is a bare verb twice) is looked up. Do not change
    the list returned."""
    if memo is not None:
        tagged = memo.get((text, count))
        if tagged is None:
            tagged = memo[(text, count)] = first_words(text, count, user_words)
        return tagged
    if _may_hold_user_word(text, user_words) and user_word_index(user_words).occurs_in(text):
        return [(w, tag) for w, tag, _, _ in pos_cut(text, user_words)[:count]]
    cutter = pos_tokenizer()
    if one_block(text):
        found = _first_of_route_prefix(cutter, text, count)
        if found is not None:
            return found
    return list(itertools.islice(cutter.cut(text), count))


def _may_hold_user_word(text: str, user_words) -> bool:
    """False when no user word can occur in `text`: none of its characters starts one (one set
    operation in C, where `has_user_word` tries each position in Python)."""
    index = user_word_index(user_words)
    return index.has_empty or not index.firsts.isdisjoint(text)


def _pos_cut(text: str, user_words=()) -> list[tuple[str, str, int, int]]:
    """`pos_cut(text, user_words)`; with no character of the text starting a user word, the cut
    of the whole text, without looking for the words position by position."""
    if _may_hold_user_word(text, user_words):
        return pos_cut(text, user_words)
    out, pos = [], 0
    for word, tag in pos_tokenizer().cut(text):
        end = pos + len(word)
        out.append((word, tag, pos, end))
        pos = end
    return out


# a phrase up to this long is routed whole: the prefix's bookkeeping would cost as much
_WHOLE_ROUTE = 8


def _first_of_route_prefix(cutter, text: str, count: int) -> list[tuple[str, str]] | None:
    """The first `count` words of `cutter.cut(text)` (text one block of the cut) from the route of
    a prefix (`POSCutter.route_prefix`, which ClauseCut reads the same way): the dictionary route
    of a 60-character clause is most of a tagging, and its first words are settled a few
    characters in. A short phrase is routed whole, and its words read here all the same (the
    cut's generators cost more than its route). None when the prefix holds fewer words than
    asked for."""
    cutter._user_tags_loaded()
    ends = cutter.route_prefix(text, 1) if len(text) > _WHOLE_ROUTE else cutter.route(text)
    tags, q = cutter.word_tag_tab, len(ends)
    out: list[tuple[str, str]] = []
    for a, b, whole in route_pieces(ends):
        if whole:
            word = text[a:b]
            out.append((word, tags.get(word, "x")))
        elif b < q:
            out.extend(itertools.islice(cutter.unknown_run(text[a:b]), count - len(out)))
        elif q < len(text):
            return None
        else:  # the run that ends the phrase
            out.extend(itertools.islice(cutter.unknown_run(text[a:]), count - len(out)))
            return out
        if len(out) >= count:
            return out
    if q < len(text):
        return None  # (a prefix ends with a word of two or more characters: no run is left open)
    return out


class Metric(NamedTuple):
    text: str
    start: int
    end: int


@functools.lru_cache(maxsize=1)
def _lists():
    m = words()["metric"]
    leading = frozenset(m["leading"])
    attributes = regex.compile("|".join(f"(?:{a})" for a in m["attributes"]))
    return leading, attributes


@functools.lru_cache(maxsize=1)
def _fillers() -> tuple[str, ...]:
    return tuple(words()["metric"]["fillers"])


@functools.lru_cache(maxsize=1)
def _leading_word() -> re.Pattern:
    """A leading word at the start of the text, as a trie (a plain `re` pattern of literals)."""
    return re.compile(trie_pattern(_lists()[0]))


@functools.lru_cache(maxsize=1)
def _trailing_run() -> regex.Pattern:
    """What strip_trailing takes off, matched backwards from the end: runs of marks and, one after
    the other, the longest trailing word that ends there. Every plan word can stand between a
    metric and its number (`研发投入预计将超过`). Greedy with nothing after it, the repetition never
    backtracks into a shorter word; the trie keeps each step short."""
    trailing = set(words()["metric"]["trailing"]) | set(words()["cues"]["plan"])
    return regex.compile(r"(?r)(?:[^\p{Han}A-Za-z0-9)]|" + trie_pattern((w for w in trailing if w), backwards=True) + ")*")


@functools.lru_cache(maxsize=1)
def _leading_firsts() -> frozenset[str]:
    return frozenset(w[0] for w in _lists()[0] if w)


def _may_lead(text: str, start: int, end: int) -> bool:
    """Whether a leading word begins text[start:end]: jieba's first word is a prefix of the clause,
    so when no leading word is one, cutting the clause cannot find any. (Most clauses start with
    a character no leading word starts with: a set look-up tells, before the trie is tried.)"""
    return (start < end and text[start] in _leading_firsts()
            and _leading_word().match(text, start, end) is not None)


@functools.lru_cache(maxsize=1)
def _head_nouns() -> tuple[str, ...]:
    return tuple(words()["metric"]["head_nouns"])


@functools.lru_cache(maxsize=1)
def _coordinators() -> frozenset[str]:
    return frozenset(words()["metric"]["coordinators"])


def head_nouns() -> tuple[str, ...]:
    """Nouns that end the name of a thing built or set up (项目, 基地, 生产线)."""
    return _head_nouns()


def is_attribute(metric: str) -> bool:
    """A project's area, total investment, capacity: described, not promised, without a plan word."""
    return bool(_lists()[1].search(metric))


@functools.lru_cache(maxsize=1)
def _trailing_words() -> tuple[frozenset, dict[str, tuple[int, ...]]]:
    """The words of `_trailing_run`, and by their last character the lengths they have, longest first."""
    trailing = {w for w in set(words()["metric"]["trailing"]) | set(words()["cues"]["plan"]) if w}
    lengths: dict[str, set] = {}
    for w in trailing:
        lengths.setdefault(w[-1], set()).add(len(w))
    return frozenset(trailing), {c: tuple(sorted(n, reverse=True)) for c, n in lengths.items()}


def _is_mark(char: str) -> bool:
    """`[^\\p{Han}A-Za-z0-9)]` of `_trailing_run` for one character: the block of common Chinese
    characters and ASCII settle it without the regex (test_targets_fast_paths)."""
    if "\u4e00" <= char <= "\u9fff":
        return False
    if char < "\x80":
        return not (char.isalnum() or char == ")")
    return _HAN.match(char) is None


def strip_trailing(text: str, start: int, end: int) -> int:
    """End of text[start:end] once comparators, modal and linking words are taken off its end.

    `_trailing_run().match(text, start, end).start()`, step for step: from the end, a mark, else
    the longest word that ends there, until neither is found (a greedy repetition with nothing
    after it takes the first alternative that matches at each step and never backtracks)."""
    found, lengths = _trailing_words()
    pos = end
    while pos > start:
        char = text[pos - 1]
        if _is_mark(char):
            pos -= 1
            continue
        for n in lengths.get(char, ()):
            if pos - n >= start and text[pos - n:pos] in found:
                pos -= n
                break
        else:
            break
    return pos


def strip_leading(text: str, start: int, end: int, user_words=(), memo: dict | None = None) -> int:
    """Start of text[start:end] once subjects, time words, modal and generic verbs are taken off."""
    leading, _ = _lists()
    while start < end and text[start] in _QUOTES:
        start += 1
    if start >= end:
        return start
    # (a match ends with a 等 at most 30 characters in: where there is none, no need to try)
    m = _ENUMERATION.match(text, start, end) if text.find("等", start, min(end, start + 31)) >= 0 else None
    if m:  # 种植玉米、大豆等秋粮作物: the list of examples is not the metric
        start = m.end()
    after_locative = False
    while start < end:
        char = text[start]
        if not ("\u4e00" <= char <= "\u9fff") or char in SKIPPED_HAN_FIRST:
            start = _SKIPPED.match(text, start, end).end()
        if start >= end or not (after_locative or _may_lead(text, start, end)):
            break  # no leading word to take off, so the clause need not be tagged
        # only after 在 do the second and third words matter (a place, then 市域): else the first
        # word alone, and the tagger stops there
        words = first_words(text[start:end], 3 if after_locative else 1, user_words, memo)
        if words and words[0][0] in leading:
            start += len(words[0][0])
            after_locative = words[0][0] in _LOCATIVES
        elif after_locative and len(words) > 2 and words[0][1] == "ns":
            # the place after 在 says where it happens (在扬州市域征地): it is not what is measured
            place, then = words[0][0], words[1][0]
            start += len(place) + len(then) if len(then) == 1 and then in _PLACE_SUFFIX else len(place)
        else:
            break
    return start


def before(text: str, region_start: int, region_end: int, barriers: list[tuple[int, int]],
           user_words=(), excised: list[tuple[int, int]] = (), memo: dict | None = None) -> Metric | None:
    """The metric in text[region_start:region_end] (the clause up to the number), or None.

    Comparators and modal words are taken off the end first (`营业收入力争达到`); then `barriers`,
    spans the metric cannot reach back over (cue words, dates, organization names), set its start.
    `excised` spans are left out of the metric's text (the base of a comparison: `能耗较2020年下降`
    → 能耗下降); the metric's span still runs over them.
    `memo`: the document's tagged phrases (first_words).
    """
    end = strip_trailing(text, region_start, region_end)
    start = region_start
    for b_start, b_end in barriers:
        if region_start <= b_start and b_end <= end:
            start = max(start, b_end)
    start = strip_leading(text, start, end, user_words, memo)
    # no second strip_trailing(text, start, end): the backwards match above stopped at `end`
    # because nothing that may be taken off ends there, and a later start lets in no more
    if end <= start:
        return None
    if excised:
        pieces, pos = [], start
        for x_start, x_end in sorted(excised):
            if start <= x_start and x_end <= end and x_start >= pos:
                pieces.append(text[pos:x_start])
                pos = x_end
        pieces.append(text[pos:end])
        name = "".join(pieces)
    else:
        name = text[start:end]
    for filler in _fillers():
        if filler in name:
            name = name.replace(filler, "")
    if not _NAMING_CHAR.search(name):
        return None
    return Metric(name, start, end)


def after(text: str, number_end: int, clause_end: int, user_words=()) -> Metric | None:
    """What a count classifier counts, right behind the number (`20名博士`), or None.

    Nouns, then verbs only when they end the clause (`1家企业上市`, `60~80个成果转化`): in
    `3,000家中小企业导入数位工具` the verb starts a new phrase and the metric is 中小企业.
    """
    tokens = _pos_cut(text[number_end:clause_end], user_words)
    i = _noun_run(tokens, 0)
    if i == 0:
        return None
    end = tokens[i - 1][3]
    # things counted together (`约5万个公营及私营住宅单位`): over a joining word to the nouns after
    # it, but never to a second number
    coordinators = _coordinators()
    while i + 1 < len(tokens) and tokens[i][0] in coordinators:
        k = _noun_run(tokens, i + 1)
        if k == i + 1:
            break
        end = tokens[k - 1][3]
        i = k
    # a compound name runs on over a verb or two to its head noun (20个智能制造示范项目), which
    # a list of head nouns tells from a new verb phrase (3,000家中小企业导入数位工具)
    heads = _head_nouns()
    while i < len(tokens):
        j = i
        while j < len(tokens) and j - i < 2 and tokens[j][1].startswith(VERB_TAGS):
            j += 1
        k = j
        while k < len(tokens) and tokens[k][1].startswith(NOUN_TAGS) and tokens[k][0] not in ("的", "等"):
            k += 1
        if j == i or k == j or not tokens[k - 1][0].endswith(heads):
            break
        end = tokens[k - 1][3]
        i = k
    j = i
    while j < len(tokens) and tokens[j][1].startswith(VERB_TAGS):
        j += 1
    rest = text[number_end + (tokens[j][2] if j < len(tokens) else clause_end - number_end):clause_end]
    if j > i and (j == len(tokens) or rest.startswith("的") or not _HAN.search(rest)):
        end = tokens[j - 1][3]
    return Metric(text[number_end:number_end + end], number_end, number_end + end)


def _noun_run(tokens: list, i: int) -> int:
    """Where the run of nouns that starts at tokens[i] ends, before 的 or 等; an adjective counts
    when a noun follows it (10款新产品)."""
    n = len(tokens)
    while i < n and tokens[i][0] not in ("的", "等"):
        tag = tokens[i][1]
        if not (tag.startswith(NOUN_TAGS)
                or tag.startswith(("a", "b")) and i + 1 < n and tokens[i + 1][1].startswith(NOUN_TAGS)):
            break
        i += 1
    return i


def from_previous_clause(text: str, clause_start: int, clause_end: int, user_words=()) -> Metric | None:
    """What the verb of a clause acts on, when the clause ends with it (`发行超长期特别国债`)."""
    tokens = _pos_cut(text[clause_start:clause_end], user_words)
    while tokens and tokens[-1][1] == "x":
        tokens.pop()
    if not tokens or not tokens[-1][1].startswith(NOUN_TAGS):
        return None
    verbs = [k for k, tok in enumerate(tokens) if tok[1].startswith(VERB_TAGS) and len(tok[0]) >= 2]
    if not verbs or verbs[-1] == len(tokens) - 1:
        return None
    start, end = clause_start + tokens[verbs[-1] + 1][2], clause_start + tokens[-1][3]
    return Metric(text[start:end], start, end)
