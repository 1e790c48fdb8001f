"""A sweep is a journal: `-o FILE -f jsonl` keeps every finished record in FILE whatever stops the
run, and `--resume` ends with FILE byte for byte what one uninterrupted run writes.

Real processes and real signals: SIGTERM, SIGKILL of the parent alone, a file size limit for a
full disk; the journal's writer is also driven directly for the cases a signal cannot time.
"""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import child_pids

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "samples" / "lianhuan-2024.txt").read_text(encoding="utf-8")
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
COMMAND = [sys.executable, "-m", "lianhuan_extract"]


def cli(*args: str, cwd: Path | None = None, timeout: float = 180, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], capture_output=True, env=ENV, timeout=timeout, cwd=cwd, **kwargs)


def small_text(i: int) -> str:
    return f"第{i}号通知:请于2024年5月{i % 28 + 1}日前联系王经理,电话010-6{i:07d}。"


def make_folder(root: Path, n: int, big_every: int = 2) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = root / f"{i:04d}.txt"
        path.write_text(SAMPLE if i % big_every == 0 else small_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def clean_run(folder: Path, out: Path, *extra: str) -> bytes:
    done = cli("--jobs", "1", "-q", "-f", "jsonl", "-o", str(out), *extra, str(folder))
    assert done.returncode == 0, done.stderr.decode()
    return out.read_bytes()




def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_sweep(folder: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([*COMMAND, "--jobs", "2", "-q", "-f", "jsonl", "-o", str(out), *extra, str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, start_new_session=True)


def wait_for_records(proc: subprocess.Popen, out: Path, lines: int, timeout: float = 90) -> None:
    """Until FILE itself holds `lines` records (not a hidden temporary file: FILE)."""
    deadline = time.monotonic() + timeout
    while not (out.exists() and out.read_bytes().count(b"\n") >= lines):
        assert proc.poll() is None, "the run ended before it was stopped"
        assert time.monotonic() < deadline, "no records reached FILE"
        time.sleep(0.02)


def whole_prefix(done: bytes, clean: bytes) -> int:
    """How many records `done` holds, checking they are whole lines at the start of the clean run."""
    assert done.endswith(b"\n"), "a cut line was left"
    assert clean.startswith(done)
    return done.count(b"\n")


def only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def sweep_under_way(tmp_path: Path):
    """(folder, the clean run's bytes, out, the process): a 2-worker sweep of 300 documents into
    runs/out.jsonl that has written at least 5 records."""
    folder = tmp_path / "docs"
    make_folder(folder, 300)
    clean = clean_run(folder, tmp_path / "clean.jsonl")
    out = tmp_path / "runs" / "out.jsonl"
    out.parent.mkdir()
    proc = start_sweep(folder, out)
    try:
        wait_for_records(proc, out, 5)
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    return folder, clean, out, proc


def resume_gives_the_clean_run(folder: Path, out: Path, clean: bytes, *options: str) -> None:
    """`--resume` of `folder` into `out` exits 0 and leaves `out` equal to the clean run's output."""
    resumed = cli(*options, "-q", "-f", "jsonl", "-o", str(out), "--resume", str(folder))
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_bytes() == clean


def test_sigterm_keeps_every_finished_record_in_file_and_resume_gives_the_clean_run(tmp_path):
    folder, clean, out, proc = sweep_under_way(tmp_path)
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # what `timeout`, a job scheduler or `docker stop` sends
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 143
    assert err.decode().endswith("lianhuan-extract: terminated\n")
    assert "Traceback" not in err.decode()
    assert 5 <= whole_prefix(out.read_bytes(), clean) < 300
    assert only(out.parent) == ["out.jsonl"]
    resume_gives_the_clean_run(folder, out, clean, "--jobs", "2")
    assert only(out.parent) == ["out.jsonl"]


def test_sigkill_of_the_parent_alone_leaves_whole_records_and_no_worker(tmp_path):
    folder, clean, out, proc = sweep_under_way(tmp_path)
    try:
        workers = child_pids(proc.pid)
        assert len(workers) >= 2
        os.kill(proc.pid, signal.SIGKILL)  # the parent only: nobody tells the workers
        proc.communicate(timeout=30)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if _alive(pid)], "workers outlived their parent"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    kept = whole_prefix(out.read_bytes(), clean)
    assert 5 <= kept < 300
    resume_gives_the_clean_run(folder, out, clean, "--jobs", "2")
    assert only(out.parent) == ["out.jsonl"]


def test_a_line_cut_by_a_stop_and_the_nul_bytes_of_a_power_cut_are_repaired(tmp_path):
    folder = tmp_path / "docs"
    make_folder(folder, 12, big_every=5)
    clean = clean_run(folder, tmp_path / "clean.jsonl")
    lines = clean.splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    # seven records reached the disk, the eighth in part; then a block the disk never got
    out.write_bytes(b"".join(lines[:7]) + lines[7][:40] + b"\0" * 300)
    resume_gives_the_clean_run(folder, out, clean)
    # NUL bytes in the middle (a lost block with records after it): the records around them kept
    out.write_bytes(b"".join(lines[:3]) + b"\0" * 100 + b"\n" + b"".join(lines[4:9]))
    resume_gives_the_clean_run(folder, out, clean)
    assert only(tmp_path) == ["clean.jsonl", "docs", "out.jsonl"]


def test_resume_runs_again_the_documents_whose_record_is_an_error(tmp_path):
    folder = tmp_path / "docs"
    paths = make_folder(folder, 10, big_every=4)
    clean = clean_run(folder, tmp_path / "clean.jsonl")
    good = paths[3].read_bytes()
    paths[3].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # unreadable in the first run
    os.chmod(paths[6], 0)
    out = tmp_path / "out.jsonl"
    first = cli("-q", "-f", "jsonl", "-o", str(out), str(folder))
    records = [json.loads(line) for line in out.read_bytes().splitlines()]
    if os.geteuid() != 0:  # root reads a file of mode 0 anyway
        assert records[6]["error"] == "cannot read: Permission denied"
    assert first.returncode == 1
    assert records[3]["error"] == "binary file (contains NUL bytes)"
    paths[3].write_bytes(good)  # fixed since
    os.chmod(paths[6], 0o644)
    resume_gives_the_clean_run(folder, out, clean)
    assert only(tmp_path) == ["clean.jsonl", "docs", "out.jsonl"]


def test_a_document_that_still_fails_keeps_its_error_and_the_exit_status_says_so(tmp_path):
    folder = tmp_path / "docs"
    paths = make_folder(folder, 6, big_every=4)
    paths[2].write_bytes(b"\x00binary")
    out = tmp_path / "out.jsonl"
    whole = cli("-q", "-f", "jsonl", "-o", str(out), str(folder))
    assert whole.returncode == 1
    clean = out.read_bytes()
    out.write_bytes(b"".join(clean.splitlines(keepends=True)[:4]))
    resumed = cli("-q", "-f", "jsonl", "-o", str(out), "--resume", str(folder))
    assert resumed.returncode == 1
    assert resumed.stderr.decode() == f"lianhuan-extract: {paths[2]}: binary file (contains NUL bytes)\n"
    assert out.read_bytes() == clean


def test_jsonl_documents_are_known_by_line_and_id_not_by_id_alone(tmp_path):
    corpus = tmp_path / "crawl.jsonl"
    rows = [{"id": f"page-{i % 150}", "text": small_text(i)} for i in range(300)]  # each id twice
    rows[40] = {"text": small_text(40)}  # no id: known by file and line
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    clean = clean_run(corpus, tmp_path / "clean.jsonl", "--input-format", "jsonl")
    lines = clean.splitlines(keepends=True)
    assert len(lines) == 300
    assert json.loads(lines[40])["source"] == f"{corpus}:41"
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(lines[:209]))
    resumed = cli("-q", "-f", "jsonl", "-o", str(out), "--resume", "--input-format", "jsonl", str(corpus))
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_bytes() == clean


def test_the_same_folder_given_another_way_is_not_written_twice(tmp_path):
    folder = tmp_path / "corpus"
    make_folder(folder, 8, big_every=3)
    absolute = clean_run(folder, tmp_path / "absolute.jsonl")  # given as an absolute path
    out = tmp_path / "out.jsonl"
    first = cli("-q", "-f", "jsonl", "-o", str(out), "corpus/", cwd=tmp_path)
    assert first.returncode == 0
    assert json.loads(out.read_bytes().splitlines()[0])["source"] == "corpus/0000.txt"
    out.write_bytes(b"".join(out.read_bytes().splitlines(keepends=True)[:5]))
    resumed = cli("-q", "-f", "jsonl", "-o", str(out), "--resume", str(folder), cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr.decode()
    # 8 records, not 13, each named as this run names it: the run on the absolute path
    assert out.read_bytes() == absolute


@pytest.mark.parametrize("content, why", [
    (b"just some notes\n", "not a lianhuan-extract JSON Lines file (line 1 is not one of its records)"),
    (b'{"schema": "lianhuan-extract/1", "source": "a.txt", "entities": []}\n{"id": 3}\n',
     "not a lianhuan-extract JSON Lines file (line 2 is not one of its records)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\n", "not a lianhuan-extract JSON Lines file (line 1 is not one of its records)"),
])
def test_resume_refuses_a_file_that_is_not_its_journal_and_leaves_it_as_it_was(tmp_path, content, why):
    folder = tmp_path / "docs"
    make_folder(folder, 3)
    out = tmp_path / "notes.txt"
    out.write_bytes(content)
    done = cli("-q", "-f", "jsonl", "-o", str(out), "--resume", str(folder))
    assert done.returncode == 2
    assert done.stderr.decode() == (f"lianhuan-extract: {out}: {why}; give another --output, or leave out "
                                    "--resume to overwrite it\n")
    assert out.read_bytes() == content
    assert only(tmp_path) == ["docs", "notes.txt"]


def test_resume_on_a_folder_or_on_records_of_other_inputs_is_a_message(tmp_path):
    folder = tmp_path / "docs"
    make_folder(folder, 3)
    done = cli("-q", "-f", "jsonl", "-o", str(folder), "--resume", str(folder))
    assert done.returncode == 2
    assert done.stderr.decode() == (f"lianhuan-extract: {folder}: is a folder; --resume needs the JSON Lines "
                                    "file of an earlier run\n")
    other = tmp_path / "other"
    make_folder(other, 2)
    out = tmp_path / "out.jsonl"
    clean_run(other, out)
    before = out.read_bytes()
    done = cli("-q", "-f", "jsonl", "-o", str(out), "--resume", str(folder))
    assert done.returncode == 2
    assert done.stderr.decode() == (
        f"lianhuan-extract: {out}: holds 2 records of documents that are not among these inputs (the first: "
        f"{other}/0000.txt); resume with the inputs of the run that wrote it, or give another --output\n")
    assert out.read_bytes() == before


def test_a_full_disk_is_a_message_exit_1_and_whole_records_with_no_temporary_file(tmp_path):
    folder = tmp_path / "docs"
    make_folder(folder, 12, big_every=3)
    clean = clean_run(folder, tmp_path / "clean.jsonl")
    out = tmp_path / "runs" / "out.jsonl"
    out.parent.mkdir()
    out.write_bytes(b"".join(clean.splitlines(keepends=True)[:2]))
    limit = len(clean) // 2  # the disk fills half way through

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = cli("-q", "-f", "jsonl", "-o", str(out), "--resume", str(folder), preexec_fn=small_disk)
    assert done.returncode == 1
    assert done.stderr.decode() == f"lianhuan-extract: {out}: cannot write: File too large\n"
    kept = whole_prefix(out.read_bytes(), clean)
    assert 2 <= kept < 12
    assert only(out.parent) == ["out.jsonl"]
    resume_gives_the_clean_run(folder, out, clean)


def test_stray_temporary_files_of_a_killed_run_are_removed(tmp_path):
    folder = tmp_path / "docs"
    make_folder(folder, 4, big_every=3)
    clean = clean_run(folder, tmp_path / "clean.jsonl")
    out = tmp_path / "out.jsonl"
    out.write_bytes(clean.splitlines(keepends=True)[0])
    (tmp_path / ".out.jsonl.k3j9x_2a.part").write_bytes(b"{")
    resume_gives_the_clean_run(folder, out, clean)
    assert only(tmp_path) == ["clean.jsonl", "docs", "out.jsonl"]


def test_an_existing_file_keeps_its_mode_in_every_format(tmp_path):
    folder = tmp_path / "docs"
    make_folder(folder, 2, big_every=3)
    for fmt in ("jsonl", "json", "csv"):
        out = tmp_path / f"out.{fmt}"
        out.write_bytes(b"old")
        os.chmod(out, 0o600)
        done = cli("-q", "-f", fmt, "-o", str(out), str(folder))
        assert done.returncode == 0
        assert (out.stat().st_mode & 0o777, out.read_bytes() != b"old") == (0o600, True)
    out = tmp_path / "out.jsonl"
    out.write_bytes(out.read_bytes().splitlines(keepends=True)[0])
    assert cli("-q", "-f", "jsonl", "-o", str(out), "--resume", str(folder)).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o600


# -- the journal's writer, driven directly ---------------------------------------------------------

def _record(source: str, error: str | None = None, n: int = 0) -> str:
    record = {"schema": "lianhuan-extract/1", "source": source, "meta": {"n": n}, "entities": []}
    if error:
        record = {"schema": "lianhuan-extract/1", "source": source, "error": error, "entities": []}
    return json.dumps(record, ensure_ascii=False)


def test_a_resume_stopped_while_it_rewrites_keeps_old_and_new_records(tmp_path):
    from lianhuan_extract.cli.journal import JournalWriter, plan_resume, read_journal

    out = tmp_path / "out.jsonl"
    sources = ["id-a", "id-b", "id-a", "id-c", "id-d"]
    # the first run: id-a's first document failed, the next three were written, then a stop
    out.write_text("\n".join([_record("id-a", error="boom"), _record("id-b", n=1), _record("id-a", n=2),
                              _record("id-c", n=3)]) + "\n", encoding="utf-8")
    plan = plan_resume(read_journal(out), sources)
    assert (plan.slots, plan.kept, plan.last) == ({0: 0, 1: 1, 2: 2, 3: 3}, {1, 2, 3}, 3)
    writer = JournalWriter(out, plan)
    writer.line(_record("id-a", n=0))  # the failed document now works: FILE must be rewritten
    writer.kept(1, "id-b")
    writer.interrupt()  # stopped before the rest found its place
    assert out.read_text(encoding="utf-8").splitlines() == [
        _record("id-a", n=0), _record("id-b", n=1), _record("id-a", n=2), _record("id-c", n=3)]
    assert only(tmp_path) == ["out.jsonl"]
    # the next resume takes it from there: nothing lost, nothing twice
    plan = plan_resume(read_journal(out), sources)
    assert plan.kept == {0, 1, 2, 3}
    writer = JournalWriter(out, plan)
    for ordinal in range(4):
        writer.kept(ordinal, sources[ordinal])
    writer.line(_record("id-d", n=4))
    writer.close()
    assert out.read_text(encoding="utf-8").splitlines() == [
        _record("id-a", n=0), _record("id-b", n=1), _record("id-a", n=2), _record("id-c", n=3), _record("id-d", n=4)]


def test_records_in_another_order_are_put_in_input_order(tmp_path):
    from lianhuan_extract.cli.journal import JournalWriter, plan_resume, read_journal

    out = tmp_path / "out.jsonl"
    out.write_text(_record("b", n=1) + "\n" + _record("a", n=0) + "\n", encoding="utf-8")
    plan = plan_resume(read_journal(out), ["a", "b", "c"])
    writer = JournalWriter(out, plan)
    writer.kept(0, "a")
    writer.kept(1, "b")
    writer.line(_record("c", n=2))
    writer.close()
    assert out.read_text(encoding="utf-8").splitlines() == [_record("a", n=0), _record("b", n=1), _record("c", n=2)]


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().split(")")[-1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@pytest.mark.parametrize("how", [["--jobs", "2"], ["--scheduler", "local", "--jobs", "2"]],
                         ids=["pool-through-a-fork-server", "dask-local-cluster"])
def test_every_process_the_command_started_ends_when_it_is_killed(tmp_path, how):
    import pty
    import threading

    folder = tmp_path / "docs"
    make_folder(folder, 400, big_every=1)
    out = tmp_path / "out.jsonl"
    # stderr on a terminal: the progress bar's thread makes the pool start through a fork server,
    # whose workers are not the command's children
    controller, terminal = pty.openpty()
    drain = threading.Thread(target=lambda: _read_all(controller), daemon=True)
    drain.start()
    proc = subprocess.Popen([*COMMAND, "-f", "jsonl", "-o", str(out), *how, str(folder)],
                            stdout=subprocess.DEVNULL, stderr=terminal, env=ENV, start_new_session=True)
    os.close(terminal)
    started: list[int] = []
    try:
        wait_for_records(proc, out, 2, timeout=120)
        started = _descendants(proc.pid)
        assert len(started) >= 3  # two workers and the fork server, or the cluster's processes
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 15
        while [pid for pid in started if _alive(pid)] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in started if _alive(pid)], "processes outlived the command"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        for pid in started:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert whole_prefix(out.read_bytes(), out.read_bytes()) >= 2


def _read_all(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def test_a_full_disk_when_resume_must_rewrite_leaves_file_as_it_was(tmp_path):
    folder = tmp_path / "docs"
    make_folder(folder, 6, big_every=3)
    clean = clean_run(folder, tmp_path / "clean.jsonl")
    lines = clean.splitlines(keepends=True)
    out = tmp_path / "runs" / "out.jsonl"
    out.parent.mkdir()
    damaged = lines[0] + b"\0" * 50 + b"\n" + b"".join(lines[1:4])  # a lost block: FILE must be rewritten
    out.write_bytes(damaged)

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))

    done = cli("-q", "-f", "jsonl", "-o", str(out), "--resume", str(folder), preexec_fn=full_disk)
    assert done.returncode == 1
    assert done.stderr.decode() == f"lianhuan-extract: {out}: cannot write: File too large\n"
    assert out.read_bytes() == damaged
    assert only(out.parent) == ["out.jsonl"]
