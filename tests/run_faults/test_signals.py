"""SIGINT, SIGTERM, a second signal and kill -9 in the middle of a real `journey-audit run` (a subprocess).

Each run has four journeys replayed one at a time; the signal arrives while the second one's page is
held open by the test site, so one journey has finished, one is in flight and two have not started.
"""

from __future__ import annotations

import signal
import time

import pytest
from jsonschema import Draft202012Validator

from journey_audit.schema import result_schema
from journey_audit.storage.run_folder import load_run

from .conftest import COUNCILS, journey_files, run_folder_of, start_run, wait_until_held

pytestmark = pytest.mark.e2e

GRACE_S = 5.0  # journey_audit.execution.STOP_GRACE_S
VALIDATOR = Draft202012Validator(result_schema())


def assert_intact(files: dict[str, dict]) -> None:
    for name, data in files.items():
        errors = [e.message for e in VALIDATOR.iter_errors(data)]
        assert not errors, f"{name}: {errors}"


def outcomes(files: dict[str, dict]) -> dict[str, str]:
    return {data["council_id"]: data["outcome"] for data in files.values()}


@pytest.mark.parametrize("to_group", [True, False], ids=["ctrl-c-to-the-group", "sigint-to-the-process"])
def test_sigint_lets_the_running_journey_finish_and_records_the_rest_as_not_run(
        tmp_path, hold_site, stop_process_at_end, to_group):
    """To the group, as a terminal's Ctrl-C (the driver gets it too); to the process alone (that crashed, 139)."""
    run = start_run(tmp_path, hold_site)
    stop_process_at_end(run)
    wait_until_held(run, hold_site)
    run.signal(signal.SIGINT, group=to_group)
    time.sleep(1.0)
    hold_site.release.set()  # the in-flight journey can now finish, well within the grace period
    assert run.wait() == 130, run.output()

    folder = run_folder_of(run.results)
    files = journey_files(folder)
    assert_intact(files)
    assert outcomes(files) == {"a-first": "completed", "b-held": "completed", "c-later": "not_run",
                               "d-last": "not_run"}, run.output()
    assert files["c-later--bin-days"]["error"]["kind"] == "interrupted"
    assert "friction" not in files["c-later--bin-days"], "a journey that did not run is not scored"
    stored = load_run(run.results)
    assert stored.meta["status"] == "interrupted" and stored.meta["stop_signal"] == "SIGINT"
    assert "Interrupted by SIGINT: 2 of 4 journeys ran" in run.output()
    assert "Traceback" not in run.output()
    assert (folder / "report.html").is_file()
    assert not any(r.startswith("/page/c-later") for r in hold_site.requests), "no new journey after the signal"


def test_sigterm_ends_a_journey_that_outlives_the_grace_period(tmp_path, hold_site, stop_process_at_end):
    run = start_run(tmp_path, hold_site)
    stop_process_at_end(run)
    wait_until_held(run, hold_site)
    started = time.monotonic()
    run.signal(signal.SIGTERM)  # what cron, CI and systemd send, to the process alone
    code = run.wait()
    took = time.monotonic() - started
    assert code == 143, run.output()
    assert took < GRACE_S + 15, f"stopping took {took:.1f} s"

    files = journey_files(run_folder_of(run.results))
    assert_intact(files)
    assert outcomes(files) == {"a-first": "completed", "b-held": "not_run", "c-later": "not_run",
                               "d-last": "not_run"}, run.output()
    assert load_run(run.results).meta["status"] == "interrupted"
    assert "Interrupted by SIGTERM" in run.output() and "Traceback" not in run.output()


def test_a_second_signal_quits_at_once(tmp_path, hold_site, stop_process_at_end):
    run = start_run(tmp_path, hold_site)
    stop_process_at_end(run)
    wait_until_held(run, hold_site)
    run.signal(signal.SIGINT)
    time.sleep(1.0)
    started = time.monotonic()
    run.signal(signal.SIGINT)
    assert run.wait() == 130, run.output()
    assert time.monotonic() - started < GRACE_S - 1, "the second signal did not wait for the grace period"

    files = journey_files(run_folder_of(run.results))
    assert_intact(files)
    assert outcomes(files)["a-first"] == "completed"
    stored = load_run(run.results)
    assert stored.meta["status"] == "interrupted"
    assert {j["council_id"]: j.outcome for j in stored.journeys if j["council_id"] != "a-first"} == {
        "b-held": "not_run", "c-later": "not_run", "d-last": "not_run"}


def test_kill_9_keeps_finished_journeys_and_the_next_run_is_normal(tmp_path, hold_site, stop_process_at_end):
    run = start_run(tmp_path, hold_site)
    stop_process_at_end(run)
    wait_until_held(run, hold_site)
    run.signal(signal.SIGKILL)
    assert run.wait() == -signal.SIGKILL

    killed_folder = run_folder_of(run.results)
    files = journey_files(killed_folder)
    assert_intact(files)
    assert outcomes(files) == {"a-first": "completed"}, "the finished journey is on disk, whole"
    assert not list(killed_folder.rglob("*.tmp")), "no write was under way when it was killed"
    killed = load_run(run.results)
    assert killed.meta["status"] == "killed"  # read as it really ended: the writer is gone
    assert {j["council_id"]: j.outcome for j in killed.journeys} == {
        "a-first": "completed", "b-held": "not_run", "c-later": "not_run", "d-last": "not_run"}

    hold_site.release.set()
    again = start_run(tmp_path, hold_site)
    stop_process_at_end(again)
    assert again.wait(120) == 0, again.output()
    latest = load_run(again.results)
    assert latest.run_id != killed.run_id and latest.meta["status"] == "finished"
    assert sorted(j["council_id"] for j in latest.journeys) == sorted(COUNCILS)
    assert {j.outcome for j in latest.journeys} == {"completed"}
