"""Names with no legal form, taken where the text shows what they are.

- `short_companies`: a rare brand and an industry word (华瑞储能, 泰丰营造, 湖南科锐锂能) where the
  text shows a company: a stock code after it (宏芯材料(6758)), a role (申联证券分析师), a class
  noun before it (关系人宏晖投资), a project it names (陇能新能源柳园风光储一体化项目).
- `listed_companies`: the names of a list that a class noun closes (台积电、日月光等客户,
  泽远科技、恒泰光学等在外温商企业).
- `gongsi`: <place or a brand the document uses> + brand + industry + 公司 (达州通川建工公司,
  海晟新能源公司 beside 海晟集团).
- `funds`: <place>? <purpose> <type words> 基金 (望城区先进制造业产业投资基金, 基本工程储备基金).
"""
from __future__ import annotations

import functools
import re

import regex

from ...data import load
from ...segmenter.segment import pos_tokenizer, tokenizer
from ...segmenter.wordtrie import matches_from, trie_pattern
from .names import HAN, Mention, lists
from .places import longest_name, place_ending_at, place_starting_at, places
from .find import word_starts

BRAND_TAGS = {"nz", "nt", "nrt", "nrfg", "ns", "nr", "j"}
STOCK_CODE = re.compile(r"[(（](\d{4,6})[)）]")


@functools.lru_cache(maxsize=1)
def _tables() -> dict:
    d = lists()
    company = d["company"]
    return {
        "industry": re.compile(trie_pattern(company["short_industries"])),
        "industries": frozenset(company["short_industries"]) | frozenset(company["industries"]),
        "after": re.compile(trie_pattern(company["cues_after"])),
        "before": tuple(company["cues_before"]),
        "before_any": re.compile(trie_pattern(company["cues_before"])),
        "classes": regex.compile(r"等[\p{Han}\d]{0,10}?(?:" + trie_pattern(company["list_classes"]) + r")(?!家)"),
        "not_before": tuple(company["industry_not_before"]),
        "generic": frozenset(d["generic"]["words"]) | frozenset(d["generic"]["descriptors"]),
        "not_in_core": frozenset(d["boundary"]["not_in_core"]),
        "bad_chars": frozenset(d["boundary"]["not_in_core"]) | frozenset("全各本该我其此这那每某两多诸等及和与或"),
        "stops": frozenset(d["generic"]["left_stops"]),
        # the words a name's brand may follow, as one tuple for str.endswith
        "stops_before": tuple(frozenset(d["generic"]["left_stops"]) | set(company["cues_before"])),
        "stops_tuple": tuple(frozenset(d["generic"]["left_stops"])),
        "industries_tuple": tuple(frozenset(company["short_industries"]) | frozenset(company["industries"])),
        "long_stops": sorted((w for w in d["generic"]["left_stops"] if len(w) > 1), key=len, reverse=True),
        "gongsi_not_after": frozenset(company["gongsi_not_after"]),
        "surnames": _surnames(),
        "fund_types": sorted(d["fund"]["type_words"], key=len, reverse=True),
        "fund_types_tuple": tuple(d["fund"]["type_words"]),
        "fund_not_before": tuple(d["fund"]["not_before"]),
    }


def _surnames() -> frozenset:
    return frozenset(c for c in load("surnames")["single"] if not c.isspace())


def _rare(word: str) -> bool:
    """A word jieba does not know as a common one: unknown, rare, or a proper noun's tag."""
    freq = tokenizer().FREQ.get(word) or 0
    tag = pos_tokenizer().word_tag_tab.get(word)
    return freq < 30 or (tag in BRAND_TAGS and tag not in ("nr", "nrfg") and freq < 2000)


@functools.lru_cache(maxsize=16384)
def _brand(word: str) -> bool:
    """Two or three characters that can be a company's brand (华瑞, 鲁晟, 泰丰).

    Cached: it reads only fixed tables (the word lists, the gazetteer, jieba's dictionary), and
    short_companies asks it of the two or three characters before every industry word."""
    t = _tables()
    if not HAN.fullmatch(word) or not t["bad_chars"].isdisjoint(word):
        return False
    if word in t["generic"] or word in t["industries"] or word in places():
        return False
    if (pos_tokenizer().word_tag_tab.get(word) or "").startswith("ns"):
        return False  # 在匈牙利建设…项目: a place, not a brand
    return _rare(word)


def _with_place(text: str, begin: int) -> int:
    """Where a name starts when a place stands right before its brand (湖南|科锐锂能, 达州|通川...)."""
    for _ in range(2):
        place = place_ending_at(text, begin)
        if not place:
            break
        begin -= len(place)
    return begin


_PROJECT = regex.compile(r"[^\s,，。;；:：、!！?？()（）等]{0,24}?项目")
_YEAR = re.compile(r"(?:19|20)\d\d")
_SIGNS = regex.compile(r"与[^\s,，。;；:：!！?？]{1,16}?(?:签约|签订|签署)")
_SIGNED_WITH = regex.compile(r"[^\s,，。;；:：!！?？]{0,6}?(?:签约|签订|签署)")


def _strong_evidence(text: str, start: int, end: int) -> bool:
    """A stock code, a role after the name, a class noun before it, a signing it is party to."""
    t = _tables()
    if STOCK_CODE.match(text, end) and not _YEAR.fullmatch(STOCK_CODE.match(text, end).group(1)):
        return True
    if t["after"].match(text, end + (text[end:end + 1] == "的")):
        return True
    if text[max(0, start - 4):start].endswith(t["before"]):
        return True
    # 宝丰特钢与市政府签约, 市政府与宝丰特钢签约
    if _SIGNS.match(text, end, end + 20):
        return True
    return text[start - 1:start] == "与" and _SIGNED_WITH.match(text, end, end + 12) is not None


def _evidence(text: str, start: int, end: int) -> bool:
    if _strong_evidence(text, start, end):
        return True
    # a company naming its project: 陇能新能源柳园风光储一体化项目, 鲁晟牧业年出栏5万头肉牛育肥项目
    clause = _PROJECT.match(text[end:end + 28])
    if clause is not None and any(w in clause.group() for w in ("产业园", "园区", "基地", "工业园", "科技园")):
        return False  # 汉江智能装备产业园项目: a park's name, not a company's project
    return clause is not None and (start == 0 or not HAN.fullmatch(text[start - 1]) or text[start - 1] in "在的由")


def _sign_after(text: str, end: int) -> bool:
    """Whether anything after `end` can show a company (`_evidence` with any start): a stock
    code, a cue, a signing, a project. Without one, only a cue in front of the name can."""
    t = _tables()
    if text.startswith(("(", "（"), end):
        code = STOCK_CODE.match(text, end)
        if code is not None and not _YEAR.fullmatch(code.group(1)):
            return True
    if t["after"].match(text, end + (text[end:end + 1] == "的")):
        return True
    # each of the others holds a word of its own, looked for first (签 of 签约, 项目)
    signed = text.find("签", end, end + 20) >= 0
    return (signed and (_SIGNS.match(text, end, end + 20) is not None
                        or _SIGNED_WITH.match(text, end, end + 12) is not None)
            or (text.find("项目", end, end + 28) >= 0 and _PROJECT.match(text, end, end + 28) is not None))


def short_companies(text: str, taken: bytearray | None = None) -> list[Mention]:
    """Brand + industry word where the text shows a company (see the module's doc).

    `taken` (find.covered of the names found so far): an industry word inside one is not read,
    as the caller drops any name that overlaps them."""
    t = _tables()
    out = []
    resume = 0
    # how far before an industry word a cue in front of the name can start: the brand (three
    # characters at most), two places, the cue's four characters
    reach = 3 + 2 * longest_name() + 4
    for m in t["industry"].finditer(text):
        s, end = m.start(), m.end()
        if s < resume:
            continue  # an industry word that the one before took in
        # 世明|光学科技: industry words one after another end one name (three at most)
        for _ in range(2):
            more = t["industry"].match(text, end)
            if not more:
                break
            end = more.end()
        resume = end
        if text.startswith(t["not_before"], end):
            continue
        if taken is not None and taken.find(1, s, end) >= 0:
            continue  # a name found here would overlap one found before
        # most industry words have no sign of a company around them: refused before their brands
        if not _sign_after(text, end) and t["before_any"].search(text, max(0, s - reach), s) is None:
            continue
        for size in (2, 3):
            if s < size:
                continue
            # 宝丰|特钢: a place may be a company's brand where the text shows a company strongly
            placed = size == 2 and text[s - size:s] in places() and HAN.fullmatch(text, s - 2, s) is not None
            if not placed and not _brand(text[s - size:s]):
                continue
            # the brand is a word of its own: no Han character before it, or a place, a stop or a cue
            begin = s - size
            outer = _with_place(text, begin)
            before = text[max(0, outer - 4):outer]
            if outer == begin and begin > 0 and HAN.fullmatch(text[begin - 1]) \
                    and not before.endswith(t["stops_before"]) \
                    and text[begin - 1] not in "在的由":
                continue
            if (_strong_evidence if placed else _evidence)(text, outer, end):
                out.append(Mention(outer, end, text[outer:end], "org.short_company", kind="company"))
                break
    return out


# a listed company's code in brackets: Taiwan's four digits, the mainland's six (0/3/6/8/9 first)
_CODED = regex.compile(r"(?<![\p{Han}])?(\p{Han}{2,8})[(（](?:[1-9]\d{3}|[03689]\d{5})(?:\.(?:TW|TWO|SH|SZ|BJ))?[)）]")
# the code alone: where a _CODED match can end, found in one quick scan
_CODE = regex.compile(r"[(（](?:[1-9]\d{3}|[03689]\d{5})(?:\.(?:TW|TWO|SH|SZ|BJ))?[)）]")


def _code_matches(text: str) -> list:
    """The matches of _CODE.finditer(text), tried only at the brackets (every code opens with one)."""
    return matches_from(_CODE, text, "(（")


def _coded_matches(text: str):
    """The matches of _CODED.finditer(text), tried only at the 2 to 8 characters before a code
    (a name of 2-8 Han characters runs up to the bracket): the same matches, without trying the
    pattern at every Han character of the text."""
    pos = 0
    for code in _code_matches(text):
        b = code.start()
        for start in range(max(pos, b - 8), b - 1):
            m = _CODED.match(text, start)
            if m is not None:
                yield m
                pos = m.end()
                break


_CODE_CUES = ("股票", "股价", "今日", "今(", "昨日", "公告", "宣布", "公布", "表示", "董事")


def coded_companies(text: str) -> list[Mention]:
    """A name right before a stock code: 威达(2388), 全国电(6281), 恒远新材(605163)."""
    t = _tables()
    out = []
    for m in _coded_matches(text):
        start, name = m.start(1), m.group(1)
        cut = max((i + 1 for i, c in enumerate(name) if c in "的了在与和及是由向对将厂商"), default=0)
        if len(name) - cut > 4:
            cut = max(cut, _after_last_stop(name))
        start, name = start + cut, name[cut:]
        if not 2 <= len(name) <= 5 or name in t["generic"] or name in t["industries"] or name in places():
            continue
        if any(c in t["bad_chars"] for c in name):
            continue
        # a word of the dictionary (营收, 分机) or a person's name (张伟) is no company's
        known = (tokenizer().FREQ.get(name) or 0) > 0 and pos_tokenizer().word_tag_tab.get(name) not in ("nz", "nt")
        ind = next((w for w in t["industries"] if name.endswith(w) and len(name) > len(w)), "") \
            if name.endswith(t["industries_tuple"]) else ""
        branded = bool(ind) and _brand(name[:-len(ind)])
        if not branded:
            if known:
                continue
            # a name of its own: the text names it again, or a listed company's words follow the code
            again = text.find(name, m.end()) >= 0 or text.rfind(name, 0, start) >= 0
            if not again and not t["after"].match(text, m.end()) and not text.startswith(_CODE_CUES, m.end()):
                continue
        if (pos_tokenizer().word_tag_tab.get(name) or "").startswith(("nr", "ns")):
            continue  # a person or a place before a number in brackets
        out.append(Mention(start, start + len(name), name, "org.coded_company", kind="company"))
    return out


def _list_item_ok(item: str) -> bool:
    """A list item that names a company: brand + industry, or a rare name of its own (台积电)."""
    t = _tables()
    if not 2 <= len(item) <= 12 or not HAN.fullmatch(item):
        return False
    if item in t["generic"] or item in t["industries"] or item in places():
        return False
    if any(c in "的是了在和与及或等" for c in item):
        return False
    core = item
    place = place_starting_at(item, 0)
    if place and len(item) - len(place) >= 2:
        core = item[len(place):]
    ind = next((w for w in sorted(t["industries"], key=len, reverse=True) if core.endswith(w)), None)
    if ind and len(core) > len(ind):
        brand = core[:-len(ind)]
        return 2 <= len(brand) <= 4 and (_brand(brand) or (len(brand) > 2 and _rare(brand)))
    return len(core) <= 4 and _rare(core) and pos_tokenizer().word_tag_tab.get(core) not in ("nr", "nrfg")


def listed_companies(text: str) -> list[Mention]:
    """The names of a 、 list that a company class closes: 赣翔航空、翼动科技等企业代表."""
    t = _tables()
    out = []
    for m in t["classes"].finditer(text):
        # the items, right to left, back from 等
        end = m.start()
        items = []
        while True:
            start = end
            while start > 0 and HAN.fullmatch(text[start - 1]) and end - start < 12:
                start -= 1
            if end - start < 2:
                break
            items.append((start, end))
            if start > 0 and text[start - 1] == "、":
                end = start - 1
                continue
            break
        if len(items) < 2:
            continue
        for start, end in items:
            item = text[start:end]
            if not _list_item_ok(item):
                # the first item may carry the words before it: 包括|广达, 受惠|台积电
                cut = _after_last_stop(item)
                if cut and _list_item_ok(item[cut:]):
                    out.append(Mention(start + cut, end, item[cut:], "org.listed_company", kind="company"))
                continue
            out.append(Mention(start, end, item, "org.listed_company", kind="company"))
    return out


def _after_last_stop(item: str) -> int:
    """Where the name in `item` starts: after the last word that cannot stand in a name (a stop
    word, a verb of two characters or more), or 0."""
    stops = _tables()["stops"]
    at = cut = 0
    for word, tag in pos_tokenizer().cut(item):
        at += len(word)
        if at < len(item) - 1 and (word in stops or (tag.startswith("v") and len(word) > 1)):
            cut = at
    return cut


@functools.lru_cache(maxsize=16384)
def _function_word_in(words: str) -> bool:
    """Whether the tagger reads an adverb, a verb or another function word in `words` (cached:
    the dictionary and the tagger's tables are fixed)."""
    return any(tag[:1] in "dvpcurmtf" for _, tag in pos_tokenizer().cut(words))


_GONGSI = re.compile(r"公司")
_COUNT_CHARS = frozenset("一二三四五六七八九十几家个")


def _name_start(text: str, end: int, longest: int, kind: str) -> int:
    """Where a name ending at `end` before `kind` (公司, 基金) can start: back over at most `longest`
    Han characters, and never before an earlier `kind` (no name holds 公司 before its own)."""
    run = end
    while run > 0 and HAN.fullmatch(text[run - 1]) and end - run < longest:
        run -= 1
    inner = text.rfind(kind, run, end)
    return inner + len(kind) if inner >= 0 else run


def gongsi(text: str, known_brands: set[str], taken: bytearray | None = None) -> list[Mention]:
    """<place or known brand> + brand + industry + 公司: 达州通川建工公司, 海晟新能源公司.

    `taken` (find.covered of the names found so far): a 公司 inside one is not read, as the
    caller drops any name that overlaps them (有限公司 of a full name)."""
    t = _tables()
    out = []
    # the brands' lengths (all two characters, as `_known_brands` takes them): a brand opens
    # `rest` where the start of that length is one, found by lookup, not by a test per brand
    brand_lengths = sorted({len(b) for b in known_brands})
    for m in _GONGSI.finditer(text):
        s = m.start()
        if taken is not None and (taken[s] or taken[s + 1]):
            continue
        run = _name_start(text, s, 12, "公司")
        if s - run < 2:
            continue
        # the longest tail of the run that starts with a place or a known brand
        for begin in range(run, s - 1):
            rest = text[begin:s]
            place = place_starting_at(text, begin)
            head = place if place and (place[-1] not in "市县区省" or len(place) > 2) else None
            if head is None:
                head = next((rest[:n] for n in brand_lengths if rest[:n] in known_brands and len(rest) >= n), None)
            if not head:
                # 收购|晶熠阳公司: a rare brand of its own after a word that cannot open a name
                if begin > run and not (text[begin - 1] in "在的由和与及向"
                                        or text.endswith(t["stops_tuple"], 0, begin)):
                    continue
                if not (2 <= len(rest) <= 5 and _brand(rest[:2]) and rest not in t["gongsi_not_after"]) \
                        or rest[-1] in "子分母总" or (begin > 0 and text[begin - 1].isdigit()):
                    continue
                if _function_word_in(rest):
                    continue  # 不影响|公司: an adverb or a verb, not a brand
                out.append(Mention(begin, m.end(), text[begin:m.end()], "org.gongsi", kind="company"))
                break
            core = rest[len(head):]
            if len(core) < 2 or core in t["gongsi_not_after"] or core[-1] in "子分母总":
                continue
            if not t["not_in_core"].isdisjoint(core) or core in t["generic"]:
                continue
            # the core ends with an industry (建工, 物业, 储能) or holds a rare brand, or a place opens it
            if not _COUNT_CHARS.isdisjoint(core):
                continue
            if not (place or core.endswith(t["industries_tuple"]) or _rare(core[:2])):
                continue
            if begin > 0 and HAN.fullmatch(text[begin - 1]) and text[begin - 1] not in "在的由和与及向":
                before = text[max(0, begin - 4):begin]
                # 供|香港科技园公司: a place that opens a word of its own may follow anything
                if not before.endswith(t["stops_before"]) \
                        and not (place and word_starts(text, begin)):
                    continue
            out.append(Mention(begin, m.end(), text[begin:m.end()], "org.gongsi", kind="company"))
            break
    return out


_FUND = re.compile(r"基金")


def funds(text: str) -> list[Mention]:
    """<place>? <purpose> <type words> 基金: 创新科技基金, 望城区先进制造业产业投资基金."""
    t = _tables()
    out = []
    for m in _FUND.finditer(text):
        if text.startswith(t["fund_not_before"], m.end()):
            continue
        s = m.start()
        run = _name_start(text, s, 16, "基金")
        name = text[run:s]
        # cut the words in front that cannot open a name: 由|基本工程储备, 设立规模50亿元的|温商回归产业
        begin = run
        for i in range(len(name)):
            if name[i] in "的由从向在将把对为与和及等是了":
                begin = run + i + 1
        name = text[begin:s]
        if len(name) < 2:
            continue
        for stop in t["long_stops"]:
            if stop in name:
                begin += name.rindex(stop) + len(stop)
                name = text[begin:s]
        purpose = name
        place = place_starting_at(purpose, 0)
        if place:
            purpose = purpose[len(place):]
        changed = True
        # a pass changes nothing when the purpose ends with no type word at all: one test
        while changed and purpose.endswith(t["fund_types_tuple"]):
            changed = False
            for w in t["fund_types"]:
                if purpose.endswith(w) and len(purpose) > len(w) - 1:
                    purpose = purpose[:-len(w)]
                    changed = True
        if len(purpose) < 2 or purpose in t["generic"] or any(c in t["not_in_core"] for c in purpose) \
                or "基金" in purpose:
            continue
        if purpose[0] in "各该本此全其首新":
            continue
        out.append(Mention(begin, m.end(), text[begin:m.end()], "org.fund", kind="fund"))
    return out
