"""The ad record schema (JSON Schema 2020-12), shipped as ad.schema.json beside this file."""

from __future__ import annotations

import json
import os
from typing import Any, Dict

SCHEMA_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ad.schema.json")


def load_ad_schema() -> Dict[str, Any]:
    """The ad schema as a dict; a fresh copy on each call, so callers cannot alter a shared one."""
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        schema: Dict[str, Any] = json.load(handle)
    return schema
