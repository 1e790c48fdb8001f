"""Bytes to text: detect the encoding of a file the user gave.

UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised for sure. Otherwise GB18030 and
Big5 are both tried; when both decode, the one whose text is made of more common Chinese
characters wins. A BOM is dropped; line endings are kept as they are.
"""
from __future__ import annotations

import codecs


class DecodeError(ValueError):
    """The bytes are not text in any encoding we read."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    return b"\x00" in sample


def _common_share(text: str) -> float:
    from .charfreq import common_share

    return common_share(text)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). Raises DecodeError with a reason a user can act on."""
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise DecodeError(f"cannot decode as {encoding}: byte {exc.start}") from None
        return (text[1:] if text.startswith("\ufeff") else text), encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"cannot decode as {name}: byte {exc.start}") from None
            # these codecs drop the BOM themselves
            return text, name.replace("-sig", "")
    if _looks_binary(data):
        raise DecodeError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for name in ("gb18030", "big5"):
        try:
            candidates.append((name, data.decode(name)))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise DecodeError("not UTF-8, UTF-16, GB18030 or Big5 text (use --encoding to name the codec)")
    if len(candidates) == 1:
        name, text = candidates[0]
        return text, name
    name, text = max(candidates, key=lambda c: _common_share(c[1]))
    return text, name
