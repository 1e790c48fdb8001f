"""Phone, fax, email and url.

Matched on characters of the normalised text (half-width, simplified), so `（0351）８９０８` and
`傳真：` look like `(0351)8908` and `传真:`. Emails and urls are recognised by their shape; a
number is a phone when it has the shape of one (groups of digits, an area code in brackets, a
country code, an extension) and nothing says otherwise (a date, a decimal, a unit right after it,
a postcode label in front). Its kind (`phone` or `fax`) comes from the nearest label before it on
the same line. `value` is the contact as the user wrote it, spaces dropped.

Word lists (labels, extension markers, top-level domains) live in data/contacts.toml.
"""
from __future__ import annotations

import functools
import re

import regex

from ..data import load
from ..entity import Context, Entity

# -- patterns -----------------------------------------------------------------------------------
# ASCII classes on purpose: \w would also match the Han character glued to a contact (中国abc@x.com)

_EMAIL = regex.compile(
    r"(?<![A-Za-z0-9._%+\-])"
    r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62})"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62})){0,8}\.[A-Za-z]{2,24}"
    r"(?![A-Za-z0-9\-])"
)

_URL_TAIL = r"[A-Za-z0-9\-._~:/?#\[\]@!$&*+;=%()]"
_URL_WITH_SCHEME = regex.compile(
    r"(?<![A-Za-z0-9])(?:https?|ftp)://[A-Za-z0-9][A-Za-z0-9\-.]{0,253}(?::\d{1,5})?"
    r"(?:[/?#]" + _URL_TAIL + r"{0,500})?",
    regex.IGNORECASE,
)
_URL_WWW = regex.compile(
    r"(?<![A-Za-z0-9\-_.@/])www\.[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,8}(?::\d{1,5})?"
    r"(?:[/?#]" + _URL_TAIL + r"{0,500})?",
    regex.IGNORECASE,
)
# a bare domain: labels, then a top-level domain that data/contacts.toml knows
_URL_BARE = regex.compile(
    r"(?<![A-Za-z0-9\-_.@/])((?:[A-Za-z0-9][A-Za-z0-9\-]{0,62}\.){1,8})([a-z]{2,12})(?![A-Za-z0-9\-@])"
    r"(?:/" + _URL_TAIL + r"{0,500})?"
)

# what every bare domain holds (its last label, a dot, then the top-level domain's first letters);
# the standard engine finds a plain dot faster than `regex` walks the text for _URL_BARE's start
_DOT_TLD = re.compile(r"\.[a-z]{2}")

# A phone candidate: groups of digits or bracketed codules ((02), (+55), ( 19 )), joined by one
# separator (space, -, ., /) or glued to a bracket, with an optional extension. A digit group
# ends where the digits end, so a long run of digits can be split one way only.
_DIGIT_GROUP = r"\d{1,15}(?!\d)"
# a number never runs over a line break (113/8/12 at a line's end and the 3 that opens the next
# are a date and an item number): only spaces and tabs separate its groups
_BLANK = r"[ \t\u3000\xa0]"
_BRACKET_GROUP = rf"\({_BLANK}?\+?\d{{1,5}}{_BLANK}?\)"
_GROUP = rf"(?:{_DIGIT_GROUP}|{_BRACKET_GROUP})"
_SEPARATOR = rf"(?:{_BLANK}?[\-./]{_BLANK}?|{_BLANK}{{1,2}})"


@functools.lru_cache(maxsize=1)
def _phone_pattern():
    markers = load("contacts")["extension"]["markers"]
    marker = "|".join(regex.escape(m) for m in sorted(markers, key=len, reverse=True))
    extension = rf"(?P<ext>{_BLANK}{{0,2}}(?:{marker}){_BLANK}{{0,2}}\d{{1,6}}(?!\d))"
    return regex.compile(
        # not inside a word, an expression, an amount or a longer number; a hyphen is a minus sign
        # (-2208960000, 1000-2000, 91a-677) unless it joins symbols (#Name#-123 456 7890); a comma
        # separates thousands (1,234,567) unless a whole number follows (021-68812753,021-68808888)
        r"(?:(?<![A-Za-z0-9_#*=+/.%$¥€£])(?<!(?:^|[\sA-Za-z0-9])-)(?<!\d,(?=\d{3}(?![\d\-\s/])))(?=[+\d])"
        r"|(?<![A-Za-z0-9_#*=+(])(?=\())"
        rf"(?:\+{_BLANK}?)?{_GROUP}(?:{_SEPARATOR}?{_GROUP}){{0,9}}{extension}?"
        # a candidate must end where the number ends: not in a word, not before more digits
        r"(?![A-Za-z0-9_]|[\-./:]\d)"
    )


_DATE_SHAPES = regex.compile(
    # 2024-04-03, 2010 01 29, and 113-05-15 in a Taiwan (ROC year) text
    r"\d{2,4}\s?[\-./\s]\s?(?:0?[1-9]|1[0-2])\s?[\-./\s]\s?(?:0?[1-9]|[12]\d|3[01])"
    r"|\d{1,2}[\-./]\d{1,2}[\-./]\d{4}"               # 16/04/2010
    r"|(?:19|20)\d\d\s?[\-/]\s?(?:19|20)\d\d"          # 2021-2025, 2009/2010
)
# a year and month inside a longer candidate: a period (1999.08-2002.02, 10/1/2018-10/7/2018)
_DATE_INSIDE = regex.compile(
    r"(?<!\d)(?:19|20)\d\d[./](?:0?[1-9]|1[0-2])(?!\d)|(?<!\d)\d{1,2}/\d{1,2}/(?:19|20)\d\d(?!\d)"
)
_DOTTED_QUAD = regex.compile(r"(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})")
# 20231231 is a date unless a label says it is a number to call
_COMPACT_DATE = regex.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
_DECIMAL = regex.compile(r"\d+\.\d+")
_MIN_DIGITS, _MAX_DIGITS = 7, 16


# -- word lists ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _labels():
    """(pattern matching any label, label -> kind)."""
    labels = load("contacts")["labels"]
    kinds = {word: kind for kind, words in labels.items() for word in words}
    words = sorted(kinds, key=len, reverse=True)
    return regex.compile("|".join(regex.escape(w) for w in words)), kinds


@functools.lru_cache(maxsize=1)
def _not_after() -> frozenset[str]:
    return frozenset(load("contacts")["not_after"]["chars"])


@functools.lru_cache(maxsize=1)
def _tlds() -> frozenset[str]:
    return frozenset(load("contacts")["url"]["tlds"])


# -- decisions ----------------------------------------------------------------------------------

_LABEL_WINDOW = 40


def label_before(text: str, start: int) -> str | None:
    """The kind named by the nearest label before `start` on the same line (None if none)."""
    pattern, kinds = _labels()
    # the line break is looked for inside the window only: a long line is not walked back for each number
    window_start = max(0, start - _LABEL_WINDOW)
    window_start = max(window_start, text.rfind("\n", window_start, start) + 1)
    last = None
    for m in pattern.finditer(text, window_start, start):
        last = m
    return kinds[last.group()] if last else None


def _looks_like_phone(core: str) -> bool:
    digits = sum(c.isdigit() for c in core)
    if not _MIN_DIGITS <= digits <= _MAX_DIGITS:
        return False
    if _DATE_SHAPES.fullmatch(core) or _DATE_INSIDE.search(core) or _DECIMAL.fullmatch(core):
        return False
    quad = _DOTTED_QUAD.fullmatch(core)
    if quad and all(int(part) <= 255 for part in quad.groups()):  # an IP address
        return False
    return True


def _round_number(core: str) -> bool:
    """3000000: a plain run of digits ending in four zeros is an amount, not a number to call."""
    return core.isdigit() and core.endswith("0000")


def _followed_by_unit(text: str, end: int) -> bool:
    following = text[end:end + 2].lstrip(" ")
    return bool(following) and following[0] in _not_after()


def _trim_url(text: str, start: int, end: int) -> int:
    """Drop punctuation that ends the sentence rather than the address, and an unmatched `)`."""
    while end > start:
        last = text[end - 1]
        if last in ".,;:!?]" or (last == ")" and text.count("(", start, end) < text.count(")", start, end)):
            end -= 1
        else:
            break
    return end


def _is_time_of_day(labels: str, tld: str) -> bool:
    """`7.am` is a time, `27.pm` or `s7.am` a domain."""
    first = labels.rstrip(".")
    return tld in ("am", "pm") and first.isdigit() and int(first) <= 12


# Every phone the checks pass has 7 digits or more in its number, each at most 8 characters from
# the next (a closing bracket, a separator, an opening bracket and a sign between two groups), and
# those characters are blanks, separators, brackets or '+'. A stretch of text without such a run
# of digits holds no phone, and most texts have a handful: the candidate pattern, which stops at
# every digit, runs only over the stretches around them.
_SEVEN_DIGITS = regex.compile(r"\d(?:[ \t\u3000\xa0\-./()+]{0,8}+\d){6}")


@functools.lru_cache(maxsize=1)
def _stretch_patterns():
    """(forward, backward) runs of the characters a phone candidate can hold: digits, blanks,
    separators, brackets, '+' and the characters of the extension markers."""
    markers = "".join(sorted(set("".join(load("contacts")["extension"]["markers"]))))
    chars = r"\d \t\u3000\xa0\-./()+" + "".join("\\" + c if c in "\\]^-[" else c for c in markers)
    return regex.compile(rf"[{chars}]*"), regex.compile(rf"(?r)[{chars}]*")


def _phone_candidates(text: str):
    """The matches of the candidate pattern over the whole text that can hold a phone: those in
    the stretches (runs of the characters a candidate can hold) with seven close digits. No
    candidate runs over a stretch's end, so one read from a stretch's start (and a few characters
    past its end, for the look-aheads) is the same as the read of the whole text there."""
    pattern = _phone_pattern()
    sevens = [m.span() for m in _SEVEN_DIGITS.finditer(text)]
    if len(sevens) * _DENSE > len(text):
        # a text dense with long numbers (a table of codes): one read of it all costs less than a
        # read of each stretch, and gives the same candidates
        yield from pattern.finditer(text)
        return
    forward, backward = _stretch_patterns()
    done = 0  # the end of the last stretch read
    for seven_start, seven_end in sevens:
        if seven_start < done:
            continue  # in the stretch just read
        start = backward.match(text, done, seven_start).start()
        end = forward.match(text, seven_end).end()
        # the pattern's look-aheads read at most 4 characters past a candidate's start or 2 past
        # its end: the read stops a few characters past the stretch, not at the end of the text
        for m in pattern.finditer(text, start, min(len(text), end + _LOOK_AHEAD)):
            if m.start() >= end:
                break
            yield m
        done = end


_LOOK_AHEAD = 8
_DENSE = 64  # characters a run of seven close digits: more runs than one in so many, read it all


def _phone_spans(text: str):
    """Spans of the phone candidates that pass the checks; numbers listed with only a space
    between them (13604779660 13604770960) are taken one by one."""
    for m in _phone_candidates(text):
        start, end = m.span()
        if end - start < _MIN_DIGITS:  # too short to hold enough digits, even as a list
            continue
        if _followed_by_unit(text, end):
            continue
        core = text[start:m.start("ext")] if m.group("ext") else m.group()
        if _looks_like_phone(core):
            yield start, end
        elif sum(c.isdigit() for c in core) > _MAX_DIGITS and not m.group("ext"):
            pieces = [p for p in regex.finditer(r"\S+", core)]
            if all(_looks_like_phone(p.group()) for p in pieces):
                for p in pieces:
                    yield start + p.start(), start + p.end()


# -- extraction ---------------------------------------------------------------------------------

def _entity(ctx: Context, start: int, end: int, kind: str, rule: str) -> Entity:
    value = "".join(ctx.doc.original_span(start, end).split())
    return Entity("contact", start, end, {"kind": kind, "value": value}, rule)


def extract(ctx: Context) -> list[Entity]:
    text = ctx.text
    found: list[Entity] = []
    # a flag for each position a contact found so far covers (every contact has characters): a
    # candidate is looked up over its own span, not against every contact before it
    taken = bytearray(len(text) + 1)

    def free(start: int, end: int) -> bool:
        return taken.find(1, start, end) < 0

    def add(entity: Entity) -> None:
        found.append(entity)
        taken[entity.start:entity.end] = b"\x01" * (entity.end - entity.start)

    for m in _EMAIL.finditer(text):
        add(_entity(ctx, m.start(), m.end(), "email", "contact.email"))

    for pattern, rule in ((_URL_WITH_SCHEME, "contact.url"), (_URL_WWW, "contact.url.www"),
                          (_URL_BARE, "contact.url.domain")):
        if pattern is _URL_BARE and not _DOT_TLD.search(text):
            continue  # a bare domain ends with a dot and two lowercase letters: most texts have none
        for m in pattern.finditer(text):
            if pattern is _URL_BARE:
                if m.group(2) not in _tlds() or _is_time_of_day(m.group(1), m.group(2)):
                    continue
            end = _trim_url(text, m.start(), m.end())
            if free(m.start(), end):
                add(_entity(ctx, m.start(), end, "url", rule))

    for start, end in _phone_spans(text):
        if not free(start, end):
            continue
        label = label_before(text, start)
        if label == "not_phone":
            continue
        if label not in ("phone", "fax") and (_COMPACT_DATE.fullmatch(text, start, end)
                                             or _round_number(text[start:end])):
            continue
        kind = "fax" if label == "fax" else "phone"
        add(_entity(ctx, start, end, kind, f"contact.{kind}" + ("" if label in ("phone", "fax") else ".unlabelled")))
    return sorted(found, key=lambda e: e.start)
