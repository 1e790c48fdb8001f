"""Organizations beyond the corpus: the seed document, offsets, linking, the gazetteer, hostile input."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import lianhuan_extract as L
from lianhuan_extract.extractors.orgs.names import abbreviates, body_abbreviates
from lianhuan_extract.extractors.orgs.places import place_ending_at, places
from lianhuan_extract.pipeline import prepare, run_extractors
from lianhuan_extract.segmenter.wordtrie import search_starts

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "samples" / "lianhuan-2024.txt").read_text(encoding="utf-8")


def org_names(record) -> dict[str, list[str]]:
    return {e["name"]: e["aliases"] for e in record["entities"] if e["type"] == "org"}


def test_seed_finds_the_five_required_orgs_and_links_lianhuan_group():
    names = org_names(L.extract(SEED, ref_date="2024-04-03"))
    # the five required ones, and the group's fund (a fund is an org; the gold marks it optional)
    assert set(names) == {"扬州市委", "扬州市政府", "江苏联环药业集团有限公司", "扬州市国资委", "联环股份",
                          "联环医药产业专项基金"}
    assert "联环集团" in names["江苏联环药业集团有限公司"]
    assert "市政府" in names["扬州市政府"] and "市国资委" in names["扬州市国资委"]


def test_seed_person_and_main_org():
    doc = prepare(SEED)
    ctx = run_extractors(doc, "2024-04-03")
    people = {e.fields["name"]: e.fields for e in ctx.found("person")}
    assert people["夏春来"]["titles"] == ["党委书记", "董事长", "总经理"]
    assert people["夏春来"]["org"] == "江苏联环药业集团有限公司"
    assert sum(1 for e in ctx.found("person")) == 2  # with a title, and 夏春来表示
    assert ctx.notes["main_org"] == "江苏联环药业集团有限公司"


def test_every_mention_is_an_entity_with_offsets_into_the_original():
    record = L.extract(SEED, ref_date="2024-04-03")
    mentions = [e for e in record["entities"] if e["type"] in ("org", "person")]
    assert sum(1 for e in mentions if e.get("name") == "江苏联环药业集团有限公司") == SEED.count("聯(lián)環(huán)集團") + 1
    for e in mentions:
        assert SEED[e["start"]:e["end"]] == e["text"]
        assert e["rule"].startswith(e["type"] + ".")


def test_found_names_are_kept_whole_by_the_tokenizer():
    doc = prepare("江苏联环药业集团有限公司召开会议,联环集团表示将加快发展。")
    run_extractors(doc, None, types=["org"])
    words = [w for w, _, _ in doc.words]
    assert "江苏联环药业集团有限公司" in words and "联环集团" in words


def test_org_entities_say_what_they_are_and_the_lead_org_is_noted():
    text = ("江海集团与江州市商务局签约 设立产业基金\n来源:江州日报 作者:江州在线\n"
            "江海集团与江州市商务局签约,设立江海智造产业发展基金,江海集团总经理表示将加快建设。")
    ctx = run_extractors(prepare(text), None, types=["org"])
    kinds = {e.fields["name"]: e.fields.get("kind") for e in ctx.found("org")}
    assert kinds == {"江海集团": "company", "江州市商务局": "government", "江州日报": "media",
                     "江州在线": "media", "江海智造产业发展基金": "fund"}
    assert ctx.notes["org_kinds"] == kinds
    assert ctx.notes["lead_org"] == "江海集团"  # the headline's first org, not the outlet
    assert ctx.notes["main_org"] == "江海集团"


def test_one_entity_per_span():
    # the same name found by two rules at one place (a media list and a media suffix) is one entity
    record = L.extract("来源:江州日报\n江州日报、江州电视台等媒体参加。", types=["org"])
    spans = [(e["start"], e["end"]) for e in record["entities"] if e["type"] == "org"]
    assert len(spans) == len(set(spans)) == 3


@pytest.mark.parametrize("short,full,expected", [
    ("鸿源精密", "鸿源精密工业股份有限公司", True),     # an industry word between the brand and the form
    ("上海温州商会", "北京温州企业商会", False),         # each opens with a place of its own
    ("大亚湾运营公司", "大亚湾核电运营管理有限责任公司", True),
    ("联环集团", "江苏联环药业集团有限公司", True),
    ("华锐重工", "华锐重工股份有限公司", True),
    ("港湾控股", "港湾综合企业控股有限公司", True),
    ("联环股份", "江苏联环药业集团有限公司", False),   # 股份 is not in the group's name
    ("经济部", "经济部中小及新创企业署", False),        # a parent body, not an abbreviation
    ("江东大学", "江东大学经济学院", False),
    ("淮扬能源集团", "淮扬能源股份有限公司", False),
])
def test_abbreviates(short, full, expected):
    assert abbreviates(short, full) is expected


def test_body_abbreviates_keeps_different_bodies_apart():
    assert body_abbreviates(("江州", "市", "科技局"), ("江州", "市", "科学技术局"))
    assert body_abbreviates(("", "省", "人社厅"), ("", "省", "人力资源和社会保障厅"))
    assert not body_abbreviates(("扬州", "市", "委"), ("扬州", "市", "国资委"))
    assert not body_abbreviates(("扬州", "市", "科技局"), ("泰州", "市", "科学技术局"))


def test_gazetteer_has_mainland_taiwan_hong_kong_and_macau():
    table = places()
    yangzhou = table["扬州"][0]
    assert (yangzhou.name, yangzhou.level, yangzhou.parent) == ("扬州市", "city", "江苏省")
    assert table["台北市"][0].parent == "台湾省"
    assert table["嘉义县"][0].level == "county"
    assert table["香港"][0].name == "香港特别行政区" and table["澳门"][0].name == "澳门特别行政区"
    assert "市辖区" not in table
    assert place_ending_at("记者从江苏省", 6) == "江苏省"
    header = " ".join((ROOT / "lianhuan_extract" / "data" / "places.txt").read_text(encoding="utf-8").splitlines()[:4])
    assert "cpca 0.5.5" in header and "MIT" in header


def test_build_places_short_names():
    spec = importlib.util.spec_from_file_location("build_places", ROOT / "tools" / "build_places.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert [tool.short_name(n) for n in ("扬州市", "忠县", "宁夏回族自治区", "延边朝鲜族自治州", "香港特别行政区")] == \
        ["扬州", "忠县", "宁夏", "延边", "香港"]
    rows = tool.build([("320000", "江苏省"), ("321000", "扬州市"), ("321002", "广陵区"), ("321001", "市辖区")])
    assert ("广陵区", "广陵", "county", "扬州市") in rows and not any(r[0] == "市辖区" for r in rows)


@pytest.mark.parametrize("text,count,name", [
    ("亿" * 20000, 0, None),
    ("1" * 10000, 0, None),
    ("(" * 10000 + "集团", 0, None),
    ("\x00" * 10000, 0, None),
    ("集团" * 5000, 0, None),
    ("有限公司" * 5000, 0, None),
    ("经济部" * 5000, 5000, "经济部"),
    ("、" * 10000 + "市委、市政府", 2, None),
    # a short name after a conjunction, 4000 times with no punctuation: many anchors in each
    # long clause, whose words are read further for each next one
    ("联环集团和" * 4000, 4000, "联环集团"),
    # 4000 government bodies side by side, none inside another: each is checked against the
    # kept ones near it only
    ("扬州市政府" * 4000, 4000, "扬州市政府"),
    # the rules of issue 12: funds, 公司 names, industry words, lists closed by a class noun, media
    # fields; each anchor reads a bounded window before it
    ("基金" * 10000, 0, None),
    ("公司" * 10000, 0, None),
    ("科技" * 10000, 0, None),
    ("华锐科技、" * 4000 + "等企业", 0, None),   # no class right after 等: no list
    ("来源:" * 10000, 0, None),
    ("讯 " * 10000 + "记者" * 1000, 0, None),
    ("晶熠阳公司," * 3000, 3000, "晶熠阳公司"),
], ids=["yi", "digits", "brackets", "nul", "jituan", "youxian", "jingjibu", "dunhao", "short_names",
        "gov_bodies", "jijin", "gongsi", "keji", "list", "laiyuan", "xun", "gongsi_names"])
def test_hostile_input_stays_linear_and_correct(text, count, name):
    found = [e for e in L.extract(text, types=["org"])["entities"] if e["type"] == "org"]
    assert len(found) == count
    if name:
        assert {e["name"] for e in found} == {name}


def test_the_output_does_not_depend_on_the_hash_seed():
    """A tie between two kinds of one organization was settled by a set's order, so a company could
    come out as an institution under another PYTHONHASHSEED; every org corpus text is run under
    three seeds and must give the same records."""
    import os
    import subprocess
    import sys

    script = ("import json, sys, lianhuan_extract as L\n"
              "from lianhuan_extract.corpus import load\n"
              "texts = [t for case in load('orgs')['example'] for t in case['texts']]\n"
              "sys.stdout.write(json.dumps([L.extract(t, ref_date='2024-01-01') for t in texts], ensure_ascii=False))\n")
    outputs = set()
    for seed in ("0", "8", "9"):  # 8 and 9 gave another kind to a company before the fix
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.path.dirname(os.path.dirname(__file__))}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr.decode()
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert len(next(iter(outputs))) > 10_000  # the corpus was read


def test_han_class_is_the_regex_modules_han():
    """orgs.names.HAN (the standard engine's) holds exactly the characters of regex's \\p{Han}
    that this Python's Unicode database assigns: a newer `regex` knows a few ideographs assigned
    since (regex 2026.12.2 adds U+2B81E), which the class cannot follow without breaking the
    older one."""
    import unicodedata

    import regex as regex_module
    from lianhuan_extract.extractors.orgs.names import HAN
    every = "".join(chr(cp) for cp in range(0x110000)
                    if not 0xD800 <= cp <= 0xDFFF and unicodedata.category(chr(cp)) != "Cn")
    ours = [m.span() for m in HAN.finditer(every)]
    theirs = [m.span() for m in regex_module.finditer(r"\p{Han}+", every)]
    assert ours == theirs
    assert len(ours) == 11  # the runs of Han characters (unassigned gaps left out), 〇 and 々 among them


# -- the quicker forms of the finders' scans find what the plain ones find ---------------------

def test_short_company_cue_before_two_places_still_reaches_the_brand():
    # the cue (关系人) ends where the two places (江苏, 扬州) before the brand begin: an industry
    # word with no sign after it is refused only when no cue stands within that reach
    from lianhuan_extract.extractors.orgs import evidence

    found = lambda t: [(m.start, m.end, m.surface) for m in evidence.short_companies(t)]  # noqa: E731
    assert found("关系人江苏扬州宏晖投资正式成立") == [(3, 11, "江苏扬州宏晖投资")]
    assert found("据悉江苏扬州宏晖投资正式成立") == []
    assert found("市政府与宏晖投资签约") == [(4, 8, "宏晖投资")]


def test_media_lists_tried_before_each_dunhao_match_the_pattern_everywhere():
    from lianhuan_extract.extractors.orgs import media

    pattern = media._patterns()["list"]
    texts = ["临沂日报、临沂电视台、大众网临沂频道等媒体", "、、甲乙、丙丁", "a甲乙、丙丁、戊己 庚辛、壬癸",
             "一二三四五六七八九十一二三四五、甲乙", "一二三四五六七八九十一二三四、甲乙", "甲、乙丙、丁戊",
             "甲乙、" + "丙" * 20 + "、丁戊、己庚"]
    for text in texts:
        assert [m.span() for m in media._list_matches(pattern, text)] == [m.span() for m in pattern.finditer(text)]


def test_place_body_kinds_and_the_starts_before_them():
    import re

    import regex

    from lianhuan_extract.extractors.orgs import find
    from lianhuan_extract.extractors.orgs.places import longest_name

    text = "委员会局署厅委员局委员 香港创科发展局今日公布,1委员会,江州市商务局、港口局"
    assert [m.start() for m in find._PLACE_BODY_KIND.finditer(text)] == \
        [m.start() for m in re.finditer("委员会|[局署厅]", text)]
    run_start = regex.compile("(?<![\u4e00-\u9fff])[\u4e00-\u9fff]")
    reach = longest_name() + 8
    expected = sorted({r.start() for k in re.finditer("委员会|[局署厅]", text)
                       for r in run_start.finditer(text, max(0, k.start() - reach), k.start())})
    assert find._starts_before_kinds(text) == expected


def test_government_scan_restarted_past_each_start_is_the_regex_modules_overlapped_scan():
    import regex

    from lianhuan_extract.extractors.orgs import find

    pattern = find.patterns()["gov"]
    overlapped = regex.compile(pattern.pattern)
    texts = ["扬州市委市政府和市国资委", "江苏省人力资源和社会保障厅省政府", "市市市县区政府", "新疆维吾尔自治区人民政府自治区党委",
             "嘉南县府、鹿港镇公所", "", "市"]
    for text in texts:
        got = [(m.span(), m.group("level", "topic", "kind", "body")) for m in find._overlapped(pattern, text)]
        assert got == [(m.span(), m.group("level", "topic", "kind", "body"))
                       for m in overlapped.finditer(text, overlapped=True)]
    # 自治区政府 and 区政府 inside it: a match at every start that has one, the overlapping ones too
    assert [m.span() for m in find._overlapped(pattern, "自治区政府")] == [(0, 5), (2, 5)]


def test_media_word_starts_are_the_trie_searchs_starts():
    import re

    from lianhuan_extract.segmenter.wordtrie import search_starts, trie_pattern

    cases = [("——首页>新闻-要闻|版权所有-", ("首页", ">", "-", "|", "版权所有", "—")),
             ("abcab abc", ("abc", "ab", "bca")), ("aaaa", ("aa",)), ("接受采访据报道", ("接受", "据")), ("", ("a",))]
    for text, words in cases:
        expected = [m.start() for m in re.finditer(trie_pattern(words), text)]
        assert search_starts(text, words) == expected
    # longest first at a start, and no start inside a word found: abc at 0, then ab at 3, abc at 6
    assert search_starts("abcab abc", ("abc", "ab", "bca")) == [0, 3, 6]


def test_media_cues_fields_and_interviews_tried_where_they_are_match_the_whole_scans():
    import re

    from lianhuan_extract.extractors.orgs import media

    p = media._patterns()
    texts = ["来源:温州日报 作者:张三", "信息来源 : 上海证券报·中国证券网\n本文来源  ：大众网", "来源   :江州日报来源:",
             "转载自:新华网,稿源:人民网", "据新华社报道,接受澳广视访问时表示", "据悉,根据数据据江州日报消息",
             "瓜州县融媒体中心讯(记者 李四)记者记者讯", "", ":::"]
    for text in texts:
        assert [m.span() for m in media._field_matches(p, text)] == [m.span() for m in p["source"].finditer(text)]
        assert [m.span() for m in media._interviews(p["interview"], text)] == \
            [m.span() for m in p["interview"].finditer(text)]
        assert search_starts(text, media._DATELINE_CUES) == [m.start() for m in re.finditer("讯|记者", text)]
    assert [m.group(1) for m in media._field_matches(p, "信息来源 : 上海证券报·中国证券网\n本文来源  ：大众网")] == \
        ["上海证券报·中国证券网", "大众网"]


def test_media_issuer_lines_are_the_lines_that_hold_a_hint():
    from lianhuan_extract.extractors.orgs import media

    p = media._patterns()
    text = "新闻局　2024-10-23 17:12\n正文 局 无\n  江州市商务局 2023年5月\n办公室 x\n统计处　2024.1"
    expected = [m.span() for m in media._line_matches(p["issuer"], text)]
    assert [m.span() for m in media._issuer_lines(p, text)] == expected
    assert [m.group(1) for m in media._issuer_lines(p, text)] == ["新闻局", "江州市商务局", "统计处"]


def test_coded_companies_tried_at_brackets_match_the_regex_modules_scan():
    from lianhuan_extract.extractors.orgs import evidence

    texts = ["威达(2388)与恒远新材(605163.SH)", "(（(1234)（0123）(612345)", "股价(2024)(99999)", "", "(", "（8"]
    for text in texts:
        assert [m.span() for m in evidence._code_matches(text)] == [m.span() for m in evidence._CODE.finditer(text)]
    assert [m.group() for m in evidence._code_matches("威达(2388)与恒远新材(605163.SH)")] == ["(2388)", "(605163.SH)"]


def test_gongsi_and_short_companies_skip_only_what_the_caller_would_drop():
    from lianhuan_extract.extractors.orgs import evidence

    text = "江苏联环药业集团有限公司与达州通川建工公司签约,关系人宏晖投资有限公司和关系人宏晖投资"
    taken = bytearray(len(text) + 1)
    taken[0:12] = b"\x01" * 12  # 江苏联环药业集团有限公司, found before
    taken[27:35] = b"\x01" * 8  # 宏晖投资有限公司
    for find in (lambda k: evidence.gongsi(text, set(), k), lambda k: evidence.short_companies(text, k)):
        kept = [(m.start, m.end, m.surface) for m in find(None) if not any(taken[m.start:m.end])]
        assert [(m.start, m.end, m.surface) for m in find(taken)] == kept
    assert [(m.start, m.end, m.surface) for m in evidence.gongsi(text, set(), taken)] == [(13, 21, "达州通川建工公司")]
    # 达州通川建工 (与 ... 签约) stays; 宏晖投资 of the found 宏晖投资有限公司 is not read, the later one is
    assert [(m.start, m.end, m.surface) for m in evidence.short_companies(text, taken)] == \
        [(13, 19, "达州通川建工"), (39, 43, "宏晖投资")]
