"""decode -> clean -> normalise -> (segment, lazily) -> extract -> map offsets -> record."""
from __future__ import annotations

import datetime as dt
import sys
from typing import Iterable

from . import extractors
from .text.clean import clean
from .text.document import Document
from .entity import TYPES, Context, Entity
from .text.normalise import normalise

SCHEMA = "lianhuan-extract/1"


def parse_ref_date(value) -> dt.date | None:
    """A date, a datetime or a 'YYYY-MM-DD' string (None stays None). Raises ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"reference date must be YYYY-MM-DD, got {value!r}") from None


def prepare(text: str, source: str | None = None, encoding: str | None = None) -> Document:
    """Clean and normalise `text` into a Document."""
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = Document(original=text, source=source, encoding=encoding)
    clean(doc)
    normalise(doc)
    return doc


def run_extractors(doc: Document, ref_date=None, types: Iterable[str] | None = None) -> Context:
    ctx = Context(doc=doc)
    ref = parse_ref_date(ref_date)
    if ref is not None:
        ctx.ref_date, ctx.ref_origin = ref, "given"
        ctx.notes["reference_date_precision"] = "day"
    else:
        # precision "year": only the year is known, so day-relative words stay unresolved
        ctx.ref_date, ctx.ref_origin, ctx.notes["reference_date_precision"] = (
            extractors.dates.infer_reference(doc))
    wanted = set(types) if types else None
    if wanted and not wanted <= set(TYPES):
        raise ValueError(f"unknown entity type {', '.join(sorted(wanted - set(TYPES)))} (known: {', '.join(TYPES)})")
    for extractor in extractors.plan(wanted):
        ctx.entities.extend(extractor.module.extract(ctx))
    if wanted:
        ctx.entities = [e for e in ctx.entities if e.type in wanted]
    return ctx


_TYPE_ORDER = {kind: i for i, kind in enumerate(TYPES)}


def _entity_records(doc: Document, entities: list[Entity], consume: bool = False) -> list[dict]:
    """The entities as records, in text order, their spans in the original text. `consume`: the
    caller gives `entities` away, and each entity is let go once it is a record, so that a large
    document does not hold both at once (about a third of its peak memory)."""
    # a text no stage shortened keeps its offsets: no map to walk for each entity
    moved = any(stage_map is not None for _, stage_map, _ in doc.stages)
    original = doc.original
    out = []
    ordered = sorted(entities, key=lambda e: (e.start, -e.end, _TYPE_ORDER[e.type]))
    if consume:
        entities.clear()
    for i, e in enumerate(ordered):
        start, end = doc.to_original(e.start, e.end) if moved or e.end <= e.start else (e.start, e.end)
        record = {"type": e.type, "text": original[start:end], "start": start, "end": end}
        record.update(e.fields)
        if e.rule:
            record["rule"] = sys.intern(e.rule)  # a rule name is one of a few: one string each
        out.append(record)
        if consume:
            ordered[i] = None
    return out


def to_record(ctx: Context, consume: bool = False) -> dict:
    """The document's record; `consume`: ctx is not used after, its entities are let go as they
    become records."""
    doc = ctx.doc
    return {
        "schema": SCHEMA,
        "source": doc.source,
        "meta": {
            "chars": len(doc.original),
            "encoding": doc.encoding,
            "script": doc.script,
            "reference_date": ctx.ref_date.isoformat() if ctx.ref_date else None,
            "reference_date_origin": ctx.ref_origin,
            "reference_date_precision": ctx.notes.get("reference_date_precision"),
            "glosses_removed": doc.counts.get("glosses", 0),
            "boilerplate_lines_removed": doc.counts.get("boilerplate_lines", 0),
            "punctuation_removed": doc.counts.get("punctuation", 0),
        },
        "entities": _entity_records(doc, ctx.entities, consume),
    }


def extract(text: str, ref_date=None, source: str | None = None, types: Iterable[str] | None = None,
            encoding: str | None = None) -> dict:
    """The record (shared/spec/output.md) for one text. Never prints; raises ValueError on a bad ref_date."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    ref = parse_ref_date(ref_date)
    doc = prepare(text, source=source, encoding=encoding)
    return to_record(run_extractors(doc, ref, types), consume=True)
