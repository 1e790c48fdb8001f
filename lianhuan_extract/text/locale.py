"""Where a document speaks from: `mainland`, `taiwan`, `hong_kong` or `macau`.

Read from the content, never from the script (mirrored mainland pages are traditional): the
institutions, places and currencies a text names (data/locale.toml), and for Taiwan its ROC years
(113年, 113-05-15). Each distinct cue counts once, a strong one 2 and a weak one 1; a simplified text
counts only strong cues. A locale needs 2 points and more than the mainland's own institutions
(人民政府, 市委, 国务院 …) earn, so a mainland report that names Hong Kong stays mainland. The
cues shared by Hong Kong and Macau (特区政府, 立法会, 行政长官) count for both, and their own
places and currencies decide between them.

The locale decides what a plain 元 is (`currency_of`) and whether 113年 is an ROC year. It is
computed once per document (`locale_of`, memoised on the Document).
"""
from __future__ import annotations

import functools
import re

import regex

from ..data import load
from .document import Document
from ..segmenter.wordtrie import trie_pattern

LOCALES = ("mainland", "taiwan", "hong_kong", "macau")
STRONG, WEAK = 2, 1
THRESHOLD = 2
# a 1xx年 or a 1xx-MM-DD date: the ROC calendar (N + 1911); two of each count at most
_ROC_YEAR = regex.compile(r"(?<![\d.])1[01]\d年")
_ROC_NUMERIC = regex.compile(r"(?<![\d.\-/])1[01]\d[\-/.](?:0[1-9]|1[0-2])[\-/.](?:0[1-9]|[12]\d|3[01])(?!\d)")


def locale_of(doc: Document) -> str:
    """The document's locale, worked out once."""
    return doc.memo("locale", lambda: detect(doc.text, doc.script))


def currency_of(locale: str) -> str:
    """The currency code of a plain 元 in `locale` (CNY, TWD, HKD, MOP)."""
    return load("locale")["currency"].get(locale, "CNY")


@functools.cache
def _cues() -> dict[str, list[tuple[str, int]]]:
    """Each locale's cues with their weights, the special-region ones on both Hong Kong and Macau."""
    data = load("locale")
    out: dict[str, list[tuple[str, int]]] = {}
    for locale in ("taiwan", "hong_kong", "macau"):
        groups = [data[locale]] + ([data["special_region"]] if locale != "taiwan" else [])
        out[locale] = [(w, STRONG) for g in groups for w in g["strong"]] + \
                      [(w, WEAK) for g in groups for w in g["weak"]]
    out["mainland"] = [(w, WEAK) for w in data["mainland"]["words"]]
    return out


@functools.cache
def _cue_entries() -> dict[str, list[tuple[str, int]]]:
    """For each cue word, the (locale, weight) of each of its entries in `_cues()`."""
    out: dict[str, list[tuple[str, int]]] = {}
    for locale, cues in _cues().items():
        for word, weight in cues:
            out.setdefault(word, []).append((locale, weight))
    return out


@functools.cache
def _cue_scanner() -> tuple[re.Pattern, dict[str, frozenset[str]]]:
    """Every cue word as one trie (a plain `re` pattern of literals: the longest cue that starts at
    a place), and for each cue the cues that are prefixes of it (those start there too)."""
    cue_words = {w for cues in _cues().values() for w, _ in cues}
    prefixes = {w: frozenset(p for p in cue_words if w.startswith(p)) for w in cue_words}
    return re.compile(trie_pattern(cue_words)), prefixes


def _cues_in(text: str) -> set[str]:
    """The cue words that occur in `text`, in one pass instead of a substring search for each cue.

    A cue occurs where it starts, as a prefix of the longest cue that starts there: the scan tries
    every place outside its matches, and each place inside a match is tried on its own."""
    pattern, prefixes = _cue_scanner()
    found: set[str] = set()
    for m in pattern.finditer(text):
        found |= prefixes[m.group()]
        for p in range(m.start() + 1, m.end()):
            inner = pattern.match(text, p)
            if inner:
                found |= prefixes[inner.group()]
    return found


def scores(text: str, script: str, every_cue: bool = False, found: set[str] | None = None) -> dict[str, int]:
    """The points each locale earns in `text` (one scan of the text for all the cues).
    `every_cue` counts the weak cues of a simplified text too (to break a tie); `found` is
    `_cues_in(text)` when the caller has it."""
    weak_counts = every_cue or script != "simplified"
    if found is None:
        found = _cues_in(text)
    out = dict.fromkeys(_cues(), 0)
    entries = _cue_entries()
    for word in found:  # the few cues the text has, not every cue of every locale
        for locale, weight in entries[word]:
            if locale == "mainland" or weight == STRONG or weak_counts:
                out[locale] += weight
    if weak_counts:
        out["taiwan"] += min(2, len(_ROC_YEAR.findall(text))) + min(2, len(_ROC_NUMERIC.findall(text)))
    return out


def detect(text: str, script: str = "unknown") -> str:
    """The locale of `text` (already normalised to simplified characters)."""
    found = _cues_in(text)
    points = scores(text, script, found=found)
    candidates = ("taiwan", "hong_kong", "macau")
    best = max(candidates, key=lambda loc: points[loc])  # ties: first listed
    if points[best] < THRESHOLD or points[best] <= points["mainland"]:
        return "mainland"
    tied = [loc for loc in candidates if points[loc] == points[best]]
    if len(tied) > 1:  # 特区政府 alone in a simplified text: its places decide (澳门, 香港)
        every = scores(text, script, every_cue=True, found=found)
        best = max(tied, key=lambda loc: every[loc])
    return best
