"""A sweep's output file as a journal: `-o FILE -f jsonl` writes each record into FILE itself as it
comes, so whatever stops the run (Ctrl-C, SIGTERM, SIGKILL, a power cut) every record already
written stays there, whole, for `--resume` to build on.

- `read_journal(path)`: the records of an existing FILE (offsets, sources, errors). A last line
  cut short by a stop, or a run of NUL bytes left by a power cut, is damage to repair; any other
  line that is not one of our records means FILE is not ours, and `--resume` refuses it.
- `plan_resume(journal, sources)`: which document each record belongs to. A document is known by
  its input identity: the absolute path of its file, or for JSON Lines inputs its id (or file and
  line) and which occurrence of that id it is, so 300 lines with 150 distinct ids are 300
  documents. A record that is an error is run again.
- `JournalWriter`: writes the documents in input order. While FILE already holds the records in
  that order it only appends; when it does not (an error record that now succeeds, a path given
  another way, damage), the part of FILE that must change is rewritten into a temporary file
  that replaces FILE as soon as every old record has found its place, and appending goes on.
  The finished FILE is byte for byte what one uninterrupted run writes.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA = "lianhuan-extract/1"
STDIN = "<stdin>"
SYNC_SECONDS = 1.0  # at most this much finished work waits in the page cache for a power cut


class JournalError(Exception):
    """FILE cannot be resumed; the message says why and what to do."""


@dataclass
class Entry:
    offset: int
    length: int
    source: str
    error: bool


@dataclass
class Journal:
    path: Path | None = None
    entries: list[Entry] = field(default_factory=list)
    end: int = 0           # where the last whole record ends
    size: int = 0          # FILE's size
    damaged: bool = False  # lines to drop that are not at the end (NUL bytes of a power cut)

    @property
    def clean(self) -> bool:
        """FILE holds whole records only, bar a cut tail after `end`."""
        return not self.damaged


def identity(source: str) -> str:
    """A source as an input identity: paths made absolute (`corpus/a.txt` and `/home/u/corpus/a.txt`
    are one document), `file.jsonl:12` with its file made absolute, ids as they are."""
    if source == STDIN:
        return source
    match = re.fullmatch(r"(.+):(\d+)", source)
    if match and os.path.isfile(match.group(1)):
        return os.path.abspath(match.group(1)) + ":" + match.group(2)
    if os.path.lexists(source):
        return os.path.abspath(source)
    return source


def read_journal(path: Path) -> Journal:
    """The records already in FILE; JournalError when FILE is not a file this tool wrote."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Journal(path)
    except OSError as exc:
        raise JournalError(f"cannot read: {exc.strerror or exc}") from None
    import stat

    if stat.S_ISDIR(info.st_mode):
        raise JournalError("is a folder; --resume needs the JSON Lines file of an earlier run")
    if not stat.S_ISREG(info.st_mode):
        raise JournalError("is not a regular file; --resume needs the JSON Lines file of an earlier run")
    journal = Journal(path, size=info.st_size)
    offset = 0
    try:
        with open(path, "rb") as handle:
            for number, line in enumerate(handle, 1):
                start, offset = offset, offset + len(line)
                if not line.endswith(b"\n"):
                    break  # the last line, cut by a stop: repaired by rewriting from `end`
                record = _record(line)
                if record is None:
                    if line.strip(b"\0\r\n\t ") == b"":
                        # blank, or the NUL bytes a power cut leaves where data had not reached
                        # the disk: damage, dropped when FILE is rewritten
                        journal.damaged = True
                        continue
                    raise JournalError(f"not a lianhuan-extract JSON Lines file (line {number} is not one "
                                       "of its records); give another --output, or leave out --resume "
                                       "to overwrite it")
                journal.entries.append(Entry(start, len(line), record["source"], "error" in record))
                journal.end = offset
    except OSError as exc:
        raise JournalError(f"cannot read: {exc.strerror or exc}") from None
    if journal.damaged and journal.entries and journal.entries[-1].offset + journal.entries[-1].length == journal.end:
        # damage only after the last record is a tail like a cut line
        last = journal.entries[-1]
        journal.damaged = any(a.offset + a.length != b.offset for a, b in zip(journal.entries, journal.entries[1:])) \
            or (journal.entries[0].offset != 0)
        journal.end = last.offset + last.length
    elif journal.damaged and not journal.entries:
        journal.damaged = False  # nothing but damage: an empty journal
        journal.end = 0
    return journal


def _record(line: bytes) -> dict | None:
    if b"\0" in line:
        return None
    try:
        record = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if isinstance(record, dict) and record.get("schema") == SCHEMA and isinstance(record.get("source"), str):
        return record
    return None


@dataclass
class ResumePlan:
    """What --resume does with each document, by its number in input order."""

    journal: Journal
    slots: dict[int, int] = field(default_factory=dict)  # document -> index of its record in FILE
    kept: set[int] = field(default_factory=set)          # documents whose record is kept (not errors)
    last: int = -1                                       # the last document that has a record

    def record_of(self, ordinal: int) -> int | None:
        return self.slots.get(ordinal)


def plan_resume(journal: Journal, sources) -> ResumePlan:
    """Match FILE's records to the documents (their sources in input order).

    The k-th record of an identity belongs to the k-th document of that identity. A record that
    belongs to no document means FILE was written for other inputs: JournalError, nothing written.
    """
    waiting: dict[str, deque] = {}
    for index, entry in enumerate(journal.entries):
        waiting.setdefault(identity(entry.source), deque()).append(index)
    plan = ResumePlan(journal)
    for ordinal, source in enumerate(sources):
        queue = waiting.get(identity(source))
        if not queue:
            continue
        index = queue.popleft()
        plan.slots[ordinal] = index
        plan.last = ordinal
        if not journal.entries[index].error:
            plan.kept.add(ordinal)
    strays = [journal.entries[q[0]].source for q in waiting.values() if q]
    if strays:
        count = sum(len(q) for q in waiting.values())
        raise JournalError(f"holds {count} record{'s' if count != 1 else ''} of documents that are not among "
                           f"these inputs (the first: {strays[0]}); resume with the inputs of the run "
                           "that wrote it, or give another --output")
    return plan


def stray_temporaries(path: Path) -> list[Path]:
    """Temporary files an earlier, killed run left beside FILE (`.FILE.XXXXXXXX.part`)."""
    folder = path.parent if str(path.parent) else Path(".")
    pattern = re.compile(r"\." + re.escape(path.name) + r"\.[A-Za-z0-9_]{8}\.part")
    try:
        return [p for p in folder.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return []


class JournalWriter:
    """Writes the documents of a run, in input order, into FILE (see the module's docstring).

    Each document is one call: `line(text)` for a record already encoded, `kept(ordinal)` for a
    document whose record FILE already holds. Every whole line reaches FILE with one write, and
    FILE is synced to the disk at least once a second.
    """

    def __init__(self, path: Path, plan: ResumePlan | None):
        self.path = path
        self.plan = plan
        journal = plan.journal if plan else Journal(path)
        self.entries = journal.entries
        self.ordinal = 0          # the next document
        self.expect = 0           # the next old record FILE holds in place
        self.temporary: str | None = None
        self.temp_fd: int | None = None
        self.emitted: set[int] = set()  # old records written into the temporary file
        self.synced = time.monotonic()
        for stray in stray_temporaries(path):
            try:
                stray.unlink()
            except OSError:
                pass
        if plan is None:
            # a fresh run: FILE emptied now (its mode and owner kept), then appended to
            self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _CLOEXEC, 0o666)
            self.good = 0
            return
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT | _CLOEXEC, 0o666)
        if journal.clean:
            os.ftruncate(self.fd, journal.end)  # a cut last line goes
            self.good = journal.end
        else:
            self.good = 0
            try:
                self._start_rewrite()
                self._maybe_finish()
            except OSError:
                self.abandon()  # FILE as it was, no temporary file left
                raise
        os.lseek(self.fd, 0, os.SEEK_END)

    # -- the documents ---------------------------------------------------------------------------

    def line(self, text: str) -> None:
        data = (text + "\n").encode("utf-8", "replace")  # records are valid UTF-8 already; never invalid bytes
        ordinal = self._next()
        index = self.plan.record_of(ordinal) if self.plan else None
        if self.temporary is None:
            if index is not None and index == self.expect and self._old(index) == data:
                self.expect += 1  # run again, same record (a binary file is still binary)
            elif index is None and self.expect == len(self.entries):
                self._append(data)
            else:
                self._start_rewrite()
        if self.temporary is not None:
            _write_all(self.temp_fd, data)
            if index is not None:
                self.emitted.add(index)
            self._maybe_finish(ordinal)

    def kept(self, ordinal: int, source: str) -> None:
        """A document whose record FILE holds; `source` is how this run names it."""
        assert self._next() == ordinal, "documents out of order"
        index = self.plan.record_of(ordinal)
        entry = self.entries[index]
        data = self._old(index) if (self.temporary is not None or entry.source != source) else None
        if entry.source != source:
            # the same file given another way (`corpus/` then `/abs/corpus/`): named as this run names it
            record = json.loads(data)
            record["source"] = source
            from .output import dumps

            data = (dumps(record) + "\n").encode("utf-8")
        if self.temporary is None:
            if index == self.expect and data is None:
                self.expect += 1
                return
            self._start_rewrite()
        _write_all(self.temp_fd, data if data is not None else self._old(index))
        self.emitted.add(index)
        self._maybe_finish(ordinal)

    # -- the end ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Every document written: FILE complete and on the disk."""
        if self.temporary is not None:
            self._finish_rewrite()
        os.fsync(self.fd) if _regular(self.fd) else None
        os.close(self.fd)
        self.fd = -1

    def interrupt(self) -> None:
        """Stopped early: keep every whole record, old and new, for the next --resume."""
        if self.temporary is not None:
            # the old records not yet in place follow in their old order: each identity's
            # records stay in the order of its documents, which is all --resume needs
            for index in range(len(self.entries)):
                if index >= self.expect and index not in self.emitted:
                    _write_all(self.temp_fd, self._old(index))
            self._finish_rewrite()
        else:
            os.ftruncate(self.fd, self.good)  # a line cut by the signal goes
        self.close()

    def abandon(self) -> None:
        """The output itself failed (a full disk): FILE keeps its whole records, nothing else stays."""
        rewriting = self.temporary is not None
        if rewriting:  # FILE is as it was: only the temporary file goes
            os.close(self.temp_fd)
            _unlink(self.temporary)
            self.temporary = None
        if self.fd >= 0:
            if not rewriting:
                try:
                    os.ftruncate(self.fd, self.good)  # a line cut by the failed write goes
                except OSError:
                    pass
            os.close(self.fd)
            self.fd = -1

    # -- inside ----------------------------------------------------------------------------------

    def _next(self) -> int:
        ordinal, self.ordinal = self.ordinal, self.ordinal + 1
        return ordinal

    def _old(self, index: int) -> bytes:
        entry = self.entries[index]
        return os.pread(self.read_fd, entry.length, entry.offset)

    @property
    def read_fd(self) -> int:
        return self.fd

    def _append(self, data: bytes) -> None:
        _write_all(self.fd, data)
        self.good += len(data)
        now = time.monotonic()
        if now - self.synced >= SYNC_SECONDS:
            os.fsync(self.fd)
            self.synced = now

    def _start_rewrite(self) -> None:
        """From here FILE's old records are out of order: write FILE anew beside it."""
        fd, self.temporary = tempfile.mkstemp(dir=str(self.path.parent) or ".", prefix=f".{self.path.name}.",
                                              suffix=".part")
        self.temp_fd = fd
        for index in range(self.expect):
            _write_all(fd, self._old(index))

    def _maybe_finish(self, ordinal: int = -1) -> None:
        if self.temporary is not None and ordinal >= self.plan.last:
            self._finish_rewrite()

    def _finish_rewrite(self) -> None:
        """Every old record is in place in the temporary file: it becomes FILE, appended to from now."""
        mode = os.fstat(self.fd).st_mode & 0o7777
        os.fchmod(self.temp_fd, mode)
        os.fsync(self.temp_fd)
        os.replace(self.temporary, self.path)
        os.close(self.fd)
        self.fd = self.temp_fd
        self.good = os.lseek(self.fd, 0, os.SEEK_END)
        self.temporary, self.temp_fd = None, None
        self.expect = len(self.entries)
        self.synced = time.monotonic()


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _regular(fd: int) -> bool:
    import stat

    return stat.S_ISREG(os.fstat(fd).st_mode)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
