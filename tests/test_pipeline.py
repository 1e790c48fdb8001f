"""The library: extract() returns the record of shared/spec/output.md and never prints or exits."""
from __future__ import annotations

import datetime as dt

import pytest

import lianhuan_extract as L
from lianhuan_extract.pipeline import prepare


def test_the_record(capsys):
    record = L.extract("電話:0514-89993100", ref_date="2024-04-03", source="x.txt", types=["contact"])
    assert record == {
        "schema": "lianhuan-extract/1",
        "source": "x.txt",
        "meta": {"chars": 16, "encoding": None, "script": "traditional", "locale": "mainland",
                 "reference_date": "2024-04-03",
                 "reference_date_origin": "given", "reference_date_precision": "day",
                 "glosses_removed": 0, "boilerplate_lines_removed": 0,
                 "punctuation_removed": 0},
        "entities": [{"type": "contact", "text": "0514-89993100", "start": 3, "end": 16, "kind": "phone",
                      "value": "0514-89993100", "rule": "contact.phone"}],
    }
    assert capsys.readouterr() == ("", "")


def test_ref_date_accepts_dates_and_refuses_nonsense():
    assert L.extract("", ref_date=dt.date(2024, 4, 3))["meta"]["reference_date"] == "2024-04-03"
    assert L.extract("", ref_date=dt.datetime(2024, 4, 3, 9))["meta"]["reference_date"] == "2024-04-03"
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        L.extract("", ref_date="2024-04-03junk")
    with pytest.raises(TypeError):
        L.extract(b"bytes")


def test_a_leading_bom_is_not_read_but_counted_in_the_offsets():
    # offsets index the string the caller passed (issue 13): the BOM is an edit, like a gloss
    record = L.extract("\ufeff電話:0514-89993100", types=["contact"])
    assert record["meta"]["chars"] == 17
    assert (record["entities"][0]["start"], record["entities"][0]["text"]) == (4, "0514-89993100")


def test_document_keeps_both_texts_and_the_map():
    doc = prepare("聯(lián)環集團電話：０５１４")
    assert isinstance(doc, L.Document)
    assert doc.original == "聯(lián)環集團電話：０５１４"
    assert doc.text == "联环集团电话:0514"
    assert doc.original_span(6, 11) == "：０５１４"


def test_unknown_types_are_refused():
    with pytest.raises(ValueError, match="unknown entity type money"):
        L.extract("", types=["contact", "money"])


def test_a_reference_known_only_to_its_year_leaves_day_relative_words_unresolved():
    # 112/113 are ROC years (2023/2024) in a Taiwan text; nothing says which day "today" is
    record = L.extract("台積電112年度營收。113年計劃擴產。董事長今(18)日表示")
    meta = record["meta"]
    assert (meta["reference_date_origin"], meta["reference_date_precision"]) == ("inferred", "year")
    today = [e for e in record["entities"] if e["type"] == "date" and e["text"] == "今(18)日"]
    assert today and today[0]["unresolved"] is True


def test_no_reference_at_all_has_no_precision():
    meta = L.extract("没有任何日期的文字")["meta"]
    assert (meta["reference_date"], meta["reference_date_origin"], meta["reference_date_precision"]) == (None, "none", None)


def test_one_entity_per_type_and_span():
    from lianhuan_extract.entity import Entity, unique
    first = Entity("org", 3, 7, {"name": "港湾控股"}, "org.declared_alias")
    again = Entity("org", 3, 7, {"name": "港湾控股"}, "org.short_name")
    other_type = Entity("person", 3, 7, {"name": "港湾控股"})
    longer = Entity("org", 3, 8, {"name": "港湾控股x"})
    assert unique([first, again, other_type, longer]) == [first, other_type, longer]
    assert unique([again, first])[0].rule == "org.short_name"


def test_the_record_holds_no_duplicate_spans():
    # a company declared with its short name (简称) is found by two org rules at the same span
    text = "港灣綜合企業控股有限公司（「港灣控股」）今日公布業績。港灣控股表示，收入增長。"
    entities = L.extract(text, ref_date="2024-04-03")["entities"]
    keys = [(e["type"], e["start"], e["end"]) for e in entities]
    assert len(keys) == len(set(keys))
    assert ("org", 14, 18) in keys
