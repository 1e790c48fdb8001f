"""lianhuan-extract: structured facts (quantities, dates, organizations, people, contacts and
targets) from Chinese press releases, work reports and announcements."""
from __future__ import annotations

__version__ = "0.1.0"

from .text.document import Document, Edit
from .pipeline import extract, prepare

__all__ = ["extract", "parse_number", "prepare", "Document", "Edit", "__version__"]


def parse_number(text: str) -> int | float:
    """One number written in Arabic, Chinese or mixed form -> int or float. Raises ValueError."""
    from .numbers import parse_number as _parse

    return _parse(text)
