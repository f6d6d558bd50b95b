"""JSON Schema (draft 2020-12) for the saved journey result."""

from __future__ import annotations

import json
from pathlib import Path

RESULT_SCHEMA = Path(__file__).with_name("result.schema.json")


def result_schema() -> dict:
    return json.loads(RESULT_SCHEMA.read_text(encoding="utf-8"))
