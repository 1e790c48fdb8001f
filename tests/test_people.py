"""People beyond the corpus: mentions, the org field, hostile input."""
from __future__ import annotations

import pytest

import lianhuan_extract as L


def people(text: str) -> list[dict]:
    return [e for e in L.extract(text, types=["person"])["entities"] if e["type"] == "person"]


def test_each_mention_is_an_entity_with_the_same_fields():
    text = "聯環集團黨委書記、董事長夏春來表示,要加快發展。夏春來指出,目標明確。"
    found = people(text)
    assert [(e["start"], e["end"], e["text"]) for e in found] == [(12, 15, "夏春來"), (24, 27, "夏春來")]
    assert [e["rule"] for e in found] == ["person.title_before", "person.repeated"]
    assert all(e["name"] == "夏春来" and e["titles"] == ["党委书记", "董事长"] for e in found)


def test_org_is_the_org_named_among_the_titles():
    found = people("全国人大代表、江东机械集团有限公司党委书记、董事长沈卫国表示。")
    assert found[0]["org"] == "江东机械集团有限公司"
    assert found[0]["titles"] == ["全国人大代表", "党委书记", "董事长"]
    assert "org" not in people("副市长王芳出席。")[0]


def test_a_name_inside_an_org_is_not_a_person():
    assert people("董事长王建国表示,王建国科技有限公司将上市。")[0]["name"] == "王建国"
    assert len(people("董事长王建国表示,王建国科技有限公司将上市。")) == 1


@pytest.mark.parametrize("text", ["董事长" * 5000, "董事长王" * 5000, "、" * 10000 + "王伟", "王" * 20000,
                                  "联系人:" * 5000], ids=["titles", "title-surname", "dunhao", "surnames", "labels"])
def test_hostile_input_finds_no_one(text):
    assert people(text) == []


@pytest.mark.parametrize("text", ["县领导" + "王、" * 5000 + "出席", "记者 " + "王 " * 5000, "(" * 10000 + "王伟",
                                  "今(9)日" * 3000, "王伟摄" * 3000 + "摄", "报名:" * 5000 + "王伟"],
                         ids=["list-of-surnames", "byline-of-surnames", "brackets", "dates", "photo-run", "colons"])
def test_hostile_input_of_the_new_rules_finds_no_one(text):
    assert people(text) == []


def test_a_repeated_title_and_name_is_one_entity_a_place_in_linear_time():
    import time

    text = "董事长张三" * 32000
    started = time.perf_counter()
    found = people(text)
    elapsed = time.perf_counter() - started
    assert len(found) == 32000
    assert [e["start"] for e in found[:3]] == [3, 8, 13] and found[-1]["end"] == len(text)
    assert elapsed < 15  # the duplicate check scanned every earlier mention: 33 s before


def test_a_name_inside_a_longer_name_is_never_a_second_entity_on_the_same_span():
    found = people("副市长王立新出席,局长王立表示。王立新指出。")
    spans = [(e["start"], e["end"], e["name"]) for e in found]
    assert spans == [(3, 6, "王立新"), (11, 13, "王立"), (16, 19, "王立新")]
    assert len({(s, e) for s, e, _ in spans}) == len(spans)


def test_a_date_after_a_name_ends_it_and_its_later_mentions_follow():
    found = people("市政府副秘书长刘振今(9)日在发布会上介绍。刘振说,展会规模扩大。")
    assert [(e["text"], e["titles"]) for e in found] == [("刘振", ["副秘书长"]), ("刘振", ["副秘书长"])]
    assert [e["rule"] for e in found] == ["person.title_before", "person.repeated"]


def test_byline_titles_are_given_to_every_name_and_offsets_point_into_the_original():
    text = "來源:江西日報 作者:記者 黃書陽 鄒麗娟 責任編輯:胡曉曼\n"
    found = people(text)
    assert [(e["name"], e["titles"]) for e in found] == [
        ("黄书阳", ["记者"]), ("邹丽娟", ["记者"]), ("胡晓曼", ["责任编辑"])]
    assert all(text[e["start"]:e["end"]] == e["text"] for e in found)
    assert [e["text"] for e in found] == ["黃書陽", "鄒麗娟", "胡曉曼"]


def test_a_name_with_glosses_inside_keeps_its_original_span():
    text = "集團(tuán)領導楊運(yùn)輝、陳曉東出席。"
    found = people(text)
    assert [(e["name"], e["text"], e["start"], e["end"]) for e in found] == [
        ("杨运辉", "楊運(yùn)輝", 10, 18), ("陈晓东", "陳曉東", 19, 22)]


def test_org_is_the_org_right_before_a_name_that_its_title_follows():
    found = people("临沂市商务局王五局长表示,展会规模扩大。")
    assert [(e["name"], e["titles"], e.get("org")) for e in found] == [("王五", ["局长"], "临沂市商务局")]


def test_a_name_written_again_is_not_read_inside_a_word():
    found = people("副市长李明出席。李明确认了方案。对李明说。扩张伟大。")
    assert [(e["start"], e["rule"]) for e in found] == [(3, "person.title_before"), (17, "person.repeated")]


def test_titles_are_found_from_the_left_longest_first_one_character_titles_included():
    from lianhuan_extract.extractors.people import lexicon

    heads, by_head, singles = lexicon._title_heads(["长", "市长", "市委书记", "副市长"])
    assert by_head == {"市长": ("市长",), "市委": ("市委书记",), "副市": ("副市长",)}
    assert singles == {"长"}
    # the lookup the finder does with these heads, on a text where a two-character head fails
    # (市委 without 书记) and a one-character title stands alone
    text = "市委副市长王某、市委书记李某和长"
    found = []
    pos = 0
    for m in heads.finditer(text):
        at = m.start()
        if at < pos:
            continue
        for w in by_head.get(text[at:at + 2], ()):
            if text.startswith(w, at):
                found.append((at, w))
                pos = at + len(w)
                break
        else:
            if text[at] in singles:
                found.append((at, text[at]))
                pos = at + 1
    assert found == [(2, "副市长"), (8, "市委书记"), (15, "长")]


def test_title_matches_gives_the_matches_of_the_whole_title_trie():
    from lianhuan_extract.extractors.people.lexicon import patterns, title_matches

    text = "市委书记、市长陈某,党委副书记兼总经理刘某;董事长暨执行长许某出席。副主任委员"
    assert title_matches(text) == [(m.start(), m.group()) for m in patterns()["title"].finditer(text)]
    assert title_matches(text)[:2] == [(0, "市委书记"), (5, "市长")]


def test_matches_from_finds_what_finditer_finds_where_matches_overlap_their_words():
    import re

    from lianhuan_extract.segmenter.wordtrie import matches_from

    pattern = re.compile("联系人?[ ]{0,2}:")
    text = "联系人联系 :联系人:甲 联系:"
    assert [m.span() for m in matches_from(pattern, text, ["联系", "联系人"])] == [(3, 7), (7, 11), (13, 16)]
    assert [m.span() for m in pattern.finditer(text)] == [(3, 7), (7, 11), (13, 16)]
