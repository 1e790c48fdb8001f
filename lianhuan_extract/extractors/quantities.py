"""Quantities and ranges: a number, its magnitude and unit, a comparator around it.

Duckling style, in three steps on the normalised text:
1. `find_amounts`: one linear scan for numbers (Arabic, Chinese, mixed, with magnitudes), each
   resolved with `parse_number_exact`, dropping those inside idioms, dates and contacts; 分之 and /
   join two of them into a fraction.
2. small named rules stacked on the amounts: a unit after it (`read_unit`), a currency before it,
   a comparator before or after it (`_comparators`), two amounts joined into a range
   (`_range_from`), a lower and an upper bound joined into a range (`_merge_bounds`); vetoes
   (`_acceptable`) for years, ordinals, codes, names, articles (一家) and vague magnitudes.
3. `resolve`: the contract's fields (canonical unit, dimension, comparator symbol, folded value).

Rules recorded on the entities: quantity.<dimension> (currency, percent, area, count, ...),
quantity.currency_prefix (新台币12.5亿元), quantity.percent_words (百分之十五), quantity.number (a
bare magnitude or a bound without a unit), quantity.cantonese_dollars (五個半),
quantity.colloquial_one (米九), range.connector (50~100亩), range.between (在20和30之间),
range.pair (三五百块), range.bounds (大于10小于20).
Word lists live in data/units.toml, data/comparators.toml, data/quantity_vetoes.toml; the examples
that are this module's test suite in corpus/quantities.toml.
"""
from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, field
from fractions import Fraction

import regex

from ..data import load
from ..entity import Context, Entity
from ..numbers import parse_number_exact, read_plain_number, tables, to_python_number
from ..segmenter.wordtrie import matches_from, trie_pattern
from ..text.locale import currency_of, locale_of

# ----------------------------------------------------------------------------- word lists


@dataclass(frozen=True)
class Unit:
    surface: str
    code: str
    dimension: str
    factor: Fraction = Fraction(1)
    scaled: bool = field(init=False, compare=False, repr=False)  # factor != 1, asked at every find
    rule: str = field(init=False, compare=False, repr=False)  # quantity.<dimension>, made once

    def __post_init__(self) -> None:
        object.__setattr__(self, "scaled", self.factor != 1)
        object.__setattr__(self, "rule", f"quantity.{self.dimension}")


# the words that begin a currency note: 单位:港元, 金额均以新台币计
_NOTE_UNIT_WORDS = ("单位", "币种", "币别", "货币")
_NOTE_SUM_WORDS = ("金额", "数字", "币值", "款项", "数额")


class _Lexicon:
    def __init__(self) -> None:
        units = load("units")
        comps = load("comparators")
        vetoes = load("quantity_vetoes")
        self.units: dict[str, Unit] = {}
        for surface, code in units["currency"].items():
            self.units[surface] = Unit(surface, code, "currency")
        for surface, spec in units["measures"].items():
            self.units[surface] = Unit(surface, spec["code"], spec["dimension"],
                                       Fraction(str(spec.get("factor", 1))))
        simplified = units["classifiers"]["simplified"]
        traditional = units["classifiers"]["traditional"]
        for simp, trad in zip(simplified, traditional):
            self.units.setdefault(simp, Unit(simp, simp, "count"))
            self.units.setdefault(trad, Unit(trad, simp, "count"))
        self.prefix_currency: dict[str, str] = units["prefix_currency"]
        self.currency_after_yuan: dict[str, str] = units["currency_after_yuan"]
        self.cents = {k: (v["currency"], Fraction(str(v["factor"]))) for k, v in units["cents"].items()}
        self.money_subunits = {k: Fraction(str(v)) for k, v in units["money_subunits"].items()}
        plain = set(units["plain_currency"]["words"])
        self.yuan_names: list[str] = units["plain_currency"]["yuan_names"]
        # a standing note naming the currency of the plain amounts after it: (人民币,下同),
        # 以下金额均为港元, 单位:新台币, 金额均以新台币计
        self.note_currency = {w: code for w, code in units["currency"].items() if w not in plain}
        names = "|".join(regex.escape(w) for w in sorted(self.note_currency, key=len, reverse=True))
        note_alternatives = (
            rf"\([^()\n]{{0,12}}?(?P<name>{names})[^()\n]{{0,8}}?下同\)",
            rf"(?:{'|'.join(_NOTE_UNIT_WORDS)})[ \t]{{0,2}}:?[ \t]{{0,2}}[千百万亿]{{0,3}}元?(?P<name>{names})",
            rf"以下[^。\n;]{{0,8}}?(?:为|以|按|是|用)[ \t]{{0,2}}(?P<name>{names})",
            rf"(?:{'|'.join(_NOTE_SUM_WORDS)})(?:均|皆|都|全部)?(?:以|按)(?P<name>{names})(?:计|为单位|列示)")
        self.note_re = regex.compile("|".join(note_alternatives))
        # the same without the first alternative, for a text without 下同, where it cannot match:
        # the bracketed note is the one tried at every bracket
        self.note_re_unbracketed = regex.compile("|".join(note_alternatives[1:]))
        self.before: dict[str, str] = comps["before"]
        self.fillers: list[str] = comps["fillers"]["words"]
        self.not_after: dict[str, list[str]] = comps["not_after"]
        self.after: dict[str, str] = comps["after"]
        self.around_before: list[str] = comps["around"]["before"]
        self.around_after: dict[str, str] = comps["around"]["after"]
        self.bound_joiners: list[str] = comps["bound_joiners"]["words"]
        self.connectors: list[str] = sorted(comps["range"]["connectors"], key=len, reverse=True)
        self.openers: list[str] = comps["range"]["openers"]
        self.range_intros: list[str] = self.openers + comps["range"]["intros"]
        self.pair_joiners: list[str] = comps["range"]["pair_joiners"]
        self.pair_closers: list[str] = sorted(comps["range"]["pair_closers"], key=len, reverse=True)
        self.range_joiner_starts = {w[0] for w in self.connectors + self.pair_joiners}
        self.idioms: list[str] = vetoes["idioms"]
        self.unit_not_before: dict[str, list[str]] = vetoes["unit_not_before"]
        self.label_suffixes: list[str] = vetoes["labels"]["label_suffixes"]
        self.label_starts = {w[0] for w in self.label_suffixes}
        self.ordinal_prefixes: list[str] = vetoes["ordinals"]["ordinal_prefixes"]
        self.lone_one: set[str] = set(vetoes["articles"]["lone_one"])
        self.lone_capitals: frozenset[str] = frozenset(vetoes["articles"]["lone_capitals"])
        self.counting_verbs: list[str] = vetoes["articles"]["counting_verbs"]
        self.phase_count_numerals: set[str] = set(vetoes["phases"]["count_numerals"])
        self.within: list[str] = comps["within"]["words"]
        self.within_not_before: set[str] = set(comps["within"]["not_before"])
        self.share_of: dict[str, str] = comps["share_of"]
        self.share_of_re = regex.compile(
            "(?P<word>" + "|".join(regex.escape(w) for w in sorted(self.share_of, key=len, reverse=True))
            + r")\p{Han}{1,10}?的[ \t]{0,2}\Z")
        self.ratio_words: list[str] = vetoes["ratios"]["words"]
        self.bound_followers: list[str] = comps["bound_followers"]["words"]
        self.vague_prefixes: list[str] = vetoes["vague"]["prefixes"]
        self.vague_magnitude_prefixes: list[str] = vetoes["vague"]["magnitude_prefixes"]
        self.reaching_verbs: set[str] = set(vetoes["vague"]["reaching_verbs"])
        # first or last characters of word lists looked up at every amount: a set look-up
        # answers most positions before the word search
        self.after_starts = {w[0] for w in self.after}
        self.around_before_ends = {w[-1] for w in self.around_before}
        self.ordinal_ends = {w[-1] for w in self.ordinal_prefixes}
        self.prefix_currency_ends = {w[-1] for w in self.prefix_currency}
        # what `_money_after` can read at all: a currency after 元, 整/正, 又, or a digit of
        # 角/分 or cents as `_digit_at` reads it (零 included)
        self.money_after_starts = {w[0] for w in self.currency_after_yuan} | set("整正又0123456789") \
            | set(_CN_DIGIT)
        # units with optional spaces between their characters (一 百 五 十 个 百 分 点)
        alts = sorted(self.units, key=len, reverse=True)
        self.unit_re = regex.compile(
            "|".join(r"[ \t]{0,4}".join(regex.escape(c) for c in u) for u in alts))
        # the same units keyed by their first character, longest first: `unit_at` answers most
        # positions with one dict look-up and leaves only spaced units to `unit_re`
        self.units_by_first: dict[str, list[str]] = {}
        for u in alts:
            self.units_by_first.setdefault(u[0], []).append(u)
        spaced = lambda words: "|".join(r"[ \t]{0,2}".join(regex.escape(c) for c in w)
                                        for w in sorted(words, key=len, reverse=True))
        self.before_re = regex.compile(rf"(?P<word>{spaced(self.before)})[ \t]{{0,3}}"
                                       rf"(?:(?:{spaced(self.fillers)})[ \t]{{0,3}})?\Z")
        # plain words only, so the standard engine, which scans them several times faster than
        # `regex`, reads them the same way; as a trie, which matches what the alternation sorted
        # longest first does, where the alternation tries every idiom at each place one may start
        self.idiom_re = re.compile(trie_pattern(self.idioms))
        t = tables()
        cn_chars = set(t.digits) | set(t.small_units) | set(t.big_units) | set(t.expand) | t.vague_digit
        cn_chars |= {c for c in t.fold if t.fold[c] in cn_chars or c in "萬億兩倆貳參陸幾"}
        self.cn_chars = "".join(sorted(cn_chars))
        cn = "[" + regex.escape(self.cn_chars) + "]"
        # an amount never opens with 点 (a decimal point only follows a number): 起降点46个 is 46
        # thousands grouped by commas, or by one space as Hong Kong and SI texts write them
        # (11 000張); not before a further digit or a magnitude, where the blanks more likely part
        # the columns of a table (100 200 300万元)
        arabic = (r"(?:\d{1,3}(?:,\d{3}){1,8}(?!\d)|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3}){1,8}(?![\d,]|[ \t]?[\d万亿萬億])"
                  r"|\d{1,30})(?:\.\d{1,20})?")
        piece = (rf"(?:{arabic}|{cn}{{1,30}}|[点點](?=[ \t]{{0,3}}(?:{cn}|\d))"
                 rf"|[多余餘](?=[ \t]{{0,3}}[十百千万亿兆萬億])|(?<=\d)[kKwW](?![A-Za-z]))")
        join = rf"(?:[ \t]{{1,3}}(?={cn}|[点點])|(?<={cn})[ \t]{{1,3}}(?=\d))?"
        # what an amount can open with (a digit, a numeral, 多/余 before a magnitude), asked first:
        # the regex module finds the places to try by testing each character against the opening
        # class, a Unicode property in one table look-up where the numeral list is read one member
        # at a time (almost every numeral has Numeric_Type=Numeric; the few that have not are listed)
        numeric = regex.compile(r"\p{Numeric_Type=Numeric}")
        unlisted = "".join(c for c in self.cn_chars if not numeric.match(c))
        opening = rf"(?=[\d\p{{Numeric_Type=Numeric}}{regex.escape(unlisted)}多余餘])"
        self.number_re = regex.compile(
            rf"{opening}(?<![\d.{regex.escape(self.cn_chars)}]|\d,)(?![点點])(?>{piece}(?:{join}{piece}){{0,40}})")
        self.sign_re = regex.compile(r"(?:负|負|-|−)[ \t]{0,2}$")
        # the last character before an amount that lets sign_re, percent_prefix_re or before_re
        # match at all (`$` also matches before a final newline): a set look-up spares the search
        self.sign_ends = set("负負-− \t\n")
        self.percent_prefix_ends = set("之 \t\n")
        self.sign_or_percent_ends = self.sign_ends | self.percent_prefix_ends
        self.before_ends = {w[-1] for w in self.before} | {w[-1] for w in self.fillers}
        self.before_single_ends = {w for w in list(self.before) + self.fillers if len(w) == 1}
        self.before_bigrams = {w[-2:] for w in list(self.before) + self.fillers if len(w) > 1}
        # numerals that also begin a unit (千瓦, 兆瓦, 百分点)
        self.numeral_unit_starts = {u[0] for u in alts if u[0] in cn_chars}
        self.percent_prefix_re = regex.compile(rf"(?<!{cn})[百佰][ \t]{{0,3}}分[ \t]{{0,3}}之[ \t]{{0,3}}$")
        self.big_chars = set(t.big_units) | {"萬", "億"}
        self.small_chars = set(t.small_units)
        self.big_or_letter_chars = self.big_chars | set("kKwW")
        self.scaling_chars = self.big_or_letter_chars | self.small_chars
        self.digit_chars = set(t.digits) | {"兩", "貳", "參", "陸"}

    def unit_at(self, text: str, pos: int, first: str | None = None) -> tuple[str, int] | None:
        """(surface, end) of the longest unit starting at `pos`, as `unit_re` reads it; `first` is
        text[pos] when the caller has it."""
        if first is None:
            if pos >= len(text):
                return None
            first = text[pos]
        candidates = self.units_by_first.get(first)
        if not candidates:
            return None
        longest = len(candidates[0])
        if longest == 1:
            return first, pos + 1  # the one unit that starts with this character is the character
        following = text[pos + 1:pos + longest]
        if " " in following or "\t" in following:  # 百 分 点: the spaced forms are the regex's
            m = self.unit_re.match(text, pos)
            return (_BLANKS.sub("", m.group()), m.end()) if m else None
        for u in candidates:
            if text.startswith(u, pos):
                return u, pos + len(u)
        return None


_lexicon: _Lexicon | None = None


def lexicon() -> _Lexicon:
    """The word lists and patterns, built on first use. Hot functions read `_lexicon or
    lexicon()`: a global look-up, where even a cached call costs as much as their own work."""
    global _lexicon
    if _lexicon is None:
        _lexicon = _Lexicon()
    return _lexicon


# ----------------------------------------------------------------------------- spans


class Spans:
    """Spans taken by something else, kept as one flag per character of the text (`taken[i]` is 1
    when character i is taken): `overlaps` is a single C-level search, and every amount asks."""

    def __init__(self, spans, length: int) -> None:
        self.taken = bytearray(length)
        self.empty = True
        for s, e in spans:
            if e > s:
                self.taken[s:e] = b"\x01" * (e - s)
                self.empty = False

    def overlaps(self, start: int, end: int) -> bool:
        if start < end:
            return self.taken.find(1, start, end) >= 0
        # an empty or reversed query: inside one span when every character from end-1 to start is taken
        return 0 < end and start < len(self.taken) and 0 not in self.taken[end - 1:start + 1]


# ----------------------------------------------------------------------------- amounts


@dataclass(slots=True)
class Amount:
    start: int
    end: int
    value: Fraction
    raw: str
    # base and magnitude stay None until `_split` works them out: only ranges ask for them
    base: Fraction | None     # the value without its trailing magnitude (15 of 15万)
    magnitude: Fraction | None  # the trailing magnitude (10000 of 15万), 1 if none
    has_big: bool             # 万/亿/兆 or a letter multiplier inside
    chinese: bool             # written without Arabic digits
    more: bool = False        # 余/多 inside (五百余万)
    vague: bool = False       # 几 inside (二十几万)
    percent_prefix: int | None = None  # start of 百分之 in front
    pair: tuple[Fraction, Fraction] | None = None  # 三五百 = 300..500
    fraction: bool = False    # 三分之一, 1/2


_PAIR = regex.compile(r"([一二两三四五六七八九])([二三四五六七八九])([十百千万亿]{1,3})")
_PAIR_FIRST = "一二两三四五六七八九"
_DIGITS_ONLY = regex.compile(r"[\d,.]+|[零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖]")
_ZERO = Fraction(0)
_ONE = Fraction(1)
_LETTER_MULTIPLIERS = "kKwW"
_LETTER_SET = frozenset(_LETTER_MULTIPLIERS)
_MORE = frozenset("多余餘")
_VAGUE = frozenset("几幾")


def _trailing_magnitude(raw: str, value: Fraction) -> tuple[Fraction, Fraction]:
    """(base, magnitude): 3万 -> (3, 10000), 一千六百亿 -> (1600, 10^8), 一千五百 -> (1500, 1)."""
    lex = _lexicon or lexicon()
    s = raw.replace(" ", "")
    cut = len(s)
    while cut > 0 and s[cut - 1] in lex.big_or_letter_chars:
        cut -= 1
    if cut == len(s):  # no magnitude at the end: a hundreds or thousands unit after one digit (5百)
        while cut > 0 and s[cut - 1] in lex.small_chars and _DIGITS_ONLY.fullmatch(s[:cut - 1] or "x"):
            cut -= 1
    if cut == len(s) or cut == 0:
        return value, _ONE
    try:
        base = parse_number_exact(s[:cut])
    except ValueError:
        return value, _ONE
    if base == 0:
        return value, _ONE
    return base, value / base


def _split(a: Amount) -> tuple[Fraction, Fraction]:
    """(base, magnitude) of the amount, worked out on first use."""
    if a.base is None:
        a.base, a.magnitude = _trailing_magnitude(a.raw.replace(" ", "").replace("\t", ""), a.value)
    return a.base, a.magnitude


def _make_amount(text: str, start: int, end: int) -> Amount | None:
    lex = _lexicon or lexicon()
    raw = text[start:end]
    compact = raw.replace(" ", "").replace("\t", "")
    plain = read_plain_number(compact)
    if plain is not None:  # Arabic digits, perhaps with commas, decimals and 万, 亿 or 万亿 (15, 5.5, 1,200, 10亿)
        value, has_magnitude = plain
        if not has_magnitude:
            return Amount(start, end, value, raw, value, _ONE, False, False)
        return Amount(start, end, value, raw, None, None, True, False)  # split when asked
    if compact.isascii():
        # the usual amount, Arabic digits (a run starts with one) with perhaps a letter multiplier
        try:
            value = parse_number_exact(compact)
        except ValueError:
            return None
        if compact[-1] in _LETTER_MULTIPLIERS:
            return Amount(start, end, value, raw, None, None, True, False)
        return Amount(start, end, value, raw, value, _ONE, not _LETTER_SET.isdisjoint(compact), False)
    m = _PAIR.fullmatch(compact) if 3 <= len(compact) <= 5 and compact[:1] in _PAIR_FIRST else None
    if m and 0 < "一二三四五六七八九".index(m.group(2)) - "一二三四五六七八九".index(m.group(1).replace("两", "二")) <= 2:
        try:
            lo = parse_number_exact(m.group(1) + m.group(3))
            hi = parse_number_exact(m.group(2) + m.group(3))
        except ValueError:
            return None
        return Amount(start, end, hi, raw, hi, _ONE, not lex.big_chars.isdisjoint(compact), True,
                      pair=(lo, hi))
    try:
        value = parse_number_exact(compact)
    except ValueError:
        return None
    if compact[-1] in lex.scaling_chars:
        base = magnitude = None  # a magnitude or unit at the end: split when asked
    else:  # nothing at the end to split off
        base, magnitude = value, _ONE
    has_big = not lex.big_or_letter_chars.isdisjoint(compact)
    chinese = not any(map(str.isdigit, compact))
    return Amount(start, end, value, raw, base, magnitude, has_big, chinese,
                  not _MORE.isdisjoint(compact), not _VAGUE.isdisjoint(compact))


def _longest_valid_prefix(text: str, start: int, end: int) -> int | None:
    """The end of the longest prefix of text[start:end] that parses (a run may glue a word on)."""
    for stop in range(end, max(start, end - 8), -1):
        if text[stop - 1] in " \t":
            continue
        try:
            parse_number_exact(text[start:stop].replace(" ", ""))
            return stop
        except ValueError:
            continue
    return None


def _unit_starting_inside(text: str, start: int, end: int) -> int:
    """千瓦, 千米, 兆瓦 begin with a numeral: give that character back to the unit."""
    lex = _lexicon or lexicon()
    for back in (1, 2):
        cut = end - back
        if cut <= start:
            break
        if text[cut] not in lex.numeral_unit_starts:
            continue
        m = lex.unit_at(text, cut)
        if m and m[1] > end and not text[start:cut].endswith(" "):
            try:
                parse_number_exact(text[start:cut].replace(" ", ""))
                return cut
            except ValueError:
                continue
    return end


def find_amounts(text: str, blocked: Spans) -> list[Amount]:
    lex = _lexicon or lexicon()
    n = len(text)
    masked = Spans((m.span() for m in lex.idiom_re.finditer(text)), n)
    # the flags themselves (None when nothing is taken): every match asks, and an amount is never empty
    masked_flags = None if masked.empty else masked.taken
    blocked_flags = None if blocked.empty else blocked.taken
    units_by_first = lex.units_by_first
    numeral_unit_starts = lex.numeral_unit_starts
    sign_or_percent_ends = lex.sign_or_percent_ends
    singles = _single_amounts or _make_single_amounts()
    out: list[Amount] = []
    joinable: list[int] = []  # indices of the amounts a fraction joiner may follow
    for m in lex.number_re.finditer(text):
        start, end = m.span()
        while end > start and text[end - 1] in " \t":
            end -= 1
        if (masked_flags is not None and masked_flags.find(1, start, end) >= 0) or \
                (blocked_flags is not None and blocked_flags[start]):
            continue  # the amount would keep this first character, so a date or contact has it
        if end - start == 1:
            first = text[start]
            if first in units_by_first:
                unit_here = lex.unit_at(text, start, first)
                if unit_here and unit_here[1] >= end:
                    continue  # 千米, 千瓦 with no number in front
            # one numeral character (一, 5, 亿): its amount read once from the numeral tables
            single = singles.get(first)
            amount = Amount(start, end, single[0], first, *single[1:]) if single is not None \
                else _make_amount(text, start, end)
        else:
            if text[end - 1] in numeral_unit_starts or text[end - 2] in numeral_unit_starts:
                end = _unit_starting_inside(text, start, end)
            amount = _make_amount(text, start, end)
        if amount is None:
            stop = _longest_valid_prefix(text, start, end)
            if stop is None:
                continue
            amount = _make_amount(text, start, stop)
            if amount is None:
                continue
        if start and text[start - 1] in sign_or_percent_ends:
            _read_prefixes(text, start, amount)
        if blocked_flags is not None and blocked_flags.find(1, amount.start, amount.end) >= 0:
            continue
        if amount.end < n and text[amount.end] in _FRACTION_JOIN_STARTS and amount.percent_prefix is None:
            joinable.append(len(out))
        out.append(amount)
    return _join_fractions(text, out, joinable) if joinable else out


_single_amounts: dict[str, tuple] | None = None


def _make_single_amounts() -> dict[str, tuple]:
    """The fields after `raw` of the Amount `_make_amount` makes of each numeral character alone
    (those it refuses are left out, so they still take the general path)."""
    global _single_amounts
    lex = _lexicon or lexicon()
    table = {}
    for c in set(lex.cn_chars) | set("0123456789"):
        a = _make_amount(c, 0, 1)
        # (one character makes no pair, fraction or percent: those fields keep their defaults)
        if a is not None and a.pair is None and not a.fraction and a.percent_prefix is None:
            table[c] = (a.value, a.base, a.magnitude, a.has_big, a.chinese, a.more, a.vague)
    _single_amounts = table
    return table


def _read_prefixes(text: str, start: int, amount: Amount) -> None:
    """A sign (负3, -5) or 百分之 written in front of the amount starting at `start`."""
    lex = _lexicon or lexicon()
    sign = lex.sign_re.search(text, max(0, start - 3), start) \
        if text[start - 1] in lex.sign_ends else None
    if sign and not (sign.start() > 0 and (text[sign.start() - 1].isalnum() and not _is_han(text[sign.start() - 1]))):
        amount.start = sign.start()
        base, _ = _split(amount)  # before the sign joins the raw text
        amount.value, amount.base = -amount.value, -base
        amount.raw = text[amount.start:amount.end]
    pp = lex.percent_prefix_re.search(text, max(0, start - 12), start) \
        if text[start - 1] in lex.percent_prefix_ends else None
    if pp:
        amount.percent_prefix = pp.start()


_FRACTION_JOIN = regex.compile(r"[ \t]{0,2}(分[ \t]{0,2}之|/)[ \t]{0,2}")
_FRACTION_JOIN_STARTS = frozenset(" \t分/")


def _join_fractions(text: str, amounts: list[Amount], joinable: list[int]) -> list[Amount]:
    """三分之一, 1/2: two amounts joined by 分之 or / are one fraction (百分之 is the percent rule's).

    `joinable` lists, in order, the indices of the amounts followed by a character a joiner can
    start with and not led by 百分之: only they may join the next amount."""
    joined: dict[int, Amount] = {}  # index of the first amount -> the fraction made with the next
    consumed = -1
    for i in joinable:
        if i == consumed or i + 1 >= len(amounts):
            continue  # the denominator of the fraction just made, or the last amount
        a = amounts[i]
        b = amounts[i + 1]
        m = _FRACTION_JOIN.match(text, a.end)
        bare_hundred = a.raw.strip() in ("百", "佰")
        if m and m.end() == b.start and not bare_hundred and a.value != 0 and b.value != 0:
            slash = m.group(1) == "/"
            value = a.value / b.value if slash else b.value / a.value
            joined[i] = Amount(a.start, b.end, value, text[a.start:b.end], value, Fraction(1), False,
                               a.chinese and b.chinese, fraction=True)
            consumed = i + 1
    if not joined:
        return amounts
    out: list[Amount] = []
    i = 0
    while i < len(amounts):
        fraction = joined.get(i)
        if fraction is not None:
            out.append(fraction)
            i += 2
        else:
            out.append(amounts[i])
            i += 1
    return out


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


# ----------------------------------------------------------------------------- rules on amounts


@dataclass(slots=True)
class Reading:
    """An amount with what stands around it."""

    amount: Amount
    start: int
    end: int
    value: Fraction
    unit: Unit | None = None
    comparator: str = "="
    rule: str = "quantity.number"
    label: bool = False
    extra: dict = field(default_factory=dict)


_SPACES = regex.compile(r"[ \t]{0,4}")
_BLANKS = regex.compile(r"[ \t]")


def _skip_blanks_back(text: str, pos: int) -> int:
    """The position before the blanks (at most 4) that end at `pos`."""
    stop = max(0, pos - 4)
    while pos > stop and text[pos - 1] in " \t":
        pos -= 1
    return pos


def _skip_spaces(text: str, pos: int) -> int:
    if pos < len(text) and text[pos] in " \t":
        return _SPACES.match(text, pos).end()
    return pos


_BY_FIRST: dict[int, tuple[object, dict[str, list[str]]]] = {}
_BY_LAST: dict[int, tuple[object, dict[str, list[str]]]] = {}


def _index(words, last: bool) -> dict[str, list[str]]:
    """Words keyed by their first (or last) character, longest first (the lexicon's lists live on)."""
    indexes = _BY_LAST if last else _BY_FIRST
    hit = indexes.get(id(words))
    if hit is None or hit[0] is not words:
        index: dict[str, list[str]] = {}
        for w in sorted(words, key=len, reverse=True):
            index.setdefault(w[-1] if last else w[0], []).append(w)
        hit = indexes[id(words)] = (words, index)
    return hit[1]


def _match_word(text: str, pos: int, words) -> str | None:
    """The longest of `words` starting at `pos`."""
    if pos >= len(text):
        return None
    hit = _BY_FIRST.get(id(words))
    index = hit[1] if hit is not None and hit[0] is words else _index(words, False)
    for w in index.get(text[pos], ()):
        if text.startswith(w, pos):
            return w
    return None


def _match_word_before(text: str, pos: int, words) -> str | None:
    """The longest of `words` ending at `pos`."""
    if pos <= 0 or pos > len(text):
        return None
    hit = _BY_LAST.get(id(words))
    index = hit[1] if hit is not None and hit[0] is words else _index(words, True)
    for w in index.get(text[pos - 1], ()):
        if pos >= len(w) and text.startswith(w, pos - len(w)):
            return w
    return None


_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}


def _digit_at(text: str, pos: int) -> int | None:
    if pos < len(text):
        c = text[pos]
        if c.isdigit() and c.isascii():
            return int(c)
        return _CN_DIGIT.get(c)
    return None


def _money_tail(text: str, pos: int, colloquial: bool) -> tuple[Fraction, int]:
    """角/毛/分 after 元 or 块: 五元六角, 三块四分, 一块二 (colloquial only), 三块零四."""
    lex = _lexicon or lexicon()
    extra, p = _ZERO, pos
    zero = text.startswith("零", p)
    q = p + 1 if zero else p
    d = _digit_at(text, q)
    if d is not None and q + 1 <= len(text):
        sub = _match_word(text, q + 1, lex.money_subunits)
        if sub and not zero:
            extra += d * lex.money_subunits[sub]
            p = q + 1 + len(sub)
            if sub != "分":
                d2 = _digit_at(text, p)
                if d2 is not None:
                    if text.startswith("分", p + 1):
                        extra += d2 * Fraction(1, 100)
                        p += 2
                    elif _ends_phrase(text, p + 1):
                        extra += d2 * Fraction(1, 100)
                        p += 1
            return extra, p
        if colloquial and _ends_phrase(text, q + 1):
            extra += d * (Fraction(1, 100) if zero else Fraction(1, 10))
            return extra, q + 1
    return extra, pos


def _ends_phrase(text: str, pos: int) -> bool:
    if pos >= len(text):
        return True
    c = text[pos]
    if not _is_han(c) and not c.isalnum():
        return True
    lex = _lexicon or lexicon()
    return bool(_match_word(text, pos, lex.connectors) or _match_word(text, pos, lex.after))


def read_unit(text: str, pos: int) -> tuple[Unit | None, int, bool, bool]:
    """(unit, end, more, label) right after an amount ending at `pos`.

    `more` when 多/余 stands between the number and the unit (300多项); `label` when the unit
    is followed by 级 (20万吨级).
    """
    lex = _lexicon or lexicon()
    n = len(text)
    if pos >= n:
        return None, pos, False, False
    p, first = pos, text[pos]
    if first in " \t":
        p = _SPACES.match(text, pos).end()
        if p >= n:
            return None, pos, False, False
        first = text[p]
    more = False
    if first in "多余餘" and lex.unit_at(text, p + 1):
        more, p = True, p + 1
        first = text[p]
    candidates = lex.units_by_first.get(first)
    m = None
    if candidates:
        longest = len(candidates[0])
        if longest == 1:
            m = first, p + 1  # what unit_at answers, inline: the one unit is the character
        elif "\t" in (following := text[p + 1:p + longest]) or " " in following:
            m = lex.unit_at(text, p, first)  # spaced units are the regex's
        else:
            for u in candidates:
                if text.startswith(u, p):
                    m = u, p + len(u)
                    break
    if not m:
        label = first in lex.label_starts and _match_word(text, p, lex.label_suffixes) is not None
        return None, pos, False, label
    surface, end = m
    unit = lex.units.get(surface)
    if unit is None:
        return None, pos, False, False
    nxt = text[end] if end < n else ""
    if nxt and nxt in lex.unit_not_before.get(surface, ()):
        return None, pos, False, False
    if nxt in lex.label_starts and _match_word(text, end, lex.label_suffixes):
        return unit, end, more, True
    return unit, end, more, False


_CANTONESE_TAIL = regex.compile(r"(半)|([一二三四五六七八九])(?:毫([一二三四五六七八九])?)?")
_CANTONESE_TAIL_STARTS = frozenset("半一二三四五六七八九")  # the characters _CANTONESE_TAIL can begin with
# 個半, 個九 (a dollar and a half), 米九 (1.9 m): the leading 一 is left out
_BARE_ONE = regex.compile(r"(?<![\p{Han}\d])(个|個|米)(?:(半)|([一二三四五六七八九])(?:毫([一二三四五六七八九])?)?)")


def _cantonese_cents(m) -> Fraction:
    if m.group(1):
        return Fraction(1, 2)
    digits = "一二三四五六七八九"
    value = Fraction(digits.index(m.group(2)) + 1, 10)
    if m.group(3):
        value += Fraction(digits.index(m.group(3)) + 1, 100)
    return value


_BARE_ONE_HEADS = "个個米"
_BARE_ONE_TAILS = frozenset("半一二三四五六七八九")  # what _BARE_ONE reads right after its head


def _bare_one_readings(text: str, taken: Spans) -> list[Entity]:
    """個半 = 1.5 dollars, 米九 = 1.9 metres: colloquial amounts with the leading 一 left out."""
    # each match is a head (个, 米) right before 半 or a digit: most texts hold none, and the
    # heads, found with str.find, are asked about before the pattern reads the whole text
    for head in _BARE_ONE_HEADS:
        at = text.find(head)
        while at >= 0 and text[at + 1:at + 2] not in _BARE_ONE_TAILS:
            at = text.find(head, at + 1)
        if at >= 0:
            break
    else:
        return []
    out = []
    for m in _BARE_ONE.finditer(text):
        if not _ends_phrase(text, m.end()) or taken.overlaps(m.start(), m.end()):
            continue
        cents = Fraction(1, 2) if m.group(2) else Fraction("一二三四五六七八九".index(m.group(3)) + 1, 10)
        if m.group(4):
            cents += Fraction("一二三四五六七八九".index(m.group(4)) + 1, 100)
        unit = Unit("米", "m", "length") if m.group(1) == "米" else Unit("个", "CNY", "currency")
        amount = Amount(m.start(), m.end(), 1 + cents, m.group(), 1 + cents, Fraction(1), False, True)
        r = Reading(amount, m.start(), m.end(), 1 + cents, unit, rule="quantity.colloquial_one")
        _comparators(text, r)
        out.append(resolve(r))
    return out


def _kuai(text: str, unit: Unit | None, a: Amount, end: int) -> Unit | None:
    """块 is money for plain amounts (三块), a classifier for counted pieces (182万块)."""
    if unit is None or unit.surface not in ("块", "塊"):
        return unit
    if a.has_big and not text.startswith("钱", end):
        return Unit("块", "块", "count")
    return Unit("块", "CNY", "currency")


def read_reading(text: str, a: Amount, script: str, unit_after: tuple | None = None) -> Reading | None:
    """The amount with its unit, currency and comparators; None when it is not a quantity.

    `unit_after` is read_unit's answer after the amount when the caller already has it.
    """
    if a.pair:
        return None
    lex = _lexicon or lexicon()
    unit, end, more, label = unit_after if unit_after is not None else read_unit(text, a.end)
    if label:
        return None
    r = Reading(a, a.start, a.end, a.value)
    if a.percent_prefix is not None:
        r.start = a.percent_prefix
        unit = lex.units["%"]
        r.rule = "quantity.percent_words"
    elif unit is not None:
        r.end = end
        r.rule = unit.rule
        if more:
            r.comparator = ">"
    if unit is not None and unit.surface in _SPECIAL_UNITS:
        if unit.surface in ("块", "塊"):
            unit = _kuai(text, unit, a, r.end)
        if unit.surface == "度" and not a.has_big:
            return None  # 30度: a temperature or an angle
        if unit.surface == "成" and (a.has_big or not 0 < a.value <= 10):
            return None  # 五成 is 50%; 1000万成交 is no share
        if unit.surface == "日" and not _match_word(text, r.end, lex.within):
            return None  # 30日内 counts days; 30日 alone is a day of the month
        # Cantonese dollars: 五個半 = 5.5, 三個一毫四 = 3.14
        if unit.surface in ("个", "個") and text[r.end:r.end + 1] in _CANTONESE_TAIL_STARTS:
            tail = _CANTONESE_TAIL.match(text, r.end)
            if tail and _ends_phrase(text, tail.end()):
                r.value += _cantonese_cents(tail)
                unit, r.end, r.rule = Unit("个", "CNY", "currency"), tail.end(), "quantity.cantonese_dollars"
    r.unit = unit
    # currency named before the amount: 人民币3亿元, 新台币12.5亿元, 港币3.14
    p = r.start
    while p > 0 and text[p - 1] in " \t":
        p -= 1
    if p and text[p - 1] in lex.prefix_currency_ends:
        _currency_before(text, p, r)
    unit = r.unit
    if unit is not None:
        dimension = unit.dimension
        if dimension == "currency":
            if r.end < len(text) and text[r.end] in lex.money_after_starts:
                _money_after(text, r)  # most sums: nothing of the kind follows
        elif dimension in ("length", "mass", "duration", "area") and text.startswith("半", r.end):
            r.value += Fraction(1, 2)  # 一吨半, 两米半, 一年半
            r.end += 1
        elif unit.surface == "米":  # 米九 = 1.9 m
            d = _digit_at(text, r.end)
            if d is not None and _ends_phrase(text, r.end + 1) and not text[r.end].isdigit():
                r.value += Fraction(d, 10)
                r.end += 1
    if a.more or a.vague:
        r.comparator = ">"
    _comparators(text, r)
    if unit is not None:
        dimension = unit.dimension
        if dimension in ("duration", "length") and r.comparator == "=":
            _within(text, r)
        elif dimension == "percent" and r.start >= 2 and text[r.start - 1] in "的 \t" \
                and "before" not in r.extra:
            _share_of(text, r)  # its base ends with 的 right before the number (占营收的6%)
    if not _acceptable(text, r, script):
        return None
    return r


_SPECIAL_UNITS = frozenset(("块", "塊", "度", "成", "日", "个", "個"))  # the units read_reading checks one by one


def _within(text: str, r: Reading) -> None:
    """4年内, 30日内, 1公里之内: within a duration or a distance is a cap."""
    lex = _lexicon or lexicon()
    w = _match_word(text, r.end, lex.within)
    if w and text[r.end + len(w):r.end + len(w) + 1] not in lex.within_not_before:
        r.comparator = "<="
        r.end += len(w)
        r.extra["after"] = w


def _share_of(text: str, r: Reading) -> None:
    """不低于营收的6%: a floor or a cap on a share, its base between the word and the number."""
    lex = _lexicon or lexicon()
    q = _skip_blanks_back(text, r.start)
    if q < 2 or text[q - 1] != "的":
        return
    m = lex.share_of_re.search(text, max(0, q - 18), q)
    if m and not any(c in _CLAUSE_ENDS for c in text[m.start():q]):
        r.comparator = lex.share_of[m.group("word")]
        r.extra["before"] = m.group("word")


def _currency_before(text: str, p: int, r: Reading) -> None:
    """人民币3亿元, 新台币12.5亿元, 港币3.14: a currency named before the amount (ending at `p`)."""
    lex = _lexicon or lexicon()
    prefix = _match_word_before(text, p, lex.prefix_currency)
    if prefix:
        code = lex.prefix_currency[prefix]
        if r.unit is None or (r.unit.dimension == "currency" and r.unit.surface in ("元", "圆", "圓", "个")):
            r.unit = Unit(prefix, code, "currency")
            r.rule = "quantity.currency_prefix"
            r.start = p - len(prefix)
        elif r.unit.dimension == "currency":
            r.start = p - len(prefix)


def _money_after(text: str, r: Reading) -> None:
    """What may follow a sum of money: 元 then a currency (元人民币), 角/分 (五元六角), 整, cents."""
    lex = _lexicon or lexicon()
    if r.end >= len(text) or text[r.end] not in lex.money_after_starts:
        return  # most sums: nothing of the kind follows
    if r.unit.code == "CNY":
        after = _match_word(text, r.end, lex.currency_after_yuan)
        if after:
            r.unit = Unit(after, lex.currency_after_yuan[after], "currency")
            r.end += len(after)
        colloquial = r.unit.surface in ("块", "蚊", "块钱")
        extra, tail_end = _money_tail(text, r.end, colloquial)
        if tail_end > r.end:
            r.value += extra
            r.end = tail_end
        if text.startswith(("整", "正"), r.end) and _ends_phrase(text, r.end + 1):
            r.end += 1
    p = r.end + 1 if text.startswith("又", r.end) else r.end
    d = _digit_at(text, p)
    cent = _match_word(text, p + 1, lex.cents) if d is not None else None
    if cent and lex.cents[cent][0] == r.unit.code:
        r.value += d * lex.cents[cent][1]
        r.end = p + 1 + len(cent)


def _may_end_comparator(text: str, q: int, c: str) -> bool:
    """Whether a comparator word (or its filler, 超过了) can end with `c` at `q` at all: its last
    one or two characters decide before `before_re` searches (增长80%: 长 ends 最长, 增长 does not)."""
    lex = _lexicon or lexicon()
    if c not in lex.before_ends:
        return False
    return c in lex.before_single_ends or (q >= 2 and (text[q - 2:q] in lex.before_bigrams or text[q - 2] in " \t"))


def _comparators(text: str, r: Reading) -> None:
    lex = _lexicon or lexicon()
    # after: 以上, 左右, 多 (3年多), (含)以上
    p = r.end
    c = text[p] if p < len(text) else ""
    if c == " " or c == "\t":
        p = _SPACES.match(text, p).end()
        c = text[p] if p < len(text) else ""
    w = _match_word(text, p, lex.after) if c in lex.after_starts else None
    if w and not (w in ("多", "余", "餘") and p < len(text) - 1 and text[p + 1] in "万亿萬億元"):
        if r.comparator == "=" or lex.after[w] != ">":
            r.comparator = lex.after[w] if r.comparator == "=" else r.comparator
        r.end = p + len(w)
        r.extra["after"] = w
    # 比 X 大
    q = r.start
    while q > 0 and text[q - 1] in " \t":
        q -= 1
    if not q:
        return
    before = text[q - 1]
    if r.comparator == "=" and before in lex.around_before_ends and _match_word_before(text, q, lex.around_before):
        p = _skip_spaces(text, r.end)
        w = _match_word(text, p, lex.around_after)
        if w:
            r.comparator = lex.around_after[w]
            r.start = q - 1
            r.end = p + len(w)
            r.extra["around"] = w
            return
    # before: 超过, 不少于, 约; an optional filler between (超过了, 至少有, 最多为)
    # what _may_end_comparator asks, inline: most characters before an amount end no comparator
    found = _word_before(text, q, lex) if before in lex.before_ends and (
        before in lex.before_single_ends
        or (q >= 2 and (text[q - 2:q] in lex.before_bigrams or text[q - 2] in " \t"))) else None
    if found:
        start, word = found
        symbol = lex.before.get(word)
        if symbol is None or (start > 0 and text[start - 1] in lex.not_after.get(word, ())):
            return
        if r.comparator == "=":
            r.comparator = symbol
        elif r.extra.get("after") is None and symbol not in ("~", "="):
            r.comparator = symbol  # 超过三百多: the word before is the stronger statement
        r.start = start
        r.extra["before"] = word


def _word_before(text: str, q: int, lex: _Lexicon) -> tuple[int, str] | None:
    """(start, word) of what `before_re` finds ending at `q`: a comparator word, perhaps with a
    filler after it, the match that starts first (the longest word where two start together).

    Where no blank stands in the 24 characters it searches, the words are plain strings: they are
    looked up by their last character rather than searched for."""
    lo = max(0, q - 24)
    window = text[lo:q]
    if " " in window or "\t" in window:
        m = lex.before_re.search(text, lo, q)
        return (m.start(), _BLANKS.sub("", m.group("word"))) if m else None
    hit = _BY_LAST.get(id(lex.before))  # what _index answers, without the call
    words = hit[1] if hit is not None and hit[0] is lex.before else _index(lex.before, True)
    hit = _BY_LAST.get(id(lex.fillers))
    fillers = hit[1] if hit is not None and hit[0] is lex.fillers else _index(lex.fillers, True)
    best = None
    for w in words.get(text[q - 1], ()):  # no filler: the longest word ending at q starts first
        s = q - len(w)
        if s >= lo and text.startswith(w, s):
            best = (s, w)
            break
    for f in fillers.get(text[q - 1], ()):
        e = q - len(f)
        if e <= lo or not text.startswith(f, e):
            continue
        for w in words.get(text[e - 1], ()):
            s = e - len(w)
            if s >= lo and text.startswith(w, s):
                if best is None or s < best[0] or (s == best[0] and len(w) > len(best[1])):
                    best = (s, w)  # at the same start, the longer word is the regex's first choice
                break
    return best


_LETTERS_BEFORE = regex.compile(r"[A-Za-z]{1,12}\Z")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _acceptable(text: str, r: Reading, script: str) -> bool:
    """Vetoes: years, ordinals, codes, lone 一, bare numbers without a reason to be quantities."""
    # every check before the unit's `return True` only vetoes, so the cheap ones come first
    lex = _lexicon or lexicon()
    a = r.amount
    unit = r.unit
    first = a.raw[:1]
    if "0" <= first <= "9":
        compact = None  # led by an Arabic digit (most amounts): worked out below only if asked
    else:
        compact = a.raw.replace(" ", "").lstrip("-负負−")
        first = compact[:1]
        if not "0" <= first <= "9" and not _chinese_acceptable(text, r, compact, first):
            return False
    right_after = text[a.end] if a.end < len(text) else ""
    if right_after in _ASCII_LETTERS and not (unit and unit.surface.isascii()):
        return False  # 5G, 1000011Administrator
    if unit is not None and unit.code == "year" and _is_year_number(
            a.raw.replace(" ", "").lstrip("-负負−") if compact is None else compact, r.comparator, script):
        return False
    before = text[a.start - 1] if a.start else ""
    if before in lex.ordinal_ends and _match_word_before(text, a.start, lex.ordinal_prefixes):
        return False
    if before in " \t" and _match_word_before(text, _skip_blanks_back(text, a.start), lex.ordinal_prefixes):
        return False  # 第 20 款
    if before in _ASCII_LETTERS:
        letters = _LETTERS_BEFORE.search(text, max(0, a.start - 12), a.start).group()
        # G20, No5, PM2.5 are names; an acronym before an amount with a unit is its metric (人均GDP1.2万美元)
        prefixed = r.start <= a.start - len(letters)  # RMB500万元: the letters are the currency
        if not prefixed and not (len(letters) >= 2 and letters.isupper() and unit is not None
                                 and (not unit.surface.isascii() or unit.surface in ("%", "％"))):
            return False
    if r.unit is not None:
        return True
    if compact is None:
        compact = a.raw.replace(" ", "").lstrip("-负負−")
    nxt = text[r.end] if r.end < len(text) else ""
    # no unit: a magnitude, or a comparator, makes it a quantity
    if a.fraction and "/" not in a.raw and "around" not in r.extra:
        return False  # 占比超过三分之一: a share, not an amount (比四分之一大 is a bound)
    if not any(c.isdigit() or c in lex.digit_chars or c in "十拾" for c in compact):
        return len(compact) > 1 and len(set(compact)) == len(compact) and r.comparator == "=" and \
            all(c in lex.big_chars or c in lex.small_chars for c in compact)  # 百亿, 千万
    if r.comparator != "=" or r.extra.get("before") in ("等于", "等於"):
        return _bare_bound(text, r, nxt)
    if a.has_big:
        if any(c in "kKwW" for c in compact) and nxt and _is_han(nxt):
            return False  # 4K超高清: a letter multiplier with no unit before a word is a name
        first = compact[0]
        if first in lex.big_chars or first in lex.small_chars:
            # a bare magnitude: 百亿, 千万 (but not 万万, 万一)
            return all(c in lex.big_chars or c in lex.small_chars for c in compact) and len(set(compact)) > 1 \
                and len(compact) > 1
        return not nxt or nxt not in "年月日号號"
    return False


def _chinese_acceptable(text: str, r: Reading, compact: str, first: str) -> bool:
    """The vetoes of `_acceptable` that only an amount not led by an Arabic digit can meet."""
    lex = _lexicon or lexicon()
    a = r.amount
    unit = r.unit
    if compact in ("零", "〇"):
        return False  # 零部件, 零容忍
    if compact and not compact.strip("几幾多余餘"):
        return False  # 几年
    if unit is not None and r.comparator == "=":
        if compact in ("二", "贰") and a.percent_prefix is None:
            return False  # 二次创业, 二期: a count says 两
        if len(compact) == 1 and compact in "百千万萬" and unit.dimension in ("count", "duration"):
            return False  # 千人计划, 百家, 百年老店: a bare magnitude before a classifier is a name
        if compact in lex.lone_one and unit.dimension in ("count", "duration") and r.value == 1 \
                and not (unit.dimension == "count" and _counted_one(text, a.start, r.end)):
            return False  # 一家企业, 一批 (but 新增一家, 一个项目、一名领导)
    if unit is not None and unit.dimension != "currency" and len(compact) == 1 and compact in lex.lone_capitals:
        return False  # 陆家嘴, 伍家岭: a capital numeral alone is a name; it writes sums of money
    if unit is not None and unit.surface == "期" and compact not in lex.phase_count_numerals:
        return False  # 三期工程: a phase (两期建设 counts two)
    if a.chinese and len(compact) > 1 and (unit is None or unit.code == "year") \
            and lex.digit_chars.issuperset(compact):
        return False  # a run of bare digits (一七二零), 二〇二四年
    if first in ("几", "幾") or (first in "十拾百佰千仟万萬亿億" and _match_word_before(
            text, a.start, lex.vague_prefixes)) or (
            first in "十百千万亿萬億" and _match_word_before(text, a.start, lex.vague_magnitude_prefixes)
            and text[a.start - 2:a.start - 1] not in lex.reaching_verbs):
        return False  # 几十家, 数百亿元, 上千人: vague, not an amount
    return True


_QUOTES = "“”\"'‘’「」"
_CLAUSE_ENDS = frozenset("。,;:!?\n")


def _counted_one(text: str, start: int, end: int) -> bool:
    """一 + classifier counted, not an article: the object of a counting verb (新增一家, 建成了一座)
    or an item of a list of counts (一个项目、一名领导、一套班子)."""
    lex = _lexicon or lexicon()
    p = start
    while p > 0 and text[p - 1] in _QUOTES or (p > 0 and text[p - 1] in " \t"):
        p -= 1
    if p > 0 and text[p - 1] == "、":
        return True
    q = p - 1 if p > 0 and text[p - 1] == "了" else p
    if _match_word_before(text, q, lex.counting_verbs):
        return True
    # the next item of the list: 、 then a numeral within the clause (一个项目、一名领导)
    for i in range(end, min(len(text), end + 8)):
        c = text[i]
        if c in _CLAUSE_ENDS:
            return False
        if c == "、":
            j = i + 1
            while j < len(text) and text[j] in _QUOTES:
                j += 1
            return j < len(text) and (text[j] in "一二两三四五六七八九十" or text[j].isdigit())
    return False


def _is_year_number(compact: str, comparator: str, script: str) -> bool:
    """2024年, and 113年 in a Taiwan text (a ROC year): a date, not a duration."""
    digits = compact.replace(",", "")
    if comparator == "=" and digits.isdigit() and (len(digits) == 4 or (
            len(digits) in (2, 3) and script in ("traditional", "mixed") and 40 <= int(digits) <= 150)):
        return True
    return compact.isdigit() and (len(compact) == 4 or (
        script in ("traditional", "mixed") and len(compact) == 3 and 40 <= int(compact) <= 150))


def _bare_bound(text: str, r: Reading, nxt: str) -> bool:
    """A unitless number with a comparator (超过80, 大于10小于20, 至少是3的产品) is a bound only
    when nothing unit-like follows it.

    On real text an unknown word after such a number is mostly a unit or a ratio we have no code
    for (近两成, 增长近两倍, 约1,050列次, 最多三点五英里), so the bound must end its clause, be
    closed by a word like 以上 or 左右, or be followed by a function word (的, 且, 并) or by the
    comparator of a second bound (大于10小于20).
    """
    if nxt and nxt in "年月日号號时時点點分秒":
        return False
    lex = _lexicon or lexicon()
    if _match_word(text, r.end, lex.ratio_words):
        return False
    if r.end >= len(text) or not (_is_han(nxt) or nxt.isalnum()):
        return True
    if r.extra.get("after") not in (None, "多", "余", "餘") or "around" in r.extra:
        return True
    return any(_match_word(text, r.end, words) for words in (lex.bound_followers, lex.before, lex.connectors))


# ----------------------------------------------------------------------------- ranges


def _range_from(text: str, amounts: list[Amount], i: int, script: str,
                unit_after: tuple | None = None) -> tuple[Entity, int] | None:
    """amounts[i] and amounts[i+1] joined by a connector with one unit: a range.

    `unit_after` is read_unit's answer after amounts[i] when the caller already has it.
    """
    lex = _lexicon or lexicon()
    a = amounts[i]
    if unit_after is None:
        unit_after = read_unit(text, a.end)
    if a.pair:
        unit, end, _, label = unit_after
        if unit is None or label:
            return None
        lo, hi = a.pair
        unit = _kuai(text, unit, a, end)
        return _range_entity(text, a.start, end, lo, hi, unit, "range.pair", a), i + 1
    unit_a, end_a, _, label_a = unit_after
    if label_a:
        return None
    c = text[end_a] if end_a < len(text) else ""
    if not c or c not in lex.range_joiner_starts and c not in _RANGE_GAP_STARTS:
        return None  # most amounts: no joiner follows, nor anything that may stand before one
    if unit_a is not None:
        unit_a = _kuai(text, unit_a, a, end_a)
    tail_a = _ZERO
    if unit_a is not None and unit_a.dimension == "currency":
        tail_a, end_a = _money_tail(text, end_a, unit_a.surface in ("块", "蚊", "块钱"))
    p = _skip_spaces(text, end_a)
    c = text[p] if p < len(text) else ""
    if c == "(" and text.startswith("(含)", p):
        p = _skip_spaces(text, p + 3)
        c = text[p] if p < len(text) else ""
    if not c or c not in lex.range_joiner_starts:
        return None  # most amounts: no connector or pair joiner follows
    j = i + 1
    while j < len(amounts) and amounts[j].start < end_a:
        j += 1  # digits of 五元六角 belong to the first end
    if j >= len(amounts):
        return None
    b = amounts[j]
    b_start = b.start
    b_value, b_base = b.value, _split(b)[0]
    connector = _match_word(text, p, lex.connectors)
    pair_joiner = None if connector else _match_word(text, p, lex.pair_joiners)
    if not connector and not pair_joiner:
        return None
    p_after = _skip_spaces(text, p + len(connector or pair_joiner))
    connector = connector or pair_joiner
    if b.raw.lstrip().startswith(("-", "−")) and b.start < p_after:
        # 五元六角-五元七毛八分, 1万元--5万元: the dash is the connector, not a sign
        b_value, b_base = -b.value, -b.base
        b_start = p_after
    prefix = None
    if p_after != b_start:
        prefix = _match_word(text, p_after, lex.prefix_currency)
        if not prefix or _skip_spaces(text, p_after + len(prefix)) != b_start:
            return None
    closer = None
    if connector in lex.pair_joiners:
        q = _skip_spaces(text, b.end)
        closer = _match_word(text, q, lex.pair_closers)
    if closer:
        reading_b, unit_b, end_b = None, None, _skip_spaces(text, b.end)
    else:
        reading_b = read_reading(text, _replace(b, b_start, b_value, b_base), script)
        unit_b, end_b, _, label_b = read_unit(text, b.end)
        if label_b:
            return None
    unit = reading_b.unit if reading_b is not None and reading_b.unit is not None else unit_b
    end = reading_b.end if reading_b is not None else end_b
    if reading_b is not None and reading_b.extra.get("after"):
        end -= len(reading_b.extra["after"])
    if connector in lex.pair_joiners:
        if not closer:
            q = _skip_spaces(text, end)
            closer = _match_word(text, q, lex.pair_closers)
            if not closer:
                return None
        end = _skip_spaces(text, end) + len(closer)
    if unit_a is not None:
        if unit is None or unit_a.code != unit.code:
            if not (unit_a.code == "CNY" and unit is not None and unit.dimension == "currency"):
                return None
            # 1万元--5万元 ok; 三万元欧元 handled by the reading
    if unit is None and not closer:
        both_big = (a.has_big or "k" in a.raw.lower()) and (b.has_big or "k" in b.raw.lower())
        both_cn_units = a.chinese and b.chinese and any(c in lex.small_chars or c in lex.big_chars for c in a.raw + b.raw) \
            and _match_word_before(text, a.start, lex.range_intros) is not None
        if not (both_big or both_cn_units):
            return None
    lo, hi = a.value, b_value
    # the magnitude written once applies to both ends (15~20万 = 150000..200000)
    if not a.has_big and b.magnitude != 1 and a.value <= b_base:
        lo = a.value * b.magnitude
    if reading_b is not None and reading_b.value != b_value and unit is not None and unit.dimension == "currency":
        hi = reading_b.value  # 五元七毛八分
    if tail_a:
        lo += tail_a
    if unit is not None:
        lo, hi = lo * unit.factor, hi * unit.factor
    if lo > hi:
        return None
    # years: 2024—2028年
    if unit is not None and unit.code == "year":
        if all(x.raw.replace(" ", "").isdigit() and len(x.raw.replace(" ", "")) == 4 for x in (a, b)):
            return None
        if script in ("traditional", "mixed") and all(
                x.raw.isdigit() and len(x.raw) == 3 and 40 <= int(x.raw) <= 150 for x in (a, b)):
            return None
    if _match_word_before(text, a.start, lex.ordinal_prefixes):
        return None
    start = a.start
    opener = _match_word_before(text, start, lex.openers)
    if opener and (closer or opener in ("从", "從")):
        start -= len(opener)
    # a currency named before a range (港币1万至2万元, 人民币1万至5万元) is its unit
    p = _skip_blanks_back(text, start)
    prefix = _match_word_before(text, p, lex.prefix_currency) if p and text[p - 1] in lex.prefix_currency_ends else None
    if prefix and (unit is None or unit.dimension == "currency"):
        if unit is None or unit.surface in ("元", "圆", "圓"):
            unit = Unit(prefix, lex.prefix_currency[prefix], "currency")
        start = p - len(prefix)
    # comparator before a range (约15%至20%) stays in the span
    w = _match_word_before(text, start, lex.before)
    if w and lex.before[w] == "~":
        start -= len(w)
    e = _range_entity(text, start, end, lo, hi, unit, "range.connector" if not closer else "range.between", a,
                      scaled=True)
    return e, j + 1


# what may stand between the first amount (with its unit) and a range joiner: blanks, (含), or
# a digit `_digit_at` reads (the 角/分 of 五元六角-, 三块零四)
_RANGE_GAP_STARTS = frozenset(" \t(0123456789") | frozenset(_CN_DIGIT)


def _replace(a: Amount, start: int, value: Fraction, base: Fraction) -> Amount:
    return Amount(start, a.end, value, a.raw, base, a.magnitude, a.has_big, a.chinese, a.more, a.vague,
                  a.percent_prefix, a.pair, a.fraction)


def _range_entity(text, start, end, lo, hi, unit, rule, a, scaled=False) -> Entity:
    if unit is not None and not scaled:
        lo, hi = lo * unit.factor, hi * unit.factor
    fields = {"min": to_python_number(lo), "max": to_python_number(hi),
              "unit": unit.code if unit else "", "dimension": unit.dimension if unit else "none",
              "comparator": "between"}
    return Entity("range", start, end, fields, rule)


# ----------------------------------------------------------------------------- bounds


_LOWER = frozenset((">", ">="))
_UPPER = frozenset(("<", "<="))
_BOUNDS = _LOWER | _UPPER


def _joins_bounds(gap: str) -> bool:
    """Nothing, or a joiner like 且 or 、, stands between two bounds."""
    lex = _lexicon or lexicon()
    return gap == "" or gap in lex.bound_joiners or len(gap) <= 4 and all(
        c in " \t,、" or any(c in j for j in lex.bound_joiners) for c in gap)


def _merge_bounds(text: str, entities: list[Entity]) -> list[Entity]:
    """大于10小于20, 1000以上,1500以下, 最多100最少20: a lower and an upper bound make a range."""
    # most texts state no bound (comparator =): one pass to find the first, the copy only from there
    for first, e in enumerate(entities):
        if e.type == "quantity" and e.fields["comparator"] in _BOUNDS:
            break
    else:
        return entities
    out: list[Entity] = entities[:first]
    i = first
    while i < len(entities):
        e = entities[i]
        # most quantities are no bound (comparator =): asked first, before the next entity is read
        if i + 1 < len(entities) and e.type == "quantity" and e.fields["comparator"] in _BOUNDS \
                and entities[i + 1].type == "quantity":
            f = entities[i + 1]
            ce, cf = e.fields["comparator"], f.fields["comparator"]
            ue, uf = e.fields["unit"], f.fields["unit"]
            if ((ce in _LOWER and cf in _UPPER) or (ce in _UPPER and cf in _LOWER)) and \
                    (ue == uf or not ue or not uf) and _joins_bounds(text[e.end:f.start].strip(" \t")):
                lo, hi = (e, f) if ce in _LOWER else (f, e)
                if lo.fields["value"] < hi.fields["value"]:
                    unit_from = e if ue else f
                    out.append(Entity("range", e.start, f.end,
                                      {"min": lo.fields["value"], "max": hi.fields["value"],
                                       "unit": unit_from.fields["unit"], "dimension": unit_from.fields["dimension"],
                                       "comparator": "between"}, "range.bounds"))
                    i += 2
                    continue
        out.append(e)
        i += 1
    return out


# ----------------------------------------------------------------------------- resolve


def resolve(r: Reading) -> Entity:
    unit = r.unit
    if unit is None:
        numerator, denominator = r.value.as_integer_ratio()  # to_python_number, inline
        fields = {"value": numerator if denominator == 1 else numerator / denominator, "unit": "",
                  "dimension": "none", "comparator": r.comparator}
    else:
        numerator, denominator = (r.value * unit.factor if unit.scaled else r.value).as_integer_ratio()
        fields = {"value": numerator if denominator == 1 else numerator / denominator, "unit": unit.code,
                  "dimension": unit.dimension, "comparator": r.comparator}
    return Entity("quantity", r.start, r.end, fields, r.rule)


_START = operator.attrgetter("start")


def extract(ctx: Context) -> list[Entity]:
    text = ctx.text
    script = getattr(ctx.doc, "script", "unknown")
    taken = [(e.start, e.end) for e in ctx.found("date", "contact")]
    blocked = Spans(taken, len(text))
    colloquial = _bare_one_readings(text, blocked)
    amounts = find_amounts(text, Spans(taken + [(e.start, e.end) for e in colloquial], len(text))
                           if colloquial else blocked)
    found: list[Entity] = []
    i = 0
    last_end = 0
    n = len(text)
    lex = _lexicon or lexicon()
    joiner_starts = lex.range_joiner_starts
    blocked_flags = blocked.taken
    while i < len(amounts):
        a = amounts[i]
        if a.start < last_end:
            i += 1
            continue
        unit_after = read_unit(text, a.end)
        # what _range_from asks first, asked here: most amounts are followed by no joiner at all
        end_a = unit_after[1]
        c = text[end_a] if end_a < n else ""
        ranged = _range_from(text, amounts, i, script, unit_after) if a.pair or (
            c and not unit_after[3] and (c in joiner_starts or c in _RANGE_GAP_STARTS)) else None
        if ranged is not None:
            entity, i = ranged
            if entity.start < last_end:
                entity.start = last_end
            if not blocked.overlaps(entity.start, entity.end):
                found.append(entity)
                last_end = entity.end
            continue
        reading = read_reading(text, a, script, unit_after)
        if reading is not None:
            start, end = reading.start, reading.end
            if start < last_end:
                start = reading.start = max(last_end, a.start)
            if start < end and blocked_flags.find(1, start, end) < 0 \
                    or start >= end and not blocked.overlaps(start, end):
                # (the first test is Spans.overlaps, inline; and what resolve makes of the reading)
                unit = reading.unit
                if unit is None:
                    numerator, denominator = reading.value.as_integer_ratio()
                    fields = {"value": numerator if denominator == 1 else numerator / denominator, "unit": "",
                              "dimension": "none", "comparator": reading.comparator}
                else:
                    numerator, denominator = (reading.value * unit.factor if unit.scaled
                                              else reading.value).as_integer_ratio()
                    fields = {"value": numerator if denominator == 1 else numerator / denominator,
                              "unit": unit.code, "dimension": unit.dimension, "comparator": reading.comparator}
                found.append(Entity("quantity", start, end, fields, reading.rule))
                last_end = end
        i += 1
    found.extend(colloquial)
    found.sort(key=_START)
    found = _merge_bounds(text, found)
    _local_currency(text, found, currency_of(locale_of(ctx.doc)))
    return found


def _local_currency(text: str, found: list[Entity], local: str) -> None:
    """A plain 元 (or 块, 蚊) is the currency of the latest standing note before it, else the
    document's own (CNY, TWD, HKD, MOP); a mention that names 人民币 stays CNY."""
    lex = _lexicon or lexicon()
    notes: list[tuple[int, str]] | None = None
    if local == "CNY":  # a mainland text: only a standing note can make a plain 元 another currency
        if not any(e.fields.get("unit") == "CNY" for e in found):
            return
        notes = _currency_notes(text, lex)
        if not notes:
            return
    for e in found:
        if e.fields.get("unit") != "CNY":
            continue
        if any(w in text[max(0, e.start - 6):e.end] for w in lex.yuan_names):
            continue  # 人民币3亿元, 8亿元人民币, RMB 500万元
        if notes is None:  # the notes of the text, read once, in text order
            notes = _currency_notes(text, lex)
        i = bisect.bisect_right(notes, (e.start, "\uffff")) - 1
        code = notes[i][1] if i >= 0 else local
        if code != "CNY":
            e.fields["unit"] = code


# the words one of which begins each unbracketed note of `note_re` (单位:港元, 以下均为美元, 金额均以新台币计)
_UNBRACKETED_NOTE_WORDS = _NOTE_UNIT_WORDS + ("以下",) + _NOTE_SUM_WORDS


def _currency_notes(text: str, lex: _Lexicon) -> list[tuple[int, str]]:
    """(end, currency code) of each standing currency note of the text, in text order."""
    if "下同" in text:
        return [(m.end(), lex.note_currency[m.group("name")]) for m in lex.note_re.finditer(text)]
    # each unbracketed note begins with one of these words (most texts have none): the pattern is
    # tried only where one is written
    return [(m.end(), lex.note_currency[m.group("name")])
            for m in matches_from(lex.note_re_unbracketed, text, _UNBRACKETED_NOTE_WORDS)]
