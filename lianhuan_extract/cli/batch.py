"""Running many documents: one at a time, on a process pool, or on a Dask cluster.

Interface shared by the CLI and the runners:

- `Job`: one input (a path to read, stdin bytes, or a text from a JSON Lines input) and its options.
- `process(job) -> Result`: read + decode + extract one document; never raises (errors land in
  Result.error).
- `run(jobs, workers=1, scheduler=None) -> Iterator[Result]`: results in INPUT order, each yielded
  as soon as it is next in line, whichever document finishes first.

The runners keep a bounded number of jobs in flight, so memory stays flat on 100,000 files and the
first records come out while the rest are still being read. Each worker process loads jieba once,
before its first document (a pool initializer, or a Dask worker plugin in `dask_runner`).

On Ctrl-C (or when the consumer stops early, e.g. `| head`) the generator's cleanup cancels what
is queued and stops the workers; every Result already yielded is complete. Workers ignore SIGINT
so that the terminal's Ctrl-C, which reaches the whole process group, is handled once, here.
Workers die with their parent whatever kills it (SIGKILL included): the kernel sends them SIGKILL
when it goes (Linux's parent-death signal), and a thread of theirs checks for an orphan's new
parent twice a second where that signal does not exist.

A worker that dies (killed, out of memory, a crash in C code) costs no document: the documents
it had are run again one at a time, each up to `ATTEMPTS` times on a fresh worker, and only a
document that kills its worker every time is reported as such.
"""
from __future__ import annotations

import os
import signal
import threading
from collections import deque
from typing import Iterable, Iterator

from .jobs import (ATTEMPTS, WORKER_DIED, Job, Result, RunnerError, die_with_parent, fill_window, in_chunks,
                   process, process_chunk, warm_worker)

__all__ = ["ATTEMPTS", "WORKER_DIED", "Job", "Result", "RunnerError", "process", "run"]

def _pool_initializer(parent: int | None = None, owner: int | None = None) -> None:
    # Ctrl-C reaches every process of the terminal's process group; only the parent acts on it,
    # and a SIGTERM (the pool's own stop, or one sent to the group) ends a worker at once
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    die_with_parent(parent, owner)
    warm_worker()


def run(jobs: Iterable[Job], workers: int = 1, scheduler: str | None = None, *,
        chunk_size: int | None = None, max_in_flight: int | None = None,
        scheduler_timeout: float = 10.0) -> Iterator[Result]:
    """Results in input order, each as soon as it is next in line.

    workers=1 without a scheduler runs in this process. workers>1 runs a process pool of that
    size. A scheduler ("tcp://host:8786", or "local" for a local Dask cluster of `workers`
    processes) runs on Dask (`pip install 'lianhuan-extract[dask]'`). `chunk_size` jobs travel
    to a worker together; at most `max_in_flight` chunks are queued or running at once. A
    scheduler that cannot be reached, or that has had no worker for `scheduler_timeout` seconds,
    raises RunnerError.
    """
    if scheduler:
        from .dask_runner import run_dask

        yield from run_dask(jobs, scheduler, workers=workers, chunk_size=chunk_size,
                            max_in_flight=max_in_flight, timeout=scheduler_timeout)
    elif workers <= 1:
        for job in jobs:
            yield process(job)
    else:
        # 8 documents a round trip: the parent, which shares the cores with the workers, spends
        # 0.35 s of CPU on 2,000 documents against 0.48 s with 4 a trip, and the first record
        # still comes out within a few hundredths of a second
        yield from _run_pool(jobs, workers, chunk_size or 8, max_in_flight or 4 * workers)


def _start_method() -> str | None:
    """fork when it is safe (POSIX, no other thread that could hold a lock), else forkserver."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    if "forkserver" in methods:
        return "forkserver"
    return None  # the platform's default (spawn on Windows)


def _new_pool(workers: int, method: str | None):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(method) if method else None
    if method == "forkserver":
        context.set_forkserver_preload(["lianhuan_extract.cli.batch"])
    # the workers' parent: this process, or a fork server; either way they end with this process
    parent = os.getpid() if method != "forkserver" else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_pool_initializer,
                               initargs=(parent, os.getpid()))


def _stop_pool(pool) -> None:
    """Cancel what has not started and stop the workers without waiting for running documents."""
    # the executor has no public handle on these, and shutdown lets go of them
    processes = list(getattr(pool, "_processes", {}).values())
    result_queue = getattr(pool, "_result_queue", None)
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)
    # a worker stopped in the middle of sending a result leaves the pool's manager thread reading
    # the rest of it for ever (this process holds the pipe's other end, so no end of file comes),
    # and the interpreter's exit joins that thread: closing our end ends the read
    if result_queue is not None and not any(proc.is_alive() for proc in processes):
        result_queue._writer.close()
    if manager is not None:
        manager.join(timeout=5)


def _run_pool(jobs: Iterable[Job], workers: int, chunk_size: int, max_in_flight: int) -> Iterator[Result]:
    from concurrent.futures.process import BrokenProcessPool

    pending: deque = deque()  # (chunk, future), oldest first
    chunks = in_chunks(jobs, chunk_size)
    # decided once: a pool rebuilt after a crash is made the same way, though the dead pool's
    # threads may still be winding down
    method = _start_method()
    pool = _new_pool(workers, method)
    holder: list = [None]  # the pool of a round of isolated jobs, stopped with this one
    try:
        more = True
        while True:
            if more:
                # read from the pool at each call: it is rebuilt after a crash
                more = fill_window(pending, chunks, lambda c: pool.submit(process_chunk, c), max_in_flight)
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # a worker died (killed, out of memory, a crash in C code): find which
                # document did it by running the unfinished chunks one job at a time
                suspects = list(chunk) + [job for c, _ in pending for job in c]
                pending.clear()
                _stop_pool(pool)
                pool = None
                yield from _isolated(suspects, workers, method, holder)
                pool, holder[0] = holder[0] or _new_pool(workers, method), None
                continue
            yield from results
    finally:
        for leftover in (pool, holder[0]):
            if leftover is not None:
                _stop_pool(leftover)


def _isolated(jobs: list[Job], workers: int, method: str | None, holder: list) -> Iterator[Result]:
    """The results of `jobs`, in order, each run alone on a pool (`holder[0]`, made when None).

    A job whose worker dies is run again after the jobs that follow it have had their turn, so a
    burst of deaths that are no job's fault (something killing workers) falls on many jobs, one
    death each, and each still gets its record; a job that kills its worker `ATTEMPTS` times, with
    other jobs running fine in between, is the cause, and becomes an error."""
    from concurrent.futures.process import BrokenProcessPool

    done: list[Result | None] = [None] * len(jobs)
    deaths = [0] * len(jobs)
    ready = 0  # the results before this one have been handed out
    while ready < len(jobs):
        for index in range(ready, len(jobs)):
            if done[index] is not None:
                continue
            if holder[0] is None:
                holder[0] = _new_pool(workers, method)
            try:
                done[index] = holder[0].submit(process, jobs[index]).result()
            except BrokenProcessPool:
                _stop_pool(holder[0])
                holder[0] = None
                deaths[index] += 1
                if deaths[index] >= ATTEMPTS:
                    done[index] = Result(jobs[index].source, error=WORKER_DIED)
            while ready < len(jobs) and done[ready] is not None:
                yield done[ready]
                ready += 1
