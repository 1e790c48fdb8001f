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
def _edges() -> tuple[frozenset, frozenset]:
    """The first two and the last two characters of every name: most positions of a text start
    and end none, and one set lookup tells so before the lookups of every length."""
    names = [k for k in places() if len(k) >= 2]
    return frozenset(k[:2] for k in names), frozenset(k[-2:] for k in names)


def place_ending_at(text: str, end: int, min_len: int = 2) -> str | None:
    """The longest gazetteer name that ends at `end` (江苏省, 扬州, 香港), or None."""
    if min_len >= 2 and text[max(end - 2, 0):end] not in _edges()[1]:
        return None
    table = places()
    for length in range(min(longest_name(), end), min_len - 1, -1):
        word = text[end - length:end]
        if word in table:
            return word
    return None


def place_starting_at(text: str, start: int, min_len: int = 2) -> str | None:
    """The longest gazetteer name that starts at `start`, or None."""
    if min_len >= 2 and text[start:start + 2] not in _edges()[0]:
        return None
    table = places()
    for length in range(min(longest_name(), len(text) - start), min_len - 1, -1):
        word = text[start:start + length]
        if word in table:
            return word
    return None
