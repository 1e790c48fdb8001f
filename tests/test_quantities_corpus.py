"""corpus/quantities.toml is the quantities extractor's test suite (Duckling style)."""

import pytest

from lianhuan_extract import extract
from lianhuan_extract.corpus import load as load_corpus


def _corpus() -> dict:
    return load_corpus("quantities")


def _cases(kind):
    for entry in _corpus().get(kind, []):
        marks = [pytest.mark.xfail(reason=entry["reason"], strict=True)] if entry.get("xfail") else []
        for text in entry["texts"]:
            yield pytest.param(text, entry, marks=marks, id=text)


def _found(text):
    return [e for e in extract(text, types=["quantity", "range"])["entities"] if e["type"] in ("quantity", "range")]


@pytest.mark.parametrize("text,entry", list(_cases("quantity")))
def test_quantity(text, entry):
    found = _found(text)
    assert len(found) == 1, found
    e = found[0]
    assert (e["type"], e["start"], e["end"]) == ("quantity", 0, len(text))
    assert e["value"] == pytest.approx(entry["value"], rel=1e-9)
    assert (e["unit"], e["comparator"]) == (entry["unit"], entry["comparator"])
    assert e["rule"].startswith("quantity.")


@pytest.mark.parametrize("text,entry", list(_cases("range")))
def test_range(text, entry):
    found = _found(text)
    assert len(found) == 1, found
    e = found[0]
    assert (e["type"], e["start"], e["end"]) == ("range", 0, len(text))
    assert (e["min"], e["max"], e["unit"], e["comparator"]) == (entry["min"], entry["max"], entry["unit"], "between")
    assert e["rule"].startswith("range.")


@pytest.mark.parametrize("text,entry", list(_cases("negative")))
def test_not_a_quantity(text, entry):
    assert _found(text) == []


def _in_context():
    for entry in _corpus().get("in_context", []):
        marks = [pytest.mark.xfail(reason=entry["reason"], strict=True)] if entry.get("xfail") else []
        assert len(entry["texts"]) == len(entry["spans"])
        for text, span in zip(entry["texts"], entry["spans"]):
            yield pytest.param(text, span, entry, marks=marks, id=text)


@pytest.mark.parametrize("text,span,entry", list(_in_context()))
def test_in_context(text, span, entry):
    record = extract(text)
    if "locale" in entry:
        assert record["meta"]["locale"] == entry["locale"]
    kind = "range" if "min" in entry else "quantity"
    found = [e for e in record["entities"] if e["type"] == kind and e["text"] == span]
    assert len(found) == 1, record["entities"]
    e = found[0]
    assert text[e["start"]:e["end"]] == span
    if kind == "range":
        assert (e["min"], e["max"], e["unit"]) == (entry["min"], entry["max"], entry["unit"])
    else:
        assert e["value"] == pytest.approx(entry["value"], rel=1e-9)
        assert (e["unit"], e["comparator"]) == (entry["unit"], entry["comparator"])
