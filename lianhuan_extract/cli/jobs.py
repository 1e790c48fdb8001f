"""What a batch runner hands to a worker and gets back, and the pieces both runners share.

- `Job`: one input (a path to read, stdin bytes, or a text from a JSON Lines input) and its options.
- `process(job) -> Result`: read + decode + extract one document; never raises (errors land in
  Result.error).
- `chunks` and `fill_window`: the bounded window of work in flight that keeps results in input
  order and memory flat, used by the process pool (`batch`) and the Dask runner (`dask_runner`).
"""
from __future__ import annotations

import os
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator


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
    from ..api import decode_bytes, read_file

    if job.text is not None:
        return job.text, job.encoding or "utf-8"
    if job.data is None and job.path is not None:
        return read_file(job.path, job.encoding)
    return decode_bytes(job.data or b"", job.encoding)


def process(job: Job) -> Result:
    """Read, decode and extract one document. Never raises: a failure becomes Result.error."""
    from ..text.decode import DecodeError
    from ..pipeline import extract

    started = time.perf_counter()

    def done(**fields) -> Result:
        peak, cpu = _worker_usage()
        return Result(job.source, seconds=time.perf_counter() - started, worker=os.getpid(),
                      peak_rss_kb=peak, worker_cpu=cpu, **fields)

    try:
        text, enc = _read(job)
    except DecodeError as exc:
        return done(error=str(exc))
    except OSError as exc:
        return done(error=f"cannot read: {exc.strerror or exc}")
    try:
        record = extract(text, ref_date=job.ref_date, source=job.source, types=job.types, encoding=enc,
                         lexicon=job.lexicon)
    except Exception as exc:  # an extractor bug must not take the batch down
        return done(error=f"internal error: {type(exc).__name__}: {exc}", chars=len(text))
    counts: dict = {}
    for e in record["entities"]:
        counts[e["type"]] = counts.get(e["type"], 0) + 1
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
