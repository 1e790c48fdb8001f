"""The command-line side: the `lianhuan-extract` command (`app`), what it reads (`inputs`), how it
runs many documents (`jobs`, `batch`, `dask_runner`), and how it writes them (`output`, `sink`,
`progress`).

The command itself is loaded only when asked for, so a pool or Dask worker that imports
`cli.jobs` does not pay for typer and rich.
"""
from __future__ import annotations


def main() -> None:
    """The console script's entry point."""
    from .app import main as run_command

    run_command()


def __getattr__(name: str):
    if name == "app":
        from .app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
