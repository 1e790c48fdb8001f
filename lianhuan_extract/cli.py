"""Command line: read files, folders or stdin; print records. (Minimal first version.)"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .decode import DecodeError, decode
from .pipeline import extract

app = typer.Typer(add_completion=False)


@app.command()
def run(
    paths: List[str] = typer.Argument(None),
    format: str = typer.Option("json", "--format", "-f"),
    ref_date: Optional[str] = typer.Option(None, "--ref-date"),
) -> None:
    failed = False
    for path in paths or ["-"]:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        try:
            text, enc = decode(data)
        except DecodeError as exc:
            print(f"lianhuan-extract: {path}: {exc}", file=sys.stderr)
            failed = True
            continue
        rec = extract(text, ref_date=ref_date, source="<stdin>" if path == "-" else path, encoding=enc)
        print(json.dumps(rec, ensure_ascii=False, indent=None if format == "jsonl" else 2))
    raise typer.Exit(1 if failed else 0)


def main() -> None:
    app()
