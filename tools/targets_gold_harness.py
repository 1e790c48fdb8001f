"""Develop the targets extractor against GOLD quantities, ranges, dates and organizations.

    PYTHONPATH=. python3 tools/targets_gold_harness.py [--set dev|dev2] [--details] [--only ID]

Builds each document of a gold set with the real pipeline (clean, normalise), puts the gold
quantities, ranges and dates into the Context (mapped to normalised offsets) and every place the
normalised text writes a gold organization's name or alias as an org entity, runs only the targets
extractor and scores its targets, and their year, subject and modality, with
shared/eval/evaluate.py's scorer. It shows how good the target rules (and the actor model) are on
their own, whatever the quantities and orgs extractors find.
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


def gold_orgs(text: str, gold_doc) -> list[Entity]:
    """An org entity wherever the text writes a gold organization's name or alias, longest first."""
    found, taken = [], bytearray(len(text))
    orgs = [g for g in gold_doc["entities"] if g["type"] == "org"]
    names = sorted(((n, o) for o in orgs for n in {o["name"], *o.get("aliases", [])}), key=lambda t: -len(t[0]))
    for name, o in names:
        i = text.find(name)
        while i >= 0:
            if not any(taken[i:i + len(name)]):
                found.append(Entity("org", i, i + len(name), {"name": o["name"], "aliases": o.get("aliases", [])},
                                    rule="gold"))
                taken[i:i + len(name)] = b"\x01" * len(name)
            i = text.find(name, i + len(name))
    return found


def gold_context(gold_doc, gold_set: str = "dev") -> Context:
    text = read_text(EVAL / gold_set / gold_doc["file"])
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
    ctx.entities += gold_orgs(doc.text, gold_doc)
    ctx.entities.sort(key=lambda x: x.start)
    return ctx


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--set", default="dev", help="a gold set beside dev in shared/eval (dev, dev2)")
    args = ap.parse_args()
    evaluate = load_evaluate()
    gold_docs = [json.loads(line) for line in open(EVAL / args.set / "gold.jsonl", encoding="utf-8")]
    if args.only:
        gold_docs = [d for d in gold_docs if d["id"] == args.only]
    preds = {}
    for gd in gold_docs:
        ctx = gold_context(gd, args.set)
        found = targets.extract(ctx)
        preds[gd["id"]] = {"entities": _entity_records(ctx.doc, found)}
    only_targets = [dict(d, entities=[e for e in d["entities"] if e["type"] in ("target", "org")]) for d in gold_docs]
    details = [] if args.details else None
    result = evaluate.score(only_targets, preds, details)
    t = result["target"]
    print(f"target gold {t['gold']} pred {t['pred']} span {t['span']} right {t['correct']} "
          f"P {t['precision']:.3f} R {t['recall']:.3f} F1 {t['f1']:.3f}")
    attrs = result["target_attributes"]
    print("attributes: " + ", ".join(f"{a} {v['right']}/{v['stated']}" for a, v in attrs.items() if v["stated"]))
    for doc_id, kind, what, g, p in details or []:
        if kind.startswith("target"):
            print(f"{doc_id:14} {what:12} gold={evaluate.brief(g)}\n{'':27} pred={evaluate.brief(p)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
