"""What the user named on the command line, turned into documents (`batch.Job`s).

A path is a file, a folder (its files matching --glob, recursively, sorted) or `-` for stdin. With
--input-format jsonl every line of an input is a document: a JSON object whose text field is the
text and whose id field becomes `source`. Nothing here reads a whole folder into memory: folders are
listed up front (to know how many documents there are) and files are read one by one, by the
worker that processes them.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .jobs import Job

STDIN = "<stdin>"


@dataclass
class InputError:
    """An input that cannot become a document. `document` is True when it stands for one document
    (a bad JSON line) and False when it stands for none (a folder without matching files)."""

    source: str
    reason: str
    document: bool = True


@dataclass
class Options:
    encoding: str | None = None
    ref_date: str | None = None
    types: tuple[str, ...] | None = None
    lexicon: object = None  # a Lexicon (--lexicon), handed to every Job
    glob: str = "*.txt"
    input_format: str = "text"
    text_field: str = "text"
    id_field: str = "id"
    skip: frozenset[str] = frozenset()
    json_lines: bool = False  # the records are written as JSON Lines: encode them in the workers
    keep_text: bool = False   # the writer shows the text (html): the record carries it back


def list_inputs(paths: Iterable[str], glob: str) -> list[str | InputError]:
    """Each path as given, folders replaced by their matching files (sorted), or an InputError."""
    entries: list[str | InputError] = []
    for path in paths:
        if path == "-":
            entries.append(path)
            continue
        folder = Path(path)
        if folder.is_dir():
            try:
                files = sorted((p for p in folder.rglob(glob) if p.is_file()), key=lambda p: p.parts)
            except OSError as exc:
                entries.append(InputError(path, f"cannot list folder: {exc.strerror or exc}", document=False))
                continue
            if not files:
                entries.append(InputError(path, f"no files matching {glob!r} in this folder", document=False))
            entries.extend(str(p) for p in files)
        else:
            # a missing or unreadable file fails in the worker, as one document, in its place
            entries.append(path)
    return entries


def count_documents(entries: list[str | InputError], options: Options) -> int | None:
    """How many documents there will be, when it is known before reading (not for JSON Lines)."""
    if options.input_format == "jsonl":
        return None
    return sum(1 for e in entries if isinstance(e, str) and _source_of(e) not in options.skip)


def _source_of(entry: str) -> str:
    return STDIN if entry == "-" else entry


def _job(options: Options, source: str, **content) -> Job:
    return Job(source=source, encoding=options.encoding, ref_date=options.ref_date, types=options.types,
               lexicon=options.lexicon, json_line=options.json_lines, keep_text=options.keep_text,
               **content)


def jobs(entries: list[str | InputError], options: Options) -> Iterator[Job | InputError]:
    """The documents, lazily, in order; resumed sources are skipped."""
    for entry in entries:
        if isinstance(entry, InputError):
            yield entry
        elif options.input_format == "jsonl":
            yield from _jsonl_documents(entry, options)
        elif _source_of(entry) in options.skip:
            continue
        elif entry == "-":
            yield _job(options, STDIN, data=sys.stdin.buffer.read())
        else:
            yield _job(options, entry, path=entry)


def _jsonl_documents(entry: str, options: Options) -> Iterator[Job | InputError]:
    name = _source_of(entry)
    try:
        stream = sys.stdin.buffer if entry == "-" else open(entry, "rb")
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")
        return
    try:
        for number, raw in enumerate(stream, 1):
            where = f"{name}:{number}"
            if not raw.strip():
                continue
            try:
                document = json.loads(raw.decode(options.encoding or "utf-8"))
            except (UnicodeDecodeError, LookupError, json.JSONDecodeError) as exc:
                yield InputError(where, f"not a JSON document: {exc}")
                continue
            if not isinstance(document, dict):
                yield InputError(where, "not a JSON object")
                continue
            text = document.get(options.text_field)
            if not isinstance(text, str):
                yield InputError(where, f"no text field {options.text_field!r}")
                continue
            identifier = document.get(options.id_field)
            source = where if identifier is None or identifier == "" else str(identifier)
            if source in options.skip:
                continue
            yield _job(options, source, text=text)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def sources_in(path: Path) -> set[str]:
    """The sources of the complete records already in a JSON Lines file (for --resume)."""
    sources = set()
    for line in complete_lines(path):
        source = json.loads(line).get("source")
        if isinstance(source, str):
            sources.add(source)
    return sources


def complete_lines(path: Path) -> list[str]:
    """The lines of a JSON Lines file that hold a whole record (an interrupted run may have cut the
    last one), each ending with a newline."""
    lines = []
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(record, dict):
                    lines.append(line if line.endswith("\n") else line + "\n")
    except FileNotFoundError:
        pass
    return lines
