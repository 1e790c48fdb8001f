"""Progress on stderr while a batch runs, and the summary at its end.

The bar appears only when stderr is a terminal: piped stderr carries nothing but the one-line
failure reports, so that it stays parseable.
"""
from __future__ import annotations

import contextlib
import time


def summary_line(documents: int, failures: int, counts: dict[str, int], seconds: float,
                 interrupted: bool = False) -> str:
    entities = sum(counts.values())
    by_type = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    text = (f"lianhuan-extract: summary: {documents} document{'s' if documents != 1 else ''}, "
            f"{failures} failed, {entities} entit{'ies' if entities != 1 else 'y'}")
    if by_type:
        text += f" ({by_type})"
    text += f", {seconds:.1f} s"
    if interrupted:
        text += ", interrupted"
    return text


class Progress:
    """A rich progress bar (documents, chars/s, ETA, failures so far), or nothing."""

    def __init__(self, total: int | None, enabled: bool, shares_terminal: bool = False):
        self.total = total
        self.enabled = enabled
        # the records go to the terminal the bar is drawn on: the bar is taken off the screen
        # while a record prints, so the two never interleave
        self.shares_terminal = shares_terminal
        self._bar = None
        self._task = None
        self.chars = 0
        self.failures = 0
        self.started = time.perf_counter()

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

            self._bar = Bar(TextColumn("documents"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                            TextColumn("{task.fields[failed]}"),
                            console=Console(stderr=True), transient=True,
                            redirect_stdout=False, redirect_stderr=True)
            self._task = self._bar.add_task("documents", total=self.total, rate="", failed="")
            self._bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    @contextlib.contextmanager
    def paused(self):
        """While the body writes to a terminal stdout, the bar is off the screen."""
        if self._bar is None or not self.shares_terminal:
            yield
            return
        self._bar.stop()  # transient: the bar's lines are cleared
        try:
            yield
        finally:
            self._bar.start()

    def advance(self, chars: int, failed: bool = False) -> None:
        self.chars += chars
        self.failures += failed
        if self._bar is None:
            return
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        self._bar.update(self._task, advance=1, rate=f"{self.chars / elapsed:,.0f} chars/s",
                         failed=f"{self.failures} failed" if self.failures else "")


