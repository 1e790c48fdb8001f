"""The extractor: the people the anchors found, each at every place its name is written."""
from __future__ import annotations

import re

from ...entity import Context, Entity
from ...segmenter.wordtrie import trie_pattern
from .anchors import Finder, Person
from .lexicon import lists
from .names import dictionary_tag, end_strength


def mentions(text: str, people: dict[str, Person], in_org: bytearray) -> dict[int, tuple[int, str]]:
    """start -> (end, name) for every place a found name is written outside an org (or where a rule
    anchored it): one pass over the text with all names at once (a trie, the longest first), so that
    a span belongs to one person only; the cost is linear in the text, not in names times mentions."""
    out: dict[int, tuple[int, str]] = {}
    if not people:
        return out
    for start, name in _written(text, people):
        end = start + len(name)
        if start in people[name].spans:
            out[start] = (end, name)
        elif not any(in_org[start:end]) and not _inside_word(text, start, end):
            out[start] = (end, name)
    return out


# up to this many names are looked for one by one (str.find runs at memory speed, and no pattern
# is compiled for a set of names that no other document has); more, with one trie
_FIND_EACH_UP_TO = 16


def _written(text: str, names) -> list[tuple[int, str]]:
    """(start, name) of the matches of the trie of `names` scanned left to right: at each place the
    longest name that starts there, none overlapping an earlier one."""
    if len(names) > _FIND_EACH_UP_TO:
        return [(m.start(), m.group()) for m in re.finditer(trie_pattern(names), text)]
    found = []  # (start, -length, name) of every place each name is written, overlaps included
    for name in names:
        at = text.find(name)
        while at >= 0:
            found.append((at, -len(name), name))
            at = text.find(name, at + 1)
    found.sort()
    out, pos = [], 0
    for start, _, name in found:
        if start >= pos:
            out.append((start, name))
            pos = start + len(name)
    return out


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether a name written again runs into a word across its edges: 李明确认 (明确), 扩张伟大 (扩张).
    Nouns and places do not count (周立新会见: 新会 is a district, and the name stands)."""
    def common(word: str) -> bool:
        tag = dictionary_tag(word)
        return tag is not None and not tag.startswith("n")
    runs_on = end < len(text) and not end_strength(text, end) and common(text[end - 1:end + 1])  # 李明|说 stands
    runs_in = start > 0 and text[start - 1] not in lists()["before_name"] and common(text[start - 1:start + 1])  # 对|李明
    return runs_on or runs_in


def extract(ctx: Context) -> list[Entity]:
    text = ctx.text
    orgs = ctx.found("org")
    finder = Finder(text, orgs)
    people = finder.run()
    found = mentions(text, people, finder.in_org)  # the finder's flags of the positions orgs cover
    out: list[Entity] = []
    fields_of = {}
    for person in people.values():
        ctx.doc.add_user_word(person.name, 2000, "nr")
        fields = {"name": person.name, "titles": list(person.titles)}
        if person.org:
            fields["org"] = person.org
        fields_of[person.name] = fields
    for start, (end, name) in sorted(found.items()):
        # the same name later without its title (夏春来表示) is the same person
        rule = people[name].spans.get(start, (end, "person.repeated"))[1]
        fields = fields_of[name]
        out.append(Entity("person", start, end, dict(fields, titles=list(fields["titles"])), rule))
    return out
