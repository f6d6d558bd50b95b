"""What kind of run a result is: its viewport and its input mode, shown wherever runs are listed.

A phone run and a desktop run of the same site measure different pages; a reader must never have to
guess which one a number came from. The mode is "mouse" or "keyboard" (``run --keyboard``); runs from
before keyboard mode recorded none and are mouse runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DEFAULT_MODE = "mouse"


def viewport_label(name: Any, size: Any = None) -> str:
    """``phone 390×844``, ``desktop``, ``1280×800`` or ``unknown`` (old runs that did not record it)."""
    parts = [str(name)] if name else []
    if isinstance(size, Mapping) and size.get("width") and size.get("height"):
        parts.append(f"{size['width']}×{size['height']}")
    return " ".join(parts) or "unknown"


def run_kind(meta: Mapping[str, Any], journeys: Any = ()) -> dict[str, str]:
    """``{"viewport": ..., "mode": ...}`` for a run, from its metadata (and a journey's recorded window size
    and mode, for a run whose metadata lacks them)."""
    journeys = list(journeys)
    size = next((j.get("viewport") for j in journeys if isinstance(j.get("viewport"), Mapping)), None)
    mode = meta.get("mode") or next((j.get("mode") for j in journeys if j.get("mode")), None)
    return {"viewport": viewport_label(meta.get("viewport"), size), "mode": str(mode or DEFAULT_MODE)}


def kind_text(kind: Mapping[str, str]) -> str:
    """One phrase for titles: ``phone 390×844 viewport, mouse mode``."""
    return f"{kind['viewport']} viewport, {kind['mode']} mode"
