"""Where a quantity stands: its clause, its sentence, the heading of its section, and the cue words
around it that say whether it is a goal or a reported fact.

Pieces of the normalised text (half-width punctuation):
- a *sentence* ends at 。 ! ? or a line break; a semicolon does not end it, because a list of
  targets after `主要预期目标是:` runs on through semicolons;
- a *clause* ends at any of , ; : 、 and at a space between two Chinese characters (titles use
  the space as a comma);
- a *heading* is a short line without a full stop; it sets the default for the lines under it
  (`二、2024年主要目标任务` makes plain numbers below it targets).
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

import regex

from ... import data
from ...segmenter.wordtrie import trie_pattern

SENTENCE_END = "。!?！？\n"
CLAUSE_END = SENTENCE_END + ",;:、，；：\r"
MAX_HEADING = 40
_HEADING_NUMBER = regex.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.]|\(?[一二三四五六七八九十]{1,3}\)|\d{1,2}[、.])")
# the marks as classes: what `ends_of` finds, a str.find walk a mark (test_targets_fast_paths)
_SENTENCE_END_CHAR = re.compile("[" + re.escape(SENTENCE_END) + "]")
_CLAUSE_END_CHAR = re.compile("[" + re.escape(CLAUSE_END) + "]")
_CLAUSE_ONLY_END = CLAUSE_END[len(SENTENCE_END):]  # the marks that end a clause and not a sentence
# a clause also ends at the spaces between two Chinese characters (a title's comma)
_CJK_SPACE = regex.compile(r"(?<=\p{Han}|[”」)])[ \u3000]+(?=\p{Han}|\d|[“「(])")
# a comma between digits groups thousands (1,000), it does not end a clause; \p{No} holds the
# digits str.isdigit knows besides \d (², ①), which the exact test below then checks
_DIGIT_COMMA = regex.compile(r"(?<=[\d\p{No}]),(?=[\d\p{No}])")
_QUOTED = regex.compile(r"「[^」]*」|《[^》]*》|“[^”]*”|『[^』]*』")
_FULL_STOP = re.compile(r"[。!?;]")
# a plan word that opens a list (`主要预期目标是:`, `目标为:`, `主要目标如下:`)
_LIST_OPENER = regex.compile(r"(?:是|为|為|如下)?\s*[:：]")


def ends_of(text: str, chars: str) -> list[int]:
    """The position after each occurrence in `text` of any of `chars`, in text order:
    `[m.end() for m in re.finditer("[" + chars + "]", text)]`, from one `str.find` walk a character
    (a search for one character runs at memory speed; a class is tried at every position)."""
    out: list[int] = []
    append, find = out.append, text.find
    for c in chars:
        i = find(c)
        while i >= 0:
            i += 1
            append(i)
            i = find(c, i)
    if len(chars) > 1:
        out.sort()
    return out


class Cue(NamedTuple):
    """A cue word found in the text: kind is plan, weak_plan, prospective, result, comparison,
    weak_result, set_aside."""

    start: int
    end: int
    kind: str
    word: str


@functools.lru_cache(maxsize=1)
def words() -> dict:
    return data.load("targets")


# At a position where several cue words begin, the kind first in this order wins, with its longest
# word there: the not-plan words come first so that 主要 is consumed before 要 can match inside it.
CUE_KINDS = ("not_plan", "set_aside", "prospective", "result", "comparison", "weak_result", "plan", "weak_plan")


@functools.lru_cache(maxsize=1)
def cue_scanner() -> tuple[re.Pattern, dict[str, str]]:
    """A pattern that finds the winning cue word at each position, and the kind of every word.

    The words that begin at one position are prefixes of one another, so the winner there is the
    longest of them that wins over its own prefixes (将会 never does: the plan word 将 comes first).
    The pattern holds only those words, as a trie: its longest match is the winner, found with no
    backtracking over hundreds of alternatives (a plain `re` pattern of literals, no \\p classes)."""
    cues = words()["cues"]
    kind_of: dict[str, str] = {}
    for kind in CUE_KINDS:
        for w in cues[kind]:
            kind_of.setdefault(w, kind)
    rank = {kind: i for i, kind in enumerate(CUE_KINDS)}

    def wins(word: str) -> bool:
        prefixes = [word[:n] for n in range(1, len(word) + 1) if word[:n] in kind_of]
        return min(prefixes, key=lambda w: (rank[kind_of[w]], -len(w))) == word

    return re.compile(trie_pattern([w for w in kind_of if wins(w)])), kind_of


# 到2025年, 至2025年底, 2027年或之前, 在二〇二七年前: a deadline in the future is a plan cue
DEADLINE = regex.compile(r"(?:到|至|在)(?P<year>(?:19|20)\d{2}|(?:一九|二[〇○零])[〇○零一二三四五六七八九]{2})年(?:底|末|或之前|之前|以前|前)?"
                         r"|(?P<year2>(?:19|20)\d{2})年(?:或)?(?:之)?前")
_YEAR = regex.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})(?:年|—|-|/)(?!\d{2,}[^\d年])")
_CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
              "六": "6", "七": "7", "八": "8", "九": "9"}


def year_number(text: str) -> int | None:
    digits = "".join(_CN_DIGITS.get(c, c) for c in text)
    return int(digits) if digits.isdigit() else None


_NAME_CLOSERS = "」》”』】"
_NUMBER_NEXT = regex.compile(r"\s*(?:约|約|超过|超過|突破)?[\d一二三四五六七八九十两百千万亿]")


@functools.lru_cache(maxsize=1)
def statement() -> re.Pattern:
    """Words that make a sentence a new statement (someone says, 据悉), not an item of a list."""
    return re.compile("|".join(re.escape(w) for w in words()["cues"]["statement"]))


@functools.lru_cache(maxsize=1)
def _number_only() -> frozenset[str]:
    return frozenset(words()["cues"]["number_only"])


@functools.lru_cache(maxsize=1)
def _cue_table() -> tuple[re.Pattern, dict[str, tuple[str, str, bool]]]:
    """The cue scanner, and for each word it finds that is kept: (kind, word, whether a number must
    follow it); the not-plan words are left out."""
    pattern, kind_of = cue_scanner()
    number_only = _number_only()
    return pattern, {w: (kind, w, w in number_only) for w, kind in kind_of.items() if kind != "not_plan"}


_NAME_CLOSER_SET = frozenset(_NAME_CLOSERS)


class Layout:
    """Sentence, clause and heading boundaries of one normalised text, and the cue words in it."""

    def __init__(self, text: str, number_spans: list[tuple[int, int]] = ()):
        self.text = text
        self._number_spans = sorted(number_spans)
        self._number_starts = [s for s, _ in self._number_spans]
        sentence_ends = ends_of(text, SENTENCE_END)
        self.sentence_starts = [0, *sentence_ends]
        # a space is no clause mark, so no end is found twice
        self.clause_starts = sorted([0, *sentence_ends, *ends_of(text, _CLAUSE_ONLY_END)]
                                    + [m.end() for m in _CJK_SPACE.finditer(text)])
        grouping = {m.end() for m in _DIGIT_COMMA.finditer(text)
                    if text[m.start() - 1].isdigit() and text[m.start() + 1].isdigit()}
        if grouping:
            self.clause_starts = [s for s in self.clause_starts if s not in grouping]
        self.number_lines = self._number_lines()
        self.cues = self._cues()
        self.cue_starts = [c.start for c in self.cues]
        self.line_sections = self._sections()
        self._line_starts = [s for s, _ in self.line_sections]
        self.lists = self._lists()
        self._list_starts = [s for s, _, _ in self.lists]

    def _cues(self) -> list[Cue]:
        text = self.text
        pattern, table = _cue_table()
        number_next = _NUMBER_NEXT.match
        out = []
        for a, b in self.number_lines:
            for m in pattern.finditer(text, a, b):
                entry = table.get(m.group())
                if entry is None:
                    continue  # a not-plan word: it only keeps a plan word inside it from being read
                start, end = m.span()
                if entry[2] and not number_next(text, end):
                    continue
                # a plan word that ends or follows a quoted name is part of the name: 「…补助计画」,
                # 《…规划》, “十四五”规划 (a slice past either end of the text is empty: no closer)
                if text[end:end + 1] in _NAME_CLOSER_SET or text[start - 1:start] in _NAME_CLOSER_SET:
                    continue
                out.append(Cue(start, end, entry[0], entry[1]))
        return out

    def _number_lines(self) -> list[tuple[int, int]]:
        """(start, end) of the runs of lines that hold a number, where the cue words are looked
        for: every question the rules ask of the cues is about the line of a number (its
        sentence, its clause, the list its line opens), and no cue word runs over a line break.
        All the text when no number was given."""
        text, n = self.text, len(self.text)
        if not self._number_spans:
            return [(0, n)]
        out: list[list[int]] = []
        for s, e in self._number_spans:
            last = e - 1 if e > s else s
            if out and s <= out[-1][1]:
                if last > out[-1][1]:
                    end = text.find("\n", last)
                    out[-1][1] = n if end < 0 else end
                continue
            start = text.rfind("\n", 0, s) + 1
            end = text.find("\n", max(s, last))
            end = n if end < 0 else end
            if out and start <= out[-1][1] + 1:
                out[-1][1] = end
            else:
                out.append([start, end])
        return [tuple(span) for span in out]

    # -- boundaries --------------------------------------------------------------------------
    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        start = self.sentence_starts[i]
        end = self.sentence_starts[i + 1] - 1 if i + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def clause(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.clause_starts, pos) - 1
        start = self.clause_starts[i]
        end = self.clause_starts[i + 1] - 1 if i + 1 < len(self.clause_starts) else len(self.text)
        return start, end

    def previous_clause(self, pos: int) -> tuple[int, int] | None:
        start, _ = self.clause(pos)
        sentence_start, _ = self.sentence(pos)
        if start <= sentence_start:
            return None
        return self.clause(start - 1)

    def cues_between(self, start: int, end: int) -> list[Cue]:
        i = bisect.bisect_left(self.cue_starts, start)
        out = self.cues[i:bisect.bisect_left(self.cue_starts, end, i)]
        # the cue words do not overlap, so only the last one can run past the end
        if out and out[-1].end > end:
            out.pop()
        return out

    # -- sections ----------------------------------------------------------------------------
    def _sections(self) -> list[tuple[int, str]]:
        """(line start, section kind) for each line: plan, result or none, set by the last heading."""
        out = []
        state = "none"
        # the title of a plan (`…2026年…工作方案`) makes its plain numbered sections (`三、保障措施`)
        # part of the plan; any other document starts them from nothing
        base = None
        pos = 0
        for line in self.text.split("\n"):
            stripped = line.strip()
            if (stripped and len(stripped) <= MAX_HEADING and not _FULL_STOP.search(stripped)
                    and not self._has_number(pos, pos + len(line))):
                numbered = bool(_HEADING_NUMBER.match(stripped))
                kind = heading_kind(stripped, numbered)
                if base is None:
                    base = "plan" if kind == "plan" and not numbered else "none"
                if kind:
                    state = kind
                elif numbered:
                    state = base
            elif stripped and base is None:
                base = "none"
            out.append((pos, state))
            pos += len(line) + 1
        return out

    def _has_number(self, start: int, end: int) -> bool:
        """A line with a quantity in it is a headline (`…计划 5年投入25亿元`), not a section heading."""
        i = bisect.bisect_left(self._number_starts, start)
        return i < len(self._number_starts) and self._number_starts[i] < end

    def line_starts(self) -> list[int]:
        """Where each line starts (0, and after each line break)."""
        return self._line_starts

    def section(self, pos: int) -> str:
        if self.list_cue(pos) is not None:
            return "plan"
        i = bisect.bisect_right(self._line_starts, pos) - 1
        return self.line_sections[max(i, 0)][1]

    # -- lists of targets --------------------------------------------------------------------
    def _lists(self) -> list[tuple[int, int, Cue]]:
        """(start, end, opening cue) of the sentences that go on a list of targets past a full stop.

        ANNOTATION.md: a list that a cue sentence opens (`主要预期目标是:GDP增长5%左右。…比重达到
        66%左右。`) goes on past the full stop until the text turns to another subject or to
        results. The list runs on to the end of the opener's paragraph, and stops before the
        first sentence with a result word or a verb of saying (a new statement: `报告明确,…`)."""
        text, out = self.text, []
        last_end = -1
        for c in self.cues:
            if c.kind not in ("plan", "weak_plan") or c.start < last_end or not _LIST_OPENER.match(text, c.end):
                continue
            line_end = text.find("\n", c.end)
            line_end = len(text) if line_end < 0 else line_end
            start = self.sentence(c.start)[1] + 1
            end = start
            while end < line_end:
                s_end = min(self.sentence(end)[1], line_end)
                if any(k.kind in ("result", "prospective") for k in self.cues_between(end, s_end)):
                    break
                if statement().search(text, end, s_end):
                    break
                end = s_end + 1
            if end > start:
                out.append((start, end - 1, c))
            last_end = end  # an opener inside what was looked at opens nothing new: linear
        return out

    def list_cue(self, pos: int) -> Cue | None:
        """The cue that opened the list of targets `pos` is in, past the opener's sentence."""
        i = bisect.bisect_right(self._list_starts, pos) - 1
        if i >= 0 and pos < self.lists[i][1]:
            return self.lists[i][2]
        return None


@functools.lru_cache(maxsize=1)
def _heading_words() -> tuple[dict[str, re.Pattern], tuple[str, ...]]:
    """A pattern for each list of heading words (any of them in a line), and the plan words."""
    headings = words()["headings"]
    patterns = {kind: re.compile("|".join(re.escape(w) for w in headings[kind]))
                for kind in ("result", "lead_in", "plan", "headline_verbs")}
    return patterns, tuple(headings["plan"])


def heading_kind(line: str, numbered: bool = False) -> str | None:
    """plan or result for a heading that says so; None for any other.

    A numbered heading (`二、2025年主要目标和重点工作`) says so with a plan word anywhere outside
    quotes; an unnumbered line only when it ends with one (`2024年目标任务`), since a headline may
    merely name a plan (`公布「…资助计划」首轮审批结果`). Result words win (`一、2023年工作回顾`).
    """
    patterns, plan_words = _heading_words()
    core = line.rstrip(" :：)）")
    bare = _QUOTED.sub("", core)
    if patterns["result"].search(bare):
        return "result"
    if line.rstrip().endswith((":", "：")) and patterns["lead_in"].search(bare):
        return "plan"  # 为实现上述目标,重点抓好以下工作: the list below it is the plan
    if numbered:
        if patterns["plan"].search(bare):
            return "plan"
    elif core.endswith(plan_words) and not patterns["headline_verbs"].search(bare):
        return "plan"
    return None


def deadlines(text: str, start: int, end: int, ref_year: int | None) -> list[Cue]:
    """`到2025年` and `2027年或之前` with a year not before the reference year: plan cues."""
    out = []
    for m in DEADLINE.finditer(text, start, end):
        year = year_number(m.group("year") or m.group("year2"))
        if year is not None and (ref_year is None or year >= ref_year):
            out.append(Cue(m.start(), m.end(), "plan", f"到{year}"))
    return out


def years(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, year) for the four-digit years written in text[start:end]."""
    return [(m.start(), m.end(), int(m.group("year"))) for m in _YEAR.finditer(text, start, end)]
