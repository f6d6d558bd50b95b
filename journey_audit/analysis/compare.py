"""Rank councils doing the same task by friction, and say how far each is from the best one."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from journey_audit.analysis.rows import journey_row, outcome_label, site_failed

# Metrics compared against the best council for the task (lower is better for all of them).
COMPARED = ("friction", "steps", "fields_required", "fields_total", "chars_typed", "klm_seconds",
            "a11y_critical", "a11y_serious")
ROW_KEYS = ("rank", "council_id", "council", "task", "source", "outcome", "outcome_label", "stars", "friction", "steps",
            "fields_required", "fields_total", "chars_typed", "klm_seconds", "a11y_critical", "a11y_serious",
            "dead_ends", "best_council_id", "vs_best", "mode", "kb_tab_presses", "kb_outcome")


def _rank_key(row: Mapping[str, Any]) -> tuple:
    friction = row["friction"]
    return (row["site_failed"], friction is None, friction if friction is not None else math.inf,
            -(row["stars"] or 0), row["klm_seconds"] if row["klm_seconds"] is not None else math.inf,
            row["council_id"])


def _delta(value: Any, best: Any) -> float | int | None:
    if value is None or best is None:
        return None
    delta = value - best
    return round(delta, 2) if isinstance(delta, float) else delta


def rank_task(journeys: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows for one task, best first; a site failure is listed last and never chosen as the best."""
    rows = []
    for journey in journeys:
        row = journey_row("", journey)
        row["outcome_label"] = outcome_label(journey)
        row["site_failed"] = site_failed(journey)
        # Keyboard figures: filled for a keyboard replay, None for a mouse one (a mouse run says nothing about them).
        row["kb_outcome"] = row["outcome"] if row["mode"] == "keyboard" else None
        source = journey.get("source") or "scripted"  # explored: journey-audit explore; pytest: the plugin
        row["source"] = source if isinstance(source, str) else str(source.get("kind", "scripted"))
        rows.append(row)
    rows.sort(key=_rank_key)
    usable = [r for r in rows if not r["site_failed"]]
    best = usable[0] if usable else None
    for n, row in enumerate(rows, 1):
        row["rank"] = n
        row["best_council_id"] = best["council_id"] if best else None
        row["vs_best"] = {m: _delta(row[m], best[m]) if best and not row["site_failed"] else None for m in COMPARED}
    return [{k: r[k] for k in ROW_KEYS} for r in rows]


def compare(journeys: Iterable[Mapping[str, Any]], task: str | None = None) -> list[dict[str, Any]]:
    """Rows grouped by task (tasks in name order), each group ranked by friction."""
    by_task: dict[str, list[Mapping[str, Any]]] = {}
    for journey in journeys:
        if task is None or journey["task"] == task:
            by_task.setdefault(journey["task"], []).append(journey)
    return [row for name in sorted(by_task) for row in rank_task(by_task[name])]
