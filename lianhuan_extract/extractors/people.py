"""People: names anchored by a title or a contact label, then every later mention of the same name.

jieba tags names unreliably (夏春来 comes out as a time word), so a name is found from its anchor:
a title right before it (市委副书记、市长陈平; 董事长 周凯), a title right after it (农业处吴秋兰处长),
or a label (联系人:方晓东). A candidate is a known surname (data/surnames.toml) and a one- or
two-character given name; its length is settled by what follows it (陈平|出席, 赵嘉禾|主持, a
punctuation mark). The titles of one person are the chain of titles before the name, joined by 、
or 兼, with the organizations between them skipped (全国人大代表、江东机械集团有限公司党委书记、董事长).
Matching runs on the normalised text, where pinyin glosses (董事長(cháng)) are already gone.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import regex

from ..data import load
from ..entity import Context, Entity
from ..segmenter.segment import pos_tokenizer
from ..segmenter.wordtrie import starts_of_all, trie_pattern

HAN = regex.compile(r"\p{Han}+")
SPACES = " \u3000\t"


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
    return d


@functools.lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    # plain word lists: the standard engine walks their tries several times faster than `regex`
    d = lists()
    return {
        "title": re.compile(trie_pattern(d["all_titles"])),
        "label": re.compile(r"(?:" + trie_pattern(d["labels"]) + r")[ \u3000]{0,2}:[ \u3000]{0,2}"),
        "follower": re.compile(r"[ \u3000]{0,3}(?:" + trie_pattern(d["followers"] + d["all_titles"]) + r")"),
    }


@dataclass
class Person:
    name: str
    titles: list[str] = field(default_factory=list)
    org: str | None = None
    spans: list[tuple[int, int, str]] = field(default_factory=list)


def _surname_at(text: str, pos: int) -> int:
    """Length of the surname starting at `pos` (2 for 欧阳), or 0."""
    d = lists()
    if text[pos:pos + 2] in d["double_surnames"]:
        return 2
    if pos < len(text) and text[pos] in d["single_surnames"]:
        return 1
    return 0


def _given_ok(given: str) -> bool:
    return bool(HAN.fullmatch(given)) and lists()["not_in_given"].isdisjoint(given)


def _end_strength(text: str, end: int) -> int:
    """How surely text[:end] ends a name: 2 for punctuation, the end or a follower word of two or
    more characters (表示, 出席, a title), 1 for a one-character follower (在, 为), 0 for none."""
    if end >= len(text):
        return 2
    ch = text[end]
    if not ("\u4e00" <= ch <= "\u9fff"):
        return 2
    m = patterns()["follower"].match(text, end)
    if not m:
        return 0
    return 2 if len(m.group().strip(SPACES)) >= 2 else 1


def _ends_name(text: str, end: int) -> bool:
    return _end_strength(text, end) > 0


def _dictionary_tag(word: str) -> str | None:
    return pos_tokenizer().word_tag_tab.get(word)


def name_at(text: str, pos: int) -> int:
    """Length of the person's name starting at `pos` (surname + given name), or 0."""
    s = _surname_at(text, pos)
    if not s:
        return 0
    honorifics = lists()["honorifics"]
    candidates = [n for n in (s + 2, s + 1) if pos + n <= len(text) and _given_ok(text[pos + s:pos + n])
                  and text[pos + s:pos + n] not in honorifics]
    scored = []
    for n in candidates:
        strength = _end_strength(text, pos + n)
        if not strength:
            continue
        tag = _dictionary_tag(text[pos:pos + n])
        if tag is not None and not tag.startswith("nr"):
            continue  # 高度|重视, 董事长: a common word, not a name
        if n == s + 2 and text[pos + n - 1] in "和与同跟" and _end_strength(text, pos + n - 1):
            continue  # 李明和市长王强: 和 joins two people
        scored.append((strength, n))
    if scored:
        # 刘俏|认为 beats 刘俏认|为: a longer follower settles the length; at a tie the longer name wins
        return max(scored)[1]
    for n in candidates:  # nothing tells where it ends: trust a name the dictionary knows
        tag = _dictionary_tag(text[pos:pos + n])
        if tag is not None and tag.startswith("nr"):
            return n
    return 0


def name_before(text: str, end: int) -> int:
    """Start of a name that ends at `end` (农业处|吴秋兰|处长), or -1."""
    for n in (3, 2, 4):
        start = end - n
        if start < 0:
            continue
        s = _surname_at(text, start)
        if not s or n - s not in (1, 2) or not _given_ok(text[start + s:end]):
            continue
        tag = _dictionary_tag(text[start:end])
        if tag is not None and not tag.startswith("nr"):
            continue  # 相关|负责人: a common word
        before = text[start - 1] if start > 0 else "\n"
        if not ("\u4e00" <= before <= "\u9fff") or before in "处科局部委厅署室组司院所":
            return start
    return -1


class TitleChain:
    """Titles found in the text, and the org mentions between them."""

    def __init__(self, text: str, orgs: list[Entity], titles=None):
        self.text = text
        if titles is None:
            titles = patterns()["title"].finditer(text)
        self.titles = {m.end(): m for m in titles}
        self.org_ends = {}
        for e in orgs:
            self.org_ends.setdefault(e.end, e)
        self.generic_orgs = ("集团", "公司", "医院", "大学", "学院", "本公司", "本行", "银行", "协会", "学会", "研究院")

    def titles_before(self, end: int) -> tuple[list[str], str | None]:
        """The titles ending at `end` and the ones chained before them, nearest last; the org named among them."""
        out: list[str] = []
        org = None
        pos = end
        while pos in self.titles:
            m = self.titles[pos]
            out.insert(0, m.group())
            pos = m.start()
            if pos in self.org_ends:  # 江东机械集团有限公司|党委书记
                org = org or self.org_ends[pos].fields.get("name")
                pos = self.org_ends[pos].start
            else:
                for word in self.generic_orgs:
                    if self.text.endswith(word, 0, pos):
                        pos -= len(word)
                        break
            if pos > 0 and self.text[pos - 1] in "、兼":
                pos -= 1
                continue
            break
        return out, org


def _skip_spaces(text: str, pos: int, limit: int = 3) -> int:
    n = 0
    while pos < len(text) and text[pos] in SPACES and n < limit:
        pos += 1
        n += 1
    return pos


def _coverage(text: str, spans) -> bytearray:
    covered = bytearray(len(text) + 1)
    for s, e in spans:
        covered[s:e] = b"\x01" * (e - s)
    return covered


def find_people(text: str, orgs: list[Entity]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    in_org = _coverage(text, [(e.start, e.end) for e in orgs])
    in_person = bytearray(len(text) + 1)
    # the title alternation is long: one pass serves the chain and both directions
    title_matches = list(patterns()["title"].finditer(text))
    chain = TitleChain(text, orgs, title_matches)

    def inside_org(start: int, end: int) -> bool:
        return any(in_org[start:end])

    # (name, start) of each span added: a repeated name is looked up, not compared with its spans
    added: set[tuple[str, int]] = set()

    def add(start: int, end: int, titles: list[str], org: str | None, rule: str) -> None:
        if inside_org(start, end):
            return
        name = text[start:end]
        person = people.setdefault(name, Person(name))
        for t in titles:
            if t not in person.titles:
                person.titles.append(t)
        person.org = person.org or org
        if (name, start) not in added:
            added.add((name, start))
            person.spans.append((start, end, rule))
            in_person[start:end] = b"\x01" * (end - start)

    # a title, then the name: 市委副书记、市长陈平; 副市长孙蕾、黄启明
    for m in title_matches:
        pos = _skip_spaces(text, m.end())
        n = name_at(text, pos)
        if not n:
            continue
        titles, org = chain.titles_before(m.end())
        add(pos, pos + n, titles, org, "person.title_before")
        nxt = pos + n
        while nxt < len(text) and text[nxt] == "、":
            k = name_at(text, nxt + 1)
            if not k or text[nxt + 1:nxt + 1 + k] in lists()["title_set"]:
                break
            add(nxt + 1, nxt + 1 + k, titles, org, "person.title_before")
            nxt = nxt + 1 + k
    # the name, then the title: 农业处吴秋兰处长, 黄建豪 科长
    for m in title_matches:
        end = m.start()
        while end > 0 and text[end - 1] in SPACES:
            end -= 1
        start = name_before(text, end)
        if start < 0 or not _ends_name(text, m.end()):
            continue
        if name_at(text, _skip_spaces(text, m.end())):
            continue  # 记者 王小明 通讯员 李华: the title belongs to the name after it
        if text[start:end] in people or not in_person[start]:
            add(start, end, [m.group()], None, "person.title_after")
    # a label: 联系人:方晓东
    for m in patterns()["label"].finditer(text):
        n = name_at(text, m.end())
        if n:
            add(m.end(), m.end() + n, [], None, "person.label")
    return people


def extract(ctx: Context) -> list[Entity]:
    text = ctx.text
    orgs = ctx.found("org")
    people = find_people(text, orgs)
    in_org = _coverage(text, [(e.start, e.end) for e in orgs])
    out: list[Entity] = []
    written = starts_of_all(text, people)  # every name looked up in one pass, not the text once a name
    for person in people.values():
        spans = {s for s, _, _ in person.spans}
        # the same name later without its title (夏春来表示) is the same person
        size = len(person.name)
        resume = 0
        for at in written[person.name]:  # each place it is written, without overlaps
            if at < resume:
                continue
            if at not in spans and not any(in_org[at:at + size]):
                person.spans.append((at, at + size, "person.repeated"))
                spans.add(at)
            resume = at + size
        ctx.doc.add_user_word(person.name, 2000, "nr")
        fields = {"name": person.name, "titles": list(person.titles)}
        if person.org:
            fields["org"] = person.org
        for start, end, rule in sorted(person.spans):
            out.append(Entity("person", start, end, dict(fields, titles=list(person.titles)), rule))
    return out
