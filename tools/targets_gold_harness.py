"""Develop the targets extractor against GOLD quantities, ranges and dates of the dev set.

    PYTHONPATH=. python3 tools/targets_gold_harness.py [--details] [--only ID]

Builds each dev document with the real pipeline (clean, normalise), puts the gold quantities,
ranges and dates into the Context (mapped to normalised offsets), runs only the targets extractor
and scores its targets with shared/eval/evaluate.py's scorer. It shows how good the target rules
are on their own, before the quantities extractor is finished.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

from lianhuan_extract.entity import Context, Entity
from lianhuan_extract.extractors.targets import rules as targets
from lianhuan_extract.pipeline import _entity_records, prepare

# shared/ sits beside the project root (as in CI)
EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def load_evaluate():
    spec = importlib.util.spec_from_file_location("evaluate", EVAL / "evaluate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def original_to_normalised(doc):
    """Start and end maps from original offsets to normalised offsets."""
    starts, ends = {}, {}
    for i in range(len(doc.text)):
        s, e = doc.to_original(i, i + 1)
        starts.setdefault(s, i)
        ends[e] = i + 1
    return starts, ends


def nearest(mapping, pos, step):
    for _ in range(20):
        if pos in mapping:
            return mapping[pos]
        pos += step
    return None


def gold_context(gold_doc) -> Context:
    text = read_text(EVAL / "dev" / gold_doc["file"])
    doc = prepare(text, source=gold_doc["file"])
    ref = dt.date.fromisoformat(gold_doc["reference_date"]) if gold_doc.get("reference_date") else None
    ctx = Context(doc=doc, ref_date=ref, ref_origin="given")
    starts, ends = original_to_normalised(doc)
    for g in gold_doc["entities"]:
        if g["type"] not in ("quantity", "range", "date"):
            continue
        s, e = nearest(starts, g["start"], 1), nearest(ends, g["end"], -1)
        if s is None or e is None or e <= s:
            print(f"cannot map {g}", file=sys.stderr)
            continue
        fields = {k: v for k, v in g.items() if k not in ("type", "start", "end", "text", "optional")}
        ctx.entities.append(Entity(g["type"], s, e, fields, rule="gold"))
    ctx.entities.sort(key=lambda x: x.start)
    orgs = [g["name"] for g in gold_doc["entities"] if g["type"] == "org" and not g.get("optional")]
    if orgs:
        ctx.notes["main_org"] = orgs[0]
    return ctx


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--only")
    args = ap.parse_args()
    evaluate = load_evaluate()
    gold_docs = [json.loads(line) for line in open(EVAL / "dev" / "gold.jsonl", encoding="utf-8")]
    if args.only:
        gold_docs = [d for d in gold_docs if d["id"] == args.only]
    preds = {}
    for gd in gold_docs:
        ctx = gold_context(gd)
        found = targets.extract(ctx)
        preds[gd["id"]] = {"entities": _entity_records(ctx.doc, found)}
    only_targets = [dict(d, entities=[e for e in d["entities"] if e["type"] == "target"]) for d in gold_docs]
    details = [] if args.details else None
    result = evaluate.score(only_targets, preds, details)
    t = result["target"]
    print(f"target gold {t['gold']} pred {t['pred']} span {t['span']} right {t['correct']} "
          f"P {t['precision']:.3f} R {t['recall']:.3f} F1 {t['f1']:.3f}")
    for doc_id, kind, what, g, p in details or []:
        if kind == "target":
            print(f"{doc_id:14} {what:12} gold={evaluate.brief(g)}\n{'':27} pred={evaluate.brief(p)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
