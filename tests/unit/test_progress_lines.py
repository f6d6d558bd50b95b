"""Progress of run and check where output is not a terminal (CI, cron, a log file): one line per journey."""

from __future__ import annotations

import io
from types import SimpleNamespace

from rich.console import Console

from journey_audit import api
from journey_audit.commands import replay_with_progress
from journey_audit.model import JourneyResult


def fake_run(journeys, **kwargs):
    """Stands in for the browser: reports each journey finished, as run_journeys does, and returns nothing."""
    outcomes = [{"outcome": "completed"}, {"outcome": "dead_end", "outcome_reason": {"kind": "pdf_form"}}]
    for journey, outcome in zip(journeys, outcomes, strict=True):
        kwargs["on_start"](journey)
        kwargs["on_done"](journey, JourneyResult({"council_id": journey.council_id, "task": journey.task, **outcome}))
    return "run"


def journeys():
    return [SimpleNamespace(council_id="brightwater", task="report-pothole"),
            SimpleNamespace(council_id="stonyfield", task="report-pothole")]


def test_a_log_gets_a_line_per_finished_journey(monkeypatch):
    monkeypatch.setattr(api, "run_journeys", fake_run)
    out = io.StringIO()
    assert replay_with_progress(Console(file=out, width=120), journeys()) == "run"
    lines = out.getvalue().splitlines()
    assert lines[:2] == ["[1/2] brightwater/report-pothole: completed",
                         "[2/2] stonyfield/report-pothole: dead end: pdf_form"]


def test_a_terminal_gets_the_bar_alone(monkeypatch):
    monkeypatch.setattr(api, "run_journeys", fake_run)
    out = io.StringIO()
    replay_with_progress(Console(file=out, width=120, force_terminal=True), journeys())
    assert "[1/2]" not in out.getvalue() and "Auditing journeys" in out.getvalue()


def test_check_says_it_audits_pages(monkeypatch):
    monkeypatch.setattr(api, "run_journeys", fake_run)
    out = io.StringIO()
    replay_with_progress(Console(file=out, width=120, force_terminal=True), journeys(), "pages")
    assert "Auditing pages" in out.getvalue() and "journeys" not in out.getvalue()
