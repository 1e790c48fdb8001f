"""Speed of lianhuan-extract on one machine, in one run: throughput, stages, cold start, --jobs.

    PYTHONPATH=. python3 benchmarks/bench.py            # the full run (a few minutes)
    PYTHONPATH=. python3 benchmarks/bench.py --quick    # a smaller corpus, to try the script

The corpus (at least 2M characters) is built from samples/ and the dev texts
(../shared/eval/dev/texts, or --dev-texts): traditional texts with pinyin glosses, simplified
texts, and documents that join one of each; one document in ten is stored as GB18030 so that
encoding detection is part of the work. See benchmarks/README.md for what each number means.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOAL_THROUGHPUT_RATIO = 2.0
GOAL_COLD_START_RATIO = 1.2
GOAL_JOBS_SPEEDUP = 1.8


# -- the corpus -------------------------------------------------------------------------------
def source_texts(dev_texts: Path | None) -> list[str]:
    paths = sorted((ROOT / "samples").glob("*.txt"))
    candidates = [dev_texts] if dev_texts else [ROOT.parent / "shared" / "eval" / "dev" / "texts"]
    for folder in candidates:
        if folder and folder.is_dir():
            paths += sorted(folder.glob("*.txt"))
            break
    else:
        print("warning: dev texts not found; the corpus is samples/ only", file=sys.stderr)
    return [p.read_text(encoding="utf-8") for p in paths]


def build_documents(texts: list[str], count: int) -> list[tuple[str, bytes]]:
    """`count` documents (name, bytes): each joins two source texts, often of both scripts."""
    docs = []
    n = len(texts)
    for i in range(count):
        text = texts[i % n] + "\n" + texts[(i * 7 + 3) % n]
        data = text.encode("gb18030") if i % 10 == 9 else text.encode("utf-8")
        docs.append((f"{i:05d}.txt", data))
    return docs


# -- measuring --------------------------------------------------------------------------------
class Stopwatch:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


def timed(watch: Stopwatch, name: str, fn, *args):
    started = time.process_time()
    out = fn(*args)
    watch.add(name, time.process_time() - started)
    return out


def rate(chars: int, seconds: float) -> str:
    return f"{chars / seconds:>12,.0f} chars/s" if seconds > 0 else "           - chars/s"


def throughput(docs: list[tuple[str, bytes]], rounds: int) -> tuple[int, float, float]:
    """(chars, CPU seconds of the full pipeline, CPU seconds of jieba.lcut) over the same texts.

    CPU time of this process, best of `rounds` alternated rounds: other programs on a shared
    machine slow the wall clock of both sides unevenly, not the work each side does.
    """
    import logging

    import jieba

    from lianhuan_extract.cli import batch
    from lianhuan_extract.text.decode import decode

    jieba.setLogLevel(logging.WARNING)
    texts = [decode(data)[0] for _, data in docs]
    chars = sum(len(t) for t in texts)
    # warm both: dictionaries, converters and compiled patterns are not what we measure
    jieba.lcut(texts[0])
    batch.process(batch.Job(source=docs[0][0], data=docs[0][1]))

    pipeline_best = jieba_best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for name, data in docs:
            result = batch.process(batch.Job(source=name, data=data))
            if result.error:
                raise SystemExit(f"{name}: {result.error}")
        pipeline_best = min(pipeline_best, time.process_time() - started)

        started = time.process_time()
        for text in texts:
            jieba.lcut(text)
        jieba_best = min(jieba_best, time.process_time() - started)
    return chars, pipeline_best, jieba_best


def stages(docs: list[tuple[str, bytes]]) -> tuple[int, Stopwatch]:
    """The pipeline taken apart, each stage timed on its own over the whole corpus."""
    from lianhuan_extract import extractors
    from lianhuan_extract.text import normalise as normalise_module
    from lianhuan_extract.text.clean import clean
    from lianhuan_extract.text.decode import decode
    from lianhuan_extract.text.document import Document
    from lianhuan_extract.entity import Context
    from lianhuan_extract.text.normalise import normalise
    from lianhuan_extract.pipeline import to_record
    from lianhuan_extract.segmenter.segment import cut_with_offsets

    watch = Stopwatch()
    chars = 0
    detect_script = getattr(normalise_module, "detect_script", None)
    t2s = getattr(normalise_module, "_t2s", None)
    for name, data in docs:
        text, encoding = timed(watch, "decode", decode, data)
        chars += len(text)
        doc = Document(original=text, source=name, encoding=encoding)
        timed(watch, "clean", clean, doc)
        cleaned = doc.text
        if detect_script and t2s:  # the parts of normalise, when it still has them
            timed(watch, "normalise: script detection", detect_script, cleaned)
            timed(watch, "normalise: t2s (OpenCC)", t2s, cleaned)
        timed(watch, "normalise", normalise, doc)
        timed(watch, "segment (whole text, for reference)", cut_with_offsets, doc.text)
        ctx = Context(doc=doc)
        ctx.ref_date, ctx.ref_origin = timed(watch, "extract: reference date",
                                             extractors.dates.infer_reference_date, doc)
        for extractor in extractors.plan(None):
            found = timed(watch, f"extract: {extractor.name}", extractor.module.extract, ctx)
            ctx.entities.extend(found)
        timed(watch, "record (offsets back to the original)", to_record, ctx)
    return chars, watch


def median_wall(command: list[str], runs: int, env: dict) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def timed_run(command: list, env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds user + system) of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cold_start(runs: int, env: dict) -> tuple[float, float, float, float]:
    """Median wall and CPU time of one sample through the CLI, and of the smallest jieba program:
    (ours wall, jieba wall, ours CPU, jieba CPU). CPU time is the steadier of the two on a shared
    machine, where another process can stretch the wall time of either."""
    ours = [sys.executable, "-m", "lianhuan_extract", str(ROOT / "samples" / "lianhuan-2024.txt")]
    jieba = [sys.executable, "-c", "import jieba; jieba.lcut('测试')"]
    # one untimed run each writes the dictionary caches (ours and jieba's own) and the compiled
    # bytecode of every module it imports, as `pip install` leaves it (jieba's is there already):
    # with PYTHONDONTWRITEBYTECODE set and a checkout just edited, each timed run would compile
    # our sources again (0.08 s of a 0.8 s start on the 2-core machine)
    warm_env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in (ours, jieba):
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=warm_env, check=True)
    ours_times, jieba_times = [], []
    for _ in range(runs):  # interleaved, so a busy moment on the machine hits both
        ours_times.append(timed_run(ours, env))
        jieba_times.append(timed_run(jieba, env))
    return (statistics.median(w for w, _ in ours_times), statistics.median(w for w, _ in jieba_times),
            statistics.median(c for _, c in ours_times), statistics.median(c for _, c in jieba_times))


def report_cold_start(runs: int, env: dict) -> float:
    ours, jieba_cold, ours_cpu, jieba_cpu = cold_start(runs, env)
    cold_ratio = ours / jieba_cold
    print(f"3. cold start, median of {runs} interleaved runs: wall time (CPU time user + system)")
    print(f"   lianhuan-extract samples/lianhuan-2024.txt          {ours:.3f} s  ({ours_cpu:.3f} s CPU)")
    print(f"   python -c \"import jieba; jieba.lcut('测试')\"          {jieba_cold:.3f} s  ({jieba_cpu:.3f} s CPU)")
    print(f"   ratio {cold_ratio:.2f} wall, {ours_cpu / jieba_cpu:.2f} CPU "
          f"(goal <= {GOAL_COLD_START_RATIO}: {verdict(cold_ratio <= GOAL_COLD_START_RATIO)})")
    print()
    return cold_ratio


def cli_accepts(flag: str, env: dict) -> bool:
    out = subprocess.run([sys.executable, "-m", "lianhuan_extract", "--help"], capture_output=True,
                         text=True, env={**env, "COLUMNS": "200"})
    return flag in out.stdout


API_DRIVER = """
import json, os, sys, time
from pathlib import Path
from lianhuan_extract.cli import batch
jobs = (batch.Job(source=str(p), path=str(p), json_line=True) for p in sorted(Path(sys.argv[1]).iterdir()))
out = open(os.devnull, "w", encoding="utf-8")
workers = {}
for r in batch.run(jobs, workers=int(sys.argv[2])):  # as the CLI does with --format jsonl
    workers[r.worker] = r.worker_cpu
    out.write(r.line + "\\n")
own = os.getpid()
print(json.dumps({"parent_cpu": time.process_time(),
                  "worker_cpu": [cpu for pid, cpu in workers.items() if pid != own]}))
"""


def jobs_speedup(folder: Path, env: dict, runs: int) -> tuple[float, float, str]:
    """Median wall time of the whole folder with --jobs 1 and with --jobs 2."""
    if cli_accepts("--jobs", env):
        how = "lianhuan-extract --jobs N --format jsonl --quiet DIR > /dev/null"

        def command(n: int) -> list[str]:
            return [sys.executable, "-m", "lianhuan_extract", "--jobs", str(n), "--format", "jsonl",
                    "--quiet", str(folder)]
    else:
        how = "batch.run(workers=N) in a fresh process (the CLI has no --jobs yet)"

        def command(n: int) -> list[str]:
            return [sys.executable, "-c", API_DRIVER, str(folder), str(n)]
    one, two = [], []
    for _ in range(runs):
        one.append(median_wall(command(1), 1, env))
        two.append(median_wall(command(2), 1, env))
    return statistics.median(one), statistics.median(two), how


def cpu_accounting(folder: Path, env: dict) -> tuple[dict, dict]:
    """CPU seconds of each process of a 1-process and a 2-worker run (batch.run, JSON to /dev/null).

    CPU time does not grow when other programs share the machine, so it shows what the split
    costs and what two idle cores would give, where wall time on a busy machine cannot.
    """
    out = {}
    for n in (1, 2):
        done = subprocess.run([sys.executable, "-c", API_DRIVER, str(folder), str(n)], capture_output=True,
                              text=True, env=env, check=True)
        out[n] = json.loads(done.stdout.strip().splitlines()[-1])
    return out[1], out[2]


def worker_memory(folder: Path) -> dict[int, int]:
    """Peak resident memory (KiB) of each worker of a 2-process pool over the folder."""
    from lianhuan_extract.cli import batch

    peaks: dict[int, int] = {}
    jobs = (batch.Job(source=str(p), path=str(p)) for p in sorted(folder.iterdir()))
    for result in batch.run(jobs, workers=2):
        peaks[result.worker] = max(peaks.get(result.worker, 0), result.peak_rss_kb)
    return peaks


def verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000, help="documents in the corpus (default 2000)")
    parser.add_argument("--cold-runs", type=int, default=9, help="timed runs of each cold start (median)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the throughput measure (best of)")
    parser.add_argument("--jobs-runs", type=int, default=3, help="timed runs of each --jobs setting (median)")
    parser.add_argument("--dev-texts", type=Path, help="folder of dev texts (default ../shared/eval/dev/texts)")
    parser.add_argument("--quick", action="store_true", help="200 documents, 3 runs: to try the script")
    parser.add_argument("--only", choices=["cold"], help="measure only this part (cold: the cold start)")
    args = parser.parse_args()
    if args.quick:
        args.documents, args.cold_runs, args.jobs_runs, args.rounds = 200, 3, 1, 1

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    if args.only == "cold":
        load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",) * 3
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load average "
              f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; Python {platform.python_version()}")
        report_cold_start(args.cold_runs, env)
        return
    docs = build_documents(source_texts(args.dev_texts), args.documents)
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",) * 3
    print(f"machine: {platform.machine()}, {cores} cores ({usable} usable), load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; Python {platform.python_version()}")
    from lianhuan_extract.text.decode import decode

    total_chars = sum(len(decode(data)[0]) for _, data in docs)
    print(f"corpus: {len(docs)} documents, {total_chars:,} characters "
          f"(samples/ + dev texts, traditional with glosses and simplified, 1 in 10 as GB18030)")
    print()

    chars, pipeline_seconds, jieba_seconds = throughput(docs, args.rounds)
    ratio = (chars / pipeline_seconds) / (chars / jieba_seconds)
    print(f"1. full pipeline, one process (decode + clean + normalise + extract + record);"
          f" CPU time, best of {args.rounds}")
    print(f"   pipeline      {rate(chars, pipeline_seconds)}   ({pipeline_seconds:.2f} s)")
    print(f"   jieba.lcut    {rate(chars, jieba_seconds)}   ({jieba_seconds:.2f} s)")
    print(f"   ratio {ratio:.2f} (goal >= {GOAL_THROUGHPUT_RATIO}: {verdict(ratio >= GOAL_THROUGHPUT_RATIO)})")
    print()

    chars, watch = stages(docs)
    total = sum(s for name, s in watch.seconds.items()
                if not name.startswith("normalise:") and not name.startswith("segment"))
    print("2. per stage (each timed alone over the corpus, CPU time; share of the pipeline's time)")
    for name, seconds in sorted(watch.seconds.items(), key=lambda kv: -kv[1]):
        share = "" if name.startswith(("normalise:", "segment")) else f"{100 * seconds / total:5.1f}%"
        print(f"   {name:<40} {rate(chars, seconds)}  {seconds:7.3f} s  {share}")
    print("   (normalise: lines are parts of normalise; segment is jieba over the whole text, which the")
    print("    pipeline does not do unless an extractor asks for doc.words)")
    print()

    cold_ratio = report_cold_start(args.cold_runs, env)

    with tempfile.TemporaryDirectory(prefix="lianhuan-bench-") as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for name, data in docs:
            (folder / name).write_bytes(data)
        one, two, how = jobs_speedup(folder, env, args.jobs_runs)
        speedup = one / two
        print(f"4. a folder of {len(docs)} documents, wall time, median of {args.jobs_runs} runs: {how}")
        print(f"   --jobs 1  {one:.2f} s")
        print(f"   --jobs 2  {two:.2f} s")
        print(f"   speed-up {speedup:.2f} (goal >= {GOAL_JOBS_SPEEDUP} on 2 cores: "
              f"{verdict(speedup >= GOAL_JOBS_SPEEDUP)})")
        single, split = cpu_accounting(folder, env)
        workers_cpu = split["worker_cpu"]
        # on two idle cores the parent's small share overlaps the workers' work
        critical = max(sum(workers_cpu) / max(len(workers_cpu), 1), split["parent_cpu"])
        print(f"   CPU seconds (batch.run, same folder): 1 process {single['parent_cpu']:.2f}; "
              f"2 workers {' + '.join(f'{c:.2f}' for c in workers_cpu)} (each including its jieba load)"
              f" + parent {split['parent_cpu']:.2f}")
        print(f"   => on two idle cores about {single['parent_cpu'] / critical:.2f}x "
              f"(1-process CPU / the workers' mean CPU)")
        print()
        peaks = worker_memory(folder)
    print("5. peak memory per worker (2-process pool over the same folder)")
    for n, (pid, kib) in enumerate(sorted(peaks.items()), 1):
        print(f"   worker {n}: {kib / 1024:.0f} MiB")
    summary = {"cores": cores, "chars": chars, "throughput_ratio": round(ratio, 2),
               "cold_start_ratio": round(cold_ratio, 2), "jobs_speedup": round(speedup, 2),
               "jobs_speedup_idle_estimate": round(single["parent_cpu"] / critical, 2),
               "worker_peak_mib": [round(k / 1024) for k in peaks.values()]}
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",) * 3
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("summary " + json.dumps(summary))


if __name__ == "__main__":
    main()
