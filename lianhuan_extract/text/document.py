"""The document: the text the user gave, the text the extractors read, and the map between them.

Every cleaning or normalising stage describes what it changes as a list of `Edit`s on the text it
received. `Document.apply` performs them and keeps one `StageMap` per stage, so that a span found in
the final text can be walked back, stage by stage, to the characters of the original.

Most normalisation is one character for one character (traditional to simplified, full-width to
half-width): such edits leave offsets unchanged and cost nothing in the map. Only deletions
(pinyin glosses, boilerplate lines, doubled punctuation) and replacements of another length add
pieces to it.
"""
from __future__ import annotations

import bisect
import operator
from bisect import bisect_right
from array import array
from itertools import accumulate, compress
from dataclasses import dataclass, field
from typing import Iterable


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `replacement` (empty for a deletion)."""

    start: int
    end: int
    replacement: str = ""
    reason: str = ""


class StageMap:
    """Positions in a stage's output text -> positions in its input text.

    Kept as pieces of output text that came from one stretch of input. A piece whose output and
    input lengths agree maps character by character; one that differs (a replacement of another
    length) maps any character inside it to the whole input stretch. Deleted input has no piece.
    The pieces are columns (arrays of machine integers but the one bisect searches), not a tuple of
    Python ints each: a large document with many edits keeps about 60 bytes a piece, not 180.
    """

    __slots__ = ("_d_starts", "_o_starts", "_d_lens", "_o_lens")

    def __init__(self, pieces: Iterable[tuple[int, int, int, int]] = ()):
        # pieces: (out_start, in_start, out_len, in_len), out_len > 0, sorted by out_start
        # the output starts a list: bisect reads a list's items without making an int of each
        self._d_starts: list[int] = []
        self._o_starts, self._d_lens, self._o_lens = array("q"), array("q"), array("q")
        for piece in pieces:
            self.append(*piece)

    @classmethod
    def from_columns(cls, d_starts: list[int], o_starts: list[int], d_lens: list[int],
                     o_lens: list[int]) -> "StageMap":
        """A map made from its four columns at once (apply_edits builds them as lists)."""
        self = cls()
        self._d_starts = d_starts
        self._o_starts, self._d_lens, self._o_lens = array("q", o_starts), array("q", d_lens), array("q", o_lens)
        return self

    def append(self, out_start: int, in_start: int, out_len: int, in_len: int) -> None:
        self._d_starts.append(out_start)
        self._o_starts.append(in_start)
        self._d_lens.append(out_len)
        self._o_lens.append(in_len)

    def __len__(self) -> int:
        return len(self._d_starts)

    def _piece(self, pos: int) -> tuple[int, int, int, int]:
        i = max(bisect.bisect_right(self._d_starts, pos) - 1, 0)
        return self._d_starts[i], self._o_starts[i], self._d_lens[i], self._o_lens[i]

    def start_of(self, pos: int) -> int:
        """Input position where output character `pos` begins."""
        d0, o0, dl, ol = self._piece(pos)
        if dl == ol:
            return o0 + min(pos - d0, ol)
        return o0

    def end_of(self, pos: int) -> int:
        """Input position just after output character `pos`."""
        d0, o0, dl, ol = self._piece(pos)
        if dl == ol:
            return o0 + min(pos - d0, ol - 1) + 1
        return o0 + ol

    def span_of(self, first: int, last: int) -> tuple[int, int]:
        """(start_of(first), end_of(last)) in one call: the record stage maps every entity so.

        Written out, with no min() or max() (a builtin called with two arguments parses them as
        keywords could be), and with one bisect when both ends fall in one piece, as most do:
        the pieces follow each other without a gap, so `last` is in the piece of `first` when it
        is before that piece's end."""
        d_starts = self._d_starts
        i = bisect_right(d_starts, first) - 1
        if i < 0:
            i = 0
        d0, o0, dl, ol = d_starts[i], self._o_starts[i], self._d_lens[i], self._o_lens[i]
        if dl == ol:
            k = first - d0
            start = o0 + (k if k < ol else ol)
        else:
            start = o0
        if last >= d0 + dl or last < d0:
            i = bisect_right(d_starts, last) - 1
            if i < 0:
                i = 0
            d0, o0, dl, ol = d_starts[i], self._o_starts[i], self._d_lens[i], self._o_lens[i]
        if dl == ol:
            k = last - d0
            return start, o0 + (k if k < ol - 1 else ol - 1) + 1
        return start, o0 + ol


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, StageMap | None]:
    """Apply non-overlapping edits; return the new text and its map (None when offsets are unchanged)."""
    edits = sorted(edits, key=lambda e: (e.start, e.end))
    if not edits:
        return text, None
    out: list[str] = []
    # the map's four columns, filled here and handed over at the end (thousands of glosses a text)
    d_starts: list[int] = []
    o_starts: list[int] = []
    d_lens: list[int] = []
    o_lens: list[int] = []
    same_length = True
    pos = 0  # in input
    dpos = 0  # in output
    size = len(text)
    for e in edits:
        start, end, replacement = e.start, e.end, e.replacement
        if start < pos or end < start or end > size:
            raise ValueError(f"overlapping or out-of-range edit {e!r}")
        if start > pos:  # the text kept before the edit
            out.append(text[pos:start])
            d_starts.append(dpos), o_starts.append(pos), d_lens.append(start - pos), o_lens.append(start - pos)
            dpos += start - pos
        n_in, n_out = end - start, len(replacement)
        if n_in != n_out:
            same_length = False
        if n_out:
            out.append(replacement)
            d_starts.append(dpos), o_starts.append(start), d_lens.append(n_out), o_lens.append(n_in)
            dpos += n_out
        pos = end
    if size > pos:
        out.append(text[pos:size])
        d_starts.append(dpos), o_starts.append(pos), d_lens.append(size - pos), o_lens.append(size - pos)
    new_text = "".join(out)
    if same_length:
        return new_text, None
    if not d_starts:  # everything deleted: map the empty text to the start
        d_starts.append(0), o_starts.append(0), d_lens.append(0), o_lens.append(0)
    return new_text, StageMap.from_columns(d_starts, o_starts, d_lens, o_lens)


def delete_spans(text: str, spans: list[tuple[int, int]]) -> tuple[str, StageMap | None]:
    """`apply_edits` for deletions given as (start, end) pairs in text order: the same text and
    map, built with C loops over the kept stretches rather than a Python loop over Edit objects
    (a traditional page has a pinyin gloss every few characters)."""
    if not spans:
        return text, None
    starts, ends = zip(*spans)
    kept_starts = (0, *ends)
    kept_lens = list(map(operator.sub, (*starts, len(text)), kept_starts))
    if min(kept_lens) < 0 or min(map(operator.sub, ends, starts)) <= 0:
        # overlapping, out of order or out of range, or an empty span: apply_edits refuses or
        # treats each as it does
        return apply_edits(text, [Edit(start, end) for start, end in spans])
    o_starts = list(compress(kept_starts, kept_lens))  # the stretches kept, empty ones left out
    d_lens = list(filter(None, kept_lens))
    if not d_lens:  # everything deleted: map the empty text to the start
        return "", StageMap.from_columns([0], [0], [0], [0])
    new_text = "".join(map(text.__getitem__, map(slice, o_starts, map(operator.add, o_starts, d_lens))))
    d_starts = list(accumulate(d_lens, initial=0))
    d_starts.pop()
    return new_text, StageMap.from_columns(d_starts, o_starts, d_lens, d_lens)


@dataclass
class Document:
    """The original text, the normalised text the extractors read, and the offset map between them."""

    original: str
    source: str | None = None
    encoding: str | None = None
    text: str = ""
    stages: list[tuple[str, StageMap | None, int]] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    script: str = "unknown"
    _words: list | None = field(default=None, repr=False)
    user_words: list[tuple[str, int | None, str | None]] = field(default_factory=list)
    _memo: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.original

    # -- building --------------------------------------------------------------------------
    def apply(self, stage: str, edits: Iterable[Edit]) -> int:
        """Apply a stage's edits to the current text and record them; return how many."""
        edits = list(edits)
        if edits:
            self._record(stage, *apply_edits(self.text, edits), len(edits))
        return len(edits)

    def delete(self, stage: str, spans: list[tuple[int, int]]) -> int:
        """`apply` for a stage that only deletes, its spans (start, end) in text order; return how
        many."""
        if spans:
            self._record(stage, *delete_spans(self.text, spans), len(spans))
        return len(spans)

    def apply_one_for_one(self, stage: str, new_text: str, changed: int | None = None) -> int:
        """A stage that replaces characters one for one (t2s, half-width): offsets do not move, so
        nothing is mapped; return how many characters changed (`changed`, when the stage counted
        them as it went)."""
        if len(new_text) != len(self.text):
            raise ValueError(f"{stage}: a one-for-one stage changed the length of the text")
        if changed is None:
            changed = 0 if new_text == self.text else sum(map(operator.ne, self.text, new_text))
        if changed:
            self._record(stage, new_text, None, changed)
        return changed

    def _record(self, stage: str, text: str, stage_map: StageMap | None, count: int) -> None:
        """The text after a stage, its map and how many edits it made; what was read off the text
        before (words, memos) is forgotten."""
        self.text = text
        self.stages.append((stage, stage_map, count))
        self._words = None
        self._memo.clear()

    # -- offsets ---------------------------------------------------------------------------
    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span [start, end) of the normalised text to the original text."""
        if end <= start:
            return start, start
        s, last = start, end - 1
        for _, stage_map, _ in reversed(self.stages):
            if stage_map is None:
                continue
            s, e_new = stage_map.span_of(s, last)
            last = e_new - 1
        return s, last + 1

    def span_mapper(self):
        """A function (first, last) -> (start, end) that maps the span of the normalised text from
        character `first` to character `last` (inclusive) to the original text, as `to_original`
        does for a non-empty span; None when no stage moved an offset. Made once for all the
        entities of a document."""
        maps = [stage_map.span_of for _, stage_map, _ in reversed(self.stages) if stage_map is not None]
        if not maps:
            return None
        if len(maps) == 1:  # most texts that moved went through one map (the cleaning's)
            return maps[0]

        def through_all(first: int, last: int) -> tuple[int, int]:
            for span_of in maps:
                first, end = span_of(first, last)
                last = end - 1
            return first, last + 1

        return through_all

    def original_span(self, start: int, end: int) -> str:
        s, e = self.to_original(start, end)
        return self.original[s:e]

    def memo(self, key, compute):
        """What `compute()` returns, computed once for this text: a result several extractors read
        (the date finder's, for the reference date and the dates). Forgotten when the text changes."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def forget(self, key) -> None:
        """Drop what `memo` keeps under `key` once its last reader has it (the date finder's pieces
        hold a token object for each atom of the text: a large document need not keep them)."""
        self._memo.pop(key, None)

    # -- words (lazy) ----------------------------------------------------------------------
    @property
    def words(self) -> list[tuple[str, int, int]]:
        """jieba words of the normalised text as (word, start, end); computed on first use."""
        if self._words is None:
            from ..segmenter.segment import cut_with_offsets

            self._words = cut_with_offsets(self.text, self.user_words)
        return self._words

    def add_user_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        """Keep `word` whole when this document is segmented (names found by the extractors)."""
        self.user_words.append((word, freq, tag))
        self._words = None
