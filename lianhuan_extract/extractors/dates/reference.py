"""The date a text speaks from, when the user gives none.

In order:
1. a dated line: a complete date after a label (发布日期：2024-04-03, 發稿日期:民國112年9月12日), in
   the first two lines (——2024年1月22日在…, （香港，2023年11月28日）), or alone on one of the last
   lines (the signature date of a notice);
2. the year the text speaks of as current: the latest year it names that is not a plan (到2025年,
   预计…) nor history (始建于1932年); a year whose results are reported (2023年,…实现…) is over,
   so the text speaks from the year after; a session of the National People's Congress or the
   CPPCC dates itself (十四届全国人大二次会议: 2024); failing all, the year before the nearest
   planned year. A complete date in or after that year wins; else the year is combined with the
   dateline's month and day (3月15日上午,…), else with the first month and day the text names;
3. nothing: (None, "none").

The precision says which: "day" when the day comes from the text (a dated line, a complete date, a
dateline's month and day), "year" when only the year is known (the month and day are a placeholder:
the first month and day named further in, else July 1) — day-relative words then stay unresolved.
"""
from __future__ import annotations

import datetime as dt
import functools
import itertools
import re  # matches these simple patterns faster than regex

import regex

from ...data import load
from ...text.document import Document
from .finder import find, is_taiwan
from .grammar import Piece, RangePiece
from .numerals import small_number
from .resolve import Invalid, Resolver, Unresolved

_CONGRESS = regex.compile(r"(?P<n>十[一二三四五六七八九]?|[五六七八九])届全国(?:人大|人民代表大会|政协)(?:常委会)?第?(?P<m>[一二三四五六七])次(?:全体)?会议")
# "2023年,全市实现产值…", "2024年安徽新能源汽车产量达到168万辆": a clause that opens with a year and
# reports a result, with no word of intent in it (将, 力争, 计划 …); not "2024年以来" (still running)
_REPORTED = re.compile(r"年?[,，]?(?!以来|来|至今|开始|起|以后|之后|后|前|以前|之前|底前)(?P<clause>[^。；;\n]{0,60})")
_RESULT = re.compile(r"实现|达到|完成|增长|下降|突破|累计|同比|减少|下滑|衰退|成长")
_INTENT = re.compile(r"将|要|力争|计划|确保|预计|预估|可望|目标|争取|拟|力求|推动|加快")
_CLAUSE = re.compile(r"[^,，。；;、\n]{0,12}")
# 今日（二月二十八日）, 今天(3月5日), 北京3月5日电, 3月5日讯: the day itself, wherever it stands
_DATELINE_AROUND = regex.compile(r".*(?:今日|今天)\(\|.*|.*\|[电讯]")
HEAD_COLUMN = 6  # a dateline's date opens its line: ——2024年1月22日, （香港，2023年11月28日）
_LABEL_GAP = regex.compile(r"[ \t]{0,2}[:：]?[ \t]{0,2}$")


@functools.cache
def _label_pattern() -> regex.Pattern:
    labels = load("dates")["reference"]["labels"]
    return regex.compile("(?:" + "|".join(regex.escape(w) for w in labels) + ")" + _LABEL_GAP.pattern)


def _lines(text: str, from_end: bool = False):
    """(start, end) of the non-empty lines, from the first one (or from the last one, backwards):
    only the first two and the last four are wanted, so the text is not split whole."""
    if from_end:
        end = len(text)
        while end >= 0:
            start = text.rfind("\n", 0, end) + 1
            if text[start:end].strip():
                yield start, end
            end = start - 1
    else:
        start = 0
        while start <= len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            if text[start:end].strip():
                yield start, end
            start = end + 1


def _complete_day(resolver: Resolver, p) -> dt.date | None:
    if not isinstance(p, Piece):
        return None
    f = p.fields
    if not ("month" in f and "day" in f and ("year" in f or "year_number" in f or "yy" in f)):
        return None
    try:
        iv = resolver.interval(p)
    except (Invalid, Unresolved, ValueError):
        return None
    return iv.first if iv.grain == "day" else None


def _congress_year(text: str) -> int | None:
    if "届全国" not in text:  # every session names itself so: no need to run the pattern
        return None
    best = None
    for m in _CONGRESS.finditer(text):
        n, session = small_number(m.group("n")), small_number(m.group("m"))
        if n is None or session is None or n < 5:
            continue
        year = 1978 + 5 * (n - 5) + session - 1
        best = max(best or year, year)
    return best


def _with_range_ends(items):
    """Single pieces, and both ends of each range (the right end only when it names its year)."""
    for item in items:
        if isinstance(item, RangePiece):
            yield item.left
            yield item.right
        else:
            yield item


def current_year(doc: Document, items, resolver: Resolver) -> int | None:
    text = doc.text
    cues = load("dates")["reference"]
    future_cues, past_cues, future_after = tuple(cues["future_cues"]), tuple(cues["past_cues"]), tuple(cues["future_after"])
    future_nouns = cues["future_nouns"]
    current, planned = [], []
    for p in _with_range_ends(items):
        if "fy" in p.fields:
            current.append(p.fields["fy"][0])  # a fiscal year in progress or just reported
            continue
        if not ("year" in p.fields or "year_number" in p.fields or "yy" in p.fields):
            continue
        try:
            year = resolver.explicit_year(p.fields)
        except Unresolved:
            continue
        if year is None:
            continue
        before = text[max(0, p.start - 6):p.start]
        if before.endswith(past_cues):
            continue
        after = text[p.end:p.end + 2]
        clause = _CLAUSE.match(text, p.end).group()
        if (before.endswith(future_cues) or after.startswith(future_after)
                or any(w in clause for w in future_nouns)):
            planned.append(year)
            continue
        current.append(year)
        year_only = p.kinds in (("Y4",), ("Y3",), ("YCN",), ("ROCY",))
        reported = _REPORTED.match(text, p.end) if year_only else None
        if reported and _RESULT.search(reported["clause"]) and not _INTENT.search(reported["clause"]):
            current.append(year + 1)
    congress = _congress_year(text)
    if congress:
        current.append(congress)
    if current:
        return max(current)
    if planned:
        return min(planned) - 1
    return None


def infer(doc: Document) -> tuple[dt.date | None, str, str | None]:
    """(date, origin, precision): precision "day" when the text gives the day, "year" when only the
    year is known and the month and day are a placeholder; (None, "none", None) when nothing fits."""
    text = doc.text
    taiwan = is_taiwan(doc)
    items = find(doc, taiwan)
    resolver = Resolver(None, taiwan)
    label_pattern = _label_pattern()
    head = list(itertools.islice(_lines(text), 2))
    head_end = head[1][1] if len(head) > 1 else len(text)
    foot = [(s, e) for s, e in itertools.islice(_lines(text, from_end=True), 4) if e - s <= 30]
    complete = []
    future_cues = tuple(load("dates")["reference"]["future_cues"])
    for p in _with_range_ends(items):
        day = _complete_day(resolver, p)
        if day is None:
            continue
        before = text[max(0, p.start - 6):p.start]
        if not before.endswith(future_cues):
            complete.append(day)
        before = text[max(0, p.start - 12):p.start].rpartition("\n")[2]
        labelled = label_pattern.search(before) is not None
        in_foot = any(s <= p.start < e for s, e in foot)
        line_start = text.rfind("\n", max(0, p.start - HEAD_COLUMN), p.start) + 1
        at_head = p.start < head_end and 0 < line_start and p.start - line_start <= HEAD_COLUMN
        if labelled or at_head or in_foot:
            return day, "inferred", "day"
    year = current_year(doc, items, resolver)
    if year is None:
        return None, "none", None
    later = [d for d in complete if d.year >= year]
    if later:
        return max(later), "inferred", "day"
    for p in items:
        f = p.fields if isinstance(p, Piece) else {}
        if "month" in f and "day" in f and not any(k in f for k in ("year", "year_number", "yy", "year_rel")):
            try:
                day = dt.date(year, f["month"], f["day"])
            except ValueError:
                continue
            # a dateline (新华社北京3月5日电, 3月5日上午，…) opens one of the first lines: the day the text
            # speaks from; a month and day further in only dates an event of that year
            line_start = text.rfind("\n", 0, p.start) + 1
            dateline = (p.start < head_end and p.start - line_start <= HEAD_COLUMN) or _DATELINE_AROUND.match(
                text[max(0, p.start - 4):p.start] + "|" + text[p.end:p.end + 1]) is not None
            return day, "inferred", "day" if dateline else "year"
    return dt.date(year, 7, 1), "inferred", "year"
