"""A list of words as a regular expression shaped like a trie.

`a|ab|abc` written out tries every word at every position of the text; with hundreds of titles
or bodies that is most of an extractor's time. The same words as a trie (`a(?:b(?:c)?)?`) follow
the text one character at a time, so a position is done as soon as its character leads nowhere.

The two match the same: at a position the text decides which branch can go on, so the trie
tries the words that start there longest first, just as the alternation sorted longest first
does, also when what follows the words makes the engine backtrack.
"""
from __future__ import annotations

import re


def trie_pattern(words, backwards: bool = False) -> str:
    """Pattern text matching any of `words` (longest first), for `re` or `regex` alike.

    `backwards` branches on the last characters first, for a pattern the regex module matches
    from right to left (`(?r)`): it then takes the longest word that ends where it starts."""
    root: dict = {}
    for word in set(words):
        if not word:
            raise ValueError("an empty word would match everywhere")
        node = root
        for char in (reversed(word) if backwards else word):
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(root, backwards)


def _node_pattern(node: dict, backwards: bool = False) -> str:
    ends_here = "" in node
    branches = [(char, child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if len(branches) > 1 and all(set(child) == {""} for _, child in branches):
        body = "[" + "".join(_escape_in_class(char) for char, _ in branches) + "]"
    else:
        alternatives = [_node_pattern(child, True) + re.escape(char) if backwards
                        else re.escape(char) + _node_pattern(child) for char, child in branches]
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        if ends_here and len(alternatives) == 1 and len(body) > 1:
            body = "(?:" + body + ")"
    return body + "?" if ends_here else body


def _escape_in_class(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


# a few words are looked for one by one (str.find runs at memory speed); more, in one pass
_FIND_EACH_UP_TO = 16


def starts_of_all(text: str, words) -> dict[str, list[int]]:
    """Every position where each of `words` starts in `text`, overlaps included, ascending.

    Looking each word of a document's finds (its people, its organizations) up in the whole text
    costs words x characters, and the number of words grows with the text; past a few words they
    are found in one pass instead: a trie of their first two characters, the whole word checked
    where one matches."""
    words = {w for w in words if w}
    out: dict[str, list[int]] = {w: [] for w in words}
    heads: dict[str, list[str]] = {}
    for w in sorted(words):
        if len(w) < 2 or len(words) <= _FIND_EACH_UP_TO:
            at = text.find(w)
            while at >= 0:
                out[w].append(at)
                at = text.find(w, at + 1)
        else:
            heads.setdefault(w[:2], []).append(w)
    if heads:
        for m in re.finditer("(?=(" + trie_pattern(heads) + "))", text):
            at = m.start()
            for w in heads[m.group(1)]:
                if text.startswith(w, at):
                    out[w].append(at)
    return out


def search_starts(text: str, words: tuple[str, ...]) -> list[int]:
    """Where a search for any of `words` (the longest first, as trie_pattern tries them) finds
    one, left to right without overlaps: a str.find pass a word, quicker for a few words than
    a scan that tests every character of the text against their first ones."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append((at, -len(word)))
            at = text.find(word, at + 1)
    if len(found) > 1:
        found.sort()
    starts, resume = [], 0
    for at, minus in found:
        if at >= resume:
            starts.append(at)
            resume = at - minus
    return starts


def matches_from(pattern: re.Pattern, text: str, words) -> list[re.Match]:
    """The matches of pattern.finditer(text) for a pattern whose every match begins with one of
    `words`: the pattern is tried only where one of them is written, from the left, past the end
    of the match before. A scan of the text costs the standard engine some 60 instructions a
    character; str.find of a few words, one or two."""
    starts = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            starts.add(at)
            at = text.find(word, at + 1)
    out = []
    reached = 0
    match = pattern.match
    for at in sorted(starts):
        if at >= reached:
            m = match(text, at)
            if m is not None:
                out.append(m)
                reached = m.end() if m.end() > at else at + 1
    return out
