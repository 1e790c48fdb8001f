"""The gazetteer lookups find the longest name at a position, as a search over every length does."""
from __future__ import annotations

from conftest import corpus_files
from lianhuan_extract.extractors.orgs.places import longest_name, place_ending_at, place_starting_at, places


def _longest(text: str, positions: range, min_len: int, ending: bool) -> str | None:
    for length in range(longest_name(), min_len - 1, -1):
        start, end = (positions.stop - length, positions.stop) if ending else (positions.start, positions.start + length)
        if start >= 0 and end <= len(text) and text[start:end] in places():
            return text[start:end]
    return None


def test_longest_names_at_every_position_of_the_texts():
    text = "".join(path.read_text(encoding="utf-8") for path in corpus_files()[:30])
    found = 0
    for pos in range(len(text) + 1):
        for min_len in (2, 3):
            ending = place_ending_at(text, pos, min_len)
            assert ending == _longest(text, range(0, pos), min_len, ending=True), pos
            starting = place_starting_at(text, pos, min_len)
            assert starting == _longest(text, range(pos, len(text)), min_len, ending=False), pos
            found += ending is not None
    assert found > 20


def test_a_county_inside_a_city_name_gives_the_city():
    assert place_ending_at("江苏省扬州市邗江区", 6) == "扬州市"
    assert place_starting_at("扬州市邗江区", 0) == "扬州市"
