"""The bench's throughput and per-stage measures alone, on fewer documents: to compare two
checkouts run alternately (PYTHONPATH picks the code; the corpus is this checkout's samples/ and
../shared/eval/dev/texts).

    PYTHONPATH=. python3 benchmarks/quick.py 600
    PYTHONPATH=/path/to/other/checkout python3 benchmarks/quick.py 600   # from this checkout
"""
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 600
    texts = bench.source_texts(Path("../shared/eval/dev/texts"))
    docs = bench.build_documents(texts, n)
    import jieba

    jieba.setLogLevel(logging.WARNING)
    from lianhuan_extract.cli import batch
    from lianhuan_extract.text.decode import decode

    plain = [decode(data)[0] for _, data in docs]
    jieba.lcut(plain[0])
    batch.process(batch.Job(source=docs[0][0], data=docs[0][1]))
    best = jieba_best = float("inf")
    for _ in range(2):  # alternated, best of 2, CPU time: as the bench measures throughput
        started = time.process_time()
        for name, data in docs:
            batch.process(batch.Job(source=name, data=data))
        best = min(best, time.process_time() - started)
        started = time.process_time()
        for text in plain:
            jieba.lcut(text)
        jieba_best = min(jieba_best, time.process_time() - started)
    chars, watch = bench.stages(docs)
    print(f"{n} docs, {chars} chars; full pipeline CPU best of 2: {best:.3f} s; "
          f"jieba.lcut {jieba_best:.3f} s; ratio {jieba_best / best:.3f}")
    for name, seconds in sorted(watch.seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {name:45s} {seconds:7.3f}")


if __name__ == "__main__":
    main()
