"""Finding organization mentions on characters: one small rule per kind of name.

Each rule returns `Mention`s on the normalised text. A name is anchored by what ends it (a legal
form, an institution's type, a government body) and grown leftwards over jieba words until a word
that cannot stand inside a name (a preposition, a verb that introduces an org, punctuation).
Government bodies are built from a place, an administrative level and a body or department.
"""
from __future__ import annotations

import functools
import re

import regex

from ...segmenter.posseg import ClauseCut
from ...segmenter.segment import pos_tokenizer, tokenizer
from ...segmenter.wordtrie import search_starts, starts_of_all, trie_pattern
from .names import HAN, Mention, abbreviates, lists
from .places import longest_name, place_ending_at, place_starting_at, places

# parts of speech jieba gives to brand words by mistake (天元/q): they stop a name only as one character
LOOSE_POS = {"q", "f", "zg", "tg", "mq"}
ORDINAL = regex.compile(r"第[一二三四五六七八九十\d]{1,3}")


@functools.lru_cache(maxsize=1)
def patterns() -> dict[str, "re.Pattern | regex.Pattern"]:
    # word lists as tries (wordtrie); plain ones on the standard engine, which walks them faster
    d = lists()
    gov = d["government"]
    return {
        "full": re.compile(trie_pattern(d["company"]["full_forms"])),
        "short": re.compile(trie_pattern(d["company"]["short_forms"])),
        "institution": re.compile(trie_pattern(d["institution"]["suffixes"])),
        # (on the standard engine, which skips to a level's first character faster than the
        # regex module's overlapped scan; `government` restarts it one past each match's start)
        "gov": re.compile(
            r"(?P<level>" + trie_pattern(gov["levels"]) + r")"
            r"(?:(?P<topic>" + trie_pattern(gov["topics"]) + r")(?P<kind>" + trie_pattern(gov["kinds"]) + r")"
            r"|(?P<body>" + trie_pattern(gov["bodies"]) + r"))"
        ),
        "central": re.compile(trie_pattern(gov["central"] + d["media"]["names"])),
        "agency": regex.compile(r"\p{Han}{2,10}?(?:" + trie_pattern(gov["agency_kinds"]) + r")"),
        "place_body": regex.compile(r"\p{Han}{2,8}?(?:委员会|局|署|厅)"),
    }


class Words:
    """jieba words with parts of speech, cut one clause at a time and only where a rule asks.

    A name never runs across punctuation, so the clause before an anchor is all a rule needs; a
    text with no anchors costs no segmentation, and a long run of characters is cut in blocks.
    The words are read leftwards from the anchor (`posseg.ClauseCut`), so the HMM searches only
    the unknown runs a rule reaches, each different run once (the words of a run depend on its
    characters and jieba's fixed tables only, so the memo serves every document of the process,
    up to RUNS_KEPT runs; then it starts afresh).
    """

    BLOCK = 200
    RUNS_KEPT = 20000
    _BREAK = regex.compile(r"[^\p{Han}\p{L}\p{N}]")
    _BREAK_BEFORE = regex.compile(r"(?r)[^\p{Han}\p{L}\p{N}]")
    _runs_memo: dict = {}

    def __init__(self, text: str):
        self.text = text
        self._clauses: dict[tuple[int, int], ClauseCut] = {}
        if len(Words._runs_memo) > self.RUNS_KEPT:
            Words._runs_memo = {}
        self._runs = Words._runs_memo

    def _segment(self, pos: int) -> tuple[int, int]:
        """The clause holding text[pos]: from the punctuation before it to the one after it, or
        a fixed block of a run that has none nearby (so that anchors share one cut). Both
        searches stop after a block's length, so a text without punctuation costs no more."""
        n = self.BLOCK
        before = self._BREAK_BEFORE.search(self.text, max(0, pos - n - 1), pos + 1)
        start = before.start() + 1 if before else 0  # else the text's start, or too far anyway
        if pos - start > n:
            start = pos - pos % n
        limit = start + 2 * n
        after = self._BREAK.search(self.text, pos + 1, limit)
        return start, after.start() if after else min(len(self.text), limit)

    def before(self, pos: int):
        """(word, tag, start, end) of the words of the clause holding text[pos - 1] that start
        before `pos`, the nearest first."""
        key = self._segment(pos - 1)
        cut = self._clauses.get(key)
        if cut is None:
            cut = self._clauses[key] = ClauseCut(pos_tokenizer(), self.text, *key, self._runs)
        return cut.leftwards(pos)


def _frequent(word: str) -> bool:
    return (tokenizer().FREQ.get(word) or 0) >= 100


@functools.lru_cache(maxsize=1)
def _stops() -> tuple[frozenset, frozenset]:
    g = lists()["generic"]
    return frozenset(g["left_stops"]), frozenset(g["left_stop_pos"])


@functools.lru_cache(maxsize=1)
def _left_prefixes() -> frozenset:
    return frozenset(lists()["generic"]["left_prefixes"])


def grow_left(text: str, words: Words, start: int, max_chars: int, stop_verbs: bool = False) -> int:
    """Where a name that ends in text[start:...] begins: jieba words leftwards while they can be part of it."""
    if start == 0:
        return start
    stops, stop_pos = _stops()
    items = words.before(start)
    nearest = next(items, None)
    if nearest is None:
        return start
    word, pos, ws, we = nearest
    begin = start
    if we > start:  # the anchor starts inside a jieba word (行业|协会): its head belongs to the name
        head = text[ws:start]
        if not HAN.fullmatch(head) or head in stops:
            return start
        begin, nearest = ws, next(items, None)
    while nearest is not None:
        word, pos, ws, we = nearest
        if start - ws > max_chars or not HAN.fullmatch(word) or word in stops:
            break
        if pos in stop_pos and not ORDINAL.fullmatch(word) and not (len(word) > 1 and pos in LOOSE_POS) \
                and word not in _left_prefixes():
            break  # (a prefix cut off the word after it, 再|利用, stays with it)
        if stop_verbs and pos == "v" and len(word) > 1 and _frequent(word):
            break  # 谱写|集团: a short name's brand is no common verb (a rare one may be a brand: 启明)
        begin, nearest = ws, next(items, None)
    return begin


@functools.lru_cache(maxsize=1)
def _brand_tables() -> dict:
    d = lists()
    return {
        "generic": frozenset(d["generic"]["words"]),
        "not_place": tuple(d["boundary"]["not_place"]),
        "industries": frozenset(d["company"]["industries"]),
        "org_ends": tuple(d["company"]["short_forms"]) + ("公司",),
        "descriptors": sorted(d["generic"]["descriptors"], key=len, reverse=True),
        "descriptor_chars": frozenset("".join(d["generic"]["descriptors"])),
        "bad_first": frozenset("全各本该我其此这那每某两多诸") | frozenset(d["boundary"]["not_in_core"]),
        "not_in_brand": tuple(d["company"]["not_in_brand"]),
        # whether a brand holds any of these words: one search, not a test per word
        "not_place_in": _any_word(d["boundary"]["not_place"]),
        "not_in_brand_in": _any_word(d["company"]["not_in_brand"]),
        "count_brand": regex.compile(d["company"]["count_brand"]),
    }


def _any_word(words) -> re.Pattern:
    """A pattern whose search finds any of `words` in a string (as `any(w in s for w in words)`)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)")


def _brand_ok(brand: str) -> bool:
    t = _brand_tables()
    if len(brand) < 2 or not HAN.fullmatch(brand):
        return False
    if brand in t["generic"] or t["not_place_in"].search(brand):
        return False
    if brand in t["industries"]:
        return False  # 证券有限责任公司: an industry alone is no brand
    if brand.endswith(t["org_ends"]):
        return False  # 集团集团: another org's form ends it, so it is no brand
    # 三级甲等综合: a brand of descriptive words only (which needs their characters only)
    if t["descriptor_chars"].issuperset(brand):
        rest = brand
        for word in t["descriptors"]:
            rest = rest.replace(word, "")
        if not rest:
            return False
    # 华为, 美的: a function character may sit inside a brand that jieba keeps whole, not open it
    return brand[0] not in t["bad_first"]


def _brand_room(text: str, start: int) -> bool:
    """Whether two Han characters stand before `start`: a brand (`_brand_ok`) is at least that, so
    without them there is no need to segment the clause in front."""
    return start >= 2 and HAN.fullmatch(text, start - 2, start) is not None


_BRACKETED_PLACE = regex.compile(r"\(\p{Han}{2,6}\)")


def companies(text: str, words: Words) -> list[Mention]:
    """Full legal names: <place>? <brand> <industry> <form> (江苏联环药业集团有限公司)."""
    out = []
    for m in patterns()["full"].finditer(text):
        anchor = m.start()
        # 弘盛科技(越南)责任有限公司: the country or place of a subsidiary in brackets before its form
        if text[anchor - 1:anchor] == ")":  # (what a bracket that ends at the anchor ends with)
            bracket = _BRACKETED_PLACE.search(text, max(0, anchor - 8), anchor)
            if bracket and bracket.end() == anchor:
                anchor = bracket.start()
        if not _brand_room(text, anchor):
            continue
        begin = grow_left(text, words, anchor, 24)
        if _brand_ok(text[begin:anchor]):
            out.append(Mention(begin, m.end(), text[begin:m.end()], "org.company", kind="company"))
    return out


_CLASS_BEFORE = ("各地", "各级", "各类", "各", "各个", "多个", "多家", "一些", "部分")
_JOINED = regex.compile(r"(?<=[局厅委署部处办府院会司团])(?:联合|联手|会同|携手|协同)")
_JOINED_WORDS = re.compile(r"联合|联手|会同|携手|协同")  # what a _JOINED match holds: a quicker look first


def institutions(text: str, words: Words) -> list[Mention]:
    """Banks, universities, hospitals, institutes, associations, media (江苏省医药行业协会)."""
    out = []
    kind_not_before = _government_tables()[1]
    for m in patterns()["institution"].finditer(text):
        if not _brand_room(text, m.start()) or text.startswith(kind_not_before.get(text[m.end() - 1], ()), m.end()):
            continue  # 西北院|校, 学院|士: the suffix opens another word
        begin = grow_left(text, words, m.start(), 20)
        # 县人社局联合|酒泉职业技术学院: an org that acts with this one is not part of its name
        joined = _JOINED.search(text, begin, m.start()) if _JOINED_WORDS.search(text, begin, m.start()) else None
        if joined:
            begin = joined.end()
        if text.endswith(_CLASS_BEFORE, 0, begin):
            continue  # 全国各地|温州商会: every chamber of Wenzhou people, not one
        if _brand_ok(text[begin:m.start()]) and text[begin:m.end()] not in _brand_tables()["generic"]:
            begin = _across_conjunction(text, words, begin)
            kind = "media" if text.endswith(_media_suffixes(), 0, m.end()) else "institution"
            out.append(Mention(begin, m.end(), text[begin:m.end()], "org.institution", kind=kind))
    return out


@functools.lru_cache(maxsize=1)
def _media_suffixes() -> tuple[str, ...]:
    return tuple(lists()["institution"]["media_suffixes"])


def _across_conjunction(text: str, words: Words, begin: int) -> int:
    """临沂市物流与采购联合会: a name joins two topics with 与/和/及 when a place opens it; the
    part before the conjunction is a place and one short word, and names no org of its own."""
    if begin < 4 or text[begin - 1] not in "与和及":
        return begin
    start = grow_left(text, words, begin - 1, 12)
    head = text[start:begin - 1]
    place = place_starting_at(head, 0, min_len=3)
    if not place or not 1 <= len(head) - len(place) <= 4 or head[-1] in "局厅委署部处办府院会司团校所心社行":
        return begin
    return start


def short_names(text: str, words: Words, taken: list[Mention]) -> list[Mention]:
    """Short names of groups and listed companies: 联环集团, 港湾控股, 联环股份, 省交投集团."""
    not_before = tuple(lists()["company"]["short_form_not_before"])
    in_taken = covered(text, taken)
    out = []
    for m in patterns()["short"].finditer(text):
        if in_taken[m.start()] or text.startswith(not_before, m.end()):
            continue
        if not _brand_room(text, m.start()):
            continue
        begin = grow_left(text, words, m.start(), 4, stop_verbs=True)
        brand = text[begin:m.start()]
        # 省交投集团: a level character in front of the brand belongs to the name
        if begin > 0 and text[begin - 1] in "省市县区" and len(brand) <= 4:
            if begin < 2 or not HAN.fullmatch(text[begin - 2]) or text[begin - 2] in "全各本该我":
                begin -= 1
        # 中国|通用|技术集团: a common verb may open a brand that the country's name opens
        if begin >= 4 and text.endswith(("中国", "中华"), 0, begin - 2) and HAN.fullmatch(text, begin - 2, begin) \
                and len(brand) <= 3:
            begin -= 2
            brand = text[begin:m.start()]
        tables = _brand_tables()
        if tables["not_in_brand_in"].search(brand) or tables["count_brand"].match(brand):
            continue  # 四季度集团, 大型企业集团, 五大产业集团: a time, a kind or a count
        national = text.endswith(("中国", "中华"), 0, begin)
        if not national and _common_words(brand):
            continue  # 会议总结|集团: two everyday words are a phrase, not a brand
        if 2 <= len(brand) <= 4 and _brand_ok(brand):
            # 开封|清园文旅集团, 达州市|通川区|城发集团: the places written in front belong to the name
            if text[begin - 1:begin] not in "省市县区":
                begin = _places_before(text, begin)
            out.append(Mention(begin, m.end(), text[begin:m.end()], "org.short_name"))
    return out


@functools.lru_cache(maxsize=16384)
def _common_words(brand: str) -> bool:
    """Whether `brand` is two or more everyday words (会议|总结): each one in jieba's dictionary,
    frequent, and a plain noun, verb or adjective (a brand is one word, or holds a rare one).
    Cached: it reads jieba's fixed dictionary only, and a text names the same brand often."""
    words = _dictionary_cut(brand)
    if len(words) < 2 or any(len(w) < 2 for w in words):
        return False  # 城|投, 联|环: an abbreviation's characters, not words
    tags = pos_tokenizer().word_tag_tab
    return all((tokenizer().FREQ.get(w) or 0) >= 1000 and (tags.get(w) or "x")[:1] in "nva" and
               (tags.get(w) or "x") not in ("ns", "nr", "nz", "nt") for w in words)


def _places_before(text: str, begin: int) -> int:
    """Where a name starts when up to three gazetteer places stand right before `begin`."""
    for _ in range(3):
        place = place_ending_at(text, begin) or next((n for n in ("中国", "中华") if text.endswith(n, 0, begin)), None)
        if not place or (len(place) == 2 and place_ending_at(text, begin, min_len=3) is None
                         and HAN.fullmatch(text, begin - 3, begin - 2) is not None
                         and text[begin - 3] not in "省市县区州"):
            break  # a two-character place inside a longer word is no place
        begin -= len(place)
    return begin


@functools.lru_cache(maxsize=1)
def _boundary() -> dict:
    """The boundary lists as sets and tuples, made once (a rule asks them of every candidate)."""
    b = lists()["boundary"]
    return {
        "not_in_core": frozenset(b["not_in_core"]),
        "not_bodies": tuple(b["not_bodies"]),
        "kind_not_before": {last: tuple(v) for last, v in b["kind_not_before"].items()},
        "not_place": frozenset(b["not_place"]),
        "not_place_first": frozenset(b["not_place_first"]),
    }


@functools.lru_cache(maxsize=1)
def _government_tables() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """What may not follow a body (市委|书记), and what may not follow each last character of one (局|面)."""
    kinds = lists()["boundary"]["kind_not_before"]
    return tuple(lists()["government"]["not_before"]), {last: tuple(v) for last, v in kinds.items()}


def _place_before(text: str, pos: int, level: str) -> str:
    """The place named right before an administrative level (扬州|市, 嘉南|县), or ''."""
    if pos == 0:
        return ""
    # 浦东新区 + 人民政府: the gazetteer's name holds the level itself
    whole = place_ending_at(text, pos + len(level), min_len=3)
    if whole and whole.endswith(level) and len(whole) - len(level) >= 2:
        pos_outer = pos - (len(whole) - len(level))
        outer = place_ending_at(text, pos_outer, min_len=3)
        if outer and outer[-1] in "省市州":
            pos_outer -= len(outer)
        return text[pos_outer:pos]
    known = place_ending_at(text, pos)
    if known and level == "省" and not any(p.level == "province" for p in places()[known]):
        known = None  # 会同 is a county, so 将会同省财政厅 names no province 会同省
    if known:
        # 广州市越秀区: the enclosing divisions written in front belong to the name too
        start = pos - len(known)
        for _ in range(2):
            outer = place_ending_at(text, start, min_len=3)
            if not outer or outer[-1] not in "省市州":
                break
            start -= len(outer)
        return text[start:pos]
    # a place the gazetteer does not know: two characters that are not a common word; the
    # provinces are all in the gazetteer, so 府和|省 (江苏省政府和省财政厅) names none
    if level in ("市", "县", "州", "镇", "乡") and pos >= 2:
        word = text[pos - 2:pos]
        if word[-1] in "省市县区":
            return ""  # 太保市|县府: the county's office in a city, not a county named 保市
        if looks_like_place(word):
            return word
    return ""


def looks_like_place(word: str) -> bool:
    """Two characters the gazetteer does not know that may still name a place (a fictional 江汉):
    not a common first character of X市 words, and not a dictionary word other than a place name."""
    bad = _boundary()
    if not HAN.fullmatch(word) or word[0] in bad["not_place_first"] or word in bad["not_place"]:
        return False
    if not bad["not_in_core"].isdisjoint(word):
        return False
    tag = pos_tokenizer().word_tag_tab.get(word)
    return tag is None or tag.startswith("ns")


def _overlapped(pattern: re.Pattern, text: str):
    """The matches of regex's pattern.finditer(text, overlapped=True): each search starts one
    past where the last match started."""
    m = pattern.search(text)
    while m is not None:
        yield m
        m = pattern.search(text, m.start() + 1)


def government(text: str) -> list[Mention]:
    """Party and government bodies: 扬州市委, 市政府, 县府, 省人力资源和社会保障厅, 市国资委."""
    not_before, kind_not_before = _government_tables()
    out = []
    for m in _overlapped(patterns()["gov"], text):
        start, end = m.span()
        if text.startswith(kind_not_before.get(text[end - 1], ()), end):
            continue
        level, body = m.group("level", "body")
        if body and body not in ("政府", "人民政府", "府", "公所") and text.startswith(not_before, end):
            continue  # 市委书记: the first half of a title, not a mention of the committee
        place = _place_before(text, start, level)
        if body == "公所" and not place and start >= 2 and looks_like_place(text[start - 2:start]):
            place = text[start - 2:start]  # 板桥|区公所: a district the gazetteer does not know
        if body == "公所" and (not place or level not in "镇乡市区"):
            continue  # 公所 only after a named town: 鹿港镇公所
        if not place and start > 0 and text[start - 1] in "省市县区镇乡各全本该我其两诸":
            # 各县区政府, 全市: no particular body; 太保市县府: the county's, named by its level
            before = text[max(0, start - 3):start - 1]
            if start < 3 or text[start - 1] not in "市县区镇" or text[start - 2] in "省市县区镇乡各全本该我其两诸" \
                    or before in _boundary()["not_place"] or before[:1] in _boundary()["not_place_first"] \
                    or text[start - 4:start - 3] in ("各", "全", "本", "该", "我", "其", "两", "诸", "每"):
                continue
        begin = start - len(place)
        body = body or (m.group("topic") + m.group("kind"))
        out.append(Mention(begin, end, text[begin:end], "org.government", place=place, level=level, body=body))
    out = _longest(out)
    # the government stays a mention of its own beside the bureau that follows it
    return out + [a for m in out if m.body in ("政府", "人民政府") for a in _agency_after(text, m)]


def _agency_after(text: str, parent: Mention) -> list[Mention]:
    """A bureau written right after its government or ministry: 台中市政府经济发展局, 经济部能源署."""
    sub = patterns()["agency"].match(text, parent.end)
    if sub is None:
        return []
    boundary = _boundary()
    core = sub.group()
    if not boundary["not_in_core"].isdisjoint(core[:-1]) or core.endswith(boundary["not_bodies"]):
        return []
    after = text[sub.end():sub.end() + 1]
    if after.startswith(boundary["kind_not_before"].get(core[-1], ())):
        return []
    return [Mention(parent.start, sub.end(), text[parent.start:sub.end()], "org.agency",
                    place=parent.place, parent=parent, aliases={sub.group()})]




@functools.lru_cache(maxsize=1)
def _media_names() -> frozenset:
    return frozenset(lists()["media"]["names"])


def word_starts(text: str, pos: int) -> bool:
    """Whether jieba starts a word at `pos` (求是 after 要求 does not)."""
    if pos == 0 or not HAN.fullmatch(text, pos - 1, pos):
        return True
    start = max(0, pos - 6)
    return _word_starts_in(text[start:pos + 4], pos - start)


# the Han characters of jieba's blocks (re_han_default holds letters and digits too)
_JIEBA_HAN = re.compile("[\u4e00-\u9fd5]+")
_JIEBA_BLOCK = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]")  # a character of jieba's re_han_default


def _dictionary_cut(words: str) -> list[str]:
    """list(jieba's cut(words, HMM=False)); for characters jieba cuts as one block, that cut is
    the dictionary route, which the tagger's cutter computes without jieba's generators."""
    if not _JIEBA_HAN.fullmatch(words):
        return list(tokenizer().cut(words, HMM=False))
    ends = pos_tokenizer().route(words)
    out, at = [], 0
    while at < len(words):
        out.append(words[at:ends[at]])
        at = ends[at]
    return out


@functools.lru_cache(maxsize=16384)
def _word_starts_in(window: str, pos: int) -> bool:
    """Whether jieba's cut of `window` starts a word at `pos` (cached: the dictionary is fixed)."""
    # the run of jieba's Han characters around `pos`: where the characters next to it are none
    # of the ones jieba joins into a block (letters, digits, +#&._%-), the run is a block of its
    # own, cut without the HMM by the dictionary route, which the tagger's cutter computes
    # without jieba's generators; its edges start words
    a = b = pos
    while a > 0 and _JIEBA_HAN.match(window, a - 1, a):
        a -= 1
    while b < len(window) and _JIEBA_HAN.match(window, b, b + 1):
        b += 1
    if a < b and not _JIEBA_BLOCK.match(window, a - 1, a) and not _JIEBA_BLOCK.match(window, b, b + 1):
        if pos in (a, b):
            return True
        ends = pos_tokenizer().route(window[a:b])
        at = 0
        while at < pos - a:
            at = ends[at]
        return at == pos - a
    at = 0
    for word in tokenizer().cut(window, HMM=False):
        if at == pos:
            return True
        if at > pos:
            return False
        at += len(word)
    return at == pos


def central(text: str) -> list[Mention]:
    """Central bodies and media named without a place: 国务院, 经济部, 行政院, 新华社."""
    not_before, kind_not_before = _government_tables()
    generic = _brand_tables()["generic"]
    out = []
    for m in patterns()["central"].finditer(text):
        name, end = m.group(), m.end()
        if name in ("全国人大", "全国政协", "全国人大常委会") and text.startswith(not_before, end):
            continue
        if name in generic:
            continue
        if text.startswith(kind_not_before.get(name[-1], ()), end):
            continue  # 农业农村部门 is no ministry
        if len(name) <= 3 and not word_starts(text, m.start()):
            continue  # 要求|是: the name's characters end another word
        kind = "media" if name in _media_names() else "government"
        mention = Mention(m.start(), m.end(), m.group(), "org.central", kind=kind)
        out.append(mention)
        out.extend(_agency_after(text, mention))  # 经济部中小及新创企业署
    return out


@functools.lru_cache(maxsize=1)
def _zone_pattern() -> re.Pattern:
    z = lists()["zone"]
    return re.compile("(?:" + trie_pattern(z["types"]) + ")(?:" + trie_pattern(z["bodies"]) + ")")


@functools.lru_cache(maxsize=1)
def _zone_bodies() -> tuple[str, ...]:
    return tuple(lists()["zone"]["bodies"])


def zones(text: str) -> list[Mention]:
    """A zone's administration named after its place: 望城经开区管委会, 漳河新区管委会."""
    out = []
    if not any(body in text for body in _zone_bodies()):
        return out  # every name ends with one: a few quick looks, not a scan for the types
    for m in _zone_pattern().finditer(text):
        begin = _places_before(text, m.start())
        if begin == m.start():
            # a name the gazetteer does not know: two characters that may name a place (漳河)
            word = text[max(0, m.start() - 2):m.start()]
            if len(word) < 2 or not looks_like_place(word):
                continue
            begin -= 2
        out.append(Mention(begin, m.end(), text[begin:m.end()], "org.zone", kind="government"))
    return out


def place_bodies(text: str) -> list[Mention]:
    """A body named after a place with no level: 香港创科发展局 (the core is free text, so the place must be known)."""
    out = []
    boundary = _boundary()
    kind_not_before = boundary["kind_not_before"]
    for start in _starts_before_kinds(text):
        place = place_starting_at(text, start)
        if not place or place[-1] in "省市县区":
            continue
        m = patterns()["place_body"].match(text, start + len(place))
        if not m:
            continue
        core = m.group()
        if not boundary["not_in_core"].isdisjoint(core) or core.endswith(boundary["not_bodies"]):
            continue
        if text.startswith(kind_not_before.get(core[-1], ()), m.end()):
            continue
        out.append(Mention(start, m.end(), text[start:m.end()], "org.place_body"))
    return out


_RUN_START = re.compile("(?<![\u4e00-\u9fff])[\u4e00-\u9fff]")
# 委员会|[局署厅], written to open with one class of characters, which the engine looks for
# quickly (an alternation whose branches open otherwise is tried at every position)
_PLACE_BODY_KIND = re.compile("[委局署厅](?:(?<=委)员会|(?<!委))")
# the same as words, found by str.find passes, quicker still than the one class
_PLACE_BODY_KINDS = ("委员会", "局", "署", "厅")


def _starts_before_kinds(text: str) -> list[int]:
    """Where a place body may start: the start of a run of Han characters (after anything else)
    close enough before one of the kinds that end the `place_body` pattern to reach it over a
    place and the core; most of a text's runs have none near, and are not looked up at all.
    The windows before the kinds overlap in a text that names many bodies: the ones that meet
    are read as one (a start depends on its own character and the one before only)."""
    reach = longest_name() + 8  # a place, then at most eight characters of core
    starts: list[int] = []
    lo = hi = -1  # the window being merged
    for at in search_starts(text, _PLACE_BODY_KINDS):  # as _PLACE_BODY_KIND.finditer finds them
        a, b = max(0, at - reach), at
        if a > hi:
            if hi > lo:
                starts.extend(m.start() for m in _RUN_START.finditer(text, lo, hi))
            lo = a
        hi = b
    if hi > lo:
        starts.extend(m.start() for m in _RUN_START.finditer(text, lo, hi))
    return starts


@functools.lru_cache(maxsize=1)
def _bare_body_patterns() -> tuple[re.Pattern, regex.Pattern]:
    """A kind with its follower (which a text seldom has, and is quick to look for), and the body."""
    d = lists()["bare_body"]
    ending = "(?:" + trie_pattern(d["kinds"]) + r")(?=" + trie_pattern(d["followers"]) + r")"
    leaders = trie_pattern(d["leaders"])
    return re.compile(ending), regex.compile(r"(?:(?<![\p{Han}])|(?<=" + leaders + r"))\p{Han}{2,8}?" + ending)


@functools.lru_cache(maxsize=1)
def _long_stops() -> list[str]:
    return sorted((w for w in _stops()[0] if len(w) > 1), key=len, reverse=True)


@functools.lru_cache(maxsize=1)
def _bare_body_leads() -> tuple[str, ...]:
    """The words in front of a bare body that cannot open its name, in the order they are tried."""
    return tuple(_long_stops() + lists()["bare_body"]["leaders"])


def _bare_body_matches(text: str, ending: re.Pattern, pattern: regex.Pattern, first):
    """The matches of pattern.finditer(text), tried only at the 2 to 8 characters before a kind
    that its follower follows (the body's core runs up to it), each position once: the same
    matches, without trying the pattern at the start of every run of Han characters. `first` is
    ending.search(text), which the caller has made."""
    pos = tried = 0
    kind = first
    while kind is not None:
        k = kind.start()
        for start in range(max(pos, tried, k - 8), k - 1):
            m = pattern.match(text, start)
            if m is not None:
                yield m
                pos = m.end()
                break
        tried = max(tried, k - 1)
        kind = ending.search(text, max(k + 1, pos))
    return


def bare_bodies(text: str) -> list[Mention]:
    """A body named without a place at the head of a clause, acting: 创新科技署今日公布, 创新科技署署长."""
    boundary = _boundary()
    ending, pattern = _bare_body_patterns()
    first = ending.search(text)  # (the scan starts from it, not again from the text's start)
    if not first:
        return []
    out = []
    for m in _bare_body_matches(text, ending, pattern, first):
        core = m.group()
        if not boundary["not_in_core"].isdisjoint(core) or core.endswith(boundary["not_bodies"]):
            continue
        start = m.start()
        # 联同|发展局, 另据|统计暨普查局: a word in front that cannot open a name
        lead = next((w for w in _bare_body_leads() if core.startswith(w) and len(core) - len(w) >= 3), "")
        start, core = start + len(lead), core[len(lead):]
        if core[0] in "全各本该我其此这那每某" or core in _brand_tables()["generic"]:
            continue
        out.append(Mention(start, m.end(), core, "org.bare_body", kind="government"))
    return out


@functools.lru_cache(maxsize=1)
def _declaration_pattern() -> regex.Pattern:
    decl = trie_pattern(lists()["abbreviation"]["declarations"])
    return regex.compile(r"\((?:" + decl + r")?:?[“\"「『]?(\p{Han}{2,8})[”\"」』]?")


def declared_aliases(text: str, found: list[Mention]) -> list[Mention]:
    """Short names a text declares after a full name: (证券简称:华锐重工), (「港湾控股」或「本公司」)."""
    pattern = _declaration_pattern()
    generic = _brand_tables()["generic"]
    out = []
    for mention in found:
        if not text.startswith("(", mention.end):
            continue  # what the pattern opens with
        m = pattern.match(text, mention.end)
        # quoted or announced (简称); a bare bracket only when it abbreviates the name: 鸿海精密工业股份有限公司(鸿海)
        if m and m.group(1) not in generic and _declares(text, m, mention.surface):
            alias = Mention(m.start(1), m.end(1), m.group(1), "org.declared_alias")
            alias.parent = mention
            out.append(alias)
    return out


_STOCK_SHORT_NAME = regex.compile(
    r"(?:证券简称|股票简称|A股简称|H股简称)[ \u3000]{0,2}:[ \u3000]{0,2}(\p{Han}{2,8}?)(?![\p{Han}])")


def stock_short_names(text: str, found: list[Mention]) -> list[Mention]:
    """A listed company's short name in an announcement header: 证券简称:联环药业 (with no full name before it)."""
    out = []
    if "简称" not in text:
        return out  # what every header holds: one quick look, not the regex module's scan
    in_found = None  # flags of the positions `found` covers, made at the first header
    for m in _STOCK_SHORT_NAME.finditer(text):
        if in_found is None:
            in_found = covered(text, found)
        if in_found[m.start(1)] or m.group(1) in _brand_tables()["generic"]:
            continue
        out.append(Mention(m.start(1), m.end(1), m.group(1), "org.stock_short_name"))
    return out


def _declares(text: str, m, full: str) -> bool:
    found, short = m.group(), m.group(1)
    if "「" in found or "“" in found or any(w in found for w in lists()["abbreviation"]["declarations"]):
        return True
    bare = text.startswith(")", m.end())
    return bare and (abbreviates(short, full) or full.startswith(short))


def _longest(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions inside a longer one (国资委 inside 市国资委)."""
    mentions = sorted(mentions, key=lambda m: (-(m.end - m.start), m.start))
    kept: list[Mention] = []
    # the farthest end of a kept mention by where it starts: a mention inside a kept one starts
    # no farther before it than the longest kept one is long, so only those starts are looked at
    reach: dict[int, int] = {}
    longest = 0
    for m in mentions:
        for p in range(m.end - longest, m.start + 1):
            if reach.get(p, -1) >= m.end:
                break
        else:
            kept.append(m)
            if reach.get(m.start, -1) < m.end:
                reach[m.start] = m.end
            if m.end - m.start > longest:
                longest = m.end - m.start
    return sorted(kept, key=lambda m: m.start)


@functools.lru_cache(maxsize=1)
def _full_forms_longest_first() -> list[str]:
    return sorted(lists()["company"]["full_forms"], key=len, reverse=True)


@functools.lru_cache(maxsize=1)
def _full_forms_tuple() -> tuple[str, ...]:
    return tuple(_full_forms_longest_first())


def _brand_core(name: str) -> str:
    """联环药业 from 江苏联环药业集团有限公司: the name without its place and its legal form."""
    forms = _full_forms_longest_first()
    if name.endswith(_full_forms_tuple()):  # most names end in none: one test, not one per form
        for form in forms:
            if name.endswith(form):
                name = name[: -len(form)]
                break
    if name.startswith(("中国", "中华")) and len(name) > 4:
        name = name[2:]  # 中国|宝武钢铁: the country is no part of the brand
    place = place_starting_at(name, 0)
    # 临海港务: 临海 is a place too, but a two-character rest is the industry, not a brand
    while place and len(name) - len(place) >= 3:
        name = name[len(place):]
        place = place_starting_at(name, 0)
    return name


def listed_short_names(text: str, found: list[Mention]) -> list[Mention]:
    """Listed companies and subsidiaries named by the group's brand and an industry word:
    临港物流 beside 临海港务集团有限公司 (临 + 港, the first character and one of the next two)."""
    company = lists()["company"]
    stems = set()
    for surface in {m.surface for m in found if m.rule == "org.company"}:  # each name once
        core = _brand_core(surface)
        if len(core) >= 3:
            stems |= {core[0] + core[1], core[0] + core[2]}
    if not stems:
        return []
    industry = _industry_pattern()
    not_before = tuple(company["industry_not_before"]) + tuple(company["full_forms"])
    in_found = covered(text, found)
    out = []
    for start, end in _stem_and_industry(text, stems, industry):
        if text.startswith(not_before, end) or in_found[start]:
            continue
        out.append(Mention(start, end, text[start:end], "org.listed_short_name"))
    return out


@functools.lru_cache(maxsize=1)
def _industry_pattern() -> re.Pattern:
    return re.compile(trie_pattern(lists()["company"]["industries"]))


def _stem_and_industry(text: str, stems: set[str], industry: re.Pattern):
    """(start, end) of each stem followed by an industry word, left to right without overlaps,
    as a search for (?:stems)(?:industries) finds them (the stems all have two characters)."""
    starts = [at for written in starts_of_all(text, stems).values() for at in written]
    resume = 0
    for start in sorted(starts):
        if start < resume:
            continue
        m = industry.match(text, start + 2)
        if m:
            yield start, m.end()
            resume = m.end()


def occurrences(word: str, text: str):
    """Where `word` starts in `text`, left to right without overlaps (as a search for it finds them)."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def non_overlapping(starts: list[int], size: int):
    """Of the ascending `starts` of a word `size` long (`starts_of_all`), those a search for it finds
    left to right without overlaps, as `occurrences` gives them."""
    resume = 0
    for at in starts:
        if at >= resume:
            yield at
            resume = at + size


def covered(text: str, mentions) -> bytearray:
    """A flag for each position of `text` that one of `mentions` covers."""
    flags = bytearray(len(text) + 1)
    for m in mentions:
        flags[m.start:m.end] = b"\x01" * (m.end - m.start)
    return flags
