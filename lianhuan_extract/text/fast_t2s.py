"""OpenCC's conversions (t2s, s2t), with the same output as opencc-python-reimplemented, faster.

opencc-python-reimplemented converts each stretch of text between separators by repeatedly taking
the longest dictionary phrase in it (the leftmost of equally long ones), converting the pieces to
its left and right the same way, and then converting what no phrase covered with the character
dictionary. It does so with Python loops over every substring length at every position, which
makes it the slowest stage of the pipeline (about 100,000 chars/s).

The same result, computed differently:

- characters no phrase covers go through `str.translate` with a table built from the character
  dictionary (the first of several candidates, as OpenCC does);
- phrases are looked up only at positions whose character can start one, and chosen in the order
  OpenCC's recursion chooses them: longest first, leftmost among equally long ones, skipping any
  that overlap an already chosen phrase. (Taking the longest, leftmost phrase of a stretch and
  recursing on both sides is that greedy order: a phrase is chosen exactly when no longer or
  earlier equally long phrase inside its stretch was.)
- separators (spaces, punctuation) are never converted and no phrase contains one, so phrases
  never cross them and the text need not be split.

tests/test_fast_t2s.py checks the output against opencc itself, on the dev texts and on random
strings made of dictionary phrases, characters and separators.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

# opencc-python-reimplemented's separators (from OpenCC's PhraseExtract.cpp): its pattern is
# (\s+|-|,|\.|…) with single characters besides whitespace, and `\s` is str.isspace()
_SEPARATOR_CHARS = frozenset(
    "-,.?!*　，。、；：？！…“”‘’『』「」﹁﹂—－（）《》〈〉～．／＼︒︑︔︓︿﹀︹︺︙︐［﹇］﹈︕︖︰︳︴︽︾︵︶｛︷｝︸﹃﹄【︻】︼")


def _has_separator(key: str) -> bool:
    return not _SEPARATOR_CHARS.isdisjoint(key) or any(map(str.isspace, key))


_BMP = 0x10000
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


def _opencc_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("opencc-python-reimplemented is not installed")
    return Path(list(spec.submodule_search_locations)[0])


@functools.lru_cache(maxsize=None)
def _read_dictionary(path: Path) -> dict[str, str]:
    """key -> value, the first of several candidates (what OpenCC picks). Read once; do not modify."""
    table: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            key, value = line.strip().split("\t")
            table[key] = value.split(" ")[0]
    return table


class Converter:
    """One OpenCC conversion whose configuration is a single group: phrases, then characters."""

    def __init__(self, phrases: dict[str, str], characters: dict[str, str]):
        if any(len(key) != 1 for key in characters):
            raise ValueError("the character dictionary must map single characters")
        # a key holding a separator can never match in OpenCC, since it converts between them
        self._phrases = {k: v for k, v in phrases.items() if k and not _has_separator(k)}
        self._table = {ord(k): v for k, v in characters.items() if not _has_separator(k)}
        lengths: dict[str, set[int]] = {}
        for key in self._phrases:
            lengths.setdefault(key[0], set()).add(len(key))
        # for each character that can start a phrase, the phrase lengths to try, longest first
        self._lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}
        # where a phrase starts: its first character, then (looked ahead at) the rest of one of
        # the phrases that begin with it. The positions whose first character only could start
        # one (most of them: 一, 不, 於 ...) are passed over by the regex engine, not by Python.
        tails: dict[str, set[str]] = {}
        for key in self._phrases:
            tails.setdefault(key[0], set()).add(key[1:])
        alternatives = [re.escape(first) + "(?=" + "|".join(map(re.escape, sorted(ends, key=len, reverse=True))) + ")"
                        for first, ends in sorted(tails.items())]
        self._starts = re.compile("|".join(alternatives)) if alternatives else None
        # str.translate with a dict looks each character up as an int and raises (and clears) a
        # KeyError for each one not in the table: about five times slower than indexing a list.
        # The list covers the Basic Multilingual Plane (characters beyond it raise IndexError,
        # which translate also takes as "unchanged"); a text holding a character beyond it goes
        # through the dict, which also has the few keys out there.
        dense: list = list(range(_BMP))
        for code, value in self._table.items():
            if code < _BMP:
                dense[code] = ord(value) if len(value) == 1 else value
        self._dense = dense
        # every value one character: the conversion outside phrases keeps the length of a text
        self.one_for_one = all(len(value) == 1 for value in self._table.values())

    def _phrase_matches(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, value) of the phrases OpenCC would convert in `text`, in text order."""
        if self._starts is None:
            return []
        phrases, lengths = self._phrases, self._lengths
        candidates = []
        size = len(text)
        for m in self._starts.finditer(text):
            i = m.start()
            for n in lengths[m.group()]:
                # a slice past the end is shorter than n and could be another, shorter phrase
                if i + n <= size and text[i:i + n] in phrases:
                    candidates.append((-n, i))
        if not candidates:
            return []
        candidates.sort()
        taken = bytearray(len(text))
        chosen = []
        for neg_n, i in candidates:
            end = i - neg_n
            if taken.find(1, i, end) == -1:
                taken[i:end] = b"\x01" * (end - i)
                chosen.append((i, end, phrases[text[i:end]]))
        chosen.sort()
        return chosen

    def convert(self, text: str) -> str:
        """What opencc.OpenCC(<this conversion>).convert(text) returns."""
        return self.convert_with_phrases(text)[0]

    def convert_with_phrases(self, text: str) -> tuple[str, list[tuple[int, int, str]]]:
        """`convert(text)`, and the phrases it converted as (start, end, value) in `text`; what
        lies outside them went through the character dictionary."""
        table = self._table if _BEYOND_BMP.search(text) else self._dense
        matches = self._phrase_matches(text)
        if not matches:
            return text.translate(table), matches
        out = []
        pos = 0
        for start, end, value in matches:
            out.append(text[pos:start].translate(table))
            out.append(value)
            pos = end
        out.append(text[pos:].translate(table))
        return "".join(out), matches


@functools.lru_cache(maxsize=None)
def converter(conversion: str) -> Converter:
    """The Converter for an OpenCC configuration such as "t2s" or "s2t" (read once per process)."""
    root = _opencc_dir()
    config = json.loads((root / "config" / f"{conversion}.json").read_text(encoding="utf-8"))
    chain = config["conversion_chain"]
    group = chain[0]["dict"] if len(chain) == 1 else None
    files = [d.get("file") for d in group.get("dicts", [])] if group and group.get("type") == "group" else []
    if len(files) != 2 or any(d.get("type") != "txt" for d in group["dicts"]):
        raise ValueError(f"{conversion}: only a single group of a phrase and a character dictionary is supported")
    phrases, characters = (_read_dictionary(root / "dictionary" / name) for name in files)
    return Converter(phrases, characters)


@functools.lru_cache(maxsize=None)
def changed_characters(conversion: str) -> frozenset[str]:
    """The characters that `conversion`'s character dictionary turns into another character.

    Read from the character dictionary alone (milliseconds, where the phrases of s2t take 0.4 s),
    for counting how many characters of a text belong to one script only.
    """
    root = _opencc_dir()
    config = json.loads((root / "config" / f"{conversion}.json").read_text(encoding="utf-8"))
    name = config["conversion_chain"][0]["dict"]["dicts"][-1]["file"]
    table = _read_dictionary(root / "dictionary" / name)
    return frozenset(k for k, v in table.items() if v != k and not _has_separator(k))


def t2s(text: str) -> str:
    return converter("t2s").convert(text)


def s2t(text: str) -> str:
    return converter("s2t").convert(text)


__all__ = ["Converter", "changed_characters", "converter", "t2s", "s2t"]
