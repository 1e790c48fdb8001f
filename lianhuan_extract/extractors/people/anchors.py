"""The structures that say a name stands here, one small rule each.

    title_before  市委副书记、市长陈平; 副县长李明、王芳 (a title, then one name or a list)
    title_after   农业处吴秋兰处长; 协进会洪某理事长; 傅某总裁代表公司 (the name, then its title)
    byline        记者 孟雪 张浩然; 编辑:乔某  审核:雷某; 文/李某 图/王某 (a role covers every name)
    list          集团领导甲、乙、丙出席; ,甲、乙、丙等参加 (names with no title beside each)
    role          村民陈某说; 种粮大户赵某作交流发言; 黎某同志当选 (a word that places a name, no title)
    label         联系人:方某; 报名:杜某  手机:138... (a contact)
    signature     (刘某) alone at the end of a line; 陈某摄 (a photo credit)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

from ...entity import Entity
from ...segmenter.wordtrie import matches_from
from .chain import TitleChain, find_titles
from .lexicon import SPACES, is_han, lists, patterns
from .names import (end_strength, ends_name, given_ok, name_at, name_before, run_is_name, surname_at,
                    tagger_agrees)


@dataclass
class Person:
    name: str
    titles: list[str] = field(default_factory=list)
    org: str | None = None
    spans: dict[int, tuple[int, str]] = field(default_factory=dict)  # start -> (end, rule)


def _skip_spaces(text: str, pos: int, limit: int = 3) -> int:
    n = 0
    while pos < len(text) and text[pos] in SPACES and n < limit:
        pos += 1
        n += 1
    return pos


def _skip_bracket(text: str, pos: int) -> int:
    """Past a short bracketed note between a title and its name: 常任秘书长(工务)郑某."""
    if pos < len(text) and text[pos] in "(（":
        for k in range(pos + 1, min(len(text), pos + 10)):
            if text[k] in ")）":
                return _skip_spaces(text, k + 1)
            if text[k] in "(（\n":
                break
    return pos


_RUN_ENDING_AT = regex.compile("(?r)[\u4e00-\u9fff]+")  # the run of Han characters before a position


def _dunhao_lists(pattern: re.Pattern, text: str):
    """The matches of the dunhao_list pattern's finditer(text), each tried only at the start of the
    run before a 、 with Han characters on both sides (the first such 、 is in the leftmost list):
    the same matches, without the engine reading every run of the text."""
    pos = 0
    d = text.find("、")
    while d >= 0:
        if d > pos and is_han(text[d - 1]) and is_han(text[d + 1:d + 2] or "\0"):
            m = pattern.match(text, _RUN_ENDING_AT.match(text, pos, d).start())
            yield m
            pos = m.end()
            d = text.find("、", pos)
        else:
            d = text.find("、", d + 1)


class Finder:
    """The people of one text, as the rules find them."""

    def __init__(self, text: str, orgs: list[Entity]):
        self.text = text
        self.people: dict[str, Person] = {}
        self.in_org = bytearray(len(text) + 1)
        for e in orgs:
            self.in_org[e.start:e.end] = b"\x01" * (e.end - e.start)
        self.org_before = {e.end: e.fields.get("name") for e in orgs}  # 某协进会|洪某理事长
        self.org_starts = set(self.org_before)  # a name may start where an org ends
        self.in_person = bytearray(len(text) + 1)
        # the title alternation is long: one pass serves the chain and both directions
        self.title_matches = find_titles(text)
        self.chain = TitleChain(text, orgs, self.title_matches)
        # ... or a title: 主席李某议员 has both
        self.name_starts = self.org_starts | {m.end() for m in self.title_matches}

    def add(self, start: int, end: int, titles, org: str | None, rule: str, titled: bool = False) -> None:
        if not titled and any(self.in_org[start:end]):
            return  # 王建国科技有限公司 names a company; after its title (董事长王某) a name is a
            # person even where an org was read over it (董事长王某作集团有限公司, 副局长强某|庆和市档案局)
        name = self.text[start:end]
        person = self.people.setdefault(name, Person(name))
        for t in titles:
            if t and t not in person.titles:
                person.titles.append(t)
        person.org = person.org or org
        if start not in person.spans:
            person.spans[start] = (end, rule)
            self.in_person[start:end] = b"\x01" * (end - start)

    def run(self) -> dict[str, Person]:
        self.title_before()
        self.title_after()
        self.bylines()
        self.lists()
        self.roles()
        self.labels()
        self.signatures()
        self.title_labels()
        return self.people

    def title_labels(self) -> None:
        """发言人 陈某 发言人职称 财务长: the title a form gives the name before its label."""
        text = self.text
        if "职称" not in text:
            return  # every label holds it: no need to run the pattern over the text
        ends = {}
        for person in self.people.values():
            for start, (end, _) in person.spans.items():
                ends[end] = person
        title = patterns()["title"]
        for m in patterns()["title_label"].finditer(text):
            k = m.start()
            while k > 0 and text[k - 1] in SPACES and m.start() - k < 3:
                k -= 1
            t = title.match(text, m.end())
            if k in ends and t and t.group() not in ends[k].titles:
                ends[k].titles.append(t.group())

    # -- titles -------------------------------------------------------------------------------
    def title_before(self) -> None:
        text = self.text
        title_set = lists()["title_set"]
        for m in self.title_matches:
            pos = _skip_bracket(text, _skip_spaces(text, m.end()))
            n = name_at(text, pos)
            if not n:
                continue
            titles, org = self.chain.titles_before(m.end())
            self.add(pos, pos + n, titles, org, "person.title_before", titled=True)
            nxt = pos + n
            while nxt < len(text) and text[nxt] in "、及":  # 副市长孙蕾、黄启明; 常任秘书长甲及乙
                k = name_at(text, nxt + 1, guess=False)  # 、利泽国际偶戏艺术村 is no name
                if not k or text[nxt + 1:nxt + 1 + k] in title_set:
                    break
                self.add(nxt + 1, nxt + 1 + k, titles, org, "person.title_before", titled=True)
                nxt = nxt + 1 + k

    def title_after(self) -> None:
        text = self.text
        for m in self.title_matches:
            end = m.start()
            while end > 0 and text[end - 1] in SPACES:
                end -= 1
            start = name_before(text, end, self.name_starts)
            if start < 0:
                continue
            if not ends_name(text, m.end()) and start > 0 and is_han(text[start - 1]):
                continue  # what follows the title must end it, unless the name opens a clause
            if m.start() in self.chain.used:
                continue  # 某盛董事长暨执行长许某: one of the titles of the name after them
            if name_at(text, _skip_spaces(text, m.end())):
                continue  # 记者 王小明 通讯员 李华: the title belongs to the name after it
            if text[start:end] in self.people or not self.in_person[start]:
                self.add(start, end, [m.group()], self.org_before.get(start), "person.title_after")

    # -- bylines ------------------------------------------------------------------------------
    def bylines(self) -> None:
        text = self.text
        roles = lists()["byline_roles"]
        reached = 0  # a role that an earlier byline walked over is done (记者 甲 通讯员 乙)
        for m in patterns()["byline"].finditer(text):
            if m.start() < reached:
                continue
            before = text[m.start() - 1] if m.start() else "\n"
            after = text[m.end()] if m.end() < len(text) else "\n"
            marked = after in ":：/|】" or after in SPACES
            if len(m.group()) == 1 and (is_han(before) or after not in ":：/|"):
                continue  # 文/ and 图/ only as a byline's own words
            if not marked and is_han(before):
                continue  # 记者从市统计局获悉; 记者任某报道 is the title rule's
            reached = self._byline_names(m.end(), roles[m.group()])

    def _byline_names(self, pos: int, title: str) -> int:
        """The names a byline role covers, up to the next role or anything else; where it stopped."""
        text = self.text
        d = lists()
        while True:
            if pos < len(text) and text[pos] in ":：/|】":
                pos += 1
            pos = _skip_spaces(text, pos)
            start = pos
            while pos < len(text) and is_han(text[pos]) and pos - start <= 8:
                pos += 1
            run = text[start:pos]
            if run in d["byline_set"]:  # 作者:记者 某某; 记者 甲 通讯员 乙
                title = d["byline_roles"][run]
                continue
            if pos < len(text) and text[pos] in ":：":
                return start  # 来源:某报, 浏览:2315: the next label, not a name
            bounded = pos >= len(text) or not is_han(text[pos])
            if 2 <= len(run) <= 4 and run_is_name(run) and bounded:
                self.add(start, pos, [title], None, "person.byline")
            elif len(run) == 6 and bounded and run_is_name(run[:3], strict=True) and run_is_name(run[3:], strict=True):
                self.add(start, start + 3, [title], None, "person.byline")  # 记者黄某某唐某某/台北报导
                self.add(start + 3, pos, [title], None, "person.byline")
            else:
                n = name_at(text, start) if run else 0
                if n and not run.endswith(d["outlet_endings"]):  # 记者王某报道
                    self.add(start, start + n, [title], None, "person.byline")
                return start
            sep = pos
            while pos < len(text) and text[pos] in SPACES + "、,，" and pos - sep < 3:
                pos += 1
            if pos == sep:
                return pos

    # -- names with no title beside each ------------------------------------------------------
    def lists(self) -> None:
        """甲、乙、丙 after a cue (集团领导) or before a verb of attendance (出席, 等参加)."""
        text = self.text
        for m in _dunhao_lists(patterns()["dunhao_list"], text):
            chunks = m.group().split("、")
            first = self._list_head(chunks[0], m.start())
            if first is None:
                continue  # (most lists: the chunks' starts are not needed)
            starts = []
            at = m.start()
            for c in chunks:
                starts.append(at)
                at += len(c) + 1
            first_start, cued = first
            spans = [(first_start, starts[0] + len(chunks[0]))]
            for c, s in zip(chunks[1:-1], starts[1:-1]):
                if not run_is_name(c, strict=not cued):
                    break
                spans.append((s, s + len(c)))
            else:
                last = self._list_tail(chunks[-1], starts[-1], relaxed=cued)
                if last is not None and (cued or last[1]):
                    spans.append((starts[-1], starts[-1] + last[0]))
                elif not cued:
                    continue
            if not cued and (len(spans) < len(chunks) or not run_is_name(text[spans[0][0]:spans[0][1]], strict=True)):
                continue  # with no cue, every name must be sure and a verb must close the list
            # with a cue, the names up to the first that is none
            for s, e in spans:
                self.add(s, e, [], None, "person.list")
        verbs = lists()["list_verbs"]
        for m in matches_from(patterns()["list_cue"], text, lists()["list_cues"]):  # 市领导王某陪同
            pos = m.end() + (text[m.end():m.end() + 1] in ":：")
            n = name_at(text, pos)
            if n and text.startswith(verbs, pos + n):
                self.add(pos, pos + n, [], None, "person.list")

    def _list_head(self, chunk: str, start: int):
        """(start of the first name, whether a cue or a title opens the list), or None."""
        d = lists()
        text = self.text
        size = len(chunk)
        if not (surname_at(chunk, size - 3) if size >= 3 else 0) and not surname_at(chunk, size - 2) \
                and not (surname_at(chunk, size - 4) if size >= 4 else 0):
            return None  # no name can end the chunk: none starts with a surname (most lists name no people)
        for n in (3, 2, 4):
            if n > size:
                continue
            name, prefix = chunk[-n:], chunk[:-n]
            if not run_is_name(name):
                continue
            if prefix.endswith(d["list_cues"]) or prefix in d["title_set"]:
                return start + len(prefix), True
            if prefix and not prefix.endswith(d["list_openers"]):
                continue
            if not prefix and start > 0 and is_han(text[start - 1]):
                continue
            return start + len(prefix), self._led(start + len(prefix))
        return None

    def _led(self, pos: int) -> bool:
        """Whether the clause before `pos` names attendance or leaders: 出席的有甲、乙; 参加会议的有:甲."""
        text = self.text
        j = pos - 1 if pos > 0 and text[pos - 1] in ":：" else pos
        i = j
        while i > 0 and is_han(text[i - 1]) and j - i < 12:
            i -= 1
        lead = text[i:j]
        return any(w in lead for w in lists()["list_leads"])

    def _list_tail(self, chunk: str, start: int, relaxed: bool):
        """(length of the last name, whether a verb of attendance follows it), or None."""
        text = self.text
        verbs = lists()["list_verbs"]
        s = surname_at(chunk, 0)
        if not s:
            return None
        lengths = [n for n in (s + 2, s + 1) if n <= len(chunk) and given_ok(chunk[s:n])
                   and run_is_name(chunk[:n], strict=not relaxed)]  # open on the right: 张红|等
        deng = patterns()["deng"]
        for n in lengths:  # a verb of attendance settles the length first: 李明|陪同, not 李明陪|同
            if chunk.startswith(verbs, n) or deng.match(text, start + n):
                return n, True
        for n in lengths:
            if end_strength(text, start + n):
                return n, False
        return None

    def roles(self) -> None:
        text = self.text
        for m in patterns()["role"].finditer(text):
            if self.in_person[m.end()]:
                continue
            n = name_at(text, m.end())
            if n and tagger_agrees(text, m.end(), n):
                self.add(m.end(), m.end() + n, [], None, "person.role")
        for m in matches_from(patterns()["role_after"], text, lists()["role_after_words"]):  # 经投票选举,黎某某同志当选
            start = name_before(text, m.start(), self.name_starts)
            if start < 0 or self.in_person[start] or not tagger_agrees(text, start, m.start() - start):
                continue
            if m.group() not in lists()["honorifics_after"] or m.start() - start - surname_at(text, start) == 2:
                self.add(start, m.start(), [], None, "person.role")

    # -- contacts and signatures --------------------------------------------------------------
    def labels(self) -> None:
        text = self.text
        for m in matches_from(patterns()["label"], text, lists()["labels"]):  # 联系人:方某
            n = name_at(text, m.end())
            if n:
                self.add(m.end(), m.end() + n, [], None, "person.label")
        after = patterns()["contact_after"]
        for m in matches_from(patterns()["colon"], text, ":："):  # 报名:杜某  手机:138...
            pos = m.end()
            if self.in_person[pos]:
                continue
            if not (after.match(text, pos + 2) or after.match(text, pos + 3) or after.match(text, pos + 4)):
                continue  # a name is 2 to 4 characters: with no contact word after any of them, none is asked for
            n = name_at(text, pos)
            if n and after.match(text, pos + n):
                self.add(pos, pos + n, [], None, "person.label")

    def signatures(self) -> None:
        """(刘某) alone at the end of a line; a photo credit, 陈某摄; 陈某 / opening a line."""
        text = self.text
        for m in patterns()["photo"].finditer(text) if "摄" in text else ():  # a credit holds 摄
            if run_is_name(m.group(1), strict=True):
                self.add(m.start(1), m.end(1), ["摄影"], None, "person.signature")
        # the pattern holds a slash: a text with none skips its scan of every line
        for m in patterns()["line_author"].finditer(text) if "/" in text or "∕" in text else ():
            if run_is_name(m.group(1), strict=True):
                self.add(m.start(1), m.end(1), [], None, "person.signature")
        for m in matches_from(patterns()["signature"], text, "(（"):  # each opens with a bracket
            before = text[m.start() - 1] if m.start() else "\n"
            if before not in "\n。!?”\"" and before not in SPACES:
                continue
            if run_is_name(m.group(1), strict=True):
                self.add(m.start(1), m.end(1), [], None, "person.signature")


def find_people(text: str, orgs: list[Entity]) -> dict[str, Person]:
    return Finder(text, orgs).run()
