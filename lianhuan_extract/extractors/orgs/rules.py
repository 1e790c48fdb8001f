"""Organizations: companies, institutions, party and government bodies, media.

Finding (orgs_find) runs on characters with word lists from data/orgs.toml and the gazetteer in
data/places.txt; linking (orgs_link) groups the names of one document that refer to the same
organization. One entity is emitted per mention, each carrying its organization's `name` (the
fullest simplified form) and `aliases`. The names are handed to the tokenizer so that later
segmentation keeps them whole, and the most-mentioned organization is left in
`ctx.notes["main_org"]` for the targets extractor.
"""
from __future__ import annotations

import operator

from ...entity import Context, Entity
from ...text.normalise import is_traditional
from . import evidence, media
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
    covered = bytearray(max(map(_END, mentions), default=0) + 1)  # a flag per kept position
    for m in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
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
    return sorted(kept, key=_SPAN)


_END = operator.attrgetter("end")
_SPAN = operator.attrgetter("start", "end")


def find_mentions(text: str) -> list[find.Mention]:
    words = find.Words(text)
    mentions = (find.government(text) + find.central(text) + find.place_bodies(text) + find.bare_bodies(text)
                + find.zones(text) + find.companies(text, words) + find.institutions(text, words)
                + media.media(text) + evidence.funds(text))
    mentions = _non_overlapping(mentions)
    # (each step below keeps the mentions non-overlapping again only when it adds some: on the
    # mentions it kept, `_non_overlapping` keeps them all, in the same order)
    more = find.short_names(text, words, mentions)
    if more:
        mentions = _non_overlapping(mentions + more)
    # names with no legal form, where the text shows what they are; not inside a name found above
    known = _known_brands(mentions)
    taken = find.covered(text, mentions)
    # (the two that read a word at a time skip the words inside the names found: the test
    # below would drop what they make there)
    more = [m for m in evidence.short_companies(text, taken) + evidence.listed_companies(text)
            + evidence.gongsi(text, known, taken) if not any(taken[m.start:m.end])]
    if more:
        mentions = _non_overlapping(mentions + more)
        taken = find.covered(text, mentions)
    mentions += [m for m in evidence.coded_companies(text) if not any(taken[m.start:m.end])]
    mentions += find.listed_short_names(text, mentions)
    mentions += find.declared_aliases(text, mentions)
    mentions += find.stock_short_names(text, mentions)
    return _drop_reducible(mentions)


def _known_brands(mentions: list[find.Mention]) -> set[str]:
    """The brands of the companies found so far (海晟 of 江苏海晟能源集团有限公司 and 海晟集团)."""
    brands = set()
    # a name is written many times: each one once
    surfaces = {m.surface for m in mentions if m.rule in ("org.company", "org.short_name", "org.declared_alias")}
    for surface in surfaces:
        core = find._brand_core(surface)
        for form in ("集团", "控股", "股份"):
            core = core[:-len(form)] if core.endswith(form) and len(core) > len(form) + 1 else core
        if len(core) >= 2:
            brands.add(core[:2])
    return brands


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


_GOV_RULES = ("org.government", "org.central", "org.agency", "org.place_body", "org.bare_body", "org.zone")


def _kind(group: Group) -> str:
    """media, government, fund, company or institution: what the group's rules say it is."""
    kinds = [m.kind for m in group.mentions if m.kind]
    if "media" in kinds:
        return "media"
    if group.key is not None and group.key[0] == "gov":
        return "government"
    if kinds:
        # the most frequent; a tie goes to the kind the first mention gave (a set would let the
        # hash seed decide)
        return max(dict.fromkeys(kinds), key=kinds.count)
    rules = {m.rule for m in group.mentions}
    if rules & set(_GOV_RULES):
        return "government"
    if rules & {"org.company", "org.short_name", "org.listed_short_name", "org.stock_short_name"}:
        return "company"
    if "org.institution" in rules:
        return "institution"
    return ""


def _actor_rank(name: str, kind: str) -> int:
    if kind == "media":
        return 0
    if name.endswith(("人民代表大会", "人大", "人大常委会", "政协", "议会", "立法会")):
        return 1
    return 2


def _as_written(ctx: Context, mentions: list[find.Mention]) -> None:
    """A traditional character that a simplified text keeps in a name is the name's own (恒昇新材
    stays 恒昇, where t2s would write 恒升): the mention's surface takes it back from the original."""
    for m in mentions:
        if m.level:
            continue
        original = ctx.doc.original_span(m.start, m.end)
        if len(original) != len(m.surface) or original == m.surface:
            continue
        kept = [o if o != c and is_traditional(o) else c for o, c in zip(original, m.surface)]
        m.surface = "".join(kept)


def extract(ctx: Context) -> list[Entity]:
    text = ctx.text
    mentions = find_mentions(text)
    if ctx.doc.script == "simplified":
        _as_written(ctx, mentions)
    groups = link(text, mentions)
    _more_mentions(text, groups, mentions)
    out: list[Entity] = []
    seen: set[tuple[int, int]] = set()
    kinds = {}
    aliases_of = {}
    for group in groups:
        aliases = aliases_of[id(group)] = group.aliases  # sorted once; each entity still gets a list of its own
        kind = group.kind = kinds[group.name] = _kind(group)
        for m in group.mentions:
            if (m.start, m.end) in seen:
                continue  # two rules, one name at one place: one entity
            seen.add((m.start, m.end))
            fields = {"name": group.name, "aliases": list(aliases)}
            if kind:
                fields["kind"] = kind
            out.append(Entity("org", m.start, m.end, fields, m.rule))
        for surface in group.surfaces:
            ctx.doc.add_user_word(surface, 2000, "nt")
    actors = [g for g in groups if g.kind not in ("media", "fund")]  # an outlet or a fund acts for no one
    if actors:
        # the most mentioned; on a tie an actor before a legislature, then the longer name
        main = max(actors, key=lambda g: (len(g.mentions), _actor_rank(g.name, g.kind), len(g.name)))
        ctx.notes["main_org"] = main.name
        ctx.notes["main_org_aliases"] = list(aliases_of[id(main)])
    ctx.notes["orgs"] = {g.name: list(aliases_of[id(g)]) for g in groups}
    ctx.notes["org_kinds"] = kinds
    # the org the headline or the first sentence names first (not an outlet): the likely actor
    first_line = text.find("\n", text.find("\n") + 1)
    lead = [(m.start, g.name) for g in groups if g.kind != "media" for m in g.mentions
            if m.start < max(first_line, 120)]
    if lead:
        ctx.notes["lead_org"] = min(lead)[1]
    return sorted(out, key=lambda e: (e.start, e.end))
