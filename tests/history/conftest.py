"""Hand-made run folders (no browser): journey JSONs in the shapes the measurement layer writes."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from journey_audit import cli
from journey_audit.model import JourneyResult
from journey_audit.storage.run_folder import RunWriter

MY_COMMANDS = ["index", "compare", "diff", "gate", "history", "merge"]


def make_journey(council_id: str = "brightwater", task: str = "report-pothole", *, friction: float = 40.0,
                 stars: int = 3, outcome: str = "completed", steps: int = 4, fields_total: int = 8,
                 fields_required: int = 5, fields_unlabelled: int = 0, chars_typed: int = 60,
                 klm_seconds: float = 30.0, wait_seconds: float = 2.0, a11y_critical: int = 0,
                 a11y_serious: int = 1, findings: list[dict] | None = None, dead_ends: list[dict] | None = None,
                 error: dict | None = None, port: int = 8801, duration_s: float = 4.2) -> dict[str, Any]:
    key = f"{council_id}--{task}"
    step_records = [{
        "index": n, "action": "goto" if n == 0 else "click", "target": f"step {n}", "line": None if n == 0 else n + 5,
        "status": "ok", "url": f"http://127.0.0.1:{port}/page{n}", "title": f"Page {n}", "http_status": 200,
        "navigated": True, "started_at": "2026-11-25T14:00:00+00:00", "duration_ms": 100.0 + n, "wait_ms": 50.0,
        "chars_typed": 0, "clicks": 0 if n == 0 else 1, "fields_filled": 0, "validation_check": False,
        "screenshot": f"screens/{key}/{n:02d}.jpg", "error": None, "artifacts": {"form_fields": {"fields": []}},
    } for n in range(steps + 1)]
    return {
        "schema_version": 1, "council": council_id.title() + " Council", "council_id": council_id, "task": task,
        "journey_path": f"journeys/{council_id}/{task}.yaml", "start_url": f"http://127.0.0.1:{port}/start",
        "outcome": outcome, "stopped_before_submit": outcome == "completed", "submitted": False, "error": error,
        "started_at": "2026-11-25T14:00:00+00:00", "duration_s": duration_s,
        "viewport": {"width": 1280, "height": 800}, "steps": step_records,
        "metrics": {"steps": steps, "pages": steps, "clicks": steps, "fields_total": fields_total,
                    "fields_required": fields_required, "fields_unlabelled": fields_unlabelled,
                    "chars_typed": chars_typed, "klm_seconds": klm_seconds, "wait_seconds": wait_seconds,
                    "a11y": {"critical": a11y_critical, "serious": a11y_serious, "moderate": 2, "minor": 0,
                             "incomplete": 1},
                    "reading_age": 11.0},
        "dead_ends": dead_ends or [],
        "findings": findings or [],
        "friction": {"index": friction, "stars": stars, "profile_version": "1",
                     "components": {"effort": {"score": friction / 2, "weight": 0.5, "explanation": "steps"},
                                    "errors": {"score": friction / 2, "weight": 0.5, "explanation": "x"}}},
        "top_fixes": ["Label the postcode field"] if fields_unlabelled else [],
    }


def unlabelled_finding(label: str = "Postcode", step: int = 2, port: int = 8801) -> dict[str, Any]:
    return {"id": "unlabelled-field", "audit": "form-fields", "step": step, "severity": "serious",
            "title": f"The {label} field has no label", "detail": "Screen readers announce nothing.",
            "evidence": [{"field": label, "selector": f"#{label.lower()}", "step": step,
                          "url": f"http://127.0.0.1:{port}/page{step}",
                          "screenshot": f"screens/x/{step:02d}.jpg"}],
            "fix": "Add a <label for>.", "friction_points": 4, "kind": "barrier", "component": "forms"}


def dead_end(kind: str = "login_wall", step: int = 3, blocking: bool = True) -> dict[str, Any]:
    return {"kind": kind, "step": step, "blocking": blocking,
            "evidence": {"url": "http://127.0.0.1:8801/login", "text": "Sign in to continue",
                         "screenshot": "screens/x/03.jpg"}}


def site_down(council_id: str = "brightwater", task: str = "report-pothole") -> dict[str, Any]:
    journey = make_journey(council_id, task, outcome="broken", error={"step": 0, "kind": "site_unreachable", "message": "connection refused",
                                  "screenshot": None})
    journey["friction"] = {}
    journey["metrics"] = {}
    return journey


def write_run(results_dir: Path, run_id: str, journeys: list[dict], meta: dict | None = None,
              screenshots: bool = False) -> Path:
    writer = RunWriter(results_dir, {"journey_count": len(journeys), **(meta or {})}, run_id=run_id)
    for journey in journeys:
        if screenshots:
            key = f"{journey['council_id']}--{journey['task']}"
            (writer.screens_dir(key) / "00.jpg").write_bytes(b"\xff\xd8jpeg" + key.encode())
        writer.add(JourneyResult(copy.deepcopy(journey)))
    writer.finish()
    return writer.folder


@pytest.fixture
def commands(monkeypatch):
    """Register this feature's commands with the CLI (the lead adds them to COMMANDS for real)."""
    monkeypatch.setattr(cli, "COMMANDS", [*cli.COMMANDS, *(c for c in MY_COMMANDS if c not in cli.COMMANDS)])
    monkeypatch.setenv("COLUMNS", "250")


@pytest.fixture
def three_councils(results_dir: Path) -> Path:
    """One run: three councils doing report-pothole, one doing missed-bin."""
    write_run(results_dir, "20261125-140000", [
        make_journey("brightwater", friction=55.0, stars=2, steps=7, fields_required=9, klm_seconds=80.0),
        make_journey("eastmoor", friction=20.0, stars=4, steps=3, fields_required=4, klm_seconds=25.0),
        make_journey("northvale", friction=38.0, stars=3, steps=5, fields_required=6, klm_seconds=41.0,
                     dead_ends=[dead_end("pdf_form", blocking=False)]),
        make_journey("eastmoor", "missed-bin", friction=30.0, stars=3),
    ])
    return results_dir
