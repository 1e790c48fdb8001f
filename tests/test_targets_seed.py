"""The seed press release (samples/lianhuan-2024.txt, traditional with pinyin glosses): its required
targets, checked by hand against the text, and nothing else taken for a target."""
from __future__ import annotations

from pathlib import Path

import pytest

import lianhuan_extract as L

SEED = Path(__file__).resolve().parent.parent / "samples" / "lianhuan-2024.txt"

# (metric, comparator, value or (min, max), unit, modality) in the order of the text; 将 where the
# sentence's only plan word is 联环集团将…
REQUIRED = [
    ("博士", "=", 20, "名", "将"),
    ("硕士", "=", 150, "名", "将"),
    ("研发投入", ">", 300000000, "CNY", "预计"),
    ("新获药品批件", ">=", 20, "个", "确保"),
    ("药械批件", ">=", 10, "个", "确保"),
    ("成果转化", "between", (60, 80), "个", "确保"),
    ("征地", "between", (50, 100), "mu", "将"),
    ("新投产达效项目", ">=", 4, "个", "确保"),
    ("企业上市", "=", 1, "家", "确保"),
]
# optional in the gold: 冲刺百亿 (a bare magnitude) and 确保已开工8个项目 (already started)
OPTIONAL_TEXTS = ("百億", "8個")


@pytest.fixture(scope="module")
def seed_targets():
    text = SEED.read_text(encoding="utf-8")
    record = L.extract(text, ref_date="2024-04-03")
    return text, [e for e in record["entities"] if e["type"] == "target"]


def test_required_targets_are_all_found_right(seed_targets):
    _, found = seed_targets
    required = [t for t in found if not any(o in t["text"] for o in OPTIONAL_TEXTS)]
    got = []
    for t in required:
        value = (t["min"], t["max"]) if t["comparator"] == "between" else t["value"]
        got.append((t["metric"], t["comparator"], value, t["unit"], t.get("modality")))
    assert got == REQUIRED


def test_every_required_target_names_the_group_and_the_plan_year(seed_targets):
    _, found = seed_targets
    required = [t for t in found if not any(o in t["text"] for o in OPTIONAL_TEXTS)]
    # the group by the name its org entities carry (联环集团 is an alias of it), as people's `org` does
    assert {(t.get("subject"), t.get("year")) for t in required} == {("江苏联环药业集团有限公司", 2024)}


def test_spans_point_into_the_original_with_glosses(seed_targets):
    text, found = seed_targets
    for t in found:
        assert text[t["start"]:t["end"]] == t["text"]
    assert "新投產(chǎn)達效項目不少于4個" in [t["text"] for t in found]
