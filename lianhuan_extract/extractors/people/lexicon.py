"""The family's words (data/titles.toml, data/surnames.toml) and the patterns built from them, once."""
from __future__ import annotations

import functools
import re
from importlib import resources

from ...data import load
from ...segmenter.wordtrie import trie_pattern

SPACES = " \u3000\t"


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@functools.lru_cache(maxsize=1)
def lists() -> dict:
    d = dict(load("titles"))
    names = load("surnames")
    d["single_surnames"] = frozenset("".join(names["single"].split()))
    d["double_surnames"] = frozenset(names["double"])
    party = [c + p for c in d["party_committees"] for p in d["party_posts"]]
    d["all_titles"] = sorted(set(d["titles"]) | set(party), key=len, reverse=True)
    d["title_set"] = frozenset(d["all_titles"])
    d["honorifics"] = frozenset(d["honorifics"])
    d["not_in_given"] = frozenset(d["not_in_given"])
    d["not_in_bounded_given"] = frozenset(d["not_in_bounded_given"])
    d["before_name"] = frozenset(d["before_name"])
    d["function_surnames"] = frozenset(d["function_surnames"])
    d["joiners"] = frozenset(d["joiners"])
    d["role_set"] = frozenset(d["roles"])
    d["byline_set"] = frozenset(d["byline_roles"])
    d["outlet_endings"] = tuple(d["outlet_endings"])
    d["list_cues"] = tuple(d["people_lists"]["cues"])
    d["role_after_words"] = tuple(d["roles_after"] + d["honorifics_after"])  # what "role_after" matches
    d["list_openers"] = tuple(d["people_lists"]["openers"])
    d["list_leads"] = tuple(d["people_lists"]["leads"])
    d["list_verbs"] = tuple(sorted(d["people_lists"]["verbs"], key=len, reverse=True))
    return d


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """The gazetteer's full and short names (data/places.txt): 张家港市长 is the mayor of a place."""
    text = resources.files("lianhuan_extract.data").joinpath("places.txt").read_text("utf-8")
    out = set()
    for line in text.splitlines():
        if line and not line.startswith("#"):
            out.update(part for part in line.split("\t")[:2] if part)
    return frozenset(out)


# A date right after a name ends it: 林某今(9)日主持 is 林某, not 林某今.
_TIME_AFTER = r"[今昨][ \u3000]{0,2}[(（][ \u3000]{0,2}[0-9一二三四五六七八九十]{1,3}[ \u3000]{0,2}[)）][ \u3000]{0,2}日"


@functools.lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    # plain word lists: the standard engine walks their tries several times faster than `regex`
    d = lists()
    spaces = "[ \u3000]"
    return {
        "title": re.compile(trie_pattern(d["all_titles"])),
        "title_heads": _title_heads(d["all_titles"]),
        "label": re.compile(r"(?:" + trie_pattern(d["labels"]) + r")" + spaces + "{0,2}:" + spaces + "{0,2}"),
        "follower": re.compile(spaces + "{0,3}(?:" + trie_pattern(d["followers"] + d["all_titles"]) + r")"),
        "time_after": re.compile(_TIME_AFTER),
        "byline": re.compile(trie_pattern(list(d["byline_roles"]))),
        "role": re.compile(trie_pattern(d["roles"])),
        "role_after": re.compile(trie_pattern(d["roles_after"] + d["honorifics_after"])),
        "list_cue": re.compile(trie_pattern(d["list_cues"])),
        "contact_after": re.compile(r"[ \u3000,,;;]{0,4}(?:" + trie_pattern(d["contact_after"]) + r")"),
        # a filing's form: 发言人 某某 发言人职称 财务长 (the title of the name before the label)
        "title_label": re.compile(r"(?:代理)?(?:发言人)?职称[ \u3000:：]{0,3}"),
        "colon": re.compile(r"[:：]" + spaces + "{0,2}(?=[\u4e00-\u9fff])"),
        # a name in brackets alone at the end of a line: the writer's signature, (刘某)
        # (a unit before a space is allowed: (学院活动组 姚某))
        "signature": re.compile(r"(?m)[(（](?:[\u4e00-\u9fff]{1,12}[ \u3000])?([\u4e00-\u9fff]{2,4})[)）][ \u3000\t]*$"),
        # a writer's name opening a line before a slash: 陈某 / 桃园市长张某今日前往
        "line_author": re.compile(r"(?m)^[ \u3000]*([\u4e00-\u9fff]{2,4})[ \u3000]*[/∕][ \u3000]"),
        # a photo credit: 陈某摄 alone, (吴某摄)
        "photo": re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,4})[ \u3000]{0,2}摄(?![\u4e00-\u9fff])"),
        # 等 closing a list of people: 等出席, 等人, 等三位议员
        "deng": re.compile(r"等(?:[0-9一二三四五六七八九十两]{1,3}[位名])?(?:"
                           + trie_pattern(d["people_lists"]["after_deng"] + d["people_lists"]["verbs"]) + ")"),
        # names joined by 、: 甲、乙、丙 (each run of Han characters a chunk)
        # (from the start of a run only, so that a long run without 、 is read once, not once a character)
        "dunhao_list": re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+)+"),
    }


def _title_heads(titles: list[str]):
    """A pattern for the places a title may start (a title's first character before a character
    titles have second, or a title of one character), the titles of two characters or more by
    their first two, longest first, and the titles of one character."""
    longer = [t for t in titles if len(t) >= 2]
    singles = frozenset(t for t in titles if len(t) == 1)
    by_head: dict[str, list[str]] = {}
    for t in sorted(longer, key=len, reverse=True):
        by_head.setdefault(t[:2], []).append(t)
    alternatives = []
    if longer:
        alternatives.append("[" + re.escape("".join(sorted({t[0] for t in longer}))) + "](?=["
                            + re.escape("".join(sorted({t[1] for t in longer}))) + "])")
    if singles:
        alternatives.append("[" + re.escape("".join(sorted(singles))) + "]")
    pattern = re.compile("|".join(alternatives) or "(?!)")
    return pattern, {head: tuple(words) for head, words in by_head.items()}, singles


def title_matches(text: str) -> list[tuple[int, str]]:
    """(start, title) of the matches of patterns()["title"].finditer(text): from the left, at each
    place the longest title that starts there, none overlapping an earlier one. The trie tried at
    every place a title's first character holds (about one character in five) costs more than
    finding the places where the first two characters can open a title (a third of those) and
    looking the two up."""
    heads, by_head, singles = patterns()["title_heads"]
    out = []
    pos = 0
    get = by_head.get
    for m in heads.finditer(text):
        at = m.start()
        if at < pos:
            continue  # inside the title just taken
        words = get(text[at:at + 2])
        if words is not None:
            for w in words:
                if text.startswith(w, at):
                    break
            else:
                w = None
            if w is not None:
                out.append((at, w))
                pos = at + len(w)
                continue
        if singles and text[at] in singles:
            out.append((at, text[at]))
            pos = at + 1
    return out
