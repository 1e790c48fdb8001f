"""Cost linear in document size: no rule compares a find with every earlier find, none searches the
whole text once per find.

No test here is timed (timed tests fail on a busy machine and prove nothing on a quiet one; the
timings are in benchmarks/scaling.py). Each counts work instead, with the code's own behaviour
checked beside it:
- `lines_run` counts the Python lines a module runs (sys.settrace) on a text of n finds and on
  one of 4n: linear code runs about 4 times as many, code that compares each find with every
  earlier one about 16 times as many;
- `Scanned` is a str whose searches count the characters they cover, for the rules that looked
  a word up in the whole text once per find (str.find runs in C, so no Python line shows it).
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from lianhuan_extract import extract
from lianhuan_extract.entity import Context, Entity, Intervals
from lianhuan_extract.extractors import contacts, people
from lianhuan_extract.extractors.orgs import find
from lianhuan_extract.pipeline import _entity_records, prepare, run_extractors
from lianhuan_extract.segmenter.wordtrie import starts_of_all

PACKAGE = Path(find.__file__).resolve().parents[2]


def lines_run(fn, *modules: str) -> int:
    """How many lines of the given package modules `fn()` runs: paths relative to lianhuan_extract/
    without `.py`, a family's folder included (`extractors/people` is people.py or people/*.py)."""
    prefixes = tuple(str(PACKAGE / m) for m in modules)
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        name = frame.f_code.co_filename
        return local if name.startswith(prefixes) and name[len(name) - 3:] == ".py" else None

    sys.settrace(calls)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def growth(make_text, n: int, *modules: str) -> float:
    """Lines run by extract() on make_text(4n) over those on make_text(n): about 4 when linear."""
    extract(make_text(2))  # warm: patterns and word lists load once, not in the count
    small = lines_run(lambda: extract(make_text(n)), *modules)
    large = lines_run(lambda: extract(make_text(4 * n)), *modules)
    return large / small


class Scanned(str):
    """A text whose find and rfind add up the characters they search (the range they are given)."""

    scanned = 0

    def _range(self, start, end):
        start = 0 if start is None else (start + len(self) if start < 0 else start)
        end = len(self) if end is None else (end + len(self) if end < 0 else end)
        Scanned.scanned += max(0, min(end, len(self)) - max(start, 0))

    def find(self, sub, start=None, end=None):
        self._range(start, end)
        return str.find(self, sub, start, end)

    def rfind(self, sub, start=None, end=None):
        self._range(start, end)
        return str.rfind(self, sub, start, end)


# -- Intervals: is a span overlapping one of many? ---------------------------------------------

def test_intervals_answer_as_comparing_with_every_span_does():
    rng = random.Random(13)
    for _ in range(200):
        spans = [(s, s + rng.randrange(0, 6)) for s in (rng.randrange(0, 60) for _ in range(rng.randrange(0, 12)))]
        index = Intervals(spans)
        assert len(index) == len(spans)
        for start in range(-2, 64):
            for end in range(start, start + 7):
                expected = any(s < end and start < e for s, e in spans)  # Entity.overlaps, one by one
                assert index.overlaps(start, end) is expected, (spans, start, end)


def test_intervals_of_nothing_overlap_nothing():
    assert not Intervals([]).overlaps(0, 10)
    assert not Intervals([])


def test_an_empty_span_overlaps_the_span_it_is_strictly_inside():
    index = Intervals([(5, 9)])
    assert index.overlaps(7, 7) and not index.overlaps(5, 5) and not index.overlaps(9, 9)


# -- contacts: a candidate against the contacts found before it --------------------------------

def _urls(n: int) -> str:
    return "".join(f"网址:http://s{i}.example.com/p 邮箱:a{i}@example.com\n" for i in range(n))


def test_contacts_found_on_many_lines_each_once():
    record = extract(_urls(300), types=["contact"])
    kinds = [e["kind"] for e in record["entities"]]
    assert kinds == ["url", "email"] * 300
    assert record["entities"][-2]["value"] == "http://s299.example.com/p"


def test_contacts_do_not_compare_a_candidate_with_every_contact_found():
    # before: each url was compared with every email and url found so far (16 x the lines at 4 x)
    ratio = growth(_urls, 100, "extractors/contacts", "entity")
    assert ratio < 6, ratio


def test_a_url_inside_an_email_is_not_a_second_contact():
    assert [(e["kind"], e["text"]) for e in extract("邮箱:info@www.example.com", types=["contact"])["entities"]] == [
        ("email", "info@www.example.com")]


def test_a_phone_label_is_looked_for_in_its_window_only():
    # before: the line's start was searched from the number back to the start of the text
    text = Scanned("说明" * 5000 + "电话:0514-87581234")
    Scanned.scanned = 0
    assert contacts.label_before(text, len(text) - 12) == "phone"
    assert Scanned.scanned <= 2 * contacts._LABEL_WINDOW, Scanned.scanned


def test_a_label_on_an_earlier_line_does_not_count():
    text = "电话\n请拨0514-87581234"
    assert contacts.label_before(text, text.index("0514")) is None


# -- dates: each date against the contacts ------------------------------------------------------

def _dates_and_phones(n: int) -> str:
    return "".join(f"电话:0514-8758{i % 10000:04d}，2024年{i % 12 + 1}月{i % 28 + 1}日召开会议。\n" for i in range(n))


def test_dates_beside_phones_are_dates_and_a_date_inside_a_phone_is_not():
    record = extract(_dates_and_phones(40) + "电话:2024-03-05-1234", types=["date", "contact"])
    dates = [e for e in record["entities"] if e["type"] == "date"]
    assert len(dates) == 40 and dates[0]["value"] == "2024-01-01" and dates[-1]["value"] == "2024-04-12"


def test_dates_are_not_compared_with_every_contact():
    # before: every date was compared with every phone of the text
    ratio = growth(_dates_and_phones, 150, "extractors/dates/rules")
    assert ratio < 6, ratio


# -- people: a title before the same name many times -------------------------------------------

def _chairs(n: int) -> str:
    return "董事长张三" * n


def test_a_name_after_its_title_many_times_is_one_span_each_time():
    record = extract(_chairs(500), types=["person"])
    spans = [(e["start"], e["end"], e["rule"]) for e in record["entities"]]
    assert spans == [(5 * i + 3, 5 * i + 5, "person.title_before") for i in range(500)]


def test_a_person_s_spans_are_not_compared_with_each_new_one():
    # before: each new span of 张三 was compared with every span of 张三 kept so far
    ratio = growth(_chairs, 150, "extractors/people")
    assert ratio < 6, ratio


def _people(n: int) -> list[str]:
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"
    return [surnames[i % 20] + given[i // 20 % 20] + given[i // 400 % 20] for i in range(n)]


def test_every_later_mention_of_many_people_is_found():
    names = _people(60)
    text = "".join(f"董事长{name}出席。" for name in names) + "".join(f"{name}表示。" for name in names)
    record = extract(text, types=["person"])
    repeated = [e["text"] for e in record["entities"] if e["rule"] == "person.repeated"]
    assert repeated == names


def test_people_do_not_search_the_whole_text_once_a_name():
    # before: each name found was looked for in the whole text: 100 names, 100 searches of it
    names = _people(100)
    text = "".join(f"董事长{name}出席。" for name in names) + "会议" * 5000
    ctx = Context(doc=prepare(text))
    ctx.doc.text = Scanned(ctx.doc.text)
    Scanned.scanned = 0
    out = people.extract(ctx)
    assert len(out) == 100
    assert Scanned.scanned <= 20 * len(text), Scanned.scanned / len(text)


# -- starts_of_all: many words, one pass --------------------------------------------------------

def test_starts_of_all_finds_every_start_of_every_word_overlaps_included():
    rng = random.Random(7)
    alphabet = "张三李四王五丰"
    text = "".join(rng.choice(alphabet) for _ in range(3000))
    for count in (1, 5, 16, 17, 60):
        words = {"".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 5))) for _ in range(count)}
        found = starts_of_all(text, words)
        for w in words:
            assert found[w] == [i for i in range(len(text)) if text.startswith(w, i)], w


def test_starts_of_all_of_many_words_does_not_search_the_text_once_a_word():
    words = _people(200)
    text = Scanned("".join(f"{w}说," for w in words) * 5)
    Scanned.scanned = 0
    found = starts_of_all(text, words)
    assert found[words[7]] == [text.index(words[7]) + k * len(text) // 5 for k in range(5)]
    assert Scanned.scanned <= 16 * len(text), Scanned.scanned / len(text)


def test_non_overlapping_starts_are_those_a_search_finds():
    text = "张三张三张三张张三"
    starts = starts_of_all(text, ["张三张"])["张三张"]
    assert starts == [0, 2, 4]
    assert list(find.non_overlapping(starts, 3)) == list(find.occurrences("张三张", text)) == [0, 4]


# -- orgs: stock short names against every org -------------------------------------------------

def _headers(n: int) -> str:
    return "".join(f"江苏联环药业集团有限公司公告\n证券简称:华锐重工 证券代码:600{i % 1000:03d}\n" for i in range(n))


def test_a_stock_short_name_after_many_orgs_is_found_each_time():
    record = extract(_headers(50), types=["org"])
    shorts = [e for e in record["entities"] if e["text"] == "华锐重工"]
    assert len(shorts) == 50 and shorts[0]["start"] == _headers(1).index("华锐重工")


def test_stock_short_names_are_not_compared_with_every_org():
    # before: each 证券简称 was compared with every org found before it
    ratio = growth(_headers, 150, "extractors/orgs/find")
    assert ratio < 6, ratio


def test_stock_short_names_skip_a_name_inside_a_found_org():
    text = "证券简称:联环药业集团"
    inside = find.Mention(5, 11, "联环药业集团", "org.short_name")
    assert find.stock_short_names(text, [inside]) == []
    assert [m.surface for m in find.stock_short_names(text, [])] == ["联环药业集团"]


# -- records: entities let go as they become records -------------------------------------------

def test_records_made_consuming_the_entities_are_the_same_records():
    text = "扬州市委书记张三表示，2024年营业收入3亿元，电话0514-87581234。" * 3
    ctx = run_extractors(prepare(text))
    kept = _entity_records(ctx.doc, list(ctx.entities))
    given = list(ctx.entities)
    assert _entity_records(ctx.doc, given, consume=True) == kept
    assert given == [] and len(kept) == len(ctx.entities) > 6


def test_an_entity_has_no_dict_of_its_own():
    entity = Entity("date", 0, 4, {"value": "2024"}, "date.year")
    with pytest.raises(AttributeError):
        entity.note = "x"  # slots: a large document holds hundreds of thousands of them


def test_the_date_finder_s_pieces_are_not_kept_after_the_dates():
    doc = prepare("2024年3月5日召开会议。")
    run_extractors(doc)
    assert not any(isinstance(key, tuple) and key[0] == "dates.find" for key in doc._memo)


# -- targets: a clause against the document's names --------------------------------------------

def _brand(i: int) -> str:
    chars = "华锐联环港湾临海江东鸿海启明天元嘉禾金桥"
    return chars[i % 20] + chars[i // 20 % 20] + chars[i // 400 % 20]


def _plans(n: int) -> str:
    # a number with a noun after it, and a metric after a leading word: both ask the clause's words
    return "".join(f"{_brand(i)}集团有限公司计划2025年新建{i + 1}个项目。\n"
                   f"{_brand(i)}集团有限公司:力争全市营业收入达到{i + 1}亿元产业规模。\n" for i in range(n))


def test_a_clause_is_not_matched_against_every_name_of_the_document():
    # before: each metric's clause asked any(name in clause) of every org name found in the text
    ratio = growth(_plans, 100, "extractors/targets/metric", "segmenter/segment")
    assert ratio < 6, ratio


def test_user_words_split_a_clause_as_an_alternation_of_them_does():
    import regex

    from lianhuan_extract.segmenter.segment import _protected_pieces, has_user_word

    def by_alternation(text, words):
        words = sorted({w for w in words if w}, key=len, reverse=True)
        if not words:
            return [(text, 0, False)]
        out, pos = [], 0
        for m in regex.finditer("|".join(map(regex.escape, words)), text):
            if m.start() > pos:
                out.append((text[pos:m.start()], pos, False))
            out.append((m.group(), m.start(), True))
            pos = m.end()
        return out + ([(text[pos:], pos, False)] if pos < len(text) else [])

    rng = random.Random(11)
    for _ in range(3000):
        words = ["".join(rng.choice("ab.c") for _ in range(rng.randrange(0, 5))) for _ in range(rng.randrange(0, 6))]
        text = "".join(rng.choice("ab.c") for _ in range(rng.randrange(0, 14)))
        assert list(_protected_pieces(text, words)) == by_alternation(text, words), (text, words)
        assert has_user_word(text, words) is any(w in text for w in words), (text, words)


def test_the_longest_user_word_wins_and_a_word_cut_by_the_end_does_not_count():
    from lianhuan_extract.segmenter.segment import _protected_pieces

    assert list(_protected_pieces("华锐重工集团", ["华锐", "华锐重工集团公司", "重工集团"])) == [
        ("华锐", 0, True), ("重工集团", 2, True)]


def _one_paragraph_of_goals(n: int) -> str:
    # one line of n sentences, each a target, none naming an actor: each looks back through the
    # sentences of its line for one
    return "".join(f"产量力争达到{i + 1}万吨。" for i in range(n))


def test_a_subject_is_not_looked_for_through_every_earlier_sentence_of_its_line():
    ratio = growth(_one_paragraph_of_goals, 50, "extractors/targets/actors")
    assert ratio < 6, ratio
