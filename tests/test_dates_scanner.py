"""The date scanner (dates_tokens) against the plain reading of its patterns.

The scanner tries each atom only where its opening tests let it (the characters a pattern can open
with, read off its parse tree, and DIGIT_OPENING, written by hand, for what follows a number). Those
tests may only skip positions where no atom matches: the atoms found must be exactly those of one
plain alternation of the same patterns, tried everywhere.
"""
import re

from hypothesis import given, settings, strategies as st

from lianhuan_extract.data import load
from lianhuan_extract.extractors.dates import tokens as dates_tokens
from lianhuan_extract.extractors.dates.numerals import CN_DIGIT_CLASS

# not inside a number, and (as the scan has always had it) not opening with a digit of another
# script than ASCII; past the opening, \d is a digit of any script
_PLAIN = re.compile(
    rf"(?!(?<=[\d.])\d)(?!(?<=[{CN_DIGIT_CLASS}十廿卅百千])[{CN_DIGIT_CLASS}十廿卅百千])(?!(?![0-9])\d)(?:"
    + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in dates_tokens._patterns()) + ")")


def plain_atoms(text):
    return [(m.lastgroup, m.start(), m.end()) for m in _PLAIN.finditer(text)]


_SCANNER = dates_tokens._Scanner()


def scanned_atoms(text):
    """Every atom the scan finds, with the ones whose numbers are out of range (they are dropped
    after the scan, so the scan must have found them too)."""
    return [(m.lastgroup, m.start(), m.end()) for m in _SCANNER.matches(text)]


def _date_words() -> list[str]:
    words = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if not key.isascii():
                    words.append(key)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and node:
            words.append(node)

    walk(load("dates"))
    return words


# characters that open, join and close dates, and ones that follow numbers in non-dates
_CHARS = list("0123456789 \t.-/:：~—－–─·至到年月日号时点分秒季度世纪代上下半前后今明去本这个第首最的星期周礼拜天"
              "一二两三四五六七八九十廿卅百千万亿零〇民国元旦()[]“”「」从自份底末初旬Q财政%家人")
_PIECES = _CHARS + _date_words() + ["2024", "113", "1.5", "20240403", "12:30", "2023/24", "٢", "٠", "𝟐"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_scanner_finds_what_the_plain_alternation_finds(text):
    assert scanned_atoms(text) == plain_atoms(text)


def test_scanner_on_numbers_followed_as_in_dates_and_not():
    text = ("2024年4月3日 12:30 2024-04-03 2024.4 113.05.15 3.4.2024 20240403 2024 04 03 12/1 10·1 "
            "1至3月 2023/24财政年度 19世纪 80年代 第3季度 9点半 5.4% 1.5亿元 300家 4月3-5日 从2019 2019-2024年")
    found = scanned_atoms(text)
    assert found == plain_atoms(text)
    assert [text[s:e] for _, s, e in found][:5] == ["2024年", "4月", "3日", "12:30", "2024-04-03"]


def test_scanner_reads_digits_of_other_scripts_inside_an_atom_but_does_not_open_with_one():
    text = "20٢4年 ٢024年"
    assert scanned_atoms(text) == plain_atoms(text) == [("Y4", 0, 5)]


def test_without_the_private_parser_the_scan_finds_the_same_atoms(monkeypatch):
    # re._parser is private: where a Python moves it, the scanner falls back to a plain scan
    from pathlib import Path

    monkeypatch.setattr(dates_tokens, "sre_parse", None)
    fallback = dates_tokens._Scanner()
    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("samples/*.txt"))]
    texts.append("2024年4月3日上午，十四五期间，113年5月15日，自1月1日起至3月31日")
    for text in texts:
        found = [(m.lastgroup, m.start(), m.end()) for m in fallback.master.finditer(text)]
        assert found == scanned_atoms(text) == plain_atoms(text)
        assert found


def test_the_atoms_tried_after_a_run_of_digits_at_the_end_of_the_text_past_the_cap_and_of_other_scripts():
    # the atoms tried at a number are chosen by its run of digits and what follows it: the text may
    # end right after the run (自2019, 3月5), a run may be longer than the longest the choice tells
    # apart (20240403 is eight digits, 202404031 nine), and a digit of another script is in the run
    cases = {
        "自2019": [("BY", 1, 5)],
        "截至3月5": [("M", 2, 4), ("BD", 4, 5)],
        "20240403": [("ND8", 0, 8)],
        "202404031": [],
        "123456年": [],
        "1٠24年": [("Y4", 0, 5)],
    }
    for text, atoms in cases.items():
        assert scanned_atoms(text) == plain_atoms(text) == atoms, text
