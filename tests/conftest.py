"""Shared paths and helpers. `../shared` (the gold set, the spec) sits beside the repository in CI
and in a developer's checkout alike."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).parents[1]
SHARED = (Path(__file__).parents[1] / ".." / "shared").resolve()
SAMPLES = ROOT / "samples"
DEV_TEXTS = SHARED / "eval" / "dev" / "texts"


def corpus_files() -> list[Path]:
    """Every text the project ships or is scored on."""
    files = sorted(SAMPLES.glob("*.txt")) + sorted(DEV_TEXTS.glob("*.txt"))
    # our own held-back gold sets (tests/fresh, tests/fresh2) are scored texts too
    files += sorted((ROOT / "tests").glob("fresh*/texts/*.txt"))
    assert files, f"no texts found in {SAMPLES} or {DEV_TEXTS}"
    return files


@pytest.fixture
def cli():
    """Run the command in-process: cli(args, input=bytes) -> (exit code, stdout str, stderr str)."""
    from lianhuan_extract.cli.app import app

    runner = CliRunner()

    def run(*args: str, input: bytes | str | None = None):
        result = runner.invoke(app, list(args), input=input, prog_name="lianhuan-extract")
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr

    return run


def run_module(*args: str, input: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """A real process of `python -m lianhuan_extract` on this checkout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "lianhuan_extract", *args], input=input,
                          capture_output=True, env=env, timeout=timeout)


def contacts_of(record: dict) -> list[tuple[str, str]]:
    return [(e["kind"], e["value"]) for e in record["entities"] if e["type"] == "contact"]


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def child_pids(pid: int) -> set[int]:
    """The live (not zombie) child processes of `pid`, read from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().split(")")[-1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def read_until_closed(fd: int) -> bytes:
    """Everything a pseudo-terminal's controller side receives until the other side closes; closes fd."""
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO once the last writer is gone
            break
        if not chunk:
            break
        seen += chunk
    os.close(fd)
    return seen
