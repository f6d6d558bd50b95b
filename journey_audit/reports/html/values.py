"""Tolerant reading of journey JSON and the small text formatting every part of the report shares.

A broken journey may lack any measurement or hold the wrong type, so nothing here ever raises on odd
input: a missing number is None, a missing dict is empty, and long strings are clipped.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

MAX_TEXT = 300  # characters of any one evidence string


def as_num(value: Any) -> float | None:
    """A real number, or None (booleans are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def as_int(value: Any) -> int | None:
    number = as_num(value)
    return None if number is None else int(round(number))


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def clamp(value: int | None, low: int, high: int) -> int | None:
    return None if value is None else max(low, min(high, value))


def clip(value: Any, limit: int = MAX_TEXT) -> str:
    """Text of at most ``limit`` characters, so one huge value cannot swamp the page."""
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def fmt(value: Any) -> str:
    """A whole number for display, or a dash when it was not measured."""
    number = as_num(value)
    if number is None:
        return "—"
    return f"{number:.0f}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def sentence(text: Any) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def slug(text: str) -> str:
    """Anchor-safe id; a hash suffix keeps ids unique when odd characters were dropped."""
    clean = "".join(c if c.isascii() and (c.isalnum() or c == "-") else "-" for c in text.lower()).strip("-")
    if clean != text.lower():
        clean += "-" + hashlib.sha1(text.encode()).hexdigest()[:6]
    return clean or "x"
