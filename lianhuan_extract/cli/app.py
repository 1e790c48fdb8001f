"""The `lianhuan-extract` command: options in, Jobs to `batch.run`, records out.

Kept thin on purpose: the library does the work (`pipeline`, `batch`), `inputs` turns paths into
documents, `output` writes the formats. This module parses options, wires them together, reports
failures on stderr as `lianhuan-extract: <source>: <reason>` and chooses the exit code:
0 every input processed, 1 some input failed (the others were still processed), 2 usage error.
"""
from __future__ import annotations

import codecs
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import List, Optional

import typer

from .. import __version__
from . import batch
from ..entity import TYPES
from ..extractors.lexicon import Lexicon, LexiconError
from .inputs import (InputError, Kept, Options, count_documents, document_sources, glob_problem, jobs as documents_of,
                     kept_entries, list_inputs)
from .jobs import escape_source
from .journal import JournalError, plan_resume, read_journal
from .output import FORMATS
from .progress import Progress, summary_line
from .sink import Sink, target_of

PROG = "lianhuan-extract"

EPILOG = """\
Examples:

\b
  lianhuan-extract samples/lianhuan-2024.txt                  one file, one JSON record
  cat report.txt | lianhuan-extract - | jq '.entities[]'      from a pipe
  lianhuan-extract -f jsonl -o out.jsonl corpus/              a folder (recursive, *.txt) to JSON Lines
  lianhuan-extract -f jsonl -o out.jsonl --resume corpus/     continue an interrupted sweep
  lianhuan-extract -f table --types target,quantity x.txt     a table for people
  lianhuan-extract -f csv -o contacts.csv --types contact .   one entity a row, opens in Excel
  lianhuan-extract --input-format jsonl --text-field content --id-field url crawl.jsonl

\b
Exit status: 0 every input processed, 1 some input failed (the others are still
processed and printed), 2 usage error, 130 interrupted (Ctrl-C), 143 terminated
(SIGTERM). Failures are reported on stderr as 'lianhuan-extract: <path>: <reason>'.
With -o FILE -f jsonl, FILE is a journal: each record is in it as soon as it is
written, whatever stops the run, and --resume continues from there.
"""

DEFAULT_SCHEDULER_TIMEOUT = 10.0


class UsageError(Exception):
    """A usage error reported as one line, `lianhuan-extract: <what>: <why>`, exit status 2."""

    def __init__(self, what: str, why: str):
        super().__init__(f"{what}: {why}")
        self.what, self.why = what, why


class Terminated(KeyboardInterrupt):
    """Ctrl-C, SIGTERM or SIGHUP: the run stops, keeping what is written; exit status 128 + signal."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


_SIGINT = 2  # signal.SIGINT everywhere; Ctrl-C says "interrupted", other signals "terminated"

# A signal that arrives while a record is being written waits until the record is whole: the
# writers (the journal above all) never stop half way through a line or a rewrite.
_writing = 0
_pending: int | None = None


def _on_signal(signum, frame) -> None:
    global _pending
    if _writing:
        _pending = signum
        return
    _stop(signum)


def _stop(signum: int) -> None:
    import signal

    # once is enough: the cleanup that follows is not interrupted by a second signal
    for other in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if other is not None:
            signal.signal(other, signal.SIG_IGN)
    raise Terminated(signum)


class _whole:
    """`with _whole():` around a write that a signal must not cut."""

    def __enter__(self):
        global _writing
        _writing += 1

    failed = False  # an OSError came out of a write: the output failed, not the input or the runner

    def __exit__(self, kind, value, traceback):
        global _writing, _pending
        _writing -= 1
        if kind is not None and issubclass(kind, OSError):
            _whole.failed = True
        if not _writing and _pending is not None and kind is None:
            signum, _pending = _pending, None
            _stop(signum)
        return False


_handlers_before: dict = {}


def _handle_stop_signals() -> None:
    """Ctrl-C, SIGTERM and SIGHUP stop the run alike."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            _handlers_before.setdefault(signum, signal.signal(signum, _on_signal))


def _restore_signals() -> None:
    """The handlers as they were (the command may run inside another program, a test's runner)."""
    import signal

    global _pending
    _pending = None
    while _handlers_before:
        signum, handler = _handlers_before.popitem()
        signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


def check_scheduler(address: str) -> None:
    """'local' or PROTOCOL://HOST:PORT; UsageError otherwise."""
    import re

    try:
        import distributed  # noqa: F401  (only whether it imports)
    except ImportError:
        raise UsageError("--scheduler", "running on Dask needs the dask extra: "
                                        "pip install 'lianhuan-extract[dask]'") from None
    if address == "local":
        return
    match = re.fullmatch(r"(tcp|tls|ws|wss|ucx)://(\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]]+):(\d{1,5})/?", address)
    if not match:
        if re.fullmatch(r"(tcp|tls|ws|wss|ucx)://[^\s:/]+/?", address):
            why = f"{address!r} has no port (tcp://HOST:PORT, the scheduler's port is usually 8786)"
        else:
            why = f"{address!r} is not 'local' or tcp://HOST:PORT"
        raise UsageError("--scheduler", why)
    if not 0 < int(match.group(3)) < 65536:
        raise UsageError("--scheduler", f"{address!r}: the port must be 1 to 65535")

app = typer.Typer(add_completion=False, context_settings={"help_option_names": ["-h", "--help"]},
                  rich_markup_mode=None, pretty_exceptions_enable=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__}")
        raise typer.Exit(0)


def _schema(value: bool) -> None:
    if value:
        from ..schema import text

        sys.stdout.write(text())
        raise typer.Exit(0)


def _parse_types(value: str | None) -> tuple[str, ...] | None:
    if not value:
        return None
    wanted = tuple(t.strip() for t in value.split(",") if t.strip())
    unknown = [t for t in wanted if t not in TYPES]
    if unknown:
        raise typer.BadParameter(f"unknown type {', '.join(unknown)} (known: {', '.join(TYPES)})",
                                 param_hint="--types")
    return wanted


def _check_options(fmt, ref_date, encoding, jobs, resume, output, input_format) -> None:
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    if ref_date:
        try:
            dt.date.fromisoformat(ref_date)
        except ValueError:
            raise typer.BadParameter(f"{ref_date!r} is not a date YYYY-MM-DD", param_hint="--ref-date") from None
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise typer.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None
    if jobs is not None and jobs < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--jobs")
    if resume and (not output or fmt != "jsonl"):
        raise typer.BadParameter("needs --output FILE and --format jsonl", param_hint="--resume")
    if input_format not in ("text", "jsonl"):
        raise typer.BadParameter(f"{input_format!r} is not one of text, jsonl", param_hint="--input-format")


def _load_lexicon(paths: list[str] | None) -> Lexicon | None:
    """The --lexicon files as one Lexicon; a bad one is a usage error: its file, line and why, exit 2."""
    if not paths:
        return None
    try:
        return Lexicon.coerce(paths)
    except LexiconError as exc:
        sys.stderr.write(f"{PROG}: {exc}\n")
        raise typer.Exit(2) from None


def report(source: str, reason: str) -> None:
    """One failure, one line on stderr, nothing else."""
    line = f"{PROG}: {source}: {reason}\n"
    try:
        sys.stderr.write(line)
    except UnicodeEncodeError:
        sys.stderr.write(line.encode("utf-8", "backslashreplace").decode("utf-8"))
    sys.stderr.flush()


def _one_line_failures(command):
    """Usage errors of our own as one line (`lianhuan-extract: <what>: <why>`, status 2), and the
    signal handlers put back when the command returns (it may run inside another program)."""
    import functools

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except UsageError as exc:
            report(exc.what, exc.why)
            raise typer.Exit(2)
        finally:
            _restore_signals()

    return run


@app.command(help="Extract quantities, ranges, dates, organizations, people, contacts and targets "
                  "from Chinese press releases, work reports and announcements (simplified or "
                  "traditional) as JSON records (fields: README, 'The record'; schema: --schema).",
             epilog=EPILOG)
@_one_line_failures
def main_command(
    paths: Optional[List[str]] = typer.Argument(
        None, metavar="PATH", show_default=False,
        help="Files or folders to read; '-' reads stdin. With no PATH, reads stdin when it is a pipe."),
    fmt: str = typer.Option("json", "--format", "-f", metavar="FORMAT",
                            help="json (an object for one file or stdin, an array for a folder, "
                                 "several paths or JSON Lines input, whatever the count; coloured on a "
                                 "terminal), jsonl (one record a line, streamed), csv (one entity a "
                                 "row, every field, UTF-8 with BOM), table (for people) or html (one "
                                 "self-contained page with the finds marked in the text)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to FILE instead of stdout. With -f jsonl FILE is a "
                                               "journal: each record is in it as soon as it is written. "
                                               "Other formats go through a temporary file renamed at the "
                                               "end. Devices and FIFOs are written to directly."),
    types: Optional[str] = typer.Option(None, "--types", "-t", metavar="TYPE,...",
                                        help=f"Keep only these entity types: {', '.join(TYPES)}. "
                                             "Example: --types quantity,date"),
    lexicon: Optional[List[str]] = typer.Option(None, "--lexicon", metavar="FILE",
                                                help="Your own orgs, people, units, target cue words and "
                                                     "names to ignore, as TOML (either script; see "
                                                     "samples/lexicon.toml). Repeatable."),
    ref_date: Optional[str] = typer.Option(None, "--ref-date", metavar="YYYY-MM-DD",
                                           help="Resolve partial and relative dates (4月3日, 去年) "
                                                "against this date instead of one inferred from the text."),
    encoding: Optional[str] = typer.Option(None, "--encoding", metavar="NAME",
                                           help="Decode input with this codec (gbk, big5, utf-16 ...) "
                                                "instead of detecting it."),
    glob: str = typer.Option("*.txt", "--glob", metavar="PATTERN",
                             help="Which files to read in folders (recursive, sorted)."),
    input_format: str = typer.Option("text", "--input-format", metavar="text|jsonl",
                                     help="jsonl: each input line is a JSON document holding the text "
                                          "(--text-field) and an id used as source (--id-field)."),
    text_field: str = typer.Option("text", "--text-field", metavar="NAME",
                                   help="With --input-format jsonl: the field holding the text."),
    id_field: str = typer.Option("id", "--id-field", metavar="NAME",
                                 help="With --input-format jsonl: the field used as `source`."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="N",
                                       help="Worker processes (default: all cores, fewer for a small input: "
                                            "one process below 1 MiB or 200 documents; 1 runs in "
                                            "this process)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                            help="Run on Dask: 'local' or tcp://host:port "
                                                 "(needs pip install 'lianhuan-extract[dask]')."),
    scheduler_timeout: float = typer.Option(DEFAULT_SCHEDULER_TIMEOUT, "--scheduler-timeout", metavar="SECONDS",
                                            show_default=False,
                                            help="Give up on a Dask scheduler that cannot be reached, or "
                                                 "that has no worker left, after this many seconds "
                                                 f"(default {DEFAULT_SCHEDULER_TIMEOUT:g})."),
    resume: bool = typer.Option(False, "--resume",
                                help="With --output FILE --format jsonl: keep the records FILE already "
                                     "holds (a document is known by its absolute path, or its JSON "
                                     "Lines file, line and id), run the rest and the documents that "
                                     "failed again; FILE ends as one uninterrupted run writes it."),
    explain: bool = typer.Option(False, "--explain",
                                 help="Show the rule that found each entity (table format; JSON always "
                                      "carries `rule`)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
    summary: bool = typer.Option(False, "--summary",
                                 help="Print a summary on stderr at the end even when stderr is not a "
                                      "terminal (it is printed on a terminal anyway)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
    schema: bool = typer.Option(False, "--schema", callback=_schema, is_eager=True,
                                help="Print the JSON Schema of the record and exit."),
) -> None:
    if output is not None and str(output) == "-":
        output = None  # -o - is stdout, as in most tools
    _check_options(fmt, ref_date, encoding, jobs, resume, output, input_format)
    wanted_types = _parse_types(types)
    problem = glob_problem(glob)
    if problem:
        raise UsageError("--glob", problem)
    if scheduler is not None:
        check_scheduler(scheduler)
    if not scheduler_timeout > 0:
        raise UsageError("--scheduler-timeout", "must be more than 0 seconds")
    user_words = _load_lexicon(lexicon)
    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            raise typer.BadParameter("no input: give a PATH, or pipe text into the command",
                                     param_hint="PATH")
        paths = ["-"]
    if paths.count("-") > 1:
        raise typer.BadParameter("'-' (stdin) can be given once", param_hint="PATH")

    options = Options(encoding=encoding, ref_date=ref_date, types=wanted_types, lexicon=user_words, glob=glob,
                      input_format=input_format, text_field=text_field, id_field=id_field,
                      json_lines=fmt == "jsonl", keep_text=fmt == "html")
    entries = list_inputs(paths, glob)
    # a collection prints as a JSON array whatever the count, a single file or stdin as an object
    many = len(paths) > 1 or input_format == "jsonl" or any(p != "-" and os.path.isdir(p) for p in paths)
    plan = None
    if resume and output is not None:
        if input_format == "jsonl" and "-" in paths:
            raise UsageError("--resume", "cannot continue JSON Lines read from stdin (it cannot be read "
                                         "twice); give the file")
        target, regular = target_of(output)
        if not regular:
            kind = "a folder" if os.path.isdir(target) else "not a regular file"
            raise UsageError(str(output), f"is {kind}; --resume needs the JSON Lines file of an earlier run")
        try:
            plan = plan_resume(read_journal(target), document_sources(entries, options))
        except JournalError as exc:
            raise UsageError(str(output), str(exc)) from None
        options.kept = frozenset(plan.kept)
    total = count_documents(entries, options)
    workers = choose_workers(jobs, total, input_bytes(entries, kept_entries(entries, options)),
                             os.cpu_count() or 1, scheduler)
    try:
        sink = Sink(output, fmt, plan=plan, explain=explain, stdout=sys.stdout, width=_table_width(), many=many)
    except OSError as exc:
        import errno

        if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", -1)):
            report(str(output), f"cannot write: {exc.strerror or exc}")  # the disk, not the usage
            raise typer.Exit(1)
        raise UsageError(str(output), f"cannot write: {exc.strerror or exc}") from None

    stderr_tty = sys.stderr.isatty()
    progress = Progress(total, enabled=stderr_tty and not quiet,
                        shares_terminal=output is None and _isatty(sys.stdout))
    started = time.perf_counter()
    counts: dict[str, int] = {}
    documents = 0
    failures = 0
    interrupted: Terminated | KeyboardInterrupt | None = None

    def fail(source: str, reason: str) -> None:
        nonlocal failures, documents
        failures += 1
        documents += 1
        report(source, reason)
        with _whole(), progress.paused():
            sink.writer.failure(source, reason)
        progress.advance(0, failed=True)

    results = None
    _whole.failed = False
    _handle_stop_signals()
    try:
        ordered = _in_order(documents_of(entries, options))
        results = batch.run(ordered.jobs(), workers=workers, scheduler=scheduler,
                            scheduler_timeout=scheduler_timeout)
        with progress:
            for result in ordered.merge(results):
                if isinstance(result, Kept):
                    with _whole():
                        sink.writer.kept(result.ordinal, result.source)
                    continue
                if isinstance(result, InputError):
                    if result.document:
                        fail(result.source, result.reason)
                    else:
                        failures += 1
                        report(result.source, result.reason)
                    continue
                if result.error:
                    fail(result.source, result.error)
                    continue
                documents += 1
                for kind, n in result.counts.items():
                    counts[kind] = counts.get(kind, 0) + n
                with _whole(), progress.paused():
                    if result.line is not None:
                        sink.writer.line(result.line)
                    else:
                        sink.writer.record(result.record)
                progress.advance(result.chars)
        with _whole():
            sink.commit()
    except BrokenPipeError:
        # the reader went away (| head -1): it has what it wanted; stop quietly, no traceback
        _close(results)
        sink.abandon()
        _silence_stdout()
        raise typer.Exit(0)
    except KeyboardInterrupt as exc:
        interrupted = exc
        _close(results)
        try:
            sink.interrupt()
        except OSError as error:
            report(str(output or "<stdout>"), f"cannot write: {error.strerror or error}")
    except batch.RunnerError as exc:
        # the cluster went away: the records written so far stay, the rest is not done
        _close(results)
        report(exc.what, exc.why)
        try:
            sink.interrupt()
        except OSError as error:
            report(str(output or "<stdout>"), f"cannot write: {error.strerror or error}")
        raise typer.Exit(1)
    except OSError as exc:
        _close(results)
        if _whole.failed:
            sink.abandon()
            report(str(output or "<stdout>"), f"cannot write: {exc.strerror or exc}")
        else:  # the machine refused (no more processes, files or memory): what is written stays
            report(PROG, f"cannot go on: {exc.strerror or exc}")
            try:
                sink.interrupt()
            except OSError:
                pass
        raise typer.Exit(1)
    if (stderr_tty and not quiet) or summary:
        sys.stderr.write(summary_line(documents, failures, counts, time.perf_counter() - started,
                                      interrupted=interrupted is not None) + "\n")
    if isinstance(interrupted, Terminated) and interrupted.signum != _SIGINT:
        sys.stderr.write(f"{PROG}: terminated\n")
        raise typer.Exit(128 + interrupted.signum)
    if interrupted is not None:
        sys.stderr.write(f"{PROG}: interrupted\n")
        raise typer.Exit(130)
    raise typer.Exit(1 if failures else 0)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _table_width() -> int | None:
    """The width for tables: $COLUMNS when set, else the terminal's (stdout's, else stderr's), else
    None (the writer's default). Piped output honours COLUMNS too."""
    value = os.environ.get("COLUMNS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    for stream in (sys.stdout, sys.stderr):
        try:
            return os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            continue
    return None


# A worker costs a process start, a dictionary load and its patterns, about 0.7 s of CPU, and the
# parent pays for shipping every record back. The pipeline reads about 330,000 characters (1 MB of
# UTF-8) a second on one core, so a worker needs about a second of work to pay for itself: below
# 512 KiB of input a worker, or a hundred documents, one process is as fast and does less work.
BYTES_PER_WORKER = 512 * 1024
DOCUMENTS_PER_WORKER = 100


def choose_workers(jobs: int | None, documents: int | None, size: int | None, cores: int,
                   scheduler: str | None = None) -> int:
    """How many worker processes to run.

    --jobs is obeyed (no more workers than documents). Otherwise one worker per core, as many as
    the input can keep busy: one per BYTES_PER_WORKER of input and per DOCUMENTS_PER_WORKER
    documents, so a small input runs in this process. On Dask, and for a stream that can be
    neither counted nor measured before reading it (JSON Lines on stdin), all cores.
    """
    if jobs is not None:
        return max(1, min(jobs, documents)) if documents is not None else jobs
    if scheduler:
        return cores
    limits = [cores]
    if documents is not None:  # unknown for JSON Lines inputs
        limits.append(documents // DOCUMENTS_PER_WORKER)
    if size is not None:  # unknown for stdin
        limits.append(size // BYTES_PER_WORKER)
    if len(limits) == 1:  # a stream of unknown length: it may be long
        return cores
    return max(1, min(limits))


def input_bytes(entries, skip: frozenset = frozenset()) -> int | None:
    """The size of the input files on disk (those --resume skips left out), or None when an input
    cannot be measured (stdin)."""
    total = 0
    for entry in entries:
        if isinstance(entry, InputError) or entry in skip:
            continue
        if entry == "-":
            return None
        try:
            total += os.stat(entry).st_size
        except OSError:
            continue  # reported when the document is read
    return total


class _in_order:
    """Feed Jobs to the runner while keeping InputErrors (and the documents --resume keeps) in
    their place among the results.

    The runner pulls jobs ahead of what it yields; an input error met while pulling is remembered
    with the number of jobs before it, and handed out just before the result of the next job.
    """

    def __init__(self, items):
        from collections import deque

        self.items = items
        self.jobs_fed = 0
        self.waiting = deque()  # (jobs before it, InputError or Kept)

    def jobs(self):
        for item in self.items:
            if isinstance(item, (InputError, Kept)):
                self.waiting.append((self.jobs_fed, item))
            else:
                self.jobs_fed += 1
                yield item

    def merge(self, results):
        index = 0
        for result in results:
            while self.waiting and self.waiting[0][0] <= index:
                yield self.waiting.popleft()[1]
            yield result
            index += 1
        while self.waiting:
            yield self.waiting.popleft()[1]


def _close(results) -> None:
    if results is not None and hasattr(results, "close"):
        try:
            results.close()
        except Exception:  # the runner is going away anyway; never mask the reason we stop
            pass


def _silence_stdout() -> None:
    """After a closed pipe, make the interpreter's final flush of stdout a no-op."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main() -> None:
    try:
        app(prog_name=PROG)
    except Exception as exc:  # a bug of ours: still one line, not a traceback
        report("internal error", escape_source(f"{type(exc).__name__}: {exc}")[0] +
               " (please report it with the command that caused it)")
        sys.exit(1)
