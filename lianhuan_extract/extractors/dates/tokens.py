"""Date atoms found on characters: a year, a month, a day, a quarter, a relative word, a clock time.

The atoms are a list of named patterns tried at each position of the normalised text; the first
that matches there wins, so longer and more specific atoms come first. Atoms know
nothing of each other: `dates_grammar` chains them (`2024年` + `4月` + `3日` + `上午`) and joins
ranges; `dates_resolve` turns the result into an ISO value.

Every number is guarded by a lookbehind so that a match cannot restart inside a longer number, and
every repetition is bounded: the scan stays linear on hostile input.

The scan is the costliest step of the date extractor, so it is built for speed: it runs on the
standard `re` engine (several times faster than `regex` on these patterns; they use nothing
`regex`-only, and every lookbehind has a fixed width). One pattern finds the places where an atom
can open: its first characters open some atom (or, for a number, what follows it is as in a date;
see "where an atom can open"), found by `re`'s quick search for a set of first characters. At each
such place only the atoms that can open there are tried, in their order: those that open with its
character, or, at a number, those that open with a run of digits of its length followed by the
character after it (see "what a number can open"). Each atom is its own pattern, and the match
that finds it reads its numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
try:  # private modules of the standard library (3.11 on), read for the opening tests only
    from re import _compiler as sre_compile, _constants as sre, _parser as sre_parse
except ImportError:  # pragma: no cover - a Python that moved them scans without opening tests
    sre = sre_parse = sre_compile = None

from ...data import load
from .numerals import CN_DIGIT_CLASS, small_number, year_digits


@dataclass(slots=True)
class Token:
    kind: str
    start: int
    end: int
    data: dict = field(default_factory=dict)


def _words(words) -> str:
    """An alternation of words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# -- number pieces ---------------------------------------------------------------------------
NUM_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
CN_DAY = r"[一二三四五六七八九十廿卅]{1,3}"
NUM_MONTH = r"(?:1[0-2]|0?[1-9])"
CN_MONTH = r"(?:十[一二]?|[一二三四五六七八九])"
CN_COUNT = r"[一二两三四五六七八九十]{1,3}"
SP = r"[ \t]?"
CONNECTOR = r"(?:至|到|-|－|—{1,2}|–|~|──)"
NOT_AFTER_NUMBER = r"(?<![\d.])"
# for forms made only of digits and separators (12/1, 09-01, 113-05-15)
NOT_IN_NUMBERS = r"(?<![\d.\-/])"
NOT_AFTER_CN = rf"(?<![{CN_DIGIT_CLASS}十廿卅百千万亿])"
YEAR_SUFFIX = r"(?:度|底|末|初|内)"
NOT_YEAR_WORD = r"(?![代级龄纪均])"
WEEKDAY = r"[一二三四五六日天1-7]"
# 第三季 is a quarter, but not 第三季节目 (a season of a show), 首季风 ...
QUARTER_NOT_AFTER = r"(?![节節风風候])"


def _behind(*options: str) -> str:
    """Preceded by one of `options`: one lookbehind each, since `re` wants each of a fixed width."""
    return "(?:" + "|".join(f"(?<={o})" for o in options) + ")"


def _gaps(*parts: str) -> list[str]:
    """`parts` joined with or without a space or tab between each two (SP, spelled out for _behind)."""
    joined = [parts[0]]
    for part in parts[1:]:
        joined = [j + gap + part for j in joined for gap in ("", r"[ \t]")]
    return joined


# each starts with a test of the one character before (a single lookbehind refuses most places at
# once, where the alternatives after it would each be tried)
AFTER_MONTH = r"(?<=[月 \t])" + _behind(*_gaps("月", ""))
# 从2019, 自 2019: a bare year opening a period
AFTER_FROM = r"(?<=[从自 \t])" + _behind(*_gaps("[从自]", ""))
# 2019-2024, 2019.03至2024: a bare year closing a period
RANGE_CONNECTOR = "(?:至|到|-|—|~)"
AFTER_RANGE_START = r"(?<=[至到\-—~ \t])" + _behind(*_gaps(r"(?:19|20)\d{2}", RANGE_CONNECTOR, ""),
                            *_gaps(r"(?:19|20)\d{2}[.\-/](?:0[1-9]|1[0-2])", RANGE_CONNECTOR, ""))


def _patterns() -> list[tuple[str, str]]:
    d = load("dates")
    pod = _words(d["parts_of_day"]["words"])
    clock_one = (
        r"(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?"
        r"|(?:\d{1,2}|[零〇一二两三四五六七八九十]{1,3})" + SP + r"[点时]"
        r"(?:" + SP + r"(?:\d{1,2}|[零〇一二三四五六七八九十]{1,3})分?|半|" + SP + r"[1-3一二三]刻)?"
        r"(?:" + SP + r"\d{1,2}秒)?(?:钟|正|许)?)"
    )
    return [
        ("NAME", _words(d["not_dates"]["names"])),
        ("FYCN", NOT_AFTER_CN + r"(?P<FYCN_a>[" + CN_DIGIT_CLASS + r"]{4})" + SP + r"(?:至|到|/|-|－|—)" + SP
         + r"(?P<FYCN_b>[" + CN_DIGIT_CLASS + r"]{2}|[" + CN_DIGIT_CLASS + r"]{4})" + SP + r"(?:财政|财务|会计)?年度"),
        ("FY", NOT_AFTER_NUMBER + r"(?P<FY_a>(?:19|20)\d{2})" + SP + r"(?:[/\-－—]|至)" + SP
         + r"(?P<FY_b>(?:19|20)\d{2}|\d{2})" + SP + r"(?:财政|财务|会计)?年度"),
        ("ND", NOT_AFTER_NUMBER + r"(?P<ND_y>(?:1\d|20)\d{2})" + SP + r"[\-/.]" + SP + r"(?P<ND_m>" + NUM_MONTH + r")"
         + SP + r"[\-/.]" + SP + r"(?P<ND_d>" + NUM_DAY + r")(?:(?!\d)|(?=\d{1,2}:\d\d))"),
        ("ND8", NOT_AFTER_NUMBER + r"(?P<ND8_y>(?:19|20)\d{2})(?P<ND8_m>0[1-9]|1[0-2])(?P<ND8_d>0[1-9]|[12]\d|3[01])(?![\d.])"),
        ("NDSP", NOT_AFTER_NUMBER + r"(?P<NDSP_y>(?:19|20)\d{2}) (?P<NDSP_m>0[1-9]|1[0-2]) (?P<NDSP_d>0[1-9]|[12]\d|3[01])(?!\d)"),
        ("NDROC", NOT_IN_NUMBERS + r"(?P<NDROC_y>\d{2,3})[\-/.](?P<NDROC_m>0[1-9]|1[0-2])[\-/.](?P<NDROC_d>0[1-9]|[12]\d|3[01])(?![\d\-/])"),
        ("NDUS", NOT_IN_NUMBERS + r"(?P<NDUS_a>\d{1,2})/(?P<NDUS_b>\d{1,2})/(?P<NDUS_y>\d{4}|\d{2})(?![\d/])"),
        ("NDEU", NOT_IN_NUMBERS + r"(?P<NDEU_d>\d{1,2})\.(?P<NDEU_m>\d{1,2})\.(?P<NDEU_y>\d{4})(?![\d.])"),
        ("YR", NOT_AFTER_NUMBER + r"(?P<YR_a>(?:1\d|20)\d{2})" + SP + r"年?" + SP + r"(?:至|到|-|－|—{1,2}|–|~)" + SP
         + r"(?P<YR_b>(?:1\d|20)\d{2}|\d{2})" + SP + r"年(?P<YR_s>度|底|末|初|间|前)?"),
        ("YM", NOT_AFTER_NUMBER + r"(?P<YM_y>(?:19|20)\d{2})[.\-/](?P<YM_m>0[1-9]|1[0-2])(?![\d.%万亿千百元])"),
        ("ROCDEC", r"民国" + SP + r"(?P<ROCDEC_n>\d0|[一二三四五六七八九]十)" + SP + r"年代"),
        ("ROCY", r"民国" + SP + r"(?P<ROCY_n>\d{1,3}|[一二三四五六七八九十百]{1,4})" + SP + r"年(?P<ROCY_s>" + YEAR_SUFFIX + r")?(?!代)"),
        ("DEC", r"(?P<DEC_c>上个?世纪|本世纪|\d{1,2}" + SP + r"世纪|[一二三四五六七八九十]{1,3}世纪)" + SP
         + r"(?P<DEC_n>\d0|[一二三四五六七八九]十)" + SP + r"年代"),
        ("DEC2", r"(?<![\d" + CN_DIGIT_CLASS + r"十世纪])(?P<DEC2_n>[2-9]0|[二三四五六七八九]十)" + SP + r"年代"),
        ("CENT", r"(?<![\d一二三四五六七八九十])(?P<CENT_n>1\d|20|[1-9]|十[一二三四五六七八九]?|[一二三四五六七八九]|二十)"
         + SP + r"世纪(?!" + SP + r"(?:\d|[一二三四五六七八九十]|初|末|中))"),
        # 113至115年 in a Taiwan text (ROC years; the first one without its 年)
        ("YR3", NOT_AFTER_NUMBER + r"(?P<YR3_a>1[01]\d)" + SP + r"年?" + SP + r"(?:至|到|-|－|—{1,2}|–|~)" + SP
         + r"(?P<YR3_b>1[01]\d)" + SP + r"年(?P<YR3_s>度)?" + NOT_YEAR_WORD),
        # 今(113)年, 今（2024）年: this year, with its number in brackets (Taiwan press)
        ("TY", r"今" + SP + r"\(" + SP + r"(?P<TY_n>1[01]\d|(?:19|20)\d{2})" + SP + r"\)" + SP + r"年(?P<TY_s>度)?"),
        ("Y4", NOT_AFTER_NUMBER + r"(?P<Y4_n>1\d{3}|20\d{2})" + SP + r"年(?P<Y4_s>" + YEAR_SUFFIX + r")?" + NOT_YEAR_WORD),
        ("Y3", NOT_AFTER_NUMBER + r"(?P<Y3_n>[1-9]\d{2})" + SP + r"年(?P<Y3_s>" + YEAR_SUFFIX + r")?" + NOT_YEAR_WORD),
        ("Y2", NOT_AFTER_NUMBER + r"(?P<Y2_n>\d{2})" + SP + r"年(?P<Y2_s>度|底|末|初)?" + NOT_YEAR_WORD),
        ("YCNK", NOT_AFTER_CN + r"(?P<YCNK_n>[一二两]千(?:零[一二三四五六七八九]|[零〇]?[一二三四五六七八九]?十[一二三四五六七八九]?)?)" + SP + r"年" + NOT_YEAR_WORD),
        ("YCN", NOT_AFTER_CN + r"(?P<YCN_n>[" + CN_DIGIT_CLASS + r"]{2,4})" + SP + r"年(?P<YCN_s>" + YEAR_SUFFIX + r")?" + NOT_YEAR_WORD),
        ("RYP", _words(d["relative_year_periods"])),
        ("RFY", _words(d["relative_fiscal_years"])),
        ("RQ", _words(d["relative_quarters"])),
        ("RH", _words(d["relative_halves"])),
        ("H", _words(d["halves"])),
        ("RY", r"(?<![\d" + CN_DIGIT_CLASS + r"十百千几多个整以年])(?:" + _words(d["relative_years"]) + r")"),
        ("QRA", r"(?<![\d" + CN_DIGIT_CLASS + r"十个])第?" + SP + r"(?P<QRA_a>[一二三四1-4])" + SP + r"(?:季度)?" + SP
         + r"(?:至|到|-|－|—{1,2}|~)" + SP + r"第?" + SP + r"(?P<QRA_b>[一二三四1-4])" + SP + r"季度"),
        # 前三季度, and 前三季 without 度 as Taiwan and Hong Kong write it
        ("QR", r"前" + SP + r"(?P<QR_n>[二两三23])" + SP + r"个?" + SP + r"季度?"),
        # 第三季, 首季 without 度 (Taiwan, Hong Kong) only with 第/首: 四季 alone is the four seasons
        ("Q", r"(?<![\d" + CN_DIGIT_CLASS + r"十个])(?:第" + SP + r")?(?P<Q_n>[一二三四1-4])" + SP + r"季度(?P<Q_s>末|初)?"
         + r"|(?<![\d" + CN_DIGIT_CLASS + r"十个])第" + SP + r"(?P<Q_m>[一二三四1-4])" + SP + r"季(?P<Q_t>末|初)?" + QUARTER_NOT_AFTER
         + r"|首季度?" + QUARTER_NOT_AFTER + r"|(?<![A-Za-z])Q(?P<Q_q>[1-4])(?:" + SP + r"季度)?(?![A-Za-z\d])"),
        ("RM", r"(?P<RM_w>" + _words(d["relative_months"]) + r")(?P<RM_s>底|末|初|上旬|中旬|下旬)?"),
        ("MR", r"(?<![\d.\-/月" + CN_DIGIT_CLASS + r"十])(?P<MR_a>" + NUM_MONTH + r"|" + CN_MONTH + r")" + SP + r"(?:月份?)?" + SP
         + CONNECTOR + SP + r"(?P<MR_b>" + NUM_MONTH + r"|" + CN_MONTH + r")" + SP + r"月(?P<MR_f>份)?(?P<MR_s>底|末|初)?"),
        # 前10月 (no 个): the first ten months of the year the text speaks of, a date on its own;
        # 前3个月 may count back from another time (到期前3个月), so it needs a year before it (NTHM)
        ("NTHMS", r"(?<![\d" + CN_DIGIT_CLASS + r"十])前" + SP + r"(?P<NTHMS_n>1[0-2]|[1-9]|十[一二]?|[一二两三四五六七八九])" + SP
         + r"月(?:份)?(?![\d" + CN_DIGIT_CLASS + r"十日号])"),
        ("NTHM", r"(?:(?:前|头)" + SP + r"(?P<NTHM_n>\d{1,2}|" + CN_COUNT + r")" + SP + r"个?" + SP + r"月(?!份)"
         + r"|第" + SP + r"(?P<NTHM_k>\d{1,2}|" + CN_COUNT + r")" + SP + r"个" + SP + r"月"
         + r"|(?P<NTHM_first>首月)"
         + r"|最后" + SP + r"(?P<NTHM_l>\d{1,2}|" + CN_COUNT + r")" + SP + r"个?" + SP + r"月)"),
        ("M", r"(?<![\d./" + CN_DIGIT_CLASS + r"十])(?P<M_n>" + NUM_MONTH + r"|" + CN_MONTH + r")" + SP + r"月(?P<M_f>份)?"
         + r"(?P<M_s>底|末|初|上旬|中旬|下旬)?"),
        ("WQ", r"(?P<WQ_q>" + _words(d["week_qualifiers"]) + r")一?个?(?:周|星期|礼拜)(?:周|星期|礼拜)?(?P<WQ_d>" + WEEKDAY + r")"
         + r"(?![\d一二三四五六七八九十])"),
        ("NTHWD", r"的?第" + SP + r"(?P<NTHWD_n>[1-5]|[一二三四五])" + SP + r"个" + SP + r"(?:周|星期|礼拜)(?P<NTHWD_d>" + WEEKDAY + r")"),
        ("WD", r"[(\[]?(?:星期|周|礼拜)(?P<WD_d>" + WEEKDAY + r")(?![\d一二三四五六七八九十])[)\]]?"),
        ("TD", r"[今昨明前]" + SP + r"\(" + SP + r"(?P<TD_n>\d{1,2}|" + CN_DAY + r")" + SP + r"\)" + SP + r"日"),
        ("RD", r"(?<![此之其然以而])(?:" + _words(d["relative_days"]) + r")"),
        ("DR", AFTER_MONTH + r"(?P<DR_a>" + NUM_DAY + r")" + SP + r"(?:-|－|~|至|到|—)" + SP + r"(?P<DR_b>" + NUM_DAY + r")" + SP + r"[日号]"),
        ("D", r"(?<![\d./:" + CN_DIGIT_CLASS + r"十廿卅])(?P<D_n>" + NUM_DAY + r"|" + CN_DAY + r")" + SP + r"(?:日|号)"),
        ("BD", AFTER_MONTH + r"(?P<BD_n>" + NUM_DAY + r"|" + CN_DAY + r")"
         + r"(?![\d.万亿千百十个家名项件元块台套座户所人次吨斤亩米里度岁倍年月天周日号%:点时余多])"),
        ("NTHD", r"(?:前|头)" + SP + r"(?P<NTHD_n>\d{1,2}|" + CN_COUNT + r")" + SP + r"天"
         + r"|最后" + SP + r"(?P<NTHD_l>\d{1,2}|" + CN_COUNT + r")" + SP + r"天"),
        ("HOL", r"(?<![" + CN_DIGIT_CLASS + r"十])(?:" + _words(d["holidays"]) + r")(?![" + CN_DIGIT_CLASS + r"十\d])"),
        ("PLAN", r"(?<![" + CN_DIGIT_CLASS + r"十\d])(?P<PLAN_n>十[一二三四五六七八九])五(?![\d" + CN_DIGIT_CLASS + r"十百千万亿个%])"
         + r"|(?<=[“\"‘'「『])十五(?=[”\"’'」』](?:计划|规划|时期|期间))"),
        ("MDS", NOT_IN_NUMBERS + r"(?P<MDS_m>1[0-2]|0?[1-9])/(?P<MDS_d>3[01]|[12]\d|0?[1-9])(?![\d/%.])[号日]?"),
        ("MDDOT", r"(?<![\d.])(?P<MDDOT_m>1[0-2]|0?[1-9])·(?P<MDDOT_d>3[01]|[12]\d|0?[1-9])(?!\d)"),
        ("MDH", NOT_IN_NUMBERS + r"(?P<MDH_m>0[1-9]|1[0-2])-(?P<MDH_d>0[1-9]|[12]\d|3[01])(?![\d\-:])"),
        ("BY", r"(?:" + AFTER_FROM + "|" + AFTER_RANGE_START + ")"
         + r"(?P<BY_n>(?:19|20)\d{2})(?![\d.年]|[\-/.](?:0?[1-9]|1[0-2])(?!\d))"),
        ("POD", r"(?:" + pod + r")"),
        ("CLOCK", r"(?<![\d.])(?:\d{1,2}" + SP + r"[~\-至到]" + SP + r")?" + clock_one
         + r"(?:" + SP + r"(?:[~\-至到]|—)" + SP + r"(?:" + pod + r")?" + clock_one + r")?"),
    ]


# -- where an atom can open ------------------------------------------------------------------
# The scan is tried at every position of the text, so what refuses a position quickly pays most.
# How each pattern can open (its first characters) is read off its parse tree and turned into
# lookaheads; for a number, which opens as many non-dates as dates, what follows it decides.

ANY = None  # any character: an opening not known past this point
ANY_DIGIT = r"\d"  # stands in a set of characters for the digits of every script

# what may follow the leading digits of an atom (2024年, 4月, 3日, 12:30, 9点, 2024-04, 12/1, 10·1,
# 1至3月, 2023/24财政年度, 19世纪, 2024 04 03 ...); a decimal point only in 2024.4, 113.05.15, 3.4.2024.
# An atom added to _patterns that opens with a digit and takes something else must be added here.
DIGIT_FOLLOWERS = "[ \\t/\\-－—–~─至到年世季月日号·:：点时]"
DIGIT_OPENING = ("(?:" + r"\d{1,4}[ \t]?" + DIGIT_FOLLOWERS + r"|\d{4}[ \t]?\.|\d{1,3}\.\d{1,2}[\-/.]|\d{8}"
                 + "|" + AFTER_MONTH + "|" + AFTER_FROM + "|" + AFTER_RANGE_START + ")")
DIGITS = frozenset("0123456789")


def _openings(items, k: int) -> set[tuple]:
    """How a match of the parsed pattern `items` can open: tuples of its first `k` character sets,
    shorter where the match can end sooner, ending with ANY where it is not known further.
    Lookarounds read no character and are looked through."""
    found = {()}
    for op, av in items:
        found = _followed_by(found, _openings_of(op, av, k), k)
    return found


def _followed_by(heads: set[tuple], tails: set[tuple], k: int) -> set[tuple]:
    out = set()
    for head in heads:
        if len(head) >= k or head[-1:] == (ANY,):
            out.add(head)
        else:
            out.update((head + tail)[:k] for tail in tails)
    return out


def _openings_of(op, av, k: int) -> set[tuple]:
    if op is sre.LITERAL:
        return {(frozenset(chr(av)),)}
    if op is sre.IN:
        chars = _class_chars(av)
        return {(ANY if chars is None else frozenset(chars),)}
    if op is sre.SUBPATTERN:
        return _openings(av[-1], k)
    if op is sre.BRANCH:
        return set().union(*(_openings(branch, k) for branch in av[1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, item = av
        once, repeated, found = _openings(item, k), {()}, set()
        for n in range(min(high, k) + 1):
            if n >= low or n == k:  # past k repetitions the first k characters are those of k
                found |= repeated
            repeated = _followed_by(repeated, once, k)
        return found
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return {()}
    return {(ANY,)}


def _class_chars(items) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            chars.update(DIGITS | {ANY_DIGIT})
        else:
            return None
    return chars


def _char_class(chars) -> str:
    return "[" + "".join(c if c == ANY_DIGIT else re.escape(c) for c in sorted(chars)) + "]"


def _opening_test(openings: set[tuple]) -> str:
    """A pattern that matches where one of `openings` does; "" when anything could open. Each
    character leads to a branch of its own that opens with it, so that `re` skips the others on
    their first character by a plain comparison (a branch that opens with a set of characters
    calls a test of the set, and where a branch fails, `re` goes on to try all those after it)."""
    if any(not o or o[0] is ANY for o in openings):
        return ""
    tests: dict[frozenset, str] = {}
    branches = []
    for char in sorted(set().union(*(o[0] for o in openings))):
        rest = frozenset(o[1:] for o in openings if char in o[0])
        if rest not in tests:
            tests[rest] = _opening_test(rest)
        branches.append(_char_class(char) + tests[rest])
    return "(?:" + "|".join(branches) + ")"


def _lookahead(test: str) -> str:
    return f"(?={test})" if test else ""


def _without_digits(openings: set[tuple]) -> set[tuple]:
    """The openings with a digit first reduced to the digit alone (DIGIT_OPENING tests what follows)."""
    out = {(DIGITS,)}
    for o in openings:
        if o and o[0] is not ANY and o[0] & DIGITS:
            if o[0] - DIGITS:
                out.add((o[0] - DIGITS,) + o[1:])
        else:
            out.add(o)
    return out


# what the opening tests below keep of a plain scan: not inside a number, and not opening with a
# digit of another script than ASCII
_PLAIN_GUARD = rf"(?!(?<=[\d.])\d)(?!(?<=[{CN_DIGIT_CLASS}十廿卅百千])[{CN_DIGIT_CLASS}十廿卅百千])(?!(?![0-9])\d)"


# -- what a number can open --------------------------------------------------------------------
# Most places a scan stops at open a number, and most atoms open with one: which of them can match
# is told by the length of the run of digits and the character after it (2024年: a year or a
# range of years; 3月: a month; 12:30: a clock time). `_digit_shapes` reads, off an atom's parse
# tree, each (run length, what may follow) it can open with.

RUN_CAP = 5  # runs of digits this long or longer are one length
END = "end"  # the atom may end after the run: anything may follow


def _is_digit(char: str) -> bool:
    return char == ANY_DIGIT or char.isdecimal()


def _walk_digits(items, runs: set[int], finals: set) -> set[int]:
    """The lengths of runs of digits still open after `items`, started from the lengths `runs`;
    adds to `finals` each (length, characters) where a run ends in one of the characters."""
    for op, av in items:
        if not runs:
            break
        if op is sre.LITERAL or op is sre.IN:
            chars = {chr(av)} if op is sre.LITERAL else _class_chars(av)
            if chars is None:  # any character: the run ends on it, or goes on
                finals.update((n, ANY) for n in runs)
                runs = {min(n + 1, RUN_CAP) for n in runs}
                continue
            others = frozenset(c for c in chars if not _is_digit(c))
            if others:
                finals.update((n, others) for n in runs)
            runs = {min(n + 1, RUN_CAP) for n in runs} if len(others) < len(chars) else set()
        elif op is sre.SUBPATTERN:
            runs = _walk_digits(av[-1], runs, finals)
        elif op is sre.BRANCH:
            runs = set().union(*(_walk_digits(branch, runs, finals) for branch in av[1]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, item = av
            current, out, n = runs, set(), 0
            while current:
                if n >= low:
                    if current <= out:
                        break  # nothing new past here
                    out |= current
                if n == high:
                    break
                current, n = _walk_digits(item, current, finals), n + 1
            runs = out
        elif op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue  # reads no character
        else:
            finals.update((n, ANY) for n in runs)
            runs = {min(n + 1, RUN_CAP) for n in runs}
    return runs


def _digit_shapes(parsed) -> set[tuple]:
    finals: set = set()
    runs = _walk_digits(parsed.data, {0}, finals)
    return finals | {(n, END) for n in runs}


class _Scanner:
    """The date atoms of a text: one scan finds the places where an atom can open, and at each
    the atoms that can open there (by its character, or by its run of digits and what follows)
    are tried in their order, each by its own pattern; the first that matches is the atom."""

    def __init__(self) -> None:
        self.tables = load("dates")
        patterns = _patterns()
        # each atom keeps its groups, so the match that finds it also reads its numbers (the group
        # names are unique across atoms; the atom's own group closes last, so it is the lastgroup)
        if sre_parse is None:
            self.master = re.compile(_PLAIN_GUARD + "(?:" + "|".join(
                f"(?P<{kind}>{pattern})" for kind, pattern in patterns) + ")")
            self.finder = None
            return
        self.master = None
        # each atom is tried only where the text opens as it can: its first two characters (three
        # save ~0.003 s of scanning per 300 bench docs but cost ~0.015 s more to build, which every
        # process pays)
        # (each atom is parsed once: for its openings, and for its own pattern, compiled from that)
        parsed = [sre_parse.parse(f"(?P<{kind}>{pattern})") for kind, pattern in patterns]
        atom_openings = [_openings(p.data, 2) for p in parsed]
        openings = set().union(*atom_openings)
        # a character some atom opens with (the cheapest test, so the first); not inside a number
        # (the guard fails at once in a long run of digits); two characters some atom opens with,
        # or a number followed as in a date
        # (an atom opens with an ASCII digit, not with one of another script); and the run of
        # digits that opens there, to choose the atoms to try
        # The character is matched, not looked at, so that `re` finds the places with it by its
        # quick search for a set of first characters, and the rest is a lookbehind that looks at
        # the place from its start: the match is that one character.
        opening = (_opening_test({o[:1] if not o or o[0] is ANY else (o[0] - {ANY_DIGIT},) for o in openings})
                   + "(?<=(?=" + rf"(?!(?<=[\d.])\d)(?!(?<=[{CN_DIGIT_CLASS}十廿卅百千])[{CN_DIGIT_CLASS}十廿卅百千])"
                   + _lookahead(_opening_test(_without_digits(openings)))
                   + f"(?=(?![0-9])|{DIGIT_OPENING})" + r"(\d{0,%d}))(?s:.))" % RUN_CAP)
        self.finder = re.compile(opening)
        first = set().union(*(o[0] for o in openings if o and o[0] is not ANY)) - DIGITS - {ANY_DIGIT}
        self.by_char = {c: tuple(i for i, atom in enumerate(atom_openings) if any(o and o[0] is not ANY and c in o[0] for o in atom))
                        for c in first}
        # for a run of n digits: the atoms that open so whatever follows, and those that need
        # one of some characters after it (the atoms in their order)
        always: list[set[int]] = [set() for _ in range(RUN_CAP + 1)]
        followed: list[dict[str, set[int]]] = [{} for _ in range(RUN_CAP + 1)]
        for i, (atom, p) in enumerate(zip(atom_openings, parsed)):
            if not any(o and o[0] is not ANY and o[0] & DIGITS for o in atom):
                continue
            for n, after in _digit_shapes(p):
                if n == RUN_CAP or after is ANY or after is END:
                    always[n].add(i)
                else:
                    for c in after:
                        followed[n].setdefault(c, set()).add(i)
        # each atom is its own pattern, compiled from its parse (~0.01 s for all: less than one
        # pattern of them all took); a set of atoms to try is the tuple of their patterns, in order
        compiled = [sre_compile.compile(p) for p in parsed]
        tries: dict[tuple, tuple[re.Pattern, ...]] = {}

        def patterns_of(atoms) -> tuple[re.Pattern, ...]:
            atoms = tuple(sorted(atoms))
            if atoms not in tries:
                tries[atoms] = tuple(compiled[i] for i in atoms)
            return tries[atoms]

        self.by_char = {c: patterns_of(atoms) for c, atoms in self.by_char.items()}
        self.after_run = [{c: patterns_of(always[n] | atoms) for c, atoms in followed[n].items()} for n in range(RUN_CAP + 1)]
        self.run_alone = [patterns_of(always[n]) for n in range(RUN_CAP + 1)]

    def matches(self, text: str):
        """The match of each atom in the text, in order (with those whose numbers are out of range)."""
        if self.finder is None:
            yield from self.master.finditer(text)
            return
        by_char, after_run, run_alone = self.by_char, self.after_run, self.run_alone
        size = len(text)
        last = 0  # the end of the last atom: the next opens at or after it
        for place in self.finder.finditer(text):
            start = place.start()
            if start < last:
                continue
            run_end = place.end(1)
            if run_end > start:
                n = run_end - start
                patterns = after_run[n].get(text[run_end], run_alone[n]) if run_end < size else run_alone[n]
            else:
                patterns = by_char[text[start]]
            for pattern in patterns:
                found = pattern.match(text, start)
                if found is not None:
                    last = found.end()
                    yield found
                    break

    def tokens(self, text: str) -> list[Token]:
        out = []
        tables = self.tables
        for found in self.matches(text):
            kind = found.lastgroup
            data = _parse(kind, found, tables)
            if data is not None:
                out.append(Token(kind, *found.span(), data))
        return out


_SCANNER: _Scanner | None = None


def _count(text: str | None) -> int | None:
    if text is None:
        return None
    return small_number(text)


def _parse(kind: str, m, tables: dict) -> dict | None:
    """The fields of one atom, or None when its numbers are out of range."""
    g = m.group
    # the commonest atoms first: this runs for every atom found
    if kind in ("Y4", "Y3"):
        digits = g(kind + "_n")
        return {"year_number": int(digits), "digits": len(digits), "year_suffix": g(kind + "_s") or ""}
    if kind == "M":
        n = _count(g("M_n"))
        if not n or n > 12:
            return None
        return {"month": n, "month_suffix": g("M_s") or ""}
    if kind in ("D", "BD"):
        s = g(kind + "_n")
        n = _count(s)
        if not n or n > 31:
            return None
        return {"day": n, "cn_day": not s.isdigit()}
    t = g(kind)  # the atom's text, which the rest look up in tables
    if kind == "RY":
        return {"year_rel": tables["relative_years"][t]}
    if kind in ("POD", "CLOCK", "NAME"):
        return {}
    if kind in ("FY", "FYCN"):
        a, b = year_digits(g(kind + "_a")), str(year_digits(g(kind + "_b"))).zfill(len(g(kind + "_b")))
        b = (a // 100) * 100 + int(b) if len(b) == 2 else int(b)
        if b < a:
            b += 100
        return {"fy": (a, b)} if b - a <= 5 else None
    if kind == "NDROC":
        y = g("NDROC_y")
        return {"year_number": int(y), "digits": len(y), "month": int(g("NDROC_m")), "day": int(g("NDROC_d"))}
    if kind in ("ND", "ND8", "NDSP"):
        return {"year": int(g(kind + "_y")), "month": int(g(kind + "_m")), "day": int(g(kind + "_d"))}
    if kind == "NDUS":
        a, b, y = int(g("NDUS_a")), int(g("NDUS_b")), g("NDUS_y")
        month, day = (a, b) if a <= 12 else (b, a)
        if month > 12 or day > 31:
            return None
        out = {"month": month, "day": day}
        out.update({"year": int(y)} if len(y) == 4 else {"yy": int(y)})
        return out
    if kind == "NDEU":
        day, month, y = int(g("NDEU_d")), int(g("NDEU_m")), int(g("NDEU_y"))
        if month > 12 or day > 31:
            return None
        return {"year": y, "month": month, "day": day}
    if kind == "YR":
        a, b = int(g("YR_a")), g("YR_b")
        b = (a // 100) * 100 + int(b) if len(b) == 2 else int(b)
        return {"years": (a, b)} if a < b <= a + 100 else None
    if kind == "YR3":
        a, b = int(g("YR3_a")), int(g("YR3_b"))
        return {"roc_years": (a, b)} if a < b else None
    if kind == "YM":
        return {"year": int(g("YM_y")), "month": int(g("YM_m")), "loose": True}
    if kind == "ROCDEC":
        n = _count(g("ROCDEC_n"))
        return {"fixed_years": (1911 + n, 1911 + n + 9)} if n is not None else None
    if kind == "ROCY":
        n = _count(g("ROCY_n"))
        return {"year": 1911 + n, "year_suffix": g("ROCY_s") or ""} if n else None
    if kind == "DEC":
        c, n = g("DEC_c"), _count(g("DEC_n"))
        if c.startswith("上"):
            century = "previous"
        elif c.startswith("本"):
            century = "current"
        else:
            century = _count(c.replace("世纪", "").strip())
            if not century:
                return None
        return {"decade": (century, n)}
    if kind == "DEC2":  # 80年代: the 1980s, as Chinese texts mean it
        n = _count(g("DEC2_n"))
        return {"fixed_years": (1900 + n, 1909 + n)}
    if kind == "CENT":
        n = _count(g("CENT_n"))
        return {"fixed_years": ((n - 1) * 100, (n - 1) * 100 + 99)} if n and n <= 20 else None
    if kind == "Y2":
        return {"yy": int(g("Y2_n")), "yy_text": g("Y2_n"), "year_suffix": g("Y2_s") or ""}
    if kind == "YCNK":
        y = year_digits(g("YCNK_n"))
        return {"year": y, "weak": True} if y else None
    if kind == "YCN":
        s = g("YCN_n")
        y = year_digits(s)
        if y is None:
            return None
        if len(s) == 2:
            return {"yy": y, "yy_text": s, "year_suffix": g("YCN_s") or "", "cn": True}
        if len(s) == 3:  # 一一三年: an ROC year in a Taiwan text
            return {"year_number": y, "digits": 3, "year_suffix": g("YCN_s") or ""}
        return {"year": y, "year_suffix": g("YCN_s") or ""}
    if kind == "RYP":
        a, b = tables["relative_year_periods"][t]
        return {"year_rel_period": (a, b)}
    if kind == "RFY":
        return {"fy_rel": tables["relative_fiscal_years"][t]}
    if kind == "RQ":
        return {"quarter_rel": tables["relative_quarters"][t]}
    if kind == "RH":
        return {"half_rel": tables["relative_halves"][t]}
    if kind == "H":
        return {"half": tables["halves"][t]}
    if kind == "QRA":
        a, b = _count(g("QRA_a")), _count(g("QRA_b"))
        return {"quarters": (a, b)} if a < b else None
    if kind == "QR":
        n = _count(g("QR_n"))
        return {"quarters": (1, n)}
    if kind == "Q":
        if t.startswith("首季"):
            return {"quarter": 1}
        n = _count(g("Q_n") or g("Q_m") or g("Q_q"))
        return {"quarter": n}
    if kind == "RM":
        return {"month_rel": tables["relative_months"][g("RM_w")], "month_suffix": g("RM_s") or ""}
    if kind == "TY":
        n = int(g("TY_n"))  # three digits can only be an ROC year here
        return {"year": n + 1911 if n < 200 else n, "year_suffix": g("TY_s") or ""}
    if kind == "MR":
        a, b = _count(g("MR_a")), _count(g("MR_b"))
        if not (a and b and 1 <= a <= 12 and 1 <= b <= 12) or a == b:
            return None
        return {"months": (a, b)}
    if kind == "NTHMS":
        n = _count(g("NTHMS_n"))
        return {"months": (1, n)} if n and 2 <= n <= 12 else None
    if kind == "NTHM":
        if g("NTHM_first"):
            return {"nth_months": (1, 1)}
        if g("NTHM_n"):
            n = _count(g("NTHM_n"))
            return {"nth_months": (1, n)} if n and n <= 12 else None
        if g("NTHM_k"):
            n = _count(g("NTHM_k"))
            return {"nth_months": (n, n)} if n and n <= 12 else None
        n = _count(g("NTHM_l"))
        return {"nth_months": (13 - n, 12)} if n and n <= 12 else None
    if kind == "WQ":
        return {"week": (tables["week_qualifiers"][g("WQ_q")], tables["weekdays"][g("WQ_d")])}
    if kind == "NTHWD":
        n = _count(g("NTHWD_n"))
        return {"nth_weekday": (n, tables["weekdays"][g("NTHWD_d")])}
    if kind == "WD":
        return {"weekday": tables["weekdays"][g("WD_d")]}
    if kind == "TD":
        n = _count(g("TD_n")) or 0
        return {"today_day": n} if 1 <= n <= 31 else None
    if kind == "RD":
        return {"day_rel": tables["relative_days"][t]}
    if kind == "DR":
        a, b = int(g("DR_a")), int(g("DR_b"))
        return {"days": (a, b)} if a < b else None
    if kind == "NTHD":
        if g("NTHD_n"):
            n = _count(g("NTHD_n"))
            return {"nth_days": (1, n)} if n and n <= 31 else None
        n = _count(g("NTHD_l"))
        return {"nth_days": (-n, -1)} if n and n <= 31 else None
    if kind == "HOL":
        m_, d_ = tables["holidays"][t]
        return {"holiday": (m_, d_)}
    if kind == "PLAN":
        return {"plan": _count(g("PLAN_n")) if g("PLAN_n") else 10}
    if kind in ("MDS", "MDDOT", "MDH"):
        return {"month": int(g(kind + "_m")), "day": int(g(kind + "_d")), "loose": True}
    if kind == "BY":
        return {"year": int(g("BY_n")), "bare": True}
    return {}


def tokenize(text: str) -> list[Token]:
    global _SCANNER
    if _SCANNER is None:
        _SCANNER = _Scanner()
    return _SCANNER.tokens(text)
