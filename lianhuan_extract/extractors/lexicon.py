"""The user's own words (`--lexicon FILE`, `Extractor(lexicon=...)`), read from TOML in either script.

    [orgs]      # name = [aliases]
    "青禾谷仓农业科技有限公司" = ["青禾谷仓", "青禾"]
    [people]    # name = [titles]
    "莫问" = ["首席科学家"]
    [units]     # surface = { code, dimension }
    "标箱" = { code = "TEU", dimension = "count" }
    [targets]   # extra cue words
    plan = ["攻坚目标"]
    result = ["已兑现"]
    [ignore]    # never report these as orgs / people
    orgs = ["大型企业集团"]
    people = []

Every entry is normalised as a document is (traditional -> simplified, full-width -> half-width)
and matched on the normalised text, so an entry in either script finds a text in either script.
Matching is on characters, longest entry first: an alias such as 青禾 is found wherever those
characters stand.

The pipeline calls `Lexicon.after(family, ctx, found)` once each family has run; the targets
extractor calls `Lexicon.add_cues(layout)`. The rule families know nothing else of the lexicon:
- orgs: each mention of a name or an alias is one org (`name` the entry, `aliases` its aliases,
  rule `org.lexicon`), and rule finds that overlap one are dropped; a rule org whose name is an
  entry's name or alias takes the entry's name. Then orgs named in [ignore] are dropped, before
  people and targets read the orgs;
- people: each mention of a name (outside an org) is a person with the entry's titles, then the
  titles the rules found for it (rule `person.lexicon`); [ignore] people are dropped;
- quantities: a quantity or range written with a user unit takes its code and dimension; a
  number followed by a user unit that no rule read becomes a quantity (`quantity.lexicon`);
- targets: the cue words count as plan or result words, winning over the built-in ones they
  overlap.

A Lexicon pickles as its entries (its patterns are compiled again, once per process), so pool
and Dask workers receive it with their jobs.
"""
from __future__ import annotations

import functools
import os
import re
import tomllib
from collections import Counter
from typing import Any, Iterable, Mapping, NamedTuple, Union

import regex

from .. import data
from ..entity import Context, Entity
from ..numbers import parse_number_exact, to_python_number
from ..segmenter.wordtrie import trie_pattern
from ..text.document import Document
from ..text.normalise import normalise

SECTIONS = ("orgs", "people", "units", "targets", "ignore")
CUE_KINDS = ("plan", "result")
IGNORE_KINDS = ("orgs", "people")
# the contract's dimensions (output.md), and volume, which units.toml also knows
DIMENSIONS = ("currency", "percent", "area", "length", "mass", "energy", "power", "volume",
              "duration", "count", "none")
# what Extractor(lexicon=...) and extract(lexicon=...) accept
LexiconSource = Union["Lexicon", str, "os.PathLike[str]", Mapping[str, Any],
                      Iterable[Union["Lexicon", str, "os.PathLike[str]", Mapping[str, Any]]], None]


class LexiconError(ValueError):
    """A lexicon that cannot be used: `path`, `line` (None when unknown) and `reason`.

    str(error) is `FILE: line N: reason`, what the command prints after its name.

    >>> try:
    ...     Lexicon.from_dict({"orgs": {"青禾": "青禾谷仓"}}, source="mine.toml")
    ... except LexiconError as error:
    ...     print(error)
    mine.toml: [orgs] "青禾": the aliases must be a list of strings, got a string
    """

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        super().__init__(f"{path}: line {line}: {reason}" if line else f"{path}: {reason}")


class Unit(NamedTuple):
    code: str
    dimension: str


def simplified(text: str) -> str:
    """An entry as the extractors read documents: simplified, half-width, trimmed."""
    return normalise(Document(original=text)).text.strip()


class _Locator:
    """The line of a section or a key in the TOML source, for messages (None for a dict)."""

    _HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")

    def __init__(self, source_text: str | None):
        self.lines = source_text.splitlines() if source_text is not None else None

    @staticmethod
    def _bare(key: str) -> str:
        key = key.strip()
        return key[1:-1] if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'" else key

    def section(self, name: str) -> int | None:
        if self.lines is None:
            return None
        for i, line in enumerate(self.lines):
            m = self._HEADER.match(line)
            if m and self._bare(m.group(1)) == name:
                return i + 1
        for i, line in enumerate(self.lines):  # orgs = { ... } or orgs."x" = [...] at the top
            if self._key_of(line) in (name,) or line.lstrip().startswith((name + ".", f'"{name}".')):
                return i + 1
        return None

    def _key_of(self, line: str) -> str | None:
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "[")) or "=" not in stripped:
            return None
        if stripped[0] in "\"'":
            end = stripped.find(stripped[0], 1)
            return stripped[1:end] if end > 0 else None
        return stripped.split("=", 1)[0].strip()

    def key(self, section: str, key: str) -> int | None:
        start = self.section(section)
        if start is None:
            return None
        for i in range(start - 1, len(self.lines)):
            line = self.lines[i]
            if i >= start and self._HEADER.match(line):
                break
            if self._key_of(line) == key:
                return i + 1
        return start


_TOML_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")


def _read_toml(path: str) -> tuple[dict, str]:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise LexiconError(path, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        source_text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(path, raw.count(b"\n", 0, exc.start) + 1, "not UTF-8 text (TOML is UTF-8)") from None
    try:
        return tomllib.loads(source_text), source_text
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _TOML_LINE.search(message)
        line = int(m.group(1)) if m else None
        reason = message[:m.start()] if m else message
        if m is None and message.endswith("(at end of document)"):  # an unclosed list or string
            line, reason = max(1, len(source_text.splitlines())), message[:-len("(at end of document)")].rstrip()
        raise LexiconError(path, line, f"TOML syntax: {reason}") from None


def _q(key: str) -> str:
    """A key as TOML writes it."""
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _type_name(value: Any) -> str:
    return {str: "a string", int: "a number", float: "a number", bool: "true/false", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


class Lexicon:
    """The user's words, normalised to simplified characters and compiled once.

    Build one with `Lexicon.load(path)`, `Lexicon.from_dict(data)` or `Lexicon.coerce(value)`
    (a path, a list of paths, a dict, a Lexicon or None); a bad entry raises `LexiconError`
    naming the file and line.

    >>> lex = Lexicon.from_dict({"orgs": {"青禾穀倉農業科技有限公司": ["青禾穀倉"]},
    ...                          "units": {"標箱": {"code": "TEU", "dimension": "count"}}})
    >>> lex.orgs
    {'青禾谷仓农业科技有限公司': ('青禾谷仓',)}
    >>> lex.units
    {'标箱': Unit(code='TEU', dimension='count')}
    """

    def __init__(self) -> None:
        self.orgs: dict[str, tuple[str, ...]] = {}     # name -> aliases
        self.people: dict[str, tuple[str, ...]] = {}   # name -> titles
        self.units: dict[str, Unit] = {}               # surface -> (code, dimension)
        self.cues: dict[str, tuple[str, ...]] = {kind: () for kind in CUE_KINDS}
        self.ignore: dict[str, frozenset[str]] = {kind: frozenset() for kind in IGNORE_KINDS}
        self.sources: tuple[str, ...] = ()

    # -- building ------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> "Lexicon":
        """Read one TOML file. Raises LexiconError (file, line, why).

        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "mine.toml"
        >>> _ = p.write_text('[people]\\n"莫問" = ["首席科學家"]\\n[peple]\\n', encoding="utf-8")
        >>> Lexicon.load(p)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        lianhuan_extract.extractors.lexicon.LexiconError: .../mine.toml: line 3: unknown section [peple] (known: orgs, people, units, targets, ignore)
        """
        path = os.fspath(path)
        data, source_text = _read_toml(path)
        return cls._build(data, path, _Locator(source_text))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "<dict>") -> "Lexicon":
        """The same sections as a TOML file, as a dict. Raises LexiconError.

        >>> Lexicon.from_dict({"targets": {"plan": ["軍令狀"]}, "ignore": {"people": ["王磊"]}})
        <Lexicon 1 cue words, 1 ignored names from <dict>>
        """
        if not isinstance(data, Mapping):
            raise LexiconError(source, None, f"a lexicon is a table of sections, got {_type_name(data)}")
        return cls._build(data, source, _Locator(None))

    @classmethod
    def coerce(cls, value: LexiconSource) -> "Lexicon | None":
        """None, a Lexicon, a path, a dict, or a list of those (merged in order) -> Lexicon or None.

        >>> Lexicon.coerce(None) is None
        True
        >>> Lexicon.coerce([{"people": {"莫问": ["首席科学家"]}}, {"people": {"莫問": ["院長"]}}]).people
        {'莫问': ('首席科学家', '院长')}
        """
        if value is None or isinstance(value, Lexicon):
            return value
        if isinstance(value, (str, os.PathLike)):
            return cls.load(value)
        if isinstance(value, Mapping):
            return cls.from_dict(value)
        if isinstance(value, (bytes, bytearray)):
            raise TypeError("lexicon: give a path, a dict or a Lexicon, not bytes")
        try:
            parts = list(value)
        except TypeError:
            raise TypeError(f"lexicon: give a path, a list of paths, a dict or a Lexicon, "
                            f"not {type(value).__name__}") from None
        lexicons = [cls.coerce(part) for part in parts]
        return cls.merge(lex for lex in lexicons if lex is not None)

    @classmethod
    def merge(cls, lexicons: Iterable["Lexicon"]) -> "Lexicon":
        """One lexicon holding all of them: lists are joined, a later unit replaces an earlier one.

        >>> a = Lexicon.from_dict({"units": {"标箱": {"code": "TEU"}}, "people": {"莫问": ["院长"]}})
        >>> b = Lexicon.from_dict({"units": {"标箱": {"code": "FEU"}}, "people": {"莫问": ["首席科学家"]}})
        >>> merged = Lexicon.merge([a, b])
        >>> merged.units["标箱"].code, merged.people["莫问"]
        ('FEU', ('院长', '首席科学家'))
        """
        out = cls()
        for lex in lexicons:
            for name, aliases in lex.orgs.items():
                out.orgs[name] = _joined(out.orgs.get(name, ()), aliases)
            for name, titles in lex.people.items():
                out.people[name] = _joined(out.people.get(name, ()), titles)
            out.units.update(lex.units)
            for kind in CUE_KINDS:
                out.cues[kind] = _joined(out.cues[kind], lex.cues[kind])
            for kind in IGNORE_KINDS:
                out.ignore[kind] = out.ignore[kind] | lex.ignore[kind]
            out.sources += lex.sources
        return out

    @classmethod
    def _build(cls, data: Mapping[str, Any], source: str, where: _Locator) -> "Lexicon":
        lex = cls()
        lex.sources = (source,)

        def fail(line: int | None, reason: str):
            raise LexiconError(source, line, reason)

        for section, body in data.items():
            if section not in SECTIONS:
                fail(where.section(section), f"unknown section [{section}] (known: {', '.join(SECTIONS)})")
            if not isinstance(body, Mapping):
                fail(where.section(section), f"[{section}] must be a table, got {_type_name(body)}")

        def strings(section: str, key: str, value: Any, what: str) -> tuple[str, ...]:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                shown = _type_name(value) if not isinstance(value, list) else "a list holding " + ", ".join(
                    sorted({_type_name(v) for v in value if not isinstance(v, str)}))
                fail(where.key(section, key), f"[{section}] {_q(key)}: {what} must be a list of strings, got {shown}")
            out = []
            for v in value:
                s = simplified(v)
                if not s:
                    fail(where.key(section, key), f"[{section}] {_q(key)}: an empty string in the list")
                if s not in out:
                    out.append(s)
            return tuple(out)

        def entry_name(section: str, key: str) -> str:
            name = simplified(key)
            if not name:
                fail(where.key(section, key), f"[{section}]: an empty name")
            return name

        for key, value in data.get("orgs", {}).items():
            name = entry_name("orgs", key)
            aliases = tuple(a for a in strings("orgs", key, value, "the aliases") if a != name)
            lex.orgs[name] = _joined(lex.orgs.get(name, ()), aliases)
        for key, value in data.get("people", {}).items():
            name = entry_name("people", key)
            lex.people[name] = _joined(lex.people.get(name, ()), strings("people", key, value, "the titles"))
        for key, value in data.get("units", {}).items():
            surface = entry_name("units", key)
            line = where.key("units", key)
            if not isinstance(value, Mapping):
                fail(line, f"[units] {_q(key)} must be a table {{ code = \"...\", dimension = \"...\" }}, "
                           f"got {_type_name(value)}")
            unknown = sorted(set(value) - {"code", "dimension"})
            if unknown:
                fail(line, f"[units] {_q(key)}: unknown field {', '.join(unknown)} (known: code, dimension)")
            code, dimension = value.get("code"), value.get("dimension", "count")
            if not isinstance(code, str) or not code.strip():
                fail(line, f"[units] {_q(key)}: code must be a non-empty string, got "
                           f"{'nothing' if code is None else _type_name(code)}")
            if dimension not in DIMENSIONS:
                shown = repr(dimension) if isinstance(dimension, str) else _type_name(dimension)
                fail(line, f"[units] {_q(key)}: dimension {shown} is not one of {', '.join(DIMENSIONS)}")
            lex.units[surface] = Unit(code.strip(), dimension)
        for key, value in data.get("targets", {}).items():
            if key not in CUE_KINDS:
                fail(where.key("targets", key), f"[targets] unknown key {_q(key)} (known: {', '.join(CUE_KINDS)})")
            lex.cues[key] = _joined(lex.cues[key], strings("targets", key, value, "the cue words"))
        for key, value in data.get("ignore", {}).items():
            if key not in IGNORE_KINDS:
                fail(where.key("ignore", key), f"[ignore] unknown key {_q(key)} (known: {', '.join(IGNORE_KINDS)})")
            lex.ignore[key] = frozenset(strings("ignore", key, value, "the names"))
        return lex

    # -- pickling and compiling ------------------------------------------------------------------
    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_compiled_cache"}

    def _key(self) -> tuple:
        return (tuple(self.orgs.items()), tuple(self.people.items()), tuple(self.units.items()),
                tuple(self.cues.items()), tuple((k, tuple(sorted(v))) for k, v in self.ignore.items()))

    def _compiled(self) -> "_Compiled":
        compiled = self.__dict__.get("_compiled_cache")
        if compiled is None:
            compiled = self.__dict__["_compiled_cache"] = _compile(self._key())
        return compiled

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n} {what}" for n, what in (
            (len(self.orgs), "orgs"), (len(self.people), "people"), (len(self.units), "units"),
            (sum(map(len, self.cues.values())), "cue words"),
            (sum(map(len, self.ignore.values())), "ignored names")) if n)
        return f"<Lexicon {sizes or 'empty'} from {', '.join(self.sources) or 'nothing'}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lexicon) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    # -- the hooks -------------------------------------------------------------------------------
    def after(self, family: str, ctx: Context, found: list[Entity]) -> list[Entity]:
        """The entities of `family` once the user's words are applied (the pipeline calls it)."""
        if family == "orgs":
            return _orgs(self, ctx, found)
        if family == "people":
            return _people(self, ctx, found)
        if family == "quantities" and self.units:
            return _units(self, ctx, found)
        return found

    def add_cues(self, layout: Any) -> None:
        """Put the user's cue words among a targets Layout's cues (they win where they overlap)."""
        pattern = self._compiled().cues
        if pattern is None:
            return
        kind_of = self._compiled().cue_kind
        from .targets.context import Cue

        mine = [Cue(m.start(), m.end(), kind_of[m.group()], m.group()) for m in pattern.finditer(layout.text)]
        if not mine:
            return
        covered = _coverage(len(layout.text), [(c.start, c.end) for c in mine])
        kept = [c for c in layout.cues if covered.find(1, c.start, c.end) < 0]
        layout.cues = sorted(kept + mine, key=lambda c: c.start)
        layout.cue_starts = [c.start for c in layout.cues]


def _joined(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*first, *second]))


# -- compiled patterns -------------------------------------------------------------------------------

_CN_NUMERALS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
# a number: ASCII digits (thousands commas, decimals, 万/亿 after them) or Chinese numerals; the
# lookbehind keeps a match from starting inside a number, after a vague word (数百, 几千) or
# in an ordinal (第3)
_NUMBER = (rf"(?<![\d.,{_CN_NUMERALS}数几多余第])"
           rf"(?P<number>\d++(?:,\d{{3}})*+(?:\.\d++)?+[十百千万亿]*+"
           rf"|[{_CN_NUMERALS}]++(?:点[零〇一二三四五六七八九]++[万亿]*+)?+)[ \t]?")


# what may stand right before a unit that ends a quantity: the number (3万|标箱, 300多|标箱), not
# another unit (3万标|箱 is a 标箱, not a user's 箱)
_BEFORE_UNIT = frozenset("0123456789.kKwW \t多余几数" + _CN_NUMERALS)


class _Compiled(NamedTuple):
    orgs: Any             # regex of every org name and alias, or None
    org_owner: dict       # surface -> entry name
    people: Any
    units: Any            # <number><unit> regex, or None
    unit_after: Any       # a unit right at a position (after a quantity the rules read)
    unit_before: Any      # a unit ending at a position (the end of a quantity), matched backwards
    cues: Any
    cue_kind: dict


@functools.lru_cache(maxsize=16)
def _compile(key: tuple) -> _Compiled:
    orgs, people, units, cues, _ = key
    owner: dict[str, str] = {}
    for name, aliases in orgs:
        for alias in aliases:
            owner.setdefault(alias, name)
    for name, _aliases in orgs:
        owner[name] = name  # a name is its own organization, even when another lists it as an alias

    def trie(words):
        words = list(words)
        return regex.compile(trie_pattern(words)) if words else None

    unit_words = [surface for surface, _ in units]
    cue_kind: dict[str, str] = {}
    for kind, words in cues:
        for w in words:
            cue_kind.setdefault(w, kind)
    return _Compiled(
        orgs=trie(owner), org_owner=owner,
        people=trie(name for name, _ in people),
        units=regex.compile(_NUMBER + "(?P<unit>" + trie_pattern(unit_words) + ")") if unit_words else None,
        unit_after=regex.compile(r"[ \t]?(?:" + trie_pattern(unit_words) + ")") if unit_words else None,
        unit_before=regex.compile("(?r)(?:" + trie_pattern(unit_words, backwards=True) + ")") if unit_words else None,
        cues=trie(cue_kind), cue_kind=cue_kind)


def _coverage(size: int, spans: Iterable[tuple[int, int]]) -> bytearray:
    covered = bytearray(size + 1)
    for start, end in spans:
        if end > start:
            covered[start:end] = b"\x01" * (end - start)
    return covered


# -- orgs and people ---------------------------------------------------------------------------------

def _is_ignored(ctx: Context, e: Entity, names: frozenset[str]) -> bool:
    return e.fields.get("name") in names or ctx.text[e.start:e.end] in names


def _orgs(lex: Lexicon, ctx: Context, found: list[Entity]) -> list[Entity]:
    compiled = lex._compiled()
    text = ctx.text
    changed = False
    if compiled.orgs is not None:
        mentions = [Entity("org", m.start(), m.end(), {"name": compiled.org_owner[m.group()]}, "org.lexicon")
                    for m in compiled.orgs.finditer(text)]
        if mentions:
            changed = True
            covered = _coverage(len(text), [(e.start, e.end) for e in mentions])
            kept = [e for e in found if covered.find(1, e.start, e.end) < 0]  # the user's entry wins
            # a rule org named by an entry's name or alias is that entry's organization: the
            # aliases the rules found for it join the entry's
            aliases = {name: lex.orgs[name] for name in {e.fields["name"] for e in mentions}}
            for e in kept:
                owner = compiled.org_owner.get(e.fields.get("name"))
                if owner is not None:
                    more = [a for a in e.fields.get("aliases", ()) if a != owner]
                    aliases[owner] = _joined(aliases.get(owner, lex.orgs[owner]), more)
            for e in kept + mentions:
                owner = compiled.org_owner.get(e.fields.get("name"))
                if owner is not None:
                    e.fields = dict(e.fields, name=owner, aliases=list(aliases[owner]))
            found = kept + mentions
            for surface in {m.fields["name"] for m in mentions} | {text[m.start:m.end] for m in mentions}:
                ctx.doc.add_user_word(surface, 2000, "nt")
    ignored = lex.ignore["orgs"]
    if ignored:
        kept = [e for e in found if not _is_ignored(ctx, e, ignored)]
        changed = changed or len(kept) < len(found)
        found = kept
    if not changed:
        return found
    found.sort(key=lambda e: (e.start, e.end))
    _note_orgs(ctx, found)
    return found


def _note_orgs(ctx: Context, orgs: list[Entity]) -> None:
    """What the orgs extractor tells the later ones, worked out again from the final orgs."""
    mentions = Counter(e.fields["name"] for e in orgs)
    aliases = {e.fields["name"]: list(e.fields.get("aliases", ())) for e in orgs}
    for key in ("main_org", "main_org_aliases"):
        ctx.notes.pop(key, None)
    if mentions:
        main = max(mentions, key=lambda name: (mentions[name], len(name)))
        ctx.notes["main_org"] = main
        ctx.notes["main_org_aliases"] = aliases[main]
    ctx.notes["orgs"] = aliases


def _people(lex: Lexicon, ctx: Context, found: list[Entity]) -> list[Entity]:
    compiled = lex._compiled()
    text = ctx.text
    if compiled.people is not None:
        in_org = _coverage(len(text), [(e.start, e.end) for e in ctx.entities if e.type == "org"])
        spans = [m.span() for m in compiled.people.finditer(text) if in_org.find(1, *m.span()) < 0]
        if spans:
            covered = _coverage(len(text), spans)
            titles_found: dict[str, list[str]] = {}
            org_of: dict[str, str] = {}
            kept = []
            for e in found:
                if covered.find(1, e.start, e.end) >= 0:
                    continue
                kept.append(e)
            for e in found:  # what the rules know of the user's people: more titles, the org
                name = e.fields.get("name")
                if name in lex.people:
                    titles_found.setdefault(name, []).extend(e.fields.get("titles", ()))
                    if e.fields.get("org"):
                        org_of.setdefault(name, e.fields["org"])
            for start, end in spans:
                name = text[start:end]
                fields: dict[str, Any] = {"name": name,
                                          "titles": list(_joined(lex.people[name], titles_found.get(name, ())))}
                if name in org_of:
                    fields["org"] = org_of[name]
                kept.append(Entity("person", start, end, fields, "person.lexicon"))
                ctx.doc.add_user_word(name, 2000, "nr")
            found = sorted(kept, key=lambda e: (e.start, e.end))
    ignored = lex.ignore["people"]
    if ignored:
        found = [e for e in found if not _is_ignored(ctx, e, ignored)]
    return found


# -- units ---------------------------------------------------------------------------------------------

def _units(lex: Lexicon, ctx: Context, found: list[Entity]) -> list[Entity]:
    """Quantities and ranges written with a user unit take its code and dimension; a number with a
    user unit that no rule read becomes a quantity."""
    compiled = lex._compiled()
    text = ctx.text
    for e in found:
        if e.type not in ("quantity", "range"):
            continue
        m = compiled.unit_before.match(text, e.start, e.end)  # (?r): the unit the span ends with
        if m is not None and m.start() > e.start and text[m.start() - 1] in _BEFORE_UNIT:
            surface = m.group()
        elif e.fields.get("unit") == "":  # a bare number the rules read, the unit right after it
            m = compiled.unit_after.match(text, e.end)
            if m is None:
                continue
            surface = m.group().lstrip(" \t")
            e.end = m.end()
        else:
            continue
        unit = lex.units[surface]
        e.fields = dict(e.fields, unit=unit.code, dimension=unit.dimension)
        e.rule = f"{e.type}.lexicon"
    taken = _coverage(len(text), [(e.start, e.end) for e in ctx.entities] + [(e.start, e.end) for e in found])
    added = []
    for m in compiled.units.finditer(text):
        if taken.find(1, m.start(), m.end()) >= 0:
            continue
        try:
            value = to_python_number(parse_number_exact(m.group("number")))
        except ValueError:
            continue
        unit = lex.units[m.group("unit")]
        start, end, comparator = _comparator_around(text, m.start(), m.end())
        if taken.find(1, start, end) >= 0:
            start, end, comparator = m.start(), m.end(), "="
        added.append(Entity("quantity", start, end,
                            {"value": value, "unit": unit.code, "dimension": unit.dimension, "comparator": comparator},
                            "quantity.lexicon"))
    if not added:
        return found
    out = found + added
    out.sort(key=lambda e: e.start)
    return out


@functools.lru_cache(maxsize=1)
def _comparator_words() -> tuple[Any, Any, dict[str, str], dict[str, str]]:
    """The comparator words of data/comparators.toml: one before the number (an optional filler
    between, 不少于|300车皮, 超过了|5万标箱), matched backwards from the number, and one after the unit."""
    words = data.load("comparators")
    before, after = dict(words["before"]), dict(words["after"])
    fillers = words["fillers"]["words"]
    before_re = regex.compile("(?r)(?P<word>" + trie_pattern(before, backwards=True) + ")(?:"
                              + trie_pattern(fillers, backwards=True) + ")?[ \t]?")
    after_re = regex.compile("[ \t]?(?P<word>" + trie_pattern(after) + ")")
    return before_re, after_re, before, after


def _comparator_around(text: str, start: int, end: int) -> tuple[int, int, str]:
    """The span grown over a comparator word before or after it, and the comparator (= without one)."""
    before_re, after_re, before, after = _comparator_words()
    comparator = "="
    m = after_re.match(text, end)
    if m is not None:
        comparator, end = after[m.group("word")], m.end()
    m = before_re.match(text, max(0, start - 16), start)
    if m is not None:
        symbol = before[m.group("word")]
        if comparator == "=" or symbol not in ("=", "~"):  # 超过300车皮左右: the word before is the stronger
            comparator = symbol
        start = m.start()
    return start, end, comparator


__all__ = ["Lexicon", "LexiconError", "LexiconSource", "Unit", "simplified"]
