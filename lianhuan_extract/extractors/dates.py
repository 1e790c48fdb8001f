"""dates extractor (not written yet)."""
from __future__ import annotations


def extract(ctx):
    return []


def infer_reference_date(doc):
    """(date, origin) read from the text; (None, "none") when nothing fits."""
    return None, "none"
