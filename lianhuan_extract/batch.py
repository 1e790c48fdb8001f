"""Running many documents: one at a time, on a process pool, or on a Dask cluster.

Interface shared by the CLI and the runners (the runners are not written yet):

- `Job`: one input (path or stdin bytes, or a text from a JSON Lines input) and its options.
- `process(job) -> Result`: decode + extract one document; never raises (errors land in Result.error).
- `run(jobs, workers=1, scheduler=None) -> Iterator[Result]`: results in INPUT order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator


@dataclass
class Job:
    source: str                      # the path as given, "<stdin>", or an id from a JSONL input
    data: bytes | None = None        # raw bytes to decode, or
    text: str | None = None          # an already decoded text
    encoding: str | None = None      # a codec forced by --encoding
    ref_date: str | None = None
    types: tuple[str, ...] | None = None


@dataclass
class Result:
    source: str
    record: dict | None = None
    error: str | None = None         # a message for the user, no traceback
    chars: int = 0
    counts: dict = field(default_factory=dict)  # entities by type


def process(job: Job) -> Result:
    from .decode import DecodeError, decode
    from .pipeline import extract

    try:
        if job.text is not None:
            text, enc = job.text, job.encoding or "utf-8"
        else:
            text, enc = decode(job.data or b"", job.encoding)
    except DecodeError as exc:
        return Result(job.source, error=str(exc))
    try:
        record = extract(text, ref_date=job.ref_date, source=job.source, types=job.types, encoding=enc)
    except Exception as exc:  # an extractor bug must not take the batch down
        return Result(job.source, error=f"internal error: {type(exc).__name__}: {exc}", chars=len(text))
    counts: dict = {}
    for e in record["entities"]:
        counts[e["type"]] = counts.get(e["type"], 0) + 1
    return Result(job.source, record=record, chars=len(text), counts=counts)


def run(jobs: Iterable[Job], workers: int = 1, scheduler: str | None = None) -> Iterator[Result]:
    """Results in input order. (Sequential until the pool and Dask runners land.)"""
    for job in jobs:
        yield process(job)
