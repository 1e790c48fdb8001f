"""The library's entry points: texts, bytes and files, read exactly as the command reads them.

`extract(text)` reads one text. `extract_bytes(data)` and `extract_file(path)` first decode as the
command does (a BOM, UTF-8, UTF-16, GB18030 or Big5, detected; `encoding=` forces one): the
command's workers call the same `read_file` and `decode_bytes`, so a file gives the same record
whether it is read here or by `lianhuan-extract -f json FILE`. `Extractor` holds a lexicon, the
entity types and a reference date for many documents, its lexicon compiled once.

Every function raises instead of printing: `ValueError` for a bad reference date or entity type,
`DecodeError` (a ValueError) for bytes that are no text, `LexiconError` (a ValueError) naming the
file and line of a bad lexicon, and `OSError` for a file that cannot be read.
"""
from __future__ import annotations

import datetime as dt
import os
from typing import Any, Iterable, Union

from . import pipeline
from .entity import TYPES
from .extractors.lexicon import Lexicon, LexiconError, LexiconSource
from .text.decode import DecodeError, decode
from .text.files import read_bytes

__all__ = ["Extractor", "extract", "extract_bytes", "extract_file", "read_file", "decode_bytes",
           "parse_types", "Record", "TypesArg", "DateArg", "PathArg", "Lexicon", "LexiconError",
           "DecodeError"]

Record = dict[str, Any]
"""One document's record: {"schema", "source", "meta", "entities"} (see the README)."""
TypesArg = Union[str, Iterable[str], None]
DateArg = Union[str, dt.date, None]
PathArg = Union[str, "os.PathLike[str]"]


def parse_types(types: TypesArg) -> tuple[str, ...] | None:
    """Entity types as a tuple: a comma-separated string or an iterable; None or empty for all.

    >>> parse_types("date, org")
    ('date', 'org')
    >>> parse_types(["target"])
    ('target',)
    >>> parse_types(None) is None
    True
    >>> parse_types("dates")
    Traceback (most recent call last):
    ...
    ValueError: unknown entity type dates (known: quantity, range, date, org, person, contact, target)
    """
    if types is None:
        return None
    items = types.split(",") if isinstance(types, str) else list(types)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"entity types are strings, got {type(item).__name__}")
    wanted = tuple(dict.fromkeys(t.strip() for t in items if t.strip()))
    unknown = [t for t in wanted if t not in TYPES]
    if unknown:
        raise ValueError(f"unknown entity type {', '.join(unknown)} (known: {', '.join(TYPES)})")
    return wanted or None


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding) of a file's bytes, as the command decodes them. Raises DecodeError.

    >>> decode_bytes("聯環集團".encode("big5"))
    ('聯環集團', 'big5')
    >>> decode_bytes(b"\\xef\\xbb\\xbf3\\xe4\\xba\\xbf\\xe5\\x85\\x83")
    ('3亿元', 'utf-8')
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes, not {type(data).__name__}")
    return decode(bytes(data), encoding)


def read_file(path: PathArg, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding) of a file, as the command reads it: a regular file of at most 256 MiB
    (a FIFO or device is refused, never opened). Raises OSError or DecodeError.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
    >>> _ = p.write_bytes("確保營收超過3億元".encode("gb18030"))
    >>> read_file(p)
    ('確保營收超過3億元', 'gb18030')
    """
    return decode_bytes(read_bytes(path), encoding)


def extract(text: str, ref_date: DateArg = None, source: str | None = None, types: TypesArg = None,
            encoding: str | None = None, lexicon: LexiconSource = None) -> Record:
    """The record of one text.

    `ref_date` resolves partial and relative dates (a date or 'YYYY-MM-DD'; without it one is
    inferred from the text); `types` keeps some entity types ('date,org' or ['date', 'org']);
    `lexicon` adds the user's words (a path, a list of paths, a dict or a Lexicon).

    >>> record = extract("確保新獲藥品批件不少于20個", ref_date="2024-04-03", types="target")
    >>> [(e["metric"], e["comparator"], e["value"], e["unit"]) for e in record["entities"]]
    [('新获药品批件', '>=', 20, '个')]
    """
    return pipeline.extract(text, ref_date=ref_date, source=source, types=parse_types(types),
                            encoding=encoding, lexicon=lexicon)


def extract_bytes(data: bytes, encoding: str | None = None, *, source: str | None = None,
                  ref_date: DateArg = None, types: TypesArg = None, lexicon: LexiconSource = None) -> Record:
    """The record of a document given as bytes, decoded as the command decodes a file.

    >>> record = extract_bytes("聯環集團2024年營收3億元".encode("big5"), types="quantity")
    >>> record["meta"]["encoding"], [(e["value"], e["unit"]) for e in record["entities"]]
    ('big5', [(300000000, 'CNY')])
    """
    text, used = decode_bytes(data, encoding)
    return pipeline.extract(text, ref_date=ref_date, source=source, types=parse_types(types),
                            encoding=used, lexicon=lexicon)


def extract_file(path: PathArg, encoding: str | None = None, *, source: str | None = None,
                 ref_date: DateArg = None, types: TypesArg = None, lexicon: LexiconSource = None) -> Record:
    """The record of a file, as `lianhuan-extract -f json FILE` prints it (`source` is the path
    as given unless `source=` names another).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
    >>> _ = p.write_text("联系电话:0514-89993100", encoding="utf-8")
    >>> [(e["kind"], e["value"]) for e in extract_file(p)["entities"]]
    [('phone', '0514-89993100')]
    """
    text, used = read_file(path, encoding)
    return pipeline.extract(text, ref_date=ref_date, source=os.fspath(path) if source is None else source,
                            types=parse_types(types), encoding=used, lexicon=lexicon)


class Extractor:
    """A lexicon, entity types and a default reference date, set once for many documents.

    The lexicon is read and compiled when the Extractor is made (a bad one raises LexiconError
    then); each call may pass its own `ref_date`.

    >>> ex = Extractor(lexicon={"orgs": {"青禾谷仓农业科技有限公司": ["青禾"]}}, types="org")
    >>> [(e["text"], e["name"]) for e in ex.extract("青禾穀倉農業科技有限公司稱，青禾將擴產。")["entities"]]
    [('青禾穀倉農業科技有限公司', '青禾谷仓农业科技有限公司'), ('青禾', '青禾谷仓农业科技有限公司')]
    """

    def __init__(self, lexicon: LexiconSource = None, types: TypesArg = None, ref_date: DateArg = None) -> None:
        self.lexicon: Lexicon | None = Lexicon.coerce(lexicon)
        self.types: tuple[str, ...] | None = parse_types(types)
        self.ref_date: dt.date | None = pipeline.parse_ref_date(ref_date)

    def __repr__(self) -> str:
        return (f"Extractor(lexicon={self.lexicon!r}, types={self.types!r}, "
                f"ref_date={self.ref_date.isoformat() if self.ref_date else None!r})")

    def _ref(self, ref_date: DateArg) -> dt.date | None:
        return pipeline.parse_ref_date(ref_date) if ref_date is not None else self.ref_date

    def extract(self, text: str, ref_date: DateArg = None, source: str | None = None) -> Record:
        """The record of one text (`ref_date` overrides the Extractor's for this call).

        >>> Extractor(ref_date="2024-04-03", types="date").extract("4月3日上午")["entities"][0]["value"]
        '2024-04-03'
        """
        return pipeline.extract(text, ref_date=self._ref(ref_date), source=source, types=self.types,
                                lexicon=self.lexicon)

    def extract_bytes(self, data: bytes, encoding: str | None = None, source: str | None = None,
                      ref_date: DateArg = None) -> Record:
        """The record of a document given as bytes, decoded as the command decodes a file.

        >>> Extractor(types="quantity").extract_bytes("3億元".encode("utf-16"))["meta"]["encoding"]
        'utf-16'
        """
        text, used = decode_bytes(data, encoding)
        return pipeline.extract(text, ref_date=self._ref(ref_date), source=source, types=self.types,
                                encoding=used, lexicon=self.lexicon)

    def extract_file(self, path: PathArg, encoding: str | None = None, source: str | None = None,
                     ref_date: DateArg = None) -> Record:
        """The record of a file, equal to what `lianhuan-extract -f json FILE` prints for it
        (with the same --lexicon, --types and --ref-date).

        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
        >>> _ = p.write_text("力争集装箱吞吐量突破12万标箱", encoding="utf-8")
        >>> ex = Extractor(lexicon={"units": {"标箱": {"code": "TEU", "dimension": "count"}}}, types="quantity")
        >>> [(e["value"], e["unit"], e["comparator"]) for e in ex.extract_file(p)["entities"]]
        [(120000, 'TEU', '>')]
        """
        text, used = read_file(path, encoding)
        return pipeline.extract(text, ref_date=self._ref(ref_date),
                                source=os.fspath(path) if source is None else source,
                                types=self.types, encoding=used, lexicon=self.lexicon)
