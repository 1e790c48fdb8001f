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
