"""people extractor (not written yet)."""
from __future__ import annotations


def extract(ctx):
    return []
