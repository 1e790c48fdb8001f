"""Word lists and patterns as data files, read once with tomllib."""
from __future__ import annotations

import functools
import tomllib
from importlib import resources


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed TOML file `name`.toml from this package."""
    with resources.files(__name__).joinpath(f"{name}.toml").open("rb") as f:
        return tomllib.load(f)
