"""What extractors produce, and the context they share."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from .text.document import Document

TYPES = ("quantity", "range", "date", "org", "person", "contact", "target")


@dataclass
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
