#!/usr/bin/env python3
"""How often the reference date inferred from a text has the gold reference year (and date).

    PYTHONPATH=. python3 tools/ref_date_accuracy.py [--gold ../shared/eval/dev] [--details]

Each document of the gold set is extracted WITHOUT a reference date; the year (and the full date)
of meta.reference_date is compared with the gold `reference_date`. Also reports how the date F1
changes when dates are resolved against the inferred reference instead of the given one.
"""
from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # this checkout first
import lianhuan_extract as L  # noqa: E402
from lianhuan_extract.extractors.dates import infer_reference  # noqa: E402
from lianhuan_extract.pipeline import prepare  # noqa: E402

# shared/ sits beside the project root, as in CI
DEFAULT_GOLD = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "shared", "eval", "dev")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=DEFAULT_GOLD)
    ap.add_argument("--details", action="store_true")
    a = ap.parse_args(argv)
    sys.path.insert(0, os.path.dirname(DEFAULT_GOLD))  # the shared scorer, for the date F1 of the inferred run
    import evaluate

    docs = evaluate.load_jsonl(os.path.join(a.gold, "gold.jsonl"))
    right_year = right_day = 0
    preds = {}
    rows = []
    for doc in docs:
        with open(os.path.join(a.gold, doc["file"]), encoding="utf-8-sig") as f:
            text = f.read()
        rec = L.extract(text, types=["date"])
        preds[doc["id"]] = rec
        got = rec["meta"]["reference_date"]
        want = doc["reference_date"]
        year_ok = bool(got) and got[:4] == want[:4]
        right_year += year_ok
        right_day += got == want
        precision = infer_reference(prepare(text))[2]
        rows.append((doc["id"], want, got, rec["meta"]["reference_date_origin"], year_ok, precision))
    n = len(docs)
    if a.details:
        for row in rows:
            print("%-14s gold %s  inferred %-10s (%s, precision %s)%s"
                  % (row[0], row[1], row[2], row[3], row[5], "" if row[4] else "  WRONG YEAR"))
    print(f"right year: {right_year}/{n} = {right_year / n:.1%}; right date: {right_day}/{n} = {right_day / n:.1%}")
    with_evidence = [r for r in rows if r[3] == "inferred"]
    ok = sum(r[4] for r in with_evidence)
    print(f"documents with an inferred reference: {len(with_evidence)}/{n}; right year among them: "
          f"{ok}/{len(with_evidence)}")
    day = [r for r in rows if r[5] == "day"]
    print(f"inferred to the day: {len(day)}/{n}; right date among them: {sum(r[1] == r[2] for r in day)}/{len(day)}")
    result = evaluate.score(docs, preds)["date"]
    print(f"date F1 with the inferred reference: P {result['precision']:.3f} R {result['recall']:.3f} "
          f"F1 {result['f1']:.3f} ({result['correct']} of {result['gold']} gold right)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
