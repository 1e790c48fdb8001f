"""On a terminal and in pipes: the progress bar never mixes with the data, tables are as wide as
COLUMNS or the terminal says (piped or not), rule names are never cut, and a reader that goes away
(`| head -1`) ends the run with status 0 in every format."""
from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import read_until_closed

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "lianhuan-2024.txt"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
COMMAND = [sys.executable, "-m", "lianhuan_extract"]


def screen(raw: bytes) -> list[str]:
    """What a terminal shows after `raw`: a small emulator of what rich and the tool send (text,
    CR, LF, cursor up, erase line; colours and cursor visibility ignored)."""
    lines: list[list[str]] = [[]]
    row = col = 0
    text = raw.decode("utf-8", "replace")
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\x1b":
            match = re.match(r"\x1b\[([?0-9;]*)([A-Za-z])", text[i:])
            assert match, f"unknown escape at {text[i:i + 10]!r}"
            arg, op = match.groups()
            if op == "A":
                row = max(row - int(arg or 1), 0)
            elif op == "K":
                lines[row] = [] if arg == "2" else lines[row][:col]
            i += match.end()
            continue
        if ch == "\r":
            col = 0
        elif ch == "\n":
            row += 1
            col = 0
            while len(lines) <= row:
                lines.append([])
        else:
            line = lines[row]
            while len(line) < col:
                line.append(" ")
            if col < len(line):
                line[col] = ch
            else:
                line.append(ch)
            col += 1
        i += 1
    return ["".join(line).rstrip() for line in lines if "".join(line).strip()]


def on_a_terminal(*args: str, columns: int = 120) -> tuple[int, list[str]]:
    """Run with stdout and stderr on one terminal; (status, the final screen)."""
    controller, terminal = pty.openpty()
    env = {**ENV, "COLUMNS": str(columns), "TERM": "xterm"}
    proc = subprocess.Popen([*COMMAND, *args], stdout=terminal, stderr=terminal, stdin=subprocess.DEVNULL,
                            env=env)
    os.close(terminal)
    seen = read_until_closed(controller)
    return proc.wait(timeout=120), screen(seen)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("docs")
    for i in range(30):
        (root / f"{i:02d}.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def test_the_screen_example_emulator_reads_what_rich_sends():
    assert screen(b"documents 0/3\r\n\x1b[?25h\r\x1b[1A\x1b[2K{\"a\": 1}\r\nnext") == ['{"a": 1}', "next"]


def test_jsonl_on_the_terminal_of_the_bar_keeps_every_record_whole(folder):
    status, shown = on_a_terminal("-f", "jsonl", "--types", "contact", str(folder))
    assert status == 0
    records = [line for line in shown if not line.startswith("lianhuan-extract: summary:")]
    assert [json.loads(line)["source"] for line in records] == [str(folder / f"{i:02d}.txt") for i in range(30)]
    assert shown[-1].startswith("lianhuan-extract: summary: 30 documents, 0 failed, 60 entities (contact 60)")


def test_a_table_on_the_terminal_of_the_bar_has_no_piece_of_the_bar(folder):
    status, shown = on_a_terminal("-f", "table", "--types", "contact", str(folder))
    assert status == 0
    assert not [line for line in shown if line.startswith("documents")]
    headings = [line for line in shown if "2237 chars" in line]
    assert len(headings) == 30
    assert all(re.fullmatch(r"─+ \S+/\d\d\.txt  ·  2237 chars  ·  utf-8  ·  traditional  ·  2 entities ─+", h)
               for h in headings)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_a_reader_that_goes_away_is_status_0_in_every_format(folder, fmt):
    shell = f"{sys.executable} -m lianhuan_extract -q -f {fmt} --jobs 1 {folder} | head -1 > /dev/null"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, env=ENV, timeout=120)
    assert (done.returncode, done.stderr) == (0, b"")


@pytest.mark.parametrize("columns", [72, 100, 200])
def test_a_piped_table_is_as_wide_as_columns(columns):
    done = subprocess.run([*COMMAND, "-f", "table", "--explain", str(SAMPLE)], capture_output=True, timeout=120,
                          env={**ENV, "COLUMNS": str(columns)})
    assert done.returncode == 0
    widths = [cell_len(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert max(widths) == columns  # the rules over each document span the width


def test_explain_never_cuts_a_rule_name():
    record = json.loads(subprocess.run([*COMMAND, str(SAMPLE)], capture_output=True, env=ENV, timeout=120).stdout)
    rules = {e["rule"] for e in record["entities"]}
    assert "target.plan" in rules and len(rules) > 10
    done = subprocess.run([*COMMAND, "-f", "table", "--explain", str(SAMPLE)], capture_output=True, timeout=120,
                          env={**ENV, "COLUMNS": "200"})
    cells = {cell.strip() for line in done.stdout.decode("utf-8").splitlines() for cell in line.split("│")}
    assert rules <= cells
    assert "…" not in done.stdout.decode("utf-8")
