"""The batch runners through their Python interface: order, errors, laziness, shutdown."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path


from conftest import child_pids
from lianhuan_extract.cli import batch
from lianhuan_extract.cli.batch import Job

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "samples" / "lianhuan-2024.txt").read_text(encoding="utf-8")


def small_text(i: int) -> str:
    return f"第{i}号通知:请于2024年5月{i % 28 + 1}日前联系王经理,电话010-6{i:07d},邮箱team{i}@example.com。"


def corpus(n: int = 24) -> list[Job]:
    """A big document first, then small ones: on a pool the small ones finish first."""
    jobs = [Job(source="big", text=SAMPLE * 30)]
    jobs += [Job(source=f"doc-{i:03d}", text=small_text(i)) for i in range(1, n)]
    return jobs


def test_sequential_results_in_input_order_with_records():
    jobs = corpus(6)
    results = list(batch.run(jobs))
    assert [r.source for r in results] == ["big", "doc-001", "doc-002", "doc-003", "doc-004", "doc-005"]
    assert all(r.error is None for r in results)
    assert results[1].record["source"] == "doc-001"
    assert results[1].chars == len(small_text(1))
    assert results[0].chars == len(SAMPLE) * 30


def test_pool_keeps_input_order_and_gives_the_sequential_records():
    jobs = corpus(24)
    sequential = list(batch.run(jobs, workers=1))
    pooled = list(batch.run(jobs, workers=2, max_in_flight=8))
    assert [r.source for r in pooled] == [j.source for j in jobs]
    assert [r.record for r in pooled] == [r.record for r in sequential]
    # two worker processes did the work, neither of them this one
    workers = {r.worker for r in pooled}
    assert len(workers) == 2 and os.getpid() not in workers
    # each worker's usage so far: jieba's dictionary alone is tens of MiB and takes CPU to load
    assert all(r.peak_rss_kb > 50_000 and r.worker_cpu > 0 for r in pooled)


def test_json_line_jobs_come_back_encoded_by_the_worker():
    from dataclasses import replace

    jobs = corpus(6)
    records = [r.record for r in batch.run(jobs)]
    lined = list(batch.run([replace(j, json_line=True) for j in jobs], workers=2))
    assert [r.source for r in lined] == [j.source for j in jobs]
    assert all(r.record is None and r.error is None for r in lined)
    assert [json.loads(r.line) for r in lined] == records
    assert "\n" not in lined[0].line and "2024年5月2日" in lined[1].line  # one line, characters as they are
    assert lined[1].counts == {"date": 1, "contact": 2}


def test_pool_chunks_keep_order():
    jobs = corpus(23)
    pooled = list(batch.run(jobs, workers=2, chunk_size=5, max_in_flight=2))
    assert [r.source for r in pooled] == [j.source for j in jobs]


def test_counts_are_entities_by_type():
    result = batch.process(Job(source="x", text=small_text(3)))
    by_type: dict = {}
    for entity in result.record["entities"]:
        by_type[entity["type"]] = by_type.get(entity["type"], 0) + 1
    assert result.counts == by_type
    assert result.counts.get("contact", 0) >= 1


def test_unreadable_binary_and_undecodable_documents_become_errors_and_the_rest_goes_on(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(small_text(1), encoding="utf-8")
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary\x00zip")
    jobs = [
        Job(source=str(good), path=str(good)),
        Job(source=str(binary), path=str(binary)),
        Job(source="missing.txt", path=str(tmp_path / "missing.txt")),
        Job(source="bad-codec", data="中文".encode("utf-8"), encoding="ascii"),
        Job(source="last", text=small_text(2)),
    ]
    for workers in (1, 2):
        results = list(batch.run(jobs, workers=workers))
        assert [r.source for r in results] == [j.source for j in jobs]
        assert results[0].error is None and results[0].record is not None
        assert results[1].error == "binary file (contains NUL bytes)" and results[1].record is None
        assert results[2].error == "cannot read: No such file or directory"
        assert results[3].error == "cannot decode as ascii: byte 0"
        assert results[4].error is None and results[4].record["source"] == "last"


def test_a_raising_extractor_is_an_error_of_that_document_only(monkeypatch):
    from lianhuan_extract import pipeline

    real_extract = pipeline.extract

    def fragile(text, **kwargs):
        if "boom" in text:
            raise ZeroDivisionError("division by zero")
        return real_extract(text, **kwargs)

    monkeypatch.setattr(pipeline, "extract", fragile)
    results = list(batch.run([Job("a", text="甲"), Job("b", text="boom"), Job("c", text="丙")]))
    assert [r.error for r in results] == [None, "internal error: ZeroDivisionError: division by zero", None]
    assert results[1].chars == 4


def test_jobs_are_pulled_lazily_with_bounded_work_in_flight():
    pulled: list[int] = []

    def jobs():
        for i in range(1, 200):
            pulled.append(i)
            yield Job(f"doc-{i}", text=small_text(i))

    results = batch.run(jobs(), workers=2, chunk_size=1, max_in_flight=3)
    first = next(results)
    assert first.source == "doc-1"
    # three in flight when the first came back, plus one pulled to refill: never the whole input
    assert len(pulled) <= 4
    rest = list(results)
    assert len(rest) == 198 and rest[-1].source == "doc-199"


def test_stopping_early_stops_the_workers():
    results = batch.run(corpus(40), workers=2, max_in_flight=4)
    first = next(results)
    assert first.source == "big"
    second = next(results)
    workers = {first.worker, second.worker}
    results.close()  # what a consumer's `break` or a closed pipe does
    deadline = time.monotonic() + 30  # generous: a loaded CI machine is slow to reap
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead for our purpose; /proc tells them apart on Linux
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return True
    return state != "Z"


def test_a_document_that_kills_its_worker_is_reported_and_the_batch_goes_on(monkeypatch):
    from lianhuan_extract import pipeline

    # the children must see the patched function, so the pool must fork this process; forced,
    # because the method chosen depends on the threads alive, which earlier tests (a pool's
    # helper threads still winding down on a loaded machine, a Dask client) may have left
    monkeypatch.setattr(batch, "_start_method", lambda: "fork")
    real_extract = pipeline.extract

    def crashing(text, **kwargs):
        if text == "crash":
            os._exit(3)  # what a segfault or the OOM killer looks like from the parent
        return real_extract(text, **kwargs)

    monkeypatch.setattr(pipeline, "extract", crashing)
    jobs = [Job(f"doc-{i}", text=small_text(i)) for i in range(1, 6)]
    jobs.insert(2, Job("crasher", text="crash"))
    results = list(batch.run(jobs, workers=2, max_in_flight=4))
    assert [r.source for r in results] == [j.source for j in jobs]
    assert results[2].error == "worker process died while reading this document"
    assert all(r.error is None for i, r in enumerate(results) if i != 2)


def test_importing_the_package_does_not_import_dask():
    code = "import sys, lianhuan_extract, lianhuan_extract.cli.batch; print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "[]"


# The driver holds Ctrl-C back while it writes a line: otherwise the KeyboardInterrupt can land in
# the middle of its own write (seen on a loaded machine) and cut a line the runner handed out whole,
# which is what is checked here, with the workers' stop.
DRIVER = textwrap.dedent("""
    import json, signal, sys
    from lianhuan_extract.cli import batch
    sample = open(sys.argv[1], encoding="utf-8").read()
    jobs = (batch.Job(f"doc-{i}", text=sample * 3) for i in range(100000))
    try:
        for result in batch.run(jobs, workers=2):
            line = (json.dumps(result.record, ensure_ascii=False) + "\\n").encode("utf-8")
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                sys.stdout.buffer.write(line)
                sys.stdout.buffer.flush()
            finally:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\\n")
        sys.exit(130)
""")


def test_ctrl_c_stops_cleanly_with_complete_lines_and_no_worker_left(tmp_path):
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(driver), str(ROOT / "samples" / "lianhuan-2024.txt")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True)
    try:
        first = proc.stdout.readline()  # the pool is up and records are flowing
        assert json.loads(first)["source"] == "doc-0"
        children = child_pids(proc.pid)
        assert len(children) >= 2
        # the terminal sends Ctrl-C to the whole foreground process group
        os.killpg(proc.pid, signal.SIGINT)
        # through the same buffered reader: communicate() would lose what readline() buffered
        rest, err = read_to_exit(proc, timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert err.decode().strip().endswith("interrupted")
    lines = [first] + rest.splitlines(keepends=True)
    for n, line in enumerate(lines):
        assert line.endswith(b"\n")
        assert json.loads(line)["source"] == f"doc-{n}"
    assert not any(_alive(pid) for pid in children)


def read_to_exit(proc: subprocess.Popen, timeout: float) -> tuple[bytes, bytes]:
    """The rest of stdout and stderr and the exit of `proc`; killed after `timeout` seconds rather
    than hang the suite. The guard thread is joined, so no thread outlives the test."""
    import threading

    guard = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
    guard.start()
    try:
        rest = proc.stdout.read()
        err = proc.stderr.read()
        proc.wait()
    finally:
        guard.cancel()
        guard.join()
    return rest, err




def test_with_another_thread_running_the_pool_uses_a_fork_server_and_keeps_order():
    import threading

    # a progress bar's refresh thread, say: forking now could copy a lock it holds
    stop = threading.Event()
    ticker = threading.Thread(target=stop.wait, daemon=True)
    ticker.start()
    try:
        assert batch._start_method() == "forkserver"
        jobs = corpus(12)
        pooled = list(batch.run(jobs, workers=2, chunk_size=2))
    finally:
        stop.set()
        ticker.join()
    assert [r.source for r in pooled] == [j.source for j in jobs]
    assert [r.record for r in pooled] == [r.record for r in batch.run(jobs)]


def test_lone_surrogates_from_a_forced_codec_are_replaced_and_counted():
    # a strict codec we choose never yields a lone surrogate; one the user forces may
    data = "营收5亿元\ud800".encode("raw_unicode_escape")
    result = batch.process(Job("s", data=data, encoding="raw_unicode_escape"))
    assert result.record["meta"]["replaced_characters"] == 1
    assert [(e["text"], e["start"], e["end"]) for e in result.record["entities"]] == [("5亿元", 2, 5)]
    plain = batch.process(Job("t", data="营收5亿元".encode("utf-8")))
    assert "replaced_characters" not in plain.record["meta"]
    assert plain.counts == {"quantity": 1}


_HALF_SENT: list = []  # the result queue of the pool below and a file, for its forked worker


def _send_half_a_result() -> None:
    """A worker stopped in the middle of sending a result: the length of a message, then nothing."""
    import struct

    queue, sent = _HALF_SENT
    os.write(queue._writer.fileno(), struct.pack("!i", 1_000_000))
    Path(sent).touch()
    time.sleep(60)


def test_stopping_a_pool_whose_worker_was_cut_off_mid_result_ends_its_manager_thread(tmp_path):
    # (Ctrl-C under load: the interpreter's exit joined the manager thread, which waited for the
    # rest of a result a terminated worker would never send)
    sent = tmp_path / "sent"
    pool = batch._new_pool(1, "fork")
    _HALF_SENT[:] = [pool._result_queue, str(sent)]
    try:
        pool.submit(_send_half_a_result)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not sent.exists():
            time.sleep(0.05)
        assert sent.exists(), "the worker sent nothing"
        manager = pool._executor_manager_thread
        time.sleep(0.3)  # the manager is now reading the message that never ends
        batch._stop_pool(pool)
        assert not manager.is_alive()
    finally:
        _HALF_SENT.clear()
