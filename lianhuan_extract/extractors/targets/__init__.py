"""Targets: a quantity stated as a goal, with its metric, comparator, year, subject and modality.

    context  cue words, deadlines, plan years and the layout of the text (headings, lists)
    metric   the metric phrase a target's quantity measures
    periods  base years, past periods and a period's end
    rules    the extractor: which quantities are targets and their fields
"""
from .rules import extract

__all__ = ["extract"]
