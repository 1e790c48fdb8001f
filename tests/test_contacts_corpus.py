"""The contacts corpus (lianhuan_extract/corpus/contacts.toml) is the contacts extractor's test."""
from __future__ import annotations


import pytest

from lianhuan_extract import extract
from lianhuan_extract.corpus import load as load_corpus

CORPUS = load_corpus("contacts")


def _cases():
    for example in CORPUS["examples"]:
        values = example.get("values") or [example["value"]] * len(example["texts"])
        assert len(values) == len(example["texts"])
        for text, value in zip(example["texts"], values):
            marks = [pytest.mark.xfail(reason=example["xfail"], strict=True)] if "xfail" in example else []
            yield pytest.param(text, example["kind"], value, example.get("pick"), marks=marks, id=text)


@pytest.mark.parametrize("text, kind, value, pick", list(_cases()))
def test_example(text, kind, value, pick):
    contacts = [e for e in extract(text, types=["contact"])["entities"]]
    if pick:  # texts that hold other contacts too: the one of this kind
        contacts = [e for e in contacts if e["kind"] == pick]
    assert [(e["kind"], e["value"]) for e in contacts] == [(kind, value)]
    assert text[contacts[0]["start"]:contacts[0]["end"]] == contacts[0]["text"]


@pytest.mark.parametrize("text", CORPUS["negatives"]["texts"])
def test_negative(text):
    assert extract(text, types=["contact"])["entities"] == []
