"""jieba's part-of-speech cut without importing `jieba.posseg`.

Importing `jieba.posseg` builds a POSTokenizer over jieba's global dictionary at module level,
parsing the whole dictionary text (about 0.3 s), which is most of a cold start. This module
does what `jieba.posseg.POSTokenizer.cut` does, step for step (same regular expressions, same
fallbacks, same tags), over our private tokenizer; its HMM tables are read from a marshal cache
beside the dictionary cache, built from `jieba.posseg` once when the cache is missing.
"""
from __future__ import annotations

import re
from math import log

from .hmm import viterbi

# jieba.posseg's expressions, unchanged: they decide where the cut splits
_HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_HAN_INTERNAL = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
_SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
_ENG = re.compile("[a-zA-Z0-9]+")
_NUM = re.compile(r"[\.0-9]+")


def hmm_tables_from_jieba() -> tuple:
    """(char -> states, start, transition, emission) as `jieba.posseg` holds them."""
    import jieba.posseg as posseg

    return posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P


def word_tags_from_dictionary(handle) -> dict:
    """word -> tag from a jieba dictionary file opened in binary, as POSTokenizer.load_word_tag reads it."""
    tags = {}
    try:
        for lineno, line in enumerate(handle, 1):
            line = line.strip().decode("utf-8")
            if not line:
                continue
            try:
                word, _, tag = line.split(" ")
            except ValueError:
                raise ValueError(f"invalid POS dictionary entry at line {lineno}: {line}") from None
            tags[word] = tag
    finally:
        handle.close()
    return tags


class POSCutter:
    """(word, tag) pairs of a sentence, as `jieba.posseg.POSTokenizer(tokenizer).cut` yields them."""

    def __init__(self, tokenizer, word_tag_tab: dict, hmm_tables: tuple):
        self.tokenizer = tokenizer
        self.word_tag_tab = word_tag_tab
        self.char_state_tab, self.start_p, self.trans_p, self.emit_p = hmm_tables

    def _user_tags_loaded(self) -> None:
        if getattr(self.tokenizer, "user_word_tag_tab", None):
            self.word_tag_tab.update(self.tokenizer.user_word_tag_tab)
            self.tokenizer.user_word_tag_tab = {}

    def _cut_hmm(self, sentence: str):
        _, pos_list = viterbi(sentence, self.char_state_tab, self.start_p, self.trans_p, self.emit_p)
        begin, nexti = 0, 0
        for i, char in enumerate(sentence):
            pos = pos_list[i][0]
            if pos == "B":
                begin = i
            elif pos == "E":
                yield sentence[begin:i + 1], pos_list[i][1]
                nexti = i + 1
            elif pos == "S":
                yield char, pos_list[i][1]
                nexti = i + 1
        if nexti < len(sentence):
            yield sentence[nexti:], pos_list[nexti][1]

    def _cut_detail(self, sentence: str):
        for blk in _HAN_DETAIL.split(sentence):
            if _HAN_DETAIL.match(blk):
                yield from self._cut_hmm(blk)
            else:
                for x in _SKIP_DETAIL.split(blk):
                    if x:
                        if _NUM.match(x):
                            yield x, "m"
                        elif _ENG.match(x):
                            yield x, "eng"
                        else:
                            yield x, "x"

    def route(self, sentence: str) -> list[int]:
        """The end of the dictionary word the best route takes from each position of `sentence`.

        jieba's `get_DAG` and `calc` in one pass from the right, with the same sums in the same
        order and ties going to the longer word, as `max` over (probability, end) settles them.
        """
        freq = self.tokenizer.FREQ
        logtotal = log(self.tokenizer.total)
        n = len(sentence)
        values = [0.0] * (n + 1)
        ends = list(range(1, n + 1))
        for k in range(n - 1, -1, -1):
            best = None
            i, count = k, freq.get(sentence[k])  # None: no word goes on this way
            while count is not None:
                if count:
                    value = log(count) - logtotal + values[i + 1]
                    if best is None or value >= best:
                        best, ends[k] = value, i + 1
                i += 1
                if i >= n:
                    break
                count = freq.get(sentence[k:i + 1])
            if best is None:  # no word starts here: the character alone, at jieba's count of 1
                best = log(freq.get(sentence[k]) or 1) - logtotal + values[k + 1]
            values[k] = best
        return ends

    # how much better than the next one a choice of the route must be for a prefix's answer to
    # stand: far above the rounding of a sum of a few hundred log probabilities (< 1e-9)
    SURE_MARGIN = 1e-6

    def route_prefix(self, sentence: str, need: int) -> list[int]:
        """`route(sentence)[:q]` for a q >= need, most often without reading much past `need`.

        q is a cut point: no dictionary word crosses it, so every route passes it, and the
        choices before it differ from the whole sentence's only by the route value at q, a
        constant that can change the rounding of a sum but never a choice that wins by more
        than `SURE_MARGIN`. A prefix whose route takes a closer choice, or ends in a single
        character (whose run of unknown characters may go on past q), is not taken: the next
        cut point is tried, then the whole sentence.
        """
        freq = self.tokenizer.FREQ
        n = len(sentence)
        if need >= n:
            return self.route(sentence)
        logtotal = log(self.tokenizer.total)
        # per position: (end, log(count) - logtotal) of each dictionary word, the sums `route`
        # makes (computed once here, for every cut point tried)
        words: list[list[tuple[int, float]]] = []
        reach = long_reach = tries = 0  # the farthest end of a word, of a word of two or more characters
        for k in range(min(n, need + 40)):
            found = []
            count = freq.get(sentence[k])  # None: no word goes on this way
            i = k + 1
            while count is not None:
                if count:
                    found.append((i, log(count) - logtotal))
                if i >= n:
                    break
                i += 1
                count = freq.get(sentence[k:i])
            words.append(found)
            if found:
                far = found[-1][0]
                if far > reach:
                    reach = far
                if far - k > 1 and far > long_reach:
                    long_reach = far
            elif k + 1 > reach:
                reach = k + 1
            # (a route can end in a long word only where one ends)
            if reach == k + 1 and long_reach == reach and reach >= need and reach < n:
                ends = self._sure_route(words, logtotal)
                if ends is not None:
                    return ends
                tries += 1
                if tries == 3:
                    break
        return self.route(sentence)

    def _sure_route(self, words: list, logtotal: float) -> list[int] | None:
        """The route through the prefix that `words` covers, or None when a choice on it is not sure."""
        sure = self.SURE_MARGIN
        alone = log(1) - logtotal  # a character no word starts with, at jieba's count of 1
        q = len(words)
        values = [0.0] * (q + 1)
        ends = list(range(1, q + 1))
        unsure = False  # whether some best word wins by no more than `sure`
        for k in range(q - 1, -1, -1):
            found = words[k]
            if not found:
                values[k] = alone + values[k + 1]
            elif len(found) == 1:
                end, weight = found[0]
                values[k] = weight + values[end]
                ends[k] = end
            else:
                best = second = None
                for end, weight in found:
                    value = weight + values[end]
                    if best is None or value >= best:
                        second, best, ends[k] = best, value, end
                    elif second is None or value > second:
                        second = value
                values[k] = best
                if best - second <= sure:
                    if not unsure:
                        unsure = [False] * q
                    unsure[k] = True
        x = last = 0
        while x < q:
            if unsure and unsure[x]:
                return None
            last, x = x, ends[x]
        return ends if ends[last] - last > 1 else None

    def route_words(self, sentence: str):
        """(start, end) of the route's words: a word of two or more characters is one of the
        cut's, runs of single characters go to `unknown_run`."""
        ends = self.route(sentence)
        x, n = 0, len(sentence)
        while x < n:
            yield x, ends[x]
            x = ends[x]

    def unknown_run(self, buf: str):
        """The words of a run of single characters the route left (the HMM runs here)."""
        tags = self.word_tag_tab
        if len(buf) == 1:
            yield buf, tags.get(buf, "x")
        elif not self.tokenizer.FREQ.get(buf):
            yield from self._cut_detail(buf)
        else:
            for elem in buf:
                yield elem, tags.get(elem, "x")

    def _cut_dag(self, sentence: str):
        tags = self.word_tag_tab
        run_start = None
        for start, end in self.route_words(sentence):
            if end - start == 1:
                if run_start is None:
                    run_start = start
            else:
                if run_start is not None:
                    yield from self.unknown_run(sentence[run_start:start])
                    run_start = None
                word = sentence[start:end]
                yield word, tags.get(word, "x")
        if run_start is not None:
            yield from self.unknown_run(sentence[run_start:])

    def cut(self, sentence: str):
        self._user_tags_loaded()
        for blk in _HAN_INTERNAL.split(sentence):
            if _HAN_INTERNAL.match(blk):
                yield from self._cut_dag(blk)
            else:
                for x in _SKIP_INTERNAL.split(blk):
                    if _SKIP_INTERNAL.match(x):
                        yield x, "x"
                    else:
                        for xx in x:
                            if _NUM.match(xx):
                                yield xx, "m"
                            elif _ENG.match(x):
                                yield xx, "eng"
                            else:
                                yield xx, "x"


def one_block(sentence: str) -> bool:
    """Whether the cut takes `sentence` as one block (Chinese, ASCII letters and digits, +#&._),
    which its dictionary route then splits alone."""
    return _HAN_INTERNAL.fullmatch(sentence) is not None


def route_pieces(ends: list[int]):
    """(start, end, whole) of the pieces of a route (`POSCutter.route`, `route_prefix`), in order:
    a dictionary word of two or more characters (whole True), or a run of single characters that
    `unknown_run` reads (whole False), which the cut takes as one piece."""
    run_start, a, q = None, 0, len(ends)
    while a < q:
        b = ends[a]
        if b - a == 1:
            if run_start is None:
                run_start = a
        else:
            if run_start is not None:
                yield run_start, a, False
                run_start = None
            yield a, b, True
        a = b
    if run_start is not None:
        yield run_start, q, False


class ClauseCut:
    """The words of the sentence text[start:end] as `POSCutter.cut` yields them, with offsets
    into `text`, read leftwards from a position on demand.

    The dictionary route is computed only as far past the position as it must be to settle
    the words before it (`POSCutter.route_prefix`); the HMM, most of the cost, runs only on the
    runs of unknown characters a reader reaches, and a run met before (`runs`, the caller's
    memo for one document) is not searched again.
    """

    def __init__(self, cutter: POSCutter, text: str, start: int, end: int, runs: dict):
        cutter._user_tags_loaded()
        self.cutter, self.text, self.runs = cutter, text, runs
        self.start, self.end = start, end
        # (word, tag, start, end) of the cut's words, or (None, None, start, end) of a run of
        # single characters that `unknown_run` reads; they reach as far as `covered`
        self.items: list[tuple] = []
        self.covered = start
        sentence = text[start:end]
        if not one_block(sentence):
            # characters the cut splits on (rare in a clause): the whole cut
            pos = start
            for word, tag in cutter.cut(sentence):
                self.items.append((word, tag, pos, pos + len(word)))
                pos += len(word)
            self.covered = end

    def _cover(self, end: int) -> None:
        """Items as far as `end` at least; asked a second time, as far as the end of the sentence
        (so that many anchors in one long sentence do not each extend it a little)."""
        sentence, base = self.text[self.start:self.end], self.start
        need = end - base if self.covered == base else len(sentence)
        ends = self.cutter.route_prefix(sentence, need)
        tags = self.cutter.word_tag_tab
        self.items, self.covered = [], base + len(ends)
        for a, b, whole in route_pieces(ends):
            if whole:
                word = sentence[a:b]
                self.items.append((word, tags.get(word, "x"), base + a, base + b))
            else:
                self.items.append((None, None, base + a, base + b))

    def leftwards(self, end: int):
        """(word, tag, start, end) of the words that start before `end`, the nearest first."""
        if end > self.covered:
            self._cover(end)
        for item in reversed(self.items):
            if item[2] >= end:
                continue
            if item[0] is not None:
                yield item
                continue
            for word in reversed(self._run(item[2], item[3])):
                if word[2] < end:
                    yield word

    def _run(self, start: int, stop: int) -> list[tuple[str, str, int, int]]:
        buf = self.text[start:stop]
        words = self.runs.get(buf)
        if words is None:
            words, pos = [], 0
            for word, tag in self.cutter.unknown_run(buf):
                words.append((word, tag, pos, pos + len(word)))
                pos += len(word)
            self.runs[buf] = words
        return [(word, tag, start + a, start + b) for word, tag, a, b in words]
