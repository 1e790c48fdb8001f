"""Targets: a quantity or range stated as a goal, plan, forecast or commitment.

Built on the quantities and ranges found before (`ctx.entities`), one decision per number:

1. rules that refuse a number outright: it describes a noun (`200兆瓦风电项目`), it is where a
   change starts (`由1800张增加至3000张`), a rate per person or case (`每人每年10万元`), money set
   aside or budgeted (`预留`, `编列`), a subsidy cap, or the next clause calls it a result (`,同比增长`);
2. the cue words before it in its sentence: the last one decides. A plan word (确保, 力争, 预计,
   计划, 将, 到2025年, 建成后 ...) makes a target, a result word (同比, 已, 截至, 去年, a year already
   past) a fact; with no cue the heading of the section decides (`二、2024年主要目标任务`);
3. the metric (targets_metric): a target needs one.

The target's fields mirror its quantity: comparator (a range is `between`), value or min/max, unit;
then metric, year, subject (the clause's organization, else the document's main actor from the
orgs extractor) and modality (the plan word).
"""
from __future__ import annotations

import bisect
import functools

import regex

from ..entity import Context, Entity
from ..segment import pos_cut
from . import targets_metric as metric_rules
from .targets_context import Cue, Layout, deadlines, words, years

# How far back from a number its metric and its cue words are looked for. A metric is a short
# phrase and a list of goals a few hundred characters at most; the bounds also keep the extractor
# linear on hostile input (a 20,000-character clause without punctuation).
METRIC_WINDOW = 60
CUE_WINDOW = 400
FOLLOW_WINDOW = 30
PLAN_YEAR_WINDOW = 1000

# modal auxiliaries: they give way to a firmer plan word in the same run (`预计将`, `将力争`)
AUXILIARIES = ("将", "要")

# what may follow a non-count number inside a target (`增长10%的目标`)
_GOAL_AFTER = regex.compile(r"的(?:目标|任务|计划|预期)")
_HAN = regex.compile(r"\p{Han}")
_CONJUNCTION = regex.compile(r"\s*(?:和|与|與|及|、|或)\s*")
_COMPARISON_OPENER = regex.compile(r"(?:分别)?(?:高于|低于|高於|低於|快于|快於|慢于|慢於|好于|好於|超出|高出|低出)")


@functools.lru_cache(maxsize=1)
def _quantity_words():
    q = words()["quantity"]
    return (frozenset(q["counters"]), tuple(q["from_words"]), tuple(sorted(q["to_words"], key=len, reverse=True)),
            regex.compile(q["per_unit"]))


@functools.lru_cache(maxsize=1)
def _result_openers() -> regex.Pattern:
    """A clause that opens with a comparison to the past reports the number before it."""
    # 比上年增加 is not here: a plan compares with last year too (`拟安排3.9万亿元,比上年增加1000亿元`)
    openers = ["同比", "按年", "较去年同期", "比去年同期", "去年同期", "上年同期", "分别增长"]
    return regex.compile("|".join(regex.escape(w) for w in openers))


class Neighbours:
    """Entities of some types sorted by start, to find those inside a stretch of text quickly."""

    def __init__(self, entities):
        self.entities = sorted(entities, key=lambda e: e.start)
        self.starts = [e.start for e in self.entities]

    def inside(self, start: int, end: int) -> list[Entity]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.entities) and self.entities[i].start < end:
            if self.entities[i].end <= end:
                out.append(self.entities[i])
            i += 1
        return out


def extract(ctx: Context) -> list[Entity]:
    quantities = Neighbours(e for e in ctx.entities if e.type in ("quantity", "range"))
    if not quantities.entities:
        return []
    text = ctx.text
    layout = Layout(text, [(q.start, q.end) for q in quantities.entities])
    ref_year = ctx.ref_date.year if ctx.ref_date else None
    dates = Neighbours(e for e in ctx.entities if e.type == "date")
    orgs = Neighbours(e for e in ctx.entities if e.type == "org")
    user_words = sorted({e.fields.get("name") for e in orgs.entities if e.fields.get("name")})
    main_org = ctx.notes.get("main_org")
    out: list[Entity] = []
    for q in quantities.entities:
        target = _target(ctx, layout, q, quantities, dates, orgs, user_words, main_org, ref_year)
        if target is not None:
            out.append(target)
    return out


def _target(ctx, layout, q, quantities, dates, orgs, user_words, main_org, ref_year) -> Entity | None:
    text = ctx.text
    counters, from_words, to_words, per_unit = _quantity_words()
    clause_start, clause_end = layout.clause(q.start)
    clause_start = max(clause_start, q.start - METRIC_WINDOW)
    clause_end = min(clause_end, q.end + FOLLOW_WINDOW)
    sentence_start, _ = layout.sentence(q.start)
    sentence_start = max(sentence_start, q.start - CUE_WINDOW)
    unit = q.fields.get("unit", "")
    is_counter = unit in counters
    following = text[q.end:clause_end]

    # -- refusals ---------------------------------------------------------------------------
    if _refused(text, layout, q, quantities, clause_start, clause_end, is_counter, following,
                from_words, to_words, per_unit):
        return None

    # -- cue words ---------------------------------------------------------------------------
    cues = _cues(text, layout, q, dates, sentence_start, clause_end, ctx.ref_date)
    if _reported_by_next_clause(text, layout.clause(q.start)[1], cues):
        return None
    section = layout.section(q.start)
    if section == "result":
        cues = [c for c in cues if c.kind != "weak_plan"]
    verdict, cue = _verdict(cues, clause_start)
    if verdict == "result" or (verdict is None and section != "plan"):
        return None
    if verdict is None:
        cue = None

    # -- metric ------------------------------------------------------------------------------
    metric = None
    if is_counter and _HAN.match(following):
        metric = metric_rules.after(text, q.end, clause_end, user_words)
        span = (q.start, metric.end) if metric else None
    elif following and _HAN.match(following) and _describes_next_word(following, user_words):
        return None  # the number describes what follows it: 200兆瓦风电项目, 亿元以上项目
    if metric is None:
        bases = _base_phrases(text, dates, clause_start, q.start, ctx.ref_date)
        barriers = _barriers(text, layout, q, dates, orgs, main_org, clause_start, bases)
        region_end = _metric_region_end(text, q, quantities, clause_start, from_words)
        metric = metric_rules.before(text, clause_start, region_end, barriers, user_words, bases)
        if metric is None:
            metric = _metric_from_previous_clause(text, layout, q, quantities, cues, user_words)
            if metric is None:
                return None
        span = (min(metric.start, q.start), q.end)
        if metric_rules.is_attribute(metric.text) and not any(
                c.kind in ("plan", "weak_plan", "prospective") and c.start >= clause_start for c in cues):
            return None

    fields = {"metric": metric.text}
    fields.update(_value_fields(q))
    year = _year(text, layout, q, dates, cues, sentence_start, ref_year)
    if year is not None:
        fields["year"] = year
    subject = _subject(text, orgs, ctx.notes, sentence_start, q.start)
    if subject:
        fields["subject"] = subject
    modality = _modality(cue)
    if modality:
        fields["modality"] = modality
    rule = "target." + (cue.kind if cue else "heading")
    return Entity("target", span[0], span[1], fields, rule=rule)


def _describes_next_word(following: str, user_words) -> bool:
    """True when a noun follows the number (`200兆瓦风电项目`); a verb (`3%安排`) or 的目标 does not."""
    if _GOAL_AFTER.match(following):
        return False
    tokens = pos_cut(following[:8], user_words)
    return bool(tokens) and tokens[0][1].startswith(metric_rules.NOUN_TAGS) and tokens[0][1] != "vn"


def _refused(text, layout, q, quantities, clause_start, clause_end, is_counter, following,
             from_words, to_words, per_unit) -> bool:
    before_text = text[clause_start:q.start]
    # 由现有的1800张增加至3000张: the first number is the starting point
    near = text[max(clause_start, q.start - 6):q.start]
    if any(w in near for w in from_words) and any(following.startswith(w) for w in to_words):
        return True
    if per_unit.search(before_text):
        return True
    # 高于全省0.3个百分点, 高于年初预期0.1个百分点: a comparison, not a goal
    if _COMPARISON_OPENER.match(text, clause_start, q.start):
        return True
    cue_words = words()["cues"]
    if any(w in before_text for w in cue_words["set_aside"] + cue_words["composition"] + cue_words["beneficiary"]):
        return True
    dimension = q.fields.get("dimension")
    if dimension in ("currency", "percent") and any(w in before_text for w in cue_words["subsidy"]):
        if q.fields.get("comparator") in ("<=", "<") or following.startswith(("为上限", "上限")):
            return True
    if dimension == "duration" and not is_counter and following[:1] and _HAN.match(following[:1]):
        return True
    return False


def _reported_by_next_clause(text: str, clause_end: int, cues: list[Cue]) -> bool:
    """The next clause compares this number with the past (`营业收入186.4亿元,同比增长9.7%`), and no
    firm plan word stands before it (`预计净利润1.2亿元至1.5亿元,同比增长20%至50%` is a forecast)."""
    if any(c.kind in ("plan", "prospective") for c in cues):
        return False
    return (clause_end < len(text) and text[clause_end] in ",;、"
            and bool(_result_openers().match(text, clause_end + 1, clause_end + 8)))


def _cues(text, layout, q, dates, sentence_start, clause_end, ref_date) -> list[Cue]:
    """Plan and result cues before the number in its sentence, in text order."""
    cues = [c for c in layout.cues_between(sentence_start, q.start)]
    ref_year = ref_date.year if ref_date else None
    cues += deadlines(text, sentence_start, q.start, ref_year)
    cues += [c for c in layout.cues_between(q.end, clause_end) if text.startswith("目标", c.start)
             and text[q.end:c.start] in ("的", "")]
    for d in dates.inside(sentence_start, q.start):
        if _is_past(d, ref_date) and not _is_base(text, d.start, d.end):
            cues.append(Cue(d.start, d.end, "result", "past"))
    if ref_year is not None and not dates.entities:
        for s, e, year in years(text, sentence_start, q.start):
            if year < ref_year and not _is_base(text, s, e):
                cues.append(Cue(s, e, "result", "past"))
    return sorted(cues, key=lambda c: c.start)


def _is_base(text: str, start: int, end: int) -> bool:
    """A past year named as the base of a comparison (`较2020年下降`, `在2023年基础上`)."""
    cue_words = words()["cues"]
    before = text[max(0, start - 2):start]
    after = text[end:end + 4]
    return (any(before.endswith(w) for w in cue_words["past_base_before"])
            or any(after.startswith(w) for w in cue_words["past_base_after"]))


def _is_past(date: Entity, ref_date) -> bool:
    """A date whose period ended before the reference date: what it speaks of is a result."""
    end = period_end(str(date.fields.get("value", "")))
    return end is not None and ref_date is not None and end < ref_date


def period_end(value: str):
    """The last day of an ISO date, month, quarter, half, year or period (`2024-01/2024-06`)."""
    import calendar
    import datetime as dt

    last = value.split("/")[-1]
    m = regex.fullmatch(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])))?", last)
    if not m:
        return None
    year = int(m.group(1))
    if m.group(3):
        month, day = int(m.group(2)), int(m.group(3))
    else:
        if m.group(2):
            month = int(m.group(2))
        elif m.group(4):
            month = 3 * int(m.group(4))
        elif m.group(5):
            month = 6 * int(m.group(5))
        else:
            month = 12
        if not 1 <= month <= 12:
            return None
        day = calendar.monthrange(year, month)[1]
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _verdict(cues: list[Cue], clause_start: int) -> tuple[str | None, Cue | None]:
    """The last cue decides; a weak result word counts only when no plan word came before it."""
    verdict, last, plan_seen, last_plan = None, None, False, None
    for c in cues:
        if c.kind in ("plan", "weak_plan", "prospective"):
            verdict, last, plan_seen, last_plan = "plan", c, True, c
        elif c.kind == "result":
            verdict, last = "result", c
        elif c.kind == "weak_result" and not plan_seen:
            verdict, last = "result", c
    if verdict == "plan":
        return verdict, _modal_cue(cues, last, clause_start)
    return verdict, last


def _modal_cue(cues: list[Cue], last: Cue, clause_start: int) -> Cue:
    """The plan word that says how firmly the target is stated.

    Within the number's own clause if it has one, else in the sentence: a firm word before a weak
    one (拟 over 争取 in `拟争取`), and the auxiliaries 将 and 要 only when nothing else is there
    (预计 in `预计将超过`, 力争 in `将力争实现`)."""
    run = []
    for c in reversed(cues):
        if c.start > last.start:
            continue
        if c.kind not in ("plan", "weak_plan", "prospective"):
            break
        if _modality(c):
            run.append(c)
    if not run:
        return last
    in_clause = [c for c in run if c.start >= clause_start]
    pool = in_clause or run

    def rank(c: Cue) -> int:
        if _modality(c) in AUXILIARIES:
            return 2
        return 1 if c.kind == "weak_plan" else 0

    return min(pool, key=lambda c: (rank(c), -c.start))


def _base_phrases(text, dates, start, end, ref_date) -> list[tuple[int, int]]:
    """`较2020年`, `在2023年基础上`: the past a goal is measured from, to leave out of its metric."""
    cue_words = words()["cues"]
    spans = []
    for d in dates.inside(start, end):
        if not (_is_past(d, ref_date) and _is_base(text, d.start, d.end)):
            continue
        s, e = d.start, d.end
        for w in sorted(cue_words["past_base_before"] + ["在"], key=len, reverse=True):
            if text.startswith(w, s - len(w)):
                s -= len(w)
                break
        for w in sorted(cue_words["past_base_after"], key=len, reverse=True):
            if w not in ("比",) and text.startswith(w, e):
                e += len(w)
                break
        spans.append((s, e))
    return spans


def _barriers(text, layout, q, dates, orgs, main_org, clause_start, bases=()):
    spans = [(c.start, c.end) for c in layout.cues_between(clause_start, q.start)]
    spans += [(c.start, c.end) for c in deadlines(text, clause_start, q.start, None)
              if not any(b_start <= c.start < b_end for b_start, b_end in bases)]
    spans += [(d.start, d.end) for d in dates.inside(clause_start, q.start)
              if not any(b_start <= d.start and d.end <= b_end for b_start, b_end in bases)]
    spans += [(o.start, o.end) for o in orgs.inside(clause_start, q.start)]
    for name in filter(None, {main_org}):
        for m in regex.finditer(regex.escape(name), text[clause_start:q.start]):
            spans.append((clause_start + m.start(), clause_start + m.end()))
    return spans


def _metric_region_end(text, q, quantities, clause_start, from_words) -> int:
    """Where the metric before the number may end: before `由120万标箱` in `年通过能力将由120万标箱提升至`,
    and before the first number of a pair that shares it (`收入分别增长6%和7.5%`)."""
    end = q.start
    for other in reversed(quantities.inside(clause_start, q.start)):
        if _CONJUNCTION.fullmatch(text, other.end, end):
            end = other.start
        else:
            break
    for other in quantities.inside(clause_start, q.start):
        lead = text[max(clause_start, other.start - 6):other.start]
        for w in from_words:
            i = lead.rfind(w)
            if i >= 0:
                end = min(end, other.start - len(lead) + i)
    return end


def _metric_from_previous_clause(text, layout, q, quantities, cues, user_words):
    """`发行超长期特别国债,今年先发行1万亿元`: the clause before names what the number counts."""
    prev = layout.previous_clause(q.start)
    if prev is None or not any(c.kind in ("plan", "weak_plan") for c in cues):
        return None
    start, end = prev
    start = max(start, end - METRIC_WINDOW)
    if quantities.inside(start, end):
        return None
    return metric_rules.from_previous_clause(text, start, end, user_words)


def _value_fields(q: Entity) -> dict:
    f = q.fields
    out = {}
    if q.type == "range":
        out["comparator"] = "between"
        out["min"], out["max"] = f.get("min"), f.get("max")
    else:
        out["comparator"] = f.get("comparator", "=")
        out["value"] = f.get("value")
    out["unit"] = f.get("unit", "")
    return out


def _year(text, layout, q, dates, cues, sentence_start, ref_year) -> int | None:
    """The year the target is for: written in its sentence, else 今年/全年 or the plan year."""
    written = [(c.start, int(c.word[1:])) for c in cues if c.word.startswith("到") and c.word[1:].isdigit()]
    for d in dates.inside(sentence_start, q.start):
        m = regex.match(r"(\d{4})", str(d.fields.get("value", "")).split("/")[-1])
        if m and (ref_year is None or int(m.group(1)) >= ref_year):
            written.append((d.start, int(m.group(1))))
    if written:
        return max(written)[1]
    if ref_year is not None and regex.search(r"今年|全年|年内|本年", text[sentence_start:q.start]):
        return ref_year
    # the plan year the paragraph speaks of: the last year written before it, not a past one
    for d in reversed(dates.inside(max(0, q.start - PLAN_YEAR_WINDOW), sentence_start)):
        m = regex.match(r"(\d{4})", str(d.fields.get("value", "")))
        if m and ref_year is not None and ref_year <= int(m.group(1)) <= ref_year + 10:
            return int(m.group(1))
    return None


def _subject(text, orgs, notes, sentence_start, number_start) -> str | None:
    """The organization named last before the number in its sentence, as the text names it there;
    else the document's main actor (from the orgs extractor)."""
    names = orgs.inside(sentence_start, number_start)
    if names:
        return text[names[-1].start:names[-1].end]
    main = notes.get("main_org")
    if not main:
        return None
    before = text[sentence_start:number_start]
    mentioned = [(before.rfind(n), n) for n in [main, *notes.get("main_org_aliases", [])] if n and n in before]
    return max(mentioned)[1] if mentioned else main


def _modality(cue: Cue | None) -> str | None:
    if cue is None or cue.kind not in ("plan", "weak_plan"):
        return None
    cue_words = words()["cues"]
    word = cue_words["modality_forms"].get(cue.word, cue.word)
    for m in sorted(cue_words["modalities"], key=len, reverse=True):
        if m in word:
            return m
    return None
