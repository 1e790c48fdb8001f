"""The people corpus (lianhuan_extract/corpus/people.toml), one test per example text."""
from __future__ import annotations


import pytest

import lianhuan_extract as L
from lianhuan_extract.corpus import load as load_corpus


def _corpus() -> dict:
    return load_corpus("people")


def _cases(kind: str):
    for i, case in enumerate(_corpus().get(kind, [])):
        for text in case["texts"]:
            marks = [pytest.mark.xfail(strict=True, reason=case["reason"])] if case.get("xfail") else []
            yield pytest.param(case, text, id=f"{kind}{i}-{case['rule']}-{text[:12]}", marks=marks)


def people_of(text: str) -> dict[str, list[str]]:
    record = L.extract(text, types=["person"])
    out: dict[str, list[str]] = {}
    for e in record["entities"]:
        if e["type"] == "person":
            assert out.get(e["name"], e["titles"]) == e["titles"]  # every mention carries the same titles
            out[e["name"]] = e["titles"]
    return out


@pytest.mark.parametrize("case,text", list(_cases("example")) + list(_cases("negative")))
def test_case(case, text):
    assert people_of(text) == {p["name"]: p["titles"] for p in case["people"]}


def test_corpus_covers_every_rule_with_both_scripts():
    corpus = _corpus()
    assert {c["rule"] for c in corpus["example"] if not c.get("xfail")} == {
        "person.title_before", "person.title_after", "person.label", "person.repeated", "person.byline",
        "person.list", "person.role", "person.signature"}
    assert {c["rule"] for c in corpus["negative"]} >= {"person.title_before", "person.title_after", "person.label",
                                                       "person.byline", "person.list", "person.role", "person.signature"}
    assert all(len(c["texts"]) == 2 for c in corpus["example"] + corpus["negative"] if not c.get("xfail"))
