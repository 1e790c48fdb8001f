"""Thousands grouped by spaces (11 000張, Hong Kong and SI style): read whole, and stay linear."""
from lianhuan_extract import extract


def _quantities(text):
    return [(e["text"], e["value"], e["unit"]) for e in extract(text, types=["quantity"])["entities"]
            if e["type"] == "quantity"]


def test_space_grouped_thousands_are_one_number():
    assert _quantities("名額由現時的11 000張增至13 000張。") == [("11 000張", 11000, "张"), ("13 000張", 13000, "张")]


def test_blank_separated_table_columns_are_not_joined():
    # a magnitude after the groups: the blanks part columns, not thousands
    assert _quantities("100 200 300万元") == [("300万元", 3000000, "CNY")]


def test_long_runs_of_space_groups_stay_linear():
    found = _quantities("1" + " 000" * 5000 + "张")
    assert found and all(unit == "张" for _, _, unit in found)
    assert _quantities(" 123" * 6000) == []
