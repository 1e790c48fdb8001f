"""What extractors produce, and the context they share."""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from .text.document import Document

TYPES = ("quantity", "range", "date", "org", "person", "contact", "target")


@dataclass(slots=True)  # a large document has hundreds of thousands: no __dict__ each
class Entity:
    """A find. start/end index the NORMALISED text until the pipeline maps them to the original."""

    type: str
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)
    rule: str = ""

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def unique(entities: Iterable[Entity]) -> list[Entity]:
    """One entity per type and span: the first of each (type, start, end), in the given order."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for e in entities:
        key = (e.type, e.start, e.end)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


@dataclass
class Context:
    """One document on its way through the extractors."""

    doc: Document
    ref_date: dt.date | None = None
    ref_origin: str = "none"
    entities: list[Entity] = field(default_factory=list)
    # things an extractor wants to tell a later one (org aliases, plan years, ...)
    notes: dict[str, Any] = field(default_factory=dict)
    # the user's words (extractors.lexicon.Lexicon) or None; the pipeline and targets consult it
    lexicon: Any = None

    @property
    def text(self) -> str:
        return self.doc.text

    def found(self, *types: str) -> list[Entity]:
        return [e for e in self.entities if not types or e.type in types]

    def occupied(self, start: int, end: int, types: Iterable[str]) -> bool:
        """True when an entity of one of `types` already covers part of [start, end)."""
        types = set(types)
        return any(e.type in types and e.overlaps(start, end) for e in self.entities)


class Intervals:
    """Spans [start, end) to ask, in O(log n), whether a span overlaps one of them (as
    `Entity.overlaps` says: `s < end and start < e`), so that a find is never compared with every
    earlier one. The spans are sorted by start with the farthest end reached so far: the spans that
    start before `end` are a prefix, and one of them reaches past `start` when the farthest does."""

    __slots__ = ("_starts", "_reach")

    def __init__(self, spans: Iterable[tuple[int, int]]):
        spans = sorted(spans)
        self._starts = [s for s, _ in spans]
        self._reach: list[int] = []
        farthest = None
        for _, e in spans:
            farthest = e if farthest is None or e > farthest else farthest
            self._reach.append(farthest)

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start
