"""The gazetteer of administrative divisions (data/places.txt, built by tools/build_places.py)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

LEVEL_CHAR = {"province": "省", "city": "市", "county": "县"}


@dataclass(frozen=True)
class Place:
    name: str      # 扬州市
    short: str     # 扬州
    level: str     # province, city, county
    parent: str    # 江苏省


@functools.lru_cache(maxsize=1)
def places() -> dict[str, list[Place]]:
    """Every full and short name -> the divisions it names (a short name may name several)."""
    text = resources.files("lianhuan_extract.data").joinpath("places.txt").read_text("utf-8")
    table: dict[str, list[Place]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, short, level, parent = (line.split("\t") + ["", "", "", ""])[:4]
        place = Place(name, short, level, parent)
        for key in {name, short}:
            table.setdefault(key, []).append(place)
    return table


@functools.lru_cache(maxsize=1)
def longest_name() -> int:
    return max(len(k) for k in places())


@functools.lru_cache(maxsize=1)
def _edges() -> tuple[dict, dict]:
    """The lengths of the names (longest first) by their first two and by their last two
    characters: most positions of a text start and end none, and one lookup tells so; the others
    need only the lengths some name there has."""
    starting: dict[str, set] = {}
    ending: dict[str, set] = {}
    for name in places():
        if len(name) >= 2:
            starting.setdefault(name[:2], set()).add(len(name))
            ending.setdefault(name[-2:], set()).add(len(name))
    return ({k: sorted(v, reverse=True) for k, v in starting.items()},
            {k: sorted(v, reverse=True) for k, v in ending.items()})


# (the table and its edges, as `places` and `_edges` give them, kept at the first lookup: the
# rules ask these two functions tens of times a document)
_TABLES: list = []


def _tables() -> list:
    if not _TABLES:
        _TABLES[:] = [places(), *_edges()]
    return _TABLES


def place_ending_at(text: str, end: int, min_len: int = 2) -> str | None:
    """The longest gazetteer name that ends at `end` (江苏省, 扬州, 香港), or None."""
    table, _, ending = _TABLES or _tables()
    if min_len < 2:
        lengths = range(min(longest_name(), end), min_len - 1, -1)
    else:
        lengths = ending.get(text[end - 2:end] if end >= 2 else text[:end], ())
    for length in lengths:
        if min_len <= length <= end and text[end - length:end] in table:
            return text[end - length:end]
    return None


def place_starting_at(text: str, start: int, min_len: int = 2) -> str | None:
    """The longest gazetteer name that starts at `start`, or None."""
    table, starting, _ = _TABLES or _tables()
    if min_len < 2:
        lengths = range(min(longest_name(), len(text) - start), min_len - 1, -1)
    else:
        lengths = starting.get(text[start:start + 2], ())
    for length in lengths:
        if min_len <= length <= len(text) - start and text[start:start + length] in table:
            return text[start:start + length]
    return None
