"""corpus/numbers.toml is parse_number's test suite: every surface form gives its value exactly."""

import pytest

from lianhuan_extract import parse_number
from lianhuan_extract.corpus import load as load_corpus


def _corpus() -> dict:
    return load_corpus("numbers")


def _cases():
    for entry in _corpus()["number"]:
        marks = [pytest.mark.xfail(reason=entry["reason"], strict=True)] if entry.get("xfail") else []
        for text in entry["texts"]:
            yield pytest.param(text, entry["value"], marks=marks, id=text)


def _negatives():
    for entry in _corpus()["not_a_number"]:
        for text in entry["texts"]:
            yield pytest.param(text, id=text or "<empty>")


@pytest.mark.parametrize("text,value", list(_cases()))
def test_surface_form_gives_value(text, value):
    got = parse_number(text)
    assert got == value
    if isinstance(value, int):
        assert isinstance(got, int), "whole numbers stay int"


@pytest.mark.parametrize("text", list(_negatives()))
def test_not_a_number_raises(text):
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text)
