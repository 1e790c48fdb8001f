"""Dates: find them on characters, resolve them to the contract's ISO value and grain.

    2024年4月3日上午 -> 2024-04-03 (day)      今年一季度 -> 2024-Q1 (quarter)
    1-11月份 -> 2024-01/2024-11 (period)     “十四五” -> 2021/2025 (period)
    113年 in a Taiwan text -> 2024 (year)    2023/24財政年度 -> 2023/2024 (period)

The atoms are in `tokens`, the chaining and ranges in `grammar`, which candidates are dates at
all in `finder`, the values in `resolve`, the reference date read from a text in `reference`;
this module resolves the found dates in their context and builds the entities.

`infer_reference(doc)` gives the reference date read from a text with its precision: "year" when
only the year is known, and then 今日, 今(18)日, 本月, 上周二 and a lone 18日 stay unresolved.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re

from ...data import load
from ...entity import Context, Entity, Intervals
from ...text.document import Document
from .finder import find, is_taiwan
from .grammar import Piece, RangePiece
from .reference import infer
from .resolve import UNKNOWN, Invalid, Resolver, Unresolved, value_of

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")  # re finds a character class faster than regex


@functools.cache
def _comparison_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    words = load("dates")["comparison"]
    return tuple(words["before"]), tuple(words["after"])


def _compared(text: str, item, before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """比2020年, 较2019年同期: a year named to compare with, not the one the sentence speaks of
    (`before` and `after`: the words that say so, from _comparison_words)."""
    return text[max(0, item.start - 2):item.start].endswith(before) or text[item.end:item.end + 2].startswith(after)


_SINCE = ("以来", "以來", "至今")


def _cumulative(fields: dict) -> bool:
    """Figures to date: 1-11月份, 前10月, 前三季度 (months or quarters from the first on)."""
    return fields.get("months", (0,))[0] == 1 or fields.get("quarters", (0,))[0] == 1


def _sentence_ids(text: str) -> list[int]:
    """Start offsets of sentences, to find which sentence a position is in."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _anaphoric(p: Piece, sentence_year: int | None, topic_year: int | None, ref: dt.date | None) -> Piece:
    """上年, 上一年度, 下一年 count from the year the text speaks of, not from the day it is read:
    `2024年GDP比上年增长5.4%` read in January 2025 is 2023. That year is the sentence's, else the
    last one the text named when it is the reference year or the one before (a report on last
    year), else the reference year."""
    base = sentence_year
    if base is None and topic_year is not None and ref is not None and ref.year - 1 <= topic_year <= ref.year:
        base = topic_year
    if base is None:
        return p
    fields = dict(p.fields)
    fields["year"] = base + fields.pop("year_rel")
    return Piece(p.start, p.end, p.tokens, fields)


def resolve_all(items: list[Piece | RangePiece], text: str, ref: dt.date | None, taiwan: bool,
                precision: str = "day"):
    """(item, value, grain, unresolved) for each item that names a real date."""
    resolver = Resolver(ref, taiwan, precision)
    grain_probe = Resolver(dt.date(2000, 7, 1), taiwan)
    starts = _sentence_ids(text)
    context: dict[int, int] = {}  # sentence -> the last absolute year named in it
    months: dict[int, tuple[int, int]] = {}  # sentence -> the last (year, month) named in it
    anaphoric = set(load("dates")["anaphoric_relative_years"]["words"])
    planned = tuple(load("dates")["planned_partial_dates"]["before"])
    compared_before, compared_after = _comparison_words()
    cumulative = load("dates")["cumulative"]
    topic_year = None  # the last absolute year the text has spoken of so far
    out = []
    for item in items:
        is_range = isinstance(item, RangePiece)
        sentence = bisect.bisect_right(starts, item.start) - 1
        ctx_year = context.get(sentence)
        month = months.get(sentence)
        last = item.right if is_range else item
        names_year = "year" in last.fields or "year_number" in last.fields or "yy" in last.fields
        if not is_range and item.kinds[0] == "RY" and text[item.tokens[0].start:item.tokens[0].end] in anaphoric:
            item = last = _anaphoric(item, ctx_year, topic_year, ref)
        # a plan is not in a year already over (审议通过2023年度利润分配预案，拟于6月30日 read in 2024),
        # unless the sentence tells its story month by month (2023年3月，公司宣布将于6月30日上市)
        if (ctx_year is not None and ref is not None and ctx_year < ref.year and not names_year
                and (month is None or month[0] != ctx_year)):
            if text[max(0, item.start - 4):item.start].endswith(planned):
                ctx_year = None
        try:
            iv = resolver.range_interval(item, ctx_year) if is_range else resolver.interval(item, ctx_year, month)
            if (ctx_year is None and not names_year and not is_range and precision == "day"
                    and _cumulative(item.fields) and iv.last > ref
                    and ref.month <= cumulative["last_month_of_reports"]
                    and not any(w in text[starts[sentence]:item.end + 4] for w in cumulative["plan_words"])):
                # 1-11月份 read on 8 January: figures to date are last year's (this year's are not in yet)
                iv = resolver.interval(item, ref.year - 1, month)
            value, grain = value_of(iv)
            out.append((item, value, grain, False))
        except Unresolved as exc:
            try:
                probe = grain_probe.range_interval(item) if is_range else grain_probe.interval(item)
                grain = value_of(probe)[1]
            except (Invalid, Unresolved, ValueError):
                continue
            out.append((item, exc.partial or UNKNOWN, grain, True))
            continue
        except (Invalid, ValueError, OverflowError):
            continue
        if _compared(text, item, compared_before, compared_after):
            continue
        fields = last.fields
        # a relative year speaks of its year too (去年受需求疲弱，第三季… is last year's third quarter)
        if ("year" in fields or "year_number" in fields or "yy" in fields or "year_rel" in fields) \
                and not text.startswith(_SINCE, item.end):
            # (去年四季度以来，一季度订单增长: a time since then speaks of now, not of that year)
            context[sentence] = iv.last.year
        if names_year:
            topic_year = iv.last.year
        if "month" in fields and iv.grain in ("day", "month"):
            months[sentence] = (iv.last.year, iv.last.month)
    return out


def extract(ctx: Context) -> list[Entity]:
    doc = ctx.doc
    text = doc.text
    taiwan = is_taiwan(doc)
    items = find(doc, taiwan)
    doc.forget(("dates.find", taiwan))  # the reference inference has read them: nothing else will
    contacts = Intervals((e.start, e.end) for e in ctx.entities if e.type == "contact")
    if contacts:  # a date inside a phone number or an address is not one
        items = [i for i in items if not contacts.overlaps(i.start, i.end)]
    out = []
    precision = reference_precision(ctx) or "day"
    for item, value, grain, unresolved in resolve_all(items, text, ctx.ref_date, taiwan, precision):
        fields = {"value": value, "grain": grain}
        if unresolved:
            fields["unresolved"] = True
        out.append(Entity("date", item.start, item.end, fields, item.rule))
    return out


def infer_reference(doc: Document) -> tuple[dt.date | None, str, str | None]:
    """(date, origin, precision) read from the text: precision "day" when the text gives the day,
    "year" when only the year is known (the month and day are then a placeholder); (None, "none", None)
    when nothing fits."""
    key = (doc.text, doc.script)
    if key not in _INFERRED:
        if len(_INFERRED) >= 4:
            _INFERRED.pop(next(iter(_INFERRED)))
        _INFERRED[key] = infer(doc)
    return _INFERRED[key]


# the pipeline infers the reference, then extract() asks how precise it was: infer once per text
_INFERRED: dict[tuple[str, str], tuple] = {}


def infer_reference_date(doc: Document) -> tuple[dt.date | None, str]:
    """(date, origin) read from the text; (None, "none") when nothing fits."""
    date, origin, _ = infer_reference(doc)
    return date, origin


def reference_precision(ctx: Context) -> str | None:
    """How much of ctx.ref_date is known: "day", "year" (inferred from a year alone), None (no date)."""
    if ctx.ref_date is None:
        return None
    if "reference_date_precision" in ctx.notes:
        return ctx.notes["reference_date_precision"]
    if ctx.ref_origin != "inferred":
        return "day"
    date, _, precision = infer_reference(ctx.doc)
    return precision if date == ctx.ref_date else "day"
