"""Every text we ship or are scored on, through the whole pipeline."""
from __future__ import annotations

import regex
import pytest

from conftest import corpus_files
from lianhuan_extract import extract
from lianhuan_extract.text.clean import boilerplate_edits, gloss_edits
from lianhuan_extract.text.decode import decode
from lianhuan_extract.text.document import Document
from lianhuan_extract.pipeline import prepare

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# written independently of clean.py: a bracket after a Han character holding lowercase latin
# letters (and spaces) with at least one tone mark
GLOSS_ORACLE = regex.compile(rf"(?<=\p{{Han}})[(（][a-zü{TONED} ]*[{TONED}][a-zü{TONED} ]*[)）]")

FILES = corpus_files()


def read(path):
    return decode(path.read_bytes())[0]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_entity_points_into_the_original(path):
    original = read(path)
    record = extract(original, ref_date="2024-04-03", source=str(path))
    assert record["meta"]["chars"] == len(original)
    for entity in record["entities"]:
        assert original[entity["start"]:entity["end"]] == entity["text"], entity


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_cleaning_removes_all_glosses_and_nothing_else(path):
    original = read(path)
    doc = Document(original=original)
    doc.apply("boilerplate", boilerplate_edits(doc.text))
    expected = [m.span() for m in GLOSS_ORACLE.finditer(doc.text)]
    assert [(e.start, e.end) for e in gloss_edits(doc.text)] == expected
    prepared = prepare(original)
    assert not GLOSS_ORACLE.search(prepared.text)
    assert prepared.counts["glosses"] == len(expected)


def test_the_samples_have_glosses_to_remove():
    # guards the test above against passing on texts without any gloss
    assert sum(len(GLOSS_ORACLE.findall(read(p))) for p in FILES) > 300
