"""The organizations corpus (lianhuan_extract/corpus/orgs.toml), one test per example text."""
from __future__ import annotations


import pytest

import lianhuan_extract as L
from lianhuan_extract.corpus import load as load_corpus


def _corpus() -> dict:
    return load_corpus("orgs")


def _cases(kind: str):
    for i, case in enumerate(_corpus().get(kind, [])):
        for text in case["texts"]:
            marks = [pytest.mark.xfail(strict=True, reason=case["reason"])] if case.get("xfail") else []
            yield pytest.param(case, text, id=f"{kind}{i}-{case['rule']}-{text[:12]}", marks=marks)


def orgs_of(text: str) -> list[dict]:
    record = L.extract(text, types=["org"])
    return [e for e in record["entities"] if e["type"] == "org"]


@pytest.mark.parametrize("case,text", list(_cases("example")))
def test_example(case, text):
    found = orgs_of(text)
    assert {e["name"] for e in found} == set(case["orgs"])
    for name, aliases in case.get("aliases", {}).items():
        mine = {a for e in found if e["name"] == name for a in e["aliases"]}
        assert set(aliases) <= mine


@pytest.mark.parametrize("case,text", list(_cases("negative")))
def test_negative(case, text):
    assert {e["name"] for e in orgs_of(text)} == set(case["orgs"])


def test_corpus_covers_every_rule_with_both_scripts():
    corpus = _corpus()
    rules = {c["rule"] for c in corpus["example"] if not c.get("xfail")}
    assert {"org.company", "org.short_name", "org.declared_alias", "org.listed_short_name", "org.institution",
            "org.government", "org.central", "org.agency", "org.place_body", "org.bare_body",
            "org.stock_short_name"} <= rules
    assert {c["rule"] for c in corpus["negative"]} == rules
    # each text in simplified and in traditional characters
    assert all(len(c["texts"]) == 2 for c in corpus["example"] + corpus["negative"] if not c.get("xfail"))
