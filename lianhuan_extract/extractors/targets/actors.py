"""Who commits to a target: a model of the actors of one document.

ANNOTATION.md, Targets, `subject`: the company in a company's plan, the PLACE in a government's
(a place, its 人民政府 and its 市委 are one actor), in a project the company that builds and runs
it; never the outlet that carries the news, nor an organization merely named near the number.

The model is built once per document from what the orgs and people extractors found and from the
text itself:

- actor mentions, in text order: organizations (outlets left out; a place's government stands for
  the place; a department that speaks through its 负责人 speaks for its place), words that name the
  document's place at one level (全市, 我县, 县财政), place names, generic words that stand for the
  document's organization of a kind (公司, 集团, 学院, 当局), the project just named (项目建成后 →
  the company whose project it is), and people whose title says whom they speak for (县长 → the
  county);
- the document's own actor: its most-mentioned organization that is not an outlet, as the place
  when it is the place's government (a department's own news stays the department's).

A target's subject is the last actor named before it in its sentence, else earlier in its
paragraph, else the document's own. An actor right after 向, 与, 配合 ... is an object, not who
commits. Word lists: data/targets.toml, [actors].
"""
from __future__ import annotations

import bisect
import functools
import operator
import re
from collections import Counter
from typing import NamedTuple

import regex

from ... import data
from ...entity import Entity
from ..orgs.places import place_ending_at, places
from ...segmenter.wordtrie import trie_pattern
from .context import Layout, ends_of, words

# 望城区 in 望城区工业和信息化局, 江西省 in 江西省人民政府办公厅: the place a body belongs to
_PLACE_PREFIX = regex.compile(r"(\p{Han}{2,8}?(?:自治区|省|市|县|区|州|旗))(?=\p{Han})")
_LEVEL_PREFIX = regex.compile(r"([省市县区])(?=\p{Han})")
_LEVEL_OF_SUFFIX = {"自治区": "省", "省": "省", "市": "市", "州": "市", "县": "县", "旗": "县", "区": "区"}
# a development zone is a place at district level (滨江经济开发区, 望城经开区)
_ZONE = regex.compile(r"\p{Han}{2,4}?(?:经济技术开发区|经济开发区|高新技术产业开发区|高新区|经开区|开发区|新区|都会区)")
# what a zone's name found by _ZONE may have picked up in front of it (在滨江经济开发区)
# every name _ZONE ends with ends with one of 发新开会 and 区; its longest match (4 + 9)
ZONE_LONGEST = 13
_ZONE_LEAD = regex.compile(r"^[在于的是和与及将到了为由从全各]+")
_PLACE_END = re.compile(r"[省市县区州旗]")  # what ends_of(text, PLACE_END_CHARS) finds the ends of
PLACE_END_CHARS = "省市县区州旗"  # (found with ends_of: a str.find walk a character, faster than a class)
# a place right before the rest of a body's name (城发集团, 发改委, 人社局)
_ORG_AFTER = regex.compile(r"\p{Han}{1,8}?(?:集团|集團|公司|局|委|厅|廳|院|中心|办|辦|管委会|管委會)")
PERSON_NAME = 4  # a speaker this short is a person named (许正雄说), not an outside organization
HEADLINE_LINES = 3  # the lines a headline may sit in, after a site's name or a breadcrumb
SPEAKER_WINDOW = 400  # how far before a number its speaker is looked for, as its cue words are
# X市/X县 that opens a line or a clause and goes on as a place does (绵江市2026年…, 绵江市政府)
_NEW_PLACE = regex.compile(r"(?<![\p{Han}])(\p{Han}{2}[市县])(?=\d|人民政府|政府|委|今年|明年|将|要|全)")
# what may stand right before a generic word that is a subject (`今年,公司计划`, `四季度集团将`)
_GENERIC_OPENERS = set(",;:、。!?\n ()“”\"") | set("年度月日后里上")
# project: 项目计划…, 项目建成投运后…, 该项目…
_PROJECT = regex.compile(r"(?:该|本)?项目(?=将|计划|拟|建成|达产|投产|投运|全部|预计|总投资|共|可)")
_PROJECT_NAME_GAP = 30
# an item or sentence that opens with a project of its own, named and planned (`…产业园项目计划总投资`,
# `…二期工程建成投运后`): what it plans is the document's, not the actor of the item before
_PROJECT_TOPIC = regex.compile(r"[\p{Han}A-Za-z0-9]{2,24}?(?:项目|工程)(?=将|计划|拟|建成|达产|投产|投运|全部|预计|总投资)")
_HAN = regex.compile(r"\p{Han}")
# the block of common Chinese characters, every one of them \p{Han} (test_targets_fast_paths)
COMMON_HAN_FIRST, COMMON_HAN_LAST = "\u4e00", "\u9fff"
_GAP_END = re.compile(r"[,;:。!?\n]")  # where the words after a project owner's name stop
_CLAUSE_MARK = re.compile(r"[,;。\n]")


def _new_places(text: str, place_ends: list[int] | None = None):
    """`_NEW_PLACE.finditer(text)`, tried only where a 市 or 县 can end a match: two of its matches
    cannot overlap (each starts after a character that is not Chinese), so trying each 市 and 县
    in text order finds the same matches as the scan of every position, in a fraction of its time.
    `place_ends`: `ends_of(text, PLACE_END_CHARS)`, when the caller has it."""
    match = _NEW_PLACE.match
    if place_ends is None:
        place_ends = ends_of(text, PLACE_END_CHARS)
    for end in place_ends:
        if end < 3 or text[end - 1] not in "市县":
            continue
        start = end - 3
        # most 市 and 县 are inside a run of Chinese (全市, 市场): the lookbehind fails there
        if start > 0 and COMMON_HAN_FIRST <= text[start - 1] <= COMMON_HAN_LAST:
            continue
        m = match(text, start)
        if m:
            yield m


def _zones(text: str, place_ends: list[int] | None = None):
    """`_ZONE.finditer(text)`, run only on the stretches around the 区 that end a zone's name.

    A match is at most ZONE_LONGEST characters and ends with one of those 区, so it lies inside
    the merged stretches [区 - ZONE_LONGEST + 1, 区 + 1); outside them the scan finds nothing, and
    inside each one (the pattern has no lookaround) it finds what the whole-text scan finds there."""
    stretches: list[list[int]] = []
    if place_ends is None:
        place_ends = ends_of(text, PLACE_END_CHARS)
    for k in place_ends:  # (each 区 preceded by one of 发新开会: the end of a _ZONE_END match)
        if k < 2 or text[k - 1] != "区" or text[k - 2] not in "发新开会":
            continue
        start, end = max(k - ZONE_LONGEST, 0), k
        if stretches and start <= stretches[-1][1]:
            stretches[-1][1] = end
        else:
            stretches.append([start, end])
    for start, end in stretches:
        yield from _ZONE.finditer(text, start, end)


# up to this many words are looked for one by one (str.find runs at memory speed, and there is no
# pattern to build and compile for each document); more, in one pass of a trie
FIND_EACH_UP_TO = 16


def _longest_first(text: str, words, start: int = 0, end: int | None = None, pattern=None) -> list[tuple[int, int]]:
    """Spans of `re.finditer(trie_pattern(words), text, start, end)`: from the left, the longest
    of the words at each place, the next looked for after its end. `pattern`: that trie, compiled
    (for more than FIND_EACH_UP_TO words), when the caller has it."""
    if end is None:
        end = len(text)
    if len(words) > FIND_EACH_UP_TO:
        if pattern is None:
            pattern = re.compile(trie_pattern(words))  # literals: `re` is faster
        return [m.span() for m in pattern.finditer(text, start, end)]
    found = []
    for w in words:
        i = text.find(w, start, end)
        while i >= 0:
            found.append((i, -len(w)))
            i = text.find(w, i + 1, end)
    found.sort()
    out, pos = [], 0
    for i, minus in found:
        if i >= pos:  # the longest word that starts here comes first
            pos = i - minus
            out.append((i, pos))
    return out


_START = operator.attrgetter("start")


class Mention(NamedTuple):
    start: int
    end: int
    actor: str


@functools.lru_cache(maxsize=1)
def _lists():
    a = words()["actors"]
    level_word = {w: level for level, ws in a["level_words"].items() for w in ws}
    title_level = {t: level for level, ts in a["place_titles"].items() for t in ts}
    generic_heads = dict(a["generic_heads"])
    for w in a["generic"]:
        generic_heads.setdefault(w, w)
    return {
        "media": tuple(a["media_suffixes"]),
        "not_actors": tuple(a["not_actors"]),
        "not_place_first": tuple(a["not_place_first"]),
        "place_gov": tuple(sorted(a["place_government"], key=len, reverse=True)),
        "department": tuple(a["department_suffixes"]),
        "objects": tuple(a["object_markers"]),
        "spokesman": tuple(a["spokesman"]),
        "company_titles": tuple(a["company_titles"]),
        "company_forms": tuple(a["company_forms"]),
        "not_company": tuple(a["not_company"]),
        "followers": tuple(a["short_place_followers"]),
        "level_word": level_word,
        "title_level": title_level,
        "generic_heads": generic_heads,
        # the longest word at each place, as a trie (a plain `re` pattern of literals)
        "words": re.compile(trie_pattern({*level_word, *generic_heads})),
    }


@functools.lru_cache(maxsize=1)
def _media_names() -> frozenset[str]:
    """The outlets the orgs extractor knows by name (中央社, 新华社, 财新): data/orgs.toml [media]."""
    return frozenset(data.load("orgs").get("media", {}).get("names", ()))


def is_media(name: str, kind: str | None = None) -> bool:
    """An outlet carrying the news (临沂日报, 盐城新闻网, 瓜州县融媒体中心, 中央社)."""
    return kind == "media" or name.endswith(_lists()["media"]) or name in _media_names()


def _is_place_name(name: str) -> bool:
    """A place's name at the head of a body's (临川市 of 临川市统计局), not a campus or a site
    (新校区 of 新校区建设指挥部办公室): in the gazetteer, or a city, county or province, or a zone."""
    return name in places() or name.endswith(("省", "市", "县", "州", "自治区", "旗")) or bool(_ZONE.fullmatch(name))


def _level_of(place: str) -> str | None:
    for suffix, level in _LEVEL_OF_SUFFIX.items():
        if place.endswith(suffix):
            return level
    if _ZONE.fullmatch(place):
        return "区"
    return None


class Actors:
    """The actor mentions of one document and its own actor."""

    def __init__(self, text: str, layout: Layout, orgs: list[Entity], people: list[Entity], notes=None):
        self.text = text
        self.layout = layout
        lists = _lists()
        self._lists = lists
        # outlets and names that are no actor left out; a name (and a written form) repeats, so
        # each is judged once
        org_list, left_out, not_actors = [], {}, lists["not_actors"]
        self.org_count, self.org_first, self.aliases, self.kinds = Counter(), {}, {}, {}
        for o in orgs:
            fields = o.fields
            name = fields.get("name")
            if not name:
                continue
            key = (name, fields.get("kind"))
            out = left_out.get(key)
            if out is None:
                out = left_out[key] = is_media(*key) or name.endswith(not_actors)
            if out:
                continue
            written = text[o.start:o.end]
            out = left_out.get(written)
            if out is None:
                out = left_out[written] = is_media(written)
            if out:
                continue
            org_list.append(o)
            if name in self.org_first:
                self.org_count[name] += 1
            else:
                self.org_count[name] = 1
                self.org_first[name] = o.start
                self.aliases[name] = list(fields.get("aliases") or [])
                self.kinds[name] = fields.get("kind")
        main = (notes or {}).get("main_org")
        if not self.org_count and main and not is_media(main):
            # no organization entity (the caller ran the targets alone): the main one noted
            self.org_count[main] = 1
            self.org_first[main] = max(text.find(main), 0)
            self.aliases[main] = list((notes or {}).get("main_org_aliases") or [])
        self._government: dict[str, bool] = {}  # name -> _is_government
        self.places = self._places(org_list)
        self.level_place = self._level_places()
        self._org_list = org_list
        # organizations and people by where they start, to take those of one line by bisection
        self._orgs_by_start = sorted(org_list, key=_START)
        self._org_starts = [o.start for o in self._orgs_by_start]
        self._people_by_start = sorted(people, key=_START)
        self.person_starts = [p.start for p in self._people_by_start]
        # the organizations' spans, which no word or place mention may start inside
        self._taken = sorted((o.start, o.end) for o in orgs)
        self._taken_starts = [s for s, _ in self._taken]
        self.line_starts = layout.line_starts()
        # the mentions of each sentence, found when a target asks (in its sentence, then back
        # through its line) or the headline does: a subject is the last mention before its
        # number in its own line, so the rest of the text is never read
        self._in_sentence: dict[int, tuple[list[int], list[Mention]]] = {}
        self._earlier: dict[int, Mention | None] = {}  # sentence start -> last mention of its line before it

    @property
    def mentions(self) -> list[Mention]:
        """Every actor mention of the document, in text order (the sentences' mentions joined)."""
        return [m for start in self.layout.sentence_starts for m in self._sentence(start)[1]]

    @functools.cached_property
    def own(self) -> str | None:
        """The document's own actor: the place its headline opens with, else `_own_actor`."""
        return self._headline_actor() or self._own_actor(self._org_list)

    def _sentence(self, start: int) -> tuple[list[int], list[Mention]]:
        """(starts, mentions) of the actor mentions that start in the sentence at `start`, in text
        order, found once. No mention runs over a sentence's end, and what each one is depends on
        the document's counts, worked out above, and the text around it."""
        found = self._in_sentence.get(start)
        if found is not None:
            return found
        end = self.layout.sentence(start)[1]
        mentions: list[Mention] = []
        bisect_left, starts = bisect.bisect_left, self._org_starts
        for o in self._orgs_by_start[bisect_left(starts, start):bisect_left(starts, end)]:
            actor = self._org_actor(o)
            if actor and self._subject_position(o.start, o.end):
                mentions.append(Mention(o.start, o.end, actor))
        mentions += self._word_mentions(start, end)
        mentions += self._place_mentions(start, end)
        mentions += self._project_mentions(start, end)
        starts = self.person_starts
        mentions += self._people_mentions(
            self._people_by_start[bisect_left(starts, start):bisect_left(starts, end)])
        mentions.sort()
        found = self._in_sentence[start] = ([m.start for m in mentions], mentions)
        return found

    def _last_in_line_before(self, sentence_start: int, line_start: int) -> Mention | None:
        """The last mention of the sentences of the line before the one at `sentence_start`: the
        sentences are read back from it until one names an actor, each answer kept (a line of
        many sentences is read once, whatever its targets)."""
        walked, found, s = [], None, sentence_start
        while s > line_start:
            if s in self._earlier:
                found = self._earlier[s]
                break
            walked.append(s)
            s = self.layout.sentence(s - 1)[0]
            mentions = self._sentence(s)[1]
            if mentions:
                found = mentions[-1]
                break
        for w in walked:
            self._earlier[w] = found
        return found

    def _inside_org(self, pos: int) -> bool:
        """Whether `pos` falls inside an organization's span."""
        i = bisect.bisect_right(self._taken_starts, pos) - 1
        return i >= 0 and self._taken[i][1] > pos

    # -- places ------------------------------------------------------------------------------
    def _place_of(self, name: str, aliases=()) -> str | None:
        """The place a body belongs to, by its name or an alias (区发改委 as 亭湖区发改委)."""
        if not hasattr(self, "level_place"):
            return self._find_place_of(name, aliases)
        key = (name, *aliases)  # one answer per name for the document: its mentions repeat it
        memo = self.__dict__.setdefault("_place_memo", {})
        place = memo.get(key, memo)
        if place is memo:
            place = memo[key] = self._find_place_of(name, aliases)
        return place

    def _find_place_of(self, name: str, aliases=()) -> str | None:
        for n in (name, *aliases):
            m = _PLACE_PREFIX.match(n)
            if m and not n.startswith(("全", "我", "本")) and _is_place_name(m.group(1)):
                return m.group(1)
        for n in (name, *aliases):
            m = _LEVEL_PREFIX.match(n)
            if m:
                return self.level_place.get(m.group(1)) if hasattr(self, "level_place") else None
        return None

    def _places(self, org_list) -> Counter:
        text = self.text
        found: Counter = Counter()
        of_name: dict = {}  # a name repeats: the place it names, found once
        for o in org_list:
            key = (o.fields["name"], *(o.fields.get("aliases") or []))
            place = of_name.get(key, of_name)
            if place is of_name:
                place = of_name[key] = self._government_place(key)
            if place:
                found[place] += 1
        table = places()
        place_ends = ends_of(text, PLACE_END_CHARS)
        for end in place_ends:
            name = place_ending_at(text, end, 3)
            if name and name in table:
                found[name] += 1
        not_first = set(self._lists["not_place_first"])
        for m in _new_places(text, place_ends):
            name = m.group(1)
            if name[0] not in not_first and name[1] not in not_first:  # 大超市将…: a word, no place
                found[name] += 1
        for m in _zones(text, place_ends):
            name = _ZONE_LEAD.sub("", m.group())
            if _ZONE.fullmatch(name):
                found[name] += 1
        return found

    def _government_place(self, names: tuple[str, ...]) -> str | None:
        """The place whose government the organization `names` (its name, then its aliases) is."""
        if self._is_government(names[0]):
            for n in names:
                m = _PLACE_PREFIX.match(n)
                if m and _is_place_name(m.group(1)):
                    return m.group(1)
        return None

    def _level_places(self) -> dict[str, str]:
        out: dict[str, tuple[int, int, str]] = {}
        text = self.text
        for place, count in self.places.items():
            level = _level_of(place)
            if level is None:
                continue
            key = (count, -max(text.find(place), 0))
            if level not in out or key > out[level][:2]:
                out[level] = (*key, place)
        return {level: v[2] for level, v in out.items()}

    # -- organizations -----------------------------------------------------------------------
    def _is_government(self, name: str) -> bool:
        """A body of government: by the `kind` the orgs extractor gives, else by its name's end
        (judged once per name: the kinds are known before it is first asked)."""
        memo = self._government
        found = memo.get(name)
        if found is None:
            lists = self._lists
            found = memo[name] = (self.kinds.get(name) == "government" or name.endswith(lists["department"])
                                  or name.endswith(lists["place_gov"]))
        return found

    def _org_actor(self, o: Entity) -> str | None:
        """The actor an organization mention stands for: a place for a place's government, or
        for a department that speaks through its 负责人; else the organization."""
        name, aliases = o.fields["name"], o.fields.get("aliases") or []
        key = (name, self.text[o.start:o.end], *aliases)  # a mention repeats: one answer for the document
        memo = self.__dict__.setdefault("_actor_memo", {})
        found = memo.get(key)
        if found is None:
            found = memo[key] = self._find_org_actor(name, aliases, key[1])
        actor, speaking_place = found
        if speaking_place and self.text.startswith(self._lists["spokesman"], o.end):
            return speaking_place
        return actor

    def _find_org_actor(self, name: str, aliases, written: str) -> tuple[str | None, str | None]:
        """(the actor, the place it is when its 负责人 speaks after it) of `_org_actor`."""
        level = self._lists["level_word"].get(written)
        if level and self.level_place.get(level):
            return self.level_place[level], None  # 省级财政 as the name of 江西省财政厅: the province
        place = self._place_of(name, aliases)
        if place:
            rest = next((n[len(p):] for n in (name, *aliases) for p in (place, place[-1]) if n.startswith(p)), "")
            if rest in self._lists["place_gov"] or rest.startswith(("人民政府", "政府")):
                return place, None  # 嘉义县政府建设处: a unit of the place's government
            if self._is_government(name):
                return name, place
        return name, None

    def _subject_position(self, start: int, end: int) -> bool:
        """Not the object of a verb or preposition (向财委会, 与清华大学), nor a noun's modifier (工业局的)."""
        text = self.text
        if text.startswith(("的", "之"), end):
            return False
        return not text.endswith(self._lists["objects"], max(0, start - 2), start)

    def _word_mentions(self, start: int, end: int) -> list[Mention]:
        """全市, 县财政 → the document's place at that level; 公司, 学院, 当局 → its organization
        (in text[start:end], a line)."""
        lists, text = self._lists, self.text
        level_word, generic_heads = lists["level_word"], lists["generic_heads"]
        out = []
        for m in lists["words"].finditer(text, start, end):
            s, e = m.span()
            if self._inside_org(s):
                continue  # part of an organization's name
            word = m.group()
            if word in level_word:
                actor = self.level_place.get(level_word[word])
            else:
                if s > 0 and text[s - 1] not in _GENERIC_OPENERS and (
                        COMMON_HAN_FIRST <= text[s - 1] <= COMMON_HAN_LAST or _HAN.match(text, s - 1)):
                    continue  # 子公司, 上市公司
                actor = self._org_by_head(generic_heads[word])
            if actor and self._subject_position(s, e):
                out.append(Mention(s, e, actor))
        return out

    def _org_by_head(self, head: str) -> str | None:
        """The organization whose name or an alias ends with `head` (`大学|学院` for either): the
        first named of the companies (公司 in an announcement is its issuer, named first), else the
        most mentioned."""
        memo = self.__dict__.setdefault("_by_head", {})  # one answer per head for the document
        if head not in memo:
            memo[head] = self._find_org_by_head(head)
        return memo[head]

    def _find_org_by_head(self, head: str) -> str | None:
        heads = tuple(head.split("|"))
        if head == "公司":
            company = self._doc_company()
            if company:
                return company
        best = None
        for name, count in self.org_count.items():
            if name.endswith(heads) or any(a.endswith(heads) for a in self.aliases.get(name, ())):
                key = (0, -self.org_first[name]) if head in ("公司", "集团") else (count, -self.org_first[name])
                if best is None or key > best[0]:
                    best = (key, name)
        if best is None:
            return None
        name = best[1]
        return self._place_of(name, self.aliases.get(name, ())) if name.endswith(self._lists["place_gov"]) and \
            self._place_of(name, self.aliases.get(name, ())) else name

    def _doc_company(self) -> str | None:
        """The company the document is about, for 公司 and for a speaker with a company's title: the
        first company its headline lines name (弘盛精密, which no legal form ends), else the first
        organization named with a company's legal form (an announcement's issuer)."""
        if hasattr(self, "_company"):
            return self._company
        text, company = self.text, None
        head_end = 0
        for _ in range(HEADLINE_LINES):
            head_end = text.find("\n", head_end) + 1
            if head_end == 0:
                head_end = len(text)
                break
        firsts = sorted((first, name) for name, first in self.org_first.items()
                        if not self._is_government(name) and self.kinds.get(name) not in ("media", "government"))
        for first, name in firsts:
            if first < head_end and not name.endswith(self._lists["not_company"]):
                company = name
                break
        if company is None:
            company = next((name for _, name in firsts
                            if any(n.endswith(self._lists["company_forms"]) for n in (name, *self.aliases.get(name, ())))),
                           None)
        self._company = company
        return company

    def _place_mentions(self, start: int, end: int) -> list[Mention]:
        """Place names written out (温州市将…), and their short forms before a plan word (瓯海将…),
        in text[start:end] (a line)."""
        text, followers = self.text, self._lists["followers"]
        forms, pattern = self._place_forms
        out = []
        if not forms:
            return out
        for i, e in _longest_first(text, forms, start, end, pattern):
            place, short = forms[text[i:e]]
            ok = not self._inside_org(i) and self._subject_position(i, e)
            if short:
                ok = ok and text.startswith(followers, e)
            elif e < len(text) and _HAN.match(text, e) and not text.startswith(followers, e):
                # mid-clause, a place before a noun names the noun's owner (钦州港);
                # at the head of a clause or line it is who acts (望城区出台…), unless it
                # opens the name of a body the orgs extractor missed (通川区城发集团召开…)
                ok = ok and (i == 0 or not _HAN.match(text, i - 1)) and not _ORG_AFTER.match(text, e)
            if ok:
                out.append(Mention(i, e, place))
        return out

    @functools.cached_property
    def _place_forms(self) -> tuple[dict[str, tuple[str, bool]], re.Pattern | None]:
        """Each written form of the document's places (安徽省, and 安徽 for it): (place, short);
        and their trie for `_longest_first`, compiled when there are too many to find one by one."""
        forms: dict[str, tuple[str, bool]] = {}
        for place in self.places:
            forms.setdefault(place, (place, False))
            if _LEVEL_OF_SUFFIX.get(place[-1]) and len(place) >= 3:  # 安徽 of 安徽省
                forms.setdefault(place[:-1], (place, True))
        pattern = re.compile(trie_pattern(forms)) if len(forms) > FIND_EACH_UP_TO else None
        return forms, pattern

    @functools.cached_property
    def _owners(self) -> tuple[list[tuple[int, int, str]], list[int]]:
        """(start, end, name) of the organizations that may own a project (no government), by
        start, and their starts."""
        owners = sorted((o.start, o.end, o.fields["name"]) for o in self._org_list
                        if not self._is_government(o.fields["name"]))
        return owners, [s for s, _, _ in owners]

    def _project_mentions(self, start: int, end: int) -> list[Mention]:
        """项目建成投运后, 该项目: the project named last, through the company in its name
        (陇能新能源柳园风光储一体化项目) or the company that builds it (由…投资建设); in
        text[start:end] (a line)."""
        text = self.text
        owners, ends = self._owners
        if not owners:
            return []
        out = []
        for m in _PROJECT.finditer(text, start, end):
            s = m.start()
            if s > 0 and _HAN.match(text, s - 1) and text[s - 1] not in "该本":
                continue  # 重点项目, 一体化项目: a project named, not referred back to
            i = bisect.bisect_left(ends, s) - 1
            while i >= 0 and s - owners[i][1] <= 400:
                o_start, o_end, name = owners[i]
                gap = text[o_end:o_end + _PROJECT_NAME_GAP]
                cut = _GAP_END.search(gap)
                gap = gap[:cut.start()] if cut else gap
                if "项目" in gap or "建设" in gap:
                    out.append(Mention(m.start(), m.end(), name))
                    break
                i -= 1
        return out

    @functools.cached_property
    def _org_ends(self) -> list[int]:
        return sorted(o.end for o in self._org_list)

    def _people_mentions(self, people) -> list[Mention]:
        """A person whose title says whom they speak for: 县长 → the county, 局长 of 发展局 → 发展局."""
        out = []
        org_ends = self._org_ends
        for p in people:
            titles = p.fields.get("titles") or []
            actor = None
            for t in titles:
                level = self._lists["title_level"].get(t)
                if level:
                    actor = self.level_place.get(level)
                    break
            if actor is None and p.fields.get("org"):
                org = p.fields["org"]
                if not is_media(org):
                    place = self._place_of(org, self.aliases.get(org, ()))
                    actor = place if place and org.endswith(self._lists["place_gov"]) else org
            if actor is None and any(t.endswith(self._lists["company_titles"]) for t in titles):
                actor = self._doc_company() or self._org_by_head("集团")
            if actor is None:
                continue
            i = bisect.bisect_right(org_ends, p.start) - 1
            if i >= 0 and p.start - org_ends[i] <= 10 and not _CLAUSE_MARK.search(self.text, org_ends[i], p.start):
                continue  # 桂港码头总经理苏海鹏: the organization before the name speaks
            out.append(Mention(p.start, p.end, actor))
        return out

    def _headline_actor(self) -> str | None:
        """The place a headline opens with (瓜州县2024年二季度重大项目集中开工, 望城区出台…): the
        document is that place's, whatever department or company it names more often."""
        text = self.text
        line_starts, n = self.line_starts, len(text)
        for k in range(min(HEADLINE_LINES, len(line_starts))):
            pos = line_starts[k]
            end = line_starts[k + 1] - 1 if k + 1 < len(line_starts) else n
            s = pos
            while s <= end:  # the line's sentences, up to the first that names an actor
                mentions = self._sentence(s)[1]
                if mentions:
                    first = mentions[0]
                    opens = not _HAN.search(text, pos, first.start)
                    return first.actor if opens and first.actor in self.places else None
                s = self.layout.sentence(s)[1] + 1
        return None

    def _own_actor(self, org_list) -> str | None:
        """The document's own actor: its most-mentioned organization, as the place when it is the
        place's government (a department's news stays the department's); with no organization,
        its most-mentioned place."""
        if self.org_count:
            name = max(self.org_count, key=lambda n: (self.org_count[n], -self.org_first[n]))
            place = self._place_of(name, self.aliases.get(name, ()))
            if place and name.endswith(self._lists["place_gov"]):
                return place  # a place's government: the place; a department stays itself (江西省水利厅)
            return name
        if self.places:
            return max(self.places, key=lambda p: (self.places[p], -self.text.find(p)))
        return None

    # -- the subject of one target -----------------------------------------------------------
    def subject(self, number_start: int) -> str | None:
        sentence_start = self.layout.sentence(number_start)[0]
        starts, mentions = self._sentence(sentence_start)
        i = bisect.bisect_left(starts, number_start) - 1
        item_start = self.text.rfind(";", sentence_start, number_start) + 1 or sentence_start
        if (i < 0 or mentions[i].start < item_start) and _PROJECT_TOPIC.match(self.text, item_start, number_start):
            return self.own  # the item opens with a project of its own: no actor of the item before
        if i >= 0:
            return mentions[i].actor
        if self._unknown_speaker(max(sentence_start, number_start - SPEAKER_WINDOW), number_start):
            return None  # 台积电日前于法说会表示: someone no extractor knows speaks
        line_start = self.line_starts[bisect.bisect_right(self.line_starts, number_start) - 1]
        earlier = self._last_in_line_before(sentence_start, line_start)
        if earlier is not None:  # an actor named earlier in its line (its paragraph)
            return earlier.actor
        return self.own

    def _unknown_speaker(self, start: int, end: int) -> bool:
        """A verb of saying before the number whose speaker is named by no title and is no actor
        (`台积电日前于法说会表示`). A speaker with a title (`署长表示`, `负责人指出`) speaks for the
        document's own actor."""
        text = self.text
        said = _last_speech_verb(text, start, end)
        if said < 0:
            return False
        clause_start = max(start, self.layout.clause(said)[0])
        speaker = text[clause_start:said]
        if not _HAN.search(speaker) or _speaker_titles().search(speaker):
            return False
        if len(speaker.strip()) <= PERSON_NAME:
            return False  # 许正雄说: a person's name, who speaks for the document's actor
        i = bisect.bisect_left(self.person_starts, clause_start)
        return not (i < len(self.person_starts) and self.person_starts[i] < said)  # 庞丽娟表示: a person the text names


@functools.lru_cache(maxsize=1)
def _speech_verbs() -> regex.Pattern:
    return regex.compile("(?r)" + "|".join(regex.escape(w) for w in words()["cues"]["speech"]))


@functools.lru_cache(maxsize=1)
def _speaker_titles() -> regex.Pattern:
    cues = words()["cues"]
    titles = list(data.load("titles")["titles"]) + list(cues["speaker_titles"]) + list(cues["own_voices"])
    return regex.compile("|".join(regex.escape(t) for t in titles))


def _last_speech_verb(text: str, start: int, end: int) -> int:
    """Where the last verb of saying in text[start:end] begins, -1 if none."""
    m = _speech_verbs().search(text, start, end)
    return m.start() if m else -1
