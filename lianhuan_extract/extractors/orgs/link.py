"""Linking the names of one document that refer to the same organization.

- A body named by its level alone (市政府, 市委, 县府) is completed with the document's place of
  that level when the text names exactly one (扬州市 -> 扬州市政府).
- 人民政府, 政府 and 府 after the same place are one body.
- An abbreviation is linked to the one longer name that holds its characters in order and ends the
  same way (联环集团 -> 江苏联环药业集团有限公司, 市科技局 -> 江州市科学技术局, 省人社厅 ->
  省人力资源和社会保障厅); a declared short name (证券简称:华锐重工) to the name it follows.
"""
from __future__ import annotations

import functools

import re

from .find import looks_like_place
from .names import Mention, abbreviates, body_abbreviates, lists
from .places import places

MAX_GROUPS_TO_LINK = 200


def document_places(text: str, mentions: list[Mention]) -> dict[str, str]:
    """The place of each level that the document names, when it names exactly one."""
    seen: dict[str, set[str]] = {}  # level -> the places named with it
    for m in mentions:
        if m.place and m.level:
            seen.setdefault(m.level, set()).add(m.place)
    named = {p for at_level in seen.values() for p in at_level}  # at any level
    table = places()
    for m in _level_after_place().finditer(text, 1):
        level, end = m.group(), m.start()
        # 扬州市 in 扬州市2023年度综合考核: a known place, or two characters that may name one
        # (扬州 + 市 is a city of the gazetteer; 新和 + 市 is not: 新和 is a county)
        name = text[end - 3:end] if end >= 3 else text[:end]
        if not (name + level in table or name in named):
            name = text[end - 2:end] if end >= 2 else text[:end]
            if not (name + level in table or name in named) \
                    and not (len(name) == 2 and level == "市" and looks_like_place(name)):
                continue
        at_level = seen.get(level)
        if at_level is None:
            at_level = seen[level] = set()
        at_level.add(name)
        named.add(name)
    return {level: next(iter(at_level)) for level, at_level in seen.items() if len(at_level) == 1}


@functools.lru_cache(maxsize=1)
def _level_after_place() -> re.Pattern:
    """A level character that may follow a place: not at the text's start (the caller starts
    after it), nor after a character (each entry is one) that no place ends with in front of a
    level (全市, 我市, 上市)."""
    not_place_first = "".join(sorted(set(lists()["boundary"]["not_place_first"])))
    # the look back comes after the level, so the scan still jumps from level to level
    # nor a level that starts a common word (文旅|市场, 县城)
    common = "|".join("(?<=" + re.escape(w[0]) + ")" + re.escape(w[1:]) for w in lists()["boundary"]["level_words"])
    return re.compile("[市县省区](?<![" + re.escape(not_place_first) + "][市县省区])(?!" + common + ")")


def government_key(m: Mention, default_places: dict[str, str]) -> tuple[str, str, str]:
    body = m.body
    if body in ("人民政府", "府"):
        body = "政府"
    place = m.place or default_places.get(m.level, "")
    return place, m.level, body


def completed_surface(m: Mention, default_places: dict[str, str]) -> str:
    """市政府 -> 扬州市政府; 县府 -> 嘉南县政府; a mention that names its place stays as written;
    a body's short form is written out (县人大 -> 县人民代表大会)."""
    surface = m.surface
    expansions = lists()["abbreviation"]["expansions"]
    if m.level and m.surface in expansions:
        surface = expansions[m.surface]
    bodies = lists()["abbreviation"]["body_expansions"]
    place = m.place or default_places.get(m.level, "")
    if m.level and place and m.body in bodies and surface.endswith(m.body):
        surface = surface[:-len(m.body)] + bodies[m.body]  # only with its place: 省政府新闻办 stays
    if m.level and not m.place and default_places.get(m.level) and not surface.startswith(default_places[m.level]):
        surface = default_places[m.level] + surface
    return surface


class Group:
    def __init__(self, name: str):
        self.name = name
        self.surfaces: set[str] = {name}
        self.mentions: list[Mention] = []
        self.key: tuple | None = None

    @property
    def aliases(self) -> list[str]:
        return sorted(self.surfaces - {self.name}, key=lambda s: (-len(s), s))


def link(text: str, mentions: list[Mention]) -> list[Group]:
    """Group the mentions into organizations, each named as the text most fully names it."""
    # the document's places complete only a body named by its level alone (市政府): a text that
    # names none is not read for them
    default_places = document_places(text, mentions) if any(m.level and not m.place for m in mentions) else {}
    groups: list[Group] = []
    by_key: dict = {}

    def add(key, surface: str, m: Mention | None, extra: set[str] = frozenset()):
        group = by_key.get(key)
        if group is None:
            group = Group(surface)
            group.key = key
            groups.append(group)
            by_key[key] = group
        group.surfaces.add(surface)
        group.surfaces.update(extra)
        if m is not None:
            group.mentions.append(m)
            group.surfaces.add(m.surface)
        return group

    for m in mentions:
        if m.rule == "org.declared_alias":
            continue
        if m.level:
            add(("gov",) + government_key(m, default_places), completed_surface(m, default_places), m)
        else:
            add(("name", m.surface), m.surface, m, m.aliases)
    # declared short names join the name they follow
    group_of = {id(m): g for g in groups for m in g.mentions}
    for m in mentions:
        if m.rule == "org.declared_alias" and m.parent is not None:
            owner = group_of.get(id(m.parent))
            if owner is not None:
                owner.surfaces.add(m.surface)
                owner.mentions.append(m)

    # abbreviations: merge a group into the one longer group it abbreviates
    # (pairwise, so only for a document of ordinary size: a text naming hundreds of distinct
    # organizations is left unlinked rather than slow)
    merged = len(groups) <= MAX_GROUPS_TO_LINK
    # whether one surface abbreviates another, asked again after each merge: each pair once
    # (a memo of this document's names only)
    memo: dict[tuple[str, str], bool] = {}
    # the groups each group abbreviates, kept from pass to pass: a merge changes only the pairs
    # of the two groups it joins
    targets_of: dict[Group, list[Group]] = {}
    while merged:
        merged = False
        for small in sorted(groups, key=lambda g: len(g.name)):
            targets = targets_of.get(small)
            if targets is None:
                targets = targets_of[small] = [g for g in groups if g is not small
                                               and _abbreviates_group(small, g, memo)]
            if len(targets) == 1:
                big = targets[0]
                big.surfaces |= small.surfaces
                big.mentions += small.mentions
                groups.remove(small)
                # small is no one's target now; big, with more surfaces, may be more groups'
                # (never fewer: a pair abbreviates when any of their surfaces do), and its own
                # targets are asked afresh
                del targets_of[small]
                targets_of.pop(big, None)
                for other, found in targets_of.items():
                    if small in found:
                        found.remove(small)
                    if big not in found and _abbreviates_group(other, big, memo):
                        found.append(big)
                merged = True
                break
    for g in groups:
        g.name = max(g.surfaces, key=lambda s: (_fullness(s), len(s), s))
    return groups


def _abbreviates_group(small: Group, big: Group, memo: dict | None = None) -> bool:
    small_gov = small.key is not None and small.key[0] == "gov"
    big_gov = big.key is not None and big.key[0] == "gov"
    if small_gov and big_gov:
        return body_abbreviates(small.key[1:], big.key[1:])
    if small_gov or big_gov:
        return False
    if memo is None:
        return any(abbreviates(s, t) for s in small.surfaces for t in big.surfaces)
    for s in small.surfaces:
        for t in big.surfaces:
            found = memo.get((s, t))
            if found is None:
                found = memo[s, t] = abbreviates(s, t)
            if found:
                return True
    return False


def _fullness(surface: str) -> int:
    """Full legal forms and 人民政府 name an org more fully than a short name of the same length."""
    if "人民政府" in surface:
        return 1
    return 2 if surface.endswith(_full_forms()) else 0


@functools.lru_cache(maxsize=1)
def _full_forms() -> tuple[str, ...]:
    return tuple(lists()["company"]["full_forms"])
