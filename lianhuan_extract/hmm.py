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


_TABLES: dict[tuple, tuple] = {}  # ids of the model's tables -> (the tables, derived tables)


def _tables(states: dict, start_p: dict, trans_p: dict, emit_p: dict) -> tuple[dict, dict, dict, dict]:
    """state -> {previous state: log probability of the transition}, state -> the highest of
    those, and memos of `_rows` and of the first character's states per character, built once
    per model."""
    model = (states, start_p, trans_p, emit_p)
    key = tuple(map(id, model))
    known = _TABLES.get(key)
    if known is None or any(a is not b for a, b in zip(known[0], model)):
        incoming: dict = {}
        for y0, nexts in trans_p.items():
            for y, p in nexts.items():
                incoming.setdefault(y, {})[y0] = p
        highest = {y: max(into.values()) for y, into in incoming.items()}
        known = _TABLES[key] = (model, (incoming, highest, {}, {}))
    return known[1]


def _rows(o: str, states: dict, all_states, emit_p: dict, incoming: dict, highest: dict) -> tuple:
    """The model's rows for character `o`: each state it can take that some state leads to, with
    its emission, and either the few ways in (a word going on: B -> M -> E of one tag) or all of
    them with the best (a word starting: from the end of any word)."""
    rows = []
    for y in states.get(o, all_states):
        into = incoming.get(y)
        if into:
            few = tuple(into.items()) if len(into) < 4 else None
            rows.append((y, emit_p[y].get(o, MIN_FLOAT), few, into, highest[y]))
    return tuple(rows)


def _best_of_all(previous: dict, trans_p: dict, y, emit: float):
    """No finite way into `y`: jieba's comparison over every state before, -inf ones included."""
    return max((previous[y0] + trans_p[y0].get(y, MIN_INF) + emit, y0) for y0 in previous if trans_p[y0])


def viterbi(obs: str, states: dict, start_p: dict, trans_p: dict, emit_p: dict):
    """(log probability, [state per character]) as `jieba.posseg.viterbi.viterbi` returns them."""
    incoming, highest, memo, starts = _tables(states, start_p, trans_p, emit_p)
    all_states = trans_p.keys()
    first = obs[0]
    previous = starts.get(first)  # only read, never changed
    if previous is None:
        previous = starts[first] = {y: start_p[y] + emit_p[y].get(first, MIN_FLOAT)
                                    for y in states.get(first, all_states)}
    mem_path = [dict.fromkeys(previous, "")]
    for t in range(1, len(obs)):
        o = obs[t]
        rows = memo.get(o)
        if rows is None:
            rows = memo[o] = _rows(o, states, all_states, emit_p, incoming, highest)
        current, path = {}, {}
        # the states before, likeliest first: a way in from one of them can beat the best found
        # so far only while its probability plus the best transition into y still does
        ranked = sorted(previous.items(), key=itemgetter(1), reverse=True)
        # the states this character can take, with their best way in: the highest sum, at a tie
        # the greatest state before (as jieba's max over (sum, state) pairs settles it)
        for y, emit, few, into, bound in rows:
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
                current[y], path[y] = _best_of_all(previous, trans_p, y, emit)
            else:
                current[y], path[y] = best, best_y0
        if not current:
            # the character cannot follow: jieba's search over every state the ones before lead to
            prev_states = [x for x in previous if trans_p[x]]
            expect_next = {y for x in prev_states for y in trans_p[x]}
            for y in expect_next if expect_next else all_states:
                emit = emit_p[y].get(o, MIN_FLOAT)
                into = incoming.get(y, {})
                best = None
                for y0 in prev_states:
                    p = into.get(y0)
                    if p is not None:
                        candidate = (previous[y0] + p + emit, y0)
                        if best is None or candidate > best:
                            best = candidate
                if best is None or best[0] == MIN_INF:
                    best = _best_of_all(previous, trans_p, y, emit)
                current[y], path[y] = best
        previous = current
        mem_path.append(path)
    prob, state = max((previous[y], y) for y in mem_path[-1])
    route = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = mem_path[i][state]
    return prob, route
