"""decode -> clean -> normalise -> (segment, lazily) -> extract -> map offsets -> record."""
from __future__ import annotations

import datetime as dt
import sys
from typing import Iterable

from . import extractors
from .text.clean import clean
from .text.document import Document, Edit
from .entity import TYPES, Context, Entity, unique
from .extractors.lexicon import Lexicon, LexiconSource
from .text.locale import locale_of
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
    """Clean and normalise `text` into a Document.

    A leading byte order mark is an edit like any other: the extractors do not see it, and
    offsets still index the string the caller passed (`"\ufeff5亿元"` has `5亿元` at 1:4)."""
    doc = Document(original=text, source=source, encoding=encoding)
    if text.startswith("\ufeff"):
        doc.apply("bom", [Edit(0, 1, "", "byte order mark")])
    clean(doc)
    normalise(doc)
    return doc


def run_extractors(doc: Document, ref_date=None, types: Iterable[str] | str | None = None,
                   lexicon: Lexicon | None = None) -> Context:
    ctx = Context(doc=doc, lexicon=lexicon)
    ref = parse_ref_date(ref_date)
    if ref is not None:
        ctx.ref_date, ctx.ref_origin = ref, "given"
        ctx.notes["reference_date_precision"] = "day"
    else:
        # precision "year": only the year is known, so day-relative words stay unresolved
        ctx.ref_date, ctx.ref_origin, ctx.notes["reference_date_precision"] = (
            extractors.dates.infer_reference(doc))
    if isinstance(types, str):  # "date,org" as --types takes it
        types = types.split(",")
    wanted = {t.strip() for t in types if t.strip()} if types else None
    if wanted and not wanted <= set(TYPES):
        raise ValueError(f"unknown entity type {', '.join(sorted(wanted - set(TYPES)))} (known: {', '.join(TYPES)})")
    for extractor in extractors.plan(wanted):
        found = extractor.module.extract(ctx)
        if lexicon is not None:  # the user's words (--lexicon) on top of the family's rules
            found = lexicon.after(extractor.name, ctx, found)
        ctx.entities.extend(found)
    if wanted:
        ctx.entities = [e for e in ctx.entities if e.type in wanted]
    # two rules may find the same thing (an org declared and abbreviated): the record holds it once
    ctx.entities = unique(ctx.entities)
    return ctx


_TYPE_ORDER = {kind: i for i, kind in enumerate(TYPES)}


def _record_order(e: Entity) -> tuple[int, int, int]:
    return e.start, -e.end, _TYPE_ORDER[e.type]


def _entity_records(doc: Document, entities: list[Entity], consume: bool = False) -> list[dict]:
    """The entities as records, in text order, their spans in the original text. `consume`: the
    caller gives `entities` away, and each entity is let go once it is a record, so that a large
    document does not hold both at once (about a third of its peak memory)."""
    # a text no stage shortened keeps its offsets: no map to walk for each entity
    span = doc.span_mapper()
    original = doc.original
    intern = sys.intern  # a rule name is one of a few: one string each
    out = []
    append = out.append
    ordered = sorted(entities, key=_record_order)
    if consume:
        entities.clear()
    for i, e in enumerate(ordered):
        start, end = e.start, e.end
        if end <= start:  # an empty span stays where it is (Document.to_original)
            end = start
        elif span is not None:
            start, end = span(start, end - 1)
        record = {"type": e.type, "text": original[start:end], "start": start, "end": end, **e.fields}
        if e.rule:
            record["rule"] = intern(e.rule)
        append(record)
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
            "locale": locale_of(doc),
            "reference_date": ctx.ref_date.isoformat() if ctx.ref_date else None,
            "reference_date_origin": ctx.ref_origin,
            "reference_date_precision": ctx.notes.get("reference_date_precision"),
            "glosses_removed": doc.counts.get("glosses", 0),
            "boilerplate_lines_removed": doc.counts.get("boilerplate_lines", 0),
            "punctuation_removed": doc.counts.get("punctuation", 0),
        },
        "entities": _entity_records(doc, ctx.entities, consume),
    }


def extract(text: str, ref_date=None, source: str | None = None, types: Iterable[str] | str | None = None,
            encoding: str | None = None, lexicon: LexiconSource = None) -> dict:
    """The record (README, "The record"; `lianhuan-extract --schema`) for one text. Never prints;
    raises ValueError on a bad ref_date or type, LexiconError (a ValueError) on a bad lexicon."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    ref = parse_ref_date(ref_date)
    lexicon = Lexicon.coerce(lexicon)
    doc = prepare(text, source=source, encoding=encoding)
    return to_record(run_extractors(doc, ref, types, lexicon), consume=True)
