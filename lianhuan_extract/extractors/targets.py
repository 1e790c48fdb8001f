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

import functools

import regex

from ..entity import Context, Entity
from ..segment import pos_cut
from . import targets_metric as metric_rules
from .targets_context import Cue, Layout, deadlines, words, years

# what may follow a non-count number inside a target (`增长10%的目标`)
_GOAL_AFTER = regex.compile(r"的(?:目标|任务|计划|预期)")
_HAN = regex.compile(r"\p{Han}")


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


def extract(ctx: Context) -> list[Entity]:
    quantities = [e for e in ctx.entities if e.type in ("quantity", "range")]
    if not quantities:
        return []
    text = ctx.text
    layout = Layout(text, [(q.start, q.end) for q in quantities])
    ref_year = ctx.ref_date.year if ctx.ref_date else None
    dates = [e for e in ctx.entities if e.type == "date"]
    orgs = [e for e in ctx.entities if e.type == "org"]
    user_words = [e.fields.get("name") for e in orgs if e.fields.get("name")]
    main_org = ctx.notes.get("main_org")
    out: list[Entity] = []
    for q in sorted(quantities, key=lambda e: e.start):
        target = _target(ctx, layout, q, quantities, dates, orgs, user_words, main_org, ref_year)
        if target is not None:
            out.append(target)
    return out


def _target(ctx, layout, q, quantities, dates, orgs, user_words, main_org, ref_year) -> Entity | None:
    text = ctx.text
    counters, from_words, to_words, per_unit = _quantity_words()
    clause_start, clause_end = layout.clause(q.start)
    sentence_start, _ = layout.sentence(q.start)
    unit = q.fields.get("unit", "")
    is_counter = unit in counters
    following = text[q.end:clause_end]

    # -- refusals ---------------------------------------------------------------------------
    if _refused(text, layout, q, quantities, clause_start, clause_end, is_counter, following,
                from_words, to_words, per_unit):
        return None

    # -- cue words ---------------------------------------------------------------------------
    cues = _cues(text, layout, q, dates, sentence_start, clause_end, ctx.ref_date)
    section = layout.section(q.start)
    if section == "result":
        cues = [c for c in cues if c.kind != "weak_plan"]
    verdict, cue = _verdict(cues)
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
        barriers = _barriers(text, layout, q, dates, orgs, main_org, clause_start)
        region_end = _metric_region_end(text, q, quantities, clause_start, from_words)
        metric = metric_rules.before(text, clause_start, region_end, barriers, user_words)
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
    subject = _subject(orgs, sentence_start, q.start) or main_org
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
    cue_words = words()["cues"]
    if any(w in before_text for w in cue_words["set_aside"] + cue_words["composition"]):
        return True
    dimension = q.fields.get("dimension")
    if dimension in ("currency", "percent") and any(w in before_text for w in cue_words["subsidy"]):
        if q.fields.get("comparator") in ("<=", "<") or following.startswith(("为上限", "上限")):
            return True
    if dimension == "duration" and not is_counter and following[:1] and _HAN.match(following[:1]):
        return True
    # the next clause compares this number with the past: 营业收入186.4亿元,同比增长9.7%
    if clause_end < len(text) and text[clause_end] in ",;、" and _result_openers().match(text, clause_end + 1):
        return True
    return False


def _cues(text, layout, q, dates, sentence_start, clause_end, ref_date) -> list[Cue]:
    """Plan and result cues before the number in its sentence, in text order."""
    cues = [c for c in layout.cues_between(sentence_start, q.start)]
    ref_year = ref_date.year if ref_date else None
    cues += deadlines(text, sentence_start, q.start, ref_year)
    cues += [c for c in layout.cues_between(q.end, clause_end) if text.startswith("目标", c.start)
             and text[q.end:c.start] in ("的", "")]
    for d in dates:
        if sentence_start <= d.start and d.end <= q.start and _is_past(d, ref_date):
            cues.append(Cue(d.start, d.end, "result", "past"))
    if ref_year is not None and not dates:
        for s, e, year in years(text, sentence_start, q.start):
            if year < ref_year:
                cues.append(Cue(s, e, "result", "past"))
    return sorted(cues, key=lambda c: c.start)


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


def _verdict(cues: list[Cue]) -> tuple[str | None, Cue | None]:
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
        return verdict, _modal_cue(cues, last)
    return verdict, last


def _modal_cue(cues: list[Cue], last: Cue) -> Cue:
    """The firmest plan word of the run that decided (力争 in `力争实现`, not a later 将)."""
    return last


def _barriers(text, layout, q, dates, orgs, main_org, clause_start):
    spans = [(c.start, c.end) for c in layout.cues_between(clause_start, q.start)]
    spans += [(c.start, c.end) for c in deadlines(text, clause_start, q.start, None)]
    spans += [(d.start, d.end) for d in dates if clause_start <= d.start and d.end <= q.start]
    spans += [(o.start, o.end) for o in orgs if clause_start <= o.start and o.end <= q.start]
    for name in filter(None, {main_org}):
        for m in regex.finditer(regex.escape(name), text[clause_start:q.start]):
            spans.append((clause_start + m.start(), clause_start + m.end()))
    return spans


def _metric_region_end(text, q, quantities, clause_start, from_words) -> int:
    """Where the metric before the number may end: before `由120万标箱` in `年通过能力将由120万标箱提升至`."""
    end = q.start
    for other in quantities:
        if clause_start <= other.start and other.end <= q.start:
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
    if any(start <= o.start < end for o in quantities):
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
    for c in reversed(cues):
        if c.word == "到":
            m = regex.search(r"(?:19|20)\d{2}", text[c.start:c.end])
            if m:
                return int(m.group())
    for d in reversed([d for d in dates if sentence_start <= d.start and d.end <= q.start]):
        m = regex.match(r"(\d{4})", str(d.fields.get("value", "")).split("/")[-1])
        if m and (ref_year is None or int(m.group(1)) >= ref_year):
            return int(m.group(1))
    if ref_year is not None and regex.search(r"今年|全年|年内|本年", text[sentence_start:q.start]):
        return ref_year
    return None


def _subject(orgs, sentence_start, number_start) -> str | None:
    names = [o for o in orgs if sentence_start <= o.start and o.end <= number_start]
    return names[-1].fields.get("name") if names else None


def _modality(cue: Cue | None) -> str | None:
    if cue is None or cue.kind not in ("plan", "weak_plan"):
        return None
    modalities = words()["cues"]["modalities"]
    word = cue.word
    for m in sorted(modalities, key=len, reverse=True):
        if m in word:
            return m
    return None
