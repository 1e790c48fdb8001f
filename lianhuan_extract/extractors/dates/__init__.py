"""Dates: found on characters, resolved against one reference date to an ISO value and grain.

    tokens     the atoms (2024年, 4月, 3日, 上午, 一季度, 十四五, 113年) found in one scan
    numerals   small Chinese numerals and two-digit years inside those atoms
    grammar    atoms chained into dates and ranges (Piece, RangePiece)
    finder     which candidates are dates at all (find, is_taiwan)
    resolve    a piece's interval, value and grain against a reference date
    reference  the reference date read from a text when none is given
    rules      the extractor: resolution in context and the entities
"""
from .rules import extract, infer_reference, infer_reference_date, reference_precision

__all__ = ["extract", "infer_reference", "infer_reference_date", "reference_precision"]
