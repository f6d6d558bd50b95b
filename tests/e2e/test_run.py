"""End to end: journeys replayed in real Chromium against the demo councils on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journey_audit import (
    DEMO_JOURNEYS,
    RunOptions,
    load_journey,
    load_journeys,
    load_run,
    run_journeys,
    select,
)
from journey_audit.cli import main

pytestmark = pytest.mark.e2e
POTHOLE = DEMO_JOURNEYS / "brightwater" / "report-pothole.yaml"


def options(demo, **kw) -> RunOptions:
    return RunOptions(base_urls=dict(demo.base_urls), axe=False, **kw)


def test_final_submit_is_guarded_unless_allowed(demo, results_dir, run_in_shared_browser):
    journey = load_journey(POTHOLE)
    demo.reset_submissions()
    run = run_in_shared_browser([journey], results_dir=results_dir, options=options(demo))
    result = run.journeys[0]
    assert result.outcome == "completed", result.get("error")
    assert result["stopped_before_submit"] and not result["submitted"]
    assert result["steps"][-1]["status"] == "skipped_final"
    assert demo.submissions("brightwater", "report-pothole") == 0

    run = run_in_shared_browser([journey], results_dir=results_dir, options=options(demo, allow_submit=True))
    result = run.journeys[0]
    assert result.outcome == "completed", result.get("error")
    assert result["submitted"] and not result["stopped_before_submit"]
    assert demo.submissions("brightwater", "report-pothole") == 1


def test_step_records_what_happened(demo, results_dir, run_in_shared_browser):
    run = run_in_shared_browser([load_journey(POTHOLE)], results_dir=results_dir, options=options(demo))
    steps = run.journeys[0]["steps"]
    start = steps[0]
    assert start["action"] == "goto" and start["http_status"] == 200 and start["url"].startswith("http://127.0.0.1:")
    assert start["title"]
    fills = [s for s in steps if s["action"] == "fill"]
    assert fills and all(s["chars_typed"] > 0 for s in fills)
    for step in steps:
        if step["status"] == "ok":
            assert (run.folder / step["screenshot"]).stat().st_size > 1000
            assert step["duration_ms"] >= 0 and step["started_at"]


def test_broken_journey_does_not_stop_the_others(demo, results_dir, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(POTHOLE.read_text().replace("task: report-pothole", "task: report-pothole-typo")
                   .replace("steps:\n", "steps:\n  - click: This button does not exist\n    \n", 1))
    journeys = [load_journey(bad), *select(load_journeys([DEMO_JOURNEYS]), ["brightwater"], ["report-missed-bin"])]
    code = main(["run", str(bad), str(DEMO_JOURNEYS / "brightwater" / "report-missed-bin.yaml"), "--demo",
                 "--results", str(results_dir), "--no-axe", "--workers", "2"])
    assert code == 1
    run = load_run(results_dir)
    outcomes = {j["task"]: j.outcome for j in run.journeys}
    assert outcomes == {"report-pothole-typo": "broken", "report-missed-bin": "completed"}, outcomes
    broken = next(j for j in run.journeys if j.outcome == "broken")
    assert broken["error"]["step"] == 1 and broken["error"]["line"] and broken["error"]["screenshot"]
    assert len(journeys) == 2


def test_killed_run_keeps_finished_journeys(tmp_path):
    results = tmp_path / "results"
    proc = subprocess.Popen([sys.executable, "-m", "journey_audit", "run", "--results", str(results),
                             "--workers", "1", "--no-axe"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(results.glob("*/journeys/*.json")):
            time.sleep(0.2)
        assert list(results.glob("*/journeys/*.json")), "no journey finished within 2 minutes"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    run = load_run(results)  # latest still resolves and every file is whole JSON
    files = list((run.folder / "journeys").iterdir())
    for file in files:
        json.loads(file.read_text())
    assert run.meta["status"] == "killed", "read as it ended: its process is gone (run.json says running)"
    assert files and len(files) - 1 <= len(run.meta["journeys"]) <= len(files)  # killed between the two writes?
    assert len([j for j in run.journeys if j.outcome != "not_run"]) == len(files)
    assert len(run.journeys) == run.meta["journey_count"], "every planned journey is accounted for"


def test_demo_command_covers_every_council_and_task(demo_run):
    code, results_dir, run, out = demo_run
    councils = {j["council_id"] for j in run.journeys}
    tasks = {j["task"] for j in run.journeys}
    assert len(councils) >= 3 and len(tasks) >= 3 and len(run.journeys) == len(councils) * len(tasks)
    assert code == 0, [(j.key, j.get("error")) for j in run.journeys if j.outcome == "broken"]
    assert all(j["council"] in out for j in run.journeys)
    assert (Path(results_dir) / "latest").resolve() == run.folder.resolve()
    assert run.meta["status"] == "finished"


def _endings(journeys) -> dict[str, set]:
    return {"councils": {j["council_id"] for j in journeys}, "outcomes": {j.outcome for j in journeys},
            "reasons": {(j.get("outcome_reason") or {}).get("kind") for j in journeys},
            "blocking": {d["kind"] for j in journeys for d in j["dead_ends"] if d["blocking"]},
            "held_back": {bool(j["stopped_before_submit"]) for j in journeys}}


def test_the_demo_sample_ends_every_way_the_whole_demo_does(demo_run, demo_sample):
    """The remote-browser and shared-browser tests replay this sample, not all 12, and compare with demo_run."""
    keys = {f"{path.parent.name}--{path.stem}" for path in demo_sample}
    sample = [j for j in demo_run[2].journeys if j.key in keys]
    assert len(sample) == len(keys) == len(demo_sample) < len(demo_run[2].journeys)
    assert _endings(sample) == _endings(demo_run[2].journeys)
    non_blocking = {d["kind"] for j in sample for d in j["dead_ends"] if not d["blocking"]}
    assert {"captcha", "validation_loop"} <= non_blocking


def test_browser_dying_mid_journey_is_retried_and_loses_nothing(demo, results_dir, monkeypatch):
    from journey_audit.browser import runner

    original = runner.JourneyReplay.execute
    killed = []

    def execute(self, page, tracker, step, index):
        if index == 2 and not killed:  # the browser process goes away in the middle of the journey
            killed.append(True)
            self.session._browser.close()
        return original(self, page, tracker, step, index)

    monkeypatch.setattr(runner.JourneyReplay, "execute", execute)
    journeys = select(load_journeys([DEMO_JOURNEYS]), ["brightwater"], ["report-missed-bin", "report-pothole"])
    run = run_journeys(journeys, results_dir=results_dir, options=options(demo, retries=1), workers=1)
    assert killed and [j.outcome for j in run.journeys] == ["completed", "completed"]
    assert sorted(j["attempts"] for j in run.journeys) == [1, 2]

    killed.clear()
    run = run_journeys(journeys[:1], results_dir=results_dir, options=options(demo, retries=0), workers=1)
    assert run.journeys[0].outcome == "broken" and run.journeys[0]["error"]["kind"] == "browser_crash"


def test_phone_viewport_is_375_wide(demo, results_dir, run_in_shared_browser):
    journey = load_journey(DEMO_JOURNEYS / "brightwater" / "report-missed-bin.yaml")
    run = run_in_shared_browser([journey], results_dir=results_dir, options=options(demo, viewport="phone"))
    result = run.journeys[0]
    assert result.outcome == "completed" and result["viewport"]["width"] == 375
    assert result["steps"][0]["artifacts"]["page"]["horizontal_overflow"] is False


def test_every_action_kind_runs_against_the_demo_sites(demo_run):
    from journey_audit.actions import REGISTRY

    ran = {s["action"] for j in demo_run[2].journeys for s in j["steps"] if s["status"] == "ok"}
    held_back = {s["action"] for j in demo_run[2].journeys for s in j["steps"] if s["status"] == "skipped_final"}
    assert set(REGISTRY) <= ran | held_back, set(REGISTRY) - ran
    assert "submit" in held_back and not any(j["submitted"] for j in demo_run[2].journeys)


def test_script_mistakes_are_broken_journeys_not_council_dead_ends(demo, tmp_path, run_in_shared_browser):
    typo = tmp_path / "typo.yaml"
    typo.write_text(POTHOLE.read_text().replace("task: report-pothole", "task: typo-in-a-label")
                    .replace("steps:\n", "steps:\n  - fill: {label: No such question, value: x, timeout: 1}\n", 1))
    missing = tmp_path / "missing.yaml"
    missing.write_text(POTHOLE.read_text().replace("task: report-pothole", "task: typo-in-start")
                       .replace("start: /", "start: /no-such-page-", 1))
    run = run_in_shared_browser(load_journeys([typo, missing]), results_dir=tmp_path / "results",
                                options=options(demo))
    results = {j["task"]: j for j in run.journeys}
    label = results["typo-in-a-label"]
    assert label.outcome == "broken" and "No such question" in label["error"]["message"]
    assert label["error"]["line"] and not any(d["kind"] == "timeout" for d in label["dead_ends"])
    start = results["typo-in-start"]
    assert start.outcome == "broken" and start["error"]["kind"] == "start_not_found"
    assert "start:" in start["error"]["message"] and start["friction"]["index"] is None


def test_a_missing_page_in_check_names_its_url_not_a_journey_file(demo, tmp_path, run_in_shared_browser):
    from journey_audit.api import journeys_for_urls

    url = demo.base_urls["brightwater"] + "/no-such-page"
    run = run_in_shared_browser(journeys_for_urls([url]), results_dir=tmp_path / "results",
                                options=options(demo, reuse_tabs=True))
    page = run.journeys[0]
    assert page.outcome == "broken" and page["error"]["kind"] == "start_not_found"
    assert page["journey_path"] == url  # not Path(url)'s "http:/127.0.0.1..."
    assert "start:" not in page["error"]["message"] and url in page["error"]["message"]
