"""Which date candidates are dates at all: the finder that the extractor and the reference-date
inference share (`find`, `is_taiwan`).

A lone `10年` is ten years, `六号文件` a document, a date in a 《title》 is part of the title;
a 1xx年 is a Republic of China year only in a Taiwan text.
"""
from __future__ import annotations

import functools
import re  # a plain alternation of literals scans faster than with regex

import regex

from ...data import load
from ...text.document import Document
from ...text.locale import locale_of
from .grammar import FRAGMENTS, Piece, RangePiece, chains, join_ranges, to_piece
from .resolve import ROC_TWO_DIGIT_FROM
from .tokens import Token, tokenize

_HAN = regex.compile(r"\p{Han}")
# 一月一通报, 一月一次: "once a month" (一X一Y), not January
_ONCE_A_MONTH = regex.compile(r"一月一(?![日号])\p{Han}")
# the next items of a list of numbers (7号、8号泊位, 3号和5号线)
_LISTED_NUMBER = regex.compile(r"(?:[、,和及与][ \t]?\d{1,4}[号日]){1,6}")
_YEAR_AS_PLACE = regex.compile(r"(?:在|于|於|公元|公元前)[ \t]?$")
TITLE_WINDOW = 200  # a title is shorter than this; bounds the search on hostile input
_ONLY_MATTERS = {"Y2", "YCN", "YCNK", "Y3", "Y4", "D"}  # the kinds judged otherwise when alone
_CONSECUTIVE = ("一二", "二三", "三四", "四五", "五六", "六七", "七八", "八九")


def is_taiwan(doc: Document) -> bool:
    """A text from Taiwan, where a 3-digit year is an ROC year: the document's locale says so
    (text/locale.py weighs its institutions, places and ROC years)."""
    return locale_of(doc) == "taiwan"


def _drop_tokens(tokens: list[Token], text: str, taiwan: bool) -> list[Token]:
    """Drop atoms that are not dates here: names (今日头条), holidays naming a stretch of days (国庆假期),
    ROC numeric dates outside Taiwan, 晚 opening another word (晚会), 后年 closing a verb (建成后年产值)."""
    periods = tuple(load("dates")["holiday_periods"]["suffixes"])
    after_verb = load("dates")["relative_years_after_verb"]
    after_short_part_of_day = tuple(load("dates")["not_dates"]["after_short_part_of_day"])
    out = []
    for t in tokens:
        if t.kind == "NAME":
            continue
        if t.kind == "HOL" and text.startswith(periods, t.end):
            continue
        if t.kind == "NDROC" and not taiwan:
            continue
        if t.kind == "POD" and t.end - t.start == 1 and text.startswith(after_short_part_of_day, t.end):
            continue
        if t.kind == "RY" and text[t.start:t.end] in after_verb["words"] and text[t.start - 1:t.start] in after_verb["verbs"]:
            continue
        out.append(t)
    return out


def _in_title(text: str, start: int, end: int, has_titles: bool = True) -> bool:
    """Inside 《…》 on one line: part of a document's title, not annotated. So is a term in brackets
    that closes a name in 「…」 (Taiwan and Hong Kong quote titles so: 「青年就業旗艦計畫（114至117年）」).
    `has_titles` False says that the text has no 《 at all."""
    if start > 0 and text[start - 1] == "(" and text[end:end + 2] in (")」", ")』"):
        return True
    if not has_titles:
        return False
    window = max(0, start - TITLE_WINDOW)
    line_start = text.rfind("\n", window, start) + 1 or window
    opening = text.rfind("《", max(line_start, window), start)
    if opening < 0 or text.find("》", opening, start) >= 0:
        return False
    closing = text.find("》", end, end + TITLE_WINDOW)
    newline = text.find("\n", end, end + TITLE_WINDOW)
    return closing >= 0 and (newline < 0 or closing < newline)


# 今日(十一月十八日), 今天(11月18日): the date in brackets is the one the text gives
_BRACKETED_DATE = regex.compile(r"[ \t]?\([ \t]?[\d一二三四五六七八九十〇零]{1,4}[ \t]?[月日号][^()\n]{0,8}\)")
_NAME_OPENERS = frozenset("“\"‘'「『《")


def only_relative_day(text: str, p: Piece) -> bool:
    """A relative day that is no date of its own: a date in brackets right after it gives the day
    (今日(十一月十八日)), or it opens a name (“明日之星”计划, 「明日大屿愿景」)."""
    if p.kinds != ("RD",):
        return False
    if text.startswith("(", p.end) or text.startswith(" (", p.end):
        return _BRACKETED_DATE.match(text, p.end) is not None
    return (p.start > 0 and text[p.start - 1] in _NAME_OPENERS) or text.startswith("之", p.end)


class Candidates:
    """Decides whether a chain of atoms is a date on its own."""

    def __init__(self, text: str, taiwan: bool):
        self.text = text
        self.taiwan = taiwan
        data = load("dates")
        # tuples: str.startswith and str.endswith try every word of one in a single call
        not_dates = data["not_dates"]
        self.after_day = tuple(not_dates["after_day"])
        self.before_day = tuple(not_dates["before_day"])
        self.before_lone_hao = not_dates["before_lone_hao"]
        self.before_year = tuple(not_dates["before_year"])
        self.before_recurring = tuple(not_dates["before_recurring"])
        self.after_year = tuple(not_dates["after_year"])
        self.after_any_year = self.after_year + tuple(not_dates["after_short_year"])
        self.before_slash = tuple(not_dates["before_slash"])
        self.after_slash = tuple(not_dates["after_slash"])
        self.plan_cues = tuple(data["five_year_plans"]["cues"])
        self.quotes = set(data["five_year_plans"]["quotes"])

    def standalone(self, p: Piece) -> bool:
        kinds = p.kinds
        first = kinds[0]
        f = p.fields
        if self._recurring(p) or (self.text.startswith("一月一", p.start) and _ONCE_A_MONTH.match(self.text, p.start)):
            return False
        if FRAGMENTS.issuperset(kinds) or first in ("POD", "CLOCK", "WD", "BD", "DR", "NTHD", "NTHM"):
            return False
        # the piece is that one atom, with at most a time of day or a weekday
        only = first in _ONLY_MATTERS and len([k for k in kinds if k not in ("POD", "CLOCK", "WD")]) == 1
        if first == "Y2" and only:
            if self.taiwan and f["yy"] >= ROC_TWO_DIGIT_FROM and not f["yy_text"].startswith("0"):
                return not self._counts_years(p)
            return f["yy_text"].startswith("0") or self._year_as_place(p)
        if first == "YCN" and "yy" in f and only:
            return f["yy_text"] not in _CONSECUTIVE
        if first == "YCNK" and only:
            return False
        if (first == "Y3" or (first == "YCN" and f.get("digits") == 3)) and not self.taiwan:
            return not only or self._year_as_place(p)
        if first == "Y4" and not 1000 <= f["year_number"] <= 2100:
            return False
        if first in ("Y4", "Y3") and only and self._counts_years(p):
            return False
        if first == "MDS" and self._fraction(p):
            return False
        if first == "D" and only:
            return self._lone_day(p)
        if kinds[-1] == "BD" and p.fields.get("cn_day") and _HAN.match(self.text[p.end:p.end + 1]):
            return False  # 一月一通报, 一月一次 (once a month): a day in Chinese digits ends or takes 日/号
        if first == "RD" and only_relative_day(self.text, p):
            return False
        if first == "YR3":
            return self.taiwan
        if first == "BY":
            return self.text[max(0, p.start - 2):p.start].rstrip(" \t")[-1:] in ("从", "自")
        if first == "PLAN":
            return self._plan_in_context(p)
        return True

    def _recurring(self, p: Piece) -> bool:
        """每年3月, 每月15日: a date that comes back, not one date."""
        before = self.text[max(0, p.start - 4):p.start]
        return before.endswith(self.before_recurring)

    def _counts_years(self, p: Piece) -> bool:
        """近2000年, 长达300年, 100年历史: a number of years, not a year."""
        tok = p.tokens[0]
        before = self.text[max(0, tok.start - 2):tok.start]
        after = self.text[tok.end:tok.end + 2]
        if tok.data.get("year_suffix"):
            return False
        short = tok.kind == "Y2" or (tok.kind == "Y3" and not self.taiwan)
        return before.endswith(self.before_year) or after.startswith(self.after_any_year if short else self.after_year)

    def _fraction(self, p: Piece) -> bool:
        """占1/3, 1/3以上: a fraction, not a month and day."""
        tok = p.tokens[0]
        before = self.text[max(0, tok.start - 1):tok.start]
        after = self.text[tok.end:tok.end + 2]
        return before.endswith(self.before_slash) or after.startswith(self.after_slash)

    def _year_as_place(self, p: Piece) -> bool:
        return _YEAR_AS_PLACE.search(self.text[max(0, p.start - 4):p.start]) is not None

    def _lone_day(self, p: Piece) -> bool:
        """A day with no month: 9日上午 is, 六号文件, 〔2024〕8号 and 路128号 are not."""
        if p.fields.get("cn_day"):
            return False
        tok = p.tokens[0]
        before = self.text[max(0, tok.start - 2):tok.start]
        if before.endswith(self.before_day):
            return False
        after = self.text[tok.end:tok.end + 4]
        if after.startswith(self.after_day):
            return False
        listed = _LISTED_NUMBER.match(self.text, tok.end)
        if listed and self.text.startswith(self.after_day, listed.end()):
            return False  # 7号、8号泊位: the list shares its noun
        if self.text[tok.end - 1:tok.end] == "号":
            previous = before[-1:]
            return not _HAN.match(previous) or previous in self.before_lone_hao
        return True

    def _plan_in_context(self, p: Piece) -> bool:
        before = self.text[p.start - 1:p.start] if p.start else ""
        after = self.text[p.end:p.end + 2]
        if before in self.quotes and after[:1] in self.quotes:
            return True
        return after.startswith(self.plan_cues)


@functools.cache
def _any_document_name() -> re.Pattern:
    """Any of the document names, as a plain `re` alternation of literals: one scan of the text
    instead of a substring search for each name."""
    return re.compile("|".join(re.escape(w) for w in load("dates")["not_dates"]["document_names"]))


@functools.cache
def _document_name_re() -> regex.Pattern:
    words = "|".join(regex.escape(w) for w in load("dates")["not_dates"]["document_names"])
    return regex.compile(r"\p{Han}{0,16}?(?:" + words + ")")


def _names_document(text: str, item, pattern: regex.Pattern) -> bool:
    """2024年度经营业绩考核责任书: a year (alone) that opens the name of a signed document."""
    piece = item.left if isinstance(item, RangePiece) else item
    if not piece.kinds or piece.kinds[0] not in ("Y4", "Y3", "YCN", "TY") or len(piece.kinds) > 1:
        return False
    return pattern.match(text, item.end) is not None


def find(doc: Document, taiwan: bool | None = None) -> list[Piece | RangePiece]:
    """The date expressions of a document, in text order, before resolution."""
    if taiwan is None:
        taiwan = is_taiwan(doc)
    # the reference inference and the extraction read the same pieces
    return list(doc.memo(("dates.find", taiwan), lambda: _find(doc.text, taiwan)))


def _find(text: str, taiwan: bool) -> tuple[Piece | RangePiece, ...]:
    tokens = _drop_tokens(tokenize(text), text, taiwan)
    pieces = [p for p in map(to_piece, chains(tokens, text))
              if not FRAGMENTS.issuperset(p.kinds) and p.kinds[0] not in ("POD", "CLOCK", "WD")]
    judge = Candidates(text, taiwan)
    has_titles = "《" in text
    # the names of signed documents, when the text has one at all (most texts: one search)
    document_name = _document_name_re() if _any_document_name().search(text) else None
    out = []
    for item in join_ranges(pieces, text):
        if isinstance(item, RangePiece):
            if not judge.standalone(item.left) and item.left.kinds[0] not in ("D",):
                continue
        elif not judge.standalone(item):
            continue
        if _in_title(text, item.start, item.end, has_titles):
            continue
        if document_name is not None and _names_document(text, item, document_name):
            continue
        out.append(item)
    return tuple(out)
