"""A journey the runner gave no step for (a stuck worker, an internal error) is labelled by its kind
everywhere people read it, never "at step None"."""

from __future__ import annotations

import io

from rich.console import Console

from journey_audit.analysis.budgets import _limit_failures
from journey_audit.analysis.diff import stopped
from journey_audit.model import JourneyResult, broke_at, unrun_record
from journey_audit.reports.terminal import outcome_text, print_broken

PLAN = {"council": "Brightwater", "council_id": "brightwater", "task": "report-pothole",
        "journey_path": "journeys/brightwater/report-pothole.yaml", "start_url": "http://127.0.0.1:1/", "steps": 3}


def stuck() -> JourneyResult:
    return JourneyResult(unrun_record(PLAN, "broken", kind="worker_stuck", message="the worker was still busy"))


def test_a_stuck_worker_is_named_in_the_table_the_log_diff_and_budgets():
    assert outcome_text(stuck()).plain == "broken (worker stuck)"
    out = io.StringIO()
    print_broken(Console(file=out, width=200), [stuck()])
    assert out.getvalue().strip() == "journeys/brightwater/report-pothole.yaml: the worker was still busy"
    assert stopped(stuck().data) == "broken (worker stuck): the worker was still busy"
    [failure] = _limit_failures(stuck().data, {})
    assert "None" not in failure.message and "broke (worker stuck)" in failure.message


def test_a_missing_start_page_says_so_in_the_table():
    missing = {**stuck().data, "error": {"step": 0, "line": None, "kind": "start_not_found", "message": "HTTP 404"}}
    assert outcome_text(JourneyResult(missing)).plain == "broken: start page not found"


def test_a_step_is_still_named_when_there_is_one():
    assert broke_at({"step": 0, "kind": "start_not_found"}) == " at step 0"
    assert broke_at(None) == ""


def test_a_check_page_that_did_not_run_is_named_by_its_url():
    from journey_audit.api import journeys_for_urls
    from journey_audit.model import plan_entry

    url = "http://127.0.0.1:8801/a-to-z"
    [page] = journeys_for_urls([url])
    assert plan_entry(page, url)["journey_path"] == url  # not Path(url)'s "http:/127.0.0.1:8801/a-to-z"
