"""Run folders: atomic journey files, run.json kept current, ``latest``, clear errors for bad ids."""

from __future__ import annotations

import json

import pytest

from journey_audit.model import JourneyResult
from journey_audit.storage.run_folder import ResultsError, RunWriter, list_runs, load_run, resolve_run


def journey(council: str, outcome: str = "completed") -> JourneyResult:
    return JourneyResult({"council": council.title(), "council_id": council, "task": "report-pothole",
                          "outcome": outcome, "steps": [{"index": 0}], "duration_s": 1.5})


def test_each_journey_is_visible_as_soon_as_it_is_written(tmp_path):
    writer = RunWriter(tmp_path, {"journey_count": 2})
    writer.add(journey("alpha"))
    run = load_run(tmp_path)  # mid-run: latest already resolves
    assert run.meta["status"] == "running" and [j.key for j in run.journeys] == ["alpha--report-pothole"]
    writer.add(journey("beta", "broken"))
    writer.finish()
    run = load_run(tmp_path, writer.run_id)
    assert run.meta["status"] == "finished" and run.meta["finished_at"]
    assert [s["outcome"] for s in run.meta["journeys"]] == ["completed", "broken"]
    assert [j.key for j in run.broken] == ["beta--report-pothole"]
    assert not list(tmp_path.rglob("*.tmp")), "no temporary files left behind"


def test_a_finished_run_lists_its_journeys_in_the_planned_order(tmp_path):
    planned = [{"council_id": c, "task": "report-pothole"} for c in ("alpha", "beta", "gamma")]
    writer = RunWriter(tmp_path, {"journey_count": 3, "planned": planned})
    for council in ("gamma", "alpha", "beta"):  # the order several workers finished them in
        writer.add(journey(council))
    assert [s["key"] for s in load_run(tmp_path).meta["journeys"]][0] == "gamma--report-pothole", "as they finish"
    writer.add(journey("delta"))  # not planned (never happens in a run): kept, after the planned ones
    writer.finish()
    keys = [s["key"] for s in load_run(tmp_path, writer.run_id).meta["journeys"]]
    assert keys == ["alpha--report-pothole", "beta--report-pothole", "gamma--report-pothole", "delta--report-pothole"]


def test_latest_follows_the_newest_run_and_ids_are_unique(tmp_path):
    first = RunWriter(tmp_path, {})
    second = RunWriter(tmp_path, {})
    assert first.run_id != second.run_id
    assert resolve_run(tmp_path).resolve() == second.folder.resolve()
    assert list_runs(tmp_path) == sorted([first.run_id, second.run_id])


def test_unknown_run_and_damaged_files_are_clear_errors(tmp_path):
    with pytest.raises(ResultsError, match="no runs"):
        resolve_run(tmp_path)
    writer = RunWriter(tmp_path, {})
    with pytest.raises(ResultsError, match="unknown run 'nope'.*recent runs"):
        resolve_run(tmp_path, "nope")
    (writer.folder / "journeys" / "x--y.json").write_text("{not json")
    with pytest.raises(ResultsError, match="x--y.json is not valid JSON"):
        load_run(tmp_path)
    (writer.folder / "journeys" / "x--y.json").write_text(json.dumps({"hello": 1}))
    with pytest.raises(ResultsError, match="not a journey-audit journey result"):
        load_run(tmp_path)


def test_run_folders_without_a_latest_link_are_named_not_called_missing(tmp_path):
    writer = RunWriter(tmp_path, {})
    (tmp_path / "latest").unlink()  # a run folder copied into another results folder has no link
    with pytest.raises(ResultsError, match=f"no 'latest' link: name a run \\(recent runs: {writer.run_id}\\)"):
        resolve_run(tmp_path)
    assert resolve_run(tmp_path, writer.run_id) == writer.folder
