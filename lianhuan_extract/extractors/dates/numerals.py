"""The small numbers that dates are written with: days, months, years, in Arabic or Chinese digits.

Kept apart from the general number parser because dates need two readings it does not give:
a year spelled digit by digit (`二〇二四` = 2024, `九七` = 97) and a two-digit year label that
takes its century from the reference year (`98年` seen from 1997 is 1998, `33年` seen from 2021
is 1933).
"""
from __future__ import annotations

DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3,
          "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# characters that may spell a number in a date
CN_DIGIT_CLASS = "〇○零Oo一二两三四五六七八九"
CN_NUMBER_CLASS = CN_DIGIT_CLASS + "十廿卅百千"


def small_number(text: str) -> int | None:
    """'15', '十五', '二十八', '廿三', '卅一', '七' -> int; None when it is not such a number (< 1000)."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if text[0] == "廿":
        rest = small_number(text[1:]) if len(text) > 1 else 0
        return None if rest is None or rest > 9 else 20 + rest
    if text[0] == "卅":
        rest = small_number(text[1:]) if len(text) > 1 else 0
        return None if rest is None or rest > 9 else 30 + rest
    total, current = 0, None
    for ch in text:
        if ch in DIGITS:
            if current is not None:
                return None  # two digits in a row: not a plain count (use year_digits)
            current = DIGITS[ch]
        elif ch == "十":
            total += (current if current is not None else 1) * 10
            current = None
        elif ch == "百":
            if current is None:
                return None
            total += current * 100
            current = None
        else:
            return None
    return total + (current or 0)


def year_digits(text: str) -> int | None:
    """A year written digit by digit or as a number: '二〇二四' 2024, '九七' 97, '两千零四' 2004, '2024'."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "千" in text:
        head, _, tail = text.partition("千")
        thousands = DIGITS.get(head) if len(head) == 1 else None
        if not thousands:
            return None
        tail = tail.lstrip("零〇○")
        rest = small_number(tail) if tail else 0
        return None if rest is None else thousands * 1000 + rest
    if all(ch in DIGITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    return None


def two_digit_year(yy: int, ref_year: int | None) -> int:
    """Century for a two-digit year label: the year in (ref - 90, ref + 10], else the nearer one."""
    if ref_year is None:
        return 2000 + yy if yy <= 30 else 1900 + yy
    candidates = [century + yy for century in (1900, 2000, 2100)]
    inside = [c for c in candidates if ref_year - 90 < c <= ref_year + 10]
    if inside:
        return inside[0]
    return min(candidates, key=lambda c: abs(c - ref_year))
