"""load_results: the numbers in the DataFrames are the numbers in the journey JSON, from either source."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from journey_audit.results_api import load_results
from journey_audit.storage.history import index_run
from journey_audit.storage.run_folder import ResultsError

from .conftest import dead_end, make_journey, unlabelled_finding, write_run


@pytest.fixture
def indexed(results_dir: Path) -> Path:
    write_run(results_dir, "r1", [make_journey(friction=33.5, klm_seconds=41.2, fields_unlabelled=1,
                                               findings=[unlabelled_finding()], dead_ends=[dead_end()]),
                                  make_journey("eastmoor", friction=12.0)])
    write_run(results_dir, "r2", [make_journey(friction=30.0)])
    index_run(results_dir, "r1")
    index_run(results_dir, "r2")
    return results_dir


def test_history_numbers_equal_the_json(indexed: Path):
    r = load_results(indexed)
    assert sorted(r.journeys.run_id.unique()) == ["r1", "r2"]
    data = json.loads((indexed / "r1/journeys/brightwater--report-pothole.json").read_text())
    row = r.journeys[(r.journeys.run_id == "r1") & (r.journeys.council_id == "brightwater")].iloc[0]
    assert row.friction == data["friction"]["index"] and row.stars == data["friction"]["stars"]
    for metric in ("steps", "fields_total", "fields_required", "fields_unlabelled", "chars_typed",
                   "klm_seconds", "wait_seconds", "reading_age"):
        assert row[metric] == data["metrics"][metric], metric
    assert row.a11y_serious == data["metrics"]["a11y"]["serious"]
    assert row.dead_ends == ["login_wall"] and bool(row.stopped_before_submit) is True
    steps = r.steps[(r.steps.run_id == "r1") & (r.steps.key == "brightwater--report-pothole")]
    assert list(steps.duration_ms) == [s["duration_ms"] for s in data["steps"]]
    finding = r.findings.iloc[0]
    assert finding.finding_id == "unlabelled-field" and finding.evidence == data["findings"][0]["evidence"]
    assert (finding.kind, finding.component) == ("barrier", "forms")


def test_run_folder_and_history_agree(indexed: Path):
    from_folder = load_results(indexed, run="r1")
    from_history = load_results(indexed)
    for name in ("journeys", "steps", "findings", "dead_ends", "scores"):
        a = getattr(from_folder, name).reset_index(drop=True)
        b = getattr(from_history, name)
        b = b[b.run_id == "r1"].reset_index(drop=True)
        assert list(a.columns) == list(b.columns), name
        pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=name)


def test_latest_and_errors(indexed: Path, tmp_path: Path):
    assert list(load_results(indexed, run="latest").journeys.friction) == [30.0]
    with pytest.raises(ResultsError, match="no history"):
        load_results(tmp_path)
    with pytest.raises(ResultsError, match="unknown run"):
        load_results(indexed, run="nope")


def test_reexport_from_package():
    import journey_audit

    if hasattr(journey_audit, "load_results"):  # the lead adds the re-export
        assert journey_audit.load_results is load_results


def test_a_broken_step_message_does_not_break_loading_from_history(tmp_path):
    broken = make_journey("mudford", outcome="broken",
                          error={"step": 2, "kind": "step_failed", "message": "Locator.fill: Timeout", "screenshot": None})
    broken["steps"][2].update(status="failed", error="Page.goto: Protocol error (Page.navigate): invalid URL")
    write_run(tmp_path, "r1", [make_journey(), broken])
    index_run(tmp_path, "r1")
    frames = load_results(tmp_path)
    failed = frames.steps[frames.steps["error"].notna()]
    assert failed["error"].tolist() == ["Page.goto: Protocol error (Page.navigate): invalid URL"]
    assert frames.journeys.set_index("council_id").loc["mudford", "error"]["kind"] == "step_failed"
