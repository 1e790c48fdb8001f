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

import time
from collections import deque
from dataclasses import replace
from typing import Iterable, Iterator

from ..text.files import InputRefused, read_bytes
from .jobs import (WORKER_DIED, Job, Result, RunnerError, die_with_parent, fill_window, in_chunks, process_chunk,
                   warm_worker)

try:
    from distributed import Client, LocalCluster, WorkerPlugin
    from distributed.scheduler import KilledWorker
except ImportError as exc:  # the optional extra is missing
    raise ImportError("running on a Dask cluster needs the dask extra: "
                      "pip install 'lianhuan-extract[dask]'") from exc

PLUGIN_NAME = "lianhuan-extract-jieba"
LOST = "lost the Dask scheduler (its connection closed); the documents not written yet were not processed"


def _quiet_logs() -> None:
    """distributed logs a lost connection with tracebacks; the command says it in one line."""
    import logging

    for name in ("distributed", "distributed.client", "distributed.comm", "distributed.core",
                 "distributed.batched", "tornado", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


class JiebaWarmup(WorkerPlugin):
    """Loads jieba's dictionary once per Dask worker, when the worker joins (or the plugin arrives)."""

    name = PLUGIN_NAME

    def setup(self, worker) -> None:
        warm_worker()


class LocalWorkers(WorkerPlugin):
    """For `--scheduler local` only: the cluster's worker processes end with this process, even
    when it is killed (SIGKILL) before it can stop them."""

    name = "lianhuan-extract-local"

    def __init__(self, parent: int):
        self.parent = parent

    def setup(self, worker) -> None:
        import os

        if os.getppid() == self.parent:  # the worker process itself, not a thread of ours
            die_with_parent(self.parent)


def _open_client(scheduler: str, workers: int, timeout: float):
    """(client, cluster or None) for "local" (a LocalCluster of `workers` processes) or an address."""
    if scheduler == "local":
        import logging

        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout=timeout), None
    except (OSError, TimeoutError) as exc:
        why = f"cannot reach the Dask scheduler within {timeout:g} s (--scheduler-timeout)"
        if "timed out" not in str(exc).lower():
            why += f": {_reason(exc)}"
        raise RunnerError(scheduler, why) from None
    except ValueError as exc:  # an address distributed does not understand
        raise RunnerError(scheduler, f"not a Dask scheduler address: {_reason(exc)}") from None


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] if text else type(exc).__name__


def _with_bytes(jobs: Iterable[Job]) -> Iterator[Job | Result]:
    """Jobs whose file is read here; a file that cannot be read is already its Result."""
    for job in jobs:
        if job.path is not None and job.data is None and job.text is None:
            try:
                job = replace(job, data=read_bytes(job.path), path=None)
            except InputRefused as exc:
                yield Result(job.source, error=str(exc))
                continue
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


def _results(client, scheduler: str, chunk: list[Job | Result], future, timeout: float) -> list[Result]:
    """The chunk's results. A chunk that killed every worker it was given to (Dask tries it on
    others first) is an error of its documents; a cluster with no worker left for `timeout`
    seconds, or a scheduler gone, ends the run (RunnerError) instead of waiting forever."""
    if future is None:
        return []
    alone_since = None
    while True:
        try:
            return future.result(timeout=0.5)
        except KilledWorker:
            return [Result(item.source, error=WORKER_DIED) for item in chunk if isinstance(item, Job)]
        except TimeoutError:
            pass
        except Exception as exc:  # the connection lost, the future cancelled with it
            if client.status in ("running", "connecting") and future.status == "error":
                raise RunnerError(scheduler, f"a task failed on the cluster: {_reason(exc)}") from None
            raise RunnerError(scheduler, LOST) from None
        if client.status not in ("running", "connecting"):
            raise RunnerError(scheduler, LOST)
        try:
            workers = len(client.scheduler_info(n_workers=-1).get("workers", {}))
        except TypeError:
            workers = len(client.scheduler_info().get("workers", {}))
        except Exception:
            raise RunnerError(scheduler, LOST) from None
        if workers:
            alone_since = None
        elif alone_since is None:
            alone_since = time.monotonic()
        elif time.monotonic() - alone_since > timeout:
            raise RunnerError(scheduler, f"no Dask worker left for {timeout:g} s (--scheduler-timeout); "
                                         "the documents not written yet were not processed")


def run_dask(jobs: Iterable[Job], scheduler: str, workers: int = 1, chunk_size: int | None = None,
             max_in_flight: int | None = None, timeout: float = 10.0) -> Iterator[Result]:
    """Results in input order from a Dask cluster; bounded in flight like the process pool."""
    import os

    _quiet_logs()
    client, cluster = _open_client(scheduler, workers, timeout)
    pending: deque = deque()
    try:
        if cluster is not None:
            client.register_plugin(LocalWorkers(os.getpid()), name=LocalWorkers.name)
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
            yield from _in_place(chunk, _results(client, scheduler, chunk, future, timeout))
    finally:
        _close_quietly(client, cluster, pending)


def _close_quietly(client, cluster, pending) -> None:
    """Cancel what is queued and close; a cluster already gone is no reason for a traceback."""
    import contextlib

    with contextlib.suppress(Exception):
        for _, future in pending:
            if future is not None:
                future.cancel()
    with contextlib.suppress(Exception):
        client.close(timeout=5)
    if cluster is not None:
        with contextlib.suppress(Exception):
            cluster.close(timeout=5)
