"""Turn a date expression into the contract's value and grain (shared/spec/output.md).

A resolved date is an `Interval`: its first and last day and the unit it is counted in (day,
month, quarter, half, year). One whole unit prints as `2024-04-03`, `2024-04`, `2024-Q1`,
`2024-H1` or `2024`; anything longer is a period `start/end` in the finer unit of its two ends.

Relative words (今年, 上月, 明天, 上周二) need the reference date; a partial date (4月3日,
上半年) takes the year the sentence speaks of, else the reference year. Without a reference, a
partial or relative date keeps what it says, the unknown year written `XXXX` as TimeML's TIMEX3 does
(`XXXX-04-03`, `XXXX-Q3`; `XXXX` when more than the year is unknown: 今天, 今(18)日), and is
flagged unresolved.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

from .grammar import Piece, RangePiece
from .numerals import two_digit_year

# in a Taiwan text a two-digit year from 40 on is an ROC year (民国40年 = 1951)
ROC_TWO_DIGIT_FROM = 40
GRAINS = ("day", "month", "quarter", "half", "year")


class Unresolved(Exception):
    """The expression needs a reference date that is missing; carries the partial value."""

    def __init__(self, partial: str | None):
        super().__init__(partial)
        self.partial = partial


class Invalid(Exception):
    """The expression names no real date (2月30日)."""


class Interval(NamedTuple):  # a named tuple: made for every date resolved, and cheaper to make than a dataclass
    first: dt.date
    last: dt.date
    grain: str


def fmt(d: dt.date, grain: str) -> str:
    if grain == "year":
        return "%04d" % d.year
    if grain == "half":
        return "%04d-H%d" % (d.year, 1 if d.month <= 6 else 2)
    if grain == "quarter":
        return "%04d-Q%d" % (d.year, (d.month - 1) // 3 + 1)
    if grain == "month":
        return "%04d-%02d" % (d.year, d.month)
    return d.isoformat()


def value_of(iv: Interval) -> tuple[str, str]:
    """(value, grain) in the contract's form."""
    first, last, grain = iv
    # the commonest: one day, one year (written once)
    if grain == "day" and first == last:
        return first.isoformat(), grain
    if grain == "year" and first.year == last.year:
        return "%04d" % first.year, grain
    a, b = fmt(first, grain), fmt(last, grain)
    return (a, grain) if a == b else (f"{a}/{b}", "period")


# a relative date with no reference to count from (今年, 上月, 明天, 今(18)日): the contract writes
# an unknown year, and no unknown month or day, so only `XXXX` is left to say
UNKNOWN = "XXXX"


def finer(a: str, b: str) -> str:
    return a if GRAINS.index(a) <= GRAINS.index(b) else b


def _day(y: int, m: int, d: int) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise Invalid(f"{y}-{m}-{d}") from None


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def months(y: int, m1: int, y2: int, m2: int) -> Interval:
    return Interval(_day(y, m1, 1), _month_end(y2, m2), "month")


def year_interval(y: int) -> Interval:
    if not 1 <= y <= 9999:
        raise Invalid(str(y))
    return Interval(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def years(a: int, b: int) -> Interval:
    return Interval(dt.date(a, 1, 1), dt.date(b, 12, 31), "year")


def quarter(y: int, q: int, q2: int | None = None) -> Interval:
    q2 = q2 or q
    return Interval(dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q2), "quarter")


def half(y: int, h: int) -> Interval:
    return Interval(dt.date(y, 1 if h == 1 else 7, 1), _month_end(y, 6 if h == 1 else 12), "half")


def plan_years(n: int) -> tuple[int, int]:
    """The years of the n-th five-year plan (the 1st is 1953-1957; 1963-1965 had none)."""
    start = 1953 + 5 * (n - 1) if n <= 2 else 1966 + 5 * (n - 3)
    return start, start + 4


# the fields that Resolver.interval tests, one after the other, before it reads a year alone: a new
# case there must be added here
_INTERVAL_KEYS = frozenset({"fixed_years", "plan", "decade", "fy", "fy_rel", "year_rel_period", "roc_years", "years",
                            "day_rel", "week", "today_day", "month_rel", "quarter_rel", "half_rel", "holiday", "months",
                            "nth_months", "month", "day", "days", "quarters", "quarter", "half"})


class Resolver:
    """Resolves pieces against a reference date (None: partial values, relative ones unresolved).

    `precision` says how much of the reference is known: "day", or "year" when it was inferred from
    a year alone (its month and day are a placeholder), so that 今年 and 4月3日 resolve but 今日,
    今(18)日, 本月 and a lone 18日 stay unresolved instead of taking an invented month.
    """

    def __init__(self, ref: dt.date | None, taiwan: bool = False, precision: str = "day"):
        self.ref = ref
        self.taiwan = taiwan
        self.precision = precision

    # -- years -------------------------------------------------------------------------------
    def explicit_year(self, f: dict) -> int | None:
        """The year a piece names by itself (absolute or relative); None when it names none."""
        if "year" in f:
            return f["year"]
        if "year_number" in f:
            n = f["year_number"]
            if self.taiwan and n < 200:
                return n + 1911  # ROC year
            return n
        if "yy" in f:
            if self.taiwan and f["yy"] >= ROC_TWO_DIGIT_FROM:
                return f["yy"] + 1911  # ROC year 99 = 2010
            return two_digit_year(f["yy"], self.ref.year if self.ref else None)
        if "year_rel" in f:
            if self.ref is None:
                raise Unresolved(None)
            return self.ref.year + f["year_rel"]
        return None

    def _year(self, f: dict, context_year: int | None, partial: str | None) -> int:
        try:
            y = self.explicit_year(f)
        except Unresolved:  # 今年一季度 with no reference: the quarter is still known
            raise Unresolved(partial) from None
        if y is not None:
            return y
        if context_year is not None:
            return context_year
        if self.ref is not None:
            return self.ref.year
        raise Unresolved(partial)

    def _need_ref(self) -> dt.date:
        if self.ref is None:
            raise Unresolved(None)
        return self.ref

    def _need_day_ref(self, partial: str | None = None) -> dt.date:
        """The reference for an expression counted from its month or day (今日, 本月, 上周二)."""
        if self.ref is None or self.precision != "day":
            raise Unresolved(partial)
        return self.ref

    # -- one piece ---------------------------------------------------------------------------
    def interval(self, p: Piece, context_year: int | None = None,
                 context_month: tuple[int, int] | None = None) -> Interval:
        """The dates `p` names; a partial one takes its year (and a lone day its month) from context."""
        f = p.fields
        if f.keys().isdisjoint(_INTERVAL_KEYS):  # a year alone, the commonest: none of the cases below
            return self._year_alone(f)
        if "fixed_years" in f:
            return years(*f["fixed_years"])
        if "plan" in f:
            return years(*plan_years(f["plan"]))
        if "decade" in f:
            century, n = f["decade"]
            if century in ("previous", "current"):
                base = (self._need_ref().year // 100) * 100 - (100 if century == "previous" else 0)
            else:
                base = (century - 1) * 100
            return years(base + n, base + n + 9)
        if "fy" in f:
            return years(*f["fy"])
        if "fy_rel" in f:
            ref = self._need_day_ref()
            start = (ref.year if ref.month >= 4 else ref.year - 1) + f["fy_rel"]
            return years(start, start + 1)
        if "year_rel_period" in f:
            ref = self._need_ref()
            a, b = f["year_rel_period"]
            return years(ref.year + a, ref.year + b)
        if "roc_years" in f:
            if not self.taiwan:
                raise Invalid("ROC years outside a Taiwan text")
            a, b = f["roc_years"]
            return years(a + 1911, b + 1911)
        if "years" in f:
            a, b = f["years"]
            if "month" in f:
                return months(a, 1, b, f["month"])
            return years(a, b)
        if "day_rel" in f:
            return self._one_day(self._need_day_ref() + dt.timedelta(days=f["day_rel"]))
        if "week" in f:
            ref = self._need_day_ref()
            offset, weekday = f["week"]
            monday = ref - dt.timedelta(days=ref.weekday())
            return self._one_day(monday + dt.timedelta(days=7 * offset + weekday))
        if "today_day" in f:
            ref = self._need_day_ref()
            return self._one_day(_day(ref.year, ref.month, f["today_day"]))
        if "month_rel" in f:
            ref = self._need_day_ref()
            y, m = _add_months(ref.year, ref.month, f["month_rel"])
            if "year_rel" in f:
                y = ref.year + f["year_rel"]
            return self._within_month(f, y, m)
        if "quarter_rel" in f:
            ref = self._need_day_ref()
            y, m = _add_months(ref.year, 3 * ((ref.month - 1) // 3) + 1, 3 * f["quarter_rel"])
            return quarter(y, (m - 1) // 3 + 1)
        if "half_rel" in f:
            ref = self._need_day_ref()
            y, m = _add_months(ref.year, 1 if ref.month <= 6 else 7, 6 * f["half_rel"])
            return half(y, 1 if m <= 6 else 2)
        if "holiday" in f:
            m, d = f["holiday"]
            y = self._year(f, context_year, "XXXX-%02d-%02d" % (m, d))
            return self._one_day(_day(y, m, d))
        if "months" in f:
            a, b = f["months"]
            y = self._year(f, context_year, "XXXX-%02d/XXXX-%02d" % (a, b))
            return months(y, a, y + (1 if b < a else 0), b)
        if "nth_months" in f:
            a, b = f["nth_months"]
            y = self.explicit_year(f)
            if y is None:
                raise Invalid("months without a year")
            return months(y, a, y, b)
        if "month" in f:
            partial = "XXXX-%02d" % f["month"] + ("-%02d" % f["day"] if "day" in f else "")
            y = self._year(f, context_year, partial)
            return self._within_month(f, y, f["month"])
        if "day" in f or "days" in f:
            if context_month is not None:
                return self._within_month(f, *context_month)
            ref = self._need_day_ref()
            return self._within_month(f, ref.year, ref.month)
        if "quarters" in f:
            a, b = f["quarters"]
            y = self._year(f, context_year, "XXXX-Q%d/XXXX-Q%d" % (a, b))
            return quarter(y, a, b)
        if "quarter" in f:
            y = self._year(f, context_year, "XXXX-Q%d" % f["quarter"])
            return quarter(y, f["quarter"])
        if "half" in f:
            y = self._year(f, context_year, "XXXX-H%d" % f["half"])
            return half(y, f["half"])
        return self._year_alone(f)

    def _year_alone(self, f: dict) -> Interval:
        y = self.explicit_year(f)
        if y is None:
            raise Invalid("no date fields")
        return year_interval(y)

    @staticmethod
    def _one_day(d: dt.date) -> Interval:
        return Interval(d, d, "day")

    def _within_month(self, f: dict, y: int, m: int) -> Interval:
        if not 1 <= y <= 9999:
            raise Invalid(str(y))
        if "days" in f:
            a, b = f["days"]
            return Interval(_day(y, m, a), _day(y, m, b), "day")
        if "day" in f:
            return self._one_day(_day(y, m, f["day"]))
        if "nth_weekday" in f:
            n, weekday = f["nth_weekday"]
            first = dt.date(y, m, 1)
            d = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
            if d.month != m:
                raise Invalid("no such weekday")
            return self._one_day(d)
        if "nth_days" in f:
            a, b = f["nth_days"]
            end = _month_end(y, m).day
            a, b = (a, b) if a > 0 else (end + 1 + a, end + 1 + b)
            return Interval(_day(y, m, a), _day(y, m, b), "day")
        return Interval(dt.date(y, m, 1), _month_end(y, m), "month")

    # -- ranges ------------------------------------------------------------------------------
    def range_interval(self, r: RangePiece, context_year: int | None = None) -> Interval:
        left = self.interval(r.left, context_year)
        rf = dict(r.right.fields)
        borrowed_year = False
        names_year = any(k in rf for k in ("year", "year_number", "yy", "year_rel", "day_rel", "week", "month_rel",
                                            "today_day"))
        if not names_year:
            rf["year"] = left.first.year
            borrowed_year = True
        if ("day" in rf or "days" in rf) and "month" not in rf and "month_rel" not in rf and not names_year:
            rf["month"] = left.first.month
        right_piece = Piece(r.right.start, r.right.end, r.right.tokens, rf)
        right = self.interval(right_piece, context_year)
        if right.last < left.first and borrowed_year:
            rf["year"] += 1
            right = self.interval(Piece(r.right.start, r.right.end, r.right.tokens, rf), context_year)
        if right.last < left.first:
            raise Invalid("range ends before it starts")
        return Interval(left.first, right.last, finer(left.grain, right.grain))
