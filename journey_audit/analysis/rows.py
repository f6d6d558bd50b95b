"""Flatten one journey's JSON into table rows: the one shape shared by SQLite history, DataFrames and compare.

Keeping a single flattener means ``load_results`` from a run folder and from the history store give the
same columns and the same numbers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from journey_audit.analysis.run_kind import DEFAULT_MODE

# A journey that broke for these reasons says nothing about the council's service design.
SITE_FAILURES = frozenset({"site_unreachable", "browser_crash", "timeout"})

# Evidence keys that change between runs without the page changing (step numbers move when a journey
# gains a step; demo ports and session ids change the URL; screenshots are per run).
VOLATILE_EVIDENCE_KEYS = frozenset({"step", "screenshot", "url", "href", "timestamp", "time", "duration_ms",
                                    "wait_ms", "started_at"})

JOURNEY_COLUMNS: tuple[str, ...] = (
    "run_id", "key", "council_id", "council", "task", "outcome", "error_kind", "error_step", "error_message",
    "error", "stopped_before_submit", "submitted", "started_at", "duration_s", "journey_path", "start_url",
    "steps", "pages", "clicks", "fields_total", "fields_required", "fields_unlabelled", "chars_typed",
    "klm_seconds", "wait_seconds", "a11y_critical", "a11y_serious", "a11y_moderate", "a11y_minor",
    "a11y_incomplete", "reading_age", "friction", "stars", "profile_version", "dead_ends", "top_fixes",
    "findings_count", "mode", "kb_tab_presses",
)
STEP_COLUMNS: tuple[str, ...] = (
    "run_id", "key", "idx", "action", "target", "line", "status", "url", "title", "http_status", "navigated",
    "started_at", "duration_ms", "wait_ms", "chars_typed", "clicks", "fields_filled", "validation_check",
    "screenshot", "error",
)
FINDING_COLUMNS: tuple[str, ...] = (
    "run_id", "key", "seq", "finding_id", "audit", "step", "severity", "title", "detail", "fix",
    "friction_points", "evidence", "identity", "kind", "component", "impact",
)
DEAD_END_COLUMNS: tuple[str, ...] = ("run_id", "key", "seq", "kind", "step", "blocking", "url", "text", "screenshot")
SCORE_COLUMNS: tuple[str, ...] = ("run_id", "key", "component", "score", "weight", "explanation")
# Columns holding lists/dicts: JSON text in SQLite, Python objects in DataFrames.
JSON_COLUMNS = frozenset({"error", "dead_ends", "top_fixes", "evidence"})
# ...but a step's "error" is the plain message text.
STEP_JSON_COLUMNS = JSON_COLUMNS - {"error"}
# Columns holding booleans: 0/1 in SQLite.
BOOL_COLUMNS = frozenset({"stopped_before_submit", "submitted", "navigated", "validation_check", "blocking"})


def journey_key(journey: Mapping[str, Any]) -> str:
    return f"{journey['council_id']}--{journey['task']}"


def error_kind(journey: Mapping[str, Any]) -> str | None:
    error = journey.get("error")
    return error.get("kind") if isinstance(error, dict) else None


def site_failed(journey: Mapping[str, Any]) -> bool:
    """True when the journey broke because the site or browser failed, not the service design."""
    return journey.get("outcome") == "broken" and error_kind(journey) in SITE_FAILURES


def outcome_label(journey: Mapping[str, Any]) -> str:
    """Outcome for people: a site failure reads as "site unreachable" (or its kind), never as "broken"."""
    if site_failed(journey):
        return str(error_kind(journey)).replace("_", " ")
    return str(journey.get("outcome", "")).replace("_", " ")


def metrics_of(journey: Mapping[str, Any]) -> dict[str, Any]:
    """The measurement layer's metrics, flattened (a11y.serious -> a11y_serious); missing values are None."""
    metrics = journey.get("metrics") or {}
    a11y = metrics.get("a11y") or {}
    steps = metrics.get("steps")
    if steps is None:
        steps = len([s for s in journey.get("steps", []) if s.get("status") == "ok" and s.get("index", 0) > 0])
    flat = {"steps": steps}
    for name in ("pages", "clicks", "fields_total", "fields_required", "fields_unlabelled", "chars_typed",
                 "klm_seconds", "wait_seconds", "reading_age"):
        flat[name] = metrics.get(name)
    for impact in ("critical", "serious", "moderate", "minor", "incomplete"):
        flat[f"a11y_{impact}"] = a11y.get(impact)
    return flat


def journey_mode(journey: Mapping[str, Any]) -> str:
    """How the journey was replayed: "keyboard" or "mouse" (runs from before keyboard mode are mouse runs)."""
    return str(journey.get("mode") or DEFAULT_MODE)


def keyboard_tab_presses(journey: Mapping[str, Any]) -> int | None:
    """Tab presses of a keyboard replay (metrics.keyboard.tab_presses); None for a mouse run."""
    keyboard = (journey.get("metrics") or {}).get("keyboard")
    return keyboard.get("tab_presses") if isinstance(keyboard, dict) else None


def journey_row(run_id: str, journey: Mapping[str, Any]) -> dict[str, Any]:
    friction = journey.get("friction") or {}
    error = journey.get("error") if isinstance(journey.get("error"), dict) else None
    row = {
        "run_id": run_id, "key": journey_key(journey), "council_id": journey["council_id"],
        "council": journey.get("council", journey["council_id"]), "task": journey["task"],
        "outcome": journey["outcome"], "error_kind": error_kind(journey),
        "error_step": error.get("step") if error else None, "error_message": error.get("message") if error else None,
        "error": error, "stopped_before_submit": bool(journey.get("stopped_before_submit")),
        "submitted": bool(journey.get("submitted")), "started_at": journey.get("started_at"),
        "duration_s": journey.get("duration_s"), "journey_path": journey.get("journey_path"),
        "start_url": journey.get("start_url"),
        **metrics_of(journey),
        "friction": friction.get("index"), "stars": friction.get("stars"),
        "profile_version": friction.get("profile_version"),
        "dead_ends": list(dict.fromkeys(d.get("kind") for d in journey.get("dead_ends") or [])),  # kinds, once each
        "top_fixes": list(journey.get("top_fixes") or []),
        "findings_count": len(journey.get("findings") or []),
        "mode": journey_mode(journey), "kb_tab_presses": keyboard_tab_presses(journey),
    }
    return {c: row[c] for c in JOURNEY_COLUMNS}


def step_rows(run_id: str, journey: Mapping[str, Any]) -> list[dict[str, Any]]:
    key = journey_key(journey)
    rows = []
    for n, step in enumerate(journey.get("steps") or []):
        row = {c: step.get(c) for c in STEP_COLUMNS}
        row.update(run_id=run_id, key=key, idx=step.get("index", n))
        rows.append(row)
    return rows


# A URL in evidence says where a finding was, not what it is about: the screen (below) says where.
URL = re.compile(r"https?://\S+")


def evidence_key(evidence: Any) -> str:
    """What element a finding is about, minus what moves between runs (step numbers, URLs, screenshots)."""
    items = evidence if isinstance(evidence, list) else [evidence] if evidence else []
    parts = []
    for item in items:
        if isinstance(item, dict):
            item = {k: v for k, v in item.items() if k not in VOLATILE_EVIDENCE_KEYS}
            parts.append(json.dumps(item, sort_keys=True, ensure_ascii=False))
        elif item is not None:
            parts.append(" ".join(URL.sub("", str(item)).split()))
    return "|".join(sorted(p for p in parts if p))


def screen_of(journey: Mapping[str, Any] | None, step: Any) -> str:
    """Which screen of the journey a step shows, named by the script line that led there, not by its URL.

    The start page is "start" whatever its address; later screens are "click Continue" and so on, so a
    step added earlier in the journey or a moved start URL does not rename them.
    """
    if step is None:
        return "journey"
    if step == 0:
        return "start"
    for record in (journey or {}).get("steps") or []:
        if record.get("index") == step:
            return f"{record.get('action')} {URL.sub('', str(record.get('target') or ''))}".strip()
    return f"step {step}"


def finding_identity(finding: Mapping[str, Any], journey: Mapping[str, Any] | None = None) -> str:
    """Identity that survives re-runs: the audit id, the screen and the element (never the URL).

    A journey-wide measure (``key``) is one finding whatever its screen.
    """
    if finding.get("key"):
        return f"{finding.get('id')}::{finding['key']}"
    return f"{finding.get('id')}::{screen_of(journey, finding.get('step'))}::{evidence_key(finding.get('evidence'))}"


def finding_rows(run_id: str, journey: Mapping[str, Any]) -> list[dict[str, Any]]:
    key = journey_key(journey)
    return [{
        "run_id": run_id, "key": key, "seq": n, "finding_id": f.get("id"), "audit": f.get("audit"),
        "step": f.get("step"), "severity": f.get("severity"), "title": f.get("title"), "detail": f.get("detail"),
        "fix": f.get("fix"), "friction_points": f.get("friction_points"), "evidence": f.get("evidence") or [],
        "identity": finding_identity(f, journey), "kind": f.get("kind"), "component": f.get("component"),
        "impact": f.get("impact"),
    } for n, f in enumerate(journey.get("findings") or [])]


def dead_end_rows(run_id: str, journey: Mapping[str, Any]) -> list[dict[str, Any]]:
    key = journey_key(journey)
    rows = []
    for n, d in enumerate(journey.get("dead_ends") or []):
        evidence = d.get("evidence") or {}
        rows.append({"run_id": run_id, "key": key, "seq": n, "kind": d.get("kind"), "step": d.get("step"),
                     "blocking": bool(d.get("blocking")), "url": evidence.get("url"), "text": evidence.get("text"),
                     "screenshot": evidence.get("screenshot")})
    return rows


def score_rows(run_id: str, journey: Mapping[str, Any]) -> list[dict[str, Any]]:
    key = journey_key(journey)
    components = (journey.get("friction") or {}).get("components") or {}
    return [{"run_id": run_id, "key": key, "component": name, "score": c.get("score"), "weight": c.get("weight"),
             "explanation": c.get("explanation")} for name, c in sorted(components.items())]
