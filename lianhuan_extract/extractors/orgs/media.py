"""Media outlets named by where a page puts them.

An outlet's name ends like one (温州网, 江苏能源报, 温州在线, 瓜州县融媒体中心) but so do many
words (互联网, 电网, 情报), so a name is taken only where the page's layout says it is an outlet:
a source or author field (来源:温州日报), a dateline (瓜州县融媒体中心讯), a byline (财经新闻网
记者), the site's header line (开封网 > 新闻), a list of outlets that a neighbour or the words after
it mark as media (临沂日报、临沂电视台、大众网临沂频道等媒体), an interview (接受澳广视访问).
"""
from __future__ import annotations

import functools
import re

import regex

from ...segmenter.wordtrie import search_starts, trie_pattern
from .names import HAN_CLASS, Mention, lists
from .places import place_ending_at

RULE = "org.media"
_HAN = "[" + HAN_CLASS + "]"


@functools.lru_cache(maxsize=1)
def _tables() -> dict:
    m = lists()["media"]
    return {
        "suffix": tuple(sorted(m["suffixes"], key=len, reverse=True)),
        "suffix_set": frozenset(m["suffixes"]),
        "strong": tuple(lists()["institution"]["media_suffixes"]) + ("在线", "客户端", "卫视"),
        "not_names": frozenset(m["not_names"]) | frozenset(lists()["generic"]["words"]),
        "interview_ends": tuple(m["interview_ends"]),
        "known": frozenset(m["names"]),
        "not_in_core": frozenset(lists()["boundary"]["not_in_core"]),
        "header_followers": tuple(m["header_followers"]),
        "source_fields": tuple(m["source_fields"]),
        # what an item that names an outlet ends with (`_outlet` asks one of these first)
        "item_ends": tuple(m["suffixes"]) + ("频道",),
    }


@functools.lru_cache(maxsize=1)
def _patterns() -> dict:
    m = lists()["media"]
    sep = r"[ \u3000]{0,3}"
    return {
        # 来源:上海证券报·中国证券网 (the names up to the next break)
        "source": regex.compile(r"(?:" + trie_pattern(m["source_fields"]) + r")" + sep + r"[:：]" + sep
                                + r"(\p{Han}{2,16}(?:[·・]\p{Han}{2,16})?)"),
        # 瓜州县融媒体中心讯(记者 ...), 财经新闻网 记者 (a run of Han characters, then the cue)
        "dateline": regex.compile(r"(?<!\p{Han})(\p{Han}{2,14}?)(?:讯(?=[ \u3000(（:：]|$)|[ \u3000]{0,2}记者)"),
        # a header line: 开封网 > 新闻, 黔中资讯网 - 贵州本地新闻门户
        "header": regex.compile(r"(?m)^[ \u3000]{0,4}(\p{Han}{2,12})[ \u3000]{0,4}(?:"
                                + trie_pattern(m["header_followers"]) + r")"),
        # a government page's issuer line: 新闻局　2024-10-23 17:12
        "issuer": regex.compile(r"(?m)^[ \u3000]{0,4}(\p{Han}{2,12}(?:局|署|委员会|办公室|厅|处))[ \u3000]{1,4}\d{4}[-/年.]"),
        # (tried where a 接受 or a 据 is, on the standard engine; HAN_CLASS is \p{Han} written out)
        "interview": re.compile(r"接受(" + _HAN + r"{2,6}?)的?(?:访问|采访|专访)|据(" + _HAN + r"{2,8}?)(?:报道|消息)"),
        # a list of at least two names joined by 、
        "list": regex.compile(r"(?<!\p{Han})\p{Han}{2,14}(?:、\p{Han}{2,14})+"),
        "closer": regex.compile(trie_pattern(m["list_closers"])),
    }


_DOT = regex.compile(r"[·・]")
# what every issuer line holds (its kind, then a space): most texts have none, and are not read line by line
_ISSUER_HINT = re.compile(r"(?:局|署|委员会|办公室|厅|处)[ \u3000]")
# the words a dateline ends with, as a search for 讯|记者 tries them (the two never overlap)
_DATELINE_CUES = ("记者", "讯")
_RUN_START = regex.compile(r"(?<!\p{Han})\p{Han}")


def _datelines(pattern, text: str):
    """The matches of the dateline pattern's finditer(text), tried only at the 2 to 16 characters
    before a 讯 or a 记者 (a run of at most 14 Han characters and 2 spaces comes before the cue):
    the same matches, without trying the pattern at the start of every run of Han characters."""
    pos = 0
    for c in search_starts(text, _DATELINE_CUES):
        # the match starts a run of Han characters: try only the starts of runs in the window
        run = _RUN_START.search(text, max(pos, c - 16), c - 1)
        while run is not None:
            m = pattern.match(text, run.start())
            if m is not None:
                yield m
                pos = m.end()
                break
            run = _RUN_START.search(text, run.start() + 1, c - 1)


_HAN_BEFORE = regex.compile(r"(?r)\p{Han}+")  # the run of Han characters that ends where it is asked


def _list_matches(pattern, text: str):
    """The matches of the list pattern's finditer(text), tried only at the start of the run of
    Han characters before each 、 (a list opens a run, and its first name runs up to a 、): the
    same matches, without trying the pattern at the start of every run of the text."""
    pos = 0
    d = text.find("、")
    while d >= 0:
        # (read back at most 15 characters: a run longer than the 14 of a name opens no list)
        run = _HAN_BEFORE.match(text, max(pos, d - 15), d) if d > pos else None
        if run is not None and run.end() == d:
            m = pattern.match(text, run.start())
            if m is not None:
                yield m
                pos = m.end()
                d = text.find("、", pos)
                continue
        d = text.find("、", d + 1)


def _line_matches(pattern, text: str):
    """The matches of pattern.finditer(text) for a pattern that opens with (?m)^, tried only at the
    start of each line: the same matches, without the engine trying ^ at every character."""
    pos = line = 0
    while True:
        if line >= pos:
            m = pattern.match(text, line)
            if m is not None:
                yield m
                pos = m.end()
        line = text.find("\n", line) + 1
        if line == 0:
            return


# how far into its line a header's follower can start: 4 spaces, 12 Han characters, 4 spaces
_HEADER_REACH = 20


def _header_lines(p: dict, text: str):
    """The matches of _line_matches(p["header"], text), tried only at the lines where one of the
    followers starts within the first _HEADER_REACH characters (a header's match holds one
    there, and stays on its line): the same matches, without trying every line."""
    last = -1
    for at in search_starts(text, _tables()["header_followers"]):
        newline = text.rfind("\n", max(0, at - _HEADER_REACH - 1), at)
        if newline < 0 and at > _HEADER_REACH:
            continue  # the line starts too far before
        line = newline + 1
        if line != last:
            last = line
            m = p["header"].match(text, line)
            if m is not None:
                yield m


def _field_matches(p: dict, text: str):
    """The matches of p["source"].finditer(text), tried only where a source field starts that a
    colon follows, after at most three spaces (every match opens so): the colons are found by
    str.find, not by a scan that tests every character against the fields' first ones."""
    fields = _tables()["source_fields"]
    starts = set()
    for colon in search_starts(text, (":", "：")):
        end = colon
        while True:
            if text.endswith(fields, 0, end):
                starts.update(end - len(f) for f in fields if text.endswith(f, 0, end))
            if colon - end == 3 or text[end - 1:end] not in (" ", "\u3000"):
                break
            end -= 1
    resume = 0
    for at in sorted(starts):
        if at >= resume:
            m = p["source"].match(text, at)
            if m is not None:
                yield m
                resume = m.end()


def _issuer_lines(p: dict, text: str):
    """The matches of _line_matches(p["issuer"], text), tried only at the lines that hold an
    _ISSUER_HINT (a kind, then a space: every issuer line holds one, and its match stays on
    its line): the same matches, without trying every line of the text."""
    last = -1
    for hint in _ISSUER_HINT.finditer(text):
        line = text.rfind("\n", 0, hint.start()) + 1
        if line != last:
            last = line
            m = p["issuer"].match(text, line)
            if m is not None:
                yield m


def _interviews(pattern, text: str):
    """The matches of the interview pattern's finditer(text), tried only where a 接受 or a 据
    starts (as every match does): two str.find passes, not a scan of every character."""
    resume = 0
    for at in search_starts(text, ("接受", "据")):
        if at >= resume:
            m = pattern.match(text, at)
            if m is not None:
                yield m
                resume = m.end()


def _outlet(name: str, strong_only: bool = False) -> str:
    """The outlet a name holds: 大众网 from 大众网临沂频道; '' if it ends like none."""
    t = _tables()
    if name.endswith("频道") and len(name) > 4:
        head = name[:-2]
        place = place_ending_at(head, len(head))
        if place and len(head) - len(place) >= 2:
            head = head[:-len(place)]
        if head.endswith(t["suffix"]):
            name = head
    ends = t["strong"] if strong_only else t["suffix"]
    body = name[:-2] if name.endswith("在线") else name
    if not name.endswith(ends) or name in t["not_names"] or any(c in t["not_in_core"] for c in body):
        return ""  # 董事长沈卫国在接受本报|记者: a clause, not a name
    if name in t["suffix_set"] or len(set(name)) < max(2, len(name) // 2):
        return ""  # 网网网网: a run of one character names nothing
    return name


def _mention(start: int, name: str) -> Mention:
    return Mention(start, start + len(name), name, RULE, kind="media")


def media(text: str) -> list[Mention]:
    p = _patterns()
    out: list[Mention] = []
    # the pattern opens with a source field: a text that writes none skips its scan
    for m in _field_matches(p, text):
        at = m.start(1)
        for part in _DOT.split(m.group(1)):
            name = _outlet(part)
            if name:
                out.append(_mention(at, name))
            at += len(part) + 1
    for found in (_datelines(p["dateline"], text), _header_lines(p, text)):
        for m in found:
            name = _outlet(m.group(1))
            if name:
                out.append(_mention(m.start(1), name))
    for m in _issuer_lines(p, text):
        out.append(Mention(m.start(1), m.end(1), m.group(1), "org.issuer", kind="government"))
    for m in _interviews(p["interview"], text):
        name, at = (m.group(1), m.start(1)) if m.group(1) else (m.group(2), m.start(2))
        if m.group(2) and not _outlet(name):
            continue  # 据|某某|报道: only an outlet's name
        if name.endswith(_tables()["interview_ends"]) and name not in _tables()["not_names"] \
                and "记者" not in name and "媒体" not in name:
            out.append(_mention(at, name))
    for m in _list_matches(p["list"], text):
        items = m.group().split("、")
        # the last item runs on into the words after the list: 温州网全程直播, 大众网临沂频道等媒体
        last = p["closer"].search(items[-1])
        if last is not None:
            items[-1] = items[-1][:last.start()]
        if not any(item.endswith(_tables()["item_ends"]) for item in items):
            continue  # no item ends as an outlet's name does: `_outlet` takes none
        closed = last is not None or p["closer"].match(text, m.end()) is not None
        if not closed and not any(_outlet(i, strong_only=True) for i in items):
            continue
        at = m.start()
        for item in items:
            name = _outlet(item)
            if name:
                out.append(_mention(at, name))
            at += len(item) + 1
    return out
