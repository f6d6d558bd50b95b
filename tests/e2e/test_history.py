"""Results that last, end to end: a degraded demo council shows up in diff and fails the gate."""

from __future__ import annotations

import json

import pytest

import journey_audit as ja
from journey_audit.cli import main

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """Last night (normal) and tonight (Brightwater served degraded); the pothole task at every council."""
    results = tmp_path_factory.mktemp("nightly") / "results"
    assert main(["run", "--task", "report-pothole", "--results", str(results)]) == 0
    budget = results.parent / "budget.yaml"
    budget.write_text("version: 1\ndefault:\n  max_friction_increase: 5\n")
    assert main(["run", "--task", "report-pothole", "--degrade", "brightwater",
                 "--results", str(results), "--budget", str(budget)]) == 1, "run --budget fails the regression"
    return results


def test_diff_names_the_degradation(two_runs, capsys):
    capsys.readouterr()
    assert main(["diff", "--results", str(two_runs), "--format", "json"]) == 0
    diff = json.loads(capsys.readouterr().out)
    changed = {j["council_id"]: j for j in diff["journeys"] if any(j[k] for k in ("new", "fixed", "worse", "better"))}
    assert set(changed) == {"brightwater"}, "only the degraded council changed; the others must not flap"
    brightwater = changed["brightwater"]
    assert {c["name"] for c in brightwater["new"]} >= {"unlabelled-fields", "axe-label", "axe-image-alt"}
    assert "fields_unlabelled" in {c["name"] for c in brightwater["worse"]}
    assert not brightwater["fixed"] and not brightwater["better"]


def test_gate_fails_on_the_regression_and_passes_last_night(two_runs, tmp_path, capsys):
    budget = tmp_path / "budget.yaml"
    budget.write_text("version: 1\ndefault:\n  max_friction_increase: 5\n  no_new_dead_ends: true\n"
                      "councils:\n  brightwater:\n    max_required_fields: 10\n    max_friction: 25\n")
    junit = tmp_path / "junit.xml"
    assert main(["gate", "--results", str(two_runs), "--budget", str(budget), "--base", "previous",
                 "--junit", str(junit)]) == 1
    assert "<failure" in junit.read_text()
    first = ja.load_results(two_runs).journeys["run_id"].min()
    assert main(["gate", first, "--results", str(two_runs), "--budget", str(budget)]) == 0
    budget.write_text("default:\n  max_friction: [not a number]\n")
    assert main(["gate", "--results", str(two_runs), "--budget", str(budget)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_history_and_dataframes_match_the_json(two_runs):
    frames = ja.load_results(two_runs)
    assert frames.journeys["run_id"].nunique() == 2
    latest = ja.load_run(two_runs)
    journey = next(j for j in latest.journeys if j["council_id"] == "brightwater")
    rows = frames.journeys[frames.journeys["run_id"] == latest.run_id]
    row = rows[rows["council_id"] == "brightwater"].iloc[0]
    assert row["friction"] == pytest.approx(journey["friction"]["index"])
    assert row["fields_unlabelled"] == journey["metrics"]["fields_unlabelled"]
    assert row["klm_seconds"] == pytest.approx(journey["metrics"]["klm_seconds"])


def test_compare_lists_every_council_for_a_task(demo_run, capsys):
    capsys.readouterr()
    assert main(["compare", "--task", "report-pothole", "--results", str(demo_run[1]), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    rows = rows["rows"] if isinstance(rows, dict) else rows
    assert [r["council_id"] for r in rows] == ["brightwater", "mudford", "stonyfield"]
    assert rows[2]["dead_ends"] and rows[0]["stars"] >= 3
