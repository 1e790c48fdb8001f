"""The JSON Schema of the record (`record.schema.json`), shipped with the package.

    lianhuan-extract --schema > record.schema.json
    python -c "import lianhuan_extract.schema as s; print(s.text())"
"""
from __future__ import annotations

import json
from importlib import resources


def text() -> str:
    """The schema as its JSON text."""
    return resources.files(__name__).joinpath("record.schema.json").read_text("utf-8")


def load() -> dict:
    """The schema as a dict (for jsonschema.validate)."""
    return json.loads(text())
