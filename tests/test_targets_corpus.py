"""The targets corpus (lianhuan_extract/corpus/targets.toml) run through the whole pipeline."""
from __future__ import annotations

import math

import opencc
import pytest

import lianhuan_extract as L
from lianhuan_extract.corpus import load as load_corpus
from lianhuan_extract.text.normalise import halfwidth

CASES = load_corpus("targets")["case"]
T2S = opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The span as the corpus writes it: simplified characters, half-width punctuation."""
    return halfwidth(T2S.convert(text))


def params():
    for i, case in enumerate(CASES):
        for j, text in enumerate(case["texts"]):
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            yield pytest.param(case, text, id=f"{i:02d}-{'st'[min(j, 1)]}-{case['why'][:30]}", marks=marks)


def same_number(a, b) -> bool:
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-9)


def check(found: dict, want: dict) -> list[str]:
    problems = []
    if simplified(found["text"]) != want["span"]:
        problems.append(f"span {found['text']!r} != {want['span']!r}")
    for key in ("metric", "comparator", "unit", "year", "modality", "subject"):
        if key in want and found.get(key) != want[key]:
            problems.append(f"{key} {found.get(key)!r} != {want[key]!r}")
    for key in ("value", "min", "max"):
        if key in want and not same_number(found.get(key), want[key]):
            problems.append(f"{key} {found.get(key)!r} != {want[key]!r}")
    return problems


@pytest.mark.parametrize("case,text", list(params()))
def test_corpus(case, text):
    record = L.extract(text, ref_date=case["ref_date"])
    found = [e for e in record["entities"] if e["type"] == "target"]
    want = case.get("targets", [])
    assert [simplified(f["text"]) for f in found] == [w["span"] for w in want]
    for f, w in zip(found, want):
        assert check(f, w) == []
        assert text[f["start"]:f["end"]] == f["text"]
