"""Helpers for hand-written gold sets (tests/fresh, tests/fresh2): the annotator decides every
value; these only build entries in the format of shared/eval/dev/gold.jsonl and find offsets.

A mention names its text and, when that text is not unique in the document, `at`: a longer unique
context that contains it.
"""
import json
import os
import sys

DIM = {"CNY": "currency", "USD": "currency", "HKD": "currency", "TWD": "currency", "EUR": "currency",
       "JPY": "currency", "GBP": "currency",
       "%": "percent", "pp": "percent", "mu": "area", "m2": "area", "km2": "area", "ha": "area",
       "m": "length", "km": "length", "kg": "mass", "t": "mass", "kWh": "energy", "kW": "power",
       "MW": "power", "year": "duration", "month": "duration", "week": "duration",
       "day": "duration", "hour": "duration", "": "none"}


def Q(text, value, unit, cmp="=", at=None, **kw):
    e = {"type": "quantity", "text": text, "value": value, "unit": unit,
         "dimension": DIM.get(unit, "count"), "comparator": cmp, **kw}
    return e, at


def R(text, lo, hi, unit, at=None, **kw):
    return {"type": "range", "text": text, "min": lo, "max": hi, "unit": unit,
            "dimension": DIM.get(unit, "count"), **kw}, at


def T(text, metric, cmp, unit, value=None, lo=None, hi=None, at=None, **kw):
    e = {"type": "target", "text": text, "metric": metric, "comparator": cmp, "unit": unit}
    if cmp == "between":
        e["min"], e["max"] = lo, hi
    else:
        e["value"] = value
    e.update(kw)
    return e, at

def D(text, value, grain=None, at=None, **kw):
    if grain is None:
        grain = {4: "year", 7: "month", 10: "day"}.get(len(value), "period")
        if "Q" in value:
            grain = "quarter"
        if "H" in value:
            grain = "half"
        if "/" in value:
            grain = "period"
    return {"type": "date", "text": text, "value": value, "grain": grain, **kw}, at


def C(text, kind, value, at=None):
    return {"type": "contact", "text": text, "kind": kind, "value": value}, at


def O(name, aliases=(), optional=False):
    e = {"type": "org", "name": name}
    if aliases:
        e["aliases"] = list(aliases)
    if optional:
        e["optional"] = True
    return e, None


def P(name, titles=()):
    return {"type": "person", "name": name, "titles": list(titles)}, None


def locate(raw, doc_id, e, at):
    """Give a mention its offsets (org and person entries have none)."""
    if e["type"] in ("org", "person"):
        return e
    where = at or e["text"]
    first = raw.find(where)
    if first < 0 or raw.find(where, first + 1) >= 0:
        sys.exit(f"{doc_id}: context {where!r} found {raw.count(where)} times")
    inner = where.find(e["text"])
    if inner < 0:
        sys.exit(f"{doc_id}: {e['text']!r} not inside {where!r}")
    e["start"] = first + inner
    e["end"] = e["start"] + len(e["text"])
    assert raw[e["start"]:e["end"]] == e["text"]
    return e


def write_gold(docs, here, sort=False):
    """Print gold.jsonl for [(doc_id, reference_date, [(entry, at), ...]), ...] of texts under here/texts."""
    for doc_id, ref, entities in docs:
        path = f"texts/{doc_id}.txt"
        with open(os.path.join(here, path), encoding="utf-8") as f:
            raw = f.read()
        out = [locate(raw, doc_id, dict(e), at) for e, at in entities]
        # a quantity's comparator "=" is the default; keep the field only when it says more
        for e in out:
            if e["type"] == "quantity" and e.get("comparator") == "=":
                del e["comparator"]
        if sort:
            out.sort(key=lambda e: (e["start"], e["type"]))
        print(json.dumps({"id": doc_id, "file": path, "reference_date": ref, "entities": out},
                         ensure_ascii=False))


class GoldSet:
    """The documents of one hand-written set, in the order they are declared."""

    def __init__(self):
        self.docs = []

    def doc(self, doc_id, ref, *entities):
        self.docs.append((doc_id, ref, entities))
