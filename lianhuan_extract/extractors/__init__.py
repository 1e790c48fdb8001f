"""The extractors, in the order they run.

Each family is a module or a subpackage with `extract(ctx) -> list[Entity]`; it sees what the
earlier ones found in `ctx.entities`: quantities skip spans already taken by contacts and dates,
targets build on quantities and ranges, people use the organizations.

`REGISTRY` names them explicitly, with the entity types each produces and the extractors each
needs, so `--types` can skip work nobody asked for (`plan`).
"""
from __future__ import annotations

from types import ModuleType
from typing import NamedTuple

from . import contacts, dates, orgs, people, quantities, targets


class Extractor(NamedTuple):
    name: str
    module: ModuleType          # has extract(ctx) -> list[Entity]
    produces: frozenset[str]    # the entity types it yields
    needs: tuple[str, ...] = ()  # extractors whose finds it reads from ctx.entities or ctx.notes


REGISTRY: tuple[Extractor, ...] = (
    Extractor("contacts", contacts, frozenset({"contact"})),
    Extractor("dates", dates, frozenset({"date"})),
    Extractor("quantities", quantities, frozenset({"quantity", "range"}), ("contacts", "dates")),
    Extractor("orgs", orgs, frozenset({"org"})),
    Extractor("people", people, frozenset({"person"}), ("orgs",)),
    Extractor("targets", targets, frozenset({"target"}), ("quantities", "dates", "orgs")),
)
BY_NAME = {extractor.name: extractor for extractor in REGISTRY}
ORDER = tuple(extractor.name for extractor in REGISTRY)


def plan(types: set[str] | None) -> list[Extractor]:
    """The extractors to run for the wanted entity types, dependencies included, in REGISTRY order."""
    if not types:
        return list(REGISTRY)
    wanted = {e.name for e in REGISTRY if e.produces & types}
    stack = list(wanted)
    while stack:
        for dep in BY_NAME[stack.pop()].needs:
            if dep not in wanted:
                wanted.add(dep)
                stack.append(dep)
    return [e for e in REGISTRY if e.name in wanted]
