"""Writers for the formats of the command line: json, jsonl, csv, table and html (`html.py`).

A writer receives the documents in input order, one call each, and never sees an exception of the
library: `record(rec)` for a processed document, `failure(source, reason)` for one that failed, then
`close()` once. Writers stream: each record is written (and flushed) when it arrives, so that an
interrupted run leaves only complete records behind.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Any

FORMATS = ("json", "jsonl", "csv", "table", "html")
SCHEMA = "lianhuan-extract/1"


def dumps(record: dict, indent: int | None = None) -> str:
    return json.dumps(record, ensure_ascii=False, indent=indent)


def error_record(source: str, reason: str) -> dict:
    """What jsonl prints for a document that failed: a record with an `error` and no entities."""
    return {"schema": SCHEMA, "source": source, "error": reason, "entities": []}


class Writer:
    def __init__(self, out: IO[str], *, colour: bool = False, explain: bool = False, width: int | None = None,
                 many: bool | None = None):
        self.out = out
        self.colour = colour
        self.explain = explain
        self.width = width
        # the input is a collection (a folder, several paths, JSON Lines): json prints an array
        # whatever the count; None: decide by the count (the library's writers, old callers)
        self.many = many

    def record(self, record: dict) -> None:
        raise NotImplementedError

    def failure(self, source: str, reason: str) -> None:
        """A document that failed; most formats leave it to the message on stderr."""

    def close(self) -> None:
        self.out.flush()


class JsonLinesWriter(Writer):
    """One document a line, flushed as it goes; a failed document is a record with `error`."""

    def record(self, record: dict) -> None:
        self.line(dumps(record))

    def line(self, line: str) -> None:
        """A record a worker has already encoded (batch.Job.json_line)."""
        self.out.write(line + "\n")
        self.out.flush()

    def failure(self, source: str, reason: str) -> None:
        self.record(error_record(source, reason))


class JsonWriter(Writer):
    """An object for a single file or stdin, an array when the input is a collection (a folder,
    several paths, JSON Lines), whatever the count, so `jq '.[]'` does not depend on it. Without
    `many` the shape follows the count (an array from the second document on)."""

    def __init__(self, out: IO[str], **options):
        super().__init__(out, **options)
        self.documents = 0
        self.first: dict | None = None
        self.written = 0

    def _emit(self, text: str) -> None:
        self.out.write(text)
        self.out.flush()

    def _render(self, record: dict, indent: int) -> str:
        text = dumps(record, indent=2)
        if self.colour:
            text = _coloured(text)
        if indent:
            text = "\n".join(" " * indent + line for line in text.splitlines())
        return text

    def _array_item(self, record: dict) -> None:
        self._emit(("[\n" if self.written == 0 else ",\n") + self._render(record, 2))
        self.written += 1

    def _document(self, record: dict | None) -> None:
        self.documents += 1
        if self.many:
            if record is not None:
                self._array_item(record)
            return
        if self.documents == 1:
            self.first = record
            return
        if self.documents == 2 and self.first is not None:
            self._array_item(self.first)
        if record is not None:
            self._array_item(record)

    def record(self, record: dict) -> None:
        self._document(record)

    def failure(self, source: str, reason: str) -> None:
        self._document(None)

    def close(self) -> None:
        if self.many:
            self._emit(("[" if self.written == 0 else "\n") + "]\n")
        elif self.documents == 1 and self.first is not None:
            self._emit(self._render(self.first, 0) + "\n")
        elif self.documents > 1:
            self._emit(("[\n" if self.written == 0 else "\n") + "]\n")
        super().close()


def _coloured(json_text: str) -> str:
    """The JSON text with rich's terminal colours, same lines and spaces."""
    from rich.console import Console
    from rich.highlighter import JSONHighlighter

    console = Console(force_terminal=True, color_system="standard", soft_wrap=True, width=10_000)
    with console.capture() as captured:
        console.print(JSONHighlighter()(json_text), end="")
    return captured.get()


# Every field of the contract, in this order (README, "CSV columns"): where the entity is, what it
# says, then each type's own fields; lists are joined with ';'. A field that a later version adds
# goes at the end, so that existing columns keep their places.
CSV_COLUMNS = ("source", "type", "start", "end", "text", "value", "unit", "dimension", "comparator",
               "min", "max", "grain", "unresolved", "kind", "name", "aliases", "titles", "org", "metric",
               "year", "subject", "modality", "rule")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class CsvWriter(Writer):
    """One entity a row; UTF-8 with a byte order mark so that Excel reads the Chinese right."""

    def __init__(self, out: IO[str], **options):
        super().__init__(out, **options)
        self.writer = csv.writer(out, lineterminator="\r\n")
        self.out.write("\ufeff")
        self.writer.writerow(CSV_COLUMNS)

    def record(self, record: dict) -> None:
        for entity in record.get("entities", []):
            row = dict(entity, source=record.get("source"))
            self.writer.writerow([_cell(row.get(column)) for column in CSV_COLUMNS])
        self.out.flush()


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def describe(entity: dict) -> str:
    """The value of an entity in a few words, for people."""
    kind = entity.get("type")
    if kind == "quantity":
        comparator = entity.get("comparator", "=")
        prefix = "" if comparator == "=" else comparator + " "
        return f"{prefix}{_number(entity.get('value'))} {entity.get('unit', '')}".strip()
    if kind == "range":
        return f"{_number(entity.get('min'))}–{_number(entity.get('max'))} {entity.get('unit', '')}".strip()
    if kind == "date":
        return f"{entity.get('value', '')} ({entity.get('grain', '')})"
    if kind == "org":
        return str(entity.get("name", ""))
    if kind == "person":
        titles = "、".join(entity.get("titles") or [])
        return f"{entity.get('name', '')} {titles}".strip()
    if kind == "contact":
        return f"{entity.get('kind', '')}: {entity.get('value', '')}"
    if kind == "target":
        return f"{entity.get('metric', '')} {entity.get('comparator', '')} {target_amount(entity)}".strip()
    return ""


def target_amount(entity: dict) -> str:
    if "min" in entity or "max" in entity:
        amount = f"{_number(entity.get('min'))}–{_number(entity.get('max'))}"
    else:
        amount = _number(entity.get("value"))
    return f"{amount} {entity.get('unit', '')}".strip()


def _console(**options):
    """A rich Console whose closed pipe is a BrokenPipeError like any other writer's (rich's own
    answer is to exit with status 1 on the spot)."""
    from rich.console import Console

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return PipeConsole(**options)


class TableWriter(Writer):
    """rich tables for people: the targets first (when there are any), then the other entities.

    As wide as `width` (the command passes $COLUMNS or the terminal's width, piped or not), else
    the terminal's, else 160 columns; long cells wrap, nothing is cut with an ellipsis."""

    def __init__(self, out: IO[str], **options):
        super().__init__(out, **options)
        self.console = _console(file=out, force_terminal=self.colour, no_color=not self.colour,
                                width=self.width or (None if self.colour else 160), highlight=False)

    def record(self, record: dict) -> None:
        from rich.table import Table

        meta = record.get("meta", {})
        entities = record.get("entities", [])
        self.console.rule(f"{record.get('source')}  ·  {meta.get('chars', 0)} chars  ·  "
                          f"{meta.get('encoding')}  ·  {meta.get('script')}  ·  {len(entities)} entities")
        targets = [e for e in entities if e.get("type") == "target"]
        others = [e for e in entities if e.get("type") != "target"]
        if targets:
            table = Table(title="targets", title_justify="left")
            for column in ("metric", "comparator", "value", "unit", "year", "subject"):
                table.add_column(column, overflow="fold")
            if self.explain:
                table.add_column("rule", overflow="fold")
            for t in targets:
                if "min" in t or "max" in t:
                    amount = f"{_number(t.get('min'))}–{_number(t.get('max'))}"
                else:
                    amount = _number(t.get("value"))
                row = [str(t.get("metric", "")), str(t.get("comparator", "")), amount, str(t.get("unit", "")),
                       str(t.get("year", "") or ""), str(t.get("subject", "") or "")]
                if self.explain:
                    row.append(str(t.get("rule", "")))
                table.add_row(*row)
            self.console.print(table)
        table = Table(title="entities" if targets else None, title_justify="left")
        for column in ("type", "text", "value", "at"):
            table.add_column(column, overflow="fold")
        if self.explain:
            table.add_column("rule", overflow="fold")
        for e in others:
            row = [str(e.get("type", "")), str(e.get("text", "")), describe(e), f"{e.get('start')}–{e.get('end')}"]
            if self.explain:
                row.append(str(e.get("rule", "")))
            table.add_row(*row)
        if others or not targets:
            self.console.print(table)
        self.out.flush()

    def failure(self, source: str, reason: str) -> None:
        self.console.rule(f"{source}  ·  failed: {reason}")


# html's writer lives in html.py, which builds on this module; sink.writer_for knows both
WRITERS = {"json": JsonWriter, "jsonl": JsonLinesWriter, "csv": CsvWriter, "table": TableWriter}
