"""A real Dask cluster on loopback: one scheduler and two workers as separate processes.

The same folder goes through the single-process path and through the cluster; the output must be
the same, byte for byte (through the CLI) and record for record (through the batch interface).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lianhuan_extract.cli import batch
from lianhuan_extract.cli.batch import Job

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "samples" / "lianhuan-2024.txt").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(args: list[str], log: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    return subprocess.Popen([sys.executable, "-m", *args], stdout=subprocess.DEVNULL,
                            stderr=log.open("wb"), env=env, start_new_session=True)


@pytest.fixture(scope="module")
def scheduler_address(tmp_path_factory):
    from distributed import Client

    logs = tmp_path_factory.mktemp("dask-logs")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [_start(["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
                     "--no-dashboard"], logs / "scheduler.log")]
    try:
        for n in range(2):
            procs.append(_start(["distributed.cli.dask_worker", address, "--nthreads", "1",
                                 "--nworkers", "1", "--no-dashboard", "--host", "127.0.0.1",
                                 "--name", f"loopback-{n}", "--local-directory", str(logs)],
                                logs / f"worker-{n}.log"))
        deadline = time.monotonic() + 40
        while True:
            try:
                with Client(address, timeout=5) as client:
                    client.wait_for_workers(2, timeout=max(deadline - time.monotonic(), 1))
                    break
            except (OSError, TimeoutError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield address
    finally:
        for proc in procs:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("docs")
    for i in range(30):
        text = SAMPLE * 3 if i % 7 == 0 else f"第{i}号通知:联系电话010-6{i:07d},邮箱team{i}@example.com。"
        (root / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    (root / "015.txt").write_bytes(b"\x00\x01binary\x00")
    return root


def test_cluster_gives_the_single_process_records_in_input_order(scheduler_address, folder):
    jobs = [Job(source=str(p), path=str(p)) for p in sorted(folder.iterdir())]
    jobs.insert(20, Job(source="missing.txt", path=str(folder / "missing.txt")))
    local = list(batch.run(jobs))
    remote = list(batch.run(jobs, scheduler=scheduler_address, chunk_size=2, max_in_flight=3))
    assert [r.source for r in remote] == [j.source for j in jobs]
    assert [(r.record, r.error) for r in remote] == [(r.record, r.error) for r in local]
    assert remote[15].error == "binary file (contains NUL bytes)"
    assert remote[20].error == "cannot read: No such file or directory"
    # both workers took part, and neither is this process
    assert len({r.worker for r in remote if r.error is None}) == 2
    assert os.getpid() not in {r.worker for r in remote}


def test_each_worker_loaded_jieba_once_through_the_plugin(scheduler_address, folder):
    from distributed import Client

    list(batch.run([Job("x", text="测试")], scheduler=scheduler_address))

    def tokenizer_loaded() -> bool:
        from lianhuan_extract.segmenter import segment

        return segment._tokenizer is not None

    with Client(scheduler_address) as client:
        assert list(client.run(tokenizer_loaded).values()) == [True, True]


def test_cli_output_through_the_cluster_is_byte_for_byte_the_single_process_output(scheduler_address, folder):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "lianhuan_extract", "--format", "jsonl", "--quiet", str(folder)]
    local = subprocess.run(command, capture_output=True, env=env, timeout=120)
    remote = subprocess.run(command[:3] + ["--scheduler", scheduler_address] + command[3:],
                            capture_output=True, env=env, timeout=120)
    assert local.returncode == 1, local.stderr.decode()  # the binary file
    assert remote.returncode == 1, remote.stderr.decode()
    assert remote.stdout == local.stdout
    assert local.stdout.count(b"\n") == 30
