"""What a batch runner hands to a worker and gets back, and the pieces both runners share.

- `Job`: one input (a path to read, stdin bytes, or a text from a JSON Lines input) and its options.
- `process(job) -> Result`: read + decode + extract one document; never raises (errors land in
  Result.error).
- `chunks` and `fill_window`: the bounded window of work in flight that keeps results in input
  order and memory flat, used by the process pool (`batch`) and the Dask runner (`dask_runner`).
"""
from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Iterable, Iterator

from ..text.decode import DecodeError
from ..text.files import MAX_DOCUMENT_BYTES, InputRefused, read_bytes


_TYPE_OF = itemgetter("type")
_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_source(source: str) -> tuple[str, bool]:
    """`source` as valid UTF-8 text, and whether it had to change: the bytes of a file name that is
    not UTF-8 (which Python carries as surrogates) become `\\xff`, other lone surrogates `\\ud800`."""
    if source.isascii() or not _SURROGATE.search(source):
        return source, False

    def escaped(match) -> str:
        code = ord(match.group())
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"

    return _SURROGATE.sub(escaped, source), True


def replace_surrogates(text: str) -> tuple[str, int]:
    """`text` with each lone surrogate (a JSON input may carry "\\ud800") replaced by U+FFFD, which
    keeps every offset; and how many were replaced."""
    if text.isascii():
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


@dataclass
class Job:
    source: str                      # the path as given, "<stdin>", or an id from a JSONL input
    data: bytes | None = None        # raw bytes to decode, or
    text: str | None = None          # an already decoded text, or
    path: str | None = None          # a file to read in the worker (so reading errors are per document)
    encoding: str | None = None      # a codec forced by --encoding
    ref_date: str | None = None
    types: tuple[str, ...] | None = None
    lexicon: Any = None              # the user's words (extractors.lexicon.Lexicon; pickles as its entries)
    # return the record as its JSON line (Result.line) instead of the dict: the worker encodes it,
    # so the parent only writes, and a string travels back faster than a nested dict
    json_line: bool = False
    # hand the decoded text back in the record (`text`), for a writer that shows it (html)
    keep_text: bool = False
    source_escaped: bool = False     # `source` is a file name or id with its invalid bytes escaped


@dataclass
class Result:
    source: str
    record: dict | None = None
    line: str | None = None          # the record as one line of JSON, when the job asked for it
    error: str | None = None         # a message for the user, no traceback
    chars: int = 0
    counts: dict = field(default_factory=dict)  # entities by type
    seconds: float = 0.0             # time spent on this document in its worker
    worker: int = 0                  # process id of the worker that ran it
    peak_rss_kb: int = 0             # that worker's peak resident memory so far (0 where unknown)
    worker_cpu: float = 0.0          # that worker's CPU seconds so far, its start included


def _worker_usage() -> tuple[int, float]:
    """(peak resident memory in KiB, CPU seconds) of this process so far; zeros where unknown."""
    try:
        import resource
    except ImportError:  # not on POSIX
        return 0, 0.0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return int(usage.ru_maxrss), usage.ru_utime + usage.ru_stime  # ru_maxrss is KiB on Linux


def _read(job: Job) -> tuple[str, str]:
    # the library's own readers, so that extract_file(path) gives what the command prints
    from ..api import decode_bytes

    if job.text is not None:
        return job.text, job.encoding or "utf-8"
    if job.data is None and job.path is not None:
        # this module's bound (tests lower it), the library's guarded reader and decoder
        return decode_bytes(read_bytes(job.path, MAX_DOCUMENT_BYTES), job.encoding)
    return decode_bytes(job.data or b"", job.encoding)


ATTEMPTS = 3  # a document is blamed for its worker's death when this many workers died on it
WORKER_DIED = "worker process died while reading this document"


class RunnerError(Exception):
    """The runner cannot go on (a Dask cluster gone): `what` and `why` for the one-line message."""

    def __init__(self, what: str, why: str):
        super().__init__(f"{what}: {why}")
        self.what, self.why = what, why


def die_with_parent(parent: int | None = None, owner: int | None = None) -> None:
    """Make this process end when `parent` (its parent now) ends, however it ends, and when `owner`
    ends, if given: the command itself, when the parent is a fork server that only ends once its
    children have (a fork server lives while any of its clients, its workers included, holds its
    pipe, so a worker bound to it alone would outlive the command with it)."""
    parent = parent or os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux
        pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    owner_fd = None
    if owner is not None and owner != parent:
        try:
            owner_fd = os.pidfd_open(owner)  # readable when the owner ends; no pid reuse to fear
        except ProcessLookupError:
            os._exit(1)
        except (AttributeError, OSError):  # before Linux 5.3, or elsewhere: ask by pid
            owner_fd = None

    def owner_gone() -> bool:
        if owner is None or owner == parent:
            return False
        if owner_fd is not None:
            import select

            return bool(select.select([owner_fd], [], [], 0)[0])
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            return True
        except OSError:
            pass
        return False

    def watch() -> None:
        import time

        while True:
            time.sleep(0.5)
            if os.getppid() != parent or owner_gone():
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


_PIPELINE = None


def _pipeline():
    """The pipeline module, imported on the first document (the command's start need not load the
    extractors) and kept: a relative import in a function runs importlib's Python code each call.
    Its `extract` is looked up at each document (tests replace it)."""
    global _PIPELINE
    if _PIPELINE is None:
        from .. import pipeline

        _PIPELINE = pipeline
    return _PIPELINE


def process(job: Job) -> Result:
    """Read, decode and extract one document. Never raises: a failure becomes Result.error."""
    extract = _pipeline().extract
    started = time.perf_counter()

    def done(**fields) -> Result:
        peak, cpu = _worker_usage()
        return Result(job.source, seconds=time.perf_counter() - started, worker=os.getpid(),
                      peak_rss_kb=peak, worker_cpu=cpu, **fields)

    try:
        text, enc = _read(job)
    except DecodeError as exc:
        return done(error=str(exc))
    except InputRefused as exc:
        return done(error=str(exc))
    except OSError as exc:
        return done(error=f"cannot read: {exc.strerror or exc}")
    except MemoryError:
        return done(error="out of memory while reading this document")
    if job.text is not None or job.encoding:
        text, replaced = replace_surrogates(text)
    else:
        # decoded here by a strict codec of our choosing (UTF-8, -16, -32, GB18030, Big5), none of
        # which yields a lone surrogate: a scan of the whole text for one would find nothing
        replaced = 0
    try:
        record = extract(text, ref_date=job.ref_date, source=job.source, types=job.types, encoding=enc,
                         lexicon=job.lexicon)
    except RecursionError:
        return done(error="internal error: nested too deeply", chars=len(text))
    except MemoryError:
        return done(error="out of memory on this document", chars=len(text))
    except Exception as exc:  # an extractor bug must not take the batch down
        return done(error=escape_source(f"internal error: {type(exc).__name__}: {exc}")[0], chars=len(text))
    if replaced:
        # the output is always valid UTF-8: lone surrogates became U+FFFD (offsets unchanged)
        record["meta"]["replaced_characters"] = replaced
    if job.source_escaped:
        record["meta"]["source_escaped"] = True
    counts = dict(Counter(map(_TYPE_OF, record["entities"])))  # by type, in order of first sight
    if job.keep_text:
        record["text"] = text
    if job.json_line:
        from .output import dumps

        return done(line=dumps(record), chars=len(text), counts=counts)
    return done(record=record, chars=len(text), counts=counts)


def process_chunk(jobs: list[Job]) -> list[Result]:
    """Several jobs in one task, to spread the cost of a round trip to a worker."""
    return [process(job) for job in jobs]


def warm_worker() -> None:
    """Load jieba's dictionary once per worker process, before its first document."""
    from ..segmenter.segment import tokenizer

    tokenizer()


def in_chunks(jobs: Iterable[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def fill_window(pending: deque, chunks: Iterator, submit, max_in_flight: int) -> bool:
    """Submit chunks until `max_in_flight` are pending (oldest first); False once input runs out.

    The pool and the Dask runner both keep such a window, so that results come back in input
    order while memory stays flat however long the input is.
    """
    while len(pending) < max_in_flight:
        chunk = next(chunks, None)
        if chunk is None:
            return False
        pending.append((chunk, submit(chunk)))
    return True
