"""Audits: pure functions from a saved journey (steps + probe artifacts) to metrics, findings and
dead ends. They never touch a page, so ``rescore`` re-runs them on stored runs.

``AUDITS`` is the registry (one file per audit, each ``run(journey, profile) -> dict``).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from journey_audit.scoring import friction, load_profile, top_fixes

from . import (
    accessibility,
    completion,
    content,
    dead_ends,
    effort,
    error_handling,
    essentials,
    findability,
    form_barriers,
    form_inventory,
    keyboard,
    page_basics,
    phone,
)
from .detectors import KINDS, detect_dead_ends

AUDITS: list[ModuleType] = [effort, form_inventory, form_barriers, accessibility, phone, error_handling, content, page_basics,
                            completion, dead_ends, findability, keyboard, essentials]
METRIC_ORDER = ("steps", "pages", "clicks", "fields_total", "fields_required", "fields_unlabelled", "chars_typed",
                "klm_seconds", "wait_seconds", "a11y", "reading_age")

__all__ = ["AUDITS", "KINDS", "assess", "detect_dead_ends"]


def assess(journey: dict, profile: dict | None = None) -> dict[str, Any]:
    """Metrics, dead ends, findings, friction and top fixes for one saved journey (pure)."""
    prof = load_profile(profile)
    metrics: dict[str, Any] = {}
    findings: list[dict] = []
    found_dead_ends: list[dict] = []
    errors: list[str] = []
    for audit in AUDITS:
        try:
            result = audit.run(journey, prof)
        except Exception as exc:  # noqa: BLE001 - one broken audit must not lose the others
            errors.append(f"{audit.AUDIT_ID}: {type(exc).__name__}: {exc}")
            continue
        metrics.update(result.get("metrics", {}))
        findings += result.get("findings", [])
        found_dead_ends += result.get("dead_ends", [])
    if errors:
        metrics["audit_errors"] = errors
    ordered = {k: metrics[k] for k in METRIC_ORDER if k in metrics}
    ordered.update({k: v for k, v in metrics.items() if k not in ordered})
    score = friction(ordered, findings, prof)
    return {
        "metrics": ordered,
        "dead_ends": found_dead_ends,
        "findings": sorted(findings, key=lambda f: -f["friction_points"]),
        "friction": score,
        "top_fixes": top_fixes(findings),
    }
