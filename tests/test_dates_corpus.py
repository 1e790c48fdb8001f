"""corpus/dates.toml is the dates extractor's test suite (Duckling style): every example is read
against the corpus's one fixed reference date and must give exactly one date covering it."""

import pytest

from lianhuan_extract import extract
from lianhuan_extract.corpus import load as load_corpus


def _corpus() -> dict:
    return load_corpus("dates")


CORPUS = _corpus()
REF = CORPUS["reference_date"]


def _cases(kind):
    for entry in CORPUS.get(kind, []):
        marks = [pytest.mark.xfail(reason=entry["reason"], strict=True)] if entry.get("xfail") else []
        for text in entry["texts"]:
            yield pytest.param(text, entry, marks=marks, id=text + entry.get("suffix", ""))


def _dates(text):
    return [e for e in extract(text, ref_date=REF, types=["date"])["entities"] if e["type"] == "date"]


@pytest.mark.parametrize("text,entry", list(_cases("date")))
def test_date(text, entry):
    found = _dates(text + entry.get("suffix", ""))
    assert len(found) == 1, found
    e = found[0]
    span = entry.get("span", text)
    assert (e["start"], e["end"], e["text"]) == (text.index(span), text.index(span) + len(span), span)
    assert (e["value"], e["grain"]) == (entry["value"], entry["grain"])
    assert "unresolved" not in e
    assert e["rule"].startswith("date.")


@pytest.mark.parametrize("text,entry", list(_cases("negative")))
def test_not_a_date(text, entry):
    assert _dates(text) == []
