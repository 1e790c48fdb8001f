"""The writers, fed by hand-made records (so that targets and people can be shown before their
extractors exist)."""
from __future__ import annotations

import csv
import io
import json
import re

from lianhuan_extract.cli.output import CsvWriter, JsonLinesWriter, JsonWriter, TableWriter

RECORD = {
    "schema": "lianhuan-extract/1", "source": "plan.txt",
    "meta": {"chars": 40, "encoding": "utf-8", "script": "simplified"},
    "entities": [
        {"type": "quantity", "text": "超过3亿元", "start": 6, "end": 11, "value": 300000000, "unit": "CNY",
         "dimension": "currency", "comparator": ">", "rule": "quantity.money"},
        {"type": "target", "text": "研发投入超过3亿元", "start": 2, "end": 11, "metric": "研发投入", "comparator": ">",
         "value": 300000000, "unit": "CNY", "year": 2024, "subject": "联环集团", "rule": "target.cue"},
        {"type": "target", "text": "完成60~80个成果转化", "start": 12, "end": 24, "metric": "成果转化",
         "comparator": "between", "min": 60, "max": 80, "unit": "个", "rule": "target.range"},
        {"type": "person", "text": "夏春来", "start": 30, "end": 33, "name": "夏春来",
         "titles": ["党委书记", "董事长"], "rule": "person.titled"},
    ],
}


def test_json_one_document_is_an_object_several_an_array():
    out = io.StringIO()
    writer = JsonWriter(out)
    writer.record(RECORD)
    writer.close()
    assert json.loads(out.getvalue()) == RECORD
    out = io.StringIO()
    writer = JsonWriter(out)
    writer.record(RECORD)
    writer.failure("bad.txt", "binary file (contains NUL bytes)")
    writer.record(dict(RECORD, source="second.txt"))
    writer.close()
    assert [r["source"] for r in json.loads(out.getvalue())] == ["plan.txt", "second.txt"]
    out = io.StringIO()
    writer = JsonWriter(out)
    writer.failure("a", "x")
    writer.failure("b", "x")
    writer.close()
    assert json.loads(out.getvalue()) == []


def test_json_on_a_terminal_is_coloured_and_still_the_record():
    out = io.StringIO()
    writer = JsonWriter(out, colour=True)
    writer.record(RECORD)
    writer.close()
    assert "\x1b[" in out.getvalue()
    assert json.loads(re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())) == RECORD


def test_jsonl_failure_is_a_record_with_an_error():
    out = io.StringIO()
    writer = JsonLinesWriter(out)
    writer.failure("bad.txt", "binary file (contains NUL bytes)")
    writer.record(RECORD)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines == [{"schema": "lianhuan-extract/1", "source": "bad.txt",
                      "error": "binary file (contains NUL bytes)", "entities": []}, RECORD]


def test_csv_cells():
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.record(RECORD)
    writer.close()
    rows = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    assert [r["type"] for r in rows] == ["quantity", "target", "target", "person"]
    assert (rows[0]["value"], rows[0]["unit"], rows[0]["comparator"]) == ("300000000", "CNY", ">")
    assert (rows[2]["min"], rows[2]["max"], rows[2]["metric"]) == ("60", "80", "成果转化")
    assert rows[3]["titles"] == "党委书记;董事长"


def test_table_shows_targets_first_then_the_other_entities():
    out = io.StringIO()
    writer = TableWriter(out, explain=True)
    writer.record(RECORD)
    writer.close()
    text = out.getvalue()
    assert text.index("targets") < text.index("研发投入") < text.index("成果转化") < text.index("\nentities")
    target_rows = [line for line in text.splitlines() if "研发投入" in line or "成果转化" in line]
    assert re.search(r"研发投入 .* > .* 300,000,000 .* CNY .* 2024 .* 联环集团 .* target\.cue", target_rows[0])
    assert re.search(r"成果转化 .* between .* 60–80 .* 个", target_rows[1])
    assert re.search(r"quantity .* 超过3亿元 .* > 300,000,000 CNY .* 6–11 .* quantity\.money", text)
    assert re.search(r"person .* 夏春来 .* 夏春来 党委书记、董事长", text)
    assert "研发投入超过3亿元" not in text  # targets are not repeated among the other entities
