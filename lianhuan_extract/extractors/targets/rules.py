"""Targets: a quantity or range stated as a goal, plan, forecast or commitment.

Built on the quantities and ranges found before (`ctx.entities`), one decision per number:

1. refusals: the number describes the noun after it (`200兆瓦风电项目`), it is where a change
   starts (`由1800张增加至3000张`), a rate per person or case (`每人每年10万元`), money set aside or
   budgeted (`预留`, `编列`), a subsidy cap, who benefits (`惠及12万户`), a comparison (`高于全省`);
2. cue words before it in its sentence: the last one decides. A plan word (确保, 力争, 预计, 计划,
   将, 到2025年, 建成后 ...) makes a target, a result word (同比, 已, 截至, 去年, a date already past)
   a fact; with no cue the heading of the section decides (`二、2024年主要目标任务`);
3. the metric (targets_metric), before the number or after a count classifier: a target needs one.

The target's fields mirror its quantity: comparator (a range is `between`), value or min/max, unit;
then metric, year, subject (who commits: actors.py, a model of the document's actors) and
modality (the plan word). Word lists: data/targets.toml.
"""
from __future__ import annotations

import bisect
import datetime as dt
from bisect import bisect_left
import functools
import itertools
from collections import Counter
import operator
import re
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from ...entity import Context, Entity
from . import metric as metric_rules
from .actors import Actors
from .context import DEADLINE, Cue, Layout, deadlines, statement, words, years
from .periods import base_phrase, is_base, is_past, period_end

__all__ = ["extract", "period_end"]

# How far from a number its metric and its cue words are looked for. A metric is a short phrase and
# a list of goals a few hundred characters at most; the bounds also keep the extractor linear on
# hostile input (a 20,000-character clause without punctuation).
METRIC_WINDOW = 60
CUE_WINDOW = 400
FOLLOW_WINDOW = 30
PLAN_YEAR_WINDOW = 1000

PLAN_KINDS = ("plan", "weak_plan", "prospective")
# modal auxiliaries: they give way to a firmer plan word in the same run (`预计将`, `将力争`)
AUXILIARIES = ("将", "要")

# (patterns of plain words and classes of Chinese characters are compiled with `re`, which runs
# them in half the time `regex` takes; those with \p classes or other `regex` features stay there)
_DIGIT = re.compile(r"[0-9]")
# what may follow a non-count number inside a target (`增长10%的目标`)
_GOAL_AFTER = re.compile(r"的(?:目标|任务|计划|预期)")
_HAN = regex.compile(r"\p{Han}")
_CONJUNCTION = regex.compile(r"\s*(?:和|与|與|及|、|或)\s*")
_DONE_AFTER = regex.compile(r"\p{Han}{0,6}?已")
# 将在4处园区设置…: 在 after a modal word or at a clause's head says where (not 保持在1200万人)
_WHERE = regex.compile(r"(?:^|将|將|也|会|會|亦|并|並|还|還|再|要|拟|擬|划|劃)在$")
# 在城市更新、…三个方向上精准发力: a count inside 在…上 says where, not how much
_IN = re.compile(r"在")
_LOCATIVE_AFTER = regex.compile(r"\p{Han}{1,4}?[上中]")
# 片区面积约38公顷, 护岸改善工程长约1850米: a size said of a thing, with nothing but 约 or 为
# between, describes it (a goal says 达到, 稳定在, 新增 …); not 增长
_DIMENSION_NAME = regex.compile(r"(?:面积|(?<!增)长度?|宽度|高度)$")
_DESCRIBED = regex.compile(r"\s*(?:约|約|为|為|达|達|近)?\s*")
_COUNTED = regex.compile(r"\p{Han}{2,8}?(?=[,;。:、!?\s]|$|的)")
# a duration is a goal only as a span of time named so (工期30个月, 轮候时间缩短至6个月, 用5年时间);
# 发展的关键一年 is no goal
_SPAN_OF_TIME = re.compile(r"期|时|時|间|間|天数|年限|历时|歷時|需时|需時|用")
# 年产直升机100架的整机产能: what is made before the number, the capacity after it
_CAPACITY_BEFORE = regex.compile(r"(?:年产|年產|月产|月產)(?P<made>\p{Han}{0,8})$")
_CAPACITY_AFTER = regex.compile(r"的(?P<what>\p{Han}{0,6}?(?:产能|產能|生产能力|生產能力|能力))")
_COORDINATED = regex.compile(r"\s*(?:、|和|与|與|及)\s*")
# a fund set up with its size before its name (组建总规模20亿元的港城产业基金): the size is the target
_FUND_AFTER = regex.compile(r"的(\p{Han}{2,20}?基金)")
_COMPARISON_OPENER = re.compile(r"(?:分别)?(?:高于|低于|高於|低於|快于|快於|慢于|慢於|好于|好於|超出|高出|低出)")
# a clause that opens with a comparison to the past reports the number before it; 比上年增加 is not
# here: a plan compares with last year too (`拟安排3.9万亿元,比上年增加1000亿元`)
_RESULT_OPENER = re.compile(r"同比|按年|较去年同期|比去年同期|去年同期|上年同期|分别增长")
_RESULT_FIRST = frozenset("同按较比去上分")  # the characters its words start with
# a clause that opens with 较/比 and puts a change verb after the number: the number is the base
_BASE_OPENER = re.compile(r"(?:较|較|比|相比|相较|相較|与|與)")
# the characters a match of each opener starts with (test_targets_fast_paths)
_COMPARISON_FIRST = frozenset("分高低快慢好超")
_BASE_FIRST = frozenset("较較比相与與")
_CHANGE_AFTER = regex.compile(r"(?:相比|而言)?\s*(?:增加|减少|減少|下降|增长|增長|提高|降低|上升|减|減|增|多|少)")
# a range said of this year or the next with no result word is a forecast (今年资本支出介于280亿至320亿美元)
_FORECAST_YEAR = re.compile(r"今年|明年|本年度|年内|年內")  # `re` scans plain words faster
# 月产能可达30万套液冷模组: a level reached names its measure before the number, not the goods after
_LEVEL_BEFORE = regex.compile(r"\p{Han}{2}(?:可达|可達|达到|達到|达|達|突破|超过|超過|提高至|提升至|增至|增加至)\s*(?:约|約)?$")
_LEVEL_VERB_ENDS = frozenset("达達到破过過至")  # the last characters of its verbs: one must be there
_NO_QUOTES = str.maketrans("", "", "「」『』“”\"《》")  # 「城镇之心」计划补助 → 城镇之心计划补助
_QUOTE_MARKS = frozenset("「」『』“”\"《》")  # the marks _NO_QUOTES takes out
_NEXT_YEAR = re.compile(r"明年|下一年度|下年度")
_THIS_YEAR = re.compile(r"今年|全年|年内|本年|年底|年末")  # 年底前 with no year: this year's end
_YEAR_DIGITS = re.compile(r"(\d{4})")  # (`re` and `regex` read \d alike: any decimal digit)
_FISCAL = re.compile(r"财政年度|財政年度|财年|財年")
_FIVE_YEAR_PLAN = re.compile(r"十[一二三四五六七八九]?五")
_QUOTE_OPENERS = ("“", "「", "\"", "《", "『")


_START = operator.attrgetter("start")


class Neighbours:
    """Entities sorted by start, to find those inside a stretch of text quickly."""

    def __init__(self, entities):
        self.entities = sorted(entities, key=_START)
        self.starts = [e.start for e in self.entities]

    def inside(self, start: int, end: int) -> list[Entity]:
        starts = self.starts
        i = bisect_left(starts, start)
        j = bisect_left(starts, end, i)
        if i == j:
            return []  # most stretches asked about hold none
        return [e for e in self.entities[i:j] if e.end <= end]

    def inside_backwards(self, start: int, end: int):
        """`inside(start, end)` from the last one back, for a search that stops at the first fit."""
        i = bisect.bisect_left(self.starts, end) - 1
        while i >= 0 and self.starts[i] >= start:
            if self.entities[i].end <= end:
                yield self.entities[i]
            i -= 1


class Hints:
    """Spans of a document where something may be found, to skip the search where it cannot be.

    The rules scan a sentence or a clause with patterns bounded to it; a pattern with no lookaround
    finds there only what lies inside or across a match of the same pattern on the whole text. So
    where no match of a whole-text scan overlaps a stretch, a bounded scan of it finds nothing.
    """

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        # the furthest end of the spans up to each one: some span that starts before a stretch's
        # end overlaps it when the furthest of their ends is past the stretch's start
        self.reach = list(itertools.accumulate((e for _, e in self.spans), max))

    def any_across(self, start: int, end: int) -> bool:
        """Whether a span overlaps text[start:end]."""
        j = bisect_left(self.starts, end)
        return j > 0 and self.reach[j - 1] > start


def _plan_hints(text: str, layout: Layout, deadline_spans: list[tuple[int, int]]) -> Hints:
    """Where a plan cue may be: the plan words of the layout, deadlines and forecast years. A
    number with none in its sentence, outside a plan section, is refused before any rule runs,
    which is most of them."""
    spans = [(c.start, c.end) for c in layout.cues if c.kind in PLAN_KINDS]
    spans += deadline_spans
    spans += forecast_years(text)
    return Hints(spans)


def forecast_years(text: str) -> list[tuple[int, int]]:
    """`[m.span() for m in _FORECAST_YEAR.finditer(text)]`, from the 年 that each of its words
    holds (a str.find walk; the pattern's class of first characters is tried at every position):
    at each 年 the word that starts before it (今年, 明年, 本年度) comes first, then 年内, 年內;
    the next is looked for after the end of the last (test_targets_fast_paths)."""
    out: list[tuple[int, int]] = []
    last = 0
    i = text.find("年")
    while i >= 0:
        span = None
        if i > last:
            before = text[i - 1]
            if before in "今明":
                span = (i - 1, i + 1)
            elif before == "本" and text.startswith("度", i + 1):
                span = (i - 1, i + 2)
        if span is None and text.startswith(("内", "內"), i + 1):
            span = (i, i + 2)  # (i >= last: the last match ended at or before this 年)
        if span is None:
            i = text.find("年", i + 1)
        else:
            out.append(span)
            last = span[1]
            i = text.find("年", last)
    return out


class DateTime(NamedTuple):
    past: bool  # its period ended before the reference date
    base: bool  # past and named as the base of a comparison (较2020年)
    cue: Cue | None  # the result cue it is in a sentence (past and not a base), else None


class DateYears(NamedTuple):
    first: int | None  # the year its value starts with
    last: int | None  # the year of its value's last period (2024-01/2025-06: 2025)
    # the year a target in its sentence is for: a fiscal year (2025-26财政年度) is named by the year
    # it starts in, a span of years by its last
    named: int | None


@dataclass
class Scene:
    """What every decision in one document looks at."""

    text: str
    layout: Layout
    quantities: Neighbours
    dates: Neighbours
    orgs: Neighbours
    user_words: list[str]
    notes: dict
    ref_date: dt.date | None
    plan_hints: Hints
    deadline_hints: Hints
    actors: object = None  # a callable that builds the document's Actors, the first time a target asks
    previous: tuple[int, str, str] | None = None  # (sentence start, metric, unit) of the last target found
    previous_end: int = -1  # where the number of the last target found ends
    targets_in: Counter = field(default_factory=Counter)  # sentence start -> targets found in it
    continued: set = field(default_factory=set)  # sentences that go on a list of targets before them
    tagged: dict = field(default_factory=dict, repr=False)  # (phrase, count) -> its first words (first_words)
    _times: dict = field(default_factory=dict, repr=False)  # id(date) -> DateTime
    _years: dict = field(default_factory=dict, repr=False)  # id(date) -> DateYears
    ref_year: int | None = field(init=False)

    def __post_init__(self):
        self.ref_year = self.ref_date.year if self.ref_date else None

    def time_of(self, date: Entity) -> DateTime:
        """Whether the date is past, and the base of a comparison: worked out once per date."""
        time = self._times.get(id(date))
        if time is None:
            past = is_past(date, self.ref_date)
            base = past and is_base(self.text, date.start, date.end)
            cue = Cue(date.start, date.end, "result", "past") if past and not base else None
            time = self._times[id(date)] = DateTime(past, base, cue)
        return time

    def years_of(self, date: Entity) -> DateYears:
        """The first and last year of the date's value: worked out once per date."""
        years = self._years.get(id(date))
        if years is None:
            value = str(date.fields.get("value", ""))
            first, last = _YEAR_DIGITS.match(value), _YEAR_DIGITS.match(value.split("/")[-1])
            first_year = int(first.group(1)) if first else None
            last_year = int(last.group(1)) if last else None
            fiscal = _FISCAL.search(self.text, date.start, date.end + 2)
            years = self._years[id(date)] = DateYears(first_year, last_year, first_year if fiscal else last_year)
        return years

    def deadlines(self, start: int, end: int, ref_year: int | None) -> list[Cue]:
        """`deadlines` in text[start:end], skipping the scan where the document has none."""
        if not self.deadline_hints.any_across(start, end):
            return []
        return deadlines(self.text, start, end, ref_year)


@dataclass
class Spot:
    """One number and the stretches of text around it that the rules read."""

    q: Entity
    clause_start: int  # bounded by METRIC_WINDOW
    clause_end: int  # bounded by FOLLOW_WINDOW
    sentence_start: int  # bounded by CUE_WINDOW
    following: str  # the rest of its clause
    section: str = "none"  # the layout's section at the number: plan, result or none
    whole_clause_end: int = -1  # where its clause ends (not bounded)
    _earlier: list | None = field(default=None, repr=False)  # quantities.inside(clause_start, number start)
    _share: object = field(default=False, repr=False)  # _share(scene, self), once worked out
    sentence_dates: list | None = field(default=None, repr=False)  # dates.inside(sentence_start, number start)

    def earlier(self, scene: "Scene") -> list[Entity]:
        """The quantities of the clause before the number (scene.quantities.inside), once."""
        if self._earlier is None:
            self._earlier = scene.quantities.inside(self.clause_start, self.q.start)
        return self._earlier

    @classmethod
    def of(cls, scene: Scene, q: Entity, sentence_start: int | None = None,
           section: str | None = None) -> "Spot | None":
        """The spot of a number that may be a target; None when no plan word is near it.
        `sentence_start` (unbounded) and `section`: the layout's answers, when the caller has them."""
        layout = scene.layout
        clause_start, whole_clause_end = layout.clause(q.start)
        clause_end = whole_clause_end
        if clause_end > q.end + FOLLOW_WINDOW:
            clause_end = q.end + FOLLOW_WINDOW
        if sentence_start is None:
            sentence_start = layout.sentence(q.start)[0]
        if sentence_start < q.start - CUE_WINDOW:
            sentence_start = q.start - CUE_WINDOW
        if section is None:
            section = layout.section(q.start)
        if (section != "plan" and sentence_start not in scene.continued
                and not scene.plan_hints.any_across(sentence_start, clause_end)):
            return None  # no plan word in its sentence, nor the heading of a plan: a reported number
        if clause_start < q.start - METRIC_WINDOW:
            clause_start = q.start - METRIC_WINDOW
        return cls(q, clause_start, clause_end, sentence_start, scene.text[q.end:clause_end], section,
                   whole_clause_end)


@functools.lru_cache(maxsize=1)
def _capacity_prefixes() -> tuple[str, ...]:
    return tuple(words()["quantity"]["capacity_before"])


@functools.lru_cache(maxsize=1)
def _share_comparators() -> tuple[regex.Pattern, dict]:
    table = words()["metric"]["share_comparators"]
    alternation = "|".join(regex.escape(w) for w in sorted(table, key=len, reverse=True))
    return regex.compile(rf"(?:{alternation})\p{{Han}}{{1,12}}?的$"), table


@functools.lru_cache(maxsize=1)
def _allocation_verbs() -> re.Pattern:
    verbs = sorted(words()["metric"]["allocation_verbs"], key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in verbs))


@functools.lru_cache(maxsize=1)
def _allocation_firsts() -> frozenset[str]:
    """The characters the allocation verbs start with: a clause with none of them has no verb."""
    return frozenset(w[0] for w in words()["metric"]["allocation_verbs"])


@functools.lru_cache(maxsize=1)
def _refusal_words() -> regex.Pattern:
    """Words before a number in its clause that make it no goal, in one pattern: a rate per person
    or case (`每人`), money set aside, how a thing is divided, who benefits."""
    cue_words = words()["cues"]
    found = cue_words["set_aside"] + cue_words["composition"] + cue_words["beneficiary"]
    per_unit = words()["quantity"]["per_unit"]
    return regex.compile(f"(?:{per_unit})|" + "|".join(regex.escape(w) for w in found))


@functools.lru_cache(maxsize=1)
def _from_words() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in words()["quantity"]["from_words"]))


@functools.lru_cache(maxsize=1)
def _quantity_words():
    q = words()["quantity"]
    return frozenset(q["counters"]), tuple(q["from_words"]), regex.compile(q["to_pattern"])


def extract(ctx: Context) -> list[Entity]:
    numbers, dates, names = [], [], []
    # one list for quantities and ranges: the order of those that start together stays the found one
    people = []
    by_type = {"quantity": numbers, "range": numbers, "date": dates, "org": names, "person": people}
    for e in ctx.entities:
        if e.type in by_type:
            by_type[e.type].append(e)
    quantities = Neighbours(numbers)
    if not quantities.entities:
        return []
    orgs = Neighbours(names)
    layout = Layout(ctx.text, [(q.start, q.end) for q in quantities.entities])
    if ctx.lexicon is not None:
        ctx.lexicon.add_cues(layout)  # the user's plan and result words (--lexicon)
    # deadlines only on the lines of the numbers, as the layout's cue words: every stretch the
    # hints are asked about lies in one of them, and no deadline runs over a line break
    deadline_spans = [m.span() for a, b in layout.number_lines for m in DEADLINE.finditer(ctx.text, a, b)]
    scene = Scene(
        text=ctx.text,
        layout=layout,
        quantities=quantities,
        dates=Neighbours(dates),
        orgs=orgs,
        user_words=sorted({e.fields.get("name") for e in orgs.entities if e.fields.get("name")}),
        notes=ctx.notes,
        ref_date=ctx.ref_date,
        plan_hints=_plan_hints(ctx.text, layout, deadline_spans),
        deadline_hints=Hints(deadline_spans),
        actors=functools.partial(Actors, ctx.text, layout, names, people, ctx.notes),
    )
    out = []
    reported_to = -1  # the end of the last sentence found with no plan word, outside a plan
    sentence_start = sentence_end = -1  # the sentence of the last number looked at
    for q in quantities.entities:
        if q.start <= reported_to:
            continue  # a number of that sentence: Spot.of would look at less of it and refuse it
        if not sentence_start <= q.start < sentence_end:
            # a new sentence; in the same one the answers below stand: a sentence lies on one
            # line, under one heading, and a list of targets starts and ends between sentences
            sentence_start, sentence_end = layout.sentence(q.start)
            section = layout.section(q.start)
            if (section != "plan" and not scene.plan_hints.any_across(sentence_start, sentence_end)
                    and not _continues_targets(scene, sentence_start, sentence_end)):
                reported_to = sentence_end
                continue
        spot = Spot.of(scene, q, sentence_start, section)
        target = _target(scene, spot) if spot else None
        if target is not None:
            out.append(target)
            scene.previous = (spot.sentence_start, target.fields["metric"], target.fields.get("unit"))
            scene.previous_end = q.end
            scene.targets_in[spot.sentence_start] += 1
    return out


LIST_AFTER = 2  # targets a sentence must hold for the next one, with no plan word, to go on its list


def _continues_targets(scene: Scene, start: int, end: int) -> bool:
    """`…制造业增加值占比提高到42%;新增专精特新企业10家以上。每年新培育规上工业企业50家左右,…`: a
    sentence with no plan word right after one that listed targets, in the same paragraph, goes on
    the list (ANNOTATION.md: until the text turns to another subject or to results; a verb of
    saying or a result word turns it)."""
    if start in scene.continued:
        return True
    text = scene.text
    if start < 2 or text[start - 1] not in "。!?":
        return False
    previous = scene.layout.sentence(start - 1)[0]
    if scene.targets_in[previous] < LIST_AFTER or statement().search(text, start, end):
        return False
    if any(c.kind in ("result", "comparison") for c in scene.layout.cues_between(start, end)):
        return False
    if not _goal_shapes().search(text, start, end):
        return False  # 该市常住人口120万人: a fact told after the list
    scene.continued.add(start)
    return True


@functools.lru_cache(maxsize=1)
def _goal_shapes() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in words()["cues"]["goal_shapes"]))


def _target(scene: Scene, spot: Spot) -> Entity | None:
    q = spot.q
    section = "plan" if spot.sentence_start in scene.continued else spot.section
    # the cue words decide most numbers left, and cost less than the refusals below
    cues = _cues(scene, spot)
    if _reported_by_next_clause(scene, spot, cues):
        return None
    if section == "result":
        cues = [c for c in cues if c.kind != "weak_plan"]
    cues = _in_reach(scene, spot, cues, section)
    if q.fields.get("dimension") != "percent":
        # an amount compared with last year in its own clause is the difference (比上年增加1000亿元);
        # a comparison in an earlier clause or item speaks of that clause's number
        clause_start = spot.clause_start
        cues = [c._replace(kind="result") if c.kind == "comparison" and c.start >= clause_start else c
                for c in cues]
    verdict, cue = _verdict(cues, spot.clause_start, section == "plan")
    if verdict == "result" or (verdict is None and section != "plan"):
        return None
    is_counter = q.fields.get("unit", "") in _quantity_words()[0]
    if _refused(scene, spot, is_counter):
        return None

    metric, span = _fund_size(scene, spot) or _capacity_formed(scene, spot), None
    if metric is not None:
        span = (min(metric.start, q.start), max(metric.end, q.end))
    elif (is_counter and not _LEVEL_VERB_ENDS.isdisjoint(scene.text[spot.clause_start:q.start])
          and _LEVEL_BEFORE.search(scene.text, spot.clause_start, q.start)):
        pass  # 月产能可达30万套液冷模组: the level's measure stands before the number
    elif is_counter and _HAN.match(spot.following):
        metric = _cut_at_cue(scene, metric_rules.after(scene.text, q.end, spot.clause_end, scene.user_words))
        if metric is None and not _metric_before(scene, spot, cues, own_clause_only=True):
            # 争取1至2家日系客户完成认证: what is counted, as written, when the tagger reads no noun
            counted = _COUNTED.match(spot.following)
            if counted and not _describes_next_word(spot.following, scene.user_words, scene.tagged):
                metric = metric_rules.Metric(counted.group(), q.end, q.end + counted.end())
        span = (q.start, metric.end) if metric else None
    elif _HAN.match(spot.following) and _describes_next_word(spot.following, scene.user_words, scene.tagged):
        metric = _measured_after(scene, spot)
        if metric is None:
            return None  # the number describes what follows it: 200兆瓦风电项目, 亿元以上项目
        span = (q.start, metric.end)
    if metric is None:
        metric = _metric_before(scene, spot, cues)
        if metric is None:
            return None
        span = (min(metric.start, q.start), q.end)
        # 新增不少于30间认可服务单位: a verb before the count, what it counts after it (the cheap
        # match first: most counts are followed by no such word, and then the tagger need not run)
        counted = _COUNTED.match(spot.following) if is_counter else None
        if counted and _bare_verb(metric.text, scene.user_words, scene.tagged):
            metric = metric_rules.Metric(metric.text + counted.group(), metric.start, q.end + counted.end())
            span = (span[0], metric.end)
        described = metric_rules.is_attribute(metric.text) or (
            section != "plan" and q.fields.get("comparator", "=") in ("=", "~")
            and _DIMENSION_NAME.search(metric.text) and _DESCRIBED.fullmatch(scene.text, metric.end, q.start))
        if described and not metric.text.startswith(_attribute_verbs()) and not any(
                c.kind in PLAN_KINDS and c.start >= spot.clause_start for c in cues):
            return None  # a project's area or total investment, described after a plan word for something else

    name = _whole_metric(scene, spot, metric.text)
    if len(name) <= GENERIC_METRIC:  # (the test _with_topic starts with, without the call)
        name = _with_topic(scene, spot, name)
    if not _QUOTE_MARKS.isdisjoint(name):
        name = name.translate(_NO_QUOTES)
    fields = {"metric": name, **_value_fields(q)}
    share = _share(scene, spot)
    if share and fields["comparator"] == "=":
        fields["comparator"] = share[1]  # 研发投入不低于营业收入的5%
    year = _year(scene, spot, cues)
    if year is not None:
        fields["year"] = year
    if not isinstance(scene.actors, Actors):
        scene.actors = scene.actors()  # built once, when the document's first target asks
    subject = scene.actors.subject(spot.q.start)
    if subject:
        fields["subject"] = subject
    modality = _modality_word(scene, spot, cues, cue)
    if modality:
        fields["modality"] = modality
    rule = "target." + (cue.kind if cue else "heading")
    return Entity("target", span[0], span[1], fields, rule=rule)


def _cut_at_cue(scene: Scene, metric):
    """What a count counts ends before a plan word (`首批约3,900个单位预计明年落成` → 单位)."""
    if metric is None:
        return None
    cue = next((c for c in scene.layout.cues_between(metric.start, metric.end) if c.kind in PLAN_KINDS), None)
    if cue is None:
        return metric
    if cue.start <= metric.start:
        return None
    return metric_rules.Metric(scene.text[metric.start:cue.start], metric.start, cue.start)


@functools.lru_cache(maxsize=1)
def _attribute_verbs() -> tuple[str, ...]:
    return tuple(words()["metric"]["attribute_verbs"])


MEASURED = ("area", "mass", "volume", "length")
FUND_NAME = 6  # the head of a fund's name kept in its metric (产业引导基金)


def _measured_after(scene: Scene, spot: Spot) -> metric_rules.Metric | None:
    """`再交出约120公顷土地`, `保护周边约320公顷农地`: an area or a weight followed by the land or the
    goods it measures; what follows names the metric, unless it is a thing built (`200兆瓦风电项目`
    names a project by its size) or comes after 的."""
    if spot.q.fields.get("dimension") not in MEASURED:
        return None
    start = spot.q.end
    if spot.following.startswith("的"):
        if scene.text.endswith(("以上", "以下", "以内", "以內"), spot.q.start, spot.q.end):
            return None  # 50亩以上的种粮大户: a threshold that picks out whom a rule is for
        start += 1  # 不少于5万平方米的商业楼面
    metric = metric_rules.after(scene.text, start, spot.clause_end, scene.user_words)
    if metric is None or metric.text.endswith(metric_rules.head_nouns()):
        return None
    return metric


def _capacity_formed(scene: Scene, spot: Spot) -> metric_rules.Metric | None:
    """`力争形成年产直升机100架的整机产能`: a capacity that is itself the goal (…的产能 after it, not
    a line or a project): the metric is what is made and the capacity (直升机整机产能)."""
    text, q = scene.text, spot.q
    capacity = _CAPACITY_AFTER.match(spot.following)
    if capacity is None:
        return None
    made = _CAPACITY_BEFORE.search(text, spot.clause_start, q.start)
    if made is None:
        return None
    return metric_rules.Metric(made.group("made") + capacity.group("what"), made.start(), q.end + capacity.end())


def _fund_size(scene: Scene, spot: Spot) -> metric_rules.Metric | None:
    """`组建总规模20亿元的港城产业基金`: the size of a fund set up, named after it; the metric is the
    fund's name and 规模 (港城产业基金总规模), the span 总规模20亿元."""
    text, q = scene.text, spot.q
    if q.fields.get("dimension") != "currency" or not text.endswith("规模", spot.clause_start, q.start):
        return None
    fund = _FUND_AFTER.match(text, q.end, spot.clause_end)
    if fund is None:
        return None
    start = q.start - 2
    if text.endswith("总", spot.clause_start, start):
        start -= 1
    name = fund.group(1)[-FUND_NAME:]  # 望城区先进制造业产业投资基金 → 产业投资基金
    return metric_rules.Metric(name + text[start:q.start], start, q.start)


# -- refusals ----------------------------------------------------------------------------------

def _refused(scene: Scene, spot: Spot, is_counter: bool) -> bool:
    _, _, to_pattern = _quantity_words()
    text, q, following = scene.text, spot.q, spot.following
    before = text[spot.clause_start:q.start]
    near_start = max(spot.clause_start, q.start - 6)
    near = text[near_start:q.start]
    if _from_words().search(text, near_start, q.start) and to_pattern.match(following):
        return True  # 由现有的1800张增加至3000张: the first number is the starting point
    if text[spot.clause_start - 1:spot.clause_start] == "、":
        # 按照价格占55%、工期占15%: the words of an item before it in the same list reach it
        before = text[max(text.rfind(";", spot.sentence_start, spot.clause_start), spot.sentence_start):q.start]
    refusal = _refusal_words().search(before)
    if refusal and not _planned_set_aside(scene, spot, refusal):
        return True
    if _in_short_quote(text, q.start, q.end):
        return True  # a slogan or idiom: 打通“最后一公里”, “双百”工程
    if text.startswith("一", q.start) and _in_short_quote(text, q.start, q.end, SLOGAN):
        return True  # “一个项目、一名领导、一套班子”推进机制: the 一 of a slogan counts nothing
    if near.endswith("分") and q.fields.get("dimension") != "currency":
        return True  # 依合约分6期支付: instalments, not a goal
    # (each pattern below is tried only where the character it needs is there: 已, 在, a first
    # character of its words)
    if "已" in following[:7] and _DONE_AFTER.match(following):
        return True  # 首批60名学员已于5月20日入学: what has happened
    if is_counter and "在" in before and (
            _WHERE.search(near) or (_IN.search(before) and _LOCATIVE_AFTER.match(following))):
        return True  # 将在4处园区设置…: where something is done, not how much
    first = text[spot.clause_start] if spot.clause_start < q.start else ""
    if first in _COMPARISON_FIRST and _COMPARISON_OPENER.match(text, spot.clause_start, q.start):
        return True  # 高于全省0.3个百分点
    if first in _BASE_FIRST and _BASE_OPENER.match(text, spot.clause_start, q.start) and _CHANGE_AFTER.match(following):
        return True  # 较原来预算的870亿港元减少: the number is what the change is measured from
    if near.endswith(_capacity_prefixes()) and _HAN.match(following) and not _CAPACITY_AFTER.match(following):
        return True  # 建设年产20万套储能系统生产线: a capacity that names the line, not a goal
    dimension = q.fields.get("dimension")
    if dimension in ("currency", "percent") and _is_subsidy_cap(before, text[q.start:q.end], following, q):
        return True  # a standing rule: 单个项目最高补助5000万元, 给予最高500万元奖励, 补助比例不超过50%
    # 用5年时间; 35岁以下人才 (an age describes who is counted); 连续支持三至五年 in a sentence
    # that only goes on a list
    if ((dimension == "duration" or q.fields.get("unit") == "岁") and not is_counter
            and (_HAN.match(following) or spot.sentence_start in scene.continued
                 or not _SPAN_OF_TIME.search(text, spot.clause_start, q.start))):
        return True
    return False


def _planned_set_aside(scene: Scene, spot: Spot, refusal) -> bool:
    """`瓯海将为回归项目预留工业用地1500亩`: land or money to be set aside by a plan word before it in
    its clause is a goal; 已预留, or 预留 with no plan word, is money already kept."""
    word = refusal.group()
    if word not in words()["cues"]["set_aside"] or word.startswith("已"):
        return False
    start = spot.clause_start + refusal.start()
    planned = words()["cues"]["set_aside_planned"]
    return any(c.word in planned for c in scene.layout.cues_between(spot.clause_start, start))


_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』"}
_QUOTE_OPENER_SET = frozenset(_QUOTE_PAIRS)
SHORT_QUOTE = 12
SLOGAN = 30  # a quoted slogan of a few parallel phrases
# what ends the look back for an opening quote: any quote mark, a full stop, a line break; searched
# backwards (?r), so the match is the nearest one
_LAST_QUOTE_MARK = regex.compile(
    "(?r)[" + regex.escape("".join(_QUOTE_PAIRS) + "".join(_QUOTE_PAIRS.values())) + "。\n]")


def _in_short_quote(text: str, start: int, end: int, limit: int = SHORT_QUOTE) -> bool:
    """The number sits in a quoted phrase of a few characters (a slogan, an idiom, a name)."""
    window = max(0, start - limit + 1)
    if _QUOTE_OPENER_SET.isdisjoint(text[window:start]):
        return False  # no quote opens before it (most numbers): no need to look for the last mark
    mark = _LAST_QUOTE_MARK.search(text, window, start)
    if mark is None:
        return False
    i = mark.start()
    closer = _QUOTE_PAIRS.get(text[i])
    if closer is None:
        return False
    j = text.find(closer, end, end + limit)
    return j >= 0 and j - i <= limit and all(c not in text[end:j] for c in _QUOTE_PAIRS)


@functools.lru_cache(maxsize=1)
def _subsidy_words() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in words()["cues"]["subsidy"]))


def _is_subsidy_cap(before: str, own: str, following: str, q: Entity) -> bool:
    """`单个项目最高补助5000万元`: a grant with a cap is a standing rule (`own` is the number's own text,
    which may hold the cap word)."""
    # the cap first: most numbers have none, and then the grant words need no search
    head = before + own
    capped = (q.fields.get("comparator") in ("<=", "<") or following.startswith(("为上限", "上限"))
              or "最高" in head or "上限" in head or "最多" in head)
    return capped and (bool(_subsidy_words().search(head + following)) or "给予" in before)


@functools.lru_cache(maxsize=1)
def _purpose_verbs() -> tuple[str, ...]:
    return tuple(words()["quantity"]["purpose_verbs"])


def _describes_next_word(following: str, user_words, memo: dict | None = None) -> bool:
    """True when a noun follows the number, with or without 的 (`200兆瓦风电项目`, `年营收超百亿元的
    零部件企业`); a verb (`3%安排`) or 的目标 does not."""
    if _GOAL_AFTER.match(following) or following.startswith(_purpose_verbs()):
        return False
    # the second word matters only after 的, so the tagger stops at the first word elsewhere
    words = metric_rules.first_words(following[:10], 2 if following.startswith("的") else 1, user_words, memo)
    if words and words[0][0] == "的":
        # after 的 anything but a verb is what the number describes (jieba tags 零部件 mq)
        return len(words) > 1 and not words[1][1].startswith(("v", "x", "u"))
    return bool(words) and words[0][1].startswith(metric_rules.NOUN_TAGS) and words[0][1] != "vn"


def _reported_by_next_clause(scene: Scene, spot: Spot, cues: list[Cue]) -> bool:
    """The next clause compares this number with the past (`营业收入186.4亿元,同比增长9.7%`), and no
    firm plan word stands before it (`预计净利润1.2亿元至1.5亿元,同比增长20%至50%` is a forecast)."""
    text = scene.text
    end = spot.whole_clause_end if spot.whole_clause_end >= 0 else scene.layout.clause(spot.q.start)[1]
    if not (end + 1 < len(text) and text[end] in ",;、" and text[end + 1] in _RESULT_FIRST
            and _RESULT_OPENER.match(text, end + 1, end + 8)):
        return False  # (checked first: most clauses are followed by no such opener)
    return not any(c.kind in ("plan", "prospective") for c in cues)


# -- cues --------------------------------------------------------------------------------------

def _cues(scene: Scene, spot: Spot) -> list[Cue]:
    """Plan and result cues before the number in its sentence (and 的目标 after it), in text order."""
    text, layout, q = scene.text, scene.layout, spot.q
    cues = layout.cues_between(spot.sentence_start, q.start)
    in_order = len(cues)  # the layout's cue words come in text order; what is added may not
    cues += scene.deadlines(spot.sentence_start, q.start, scene.ref_year)
    if text.startswith(("目标", "的目标"), q.end):
        cues += [c for c in layout.cues_between(q.end, spot.clause_end)
                 if text.startswith("目标", c.start) and text[q.end:c.start] in ("的", "")]
    spot.sentence_dates = scene.dates.inside(spot.sentence_start, q.start)
    for d in spot.sentence_dates:
        cue = scene.time_of(d).cue  # (one cue a date, whatever number's sentence it is in)
        if cue is not None:
            cues.append(cue)
    if q.type == "range":
        m = _FORECAST_YEAR.search(text, spot.sentence_start, q.start)
    else:  # 明年资本支出最高30亿元: next year in the number's own clause is always ahead
        m = _NEXT_YEAR.search(text, spot.clause_start, q.start)
    if m:
        cues.append(Cue(m.start(), m.end(), "prospective", m.group()))
    if scene.ref_year is not None and not scene.dates.entities:
        # no dates extractor ran: four-digit years still tell a past year
        for s, e, year in years(text, spot.sentence_start, q.start):
            if year < scene.ref_year and not is_base(text, s, e):
                cues.append(Cue(s, e, "result", "past"))
    return sorted(cues, key=_START) if len(cues) > in_order else cues


def _in_reach(scene: Scene, spot: Spot, cues: list[Cue], section: str) -> list[Cue]:
    """The cues whose reach goes on past a semicolon to the number: not a plan word that ends its
    item (`超额完成年初制定的70亿元营收目标;归母净利润5.86亿元`), nor, in a review of results, any
    plan word of an earlier item (`预计全年增长6.5%左右;1-11月份,规上工业增加值增长9.1%`)."""
    text = scene.text
    segment = text.rfind(";", spot.sentence_start, spot.q.start) + 1
    if segment <= spot.sentence_start:
        return cues
    return [c for c in cues if not (c.start < segment and c.kind in PLAN_KINDS
                                     and (section == "result" or text.startswith(";", c.end)))]


def _verdict(cues: list[Cue], clause_start: int, in_plan: bool = False) -> tuple[str | None, Cue | None]:
    """The last cue decides; a weak result word counts only when no plan word came before it, nor
    the heading of a plan or the cue of a list (`外贸进出口总额比上年增长3%` in a list of goals)."""
    verdict, last, plan_seen = None, None, in_plan
    for c in cues:
        if (c.kind == "prospective" and last is not None and last.kind == "result" and last.word == "past"
                and c.start - last.end <= 2 and c.word.endswith(("后", "後"))):
            continue  # 去年投产后, 2023年建成后: what followed a past completion is a result
        if c.kind in PLAN_KINDS:
            verdict, last, plan_seen = "plan", c, True
        elif c.kind == "result" or (c.kind in ("weak_result", "comparison") and not plan_seen):
            verdict, last = "result", c
    if verdict == "plan":
        return verdict, _modal_cue(cues, last, clause_start)
    return verdict, None


def _modal_cue(cues: list[Cue], last: Cue, clause_start: int) -> Cue:
    """The plan word that says how firmly the target is stated.

    Within the number's own clause if it has one, else in the sentence: a firm word before a weak
    one (拟 over 争取 in `拟争取`), and the auxiliaries 将 and 要 only when nothing else is there
    (预计 in `预计将超过`, 力争 in `将力争实现`)."""
    run = []
    for c in reversed(cues):
        if c.start > last.start:
            continue
        if c.kind not in PLAN_KINDS:
            break
        if _modality(c):
            run.append(c)
    if not run:
        return last
    pool = [c for c in run if c.start >= clause_start] or run
    if len(pool) == 1:
        return pool[0]

    def rank(c: Cue) -> int:
        if _modality(c) in _reporting_words():
            return 3  # 报告提出,今年将…: the report proposes, the place will
        if _modality(c) in AUXILIARIES or c.word in words()["cues"]["number_only"]:
            return 2  # 预计将超过; 可望挑战60亿元
        return 1 if c.kind == "weak_plan" else 0

    return min(pool, key=lambda c: (rank(c), -c.start))


@functools.lru_cache(maxsize=1)
def _reporting_words() -> frozenset[str]:
    return frozenset(words()["cues"]["reporting"])


_ABLE = regex.compile(r"可(?!望|能性|比|持续|持續|用于|用於)")


def _modality_word(scene: Scene, spot: Spot, cues: list[Cue], cue: Cue | None) -> str | None:
    """The plan word that makes the number a target, by how far each plan word reaches:

    - after a project's `建成后`, only what follows it speaks of the forecast (`预计2025年投产,达产后
      可新增年产能8万吨` → 可; `投产后,预计每年可新增` → 预计);
    - a plan word inside one item of a list (`目标:营业收入力争达到145亿元;利润总额…`) speaks for
      that item; a later item, after a semicolon, has the plan word of the sentence (目标, or the
      将 of `温州市将…,明年力争…;同时设立…`);
    - else the plan word of `_modal_cue`."""
    text, q = scene.text, spot.q
    plan = [c for c in cues if c.kind in PLAN_KINDS]
    if not plan:
        return _modality(scene.layout.list_cue(q.start))  # an item of a list: the list's plan word
    if cue is None:
        return None
    resets = [c for c in plan if c.kind == "prospective" and c.start < q.start and c.word.endswith(("后", "後"))
              and ";" not in text[c.end:q.start]]
    if resets:
        after = [c for c in plan if c.start >= resets[-1].end and _modality(c)]
        if after:
            return _modality(_modal_cue(after, after[-1], spot.clause_start))
        if _ABLE.search(text, resets[-1].end, q.start):
            return "可"
        return None
    segment = text.rfind(";", spot.sentence_start, q.start) + 1
    if segment > spot.sentence_start:
        own = [c for c in plan if c.start >= segment]
        if own:
            return _modality(_modal_cue(own, own[-1], spot.clause_start))
        first = next((c for c in plan if _modality(c) and _modality(c) not in _reporting_words()), None)
        if first is not None and _DIGIT.search(text, spot.sentence_start, first.start):
            # the plan word of an earlier item (`…增长5.5%,外贸总额力争突破600亿元;失业率…`) speaks
            # for that item: a later item of a list opened before this sentence has the list's
            listed = _modality(scene.layout.list_cue(q.start))
            if listed is not None:
                return listed
        if first is not None:
            return _modality(first)
    modality = _modality(cue)
    if modality is None and any(c.word.startswith("可") for c in plan):
        return "可"  # 北部都会区整体可提供约50万个住宅单位
    return modality


def _modality(cue: Cue | None) -> str | None:
    if cue is None or cue.kind not in ("plan", "weak_plan"):
        return None
    return _modality_of(cue.word)


# the words are the word list's and deadlines (到2025): a few hundred at most
@functools.lru_cache(maxsize=1024)
def _modality_of(word: str) -> str | None:
    cue_words = words()["cues"]
    word = cue_words["modality_forms"].get(word, word)
    for m in sorted(cue_words["modalities"], key=len, reverse=True):
        if m in word:
            return m
    return None


# -- metric before the number ------------------------------------------------------------------

def _metric_before(scene: Scene, spot: Spot, cues: list[Cue], own_clause_only: bool = False) -> metric_rules.Metric | None:
    text = scene.text
    dates = scene.dates.inside(spot.clause_start, spot.q.start)
    bases = [base_phrase(text, d.start, d.end) for d, time in zip(dates, map(scene.time_of, dates))
             if time.past and time.base] if dates else []
    barriers = _barriers(scene, spot, bases, dates)
    metric = metric_rules.before(text, spot.clause_start, _metric_region_end(scene, spot),
                                 barriers, scene.user_words, bases, scene.tagged)
    if metric is not None and _is_change_only(metric.text):
        metric = _change_after_cue(scene, spot, metric, barriers, bases) or metric
    if metric is not None and (len(metric.text) < 2 or metric.text.startswith(_NOT_METRIC_START)):
        metric = None  # 未来10年内 → 内, 以新台币7亿元向…: what is left names nothing measured
    if metric is not None and scene.text.startswith("等", metric.start - 1):
        metric = _with_enumerating_verb(scene, spot, metric)
    if own_clause_only:
        return metric
    if metric is None:
        metric = _metric_from_previous_clause(scene, spot, cues)
    if metric is None:
        metric = _metric_of_repeated_verb(scene, spot)
    if metric is None:
        metric = _metric_of_earlier_level(scene, spot)
    if metric is None:
        metric = _metric_of_previous_target(scene, spot)
    elif (not _is_change_only(metric.text) and _same_item_as_previous(scene, spot)
          and _bare_verb(metric.text, scene.user_words, scene.tagged)):  # the tagger last: it costs most
        metric = _with_object_of_previous_target(scene, spot, metric)
    return metric


_NOT_METRIC_START = ("以", "按照")
_AGAIN = regex.compile(r"再(\p{Han}{1,2})$")


@functools.lru_cache(maxsize=256)  # verbs of one or two characters: a few hundred at most
def _first_use(verb: str) -> regex.Pattern:
    """The verb's first use with what it measures (安排专项资金 before its number)."""
    return regex.compile(regex.escape(verb) + r"(\p{Han}{2,12}?)(?=约|約|超过|超過|近)?[\d一二三四五六七八九十两]")


def _metric_of_repeated_verb(scene: Scene, spot: Spot):
    """`已安排专项资金1.2亿元,计划2025年再安排2亿元`: a verb said again (再安排) measures what it
    measured the first time in the sentence (专项资金)."""
    text = scene.text
    m = _AGAIN.search(text, spot.clause_start, spot.q.start)
    if m is None:
        return None
    first = _first_use(m.group(1))
    found = None
    for f in first.finditer(text, spot.sentence_start, m.start()):
        found = f
    if found is None:
        return None
    return metric_rules.Metric(found.group(1), m.start(), spot.q.start)


def _with_enumerating_verb(scene: Scene, spot: Spot, metric):
    """`带动临港物流、冷链加工等上下游就业1500人以上`: the verb before a list (带动) belongs to the
    metric after 等 (带动上下游就业); the list itself does not."""
    text = scene.text
    chain = max(text.rfind(c, spot.sentence_start, spot.clause_start) for c in ",;:") + 1
    chain = max(chain, spot.sentence_start)
    # the verb that opens the list: in the comma's clause, before its first item (预计每年可带动…)
    first_item = text.find("、", chain, metric.start)
    head_end = first_item if first_item >= 0 else metric.start
    verb = next((v for v in words()["metric"]["enumerating_verbs"] if text.find(v, chain, head_end) >= 0), None)
    if verb is None:
        return metric
    return metric_rules.Metric(verb + metric.text, metric.start, metric.end)


_TO_LEVEL = regex.compile(r"(?:增至|增加至|增加到|提高至|提高到|提升至|提升到|升至|降至|减至|減至|扩大至|扩大到|达到|達到)\s*(?:约|約)?$")


def _metric_of_earlier_quantity(scene: Scene, spot: Spot):
    """The metric before the last quantity of the sentence ahead of this clause, or None."""
    earlier = scene.quantities.inside(spot.sentence_start, spot.clause_start)
    if not earlier:
        return None
    other = earlier[-1]
    start = max(scene.layout.clause(other.start)[0], other.start - METRIC_WINDOW)
    barriers = [(c.start, c.end) for c in scene.layout.cues_between(start, other.start)]
    barriers += [(d.start, d.end) for d in scene.dates.inside(start, other.start)]
    return metric_rules.before(scene.text, start, other.start, barriers, scene.user_words, memo=scene.tagged)


def _metric_of_earlier_level(scene: Scene, spot: Spot):
    """`今年资本支出约190亿元,明年可望增至300亿至400亿元`: a level moved to, with nothing named
    before it in its clause, is a level of what the clause before measured (资本支出)."""
    text, q = scene.text, spot.q
    if not _TO_LEVEL.search(text, spot.clause_start, q.start):
        return None
    head = _metric_of_earlier_quantity(scene, spot)
    if head is None or _CHANGE_ONLY.search(head.text):
        return None
    return metric_rules.Metric(head.text, spot.clause_start, q.start)


def _bare_verb(metric: str, user_words, memo: dict | None = None) -> bool:
    """A metric that is only a verb or two (`改造提升` → 改造)."""
    if len(metric) > 4:
        return False
    tagged = metric_rules.first_words(metric, 3, user_words, memo)
    return bool(tagged) and all(tag.startswith(metric_rules.VERB_TAGS) for _, tag in tagged)


def _same_item_as_previous(scene: Scene, spot: Spot) -> bool:
    """The last target found is in the same item of the same sentence, with the same unit
    (缩短至6个月以内,新增30间: another measure, another thing)."""
    previous = scene.previous
    return (previous is not None and previous[0] == spot.sentence_start
            and ";" not in scene.text[scene.previous_end:spot.q.start] and previous[2] == spot.q.fields.get("unit"))


def _with_object_of_previous_target(scene: Scene, spot: Spot, metric):
    """`新建高标准农田5.2万亩,改造提升3万亩`: a bare verb after a target of the same item acts on
    the same thing (改造高标准农田)."""
    if not _same_item_as_previous(scene, spot):
        return metric
    previous = scene.previous
    tagged = metric_rules.first_words(previous[1], 4, scene.user_words, scene.tagged)
    if len(tagged) < 2 or not (tagged[0][1].startswith(metric_rules.VERB_TAGS)
                               or tagged[0][0] in words()["metric"]["action_verbs"]):
        return metric
    obj = previous[1][len(tagged[0][0]):]
    if not obj or not metric_rules.first_words(obj, 1, scene.user_words, scene.tagged)[0][1].startswith(metric_rules.NOUN_TAGS):
        return metric
    return metric_rules.Metric(metric.text + obj, metric.start, metric.end)


def _change_after_cue(scene: Scene, spot: Spot, change, barriers, bases):
    """`政府收入将减少54亿港元`: a plan word stands between what changes and the change verb; the
    metric is both, without the plan word (政府收入减少)."""
    text = scene.text
    cue = next((c for c in scene.layout.cues_between(spot.clause_start, change.start)
                if not text[c.end:change.start].strip()), None)
    if cue is None:
        return None
    head = metric_rules.before(text, spot.clause_start, cue.start, barriers, scene.user_words, bases, scene.tagged)
    if head is None:
        return None
    return metric_rules.Metric(head.text + change.text, head.start, change.end)


def _metric_of_previous_target(scene: Scene, spot: Spot):
    """`粮食总产量确保达到95万吨,力争突破96万吨`: a clause that names nothing before its number, right
    after a target of the same sentence, sets a second bar for the same metric."""
    previous = scene.previous
    if previous is None or previous[0] != spot.sentence_start or ";" in scene.text[scene.previous_end:spot.q.start]:
        return None  # a target of an earlier item of a list measures something else
    text, start = scene.text, spot.clause_start
    if _COORDINATED.fullmatch(text, scene.previous_end, spot.q.start):
        # 营业收入分别达到500亿元、300亿元: the second of two numbers joined to one metric
        return metric_rules.Metric(previous[1], spot.q.start, spot.q.start)
    while start < spot.q.start and not _HAN.match(text, start):
        start += 1
    if start >= spot.q.start or scene.quantities.inside(spot.clause_start, spot.q.start):
        return None
    if _HAN.search(spot.following):
        return None  # 其中约10%至20%用于先进封装: the clause goes on to say what the share is of
    if not (scene.layout.cues_between(spot.clause_start, spot.q.start) or text.startswith(_PART_OF, start)):
        return None  # 其中2026年完成2000公里: a part of the target before it
    return metric_rules.Metric(previous[1], start, spot.q.start)


def _share(scene: Scene, spot: Spot) -> tuple[int, str] | None:
    """`不低于营业收入的5%`: (where the comparator starts, its symbol) for a share of a base."""
    if spot.q.fields.get("dimension") != "percent":
        return None
    if spot._share is False:
        spot._share = _find_share(scene, spot)
    return spot._share


def _find_share(scene: Scene, spot: Spot) -> tuple[int, str] | None:
    pattern, table = _share_comparators()
    m = pattern.search(scene.text, spot.clause_start, spot.q.start)
    if m is None:
        return None
    word = next(w for w in sorted(table, key=len, reverse=True) if scene.text.startswith(w, m.start()))
    return m.start(), table[word]


def _barriers(scene: Scene, spot: Spot, bases, dates=None) -> list[tuple[int, int]]:
    """Spans the metric cannot reach back over: cue words, deadlines, dates, organizations.
    `dates`: scene.dates.inside(clause_start, number start), when the caller has it."""
    text, start, end = scene.text, spot.clause_start, spot.q.start

    def in_base(s: int, e: int) -> bool:
        return any(b_start <= s and e <= b_end for b_start, b_end in bases)

    # 累计 stays in the metric (`累计建成高标准农田`); every other cue word ends what comes before it
    spans = [(c.start, c.end) for c in scene.layout.cues_between(start, end) if c.kind != "weak_result"]
    found = scene.deadlines(start, end, None)
    if found:
        spans += [(c.start, c.end) for c in found if not in_base(c.start, c.end)]
    found = scene.dates.inside(start, end) if dates is None else dates
    if found:
        spans += [(d.start, d.end) for d in found if not in_base(d.start, d.end)]
    found = scene.orgs.inside(start, end)
    if found:
        spans += [(o.start, o.end) for o in found]
    # a count of years or months before the metric says over how long (`未来2年再投入`, `5年投入`)
    # (and the 内 of 未来两年内 with it; and an age: `35岁以下博士研究生` → 博士研究生)
    found = spot.earlier(scene)
    if found:
        spans += [(d.start, d.end + (1 if text.startswith(("内", "內"), d.end) else 0)) for d in found
                  if d.fields.get("dimension") == "duration" or d.fields.get("unit") == "岁"]
    # who allocates is not what is allocated: 县财政安排粮食生产专项资金 → 粮食生产专项资金
    if not _allocation_firsts().isdisjoint(text[start:end]):
        spans += [(m.start(), m.end()) for m in _allocation_verbs().finditer(text, start, end)]
    main_org = scene.notes.get("main_org")
    if main_org:
        spans += _occurrences(text, main_org, start, end)
    return spans


def _occurrences(text: str, word: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the non-overlapping occurrences of `word` in text[start:end], left to right."""
    out = []
    i = text.find(word, start, end)
    while i >= 0:
        out.append((i, i + len(word)))
        i = text.find(word, i + len(word), end)
    return out


def _metric_region_end(scene: Scene, spot: Spot) -> int:
    """Where the metric before the number may end: before `由120万标箱` in `年通过能力将由120万标箱提升至`,
    and before the first number of a pair that shares it (`收入分别增长6%和7.5%`)."""
    text, from_words = scene.text, _quantity_words()[1]
    earlier = spot.earlier(scene)
    share = _share(scene, spot)
    end = share[0] if share else spot.q.start
    for other in reversed(earlier):
        if not _CONJUNCTION.fullmatch(text, other.end, end):
            break
        end = other.start
    for other in earlier:
        lead = text[max(spot.clause_start, other.start - 6):other.start]
        for w in from_words:
            i = lead.rfind(w)
            if i >= 0:
                end = min(end, other.start - len(lead) + i)
    return end


def _metric_from_previous_clause(scene: Scene, spot: Spot, cues: list[Cue]):
    """`发行超长期特别国债,今年先发行1万亿元`: the clause before names what the number counts."""
    prev = scene.layout.previous_clause(spot.q.start)
    if prev is None or not any(c.kind in ("plan", "weak_plan") for c in cues):
        return None
    start, end = prev
    start = max(start, end - METRIC_WINDOW)
    if scene.quantities.inside(start, end):
        return None
    return metric_rules.from_previous_clause(scene.text, start, end, scene.user_words)


# -- fields ------------------------------------------------------------------------------------

# words that name a change and nothing else (all of two characters: at one place at most one matches)
_CHANGE_WORDS = ("增长", "增長", "下降", "提高", "降低", "增加", "减少", "減少", "上升", "提升", "增幅", "降幅",
                 *(period + change for change in "增减減" for period in "年季月"))
_CHANGE_ONLY = regex.compile("(?:" + "|".join(_CHANGE_WORDS) + ")")
_CHANGE_AT_END = regex.compile(_CHANGE_ONLY.pattern + "$")
_CHANGE_SET = frozenset(_CHANGE_WORDS)


def _is_change_only(metric: str) -> bool:
    """`_CHANGE_ONLY.fullmatch(metric)`, as a set look-up."""
    return metric in _CHANGE_SET


def _whole_metric(scene: Scene, spot: Spot, metric: str) -> str:
    """A bare change (`净利润1.2亿元至1.5亿元,同比增长20%至50%` → 增长) is the change of the metric
    named just before it in the sentence: 净利润增长."""
    previous = scene.previous
    if not _is_change_only(metric):
        return metric
    if previous and previous[0] == spot.sentence_start:
        return previous[1] + metric
    # 公司去年营业收入50亿元,今年力争增长20%: the change is of what the sentence measured before
    head = _metric_of_earlier_quantity(scene, spot)
    if head is None:
        return metric
    name = _CHANGE_AT_END.sub("", head.text)  # 地区生产总值增长5.2%,今年预期增长5%
    return name + metric if name and not _CHANGE_ONLY.search(name) else metric


_TOPIC = regex.compile(r"\s*(?:在|就)?(?P<topic>\p{Han}{2,10}?)(?:方面|领域|領域|板块|板塊)\s*")
GENERIC_METRIC = 2
_PART_OF = ("其中", "其間", "其间")


def _with_topic(scene: Scene, spot: Spot, metric: str) -> str:
    """`光学膜业务方面,公司目标收入恢复至25亿元`: a bare generic metric (收入, 产量) belongs to the
    topic the sentence opens with (光学膜业务收入)."""
    if len(metric) > GENERIC_METRIC:
        return metric
    prev = scene.layout.previous_clause(spot.q.start)
    if prev is None or prev[0] < spot.sentence_start:
        return metric
    m = _TOPIC.fullmatch(scene.text, prev[0], prev[1])
    if m is None or "等" in m.group("topic") or scene.text[prev[0] - 1:prev[0]] == "、":
        return metric  # 聚焦节能环保、现代物流等领域: the last item of a list, not the topic opened
    return m.group("topic") + metric


def _value_fields(q: Entity) -> dict:
    f = q.fields
    if q.type == "range":
        out = {"comparator": "between", "min": f.get("min"), "max": f.get("max")}
    else:
        out = {"comparator": f.get("comparator", "="), "value": f.get("value")}
    out["unit"] = f.get("unit", "")
    return out


def _year(scene: Scene, spot: Spot, cues: list[Cue]) -> int | None:
    """The year the target is for: written in its sentence, else 今年/全年, else the plan year the
    paragraph speaks of (the last year written before it that is not past)."""
    ref_year, q = scene.ref_year, spot.q
    start = spot.sentence_start
    reset = [c for c in cues if c.kind == "prospective" and c.word.endswith(("后", "後")) and c.start < q.start
             and ";" not in scene.text[c.end:q.start]]
    if reset:
        # 预计明年投产,达产后可新增年产能5万吨: a project's forecast has no year but one written after 达产后
        start = reset[-1].end
        cues = [c for c in cues if c.start >= start]
    written = [(c.start, int(c.word[1:])) for c in cues if c.word.startswith("到") and c.word[1:].isdigit()]
    dates = spot.sentence_dates if start == spot.sentence_start and spot.sentence_dates is not None \
        else scene.dates.inside(start, q.start)
    for d in dates:
        if scene.text[d.start - 1:d.start] in ("较", "較", "比"):
            continue  # 明年拟安排68亿元,较今年增加29%: 今年 is what the change is measured from
        year = scene.years_of(d).named
        if year is not None and (ref_year is None or year >= ref_year):
            written.append((d.start, year))
    if written:
        return max(written)[1]
    if ref_year is None:
        return None
    if _THIS_YEAR.search(scene.text, start, q.start):
        return ref_year
    if reset:
        return None
    for d in scene.dates.inside_backwards(max(0, q.start - PLAN_YEAR_WINDOW), spot.sentence_start):
        if _FIVE_YEAR_PLAN.search(scene.text, d.start, d.end) or scene.text[d.start - 1:d.start] in _QUOTE_OPENERS:
            continue  # 谋划“十五五”发展的关键一年: a plan's name, not the year of the list below
        year = scene.years_of(d).first
        if year is not None and ref_year <= year <= ref_year + 10:
            return year
    return None
