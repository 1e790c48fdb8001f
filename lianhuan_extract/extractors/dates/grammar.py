"""From date atoms to date expressions: chain adjacent atoms, refuse lone fragments, join ranges.

A chain is a run of atoms that read as one date: a year may take a month, a quarter, a half, a
holiday or `前N个月`; a month may take a day; a day may take a part of the day, a clock time and
a weekday. A chain that is only a fragment (a clock time, a bare weekday, `前两个月` without a
year, a two-digit `10年` that is more likely ten years) is dropped. Two chains joined by 至, 到,
- or ~ make a period; the right end borrows the year and month it leaves out from the left.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import re  # faster than the regex module on these short gaps

from .tokens import Token

YEAR_KINDS = {"TY", "Y4", "Y3", "Y2", "YCN", "YCNK", "ROCY", "RY"}
MONTH_KINDS = {"M", "RM"}
DAY_KINDS = {"D", "BD", "TD", "RD", "ND", "ND8", "NDSP", "NDROC", "NDUS", "NDEU", "MDS", "MDDOT", "MDH", "WQ",
             "HOL", "NTHWD", "DR"}
AFTER_YEAR = {"M", "RM", "MR", "Q", "QR", "QRA", "H", "HOL", "NTHM", "NTHMS"}
AFTER_MONTH = {"D", "BD", "DR", "NTHD", "NTHWD"}
AFTER_DAY = {"POD", "CLOCK", "WD"}
FRAGMENTS = {"POD", "CLOCK", "WD", "NTHD", "NTHM", "NAME", "NTHWD"}

_GAP_PLAIN = re.compile(r"[ \t]{0,2}")
_GAP_OF = re.compile(r"[ \t]?的[ \t]?")
_GAP_WEEKDAY = re.compile(r"[ \t]{0,2}[,，、]?[ \t]{0,2}")
_RANGE_GAP = re.compile(r"[ \t]{0,2}起?[ \t]{0,2}(?:至|到|-|－|—{1,2}|–|~|──)[ \t]{0,2}")
_AND_GAP = re.compile(r"[ \t]?(?:和|与|及)[ \t]?")
LONGEST_RANGE_GAP = 9  # of _RANGE_GAP and _AND_GAP: farther apart, two dates make no period
_BETWEEN_AFTER = re.compile(r"[ \t]?之?间")


@dataclass(slots=True)
class Piece:
    """One date expression before resolution: the fields its atoms filled."""

    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)
    fields: dict = field(default_factory=dict)

    kinds: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.kinds = tuple([t.kind for t in self.tokens])  # asked many times of each piece

    @property
    def rule(self) -> str:
        return "date." + "+".join([kind.lower() for kind in self.kinds if kind not in ("POD", "CLOCK", "WD")])


@dataclass(slots=True)
class RangePiece:
    start: int
    end: int
    left: Piece
    right: Piece

    @property
    def rule(self) -> str:
        return f"date.range({self.left.rule[5:]},{self.right.rule[5:]})"


def _may_follow(prev: Token, nxt: Token, chain: list[Token], gap: str) -> bool:
    kinds = {t.kind for t in chain}
    k = nxt.kind
    if k in AFTER_DAY:
        has_day = bool(kinds & DAY_KINDS) or "POD" in kinds
        if k == "WD":
            return bool(kinds & DAY_KINDS) and "WD" not in kinds and _GAP_WEEKDAY.fullmatch(gap) is not None
        if k == "CLOCK":
            return has_day and "CLOCK" not in kinds and _GAP_PLAIN.fullmatch(gap) is not None
        return bool(kinds & DAY_KINDS) and "POD" not in kinds and "CLOCK" not in kinds and gap == ""
    if kinds & DAY_KINDS or "POD" in kinds or "CLOCK" in kinds:
        return False
    plain = _GAP_PLAIN.fullmatch(gap) is not None
    of = _GAP_OF.fullmatch(gap) is not None
    if prev.kind in YEAR_KINDS and not (kinds & (MONTH_KINDS | {"MR", "Q", "QR", "QRA", "H", "NTHM", "NTHMS"})):
        return k in AFTER_YEAR and (plain or (of and k in ("NTHM", "NTHMS", "M", "Q", "H")))
    if prev.kind == "YR":
        return k == "M" and plain
    if prev.kind in MONTH_KINDS:
        return k in AFTER_MONTH and plain
    return False


def chains(tokens: list[Token], text: str) -> list[list[Token]]:
    out: list[list[Token]] = []
    for tok in tokens:
        if out:
            chain = out[-1]
            prev = chain[-1]
            if tok.start >= prev.end and tok.start - prev.end <= 3:
                gap = text[prev.end:tok.start]
                if _may_follow(prev, tok, chain, gap):
                    chain.append(tok)
                    continue
        out.append([tok])
    return out


def to_piece(chain: list[Token]) -> Piece:
    """The piece a chain makes; it keeps the chain, and a lone atom's fields (a piece's fields are
    never changed in place: a piece with other fields is a new piece)."""
    if len(chain) == 1:
        return Piece(chain[0].start, chain[0].end, chain, chain[0].data)
    fields: dict = {}
    for t in chain:
        for key, value in t.data.items():
            fields.setdefault(key, value)
    return Piece(chain[0].start, chain[-1].end, list(chain), fields)


def join_ranges(pieces: list[Piece], text: str) -> list[Piece | RangePiece]:
    out: list[Piece | RangePiece] = []
    i = 0
    while i < len(pieces):
        a = pieces[i]
        if i + 1 < len(pieces) and pieces[i + 1].start - a.end <= LONGEST_RANGE_GAP:
            b = pieces[i + 1]
            gap = text[a.end:b.start]
            joined = _RANGE_GAP.fullmatch(gap) is not None
            end = b.end
            if not joined and _AND_GAP.fullmatch(gap):
                tail = _BETWEEN_AFTER.match(text, b.end)
                if tail:
                    joined, end = True, tail.end()
            if joined and _joinable(a, b):
                out.append(RangePiece(a.start, end, a, b))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _joinable(a: Piece, b: Piece) -> bool:
    """Both ends are dates of kinds that make a period together."""
    bad = {"RYP", "FY", "FYCN", "RFY", "PLAN", "DEC", "DEC2", "CENT", "ROCDEC", "YR", "YR3", "MR", "QR", "QRA", "DR"}
    if set(a.kinds) & bad or set(b.kinds) & bad:
        return False
    return True
