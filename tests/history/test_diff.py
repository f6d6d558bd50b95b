"""diff: findings by identity, metrics past noise thresholds, dead ends, site-down journeys, timing."""

from __future__ import annotations

import json
from pathlib import Path

from journey_audit import cli
from journey_audit.analysis.diff import diff_journeys, diff_runs

from .conftest import dead_end, make_journey, site_down, unlabelled_finding, write_run


def summary(change_list) -> set[tuple[str, str, str]]:
    return {(c.kind, c.what, c.name) for c in change_list}


def insert_step(journey: dict, at: int) -> dict:
    """The journey with a new script line at ``at``: every later screen keeps its name but moves one on."""
    for step in journey["steps"][at:]:
        step["target"] = f"step {step['index'] - 1}"
    journey["steps"][at]["target"] = "a new step"
    return journey


def test_removed_label_and_new_dead_end_are_named_exactly():
    base = make_journey(friction=30.0, steps=5, findings=[unlabelled_finding("Email", step=4)])
    head = make_journey(friction=30.5, steps=5, fields_unlabelled=1, dead_ends=[dead_end("login_wall")],
                        findings=[unlabelled_finding("Email", step=5), unlabelled_finding("Postcode", step=3)],
                        port=9999, wait_seconds=40.0, duration_s=99.0)  # other port, much slower: not changes
    insert_step(head, 2)  # so Email's screen is now step 5: still the same finding
    d = diff_journeys(base, head)
    assert d.status == "compared"
    assert summary(d.changes) == {("new", "finding", "unlabelled-field"), ("worse", "metric", "fields_unlabelled"),
                                  ("new", "dead_end", "login_wall")}
    new_finding = d.of("new")[[c.what for c in d.of("new")].index("finding")]
    assert "Postcode" in new_finding.detail and "step 3" in new_finding.detail
    assert "fields_unlabelled 0 → 1 (+1)" in [c.detail for c in d.of("worse")]


def test_fixed_and_better():
    base = make_journey(friction=50.0, stars=2, fields_required=9, findings=[unlabelled_finding()],
                        dead_ends=[dead_end("pdf_form")])
    head = make_journey(friction=30.0, stars=3, fields_required=6)
    d = diff_journeys(base, head)
    assert summary(d.changes) == {("fixed", "finding", "unlabelled-field"), ("fixed", "dead_end", "pdf_form"),
                                  ("better", "metric", "friction"), ("better", "metric", "stars"),
                                  ("better", "metric", "fields_required")}


def test_noise_thresholds():
    base = make_journey(friction=30.0, klm_seconds=40.0)
    assert diff_journeys(base, make_journey(friction=31.5, klm_seconds=41.5)).changes == ()
    assert summary(diff_journeys(base, make_journey(friction=33.0, klm_seconds=43.0)).changes) == {
        ("worse", "metric", "friction"), ("worse", "metric", "klm_seconds")}


def test_site_down_is_not_a_regression():
    d = diff_journeys(make_journey(), site_down())
    assert d.status == "site_down" and d.changes == () and "site unreachable" in d.note
    assert diff_journeys(site_down(), make_journey()).status == "base_site_down"


def test_design_breakage_is_a_regression():
    head = make_journey(outcome="broken", error={"step": 3, "kind": "element_not_found",
                                                 "message": "no button Continue", "screenshot": None})
    d = diff_journeys(make_journey(), head)
    assert ("worse", "outcome", "outcome") in summary(d.changes)


def test_added_and_removed_journeys():
    diff = diff_runs([make_journey("a")], [make_journey("b")], "r1", "r2")
    assert [(j.council_id, j.status) for j in diff.journeys] == [("a", "removed"), ("b", "added")]


def test_cli_defaults_to_previous_vs_latest(results_dir: Path, commands, capsys):
    write_run(results_dir, "r1", [make_journey()])
    write_run(results_dir, "r2", [make_journey()], meta={"shard": [1, 2]})  # shards are skipped as a base
    write_run(results_dir, "r3", [make_journey(fields_unlabelled=1, findings=[unlabelled_finding()])])
    assert cli.main(["diff", "--results", str(results_dir), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["base_run"], out["head_run"]) == ("r1", "r3")
    assert [c["name"] for c in out["journeys"][0]["new"]] == ["unlabelled-field"]
    assert cli.main(["diff", "--results", str(results_dir), "--format", "markdown"]) == 0
    assert "1 new, 1 worse" in capsys.readouterr().out
    assert cli.main(["diff", "r1", "r3", "--results", str(results_dir)]) == 0
    assert "unlabelled-field" in capsys.readouterr().out


def test_csv_has_its_header_even_when_nothing_changed(results_dir: Path, commands, capsys):
    write_run(results_dir, "r1", [make_journey()])
    write_run(results_dir, "r2", [make_journey()])
    assert cli.main(["diff", "--results", str(results_dir), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["council_id,task,status,note,kind,what,name,detail,base,head"]
    write_run(results_dir, "r3", [make_journey(fields_unlabelled=1, findings=[unlabelled_finding()])])
    assert cli.main(["diff", "--results", str(results_dir), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("council_id,task,status,note,kind,what,name,detail,base,head") and len(lines) > 1


def test_nothing_changed_is_said_in_words_with_the_title_whole(results_dir: Path, commands, capsys, monkeypatch):
    write_run(results_dir, "20261125-140000-aaaaaa", [make_journey()])
    write_run(results_dir, "20261125-150000-bbbbbb", [make_journey()])
    monkeypatch.setenv("COLUMNS", "80")  # an empty table used to wrap its title to the width of its two headers
    assert cli.main(["diff", "--results", str(results_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("20261125-140000-aaaaaa → 20261125-150000-bbbbbb") and "0 new, 0 worse" in lines[0]
    assert lines[1:] == ["no journey changed"]
    assert cli.main(["diff", "--results", str(results_dir), "--format", "markdown"]) == 0
    assert "_no journey changed_" in capsys.readouterr().out


def test_an_unscored_journey_is_no_profile_change(results_dir: Path, commands, capsys):
    write_run(results_dir, "r1", [make_journey(), site_down("mudford")])  # a site down is not scored: no profile
    write_run(results_dir, "r2", [make_journey(), make_journey("mudford")])
    assert cli.main(["diff", "--results", str(results_dir)]) == 0
    assert "different profiles" not in capsys.readouterr().err
    later = make_journey()
    later["friction"]["profile_version"] = "2"
    write_run(results_dir, "r3", [later])
    assert cli.main(["diff", "--results", str(results_dir)]) == 0
    assert "different profiles (1 vs 2)" in capsys.readouterr().err


def test_previous_run_is_one_like_it(results_dir: Path):
    from journey_audit.storage.history import previous_run

    write_run(results_dir, "r1", [make_journey()], meta={"viewport": "desktop"})
    write_run(results_dir, "r2", [make_journey("x", "home")], meta={"kind": "check", "viewport": "desktop"})
    write_run(results_dir, "r3", [make_journey()], meta={"viewport": "phone"})
    write_run(results_dir, "r4", [make_journey()], meta={"viewport": "desktop"})
    assert previous_run(results_dir, "r4") == "r1"  # not the check run, not the phone run
    assert previous_run(results_dir, "r3") == "r2"  # no earlier phone run: the newest whole run
    assert previous_run(results_dir, "r1") is None


def test_cli_first_run_and_unknown_run(results_dir: Path, commands, capsys):
    write_run(results_dir, "r1", [make_journey()])
    assert cli.main(["diff", "--results", str(results_dir)]) == 2
    assert "nothing to diff against" in capsys.readouterr().err
    assert cli.main(["diff", "nope", "--results", str(results_dir)]) == 2
    assert "unknown run 'nope'" in capsys.readouterr().err


def moved_start(journey: dict, path: str) -> dict:
    """The same journey after the council moved its start page: step 0 and its URLs change, nothing else."""
    journey["start_url"] = f"http://127.0.0.1:8801{path}"
    for step in journey["steps"]:
        step["url"] = f"http://127.0.0.1:8801{path}/{step['index']}"
    journey["steps"][0]["target"] = f"http://127.0.0.1:8801{path}"
    return journey


def dead_end_finding(url: str, step: int = 0) -> dict:
    return {"id": "dead-end-http-error", "audit": "dead-ends", "step": step, "severity": "high",
            "title": "The page is an error page (blocking)", "detail": "Not found", "evidence": [url],
            "fix": "Fix the link.", "friction_points": 20}


def test_a_moved_start_url_does_not_make_the_same_finding_new_and_fixed():
    base = make_journey(findings=[dead_end_finding("http://127.0.0.1:8801/roads/report-a-pothole/0"),
                                  unlabelled_finding("Email", step=2)])
    head = moved_start(make_journey(findings=[dead_end_finding("http://127.0.0.1:8801/highways/potholes/0"),
                                              unlabelled_finding("Email", step=2)]), "/highways/potholes")
    for f in head["findings"]:
        for e in f["evidence"]:
            if isinstance(e, dict):
                e["url"] = "http://127.0.0.1:8801/highways/potholes/2"
    d = diff_journeys(base, head)
    assert not [c for c in d.changes if c.what == "finding"], d.changes


def test_a_finding_on_another_element_of_the_same_screen_is_new():
    base = make_journey(findings=[unlabelled_finding("Email", step=2)])
    head = make_journey(findings=[unlabelled_finding("Email", step=2), unlabelled_finding("Phone", step=2)])
    assert summary(diff_journeys(base, head).changes) == {("new", "finding", "unlabelled-field")}


def test_broken_to_completed_reads_now_completes_not_worse():
    base = make_journey(outcome="broken", steps=1, klm_seconds=3.0, chars_typed=0, fields_total=0,
                        error={"step": 1, "kind": "element_not_found", "message": "no button Continue",
                               "screenshot": None})
    head = make_journey(steps=5, klm_seconds=40.0, chars_typed=60, fields_total=8,
                        findings=[unlabelled_finding("Postcode", step=4)])
    d = diff_journeys(base, head)
    assert [(c.kind, c.what) for c in d.changes] == [("better", "outcome")], d.changes
    assert "now completes" in d.changes[0].detail and "broken at step 1" in d.changes[0].detail
    assert "not compared" in d.note


def test_completed_to_broken_is_worse_without_better_metrics():
    head = make_journey(outcome="broken", steps=1, klm_seconds=3.0, chars_typed=0, friction=10.0,
                        error={"step": 1, "kind": "element_not_found", "message": "no button Continue",
                               "screenshot": None})
    d = diff_journeys(make_journey(steps=5, klm_seconds=40.0), head)
    assert not d.of("better"), d.changes
    assert [c.what for c in d.of("worse")] == ["outcome"]
    assert "no longer completes" in d.of("worse")[0].detail


def test_a_new_dead_ends_evidence_names_the_whole_control_and_reason():
    unreachable = dead_end("keyboard_unreachable", step=10)
    unreachable["evidence"]["text"] = ("keyboard: 'Select a security question' could not be reached with Tab "
                                       "(not focusable; 21 presses)")
    endless = dead_end("phone_only", step=2)
    endless["evidence"]["text"] = "Call us " * 40
    d = diff_journeys(make_journey(), make_journey(dead_ends=[unreachable, endless]))
    details = {c.name: c.detail for c in d.of("new")}
    assert details["keyboard_unreachable"].endswith("could not be reached with Tab (not focusable; 21 presses)")
    assert details["phone_only"].endswith("…") and len(details["phone_only"]) < 200
