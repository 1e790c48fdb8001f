"""The same extraction on a Dask distributed cluster (`pip install 'lianhuan-extract[dask]'`).

Kept apart from `batch` so that importing lianhuan_extract never imports dask: this module is
imported only when a scheduler is given.

Start a cluster by hand:

    dask scheduler --host 0.0.0.0 --port 8786                 # on one machine
    dask worker tcp://SCHEDULER:8786 --nthreads 1 --nworkers auto   # on each machine

then `lianhuan-extract --scheduler tcp://SCHEDULER:8786 DIR`. Every worker must be able to import
the same version of lianhuan_extract. Files are read here and their bytes sent to the workers, so
the workers need not see this machine's files.
"""
from __future__ import annotations

from collections import deque
from dataclasses import replace
from typing import Iterable, Iterator

from .jobs import Job, Result, fill_window, in_chunks, process_chunk, warm_worker

try:
    from distributed import Client, LocalCluster, WorkerPlugin
    from distributed.scheduler import KilledWorker
except ImportError as exc:  # the optional extra is missing
    raise ImportError("running on a Dask cluster needs the dask extra: "
                      "pip install 'lianhuan-extract[dask]'") from exc

PLUGIN_NAME = "lianhuan-extract-jieba"


class JiebaWarmup(WorkerPlugin):
    """Loads jieba's dictionary once per Dask worker, when the worker joins (or the plugin arrives)."""

    name = PLUGIN_NAME

    def setup(self, worker) -> None:
        warm_worker()


def _open_client(scheduler: str, workers: int):
    """(client, cluster or None) for "local" (a LocalCluster of `workers` processes) or an address."""
    if scheduler == "local":
        import logging

        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster
    return Client(scheduler), None


def _with_bytes(jobs: Iterable[Job]) -> Iterator[Job | Result]:
    """Jobs whose file is read here; a file that cannot be read is already its Result."""
    for job in jobs:
        if job.path is not None and job.data is None and job.text is None:
            try:
                with open(job.path, "rb") as handle:
                    job = replace(job, data=handle.read(), path=None)
            except OSError as exc:
                yield Result(job.source, error=f"cannot read: {exc.strerror or exc}")
                continue
        yield job


def _submit(client, chunk: list[Job | Result]):
    """A future for the chunk's jobs (None when every item of it is already a Result)."""
    jobs = [item for item in chunk if isinstance(item, Job)]
    # pure=False: two identical documents are still two tasks with two results
    return client.submit(process_chunk, jobs, pure=False) if jobs else None


def _in_place(chunk: list[Job | Result], results: list[Result]) -> list[Result]:
    done = iter(results)
    return [item if isinstance(item, Result) else next(done) for item in chunk]


def _results(chunk: list[Job | Result], future) -> list[Result]:
    if future is None:
        return []
    try:
        return future.result()
    except KilledWorker:
        # the chunk killed every worker it was given to (Dask retries it elsewhere first)
        return [Result(item.source, error="worker process died while reading this document")
                for item in chunk if isinstance(item, Job)]


def run_dask(jobs: Iterable[Job], scheduler: str, workers: int = 1, chunk_size: int | None = None,
             max_in_flight: int | None = None) -> Iterator[Result]:
    """Results in input order from a Dask cluster; bounded in flight like the process pool."""
    client, cluster = _open_client(scheduler, workers)
    pending: deque = deque()
    try:
        client.register_plugin(JiebaWarmup(), name=PLUGIN_NAME)
        if max_in_flight is None:
            cores = sum(client.nthreads().values()) or 1
            max_in_flight = 4 * cores
        chunks = in_chunks(_with_bytes(jobs), chunk_size or 4)
        more = True
        while True:
            if more:
                more = fill_window(pending, chunks, lambda c: _submit(client, c), max_in_flight)
            if not pending:
                return
            chunk, future = pending.popleft()
            yield from _in_place(chunk, _results(chunk, future))
    finally:
        for _, future in pending:
            if future is not None:
                future.cancel()
        client.close()
        if cluster is not None:
            cluster.close()
