"""Where the records go: stdout, or a file written through a temporary file beside it.

With --output FILE the records are written to `.FILE.<random>.part` in FILE's folder and renamed to
FILE at the end, so FILE is never half written by this run. When the run is interrupted, JSON Lines
keep what was written (each line is a complete record; --resume continues from there); the other
formats leave FILE as it was. With --resume the complete records already in FILE are copied first
and the new ones appended, so the finished FILE is what one uninterrupted run would have written.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import IO

from .html import HtmlWriter
from .inputs import complete_lines
from .output import WRITERS, Writer


def _utf8(stream: IO[str]) -> IO[str]:
    """stdout in UTF-8 whatever the locale says (ensure_ascii=False needs it)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
        try:
            reconfigure(encoding="utf-8")
        except (ValueError, OSError):
            pass
    return stream


class Sink:
    def __init__(self, output: Path | None, fmt: str, *, append: bool = False, explain: bool = False,
                 stdout: IO[str] | None = None, many: bool | None = None):
        self.output = output
        self.fmt = fmt
        self.temporary: str | None = None
        if output is None:
            self.stream = _utf8(stdout or sys.stdout)
            colour = fmt in ("json", "table") and _isatty(self.stream)
        else:
            folder = output.parent if str(output.parent) else Path(".")
            handle, self.temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".part")
            os.chmod(self.temporary, 0o666 & ~_umask())
            self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
            if append:
                self.stream.writelines(complete_lines(output))
            colour = False
        self.writer = writer_for(fmt, self.stream, colour=colour, explain=explain, many=many)

    def commit(self) -> None:
        """All documents written: finish the format and put the file in place."""
        self.writer.close()
        self._finish(keep=True)

    def interrupt(self) -> None:
        """Stopped by Ctrl-C: keep what is complete."""
        try:
            if self.temporary is None or self.fmt == "jsonl":
                self.writer.close()
                self._finish(keep=True)
            else:
                self._finish(keep=False)
        except OSError:
            self._finish(keep=False)

    def abandon(self) -> None:
        """Stopped by an error of the output itself: leave FILE as it was."""
        self._finish(keep=False)

    def _finish(self, keep: bool) -> None:
        if self.temporary is None:
            return
        temporary, self.temporary = self.temporary, None
        try:
            self.stream.close()
        except OSError:
            keep = False
        if keep:
            os.replace(temporary, self.output)
        else:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass


def writer_for(fmt: str, out: IO[str], **options) -> Writer:
    """The writer of a format (cli.output.FORMATS)."""
    return (HtmlWriter if fmt == "html" else WRITERS[fmt])(out, **options)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
