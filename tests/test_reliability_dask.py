"""Dask failures as one-line messages, never a traceback or a hang: bad addresses, a missing
extra, a scheduler nobody answers at, every worker lost, the scheduler killed mid-run. A real
loopback cluster (a scheduler and a worker as processes of their own) for each loss."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "samples" / "lianhuan-2024.txt").read_text(encoding="utf-8")
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
COMMAND = [sys.executable, "-m", "lianhuan_extract"]


def cli(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], capture_output=True, env=env or ENV, timeout=timeout)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    for i in range(120):
        (root / f"{i:03d}.txt").write_text(SAMPLE, encoding="utf-8")
    return root


@pytest.fixture
def cluster(tmp_path):
    """(address, scheduler process, worker process) of a fresh loopback cluster."""
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = (tmp_path / "cluster.log").open("wb")

    def start(args):
        return subprocess.Popen([sys.executable, "-m", *args], stdout=subprocess.DEVNULL, stderr=log, env=ENV,
                                start_new_session=True)

    scheduler = start(["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
                       "--no-dashboard"])
    worker = start(["distributed.cli.dask_worker", address, "--nthreads", "1", "--nworkers", "1",
                    "--no-dashboard", "--host", "127.0.0.1", "--local-directory", str(tmp_path)])
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(address, timeout=5) as client:
                    client.wait_for_workers(1, timeout=max(deadline - time.monotonic(), 1))
                    break
            except (OSError, TimeoutError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield address, scheduler, worker
    finally:
        for proc in (scheduler, worker):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
        log.close()


def _lose(cluster_part: subprocess.Popen, folder: Path, address: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess, Path, float]:
    """Run a sweep on the cluster, kill `cluster_part` once records reach FILE; (run, FILE, seconds)."""
    out = tmp_path / "runs" / "out.jsonl"
    out.parent.mkdir()
    proc = subprocess.Popen([*COMMAND, "-q", "-f", "jsonl", "-o", str(out), "--scheduler", address,
                             "--scheduler-timeout", "3", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while not (out.exists() and out.stat().st_size):
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read().decode()
            time.sleep(0.05)
        os.killpg(cluster_part.pid, signal.SIGKILL)
        lost = time.monotonic()
        stdout, stderr = proc.communicate(timeout=60)  # a hang fails here
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr), out, time.monotonic() - lost


def _check_whole_records_then_resume(out: Path, folder: Path, tmp_path: Path) -> None:
    done = out.read_bytes()
    assert done.endswith(b"\n")
    sources = [json.loads(line)["source"] for line in done.splitlines()]
    assert 1 <= len(sources) < 120
    assert sources == [str(folder / f"{i:03d}.txt") for i in range(len(sources))]
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.jsonl"]  # no .part
    resumed = cli("-q", "-f", "jsonl", "-o", str(out), "--resume", str(folder), timeout=300)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_bytes().count(b"\n") == 120


def test_every_worker_lost_ends_with_a_message_not_a_hang(cluster, folder, tmp_path):
    address, _, worker = cluster
    run, out, seconds = _lose(worker, folder, address, tmp_path)
    assert run.returncode == 1
    assert run.stderr.decode() == (f"lianhuan-extract: {address}: no Dask worker left for 3 s "
                                   "(--scheduler-timeout); the documents not written yet were not processed\n")
    assert seconds < 30
    _check_whole_records_then_resume(out, folder, tmp_path)


def test_a_killed_scheduler_ends_with_a_message_and_no_temporary_file(cluster, folder, tmp_path):
    address, scheduler, _ = cluster
    run, out, seconds = _lose(scheduler, folder, address, tmp_path)
    assert run.returncode == 1
    assert run.stderr.decode() == (f"lianhuan-extract: {address}: lost the Dask scheduler (its connection "
                                   "closed); the documents not written yet were not processed\n")
    assert seconds < 40
    _check_whole_records_then_resume(out, folder, tmp_path)


def test_a_scheduler_nobody_answers_at_is_a_message_within_the_timeout(tmp_path):
    (tmp_path / "a.txt").write_text("电话:010-12345678", encoding="utf-8")
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    started = time.monotonic()
    done = cli("--scheduler", address, "--scheduler-timeout", "2", "-o", str(tmp_path / "out.json"),
               str(tmp_path / "a.txt"))
    assert time.monotonic() - started < 25
    assert done.returncode == 1
    assert done.stderr.decode() == (f"lianhuan-extract: {address}: cannot reach the Dask scheduler within 2 s "
                                    "(--scheduler-timeout)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_the_default_timeout_is_named_in_help():
    done = cli("--help")
    text = " ".join(done.stdout.decode().split())
    assert "--scheduler-timeout SECONDS Give up on a Dask scheduler that cannot be reached, or that has no " \
           "worker left, after this many seconds (default 10)." in text


@pytest.mark.parametrize("address, why", [
    ("bogus", "'bogus' is not 'local' or tcp://HOST:PORT"),
    ("tcp://localhost", "'tcp://localhost' has no port (tcp://HOST:PORT, the scheduler's port is usually 8786)"),
    ("tcp://localhost:99999", "'tcp://localhost:99999': the port must be 1 to 65535"),
])
def test_a_bad_scheduler_address_is_a_usage_error(tmp_path, address, why):
    (tmp_path / "a.txt").write_text("电话:010-12345678", encoding="utf-8")
    done = cli("--scheduler", address, str(tmp_path / "a.txt"))
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode() == f"lianhuan-extract: --scheduler: {why}\n"


def test_without_the_dask_extra_local_is_a_message(tmp_path):
    # a `distributed` that cannot be imported, as when the extra is not installed
    fake = tmp_path / "fake"
    (fake / "distributed").mkdir(parents=True)
    (fake / "distributed" / "__init__.py").write_text("raise ImportError('No module named distributed')\n")
    (tmp_path / "a.txt").write_text("电话:010-12345678", encoding="utf-8")
    env = {**ENV, "PYTHONPATH": f"{fake}{os.pathsep}{ROOT}"}
    done = cli("--scheduler", "local", str(tmp_path / "a.txt"), env=env)
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode() == ("lianhuan-extract: --scheduler: running on Dask needs the dask extra: "
                                    "pip install 'lianhuan-extract[dask]'\n")
