"""One number written in Arabic, Chinese or mixed form -> int or float.

`parse_number` reads raw user input (traditional or simplified, full- or half-width) and raises
ValueError on anything that is not exactly one number. The extractors use `parse_number_exact`,
which returns a `Fraction` so magnitudes fold without float artefacts (1.4万亿 is exactly
1400000000000).

The grammar, in short: an integer part made of sections (digits and the units 十百千, each unit
at most once per section and in decreasing order) joined by stacking magnitudes (万 亿 兆, so
万亿 = 10^12); a Chinese digit right after a unit is the next lower place (三万五 = 35000,
一百二 = 120); a run of bare digits is read digit by digit (一七二零 = 1720). On top of it:
a sign, a decimal part after 点 or '.', fractions (三分之一, 3/5), mixed numbers (三又三分之一),
scientific notation, letter multipliers (15k, 30w) and counted sets (一打 = 12).
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

import regex

from .data import load
from .text.normalise import halfwidth

_ARABIC = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_SCIENTIFIC = regex.compile(r"(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d{1,4}")
_MIXED_ARABIC_FRACTION = regex.compile(r"(-?)\s*(\d+)\s+(\d+)\s*/\s*(\d+)")
_WHITESPACE = regex.compile(r"\s+")


class _Tables:
    def __init__(self) -> None:
        data = load("numbers")
        self.fold = data["fold"]
        self.expand = data["expand"]
        self.digits = data["digits"]
        self.small_units = data["small_units"]
        self.big_units = data["big_units"]
        self.letter_multipliers = data["letter_multipliers"]
        self.set_multipliers = data["set_multipliers"]
        words = data["words"]
        self.negative = tuple(words["negative"])
        self.point = tuple(words["point"])
        self.half = words["half"]
        self.vague_digit = set(words["vague_digit"])
        self.vague_more = set(words["vague_more"])
        self.mixed = words["mixed"]
        self.fraction_of = tuple(words["fraction_of"])
        self.fold_table = str.maketrans(self.fold)


@functools.lru_cache(maxsize=1)
def tables() -> _Tables:
    return _Tables()


def normalise_number_text(text: str) -> str:
    """Half-width, simplified numeral characters, tens shorthands expanded (廿 -> 二十)."""
    t = tables()
    text = halfwidth(text).translate(t.fold_table)
    for short, long in t.expand.items():
        text = text.replace(short, long)
    return text


def to_python_number(value: Fraction) -> int | float:
    """An int when whole, else the float nearest to the exact value."""
    numerator, denominator = value.as_integer_ratio()
    # what int() and float() compute, without their generic dispatch (thousands of calls a text)
    return numerator if denominator == 1 else numerator / denominator


def parse_number(text: str) -> int | float:
    """One number written in Arabic, Chinese or mixed form -> int or float. Raises ValueError.

    A percentage gives its number of percent, as `extract` reports it (value 78.9, unit %):
    百分之X, X% and X％ all read as X. Any other fraction is its value (三分之一 = 1/3, and
    一百分之十五, a fraction with a numerator written before 百, = 0.15); so are 千分之 and
    万分之, which the output contract has no unit for (千分之五 = 0.005).

    >>> parse_number("1,482萬8仟")
    14828000
    >>> parse_number("百分之七十八点九"), parse_number("78.9%"), parse_number("一百分之十五")
    (78.9, 78.9, 0.15)
    >>> parse_number("七十八点九个百分点")
    Traceback (most recent call last):
    ...
    ValueError: not a number: '七十八点九个百分点'
    """
    return to_python_number(parse_number_exact(text))


# Most numbers of a text are written in ASCII digits, perhaps with thousands commas, a decimal part
# and 万 or 亿: read those directly (a microsecond) rather than through the general reader (20 µs)
_PLAIN = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?(万亿|万|亿)?")
_PLAIN_MAGNITUDE = {None: 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}


def parse_number_exact(text: str) -> Fraction:
    """Like parse_number (percentages included: 百分之十五 is 15), as an exact Fraction."""
    if not isinstance(text, str):
        raise ValueError(f"not a number: {text!r}")
    if len(text) == 1:
        # one numeral character (一, 三, 亿, 5) is most Chinese numbers of a text: read from a table
        # made from this same reader, so it answers exactly as the general path would
        single = (_single_numerals or _make_single_numerals()).get(text)
        if single is not None:
            return single
    plain = read_plain_number(text)
    if plain is not None:
        return plain[0]
    if (_canonical_chinese or _make_canonical_chinese()).fullmatch(text) and len(text) <= 400:
        # only digits and units (三百二十六亿, 十四, 9亿8,650万, 500余万): nothing to fold, strip or
        # split off, so the general reader would come down to reading the tokens
        try:
            return _integer(_tokens(text))
        except (ValueError, ZeroDivisionError, InvalidOperation):
            raise ValueError(f"not a number: {text!r}") from None
    return _parse_general(text)


_canonical_chinese: re.Pattern | None = None


def _make_canonical_chinese() -> re.Pattern:
    """A run of the digit, unit and approximation characters (and ASCII digits, commas and
    decimal points) that no step of the general reader before the tokens changes or reads
    (folded, expanded, a sign, 点, a fraction word, a counted set, a percent sign)."""
    global _canonical_chinese
    t = tables()
    chars = set(t.digits) | set(t.small_units) | set(t.big_units) | t.vague_digit | t.vague_more \
        | set("0123456789,.")
    words = [*t.fold, *t.expand, *t.negative, *t.point, t.half, t.mixed, *t.fraction_of,
             *t.set_multipliers, *t.letter_multipliers]
    chars -= {c for w in words for c in w} | set("%/+-eE")
    for w in _PERCENT_WORDS:  # 百分之 cannot be read where 分 (a fraction word) is not there
        if set(w) <= chars:
            chars -= set(w)
    chars = {c for c in chars if len(c) == 1 and not c.isspace() and halfwidth(c) == c}
    _canonical_chinese = re.compile("[" + re.escape("".join(sorted(chars))) + "]+")
    return _canonical_chinese


def read_plain_number(text: str) -> tuple[Fraction, bool] | None:
    """(value, whether 万, 亿 or 万亿 ends it) of Arabic digits with perhaps thousands commas, a
    decimal part and 万, 亿 or 万亿 (15, 5.5, 10亿, 1,200万); None for anything else or for more
    than 400 characters. The forms without commas, most amounts, are read with str methods, the
    pattern `_PLAIN` is left to the commas."""
    if len(text) > 400:
        return None
    last = text[-1:]
    if last == "亿":
        body, magnitude = (text[:-2], 10**12) if text.endswith("万亿") else (text[:-1], 10**8)
    elif last == "万":
        body, magnitude = text[:-1], 10**4
    else:
        body, magnitude = text, 1
    whole, dot, decimals = body.partition(".")
    if whole.isascii() and whole.isdigit() and (not dot or decimals.isascii() and decimals.isdigit()):
        if dot:
            return Fraction(int(whole + decimals) * magnitude, 10 ** len(decimals)), magnitude != 1
        return Fraction(int(whole) * magnitude), magnitude != 1
    plain = _PLAIN.fullmatch(text)
    if plain is None:
        return None
    whole, decimals, suffix = plain.groups()
    if decimals is None:  # a whole number: no gcd to take
        return Fraction(int(whole.replace(",", "")) * _PLAIN_MAGNITUDE[suffix]), suffix is not None
    digits = whole.replace(",", "") + decimals
    return Fraction(int(digits) * _PLAIN_MAGNITUDE[suffix], 10 ** len(decimals)), suffix is not None


_single_numerals: dict[str, Fraction] | None = None


def _make_single_numerals() -> dict[str, Fraction]:
    """Every character the numeral tables know, read once by the general reader (those it
    refuses are left out, so they still raise there)."""
    global _single_numerals
    t = tables()
    chars = set(t.fold) | set(t.expand) | set(t.digits) | set(t.small_units) | set(t.big_units) \
        | t.vague_digit | t.vague_more | set("0123456789")
    table = {}
    for c in chars:
        if len(c) != 1:
            continue
        try:
            table[c] = _parse_general(c)
        except ValueError:
            pass
    _single_numerals = table
    return table


def _parse_general(text: str) -> Fraction:
    if len(text) > 400:
        raise ValueError("not a number: too long")
    s = normalise_number_text(text).strip()
    m = _MIXED_ARABIC_FRACTION.fullmatch(s)
    if m:  # "4 6/3": a whole number, a space, a fraction
        sign = -1 if m.group(1) else 1
        denominator = int(m.group(4))
        if denominator == 0:
            raise ValueError(f"not a number: {text!r}")
        return sign * (int(m.group(2)) + Fraction(int(m.group(3)), denominator))
    s = _WHITESPACE.sub("", s)
    try:
        return _signed(_percent_body(s))
    except (ValueError, ZeroDivisionError, InvalidOperation):
        raise ValueError(f"not a number: {text!r}") from None


_PERCENT_WORDS = ("百分之", "佰分之")


def _percent_body(s: str) -> str:
    """The number of percent in 百分之七十八点九, 负百分之三, 78.9% (sign kept); other text as it is."""
    if s.endswith("%"):
        body = s[:-1]
    else:
        sign, rest = _strip_sign(s)
        if not rest.startswith(_PERCENT_WORDS):
            return s
        body = ("-" if sign < 0 else "") + rest[3:]
    if not body or "%" in body or body.lstrip("-").startswith(_PERCENT_WORDS):
        raise ValueError("not a percentage")
    return body


def _strip_sign(s: str) -> tuple[int, str]:
    t = tables()
    for sign in t.negative:
        if s.startswith(sign):
            return -1, s[len(sign):]
    if s.startswith("+"):
        return 1, s[1:]
    return 1, s


def _signed(s: str) -> Fraction:
    t = tables()
    sign, s = _strip_sign(s)
    if not s:
        raise ValueError("empty")
    if t.mixed in s:
        whole, _, part = s.partition(t.mixed)
        return sign * (_unsigned(whole) + _fraction(part, required=True))
    return sign * _fraction(s, required=False)


def _fraction(s: str, required: bool) -> Fraction:
    """'三分之一', '3/5', '十份十一', or (unless `required`) a plain number."""
    t = tables()
    if "/" in s:
        top, _, bottom = s.partition("/")
        return _signed_plain(top) / _signed_plain(bottom)
    for word in t.fraction_of:
        if word in s:
            bottom, _, top = s.partition(word)
            if not bottom or not top:
                raise ValueError("incomplete fraction")
            return _signed_plain(top) / _signed_plain(bottom)
    if required:
        raise ValueError("not a fraction")
    return _unsigned(s)


def _signed_plain(s: str) -> Fraction:
    sign, s = _strip_sign(s)
    return sign * _unsigned(s)


def _unsigned(s: str) -> Fraction:
    t = tables()
    if not s:
        raise ValueError("empty")
    if _SCIENTIFIC.fullmatch(s):
        return Fraction(Decimal(s))
    # counted sets: 一打, 五对, 零个
    last = s[-1]
    if last in t.set_multipliers and len(s) > 1:
        return t.set_multipliers[last] * _unsigned(s[:-1])
    # letter multipliers after Arabic digits: 15k, 1.2M
    if last in t.letter_multipliers and len(s) > 1 and (s[-2].isdigit()):
        return t.letter_multipliers[last] * _unsigned(s[:-1])
    if s in (t.half, "一" + t.half):
        return Fraction(1, 2)
    if s.startswith(t.half) and len(s) == 2 and (s[1] in t.small_units or s[1] in t.big_units):
        unit = t.small_units.get(s[1]) or t.big_units[s[1]]
        return Fraction(unit, 2)
    points = [p for p in t.point if p in s]
    if points:
        whole, _, decimals = s.partition(points[0])
        if not whole or not decimals or any(p in decimals for p in t.point):
            raise ValueError("misplaced point")
        return _with_decimals(_integer(_tokens(whole)), decimals)
    return _integer(_tokens(s))


def _with_decimals(whole: Fraction, decimals: str) -> Fraction:
    """Digits after 点, read one by one, then optional magnitudes (三点五亿)."""
    t = tables()
    i, digits = 0, []
    while i < len(decimals):
        c = decimals[i]
        if c in t.digits:
            digits.append(str(t.digits[c]))
            i += 1
        elif c.isdigit():
            digits.append(c)
            i += 1
        else:
            break
    if not digits:
        raise ValueError("no digits after the point")
    value = whole + Fraction(int("".join(digits)), 10 ** len(digits))
    for c in decimals[i:]:
        if c in t.big_units:
            value *= t.big_units[c]
        elif c in t.small_units:
            value *= t.small_units[c]
        else:
            raise ValueError(f"unexpected {c!r} after the decimals")
    return value


def _tokens(s: str) -> list[tuple[str, object]]:
    """(kind, value) pieces: arabic, digit, zero, small, big, vague_digit, vague_more."""
    t = tables()
    out: list[tuple[str, object]] = []
    i = 0
    while i < len(s):
        c = s[i]
        if c.isdigit() or c == ".":
            m = _ARABIC.match(s, i)
            if not m or not m.group().replace(".", "").replace(",", "").isascii():
                raise ValueError("bad digits")
            raw = m.group().replace(",", "")
            decimal = "." in raw
            # a whole number stays an int for _integer's sums (ASCII digits only, checked above)
            out.append(("arabic", Fraction(Decimal(raw)) if decimal else int(raw), decimal))
            i = m.end()
            continue
        if c in t.digits:
            out.append(("zero" if t.digits[c] == 0 else "digit", t.digits[c], False))
        elif c in t.small_units:
            out.append(("small", t.small_units[c], False))
        elif c in t.big_units:
            out.append(("big", t.big_units[c], False))
        elif c in t.vague_digit:
            out.append(("vague_digit", 0, False))
        elif c in t.vague_more:
            out.append(("vague_more", 0, False))
        else:
            raise ValueError(f"unexpected {c!r}")
        i += 1
    if not out:
        raise ValueError("empty")
    return out


def _integer(tokens: list[tuple[str, object, bool]]) -> Fraction:
    kinds = [k for k, _, _ in tokens]
    # a run of bare Chinese digits is read digit by digit: 一七二零 = 1720, 一一 = 11
    if len(tokens) > 1 and all(k in ("digit", "zero") for k in kinds):
        return Fraction(int("".join(str(v) for _, v, _ in tokens)))
    # the sums run on ints (Fractions only where an Arabic decimal brings one): each Fraction
    # operation costs a microsecond, and the result is made a Fraction once at the end
    pushed: list[tuple[int | Fraction, int]] = []  # (value, magnitude) of finished sections
    section: int | Fraction = 0
    digit: int | Fraction | None = None
    digit_is_chinese = False
    digit_after: str | None = None  # kind of the token right before the pending digit
    last_small: int | None = None
    last_big: int | None = None
    decimal_scaled = False  # a decimal Arabic number has met a unit: nothing but units may follow
    decimal_pending = False
    prev: str | None = None
    for i, (kind, value, is_decimal) in enumerate(tokens):
        if decimal_scaled and kind not in ("small", "big", "vague_more"):
            raise ValueError("digits after a scaled decimal (10.1万零100)")
        if kind in ("arabic", "digit", "vague_digit"):
            if digit is not None:
                raise ValueError("two numbers in a row")
            digit = value
            digit_is_chinese = kind == "digit"
            digit_after = prev
            decimal_pending = bool(is_decimal)
        elif kind == "zero":
            if digit is not None:
                raise ValueError("zero after a digit")
        elif kind == "vague_more":
            nxt = kinds[i + 1] if i + 1 < len(kinds) else None
            if nxt not in ("small", "big") or prev is None:
                raise ValueError("余/多 must stand between a number and its unit")
        elif kind == "small":
            if last_small is not None and value >= last_small:
                raise ValueError("units out of order (十一十二)")
            if digit is None:
                nxt = kinds[i + 1] if i + 1 < len(kinds) else None
                if prev is None and value > 10 and nxt == "small":
                    raise ValueError("bare 百/千 followed by a unit (百十一)")
                d = 1
            else:
                d = digit
            if decimal_pending:
                decimal_scaled = True
            section += d * value
            last_small = value
            digit = None
            decimal_pending = False
        elif kind == "big":
            if digit is not None:
                if digit_is_chinese and digit_after == "small" and last_small and last_small >= 100:
                    section += Fraction(digit * last_small, 10)  # 百二万 = 120万
                else:
                    section += digit
            if decimal_pending:
                decimal_scaled = True
            if section == 0 and not pushed and prev is None:
                section = 1  # a bare magnitude: 万 = 10000, 萬九 = 19000
            acc, magnitude = section, value
            while pushed and pushed[-1][1] <= value:
                v, m = pushed.pop()
                acc += v
                magnitude = value * m
            pushed.append((acc * value, magnitude))
            section = 0
            digit = None
            last_small = None
            last_big = value
            decimal_pending = False
        prev = kind
    if digit is not None:
        if digit_is_chinese and digit_after == "small" and last_small:
            section += Fraction(digit * last_small, 10)  # 三千五 = 3500, 一百二 = 120
        elif digit_is_chinese and digit_after == "big" and last_big:
            section += Fraction(digit * last_big, 10)  # 三万五 = 35000
        else:
            section += digit
    return Fraction(sum(v for v, _ in pushed) + section)
