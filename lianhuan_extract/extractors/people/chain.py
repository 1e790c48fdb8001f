"""The titles of one person: the chain of titles before a name.

Titles are joined by 、, 兼 or 暨 (党委书记、董事长; 董事长暨执行长), and an organization may stand
between a joiner and the next title (区委书记、某某经开区党工委书记; 市政协副主席、市工商联主席): it
is skipped, and kept as the person's org when the org extractor found it right before the title.
"""
from __future__ import annotations

from ...entity import Entity
from .lexicon import is_han, lists, patterns, title_matches
from .names import surname_at

# how far back an organization between a joiner and a title may reach (中华民国工业区厂商联合总会)
MAX_ORG = 20


class Title:
    """A title written in the text (the methods of a regex match, which it replaces)."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str):
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text


def find_titles(text: str) -> list[Title]:
    """Every title, longest first; 副 (常务副) before a title the lists hold without it is part of it
    (副队长, 常务副院长)."""
    out = []
    for start, word in title_matches(text):
        end = start + len(word)
        if start > 0 and text[start - 1] == "副" and not word.startswith("副"):
            start, word = start - 1, "副" + word
        if word.startswith("副") and text.endswith("常务", 0, start):  # 常务副院长
            start, word = start - 2, "常务" + word
        out.append(Title(start, end, word))
    return out


class TitleChain:
    """Titles found in the text, and the org mentions between them."""

    def __init__(self, text: str, orgs: list[Entity], titles):
        self.text = text
        self.titles = {m.end(): m for m in titles}
        self.used: set[int] = set()  # the starts of titles that some chain read
        self.org_ends: dict[int, Entity] = {}
        for e in orgs:
            self.org_ends.setdefault(e.end, e)

    def _joined_before(self, pos: int) -> int:
        """End of the title that a joiner links to the title starting at `pos`, or -1. The way
        back crosses Han characters only, and no other title with a name after it (董事长张三和|总经理
        is two people; 人大常委会|主任 is one title)."""
        joiners = lists()["joiners"]
        if pos in self.titles:
            return pos  # two titles written together: 党委书记董事长王某
        k = pos
        while k > 0 and pos - k <= MAX_ORG:
            ch = self.text[k - 1]
            if ch in joiners:
                return k - 1 if k - 1 in self.titles else -1
            if not is_han(ch) or (k != pos and k in self.titles and surname_at(self.text, k)):
                return -1
            k -= 1
        return -1

    def titles_before(self, end: int) -> tuple[list[str], str | None]:
        """The titles ending at `end` and the ones chained before them, nearest last; the org named among them."""
        out: list[str] = []
        org = None
        pos = end
        seen = 0
        while pos in self.titles and seen < 8:
            seen += 1
            m = self.titles[pos]
            if m.group() not in out:
                out.insert(0, m.group())
            pos = m.start()
            self.used.add(pos)
            if pos in self.org_ends:  # 江东机械集团有限公司|党委书记
                org = org or self.org_ends[pos].fields.get("name")
            pos = self._joined_before(pos)
        return out, org
