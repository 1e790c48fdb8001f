"""The command line as users drive it: inputs, formats, options, exit codes and messages."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLES, contacts_of, jsonl, read_until_closed, run_module

CONTACTS_TC = "聯絡人:王經理\n電話:(02)2366-1234 分機 351\n傳真:0514-89993100\n電子郵件:smedx@moea.gov.tw\n"
CONTACTS_SC = "联系人:周敏\n电话:0513-85098736 手机:13962801357\n邮箱:ntmarine2024@163.com\n"
EXPECTED_TC = [("phone", "(02)2366-1234分機351"), ("fax", "0514-89993100"), ("email", "smedx@moea.gov.tw")]
EXPECTED_SC = [("phone", "0513-85098736"), ("phone", "13962801357"), ("email", "ntmarine2024@163.com")]


@pytest.fixture
def folder(tmp_path):
    """a/ with two texts in nested folders, a non-matching file, and a text at the top."""
    root = tmp_path / "in"
    (root / "b" / "c").mkdir(parents=True)
    (root / "b" / "c" / "2.txt").write_text(CONTACTS_SC, encoding="utf-8")
    (root / "1.txt").write_text(CONTACTS_TC, encoding="utf-8")
    (root / "b" / "notes.md").write_text("电话:010-12345678", encoding="utf-8")
    return root


# -- inputs ---------------------------------------------------------------------------------------

def test_one_file_prints_one_record(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(CONTACTS_TC, encoding="utf-8")
    code, out, err = cli(str(path), "--types", "contact")
    assert (code, err) == (0, "")
    record = json.loads(out)
    assert record["schema"] == "lianhuan-extract/1"
    assert record["source"] == str(path)
    assert record["meta"]["encoding"] == "utf-8"
    assert record["meta"]["script"] == "traditional"
    assert record["meta"]["chars"] == len(CONTACTS_TC)
    assert contacts_of(record) == EXPECTED_TC
    for e in record["entities"]:
        assert CONTACTS_TC[e["start"]:e["end"]] == e["text"]


def test_a_folder_is_read_recursively_sorted_and_filtered_by_glob(cli, folder):
    code, out, err = cli(str(folder), "--types", "contact")
    assert (code, err) == (0, "")
    records = json.loads(out)
    assert [r["source"] for r in records] == [str(folder / "1.txt"), str(folder / "b" / "c" / "2.txt")]
    assert [contacts_of(r) for r in records] == [EXPECTED_TC, EXPECTED_SC]
    code, out, _ = cli(str(folder), "--glob", "*.md", "--types", "contact")
    assert code == 0
    records = json.loads(out)  # a folder is an array, even of one document
    assert [r["source"] for r in records] == [str(folder / "b" / "notes.md")]
    assert contacts_of(records[0]) == [("phone", "010-12345678")]


def test_piped_stdin_without_a_path(cli):
    code, out, err = cli("--types", "contact", input=CONTACTS_SC.encode("utf-8"))
    assert (code, err) == (0, "")
    record = json.loads(out)
    assert record["source"] == "<stdin>"
    assert contacts_of(record) == EXPECTED_SC


def test_dash_reads_stdin_among_other_paths(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(CONTACTS_TC, encoding="utf-8")
    code, out, err = cli(str(path), "-", "--types", "contact", "--format", "jsonl",
                         input=CONTACTS_SC.encode("utf-8"))
    assert (code, err) == (0, "")
    records = jsonl(out)
    assert [r["source"] for r in records] == [str(path), "<stdin>"]
    assert [contacts_of(r) for r in records] == [EXPECTED_TC, EXPECTED_SC]


def test_jsonl_input_uses_the_named_fields(cli, tmp_path):
    corpus = tmp_path / "crawl.jsonl"
    corpus.write_text(json.dumps({"url": "https://a.example/1", "content": CONTACTS_SC}, ensure_ascii=False)
                      + "\n\n" + "{not json\n"
                      + json.dumps({"content": CONTACTS_TC}, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, err = cli("--input-format", "jsonl", "--text-field", "content", "--id-field", "url", "--jobs", "1",
                         "--format", "jsonl", "--types", "contact", str(corpus))
    assert code == 1
    records = jsonl(out)
    assert [r["source"] for r in records] == ["https://a.example/1", f"{corpus}:3", f"{corpus}:4"]
    assert contacts_of(records[0]) == EXPECTED_SC
    assert records[1]["error"].startswith("not a JSON document")
    assert contacts_of(records[2]) == EXPECTED_TC
    assert err.startswith(f"lianhuan-extract: {corpus}:3: not a JSON document")
    assert len(err.splitlines()) == 1


# -- formats --------------------------------------------------------------------------------------

def test_jsonl_is_one_record_a_line(cli, folder):
    code, out, _ = cli(str(folder), "--format", "jsonl", "--types", "contact")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert [contacts_of(json.loads(line)) for line in lines] == [EXPECTED_TC, EXPECTED_SC]


def test_csv_is_one_entity_a_row_with_a_bom(cli, folder):
    code, out, _ = cli(str(folder), "--format", "csv", "--types", "contact")
    assert code == 0
    assert out.startswith("\ufeffsource,type,start,end,text,")
    rows = list(csv.DictReader(io.StringIO(out[1:])))
    assert [(r["source"], r["kind"], r["value"]) for r in rows] == (
        [(str(folder / "1.txt"), k, v) for k, v in EXPECTED_TC]
        + [(str(folder / "b" / "c" / "2.txt"), k, v) for k, v in EXPECTED_SC])
    first = rows[0]
    assert (first["type"], first["start"], first["end"], first["text"]) == ("contact", "11", "31", "(02)2366-1234 分機 351")
    assert first["rule"] == "contact.phone"


def test_table_shows_each_entity_and_explain_adds_the_rule(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(CONTACTS_TC, encoding="utf-8")
    code, out, _ = cli(str(path), "--format", "table", "--types", "contact")
    assert code == 0
    assert "smedx@moea.gov.tw" in out and "fax: 0514-89993100" in out
    assert "contact.fax" not in out
    code, out, _ = cli(str(path), "--format", "table", "--types", "contact", "--explain")
    assert "contact.fax" in out


def test_types_keeps_only_the_named_types(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(CONTACTS_TC, encoding="utf-8")
    code, out, _ = cli(str(path), "--types", "org")
    assert code == 0
    assert all(e["type"] == "org" for e in json.loads(out)["entities"])


def test_ref_date_is_reported(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(CONTACTS_TC, encoding="utf-8")
    code, out, _ = cli(str(path), "--ref-date", "2024-04-03", "--types", "contact")
    meta = json.loads(out)["meta"]
    assert (meta["reference_date"], meta["reference_date_origin"]) == ("2024-04-03", "given")


def test_output_file_is_written_whole_and_no_temporary_file_stays(cli, folder, tmp_path):
    target = tmp_path / "out" / "result.jsonl"
    target.parent.mkdir()
    code, out, err = cli(str(folder), "-f", "jsonl", "-o", str(target), "--types", "contact")
    assert (code, out, err) == (0, "", "")
    assert [contacts_of(r) for r in jsonl(target.read_text(encoding="utf-8"))] == [EXPECTED_TC, EXPECTED_SC]
    assert [p.name for p in target.parent.iterdir()] == ["result.jsonl"]


def test_resume_skips_what_is_in_the_file_and_appends_the_rest(cli, folder, tmp_path):
    target = tmp_path / "result.jsonl"
    cli(str(folder), "-f", "jsonl", "-o", str(target), "--types", "contact")
    whole = target.read_text(encoding="utf-8")
    first_line = whole.splitlines(keepends=True)[0]
    target.write_text(first_line + '{"schema": "lianhuan-extract/1", "sour', encoding="utf-8")  # cut off
    code, _, err = cli(str(folder), "-f", "jsonl", "-o", str(target), "--types", "contact", "--resume")
    assert (code, err) == (0, "")
    assert target.read_text(encoding="utf-8") == whole


# -- failures and exit codes ----------------------------------------------------------------------

def test_a_missing_path_fails_but_the_others_are_printed(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(CONTACTS_SC, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    code, out, err = cli(str(missing), str(good), "-f", "jsonl", "--types", "contact")
    assert code == 1
    assert err == f"lianhuan-extract: {missing}: cannot read: No such file or directory\n"
    records = jsonl(out)
    assert records[0] == {"schema": "lianhuan-extract/1", "source": str(missing),
                          "error": "cannot read: No such file or directory", "entities": []}
    assert contacts_of(records[1]) == EXPECTED_SC


def test_json_format_prints_the_documents_that_worked(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(CONTACTS_SC, encoding="utf-8")
    code, out, err = cli(str(tmp_path / "nope.txt"), str(good), "--types", "contact")
    assert code == 1
    assert [r["source"] for r in json.loads(out)] == [str(good)]
    assert "Traceback" not in err


def test_a_folder_without_matching_files(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    code, out, err = cli(str(tmp_path / "empty"))
    assert code == 1
    assert out == "[]\n"  # a folder is an array, even of no document
    assert err == f"lianhuan-extract: {tmp_path / 'empty'}: no files matching '*.txt' in this folder\n"


def test_binary_and_undecodable_files_are_errors(cli, tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(b"abc\x80\x80\x80")
    code, out, err = cli(str(binary), str(garbage), "-f", "jsonl")
    assert code == 1
    assert err.splitlines() == [
        f"lianhuan-extract: {binary}: binary file (contains NUL bytes)",
        f"lianhuan-extract: {garbage}: not UTF-8, UTF-16, GB18030 or Big5 text (use --encoding to name the codec)",
    ]
    assert [r["error"] for r in jsonl(out)] == ["binary file (contains NUL bytes)",
                                               "not UTF-8, UTF-16, GB18030 or Big5 text (use --encoding to name the codec)"]


def test_a_forced_encoding_that_does_not_fit_is_an_error(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("電話", encoding="utf-8")
    code, _, err = cli(str(path), "--encoding", "ascii")
    assert code == 1
    assert err == f"lianhuan-extract: {path}: cannot decode as ascii: byte 0\n"


def test_an_empty_file_is_an_empty_record(cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, out, err = cli(str(path))
    assert (code, err) == (0, "")
    record = json.loads(out)
    assert record["entities"] == [] and record["meta"]["chars"] == 0


@pytest.mark.parametrize("args, message", [
    (["--format", "xml"], "'xml' is not one of json, jsonl, csv, table"),
    (["--types", "quantity,money"], "unknown type money"),
    (["--ref-date", "2024-13-01"], "'2024-13-01' is not a date YYYY-MM-DD"),
    (["--encoding", "klingon"], "unknown encoding 'klingon'"),
    (["--resume"], "needs --output FILE and --format jsonl"),
    (["--jobs", "0"], "must be at least 1"),
    (["--bogus"], "No such option"),
])
def test_usage_errors_exit_2(cli, tmp_path, args, message):
    path = tmp_path / "x.txt"
    path.write_text("电话:010-12345678", encoding="utf-8")
    code, out, err = cli(*args, str(path))
    assert code == 2
    assert out == ""
    assert message in err


def test_version_and_help(cli):
    from lianhuan_extract import __version__

    code, out, _ = cli("--version")
    assert (code, out) == (0, f"lianhuan-extract {__version__}\n")
    code, out, _ = cli("--help")
    assert code == 0
    for option in ("--format", "--output", "--types", "--ref-date", "--encoding", "--glob", "--jobs",
                   "--scheduler", "--resume", "--input-format", "--text-field", "--id-field", "--explain",
                   "--quiet", "--summary", "--version"):
        assert option in out
    assert "lianhuan-extract -f jsonl -o out.jsonl corpus/" in out


def test_summary_on_request(cli, folder):
    code, _, err = cli(str(folder), "--types", "contact", "--summary")
    assert code == 0
    assert err.startswith("lianhuan-extract: summary: 2 documents, 0 failed, 6 entities (contact 6), ")


# -- as a real process ----------------------------------------------------------------------------

def test_the_module_runs_on_the_sample_and_keeps_stderr_empty():
    done = run_module(str(SAMPLES / "lianhuan-2024.txt"), "--types", "contact")
    assert done.returncode == 0
    assert done.stderr == b""
    record = json.loads(done.stdout)
    assert contacts_of(record) == [("phone", "0514-89993100"), ("fax", "0514-89993100")]


def test_a_run_with_options_does_not_import_pydantic():
    # typer 0.29 imports pydantic to coerce every option, 0.15 s of a 0.9 s cold start; pyproject
    # keeps typer below it (a run's other imports are ours, jieba's, typer's and rich's)
    script = ("import sys\n"
              "from lianhuan_extract.cli import main\n"
              f"sys.argv = ['lianhuan-extract', '-f', 'jsonl', '--types', 'contact,date', '-j', '1', {str(SAMPLES / 'lianhuan-2024.txt')!r}]\n"
              "try:\n    main()\nexcept SystemExit as stop:\n    code = stop.code\n"
              "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'pydantic_core'}), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stderr.decode().strip() == "0 []"
    assert json.loads(done.stdout)["source"].endswith("lianhuan-2024.txt")


def test_a_closed_pipe_ends_quietly(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(30):
        (folder / f"{i:03d}.txt").write_text(CONTACTS_SC * 200, encoding="utf-8")
    shell = (f"{sys.executable} -m lianhuan_extract -f jsonl --jobs 1 --types contact {folder} | head -1")
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.stderr == b""
    assert json.loads(done.stdout)["source"] == str(folder / "000.txt")
    assert done.returncode == 0


@pytest.mark.parametrize("codec, reported", [
    ("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("gb18030", "gb18030"), ("gbk", "gb18030"), ("big5", "big5"),
])
def test_each_encoding_through_the_command(cli, tmp_path, codec, reported):
    path = tmp_path / "x.txt"
    path.write_bytes(CONTACTS_TC.encode(codec))
    code, out, _ = cli(str(path), "--types", "contact")
    record = json.loads(out)
    assert (code, record["meta"]["encoding"]) == (0, reported)
    assert contacts_of(record) == EXPECTED_TC


def test_a_forced_encoding(cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(CONTACTS_SC.encode("gbk"))
    code, out, _ = cli(str(path), "--encoding", "gbk", "--types", "contact")
    record = json.loads(out)
    assert (code, record["meta"]["encoding"]) == (0, "gbk")
    assert contacts_of(record) == EXPECTED_SC


def test_progress_and_summary_on_a_terminal_only(tmp_path):
    import os
    import pty

    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(CONTACTS_SC, encoding="utf-8")
    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120"}
    done = subprocess.run([sys.executable, "-m", "lianhuan_extract", "-f", "jsonl", "--types", "contact",
                           str(folder)], stdout=subprocess.PIPE, stderr=terminal, env=env, timeout=120)
    os.close(terminal)
    seen = read_until_closed(controller)
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 3
    assert b"lianhuan-extract: summary: 3 documents, 0 failed, 9 entities (contact 9)" in seen


def test_ctrl_c_leaves_complete_records_and_says_so(tmp_path):
    import os
    import signal

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:03d}.txt").write_text(CONTACTS_SC * 300, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "lianhuan_extract", "-f", "jsonl", "--jobs", "1",
                             "--types", "contact", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        first = proc.stdout.readline()  # it is running
        os.killpg(proc.pid, signal.SIGINT)
        # read through the same buffered reader: communicate() would skip what readline() buffered;
        # a process that ignored the signal is killed after a minute rather than hang the suite
        import threading

        guard = threading.Timer(60, lambda: os.killpg(proc.pid, signal.SIGKILL))
        guard.start()
        rest = proc.stdout.read()
        err = proc.stderr.read()
        proc.wait()
        guard.cancel()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert err.decode().endswith("lianhuan-extract: interrupted\n")
    assert "Traceback" not in err.decode()
    lines = (first + rest).decode().splitlines()
    assert 1 <= len(lines) < 400
    assert [json.loads(line)["source"] for line in lines] == [str(folder / f"{i:03d}.txt") for i in range(len(lines))]


def test_no_path_and_a_terminal_on_stdin_is_a_usage_error():
    import os
    import pty

    controller, terminal = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "lianhuan_extract"], stdin=terminal, capture_output=True,
                              timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 2
    assert done.stdout == b""
    assert b"no input: give a PATH, or pipe text into the command" in done.stderr
