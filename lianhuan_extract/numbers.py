"""Numbers written in Arabic, Chinese or mixed form (not written yet)."""
from __future__ import annotations


def parse_number(text: str) -> int | float:
    raise ValueError(f"not a number: {text!r}")
