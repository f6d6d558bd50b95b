"""check, rescore, shards + merge: the commands around `run`, on real demo results."""

from __future__ import annotations

import shutil

import pytest

import journey_audit as ja
from journey_audit.cli import main
from journey_audit.storage.run_folder import list_runs

pytestmark = pytest.mark.e2e

TIMING = {"duration_s", "started_at", "wait_seconds", "duration_ms", "wait_ms"}


def test_check_audits_single_pages(demo, tmp_path, capsys):
    results = tmp_path / "results"
    pdf_page = demo.base_urls["stonyfield"] + "/roads-and-transport/potholes"
    good_page = demo.base_urls["brightwater"] + "/roads/report-a-pothole"
    assert main(["check", pdf_page, good_page, "--results", str(results)]) == 0
    run = ja.load_run(results)
    by_url = {j["start_url"]: j for j in run.journeys}
    assert by_url[pdf_page].outcome == "dead_end" and by_url[pdf_page]["outcome_reason"]["kind"] == "pdf_form"
    assert by_url[good_page].outcome == "completed" and by_url[good_page]["friction"]["stars"] >= 3
    assert by_url[good_page]["steps"][0]["artifacts"]["axe"]["version"]
    assert main(["check", "not-a-url", "--results", str(results)]) == 2


def test_rescore_needs_no_browser_and_follows_the_profile(demo_run, tmp_path, monkeypatch):
    results = tmp_path / "results"
    shutil.copytree(demo_run[2].folder, results / demo_run[2].run_id)
    import journey_audit.browser.session as session

    monkeypatch.setattr(session.BrowserSession, "_ensure_browser", lambda self: pytest.fail("browser started"))
    before = {j.key: j["friction"]["index"] for j in demo_run[2].journeys}
    assert main(["rescore", demo_run[2].run_id, "--results", str(results)]) == 0
    same = {j.key: j["friction"]["index"] for j in ja.load_run(results, demo_run[2].run_id).journeys}
    assert same == before
    profile = tmp_path / "strict.yaml"
    profile.write_text('version: "test-1"\nklm: {K: 1.2}\n')  # the worst typist
    assert main(["rescore", demo_run[2].run_id, "--results", str(results), "--profile", str(profile)]) == 0
    slower = {j.key: j for j in ja.load_run(results, demo_run[2].run_id).journeys}
    legacy = slower["mudford--report-pothole"]
    old = next(j for j in demo_run[2].journeys if j.key == "mudford--report-pothole")
    assert legacy["metrics"]["klm_seconds"] > old["metrics"]["klm_seconds"]
    assert legacy["friction"]["profile_version"] == "test-1"
    profile.write_text("klm: [broken\n")
    assert main(["rescore", demo_run[2].run_id, "--results", str(results), "--profile", str(profile)]) == 2


def _comparable(journey: dict) -> dict:
    return {"outcome": journey["outcome"], "friction": journey["friction"]["index"],
            "metrics": {k: v for k, v in journey["metrics"].items() if k not in TIMING},
            "dead_ends": sorted(d["kind"] for d in journey["dead_ends"])}


def test_shards_merged_equal_the_whole_run(demo_run, tmp_path, capsys):
    results = tmp_path / "results"
    for shard in ("1/2", "2/2"):  # one task at the three councils: shards of two journeys and one
        assert main(["run", "--task", "report-missed-bin", "--shard", shard, "--results", str(results)]) == 0
    shard_ids = list_runs(results)
    assert len(shard_ids) == 2
    assert not (results / "history.sqlite").exists(), "shards are parts of a run: only their merge is history"
    assert main(["merge", *shard_ids, "--into", "merged", "--results", str(results)]) == 0
    merged = {j.key: _comparable(j.data) for j in ja.load_run(results, "merged").journeys}
    assert set(ja.load_results(results).journeys["run_id"]) == {"merged"}
    whole = {j.key: _comparable(j.data) for j in demo_run[2].journeys if j["task"] == "report-missed-bin"}
    assert merged == whole and len(merged) == 3


def test_a_start_page_that_never_answers_is_site_unreachable_not_scored(demo, tmp_path):
    """Nothing answered at all: the site may be down, so nothing is charged to the council (issue 11).
    A page that never answers after the site has answered is a timeout dead end: tests/faults/test_bounded_waits.py."""
    from dataclasses import replace

    from journey_audit.browser.settings import load_settings

    slow = demo.base_urls["stonyfield"] + "/bins-and-recycling/garden-waste"
    settings = replace(load_settings(), navigation_timeout_s=2.0)
    run = ja.run_journeys(ja.api.journeys_for_urls([slow]), results_dir=tmp_path / "results",
                          options=ja.RunOptions(axe=False), settings=settings, workers=1)
    journey = run.journeys[0]
    assert journey.outcome == "broken" and journey["error"]["kind"] == "site_unreachable"
    assert not journey["dead_ends"] and journey["friction"]["index"] is None
