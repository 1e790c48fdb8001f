"""What the command reads and where it writes, when that is not a plain text file: FIFOs, devices,
huge files, deeply nested JSON, patterns reaching outside the folder, names that are not UTF-8,
lone surrogates; and outputs that are devices, FIFOs, links or files with their own mode."""
from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
COMMAND = [sys.executable, "-m", "lianhuan_extract"]
TEXT = "第1号通知:电话010-62345678。"


def cli(*args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], capture_output=True, env=ENV, timeout=timeout, **kwargs)


def records(out: bytes) -> list[dict]:
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


# -- inputs -----------------------------------------------------------------------------------------

def test_a_fifo_in_a_folder_is_skipped_with_a_message_and_never_opened(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    (folder / "c.txt").write_text(TEXT, encoding="utf-8")
    done = cli("-q", "-f", "jsonl", str(folder), timeout=60)  # a run that opens the FIFO hangs here
    assert done.returncode == 1
    assert [r["source"] for r in records(done.stdout)] == [str(folder / "a.txt"), str(folder / "c.txt")]
    assert done.stderr.decode() == (f"lianhuan-extract: {folder / 'b.txt'}: skipped: a FIFO, not a regular "
                                    "file (pipe it into '-' to read it)\n")
    # nobody opened it for reading: a writer that will not wait finds no reader
    with pytest.raises(OSError) as raised:
        os.open(folder / "b.txt", os.O_WRONLY | os.O_NONBLOCK)
    assert raised.value.errno == errno.ENXIO


def test_a_fifo_or_a_device_named_on_the_command_line_is_skipped(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    done = cli("-q", "-f", "jsonl", str(fifo), "/dev/zero", str(tmp_path / "a.txt"))
    assert done.returncode == 1
    assert [r["source"] for r in records(done.stdout)] == [str(tmp_path / "a.txt")]
    assert done.stderr.decode() == (
        f"lianhuan-extract: {fifo}: skipped: a FIFO, not a regular file (pipe it into '-' to read it)\n"
        "lianhuan-extract: /dev/zero: skipped: a character device, not a regular file (pipe it into '-' to read it)\n")


def test_a_file_above_the_size_bound_is_a_message_of_that_document(cli, tmp_path, monkeypatch):
    from lianhuan_extract.cli import jobs

    monkeypatch.setattr(jobs, "MAX_DOCUMENT_BYTES", 1000)
    (tmp_path / "big.txt").write_bytes(b"a" * 2000)
    (tmp_path / "small.txt").write_text(TEXT, encoding="utf-8")
    code, out, err = cli("-f", "jsonl", "--jobs", "1", str(tmp_path))
    assert code == 1
    assert [r.get("error") for r in records(out.encode())] == [
        "too large: 2,000 bytes (the limit for one document is 1,000 bytes)", None]
    assert err == (f"lianhuan-extract: {tmp_path / 'big.txt'}: too large: 2,000 bytes (the limit for one "
                   "document is 1,000 bytes)\n")


def test_a_deeply_nested_json_line_is_an_error_of_that_line_only(tmp_path):
    corpus = tmp_path / "crawl.jsonl"
    corpus.write_text('{"id": "a", "text": "电话010-62345678"}\n' + "[" * 100000 + "\n"
                      + '{"id": "c", "text": "电话010-62345679"}\n', encoding="utf-8")
    done = cli("-q", "-f", "jsonl", "--input-format", "jsonl", str(corpus))
    assert done.returncode == 1
    got = records(done.stdout)
    assert [(r["source"], r.get("error")) for r in got] == [
        ("a", None), (f"{corpus}:2", "not a JSON document: nested too deeply"), ("c", None)]
    assert done.stderr.decode() == f"lianhuan-extract: {corpus}:2: not a JSON document: nested too deeply\n"


@pytest.mark.parametrize("pattern, why", [
    ("/etc/*.txt", "'/etc/*.txt' is not inside the folder (give a pattern relative to it, such as '*.txt')"),
    ("../*", "'../*' reaches outside the folder ('..' is not allowed)"),
    ("a/../../*.txt", "'a/../../*.txt' reaches outside the folder ('..' is not allowed)"),
])
def test_a_glob_outside_the_folder_is_refused(tmp_path, pattern, why):
    (tmp_path / "in").mkdir()
    (tmp_path / "secret.txt").write_text(TEXT, encoding="utf-8")
    done = cli("--glob", pattern, str(tmp_path / "in"))
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode() == f"lianhuan-extract: --glob: {why}\n"


def test_a_bom_before_the_first_json_line_keeps_that_document(tmp_path):
    corpus = tmp_path / "crawl.jsonl"
    corpus.write_bytes(b"\xef\xbb\xbf" + '{"id": "first", "text": "5亿元"}\n{"id": "second", "text": "3亿元"}\n'
                       .encode("utf-8"))
    done = cli("-q", "-f", "jsonl", "--input-format", "jsonl", str(corpus))
    assert done.returncode == 0, done.stderr.decode()
    got = records(done.stdout)
    assert [(r["source"], [(e["text"], e["start"], e["end"]) for e in r["entities"]]) for r in got] == [
        ("first", [("5亿元", 0, 3)]), ("second", [("3亿元", 0, 3)])]


@pytest.mark.parametrize("encoding", [None, "utf-8", "utf-8-sig"])
def test_a_text_file_with_a_bom_keeps_its_text_and_its_offsets(tmp_path, encoding):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "5亿元".encode("utf-8"))
    done = cli("-q", str(path), *(["--encoding", encoding] if encoding else []))
    assert done.returncode == 0, done.stderr.decode()
    record = json.loads(done.stdout)
    # the decoded text of a file drops its BOM (shared/spec/output.md): offsets count from after it
    assert [(e["text"], e["start"], e["end"]) for e in record["entities"]] == [("5亿元", 0, 3)]
    assert record["meta"]["chars"] == 3


# -- valid UTF-8 whatever the names and texts -------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_escaped_and_said_so(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    bad = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 name
    (folder / bad).write_text(TEXT, encoding="utf-8")
    (folder / "plain.txt").write_text(TEXT, encoding="utf-8")
    done = cli("-q", "-f", "jsonl", str(folder))
    assert done.returncode == 0
    got = records(done.stdout)  # decodes as UTF-8, strictly
    assert [r["source"] for r in got] == [f"{folder}/caf\\xe9.txt", f"{folder}/plain.txt"]
    assert [r["meta"].get("source_escaped") for r in got] == [True, None]
    for fmt in ("jsonl", "json"):
        out = tmp_path / f"out.{fmt}"
        done = cli("-q", "-f", fmt, "-o", str(out), str(folder))
        assert done.returncode == 0, done.stderr.decode()
        text = out.read_bytes().decode("utf-8")
        assert "caf\\\\xe9.txt" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "out.json", "out.jsonl"]


def test_lone_surrogates_in_a_json_input_are_replaced_and_counted(tmp_path):
    corpus = tmp_path / "crawl.jsonl"
    corpus.write_text('{"id": "x\\udc80", "text": "\\ud83d营收5亿元\\udc00"}\n', encoding="utf-8")
    for args in ((), ("-o", str(tmp_path / "out.jsonl"))):
        done = cli("-q", "-f", "jsonl", "--input-format", "jsonl", str(corpus), *args)
        assert done.returncode == 0, done.stderr.decode()
        out = done.stdout if not args else (tmp_path / "out.jsonl").read_bytes()
        record = json.loads(out.decode("utf-8"))
        assert record["source"] == "x\\x80"
        assert (record["meta"]["replaced_characters"], record["meta"]["source_escaped"]) == (2, True)
        assert [(e["text"], e["start"], e["end"]) for e in record["entities"]] == [("5亿元", 3, 6)]


# -- outputs ----------------------------------------------------------------------------------------

def test_output_to_dev_null_writes_to_the_device_without_a_temporary_file(cli, tmp_path, monkeypatch):
    import tempfile

    def no(*args, **kwargs):
        raise AssertionError("a temporary file or a rename for a device")

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(tempfile, "mkstemp", no)
    monkeypatch.setattr(os, "replace", no)
    for fmt in ("json", "jsonl", "csv", "table"):
        code, out, err = cli("-f", fmt, "-o", "/dev/null", str(tmp_path / "a.txt"))
        assert (code, out, err) == (0, "", "")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_to_a_link_to_a_device_keeps_the_link(tmp_path):
    link = tmp_path / "sink"
    link.symlink_to("/dev/null")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    done = cli("-q", "-f", "jsonl", "-o", str(link), str(tmp_path / "a.txt"))
    assert done.returncode == 0
    assert os.readlink(link) == "/dev/null"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "sink"]


def test_output_to_a_link_to_a_file_writes_the_file_and_keeps_the_link(tmp_path):
    (tmp_path / "data").mkdir()
    real = tmp_path / "data" / "out.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(real)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    for fmt in ("json", "jsonl"):
        done = cli("-q", "-f", fmt, "-o", str(link), str(tmp_path / "a.txt"))
        assert done.returncode == 0
        assert link.is_symlink()
        assert json.loads(real.read_text(encoding="utf-8"))["source"] == str(tmp_path / "a.txt")


def test_output_to_dev_stdout_writes_where_stdout_goes(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    target = tmp_path / "redirected.txt"
    shell = f"{{ echo header; {sys.executable} -m lianhuan_extract -q -f jsonl -o /dev/stdout {tmp_path / 'a.txt'}; }} > {target}"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, env=ENV, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "header"
    assert json.loads(lines[1])["source"] == str(tmp_path / "a.txt")
    assert os.path.islink("/dev/stdout")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "redirected.txt"]


def test_output_to_a_fifo_is_read_by_its_reader(tmp_path):
    fifo = tmp_path / "records"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    done = cli("-q", "-f", "jsonl", "-o", str(fifo), str(tmp_path / "a.txt"))
    reader.join(timeout=30)
    assert done.returncode == 0
    assert json.loads(received[0])["source"] == str(tmp_path / "a.txt")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "records"]


def test_a_full_device_is_a_message_and_exit_1(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    done = cli("-q", "-f", "jsonl", "-o", "/dev/full", str(tmp_path / "a.txt"))
    assert (done.returncode, done.stderr.decode()) == (1, "lianhuan-extract: /dev/full: cannot write: No space left on device\n")


def test_an_endless_json_line_on_stdin_is_given_up_with_a_message(cli, monkeypatch):
    from lianhuan_extract.cli import inputs

    monkeypatch.setattr(inputs, "MAX_DOCUMENT_BYTES", 1000)
    first = '{"id": "a", "text": "电话010-62345678"}\n'
    code, out, err = cli("-f", "jsonl", "--input-format", "jsonl", "-", input=first + "x" * 20000)
    assert code == 1
    assert [(r["source"], r.get("error")) for r in records(out.encode())] == [
        ("a", None),
        ("<stdin>:2", "a line of more than 4,000 bytes without an end; the rest of this input is not read")]
    assert err == ("lianhuan-extract: <stdin>:2: a line of more than 4,000 bytes without an end; the rest of "
                   "this input is not read\n")


def test_a_json_line_above_the_bound_is_an_error_and_the_next_line_is_read(cli, monkeypatch):
    from lianhuan_extract.cli import inputs

    monkeypatch.setattr(inputs, "MAX_DOCUMENT_BYTES", 1000)
    lines = ['{"id": "a", "text": "电话010-62345678"}', '{"id": "b", "text": "' + "x" * 2000 + '"}',
             '{"id": "c", "text": "电话010-62345679"}']
    code, out, err = cli("-f", "jsonl", "--input-format", "jsonl", "-", input="\n".join(lines) + "\n")
    assert code == 1
    assert [(r["source"], r.get("error")) for r in records(out.encode())] == [
        ("a", None), ("<stdin>:2", "too large: a line of more than 1,000 bytes (the limit for one document)"),
        ("c", None)]


def test_a_temporary_file_left_by_a_killed_run_goes_at_the_next(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".out.json.a1b2c3d4.part").write_text("[\n{", encoding="utf-8")  # SIGKILL left it
    (tmp_path / ".other.json.a1b2c3d4.part").write_text("[", encoding="utf-8")  # not ours to remove
    done = cli("-q", "-o", str(tmp_path / "out.json"), str(tmp_path / "a.txt"))
    assert done.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.json.a1b2c3d4.part", "a.txt", "out.json"]
