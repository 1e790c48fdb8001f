"""Share of common Chinese characters in a text (data/common_chars.txt, see tools/)."""
from __future__ import annotations

import functools
from importlib import resources


@functools.lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    text = resources.files("lianhuan_extract.data").joinpath("common_chars.txt").read_text("utf-8")
    return frozenset(text.replace("\n", ""))


def common_share(text: str) -> float:
    """Common characters among the non-ASCII characters of `text` (0 when there are none)."""
    wide = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    if not wide:
        return 0.0
    common = common_chars()
    return sum(c in common for c in wide) / len(wide)
