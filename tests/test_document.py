"""The offset map: every span of the normalised text walks back to the characters it came from."""
from __future__ import annotations

from hypothesis import given, strategies as st

from lianhuan_extract.text.document import Document, Edit, apply_edits


def test_deletions_are_mapped_back():
    doc = Document(original="聯(lián)環(huán)集團")
    doc.apply("glosses", [Edit(1, 7, ""), Edit(8, 14, "")])
    assert doc.text == "聯環集團"
    assert doc.to_original(0, 4) == (0, 16)
    assert doc.original_span(1, 2) == "環"
    assert doc.original_span(2, 4) == "集團"


def test_a_replacement_of_another_length_maps_to_its_whole_source():
    text, stage_map = apply_edits("a12345b", [Edit(1, 6, "N")])
    assert text == "aNb"
    doc = Document(original="a12345b")
    doc.apply("fold", [Edit(1, 6, "N")])
    assert doc.to_original(1, 2) == (1, 6)
    assert doc.to_original(2, 3) == (6, 7)


def test_stages_compose():
    doc = Document(original="AxxBCyyD")
    doc.apply("one", [Edit(1, 3, "")])          # ABCyyD
    doc.apply("two", [Edit(3, 5, "")])          # ABCD
    assert doc.text == "ABCD"
    assert [doc.original_span(i, i + 1) for i in range(4)] == ["A", "B", "C", "D"]
    assert doc.to_original(1, 4) == (3, 8)


def test_one_for_one_stages_leave_offsets_alone():
    doc = Document(original="聯環,１２")
    assert doc.apply_one_for_one("t2s", "联环,１２") == 2
    assert doc.apply_one_for_one("halfwidth", "联环,12") == 2
    assert doc.text == "联环,12"
    assert doc.to_original(3, 5) == (3, 5)
    assert doc.original_span(3, 5) == "１２"


def test_overlapping_edits_are_refused():
    try:
        apply_edits("abcdef", [Edit(1, 3), Edit(2, 4)])
    except ValueError as exc:
        assert "overlapping" in str(exc)
    else:
        raise AssertionError("overlapping edits were applied")


@given(st.text(alphabet="ab質(zhì)", max_size=40), st.data())
def test_any_deletions_map_every_kept_character_to_itself(original, data):
    cuts = sorted(data.draw(st.sets(st.integers(0, len(original)), max_size=8)))
    edits = [Edit(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    doc = Document(original=original)
    doc.apply("cut", edits)
    for i, char in enumerate(doc.text):
        start, end = doc.to_original(i, i + 1)
        assert (end - start, original[start]) == (1, char)
    if doc.text:
        start, end = doc.to_original(0, len(doc.text))
        assert original[start:end].startswith(doc.text[0]) and original[start:end].endswith(doc.text[-1])


def test_memo_computes_once_per_text():
    doc = Document(original="聯(lián)環")
    calls = []

    def count_han():
        calls.append(doc.text)
        return sum("\u4e00" <= c <= "\u9fff" for c in doc.text)

    assert doc.memo("han", count_han) == 2 and doc.memo("han", count_han) == 2
    assert calls == ["聯(lián)環"]
    doc.apply("glosses", [Edit(1, 7, "")])        # the text changed: computed again
    assert doc.memo("han", count_han) == 2
    assert calls == ["聯(lián)環", "聯環"]


def test_deleting_spans_gives_what_the_same_deletions_as_edits_give():
    from lianhuan_extract.text.document import delete_spans

    text, stage_map = delete_spans("聯(lián)環(huán)集團", [(1, 7), (8, 14)])
    assert text == "聯環集團"
    assert (stage_map.span_of(0, 0), stage_map.span_of(1, 1), stage_map.span_of(2, 3)) == ((0, 1), (7, 8), (14, 16))
    assert delete_spans("abc", [(0, 3)])[0] == ""
    assert delete_spans("abc", [(0, 3)])[1].span_of(0, 0) == (0, 0)
    try:
        delete_spans("abcdef", [(1, 3), (2, 4)])
    except ValueError as exc:
        assert "overlapping" in str(exc)
    else:
        raise AssertionError("overlapping spans were deleted")


@given(st.text(alphabet="ab質(zhì)", max_size=40), st.data())
def test_delete_spans_is_apply_edits_for_deletions(original, data):
    from lianhuan_extract.text.document import delete_spans

    cuts = sorted(data.draw(st.sets(st.integers(0, len(original)), max_size=8)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    text, stage_map = delete_spans(original, spans)
    expected_text, expected_map = apply_edits(original, [Edit(a, b) for a, b in spans])
    assert text == expected_text
    if expected_map is None:
        assert stage_map is None
    else:
        columns = lambda m: (list(m._d_starts), list(m._o_starts), list(m._d_lens), list(m._o_lens))
        assert columns(stage_map) == columns(expected_map)
