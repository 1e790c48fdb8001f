"""What the user named on the command line, turned into documents (`batch.Job`s).

A path is a file, a folder (its files matching --glob, recursively, sorted) or `-` for stdin. With
--input-format jsonl every line of an input is a document: a JSON object whose text field is the
text and whose id field becomes `source`. Nothing here reads a whole folder into memory: folders are
listed up front (to know how many documents there are) and files are read one by one, by the
worker that processes them.

Only regular files are read: a FIFO or a device (named, or met in a folder) is skipped with a
message, never opened, so a run cannot hang on a pipe nobody writes or read `/dev/zero` forever.
A document larger than `MAX_DOCUMENT_BYTES` is a failure of that document, said so.

Sources are what the records and messages print, so they are always valid UTF-8: a file name that
is not UTF-8 (or a lone surrogate in an id) is written with its bad bytes escaped as `\\xff`, and
the record says so (`meta.source_escaped`, see `jobs`).
"""
from __future__ import annotations

import codecs
import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Iterable, Iterator

from ..text.files import MAX_DOCUMENT_BYTES, file_kind, size_text, skipped
from .jobs import Job, escape_source

STDIN = "<stdin>"


@dataclass
class InputError:
    """An input that cannot become a document. `document` is True when it stands for one document
    (a bad JSON line) and False when it stands for none (a folder without matching files)."""

    source: str
    reason: str
    document: bool = True


@dataclass
class Kept:
    """A document --resume does not run again: its record in the output file is kept."""

    ordinal: int
    source: str


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
    kept: frozenset[int] = frozenset()  # documents (by number in input order) --resume keeps
    json_lines: bool = False  # the records are written as JSON Lines: encode them in the workers
    keep_text: bool = False   # the writer shows the text (html): the record carries it back


def glob_problem(glob: str) -> str | None:
    """Why --glob cannot be used (None when it can): it must name files inside the folder."""
    if not glob or not glob.strip():
        return "is empty"
    if os.path.isabs(glob) or glob.startswith("~"):
        return f"{glob!r} is not inside the folder (give a pattern relative to it, such as '*.txt')"
    if ".." in PurePath(glob).parts:
        return f"{glob!r} reaches outside the folder ('..' is not allowed)"
    return None


def list_inputs(paths: Iterable[str], glob: str) -> list[str | InputError]:
    """Each path as given, folders replaced by their matching files (sorted), or an InputError."""
    entries: list[str | InputError] = []
    for path in paths:
        if path == "-":
            entries.append(path)
            continue
        try:
            info = os.stat(path)
        except OSError:
            # a missing or unreadable file fails in the worker, as one document, in its place
            entries.append(path)
            continue
        if stat.S_ISDIR(info.st_mode):
            entries.extend(_folder(path, glob))
        elif stat.S_ISREG(info.st_mode):
            entries.append(path)
        else:
            entries.append(InputError(escape_source(path)[0], skipped(file_kind(info.st_mode)), document=False))
    return entries


def _folder(path: str, glob: str) -> list[str | InputError]:
    folder = Path(path)
    found: list[tuple[tuple, str | InputError]] = []
    try:
        for p in folder.rglob(glob):
            try:
                mode = p.stat().st_mode
            except OSError:
                continue  # a dangling link
            if stat.S_ISDIR(mode):
                continue
            kind = file_kind(mode)
            item = str(p) if kind is None else InputError(escape_source(str(p))[0], skipped(kind), document=False)
            found.append((p.parts, item))
    except (OSError, ValueError, NotImplementedError) as exc:
        return [InputError(escape_source(path)[0], f"cannot list folder: {getattr(exc, 'strerror', None) or exc}",
                           document=False)]
    found.sort(key=lambda pair: pair[0])
    if not any(isinstance(item, str) for _, item in found):
        return [item for _, item in found] + [
            InputError(escape_source(path)[0], f"no files matching {glob!r} in this folder", document=False)]
    return [item for _, item in found]


def count_documents(entries: list[str | InputError], options: Options) -> int | None:
    """How many documents there will be, when it is known before reading (not for JSON Lines)."""
    if options.input_format == "jsonl":
        return None
    ordinal = 0
    count = 0
    for entry in entries:
        if isinstance(entry, InputError):
            ordinal += entry.document
            continue
        count += ordinal not in options.kept
        ordinal += 1
    return count


def kept_entries(entries: list[str | InputError], options: Options) -> set[str]:
    """The files (text inputs) whose records --resume keeps, left out of the size of the work."""
    if options.input_format == "jsonl" or not options.kept:
        return set()
    out, ordinal = set(), 0
    for entry in entries:
        if isinstance(entry, InputError):
            ordinal += entry.document
            continue
        if ordinal in options.kept:
            out.add(entry)
        ordinal += 1
    return out


def _source_of(entry: str) -> str:
    return STDIN if entry == "-" else escape_source(entry)[0]


def _job(options: Options, raw_source: str, **content) -> Job:
    """A Job named `raw_source`, escaped into valid UTF-8 when it is not."""
    source, escaped = escape_source(raw_source)
    return Job(source=source, encoding=options.encoding, ref_date=options.ref_date, types=options.types,
               lexicon=options.lexicon, json_line=options.json_lines, keep_text=options.keep_text,
               source_escaped=escaped, **content)


def _items(entries: list[str | InputError], options: Options, read: bool = True) -> Iterator[Job | InputError]:
    """Every document (Job, or InputError with document=True) and every other input error, in order.
    With read=False stdin is not read (a placeholder Job stands for it)."""
    for entry in entries:
        if isinstance(entry, InputError):
            yield entry
        elif options.input_format == "jsonl":
            yield from _jsonl_documents(entry, options)
        elif entry == "-":
            if not read:
                yield _job(options, STDIN)
                continue
            data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
            if len(data) > MAX_DOCUMENT_BYTES:
                yield InputError(STDIN, f"too large: more than {size_text(MAX_DOCUMENT_BYTES)} "
                                        "(the limit for one document)")
                continue
            yield _job(options, STDIN, data=data)
        else:
            yield _job(options, entry, path=entry)


def jobs(entries: list[str | InputError], options: Options) -> Iterator[Job | InputError | Kept]:
    """The documents, lazily, in order; those whose record --resume keeps come as `Kept`."""
    ordinal = 0
    for item in _items(entries, options):
        if isinstance(item, InputError) and not item.document:
            yield item
            continue
        if ordinal in options.kept:
            yield Kept(ordinal, item.source)
        else:
            yield item
        ordinal += 1


def document_sources(entries: list[str | InputError], options: Options) -> Iterator[str]:
    """The source of every document in input order, without reading stdin (for --resume's plan)."""
    for item in _items(entries, options, read=False):
        if isinstance(item, Job) or item.document:
            yield item.source


class EndlessLine(OSError):
    """A line that goes on past any bound (`/dev/zero` piped in): the input is given up."""


def _lines(stream, limit: int) -> Iterator[bytes | None]:
    """The lines of a binary stream; None for a line longer than `limit` (read past, not kept).
    A line longer than four times the limit is not read to its end: EndlessLine."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            skipped = len(line)
            while True:  # the rest of the long line
                more = stream.readline(1 << 20)
                skipped += len(more)
                if not more or more.endswith(b"\n"):
                    break
                if skipped > 4 * limit:
                    raise EndlessLine(f"a line of more than {size_text(4 * limit)} without an end; the rest "
                                      "of this input is not read")
            yield None
            continue
        yield line


def _open_regular(path: str):
    """The file at `path` opened for reading, or the reason it is not read. A FIFO or device is
    never opened: stat first, then open without blocking and check again (it may have changed)."""
    try:
        kind = file_kind(os.stat(path).st_mode)
        if kind is not None:
            return None, skipped(kind)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    kind = file_kind(os.fstat(fd).st_mode)
    if kind is not None:
        os.close(fd)
        return None, skipped(kind)
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb"), None


def _jsonl_documents(entry: str, options: Options) -> Iterator[Job | InputError]:
    name = _source_of(entry)
    if entry == "-":
        stream = sys.stdin.buffer
    else:
        stream, reason = _open_regular(entry)
        if stream is None:
            yield InputError(name, reason, document=not reason.startswith("skipped"))
            return
    number = 0
    try:
        for number, raw in enumerate(_lines(stream, MAX_DOCUMENT_BYTES), 1):
            where = f"{name}:{number}"
            if raw is None:
                yield InputError(where, f"too large: a line of more than {size_text(MAX_DOCUMENT_BYTES)} "
                                        "(the limit for one document)")
                continue
            if number == 1 and raw.startswith(codecs.BOM_UTF8) and (options.encoding or "utf-8").lower() in (
                    "utf-8", "utf8", "utf-8-sig", "utf_8"):
                raw = raw[len(codecs.BOM_UTF8):]  # a BOM before the first document is not part of it
            if not raw.strip():
                continue
            try:
                document = json.loads(raw.decode(options.encoding or "utf-8"))
            except RecursionError:
                yield InputError(where, "not a JSON document: nested too deeply")
                continue
            except (UnicodeDecodeError, LookupError, ValueError) as exc:
                yield InputError(where, f"not a JSON document: {escape_source(str(exc))[0]}")
                continue
            if not isinstance(document, dict):
                yield InputError(where, "not a JSON object")
                continue
            text = document.get(options.text_field)
            if not isinstance(text, str):
                yield InputError(where, f"no text field {options.text_field!r}")
                continue
            identifier = document.get(options.id_field)
            source = f"{entry if entry != '-' else STDIN}:{number}" if identifier is None or identifier == "" \
                else str(identifier)
            yield _job(options, source, text=text)
    except EndlessLine as exc:
        yield InputError(f"{name}:{number + 1}", str(exc))
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
