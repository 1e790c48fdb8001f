"""lianhuan-extract: structured facts (quantities, dates, organizations, people, contacts and
targets) from Chinese press releases, work reports and announcements.

>>> import lianhuan_extract as L
>>> record = L.extract("確保新獲藥品批件不少于20個", ref_date="2024-04-03", types="quantity")
>>> [(e["text"], e["value"], e["unit"], e["comparator"]) for e in record["entities"]]
[('不少于20個', 20, '个', '>=')]
>>> L.parse_number("百分之七十八点九")
78.9
"""
from __future__ import annotations

__version__ = "0.1.0"

from .text.document import Document, Edit
from .text.decode import DecodeError
from .extractors.lexicon import Lexicon, LexiconError
from .numbers import parse_number
from .pipeline import prepare
from .api import Extractor, Record, decode_bytes, extract, extract_bytes, extract_file, read_file

__all__ = ["extract", "extract_bytes", "extract_file", "Extractor", "Lexicon", "LexiconError",
           "DecodeError", "Record", "parse_number", "prepare", "decode_bytes", "read_file",
           "Document", "Edit", "__version__"]
