"""The library API: files and bytes read as the command reads them, Extractor, types, percentages,
type hints and the examples in the docstrings."""
from __future__ import annotations

import doctest
import inspect
import json
import tomllib
import typing

import pytest

import lianhuan_extract
from conftest import DEV_TEXTS, ROOT, SAMPLES, SHARED, jsonl, run_module
from lianhuan_extract import DecodeError, Extractor, extract, extract_bytes, extract_file, parse_number

FOLDERS = {"samples": SAMPLES, "dev": DEV_TEXTS, "dev2": SHARED / "eval" / "dev2" / "texts"}


@pytest.mark.parametrize("name", list(FOLDERS))
def test_extract_file_equals_the_commands_record_for_every_file(cli, name):
    folder = FOLDERS[name]
    files = sorted(folder.glob("*.txt"))
    assert files, folder
    code, out, err = cli("-f", "jsonl", "-j", "1", "-q", str(folder))
    assert (code, err) == (0, "")
    by_source = {r["source"]: r for r in jsonl(out)}
    assert len(by_source) == len(files)
    extractor = Extractor()
    for source, record in by_source.items():
        assert extractor.extract_file(source) == record, source
        assert extract_file(source) == record, source


def test_extract_file_equals_a_real_run_of_the_command_on_one_file():
    path = "samples/lianhuan-2024.txt"
    proc = run_module("-f", "json", path, "--ref-date", "2024-04-03")
    assert proc.returncode == 0, proc.stderr
    printed = json.loads(proc.stdout)
    assert printed["source"] == path
    assert Extractor(ref_date="2024-04-03").extract_file(ROOT / path, source=path) == printed


def test_extract_file_with_a_lexicon_equals_the_command_with_it(cli):
    lexicon = str(SAMPLES / "lexicon.toml")
    path = str(SAMPLES / "qinghe-2025.txt")
    code, out, err = cli("-f", "json", "--lexicon", lexicon, path)
    assert (code, err) == (0, "")
    assert Extractor(lexicon=lexicon).extract_file(path) == json.loads(out)


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"])
def test_bytes_in_any_encoding_the_command_reads_give_the_same_entities(tmp_path, codec):
    text = "聯環集團確保新獲藥品批件不少於20個，聯繫電話0514-89993100。"
    data = text.encode(codec)
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    from_bytes = extract_bytes(data, source=str(path))
    from_file = extract_file(path)
    assert from_bytes == from_file
    assert from_bytes["meta"]["encoding"] == {"utf-8-sig": "utf-8"}.get(codec, codec)
    assert from_bytes["entities"] == extract(text, source=str(path))["entities"]
    assert from_bytes["meta"]["chars"] == len(text)  # a BOM is not a character of the text


def test_a_forced_encoding_and_undecodable_bytes():
    data = "營收3億元".encode("big5")
    assert extract_bytes(data, "big5")["meta"]["encoding"] == "big5"
    with pytest.raises(DecodeError, match=r"^cannot decode as utf-8: byte 0$"):
        extract_bytes(data, "utf-8")
    with pytest.raises(DecodeError, match=r"^binary file \(contains NUL bytes\)$"):
        Extractor().extract_bytes(b"\x00\x01abc")
    with pytest.raises(TypeError, match="data must be bytes, not str"):
        extract_bytes("營收3億元")


def test_a_missing_file_raises_oserror(tmp_path):
    with pytest.raises(FileNotFoundError):
        extract_file(tmp_path / "none.txt")


TEXT = "江苏联环药业集团有限公司4月3日发布公告，确保2024年营收超过3亿元。"


@pytest.mark.parametrize("types,expected", [
    ("date", ["date", "date"]),
    ("date,org", ["org", "date", "date"]),
    (" org , date ", ["org", "date", "date"]),
    (["org"], ["org"]),
    (("quantity", "target"), ["target", "quantity"]),
    (iter(["org"]), ["org"]),
    ("", ["org", "date", "date", "target", "quantity"]),
    (None, ["org", "date", "date", "target", "quantity"]),
])
def test_types_take_a_string_or_an_iterable(types, expected):
    got = [e["type"] for e in extract(TEXT, ref_date="2024-04-03", types=types)["entities"]]
    assert got == expected
    if not isinstance(types, typing.Iterator):
        assert [e["type"] for e in Extractor(types=types, ref_date="2024-04-03").extract(TEXT)["entities"]] == expected


def test_an_unknown_type_is_named_in_the_error():
    message = "unknown entity type dates (known: quantity, range, date, org, person, contact, target)"
    with pytest.raises(ValueError, match=rf"^{inspect.cleandoc(message).replace('(', '[(]').replace(')', '[)]')}$"):
        extract(TEXT, types="dates,org")
    with pytest.raises(ValueError, match="^unknown entity type dates"):
        Extractor(types=["dates"])
    with pytest.raises(TypeError, match="entity types are strings, got int"):
        Extractor(types=[3])


def test_the_extractors_reference_date_is_a_default_a_call_may_override():
    ex = Extractor(ref_date="2024-04-03", types="date")
    assert [e["value"] for e in ex.extract("4月3日上午")["entities"]] == ["2024-04-03"]
    assert [e["value"] for e in ex.extract("4月3日上午", ref_date="2023-01-01")["entities"]] == ["2023-04-03"]
    assert ex.extract("4月3日上午")["meta"]["reference_date_origin"] == "given"
    with pytest.raises(ValueError, match="reference date must be YYYY-MM-DD, got '3 April'"):
        Extractor(ref_date="3 April")


# -- parse_number and extract agree on percentages ------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("百分之七十八点九", 78.9), ("百分之七十八點九", 78.9), ("78.9%", 78.9), ("78.9％", 78.9),
    ("百分之十五", 15), ("15%", 15), ("百分之一百二十", 120),
])
def test_parse_number_reads_a_percentage_as_extract_reports_it(text, value):
    assert parse_number(text) == value
    [entity] = extract(text, types="quantity")["entities"]
    assert (entity["value"], entity["unit"], entity["text"]) == (value, "%", text)


def test_a_fraction_stays_a_fraction():
    assert parse_number("一百分之十五") == 0.15
    assert parse_number("三分之一") == 1 / 3
    assert parse_number("千分之五") == 0.005


# -- the public surface ---------------------------------------------------------------------------

def test_all_names_the_public_api_and_each_exists():
    assert set(lianhuan_extract.__all__) >= {"extract", "extract_file", "extract_bytes", "Extractor", "Lexicon",
                                             "LexiconError", "parse_number", "DecodeError"}
    for name in lianhuan_extract.__all__:
        assert hasattr(lianhuan_extract, name), name
    assert issubclass(lianhuan_extract.LexiconError, ValueError)
    assert issubclass(lianhuan_extract.DecodeError, ValueError)


def _public_callables():
    L = lianhuan_extract
    yield from [("extract", L.extract), ("extract_file", L.extract_file), ("extract_bytes", L.extract_bytes),
                ("parse_number", L.parse_number), ("decode_bytes", L.decode_bytes), ("read_file", L.read_file)]
    for cls, methods in ((L.Extractor, ("__init__", "extract", "extract_file", "extract_bytes")),
                         (L.Lexicon, ("load", "from_dict", "coerce", "merge")),
                         (L.LexiconError, ("__init__",))):
        for method in methods:
            yield f"{cls.__name__}.{method}", getattr(cls, method)


@pytest.mark.parametrize("name,function", list(_public_callables()), ids=lambda v: v if isinstance(v, str) else "")
def test_the_public_api_is_typed_and_documented(name, function):
    hints = typing.get_type_hints(function)
    parameters = [p for p in inspect.signature(function).parameters if p not in ("self", "cls")]
    assert set(parameters) <= set(hints), f"{name}: no type hint for {set(parameters) - set(hints)}"
    assert "return" in hints, name
    doc = function.__doc__ if not name.endswith("__init__") else getattr(lianhuan_extract, name.split(".")[0]).__doc__
    assert ">>> " in (doc or ""), f"{name} has no example"


def test_the_package_is_marked_typed():
    assert (ROOT / "lianhuan_extract" / "py.typed").exists()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in pyproject["tool"]["setuptools"]["package-data"]["lianhuan_extract"]


@pytest.mark.parametrize("module", ["lianhuan_extract", "lianhuan_extract.api", "lianhuan_extract.numbers",
                                    "lianhuan_extract.extractors.lexicon"])
def test_the_docstring_examples_run(module):
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 3, module
    assert result.failed == 0, module
