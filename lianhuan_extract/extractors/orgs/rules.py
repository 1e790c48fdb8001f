"""Organizations: companies, institutions, party and government bodies, media.

Finding (orgs_find) runs on characters with word lists from data/orgs.toml and the gazetteer in
data/places.txt; linking (orgs_link) groups the names of one document that refer to the same
organization. One entity is emitted per mention, each carrying its organization's `name` (the
fullest simplified form) and `aliases`. The names are handed to the tokenizer so that later
segmentation keeps them whole, and the most-mentioned organization is left in
`ctx.notes["main_org"]` for the targets extractor.
"""
from __future__ import annotations


from ...entity import Context, Entity
from . import find as find
from .link import Group, link


def _non_overlapping(mentions: list[find.Mention]) -> list[find.Mention]:
    """Keep the longest of overlapping mentions; a parent at the head of a longer name stays too
    (经济部 in 经济部中小及新创企业署, 江东大学 in 江东大学经济学院)."""
    kept: list[find.Mention] = []
    # kept mentions by where they start: a clash is looked for only over the few starts a mention
    # as long as the longest kept one could have, not over every position each mention covers
    starting: dict[int, list[find.Mention]] = {}
    longest = 0
    covered = bytearray(max((m.end for m in mentions), default=0) + 1)  # a flag per kept position
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if covered.find(1, m.start, m.end) >= 0:  # most mentions overlap none: no need to look
            clash = [k for p in range(max(0, m.start - longest + 1), m.end)
                     for k in starting.get(p, ()) if k.end > m.start]
            if not all(k.start == m.start and m.end < k.end for k in clash):
                continue
        kept.append(m)
        if m.end > m.start:
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
            starting.setdefault(m.start, []).append(m)
            longest = max(longest, m.end - m.start)
    return sorted(kept, key=lambda m: (m.start, m.end))


def find_mentions(text: str) -> list[find.Mention]:
    words = find.Words(text)
    mentions = (find.government(text) + find.central(text) + find.place_bodies(text) + find.bare_bodies(text)
                + find.companies(text, words) + find.institutions(text, words))
    mentions = _non_overlapping(mentions)
    mentions += find.short_names(text, words, mentions)
    mentions = _non_overlapping(mentions)
    mentions += find.listed_short_names(text, mentions)
    mentions += find.declared_aliases(text, mentions)
    mentions += find.stock_short_names(text, mentions)
    return _drop_reducible(mentions)


def _drop_reducible(mentions: list[find.Mention]) -> list[find.Mention]:
    """A short name grown over a word it should not have (放大联环股份) when the same text also
    names the shorter form on its own (联环股份): keep the shorter one."""
    shorts = {m.surface for m in mentions if m.rule == "org.short_name" and len(m.surface) >= 4}
    out = []
    for m in mentions:
        if m.rule == "org.short_name":
            inner = [m.surface[i:] for i in range(1, len(m.surface) - 3) if m.surface[i:] in shorts]
            if inner:
                best = max(inner, key=len)
                m = find.Mention(m.end - len(best), m.end, best, m.rule)
        out.append(m)
    return out


def _more_mentions(text: str, groups: list[Group], mentions: list[find.Mention]) -> None:
    """Every other place the text writes a company's or institution's name or alias (华锐重工 in the headline)."""
    taken = find.covered(text, mentions)
    groups = [g for g in groups if g.key is None or g.key[0] != "gov"]
    # every surface looked up in one pass, not the whole text once a surface
    written = find.starts_of_all(text, [s for g in groups for s in g.surfaces if len(s) >= 3])
    for group in groups:
        for surface in sorted(group.surfaces, key=len, reverse=True):
            if len(surface) < 3 or not find.HAN.fullmatch(surface):
                continue
            for start in find.non_overlapping(written[surface], len(surface)):
                end = start + len(surface)
                if any(taken[start:end]):
                    continue
                group.mentions.append(find.Mention(start, end, surface, "org.repeated"))
                taken[start:end] = b"\x01" * (end - start)


def extract(ctx: Context) -> list[Entity]:
    text = ctx.text
    mentions = find_mentions(text)
    groups = link(text, mentions)
    _more_mentions(text, groups, mentions)
    out: list[Entity] = []
    for group in groups:
        aliases = group.aliases  # sorted once; each entity still gets a list of its own
        for m in group.mentions:
            out.append(Entity("org", m.start, m.end, {"name": group.name, "aliases": list(aliases)}, m.rule))
        for surface in group.surfaces:
            ctx.doc.add_user_word(surface, 2000, "nt")
    if groups:
        main = max(groups, key=lambda g: (len(g.mentions), len(g.name)))
        ctx.notes["main_org"] = main.name
        ctx.notes["main_org_aliases"] = main.aliases
    ctx.notes["orgs"] = {g.name: g.aliases for g in groups}
    return sorted(out, key=lambda e: (e.start, e.end))
