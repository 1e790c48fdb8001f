"""Output shapes users rely on: JSON object or array by input kind, CSV columns, the record's schema."""
from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from conftest import SAMPLES, SHARED, run_module
from lianhuan_extract.cli.output import CSV_COLUMNS
from lianhuan_extract.schema import load as load_schema

TEXT = "联系人:周敏\n电话:0513-85098736\n"


@pytest.fixture
def two(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "b.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


# -- the JSON shape depends on the kind of input, never on how many documents it held -------------

def test_json_of_one_file_is_an_object(cli, two):
    code, out, _ = cli(str(two / "d" / "a.txt"), "--types", "contact")
    assert code == 0
    assert isinstance(json.loads(out), dict)


def test_json_of_stdin_is_an_object(cli):
    code, out, _ = cli("-", "--types", "contact", input=TEXT.encode())
    assert code == 0
    assert json.loads(out)["source"] == "<stdin>"


def test_json_of_a_folder_of_one_file_is_an_array(cli, two):
    code, out, _ = cli(str(two / "one"), "--types", "contact")
    assert code == 0
    assert [r["source"] for r in json.loads(out)] == [str(two / "one" / "b.txt")]


def test_json_of_two_paths_is_an_array(cli, two):
    code, out, _ = cli(str(two / "d" / "a.txt"), str(two / "one" / "b.txt"), "--types", "contact")
    assert code == 0
    assert [r["source"] for r in json.loads(out)] == [str(two / "d" / "a.txt"), str(two / "one" / "b.txt")]


def test_json_of_a_json_lines_input_is_an_array(cli, tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "only", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, _ = cli(str(path), "--input-format", "jsonl", "--types", "contact")
    assert code == 0
    assert [r["source"] for r in json.loads(out)] == ["only"]


# -- CSV carries every field of the contract, in the documented order -----------------------------

def test_csv_columns_are_the_documented_ones():
    assert CSV_COLUMNS == ("source", "type", "start", "end", "text", "value", "unit", "dimension", "comparator",
                           "min", "max", "grain", "unresolved", "kind", "name", "aliases", "titles", "org",
                           "metric", "year", "subject", "modality", "rule")


def test_csv_keeps_a_persons_org_and_an_orgs_aliases(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("4月3日,扬州市政府召开会议。江苏联环药业集团有限公司董事长夏春来出席。联环集团表示。", encoding="utf-8")
    code, out, _ = cli(str(path), "--format", "csv", "--types", "org,person")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out[1:])))
    person = next(r for r in rows if r["type"] == "person")
    assert (person["name"], person["titles"], person["org"]) == ("夏春来", "董事长", "江苏联环药业集团有限公司")
    company = next(r for r in rows if r["type"] == "org" and r["name"] == "江苏联环药业集团有限公司")
    assert company["aliases"] == "联环集团"


def test_csv_writes_unresolved_dates(cli):
    code, out, _ = cli("-", "--format", "csv", "--types", "date", input="今日,本月出口成长。".encode())
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out[1:])))
    assert rows and all(r["unresolved"] == "true" for r in rows)


# -- the record's JSON Schema --------------------------------------------------------------------

def test_schema_option_prints_the_shipped_schema(cli):
    code, out, _ = cli("--schema")
    assert code == 0
    assert json.loads(out) == load_schema()
    jsonschema.Draft202012Validator.check_schema(json.loads(out))


def _records(folder) -> list[dict]:
    done = run_module("-q", "-f", "jsonl", str(folder))
    assert done.returncode == 0, done.stderr.decode()
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


@pytest.mark.parametrize("folder", [SAMPLES, SHARED / "eval" / "dev" / "texts", SHARED / "eval" / "dev2" / "texts"],
                         ids=["samples", "dev", "dev2"])
def test_every_record_validates_against_the_schema(folder):
    validator = jsonschema.Draft202012Validator(load_schema())
    records = _records(folder)
    assert len(records) == len(list(folder.glob("*.txt")))
    for record in records:
        problems = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(record)]
        assert problems == [], record["source"]


def test_the_schema_refuses_a_record_that_breaks_the_contract():
    validator = jsonschema.Draft202012Validator(load_schema())
    good = {"schema": "lianhuan-extract/1", "source": "x.txt",
            "meta": {"chars": 5, "encoding": "utf-8", "script": "simplified", "reference_date": None,
                     "reference_date_origin": "none"},
            "entities": [{"type": "quantity", "text": "3亿元", "start": 0, "end": 3, "value": 300000000,
                          "unit": "CNY", "dimension": "currency", "comparator": ">"}]}
    assert list(validator.iter_errors(good)) == []
    no_unit = json.loads(json.dumps(good))
    del no_unit["entities"][0]["unit"]
    bad_comparator = json.loads(json.dumps(good))
    bad_comparator["entities"][0]["comparator"] = "≥"
    target_without_amount = json.loads(json.dumps(good))
    target_without_amount["entities"][0] = {"type": "target", "text": "x", "start": 0, "end": 1, "metric": "m",
                                            "comparator": "=", "unit": ""}
    error_with_entities = {"schema": "lianhuan-extract/1", "source": "x", "error": "cannot read",
                           "entities": good["entities"]}
    for bad in (no_unit, bad_comparator, target_without_amount, error_with_entities):
        assert list(validator.iter_errors(bad)) != []
    assert list(validator.iter_errors({"schema": "lianhuan-extract/1", "source": "x", "error": "cannot read",
                                       "entities": []})) == []
