"""Where the records go: stdout, a device or pipe, a journal, or a file put in place at the end.

- stdout, and `-o` naming something that is not a regular file (`/dev/null`, `/dev/stdout`, a
  FIFO): written to directly, never replaced by a file.
- `-o FILE -f jsonl`: FILE is a journal (`journal.JournalWriter`): each record reaches FILE as it
  is written, so a run stopped in any way leaves every finished record in FILE, whole, and
  `--resume` continues from there.
- `-o FILE` in the other formats (json, csv, table, which are only valid whole): written to
  `.FILE.XXXXXXXX.part` beside FILE and renamed to FILE at the end; a stopped run leaves FILE as
  it was and no temporary file (one that a SIGKILL left behind goes at the next run).

An existing FILE keeps its permissions; a symbolic link keeps pointing where it pointed (the
file it names is written).
"""
from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO

from .html import HtmlWriter
from .journal import JournalWriter, ResumePlan, stray_temporaries
from .output import WRITERS, Writer, dumps, error_record


def _utf8(stream: IO[str]) -> IO[str]:
    """stdout in UTF-8 whatever the locale says (ensure_ascii=False needs it); a character that
    cannot be UTF-8 (a lone surrogate) becomes U+FFFD rather than invalid bytes."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(encoding="utf-8", errors="replace")
        except (ValueError, OSError):
            pass
    return stream


def target_of(output: Path) -> tuple[Path, bool]:
    """(the path to write, whether it is a regular file or a new one, written through a temporary
    file or as a journal). A link to a regular file is followed so the link stays; a device, a
    FIFO and anything under /dev or /proc (`/dev/stdout`, `/dev/fd/3`) is written as it is."""
    try:
        info = os.stat(output)
    except FileNotFoundError:
        if os.path.islink(output):  # a dangling link: create what it names
            return Path(os.path.realpath(output)), True
        return output, True
    if not stat.S_ISREG(info.st_mode) or os.path.abspath(output).startswith(("/dev/", "/proc/")):
        return output, False
    if os.path.islink(output):
        return Path(os.path.realpath(output)), True
    return output, True


class Sink:
    def __init__(self, output: Path | None, fmt: str, *, plan: ResumePlan | None = None,
                 explain: bool = False, stdout: IO[str] | None = None, width: int | None = None,
                 many: bool | None = None):
        self.output = output
        self.fmt = fmt
        self.temporary: str | None = None
        self.journal: JournalWriter | None = None
        self.stream = None
        if output is None:
            self.stream = _utf8(stdout or sys.stdout)
            colour = fmt in ("json", "table") and _isatty(self.stream)
            self.writer = writer_for(fmt, self.stream, colour=colour, explain=explain, width=width, many=many)
            return
        target, regular = target_of(output)
        self.target = target
        if not regular:
            # a device or a pipe: no temporary file, no rename (that would replace /dev/null)
            # appended to when it is a file after all (`-o /dev/stdout` with stdout redirected to
            # one): what the shell or an earlier command wrote there stays
            regular_file = os.path.isfile(target)
            self.stream = open(target, "a" if regular_file else "w", encoding="utf-8", errors="replace",
                               newline="")
            self.writer = writer_for(fmt, self.stream, colour=False, explain=explain, width=width, many=many)
            self.direct = True
            return
        if fmt == "jsonl":
            self.journal = JournalWriter(target, plan)
            self.writer = _JournalLines(self.journal)
            return
        mode = _mode_of(target)
        for stray in stray_temporaries(target):  # left by an earlier run that was killed
            try:
                stray.unlink()
            except OSError:
                pass
        folder = target.parent if str(target.parent) else Path(".")
        handle, self.temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
        os.chmod(self.temporary, mode)
        self.stream = os.fdopen(handle, "w", encoding="utf-8", errors="replace", newline="")
        self.writer = writer_for(fmt, self.stream, colour=False, explain=explain, width=width, many=many)

    def commit(self) -> None:
        """All documents written: finish the format and put the file in place."""
        self.writer.close()
        if self.journal is not None:
            return
        self._finish(keep=True)
        self._close_direct()

    def interrupt(self) -> None:
        """Stopped by a signal: keep what is complete."""
        if self.journal is not None:
            self.journal.interrupt()
            return
        try:
            if self.temporary is None or self.fmt == "jsonl":
                self.writer.close()
                self._finish(keep=True)
            else:
                self._finish(keep=False)
        except OSError:
            self._finish(keep=False)
        self._close_direct()

    def abandon(self) -> None:
        """Stopped by an error of the output itself: leave FILE as it was (a journal keeps its
        whole records), and no temporary file."""
        if self.journal is not None:
            self.journal.abandon()
            return
        self._finish(keep=False)

    def _close_direct(self) -> None:
        if getattr(self, "direct", False) and self.stream is not None:
            try:
                self.stream.close()
            except OSError:
                pass

    def _finish(self, keep: bool) -> None:
        if self.temporary is None:
            return
        temporary, self.temporary = self.temporary, None
        try:
            self.stream.close()
        except OSError:
            keep = False
        if keep:
            os.replace(temporary, self.target)
        else:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass


def writer_for(fmt: str, out: IO[str], **options) -> Writer:
    """The writer of a format (cli.output.FORMATS)."""
    return (HtmlWriter if fmt == "html" else WRITERS[fmt])(out, **options)


class _JournalLines:
    """The jsonl writer's calls, into a journal."""

    def __init__(self, journal: JournalWriter):
        self.journal = journal

    def record(self, record: dict) -> None:
        self.journal.line(dumps(record))

    def line(self, line: str) -> None:
        self.journal.line(line)

    def failure(self, source: str, reason: str) -> None:
        self.journal.line(dumps(error_record(source, reason)))

    def kept(self, ordinal: int, source: str) -> None:
        self.journal.kept(ordinal, source)

    def close(self) -> None:
        self.journal.close()


def _mode_of(path: Path) -> int:
    """An existing file's permissions, or what a new file gets under the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
