"""The extractors, in the order they run.

Each module has `extract(ctx) -> list[Entity]` and sees what the earlier ones found in
`ctx.entities`: quantities skip spans already taken by contacts and dates, targets build on
quantities and ranges, people use the organizations.
"""
from __future__ import annotations

import importlib

ORDER = ("contacts", "dates", "quantities", "orgs", "people", "targets")

# which entity types each extractor yields, so `--types` can skip work that nobody asked for
PRODUCES = {
    "contacts": {"contact"},
    "dates": {"date"},
    "quantities": {"quantity", "range"},
    "orgs": {"org"},
    "people": {"person"},
    "targets": {"target"},
}
# what an extractor needs from earlier ones
NEEDS = {
    "quantities": {"contacts", "dates"},
    "people": {"orgs"},
    "targets": {"quantities", "dates", "orgs"},
}


def module(name: str):
    return importlib.import_module(f"{__name__}.{name}")


def plan(types: set[str] | None) -> list[str]:
    """The extractors to run for the wanted entity types, dependencies included, in ORDER."""
    if not types:
        return list(ORDER)
    wanted = {name for name in ORDER if PRODUCES[name] & types}
    stack = list(wanted)
    while stack:
        for dep in NEEDS.get(stack.pop(), ()):
            if dep not in wanted:
                wanted.add(dep)
                stack.append(dep)
    return [name for name in ORDER if name in wanted]
