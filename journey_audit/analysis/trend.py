"""Trends over runs: per-journey series from the history, and a unicode sparkline to see them at a glance.

A series holds one council, task, viewport and mode: a phone run is never drawn in a desktop trend.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from journey_audit.analysis.run_kind import DEFAULT_MODE, viewport_label

BARS = "▁▂▃▄▅▆▇█"
TREND_COLUMNS = ("run_id", "viewport", "mode", "outcome", "friction", "stars", "steps", "fields_required",
                 "fields_total", "chars_typed", "klm_seconds", "a11y_critical", "a11y_serious", "dead_ends",
                 "kb_tab_presses")


def trend_query(council_id: str | None = None, task: str | None = None) -> tuple[str, tuple[str, ...]]:
    """SQL (and parameters) for the history rows behind trends: every council unless one is given."""
    where, params = [], []
    if council_id:
        where.append("j.council_id = ?")
        params.append(council_id)
    if task:
        where.append("j.task = ?")
        params.append(task)
    sql = ("SELECT r.started_at AS run_started_at, json_extract(r.meta, '$.viewport') AS run_viewport, "
           "json_extract(r.meta, '$.mode') AS run_mode, j.* FROM journeys j JOIN runs r USING (run_id)"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY j.council_id, j.task, j.run_id")
    return sql, tuple(params)


def sparkline(values: Sequence[float | None]) -> str:
    """One bar per value, scaled between the series' min and max; a gap where there is no value."""
    present = [v for v in values if v is not None]
    if not present:
        return " " * len(values)
    low, high = min(present), max(present)
    span = (high - low) or 1
    return "".join(" " if v is None else BARS[round((v - low) / span * (len(BARS) - 1))] if high != low
                   else BARS[len(BARS) // 2] for v in values)


def series(history_rows: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str, str, str], list[dict[str, Any]]]:
    """History rows (oldest first) grouped by (council_id, task, viewport, mode), trimmed to the trend columns."""
    grouped: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    for row in history_rows:
        trimmed = {c: row.get(c) for c in TREND_COLUMNS}
        trimmed["viewport"] = viewport_label(row.get("run_viewport"))
        trimmed["mode"] = row.get("mode") or row.get("run_mode") or DEFAULT_MODE  # the journey's own, since history v3
        trimmed["error_kind"] = row.get("error_kind")
        key = (row["council_id"], row["task"], trimmed["viewport"], trimmed["mode"])
        grouped.setdefault(key, []).append(trimmed)
    return grouped


def direction(values: Sequence[float | None]) -> str:
    """'better', 'worse' or 'same' for friction from the first to the last known value (lower is better)."""
    present = [v for v in values if v is not None]
    if len(present) < 2 or present[-1] == present[0]:
        return "same"
    return "worse" if present[-1] > present[0] else "better"
