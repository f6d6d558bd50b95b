"""Helpers shared by audits: safe artifact access, step filters, and the finding record."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .kinds import kind_of


def artifact(step: dict, name: str) -> dict:
    """A probe artifact, or {} when the probe failed, was skipped or is missing."""
    value = (step.get("artifacts") or {}).get(name)
    if not isinstance(value, dict) or "error" in value:
        return {}
    return value


def executed(journey: dict) -> list[dict]:
    """Steps that really ran (not a final submit held back by the dry run)."""
    return [s for s in journey.get("steps", []) if s.get("status") != "skipped_final"]


def url_path(url: str) -> str:
    parts = urlsplit(url or "")
    return f"{parts.hostname or ''}{parts.path or '/'}"


def host(url: str) -> str:
    return (urlsplit(url or "").hostname or "").lower()


def finding(
    id: str,
    audit: str,
    component: str,
    severity: str,
    title: str,
    detail: str,
    fix: str,
    points: float,
    evidence: list[Any] | None = None,
    step: int | None = None,
    key: str | None = None,
    kind: str | None = None,
) -> dict:
    """One finding; ``points`` is its share of its component's score, ``friction_points`` is set by scoring.

    ``key`` fixes the finding's identity across runs (for diffs) where its evidence holds measured numbers
    that wobble from run to run: a journey-wide measure is the same finding whatever its value.
    ``kind`` is barrier or advice (see kinds.py); by default it follows the finding id.
    """
    extra = {"key": key} if key else {}
    return {
        "id": id,
        "kind": kind or kind_of(id),
        "audit": audit,
        "step": step,
        "severity": severity,
        "title": title,
        "detail": detail,
        "evidence": list(evidence or [])[:10],
        "fix": fix,
        "component": component,
        "points": round(float(points), 2),
        "friction_points": 0.0,
        **extra,
    }


def scaled(value: float, good: float, cap: float, maximum: float) -> float:
    """0 at or below ``good``, ``maximum`` at or above ``cap``, linear between."""
    if value <= good or cap <= good:
        return 0.0 if value <= good else maximum
    return min(1.0, (value - good) / (cap - good)) * maximum


def keyboard_facts(step: dict) -> dict:
    """What the keyboard replay recorded for a step (``step["keyboard"]``), or {} in a mouse run."""
    value = step.get("keyboard")
    return value if isinstance(value, dict) else {}


def keyboard_run(journey: dict) -> bool:
    """A journey replayed by keyboard alone: its steps carry keyboard facts."""
    return any(keyboard_facts(s) for s in journey.get("steps", []))
