"""Folders through the command line, as a user runs it: a real `python -m lianhuan_extract` process."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "samples" / "lianhuan-2024.txt").read_text(encoding="utf-8")
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lianhuan_extract", *args], capture_output=True,
                          env=ENV, timeout=timeout)


def small_text(i: int) -> str:
    return f"第{i}号通知:请于2024年5月{i % 28 + 1}日前联系王经理,电话010-6{i:07d},邮箱team{i}@example.com。"


def make_folder(root: Path, n: int, big_every: int = 10, big_copies: int = 4) -> list[Path]:
    """n documents; every `big_every`-th is a long one, so a pool finishes them out of order."""
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = root / f"{i:04d}.txt"
        path.write_text(SAMPLE * big_copies if i % big_every == 0 else small_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def sources(jsonl: bytes) -> list[str]:
    return [json.loads(line)["source"] for line in jsonl.splitlines()]


def test_jobs_2_keeps_input_order_and_the_jobs_1_bytes(tmp_path):
    paths = make_folder(tmp_path / "docs", 40)
    one = cli("--jobs", "1", "--format", "jsonl", "--quiet", str(tmp_path / "docs"))
    two = cli("--jobs", "2", "--format", "jsonl", "--quiet", str(tmp_path / "docs"))
    assert one.returncode == 0, one.stderr.decode()
    assert two.returncode == 0, two.stderr.decode()
    assert sources(two.stdout) == [str(p) for p in paths]
    assert two.stdout == one.stdout


def test_a_corrupt_file_in_the_middle_is_an_error_record_and_the_rest_is_processed(tmp_path):
    paths = make_folder(tmp_path / "docs", 9)
    corrupt = paths[4]
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    out = cli("--jobs", "2", "--format", "jsonl", "--quiet", str(tmp_path / "docs"))
    assert out.returncode == 1
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["source"] for r in records] == [str(p) for p in paths]
    assert records[4]["error"] == "binary file (contains NUL bytes)"
    assert all("error" not in r for i, r in enumerate(records) if i != 4)
    # reported on stderr too, with the program's name and the file
    assert f"lianhuan-extract: {corrupt}:".encode() in out.stderr


def test_resume_after_a_cut_off_run_gives_the_clean_run(tmp_path):
    make_folder(tmp_path / "docs", 30)
    clean = tmp_path / "clean.jsonl"
    assert cli("--jobs", "2", "--format", "jsonl", "--quiet", "--output", str(clean),
               str(tmp_path / "docs")).returncode == 0
    lines = clean.read_bytes().splitlines(keepends=True)
    assert len(lines) == 30
    partial = tmp_path / "partial.jsonl"
    partial.write_bytes(b"".join(lines[:11]))  # a sweep stopped after 11 documents
    resumed = cli("--jobs", "2", "--format", "jsonl", "--quiet", "--output", str(partial), "--resume",
                  str(tmp_path / "docs"))
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert partial.read_bytes() == clean.read_bytes()


def test_resume_after_ctrl_c_gives_the_clean_run(tmp_path):
    make_folder(tmp_path / "docs", 400, big_every=2, big_copies=1)
    clean = tmp_path / "clean.jsonl"
    assert cli("--jobs", "1", "--format", "jsonl", "--quiet", "--output", str(clean),
               str(tmp_path / "docs")).returncode == 0
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "lianhuan_extract", "--jobs", "2", "--format", "jsonl",
                             "--quiet", "--output", str(out), str(tmp_path / "docs")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, start_new_session=True)
    try:
        # part of the way through: records have reached out.jsonl itself (a journal)
        deadline = time.monotonic() + 60
        while not (out.exists() and out.stat().st_size):
            assert proc.poll() is None and time.monotonic() < deadline, "the run ended before Ctrl-C"
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    done = out.read_bytes()
    # what was kept is whole records, a proper prefix of the clean run
    assert done.endswith(b"\n") and clean.read_bytes().startswith(done)
    assert 0 < done.count(b"\n") < 400
    resumed = cli("--jobs", "2", "--format", "jsonl", "--quiet", "--output", str(out), "--resume",
                  str(tmp_path / "docs"))
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_bytes() == clean.read_bytes()


def test_jsonl_input_with_named_fields(tmp_path):
    rows = [{"url": f"https://example.com/{i}", "content": small_text(i)} for i in range(5)]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = cli("--input-format", "jsonl", "--text-field", "content", "--id-field", "url", "--jobs", "2",
              "--format", "jsonl", "--quiet", str(corpus))
    assert out.returncode == 0, out.stderr.decode()
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["source"] for r in records] == [r["url"] for r in rows]
    phones = [[e["value"] for e in r["entities"] if e.get("kind") == "phone"] for r in records]
    assert phones == [[f"010-6{i:07d}"] for i in range(5)]
