"""Each extractor's corpus of examples (value -> surface forms in both scripts, and negatives):
its test suite and its documentation. The tests under tests/test_*_corpus.py run them."""
from __future__ import annotations

import functools
import tomllib
from importlib import resources


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed corpus `name`.toml (contacts, dates, numbers, orgs, people, quantities, targets)."""
    with resources.files(__name__).joinpath(f"{name}.toml").open("rb") as f:
        return tomllib.load(f)
