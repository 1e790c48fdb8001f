"""jieba's part-of-speech HMM (the Viterbi search for words jieba's dictionary lacks), faster.

`jieba.posseg.viterbi` tries every pair of (state before, state now) at each character, most of
which have no transition and only add -inf. This search looks only at the states that can lead
to each state, and computes the same sums in the same order, so it finds the same best path and
breaks ties the same way; where every way in is -inf (all pairs tie) it falls back to jieba's
own comparison over all of them.
"""
from __future__ import annotations

from operator import itemgetter

MIN_FLOAT = -3.14e100
MIN_INF = float("-inf")


_MODELS: dict[tuple, "_Model"] = {}  # ids of the model's tables -> the model built from them


class _Model:
    """The tables with each state as its rank among all states, so that states compare as
    numbers just as the (position, tag) pairs do and hash at no cost; the ways into each state,
    and memos of the rows of each character."""

    def __init__(self, states: dict, start_p: dict, trans_p: dict, emit_p: dict):
        self.tables = (states, start_p, trans_p, emit_p)
        names = set(trans_p) | set(start_p) | set(emit_p)
        for nexts in trans_p.values():
            names.update(nexts)
        self.names = sorted(names)
        ids = self.ids = {name: i for i, name in enumerate(self.names)}
        self.out: list[dict | None] = [None] * len(self.names)  # state -> {next state: log p}
        self.into: list[dict] = [{} for _ in self.names]  # state -> {previous state: log p}
        for y0, nexts in trans_p.items():
            self.out[ids[y0]] = {ids[y]: p for y, p in nexts.items()}
            for y, p in nexts.items():
                self.into[ids[y]][ids[y0]] = p
        self.highest = [max(into.values()) if into else None for into in self.into]
        self.every = [ids[y] for y in trans_p]
        self.rows: dict[str, tuple] = {}
        self.starts: dict[str, dict] = {}

    def rows_of(self, o: str) -> tuple:
        """Each state character `o` can take that some state leads to, with its emission, and
        either the few ways in (a word going on: B -> M -> E of one tag) or all of them with the
        best (a word starting: from the end of any word)."""
        rows = self.rows.get(o)
        if rows is None:
            states, _, trans_p, emit_p = self.tables
            rows = []
            for y in states.get(o, trans_p.keys()):
                i = self.ids.get(y)
                into = self.into[i] if i is not None else None
                if into:
                    few = tuple(into.items()) if len(into) < 4 else None
                    rows.append((i, emit_p[y].get(o, MIN_FLOAT), few, into, self.highest[i]))
            rows = self.rows[o] = tuple(rows)
        return rows

    def start_of(self, o: str) -> dict:
        """The states of a first character `o` with their start and emission probabilities (only read)."""
        start = self.starts.get(o)
        if start is None:
            states, start_p, trans_p, emit_p = self.tables
            start = self.starts[o] = {self.ids[y]: start_p[y] + emit_p[y].get(o, MIN_FLOAT)
                                      for y in states.get(o, trans_p.keys())}
        return start

    def best_of_all(self, previous: dict, y: int, emit: float):
        """No finite way into `y`: jieba's comparison over every state before, -inf ones included."""
        out = self.out
        return max((previous[y0] + out[y0].get(y, MIN_INF) + emit, y0) for y0 in previous if out[y0])


def _model(states: dict, start_p: dict, trans_p: dict, emit_p: dict) -> _Model:
    tables = (states, start_p, trans_p, emit_p)
    key = tuple(map(id, tables))
    model = _MODELS.get(key)
    if model is None or any(a is not b for a, b in zip(model.tables, tables)):
        model = _MODELS[key] = _Model(*tables)
    return model


def viterbi(obs: str, states: dict, start_p: dict, trans_p: dict, emit_p: dict):
    """(log probability, [state per character]) as `jieba.posseg.viterbi.viterbi` returns them."""
    model = _model(states, start_p, trans_p, emit_p)
    previous = model.start_of(obs[0])
    mem_path = [dict.fromkeys(previous, "")]
    for t in range(1, len(obs)):
        o = obs[t]
        current, path = {}, {}
        # the states before, likeliest first: a way in from one of them can beat the best found
        # so far only while its probability plus the best transition into y still does
        ranked = sorted(previous.items(), key=itemgetter(1), reverse=True)
        # the states this character can take, with their best way in: the highest sum, at a tie
        # the greatest state before (as jieba's max over (sum, state) pairs settles it)
        for y, emit, few, into, bound in model.rows_of(o):
            best = None
            if few is not None:
                for y0, p in few:
                    before = previous.get(y0)
                    if before is not None:
                        value = before + p + emit
                        if best is None or value > best or (value == best and y0 > best_y0):
                            best, best_y0 = value, y0
            else:
                for y0, before in ranked:
                    if best is not None and before + bound + emit < best:
                        break  # the sums only round monotonically: no state further down can tie
                    p = into.get(y0)
                    if p is not None:
                        value = before + p + emit
                        if best is None or value > best or (value == best and y0 > best_y0):
                            best, best_y0 = value, y0
            if best is None:
                continue  # no state before leads here
            if best == MIN_INF:
                current[y], path[y] = model.best_of_all(previous, y, emit)
            else:
                current[y], path[y] = best, best_y0
        if not current:
            # the character cannot follow: jieba's search over every state the ones before lead to
            out, emit_p, names = model.out, emit_p, model.names
            prev_states = [x for x in previous if out[x]]
            expect_next = {y for x in prev_states for y in out[x]}
            for y in expect_next if expect_next else model.every:
                emit = emit_p[names[y]].get(o, MIN_FLOAT)
                into = model.into[y]
                best = None
                for y0 in prev_states:
                    p = into.get(y0)
                    if p is not None:
                        candidate = (previous[y0] + p + emit, y0)
                        if best is None or candidate > best:
                            best = candidate
                if best is None or best[0] == MIN_INF:
                    best = model.best_of_all(previous, y, emit)
                current[y], path[y] = best
        previous = current
        mem_path.append(path)
    prob, state = max((previous[y], y) for y in mem_path[-1])
    route = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = model.names[state]
        state = mem_path[i][state]
    return prob, route
