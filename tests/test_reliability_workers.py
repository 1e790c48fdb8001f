"""Worker deaths cost no innocent document: a worker that dies has its documents run again, one at a
time, round after round, so deaths that are no document's fault spread over many documents; only a
document that kills its worker again and again is reported as such."""
from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import child_pids
from lianhuan_extract.cli import batch
from lianhuan_extract.cli.batch import WORKER_DIED, Job

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "samples" / "lianhuan-2024.txt").read_text(encoding="utf-8")
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def small_text(i: int) -> str:
    return f"第{i}号通知:电话010-6{i:07d}。"


def test_eight_deaths_in_a_row_that_are_no_documents_fault_leave_no_error(tmp_path, monkeypatch):
    from lianhuan_extract import pipeline

    monkeypatch.setattr(batch, "_start_method", lambda: "fork")  # the children see the patch
    counter = tmp_path / "deaths"
    counter.write_text("0")
    real_extract = pipeline.extract

    def killed_eight_times(text, **kwargs):
        # the first eight documents to start, whichever they are, lose their worker; the count is
        # read and written under a lock (two workers run at once, and a worker the pool stops in
        # the middle of a plain write_text would leave the file empty)
        with open(tmp_path / "deaths.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            deaths = int(counter.read_text())
            if deaths < 8:
                fresh = tmp_path / f"deaths.{os.getpid()}"
                fresh.write_text(str(deaths + 1))
                os.replace(fresh, counter)
        if deaths < 8:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_extract(text, **kwargs)

    monkeypatch.setattr(pipeline, "extract", killed_eight_times)
    jobs = [Job(f"doc-{i}", text=small_text(i)) for i in range(12)]
    results = list(batch.run(jobs, workers=2, chunk_size=2, max_in_flight=3))
    assert counter.read_text() == "8"
    assert [r.source for r in results] == [j.source for j in jobs]
    assert [r.error for r in results] == [None] * 12
    assert [r.record["entities"][0]["value"] for r in results] == [f"010-6{i:07d}" for i in range(12)]


def test_a_document_that_kills_every_worker_it_meets_is_the_only_error(monkeypatch):
    from lianhuan_extract import pipeline

    monkeypatch.setattr(batch, "_start_method", lambda: "fork")
    real_extract = pipeline.extract

    def poison(text, **kwargs):
        if text == "poison":
            os._exit(3)
        return real_extract(text, **kwargs)

    monkeypatch.setattr(pipeline, "extract", poison)
    jobs = [Job(f"doc-{i}", text=small_text(i)) for i in range(6)]
    jobs.insert(1, Job("poison", text="poison"))
    results = list(batch.run(jobs, workers=2, chunk_size=2, max_in_flight=3))
    assert [(r.source, r.error) for r in results] == [(j.source, WORKER_DIED if j.source == "poison" else None)
                                                      for j in jobs]




def test_a_sweep_whose_workers_are_killed_eight_times_finishes_whole(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(60):
        (folder / f"{i:03d}.txt").write_text(SAMPLE if i % 3 == 0 else small_text(i), encoding="utf-8")
    clean = subprocess.run([sys.executable, "-m", "lianhuan_extract", "-q", "-j", "1", "-f", "jsonl", str(folder)],
                           capture_output=True, env=ENV, timeout=180)
    proc = subprocess.Popen([sys.executable, "-m", "lianhuan_extract", "-q", "-j", "2", "-f", "jsonl", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, start_new_session=True)
    kills = []

    def killer() -> None:
        # kill a worker, wait for its replacement, kill that one: eight in a row
        seen: set[int] = set()
        deadline = time.monotonic() + 120
        while len(kills) < 8 and proc.poll() is None and time.monotonic() < deadline:
            fresh = child_pids(proc.pid) - seen
            if not fresh:
                time.sleep(0.01)
                continue
            time.sleep(0.15)  # let it start on a document
            victim = min(fresh)
            seen |= fresh
            try:
                os.kill(victim, signal.SIGKILL)
                kills.append(victim)
            except ProcessLookupError:
                pass

    thread = threading.Thread(target=killer)
    thread.start()
    try:
        out, err = proc.communicate(timeout=300)
    finally:
        thread.join()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert len(kills) == 8
    assert (proc.returncode, err) == (0, b"")
    assert out == clean.stdout
