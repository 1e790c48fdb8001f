"""The user lexicon (--lexicon FILE, Extractor(lexicon=...)): loading, errors, and what each section does."""
from __future__ import annotations

import pickle
import time

import pytest

from conftest import ROOT, jsonl
from lianhuan_extract import Extractor, Lexicon, LexiconError, extract

SAMPLE_LEXICON = ROOT / "samples" / "lexicon.toml"


def finds(record: dict, *types: str) -> list[tuple]:
    """(type, text, start, end, the fields that say what it is) of each entity of `types`."""
    out = []
    for e in record["entities"]:
        if types and e["type"] not in types:
            continue
        if e["type"] == "org":
            what = (e["name"], tuple(e["aliases"]))
        elif e["type"] == "person":
            what = (e["name"], tuple(e["titles"]), e.get("org"))
        elif e["type"] == "quantity":
            what = (e["value"], e["unit"], e["dimension"], e["comparator"])
        elif e["type"] == "range":
            what = (e["min"], e["max"], e["unit"], e["dimension"])
        elif e["type"] == "target":
            what = (e["metric"], e["comparator"], e.get("value"), e["unit"])
        else:
            what = (e.get("value"),)
        out.append((e["type"], e["text"], e["start"], e["end"], *what, e["rule"]))
    return out


# -- loading -------------------------------------------------------------------------------------

def test_the_sample_lexicon_loads_normalised_to_simplified():
    lex = Lexicon.load(SAMPLE_LEXICON)
    assert lex.orgs == {"青禾谷仓农业科技有限公司": ("青禾谷仓", "青禾")}
    assert lex.people == {"莫问": ("首席科学家",)}
    # 車皮 is written in traditional characters in the file
    assert {s: tuple(u) for s, u in lex.units.items()} == {"标箱": ("TEU", "count"), "车皮": ("wagon", "count")}
    assert lex.cues == {"plan": ("攻坚目标", "军令状"), "result": ("已兑现",)}
    assert lex.ignore == {"orgs": frozenset({"大型企业集团"}), "people": frozenset()}
    assert lex.sources == (str(SAMPLE_LEXICON),)


def test_entries_in_traditional_are_stored_simplified_and_full_width_made_half_width():
    lex = Lexicon.from_dict({"orgs": {"聯環藥業集團有限公司": ["聯環集團", "聯環集團"]},
                             "people": {"夏春來": ["董事長"]},
                             "units": {"ＴＥＵ箱": {"code": "TEU"}}})
    assert lex.orgs == {"联环药业集团有限公司": ("联环集团",)}  # the repeated alias once
    assert lex.people == {"夏春来": ("董事长",)}
    assert tuple(lex.units["TEU箱"]) == ("TEU", "count")  # dimension defaults to count


def test_several_lexicons_merge_in_order():
    first = {"orgs": {"青禾谷仓农业科技有限公司": ["青禾谷仓"]},
             "units": {"标箱": {"code": "TEU", "dimension": "count"}}, "ignore": {"orgs": ["甲"]}}
    second = {"orgs": {"青禾穀倉農業科技有限公司": ["青禾"]},
              "units": {"标箱": {"code": "FEU", "dimension": "count"}}, "ignore": {"orgs": ["乙"]}}
    lex = Lexicon.coerce([first, second])
    assert lex.orgs == {"青禾谷仓农业科技有限公司": ("青禾谷仓", "青禾")}
    assert tuple(lex.units["标箱"]) == ("FEU", "count")  # the later file's unit
    assert lex.ignore["orgs"] == frozenset({"甲", "乙"})
    assert lex.sources == ("<dict>", "<dict>")


def test_coerce_takes_none_a_lexicon_a_path_and_a_list_of_paths(tmp_path):
    assert Lexicon.coerce(None) is None
    lex = Lexicon.load(SAMPLE_LEXICON)
    assert Lexicon.coerce(lex) is lex
    assert Lexicon.coerce(str(SAMPLE_LEXICON)) == lex
    other = tmp_path / "more.toml"
    other.write_text('[people]\n"莫問" = ["院長"]\n', encoding="utf-8")
    both = Lexicon.coerce([SAMPLE_LEXICON, other])
    assert both.people == {"莫问": ("首席科学家", "院长")}
    with pytest.raises(TypeError, match="not int"):
        Lexicon.coerce(3)


def test_a_lexicon_pickles_as_its_entries_and_works_after():
    lex = Lexicon.load(SAMPLE_LEXICON)
    extract("青禾", lexicon=lex)  # compiles its patterns
    state = pickle.dumps(lex)
    assert b"_compiled_cache" not in state
    again = pickle.loads(state)
    assert again == lex
    record = extract("青禾谷仓发运300车皮", lexicon=again, types="org,quantity")
    assert finds(record) == [
        ("org", "青禾谷仓", 0, 4, "青禾谷仓农业科技有限公司", ("青禾谷仓", "青禾"), "org.lexicon"),
        ("quantity", "300车皮", 6, 11, 300, "wagon", "count", "=", "quantity.lexicon"),
    ]


# -- errors --------------------------------------------------------------------------------------

def _bad(tmp_path, text: str) -> LexiconError:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        Lexicon.load(path)
    assert isinstance(info.value, ValueError)
    assert info.value.path == str(path)
    return info.value


@pytest.mark.parametrize("text,line,reason", [
    ('[orgs]\n"青禾" = ["青"]\n\n[peple]\n"莫问" = []\n', 4,
     "unknown section [peple] (known: orgs, people, units, targets, ignore)"),
    ('[orgs]\n"甲公司" = []\n"青禾" = "青"\n', 3,
     '[orgs] "青禾": the aliases must be a list of strings, got a string'),
    ('[people]\n"莫问" = ["首席科学家", 3]\n', 2,
     '[people] "莫问": the titles must be a list of strings, got a list holding a number'),
    ('[orgs]\n"青禾" = ["青禾谷仓"\n', 2, "TOML syntax: Unclosed array"),  # at the end: the last line
    ('[orgs]\n"青禾" = ["a"] x\n', 2, "TOML syntax: Expected newline or end of document after a statement"),
    ('[units]\n"箱" = { code = "BOX" }\n"标箱" = { code = "TEU", dimension = "boxes" }\n', 3,
     '[units] "标箱": dimension \'boxes\' is not one of currency, percent, area, length, mass, energy, '
     'power, volume, duration, count, none'),
    ('[units]\n"标箱" = "TEU"\n', 2,
     '[units] "标箱" must be a table { code = "...", dimension = "..." }, got a string'),
    ('[units]\n"标箱" = { dimension = "count" }\n', 2, '[units] "标箱": code must be a non-empty string, got nothing'),
    ('[units]\n"标箱" = { code = "TEU", size = 2 }\n', 2, '[units] "标箱": unknown field size (known: code, dimension)'),
    ('[targets]\nplan = ["攻坚目标"]\nfact = ["已兑现"]\n', 3, "[targets] unknown key \"fact\" (known: plan, result)"),
    ('[ignore]\norgs = "大型企业集团"\n', 2, '[ignore] "orgs": the names must be a list of strings, got a string'),
    ('orgs = 3\n', 1, "[orgs] must be a table, got a number"),
    ('[orgs]\n"" = []\n', 2, "[orgs]: an empty name"),
])
def test_a_bad_lexicon_names_the_line_and_why(tmp_path, text, line, reason):
    error = _bad(tmp_path, text)
    assert (error.line, error.reason) == (line, reason)
    assert str(error) == f"{tmp_path / 'bad.toml'}: line {line}: {reason}"


def test_a_lexicon_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "gbk.toml"
    path.write_bytes('[orgs]\n"青禾" = []\n'.encode("gbk"))
    with pytest.raises(LexiconError) as info:
        Lexicon.load(path)
    assert str(info.value) == f"{path}: line 2: not UTF-8 text (TOML is UTF-8)"


def test_a_missing_lexicon_file_says_so(tmp_path):
    with pytest.raises(LexiconError) as info:
        Lexicon.load(tmp_path / "none.toml")
    assert str(info.value) == f"{tmp_path / 'none.toml'}: cannot read: No such file or directory"


def test_a_bad_dict_has_no_line():
    with pytest.raises(LexiconError) as info:
        Extractor(lexicon={"people": {"莫问": "首席科学家"}})
    assert str(info.value) == '<dict>: [people] "莫问": the titles must be a list of strings, got a string'
    assert info.value.line is None


# -- orgs ----------------------------------------------------------------------------------------

QINGHE = {"orgs": {"青禾谷仓农业科技有限公司": ["青禾谷仓", "青禾"]}}


@pytest.mark.parametrize("lexicon", [QINGHE, {"orgs": {"青禾穀倉農業科技有限公司": ["青禾穀倉", "青禾"]}}],
                         ids=["simplified entry", "traditional entry"])
@pytest.mark.parametrize("text", ["青禾谷仓农业科技有限公司宣布，青禾谷仓将扩建，青禾员工增至300人。",
                                  "青禾穀倉農業科技有限公司宣布，青禾穀倉將擴建，青禾員工增至300人。"],
                         ids=["simplified text", "traditional text"])
def test_org_entries_are_found_in_either_script(lexicon, text):
    record = extract(text, lexicon=lexicon, types="org")
    full = ("青禾谷仓农业科技有限公司", ("青禾谷仓", "青禾"), "org.lexicon")
    assert finds(record) == [("org", text[0:12], 0, 12, *full),
                             ("org", text[15:19], 15, 19, *full),
                             ("org", text[23:25], 23, 25, *full)]


def test_an_org_entry_wins_over_the_rules_reading_of_the_same_characters():
    text = "青禾谷仓科技集团有限公司今日发布公告。"
    assert finds(extract(text, types="org")) == [
        ("org", "青禾谷仓科技集团有限公司", 0, 12, "青禾谷仓科技集团有限公司", (), "org.company")]
    record = extract(text, lexicon={"orgs": {"青禾谷仓科技": ["青禾"]}}, types="org")
    assert finds(record) == [("org", "青禾谷仓科技", 0, 6, "青禾谷仓科技", ("青禾",), "org.lexicon")]


def test_an_org_the_rules_name_like_an_entry_takes_the_entrys_name():
    # the rules find the full name and link 联环集团 to it; the user lists the full name as an alias
    text = "江苏联环药业集团有限公司发布公告，联环集团2024年营收增长。"
    assert finds(extract(text, types="org")) == [
        ("org", "江苏联环药业集团有限公司", 0, 12, "江苏联环药业集团有限公司", ("联环集团",), "org.company"),
        ("org", "联环集团", 17, 21, "江苏联环药业集团有限公司", ("联环集团",), "org.short_name")]
    record = extract(text, lexicon={"orgs": {"联环药业": ["江苏联环药业集团有限公司"]}}, types="org")
    aliases = ("江苏联环药业集团有限公司", "联环集团")  # the entry's, then the one the rules linked
    assert finds(record) == [
        ("org", "江苏联环药业集团有限公司", 0, 12, "联环药业", aliases, "org.lexicon"),
        ("org", "联环集团", 17, 21, "联环药业", aliases, "org.short_name")]


def test_ignored_orgs_are_dropped_before_people_and_targets_read_them():
    text = "星海科技集团董事长王刚表示，集团将力争营收突破10亿元。"
    plain = extract(text, ref_date="2024-01-01")
    assert [(e["type"], e["text"], e.get("org"), e.get("subject")) for e in plain["entities"]
            if e["type"] in ("org", "person", "target")] == [
        ("org", "星海科技集团", None, None), ("person", "王刚", "星海科技集团", None),
        ("target", "营收突破10亿元", None, "星海科技集团")]
    ignored = extract(text, ref_date="2024-01-01", lexicon={"ignore": {"orgs": ["星海科技集團"]}})
    assert [e["type"] for e in ignored["entities"]] == ["person", "target", "quantity"]
    assert all(e.get("org") != "星海科技集团" and e.get("subject") != "星海科技集团" for e in ignored["entities"])


# -- people --------------------------------------------------------------------------------------

@pytest.mark.parametrize("entry", ["莫问", "莫問"])
@pytest.mark.parametrize("text", ["首席科学家莫问表示，莫问团队将扩大。", "首席科學家莫問表示，莫問團隊將擴大。"])
def test_people_entries_are_found_in_either_script_with_their_titles(entry, text):
    record = extract(text, lexicon={"people": {entry: ["首席科學家"]}}, types="person")
    assert finds(record) == [
        ("person", text[5:7], 5, 7, "莫问", ("首席科学家",), None, "person.lexicon"),
        ("person", text[10:12], 10, 12, "莫问", ("首席科学家",), None, "person.lexicon"),
    ]


def test_a_person_entry_keeps_the_titles_and_org_the_rules_found():
    text = "青禾谷仓农业科技有限公司董事长莫问出席。"
    record = extract(text, lexicon={"people": {"莫问": ["首席科学家"]}}, types="person")
    assert finds(record) == [("person", "莫问", 15, 17, "莫问", ("首席科学家", "董事长"),
                              "青禾谷仓农业科技有限公司", "person.lexicon")]


def test_a_person_entry_inside_an_org_name_is_not_a_person():
    record = extract("莫问科技有限公司成立。", lexicon={"people": {"莫问": []}}, types="person,org")
    assert [e["type"] for e in record["entities"]] == ["org"]


def test_ignored_people_are_dropped():
    text = "联系人:王磊,电话0514-89993100。"
    assert [e["name"] for e in extract(text, types="person")["entities"]] == ["王磊"]
    assert extract(text, types="person", lexicon={"ignore": {"people": ["王磊"]}})["entities"] == []


# -- units ---------------------------------------------------------------------------------------

WAGONS = {"units": {"车皮": {"code": "wagon", "dimension": "count"}, "標箱": {"code": "TEU", "dimension": "count"}}}


@pytest.mark.parametrize("text,expected", [
    # a number the rules do not read with this unit at all
    ("发运300车皮", ("300车皮", 2, 7, 300, "wagon", "count", "=", "quantity.lexicon")),
    ("發運三百車皮", ("三百車皮", 2, 6, 300, "wagon", "count", "=", "quantity.lexicon")),
    ("发运不少于300车皮", ("不少于300车皮", 2, 10, 300, "wagon", "count", ">=", "quantity.lexicon")),
    ("发运超过了1,200车皮以上", ("超过了1,200车皮以上", 2, 14, 1200, "wagon", "count", ">", "quantity.lexicon")),
    ("约5车皮左右", ("约5车皮左右", 0, 6, 5, "wagon", "count", "~", "quantity.lexicon")),
    # the rules read 标箱 as a classifier: the unit becomes the user's code
    ("吞吐量12万标箱", ("12万标箱", 3, 8, 120000, "TEU", "count", "=", "quantity.lexicon")),
    ("吞吐量突破12萬標箱", ("突破12萬標箱", 3, 10, 120000, "TEU", "count", ">", "quantity.lexicon")),
])
def test_a_number_with_a_user_unit_is_a_quantity_in_that_unit(text, expected):
    assert finds(extract(text, lexicon=WAGONS, types="quantity,range")) == [("quantity", *expected)]


def test_a_range_with_a_user_unit_takes_its_code():
    assert finds(extract("10万至20万标箱", lexicon=WAGONS, types="range")) == [
        ("range", "10万至20万标箱", 0, 9, 100000, 200000, "TEU", "count", "range.lexicon")]


@pytest.mark.parametrize("text", ["第300车皮", "数百车皮", "1万标准箱", "3万吨标箱"])
def test_no_user_unit_quantity_from_ordinals_vague_numbers_or_other_units(text):
    units = [e["unit"] for e in extract(text, lexicon=WAGONS, types="quantity,range")["entities"]]
    assert "wagon" not in units and "TEU" not in units


def test_targets_build_on_user_unit_quantities():
    record = extract("2025年力争铁路发运不少于300车皮。", ref_date="2025-01-01", lexicon=WAGONS, types="target")
    assert finds(record) == [("target", "铁路发运不少于300车皮", 7, 19, "铁路发运", ">=", 300, "wagon", "target.plan")]


# -- target cue words ----------------------------------------------------------------------------

def test_a_plan_cue_word_makes_a_target():
    text = "各仓点立下軍令狀，全年烘干粮食5万吨。"
    assert finds(extract(text, ref_date="2025-01-01", types="target")) == []
    record = extract(text, ref_date="2025-01-01", types="target", lexicon={"targets": {"plan": ["军令状"]}})
    assert finds(record) == [("target", "烘干粮食5万吨", 11, 18, "烘干粮食", "=", 50000, "t", "target.plan")]


@pytest.mark.parametrize("text", ["计划任务交卷，2025年仓储周转量12万标箱。", "計劃任務交卷，2025年倉儲周轉量12萬標箱。"])
def test_a_result_cue_word_makes_a_reported_fact(text):
    assert [e["metric"] for e in extract(text, ref_date="2025-06-01", types="target")["entities"]] == ["仓储周转量"]
    assert extract(text, ref_date="2025-06-01", types="target",
                   lexicon={"targets": {"result": ["交卷"]}})["entities"] == []


# -- the command ---------------------------------------------------------------------------------

def test_the_command_reads_repeated_lexicons(cli, tmp_path):
    more = tmp_path / "more.toml"
    more.write_text('[people]\n"夏春來" = ["顧問"]\n', encoding="utf-8")
    code, out, err = cli("--lexicon", str(SAMPLE_LEXICON), "--lexicon", str(more), "-f", "jsonl",
                         "-t", "person,org", "-", input="夏春来与莫问会见青禾谷仓代表。".encode())
    assert (code, err) == (0, "")
    assert finds(jsonl(out)[0]) == [
        ("person", "夏春来", 0, 3, "夏春来", ("顾问",), None, "person.lexicon"),
        ("person", "莫问", 4, 6, "莫问", ("首席科学家",), None, "person.lexicon"),
        ("org", "青禾谷仓", 8, 12, "青禾谷仓农业科技有限公司", ("青禾谷仓", "青禾"), "org.lexicon"),
    ]


def test_a_bad_lexicon_is_a_usage_error_naming_file_and_line(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[orgs]\n"青禾" = ["青禾谷仓"]\n[units]\n"标箱" = { code = "TEU", dimension = "box" }\n',
                   encoding="utf-8")
    code, out, err = cli("--lexicon", str(bad), "-", input="青禾".encode())
    assert (code, out) == (2, "")
    assert err == (f"lianhuan-extract: {bad}: line 4: [units] \"标箱\": dimension 'box' is not one of currency, "
                   "percent, area, length, mass, energy, power, volume, duration, count, none\n")


def test_pool_workers_get_the_lexicon(tmp_path):
    from conftest import run_module

    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.txt").write_text(f"青禾第{i}批发运{i + 1}0车皮。", encoding="utf-8")
    proc = run_module("--jobs", "2", "-f", "jsonl", "-q", "--types", "org,quantity",
                      "--lexicon", str(SAMPLE_LEXICON), str(folder))
    assert proc.returncode == 0, proc.stderr
    records = jsonl(proc.stdout.decode())
    assert len({r["entities"][0]["name"] for r in records}) == 1
    assert [[(e["text"], e.get("unit")) for e in r["entities"]] for r in records] == [
        [("青禾", None), (f"{i + 1}0车皮", "wagon")] for i in range(4)]


# -- hostile text --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["1" * 100_000 + "车皮", "车皮" * 50_000, "三" * 100_000 + "标箱",
                                  "青" * 100_000, "1," * 50_000 + "车皮", "不少于" * 30_000 + "5车皮"])
def test_user_words_stay_linear_on_hostile_text(text):
    lex = Lexicon.coerce([SAMPLE_LEXICON, WAGONS])
    started = time.process_time()
    extract(text, lexicon=lex, types="org,person,quantity")
    with_lexicon = time.process_time() - started
    started = time.process_time()
    extract(text, types="org,person,quantity")
    without = time.process_time() - started
    assert with_lexicon < 2 * without + 0.5
