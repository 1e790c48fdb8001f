"""Reading a document's file safely: only a regular file, and only up to a size bound.

The command and the library (`lianhuan_extract.read_file`) read through `read_bytes`, so a FIFO or
a device is never opened (it could block forever or never end) and a huge file is refused with a
message instead of exhausting memory.
"""
from __future__ import annotations

import os
import stat

# One document is read whole; a file larger than this is refused with a message rather than
# exhaust memory (256 MiB of UTF-8 is some 85 million Chinese characters).
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024


def size_text(n: int) -> str:
    return f"{n / (1 << 20):,.0f} MiB" if n >= 1 << 20 else f"{n:,} bytes"


def file_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def skipped(kind: str) -> str:
    return f"skipped: {kind}, not a regular file (pipe it into '-' to read it)"


class InputRefused(OSError):
    """A file that is not read: not a regular file, or too large; the message says which."""


def read_bytes(path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (MAX_DOCUMENT_BYTES by default).

    A FIFO or a device is never opened (it could block forever, or never end): its kind is checked
    before opening, and again on what was opened, without blocking. Raises InputRefused (an
    OSError) for those and for a file over the bound, OSError when the file cannot be read."""
    kind = file_kind(os.stat(path).st_mode)
    if kind is not None:
        raise InputRefused(skipped(kind))
    limit = MAX_DOCUMENT_BYTES if limit is None else limit
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        kind = file_kind(info.st_mode)
        if kind is not None:
            raise InputRefused(skipped(kind))
        if info.st_size > limit:
            raise InputRefused(f"too large: {size_text(info.st_size)} (the limit for one document is "
                               f"{size_text(limit)})")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew while we read
        raise InputRefused(f"too large: more than {size_text(limit)} (the limit for one document)")
    return data
