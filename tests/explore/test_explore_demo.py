"""explore over the demo councils: findability as documented, start pages found, outcomes as scripted."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator

from journey_audit.demo.findability import FINDABILITY
from journey_audit.loader import load_journey
from journey_audit.schema import result_schema


def _path(url: str | None) -> str:
    return urlsplit(url or "").path


def _by_key(run) -> dict:
    return {j.key: j for j in run.journeys}


def test_findability_matches_the_demo_docs(explored):
    run, _, _ = explored
    measured = {}
    for journey in run.journeys:
        f = journey["metrics"]["findability"]
        measured[(journey["council_id"], journey["task"])] = {
            "start": _path(journey["exploration"]["start_url"]), "clicks_from_home": f["clicks_from_home"],
            "search_rank": f["search_rank"], "in_a_to_z": f["in_a_to_z"], "found_by": f["found_by"]}
    documented = {(c, t): row for c, tasks in FINDABILITY.items() for t, row in tasks.items()}
    assert measured == documented


def test_the_start_page_is_one_the_scripted_journey_goes_through(explored, scripted):
    explored_by_key, scripted_by_key = _by_key(explored[0]), _by_key(scripted)
    assert set(explored_by_key) == set(scripted_by_key) and len(scripted_by_key) == 12
    for key, script in scripted_by_key.items():
        visited = {_path(s.get("url")) for s in script["steps"] if s.get("url")}
        found = _path(explored_by_key[key]["exploration"]["start_url"])
        assert found in visited, f"{key}: explore started at {found}, the scripted journey visits {sorted(visited)}"


def _ending(journey) -> str:
    if journey.outcome == "completed":
        return "completed before the final submit" if journey.get("stopped_before_submit") else "completed"
    return f"{journey.outcome}: {(journey.get('outcome_reason') or {}).get('kind')}"


def test_explore_walks_to_the_scripted_outcome_for_at_least_10_of_12(explored, scripted):
    explored_by_key = _by_key(explored[0])
    same, different = [], []
    for key, script in _by_key(scripted).items():
        pair = (key, _ending(script), _ending(explored_by_key[key]))
        (same if pair[1] == pair[2] else different).append(pair)
    assert len(same) >= 10, f"different outcomes: {different}"
    assert all(ending != "broken" for _, _, ending in different + same)


def test_explore_never_submits_without_allow_submit(explored):
    run, written, submissions = explored
    assert submissions == 0
    for journey in run.journeys:
        assert journey.get("submitted") is False
        if journey.outcome == "completed":
            assert journey["stopped_before_submit"] is True
            final = [s for s in journey["steps"] if s["status"] == "skipped_final"]
            assert len(final) == 1 and final[0]["action"] == "submit"
    text = (written / "brightwater" / "report-pothole.yaml").read_text(encoding="utf-8")
    assert text.rstrip().splitlines()[-1].startswith('  - submit: {name: "Send report", final: true}')


def test_explored_results_are_ordinary_results_marked_explored(explored):
    run, _, _ = explored
    validator = Draft202012Validator(result_schema())
    for journey in run.journeys:
        assert journey["source"] == "explored"
        assert journey["friction"]["components"]["findability"]["score"] is not None
        errors = sorted(validator.iter_errors(journey.data), key=str)
        assert not errors, f"{journey.key}: {errors[0].message}"
    stonyfield = _by_key(run)["stonyfield--report-pothole"]
    deep = [f for f in stonyfield["findings"] if f["id"] == "findability-search"]
    assert deep and stonyfield["metrics"]["findability"]["search_rank"] is None
    assert json.loads((run.folder / "run.json").read_text())["source"] == "explored"


def test_written_journeys_use_labels_and_say_where_css_was_needed(explored):
    _, written, _ = explored
    mudford = (written / "mudford" / "report-pothole.yaml").read_text(encoding="utf-8")
    css_lines = [line for line in mudford.splitlines() if "{css:" in line]
    assert css_lines and all("# no usable label: found by CSS" in line for line in css_lines)
    assert '- fill: {label: "Postcode", value: "{persona.postcode}"}' in mudford
    journey = load_journey(written / "mudford" / "report-pothole.yaml")  # an ordinary, valid journey file
    assert journey.steps[-1].final and journey.start == "/"
