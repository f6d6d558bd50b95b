"""Trends over runs: per-journey series from the history, and a unicode sparkline to see them at a glance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

BARS = "▁▂▃▄▅▆▇█"
TREND_COLUMNS = ("run_id", "outcome", "friction", "stars", "steps", "fields_required", "fields_total",
                 "chars_typed", "klm_seconds", "a11y_critical", "a11y_serious", "dead_ends")


def sparkline(values: Sequence[float | None]) -> str:
    """One bar per value, scaled between the series' min and max; a gap where there is no value."""
    present = [v for v in values if v is not None]
    if not present:
        return " " * len(values)
    low, high = min(present), max(present)
    span = (high - low) or 1
    return "".join(" " if v is None else BARS[round((v - low) / span * (len(BARS) - 1))] if high != low
                   else BARS[len(BARS) // 2] for v in values)


def by_task(history_rows: Iterable[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """History rows (oldest first) grouped by task, trimmed to the trend columns."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in history_rows:
        trimmed = {c: row.get(c) for c in TREND_COLUMNS}
        trimmed["error_kind"] = row.get("error_kind")
        grouped.setdefault(row["task"], []).append(trimmed)
    return grouped


def direction(values: Sequence[float | None]) -> str:
    """'better', 'worse' or 'same' for friction from the first to the last known value (lower is better)."""
    present = [v for v in values if v is not None]
    if len(present) < 2 or present[-1] == present[0]:
        return "same"
    return "worse" if present[-1] > present[0] else "better"
