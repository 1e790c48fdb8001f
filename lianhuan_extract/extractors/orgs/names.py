"""The pieces of organization names that finding and linking share: the `Mention` a finder
rule returns, the word lists of data/orgs.toml, and when one name abbreviates another
(联环集团 -> 江苏联环药业集团有限公司, 市科技局 -> 市科学技术局).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ...data import load
from .places import place_starting_at

# the characters of the regex module's \p{Han}, written out for the standard engine, whose
# fullmatch of a short word costs half as much (tests/test_orgs.py checks it against \p{Han})
HAN_CLASS = ("\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
             "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3"
             "\U00016ff0-\U00016ff6\U00020000-\U0002a6df\U0002a700-\U0002b81d\U0002b820-\U0002cead"
             "\U0002ceb0-\U0002ebe0\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a"
             "\U00031350-\U00033479")
HAN = re.compile("[" + HAN_CLASS + "]+")


@dataclass
class Mention:
    start: int
    end: int
    surface: str
    rule: str
    # government bodies: the place named in front (扬州), the level (市) and the body (政府)
    place: str = ""
    level: str = ""
    body: str = ""
    parent: "Mention | None" = None
    aliases: set[str] = field(default_factory=set)
    # what the name is, where a rule knows it: media, government, fund, company, institution
    kind: str = ""

    @property
    def is_government(self) -> bool:
        return bool(self.level)


@functools.lru_cache(maxsize=1)
def lists() -> dict:
    return load("orgs")


def _strip_place(name: str) -> str:
    """联环药业集团有限公司 from 江苏联环药业集团有限公司; 交投集团 from 省交投集团."""
    if name.startswith(("中国", "中华")) and len(name) > 4:
        name = name[2:]
    place = place_starting_at(name, 0)
    if place and len(name) - len(place) >= 2:
        name = name[len(place):]
    if len(name) > 3 and name[0] in "省市县区":
        name = name[1:]
    return name


def _in_order(short: str, full: str) -> bool:
    it = iter(full)
    return all(c in it for c in short)


def abbreviates(short: str, full: str) -> bool:
    """`short` is an abbreviation of the (non-government) name `full`."""
    if len(short) >= len(full) or short[-1] not in full:
        return False  # every way below ends `short` with a character `full` holds
    if full.startswith(short):
        # 华锐重工 | 股份有限公司 abbreviates; 经济部 | 中小及新创企业署 and 江东大学 | 经济学院 are parents
        rest = full[len(short):]
        company = lists()["company"]
        if any(rest.startswith(f) or rest == f for f in company["full_forms"]):
            return True
        # 鸿源精密 | 工业 | 股份有限公司: an industry word between the short name and the form
        form = next((f for f in sorted(company["full_forms"], key=len, reverse=True) if rest.endswith(f)), "")
        middle = rest[:len(rest) - len(form)]
        return bool(form) and (middle in company["industries"] or middle in company["short_industries"]
                               or middle in ("工业", "实业", "技术", "科技"))
    # 上海温州商会 and 北京温州企业商会: each opens with a place of its own, so neither is the other
    own, other = place_starting_at(short, 0), place_starting_at(full, 0)
    if own and other and own != other and not full.startswith(own) and not full[len(other):].startswith(own) \
            and len(short) - len(own) >= 2:
        return False
    # 联环集团 in (江苏)联环药业集团有限公司; 天元集团 keeps 天元 though it is also a place name
    if not any(a and b and a[0] == b[0] and _in_order(a, b)
               for a in {short, _strip_place(short)} for b in {full, _strip_place(full)}):
        return False
    gov_end = "局厅委署部处办府院会"
    if short[-1] in gov_end or full[-1] in gov_end:
        return short[-1] == full[-1]
    for form in lists()["company"]["short_forms"]:
        if short.endswith(form):
            return form in full
    if short.endswith("公司") and full.endswith("公司"):
        return True  # 大亚湾运营公司 for 大亚湾核电运营管理有限责任公司: in order, the same start
    return full.find(short) >= 0


def body_abbreviates(short: tuple, full: tuple) -> bool:
    """(江州, 市, 科技局) abbreviates (江州, 市, 科学技术局); (扬州, 市, 委) does not (扬州, 市, 国资委)."""
    if short[:2] != full[:2] or short[2] == full[2]:
        return False
    a, b = short[2], full[2]
    return len(a) < len(b) and a[0] == b[0] and a[-1] == b[-1] and _in_order(a, b)
