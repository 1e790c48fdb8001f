"""Cost of one large document: time and peak memory at 1M, 4M and 16M characters.

    PYTHONPATH=. python3 benchmarks/scaling.py                 # 1M, 4M, 16M characters (a few minutes)
    PYTHONPATH=. python3 benchmarks/scaling.py --sizes 1M,4M   # the ratio the goal names
    PYTHONPATH=. python3 benchmarks/scaling.py --text varied   # every copy with its own people and brands

Each size runs in a fresh process (the peak resident memory of a process only grows), which reads
the text from a file, warms the pipeline on a small document (patterns, jieba's dictionary), then
times `lianhuan_extract.extract` on the whole text as one document. The text is samples/*.txt and
the dev texts (../shared/eval/dev*/texts) joined, repeated up to the size: press releases and work
reports of both scripts, with pinyin glosses, so every extractor has work everywhere. `--text varied`
renames each copy's people and company brands, so that the number of distinct names grows with the
text as it does in a real long document (a rule that looks each name up in the whole text shows).

Printed: CPU seconds of the extract call, characters per second, the peak RSS of the process
(`resource.getrusage(RUSAGE_SELF).ru_maxrss`: interpreter, jieba's dictionary and the text
included), the RSS before the call, and the ratio of each size's time to the previous size's over
the ratio of their lengths (1.0 = linear). Goal: 4M costs at most 4.5 x 1M, peak RSS <= 400 MB at 4M.
See benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GOAL_RATIO_4M = 4.5
GOAL_RSS_4M_MB = 400

# what a fresh process runs for one size: argv[1] the text file; prints one JSON line
_CHILD = r"""
import json, resource, sys, time
import lianhuan_extract
from lianhuan_extract import extract
warm = open(sys.argv[2], encoding="utf-8").read()
extract(warm)  # patterns, word lists, jieba's dictionary: loaded once per process, not per size
text = open(sys.argv[1], encoding="utf-8").read()
rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
cpu, wall = time.process_time(), time.perf_counter()
record = extract(text)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
print(json.dumps({"chars": len(text), "cpu": cpu, "wall": wall, "entities": len(record["entities"]),
                  "rss_before_kb": rss_before,
                  "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "package": lianhuan_extract.__file__}))
"""


def source_paths() -> list[Path]:
    paths = sorted((ROOT / "samples").glob("*.txt"))
    for folder in sorted((ROOT.parent / "shared" / "eval").glob("dev*/texts")):
        paths += sorted(folder.glob("*.txt"))
    return paths


def realistic(size: int, sources: list[str]) -> str:
    """The source texts joined by line breaks, repeated, cut at `size` characters."""
    block = "\n".join(sources)
    return ("\n".join([block] * (size // (len(block) + 1) + 1)))[:size]


# characters to build new names from: common in names and brands, none a title or a unit
_NAME_CHARS = ("国家建设发展经济社会文化科技创新产业市场企业服务管理人民生活安全健康教育医疗交通"
               "能源环境保护农业工业城市乡村旅游金融投资贸易合作开放改革政策规划质量效益提升优化")


def varied(size: int, sources: list[str]) -> str:
    """Like `realistic`, but each copy renames the people and company brands the pipeline finds in
    the sources (a three-character name keeps its surname; a brand's first two characters change)."""
    if not os.environ.get("PYTHONPATH"):
        sys.path.insert(0, str(ROOT))
    from lianhuan_extract import extract

    block = "\n".join(sources)
    entities = extract(block)["entities"]
    names = sorted({e["text"] for e in entities if e["type"] == "person" and len(e["text"]) == 3})
    brands = sorted({e["text"][:2] for e in entities if e["type"] == "org" and e.get("rule") == "org.company"})
    chars, n = _NAME_CHARS, len(_NAME_CHARS)
    copies, total, k = [], 0, 0
    while total < size:
        text = block
        for i, name in enumerate(names):
            j = k * 131 + i * 7
            text = text.replace(name, name[0] + chars[j % n] + chars[(j // n + i) % n])
        for i, brand in enumerate(brands):
            j = k * 37 + i * 11
            text = text.replace(brand, chars[j % n] + chars[(j * 3 + 1) % n])
        copies.append(text)
        total += len(text) + 1
        k += 1
    return "\n".join(copies)[:size]


def parse_size(value: str) -> int:
    value = value.strip().upper()
    factor = {"K": 1_000, "M": 1_000_000}.get(value[-1:], 1)
    return int(float(value.rstrip("KM")) * factor)


def measure(path: Path, warm: Path, timeout: float) -> dict | None:
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(ROOT))
    try:
        # run from the text's folder: `python -c` puts the working directory first on the path
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(warm)], env=env, cwd=path.parent,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise SystemExit(f"scaling: the measuring process failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1M,4M,16M", help="characters, comma-separated (default 1M,4M,16M)")
    ap.add_argument("--text", choices=("realistic", "varied"), default="realistic")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds one size may take (default 1800)")
    args = ap.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    paths = source_paths()
    sources = [p.read_text(encoding="utf-8") for p in paths]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.txt"
        warm.write_text(sources[0][:5000], encoding="utf-8")
        for size in sizes:
            path = Path(tmp) / f"{size}.txt"
            path.write_text((varied if args.text == "varied" else realistic)(size, sources), encoding="utf-8")
            result = measure(path, warm, args.timeout)
            path.unlink()
            rows.append((size, result))
            if result is None:
                break  # a larger size would only take longer
    package = next((r["package"] for _, r in rows if r), "?")
    print(f"scaling: one document of {args.text} text ({len(paths)} source texts), {package}; load {os.getloadavg()[0]:.2f}")
    print(f"{'chars':>12} {'CPU s':>9} {'wall s':>9} {'chars/s':>10} {'entities':>9} {'RSS before':>11} "
          f"{'peak RSS':>9}  {'time ratio':>10} {'per char':>9}")
    summary = {"text": args.text, "sizes": []}
    previous = None
    for size, r in rows:
        if r is None:
            print(f"{size:>12,} {'timeout':>9} (more than {args.timeout:.0f} s)")
            summary["sizes"].append({"chars": size, "timeout": args.timeout})
            continue
        ratio = per_char = ""
        entry = {"chars": r["chars"], "cpu_s": round(r["cpu"], 2), "wall_s": round(r["wall"], 2),
                 "entities": r["entities"], "rss_before_mb": round(r["rss_before_kb"] / 1024),
                 "peak_rss_mb": round(r["peak_rss_kb"] / 1024)}
        if previous:
            t = r["cpu"] / previous["cpu"]
            entry["time_ratio"] = round(t, 2)
            entry["time_ratio_per_length"] = round(t / (r["chars"] / previous["chars"]), 2)
            ratio, per_char = f"{t:.2f}x", f"{entry['time_ratio_per_length']:.2f}"
        print(f"{r['chars']:>12,} {r['cpu']:>9.2f} {r['wall']:>9.2f} {r['chars'] / r['cpu']:>10,.0f} "
              f"{r['entities']:>9,} {entry['rss_before_mb']:>8} MB {entry['peak_rss_mb']:>6} MB  {ratio:>10} {per_char:>9}")
        summary["sizes"].append(entry)
        previous = r
    by_size = {e["chars"]: e for e in summary["sizes"] if "cpu_s" in e}
    if 1_000_000 in by_size and 4_000_000 in by_size:
        ratio = by_size[4_000_000]["cpu_s"] / by_size[1_000_000]["cpu_s"]
        rss = by_size[4_000_000]["peak_rss_mb"]
        print(f"4M / 1M: {ratio:.2f} x (goal <= {GOAL_RATIO_4M}: {'met' if ratio <= GOAL_RATIO_4M else 'NOT met'}); "
              f"peak RSS at 4M {rss} MB (goal <= {GOAL_RSS_4M_MB}: {'met' if rss <= GOAL_RSS_4M_MB else 'NOT met'})")
        summary["ratio_4m_1m"] = round(ratio, 2)
    if len(by_size) >= 2:
        (a, ea), (b, eb) = sorted(by_size.items())[-2:]
        slope = (eb["peak_rss_mb"] - ea["peak_rss_mb"]) / ((b - a) / 1e6)
        print(f"memory: about {slope:.0f} MB per million characters above {ea['peak_rss_mb'] - slope * a / 1e6:.0f} MB")
        summary["rss_mb_per_million_chars"] = round(slope)
    print("summary " + json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
