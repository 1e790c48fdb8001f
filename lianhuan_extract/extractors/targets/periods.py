"""Time for the targets extractor: which dates are already past, and which past years are only the
base a goal is measured from (`较2020年下降13.5%`, `在2023年基础上增长10%`)."""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from ...entity import Entity
from .context import words

# the values are the dates extractor's ISO strings: `re` reads them faster than `regex`
_ISO = re.compile(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])))?")


def period_end(value: str) -> dt.date | None:
    """The last day of an ISO date, month, quarter, half, year or period (`2024-01/2024-06`)."""
    m = _ISO.fullmatch(value.split("/")[-1])
    if not m:
        return None
    year = int(m.group(1))
    if m.group(3):
        month, day = int(m.group(2)), int(m.group(3))
    else:
        month = _last_month(m)
        if month is None:
            return None
        day = calendar.monthrange(year, month)[1]
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def is_past(date: Entity, ref_date: dt.date | None) -> bool:
    """A date whose period ended before the reference date: what it speaks of is a result."""
    if ref_date is None:
        return False
    return ends_before(str(date.fields.get("value", "")), ref_date)


def ends_before(value: str, ref_date: dt.date) -> bool:
    """`period_end(value) < ref_date` (False when it has no end). A month, quarter, half or year
    is compared by its year and last month: its last day is past the reference date's day in the
    same month, so the calendar is asked only of a value with a day (test_targets_fast_paths)."""
    m = _ISO.fullmatch(value.split("/")[-1])
    if not m:
        return False
    year = int(m.group(1))
    if m.group(3) or year < dt.MINYEAR:
        end = period_end(value)
        return end is not None and end < ref_date
    month = _last_month(m)
    return month is not None and (year, month) < (ref_date.year, ref_date.month)


def _last_month(m: re.Match) -> int | None:
    """The last month of the month, quarter, half or year an `_ISO` match with no day names; None
    for a month out of range."""
    if m.group(2):
        month = int(m.group(2))
    elif m.group(4):
        month = 3 * int(m.group(4))
    elif m.group(5):
        month = 6 * int(m.group(5))
    else:
        month = 12
    return month if 1 <= month <= 12 else None


def is_base(text: str, start: int, end: int) -> bool:
    """A past year named as the base of a comparison (`较2020年下降`, `在2023年基础上`)."""
    before_words, after_words = _base_words()
    return text[max(0, start - 2):start].endswith(before_words) or text[end:end + 4].startswith(after_words)


@functools.lru_cache(maxsize=1)
def _base_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    cue_words = words()["cues"]
    return tuple(cue_words["past_base_before"]), tuple(cue_words["past_base_after"])


def base_phrase(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole phrase around a base year: 较2020年, 在2023年基础上."""
    cue_words = words()["cues"]
    for w in sorted([*cue_words["past_base_before"], "在"], key=len, reverse=True):
        if text.startswith(w, start - len(w)):
            start -= len(w)
            break
    for w in sorted(cue_words["past_base_after"], key=len, reverse=True):
        if w != "比" and text.startswith(w, end):
            end += len(w)
            break
    return start, end
