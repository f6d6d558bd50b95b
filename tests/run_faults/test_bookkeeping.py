"""Run-level bookkeeping without a browser: every journey accounted for, unique ids and names, faults recorded.

The replay itself is replaced by a stand-in here (these tests are about what happens around it); the
subprocess tests in test_signals.py and test_storage.py run the real thing.
"""

from __future__ import annotations

import errno
import io
import re
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import journey_audit.execution as execution
import journey_audit.storage.run_folder as run_folder
from journey_audit.analysis.diff import diff_journeys
from journey_audit.api import journeys_for_urls, run_journeys
from journey_audit.model import Journey, JourneyResult, Locator, Step, unrun_record
from journey_audit.pipeline import assess_journey
from journey_audit.schema import result_schema
from journey_audit.storage import history
from journey_audit.storage.run_folder import (
    MAX_FILE_STEM,
    RunWriter,
    StorageFull,
    file_stem,
    list_runs,
    load_run,
)

VALIDATOR = Draft202012Validator(result_schema())


def journey(council_id: str, task: str = "bin-days") -> Journey:
    return Journey(path=Path(f"{council_id}.yaml"), council=f"Council {council_id}", council_id=council_id,
                   task=task, start="http://127.0.0.1:9/start", base_url=None, persona="default",
                   steps=(Step(action="click", line=6, locator=Locator(name="Start now")),))


def replayed(j: Journey) -> JourneyResult:
    return JourneyResult({"schema_version": 1, "council": j.council, "council_id": j.council_id, "task": j.task,
                          "start_url": j.start, "outcome": "completed", "duration_s": 0.1,
                          "steps": [{"index": 0, "action": "goto", "status": "ok"}]})


class NoBrowser:
    def __init__(self, settings=None):
        pass

    def close(self) -> None:
        pass


@pytest.fixture
def fake_replay(monkeypatch):
    """Replay = return a completed result, or raise for the council ids listed in ``fails``."""
    fails: dict[str, Exception] = {}

    def replay(j, session, options, screens_dir, folder):
        if j.council_id in fails:
            raise fails[j.council_id]
        return replayed(j)

    monkeypatch.setattr(execution, "BrowserSession", NoBrowser)
    monkeypatch.setattr(execution, "replay_journey", replay)
    return fails


def by_council(run) -> dict[str, JourneyResult]:
    return {j["council_id"]: j for j in run.journeys}


def test_a_worker_error_is_recorded_as_broken_and_the_run_goes_on(tmp_path, fake_replay):
    fake_replay["beta"] = OSError(36, "File name too long")
    run = run_journeys([journey("alpha"), journey("beta"), journey("gamma")], results_dir=tmp_path,
                       workers=1, handle_signals=False)
    got = by_council(run)
    assert {k: j.outcome for k, j in got.items()} == {"alpha": "completed", "beta": "broken", "gamma": "completed"}
    assert got["beta"]["error"]["kind"] == "internal_error"
    assert "File name too long" in got["beta"]["error"]["message"]
    assert not list(VALIDATOR.iter_errors(got["beta"].data))
    assert run.meta["status"] == "finished" and len(run.journeys) == run.meta["journey_count"] == 3


def test_a_worker_that_cannot_start_leaves_no_journey_unaccounted_for(tmp_path, monkeypatch, fake_replay):
    class BrokenSession:
        def __init__(self, settings=None):
            raise RuntimeError("cannot start the browser session")

    monkeypatch.setattr(execution, "BrowserSession", BrokenSession)
    run = run_journeys([journey("alpha"), journey("beta")], results_dir=tmp_path, workers=2,
                       handle_signals=False)
    assert [j.outcome for j in run.journeys] == ["broken", "broken"]
    assert all("cannot start the browser session" in j["error"]["message"] for j in run.journeys)
    assert run.meta["status"] == "incomplete", "a run whose workers died did not finish"


def test_a_full_disk_stops_the_run_and_keeps_what_finished(tmp_path, monkeypatch, fake_replay):
    """ENOSPC injected at the writer's boundary (the real full disk is in test_storage.py, when mount works):
    the fake disk fills up after the first journey and has room again only once the run frees its reserve."""
    real_write = run_folder.write_json_atomic
    journeys_written: list[Path] = []

    def filling_disk(path, data, **kwargs):
        reserve_held = (Path(path).parent / run_folder.RESERVE_FILE).exists() or \
            (Path(path).parent.parent / run_folder.RESERVE_FILE).exists()
        if journeys_written and reserve_held:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real_write(path, data, **kwargs)
        if Path(path).parent.name == "journeys":
            journeys_written.append(Path(path))

    monkeypatch.setattr(run_folder, "write_json_atomic", filling_disk)
    with pytest.raises(StorageFull, match=r"the disk is full.*Stopped: 1 finished journey\(s\) kept") as caught:
        run_journeys([journey("alpha"), journey("beta"), journey("gamma")], results_dir=tmp_path, workers=1,
                     handle_signals=False)
    assert "\n" not in str(caught.value), "one line"
    stored = load_run(tmp_path)
    assert stored.meta["status"] == "incomplete" and "disk is full" in stored.meta["stop_reason"]
    got = by_council(stored)
    assert got["alpha"].outcome == "completed"
    assert {got["beta"].outcome, got["gamma"].outcome} == {"not_run"}
    assert got["beta"]["error"]["kind"] == "storage_full"


def test_run_ids_are_unique_even_when_started_together(tmp_path):
    ids: list[str] = []
    threads = [threading.Thread(target=lambda: ids.append(RunWriter(tmp_path, {}).run_id)) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(ids)) == 20 and len(list_runs(tmp_path)) == 20
    assert all(re.fullmatch(r"\d{8}-\d{6}-[0-9a-f]{6}", i) for i in ids)


def test_the_history_keeps_two_runs_of_the_same_second_apart(tmp_path, monkeypatch):
    from datetime import datetime, timezone

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 11, 25, 14, 0, 0, tzinfo=timezone.utc)

    monkeypatch.setattr(run_folder, "datetime", FrozenClock)
    first, second = RunWriter(tmp_path, {"journey_count": 1}), RunWriter(tmp_path, {"journey_count": 1})
    assert first.run_id[:15] == second.run_id[:15] == "20261125-140000" and first.run_id != second.run_id
    first.add(replayed(journey("alpha")))
    second.add(replayed(journey("alpha")))
    first.finish()
    second.finish()
    for writer in (first, second):
        history.index_run(tmp_path, writer.run_id)
    db = tmp_path / "history.sqlite"
    rows = history.query(db, "SELECT run_id, COUNT(*) AS n FROM journeys GROUP BY run_id ORDER BY run_id")
    assert rows == [{"run_id": r, "n": 1} for r in sorted([first.run_id, second.run_id])]
    older, newer = sorted([first.run_id, second.run_id])
    assert history.previous_run(tmp_path, newer) == older


def test_file_names_are_bounded_and_distinct_for_long_or_odd_keys():
    assert file_stem("brightwater--report-pothole") == "brightwater--report-pothole"
    long_a, long_b = "c" * 300 + "--a", "c" * 300 + "--b"
    assert len(file_stem(long_a)) <= MAX_FILE_STEM and file_stem(long_a) != file_stem(long_b)
    assert re.fullmatch(r"[A-Za-z0-9._-]+", file_stem("we/ird:key ?")) and file_stem(".hidden")[0] != "."


def test_check_names_are_unique_per_url_and_bounded():
    urls = ["https://x.gov.uk/Bins", "https://x.gov.uk/bins", "https://x.gov.uk/a/b", "https://x.gov.uk/a-b",
            "https://x.gov.uk/other", "https://x.gov.uk/" + "p" * 400, "https://x.gov.uk/other"]
    keys = {j.start: j.key for j in journeys_for_urls(urls)}
    assert len(keys) == 6, "the repeated URL is checked once"
    assert len(set(keys.values())) == 6, keys
    assert keys["https://x.gov.uk/other"] == "x-gov-uk--other", "no hash when nothing collides"
    assert all(len(k) <= 2 * 80 + 2 for k in keys.values())
    again = {j.start: j.key for j in journeys_for_urls(list(reversed(urls)))}
    assert again == keys, "names do not depend on the order of the URLs"


def test_reading_a_run_tells_a_killed_or_short_run_from_a_finished_one(tmp_path):
    writer = RunWriter(tmp_path, {"journey_count": 2, "planned": [
        {"council": "A", "council_id": "alpha", "task": "bin-days", "start_url": "http://x/", "steps": 1},
        {"council": "B", "council_id": "beta", "task": "bin-days", "start_url": "http://x/", "steps": 1}]})
    writer.add(replayed(journey("alpha")))
    assert load_run(tmp_path).meta["status"] == "running", "this process is alive: still running"
    writer.meta["pid"] = _dead_pid()
    writer.add(JourneyResult({**replayed(journey("gamma")).data}))  # rewrite run.json with the dead pid
    killed = load_run(tmp_path)
    assert killed.meta["status"] == "killed"
    assert {j["council_id"]: j.outcome for j in killed.journeys} == {
        "alpha": "completed", "gamma": "completed", "beta": "not_run"}

    short = RunWriter(tmp_path, {"journey_count": 3})
    short.add(replayed(journey("alpha")))
    short.finish()  # an older version could do this: "finished" with journeys missing
    assert load_run(tmp_path).meta["status"] == "incomplete"


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _run_beside_a_locked_history(tmp_path) -> tuple[RunWriter, Path, sqlite3.Connection]:
    """A finished one-journey run, and its history held in an exclusive lock by "another program" (the returned
    connection, usable from any thread): the caller rolls it back and closes it."""
    writer = RunWriter(tmp_path, {"journey_count": 1})
    writer.add(replayed(journey("alpha")))
    writer.finish()
    db = tmp_path / "history.sqlite"
    with history.connect(db):
        pass  # create and migrate it
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    return writer, db, holder


def test_a_run_waiting_for_a_locked_history_says_so_then_indexes_it(tmp_path):
    from rich.console import Console

    from journey_audit.commands.run import index_or_warn

    writer, db, holder = _run_beside_a_locked_history(tmp_path)
    said = threading.Event()

    class Terminal(io.StringIO):  # the other program lets go once the waiting run has said it waits
        def write(self, text: str) -> int:
            if "waiting up to" in text:
                said.set()
            return super().write(text)

    releaser = threading.Thread(target=lambda: (said.wait(60), holder.execute("ROLLBACK"), holder.close()))
    releaser.start()
    out = Terminal()
    try:
        assert index_or_warn(Console(file=out, width=200), tmp_path, writer.run_id, None, timeout=60)
    finally:
        said.set()
        releaser.join(60)
    assert "The history is locked by another program: waiting up to 59 s more (--history-timeout)" in out.getvalue()
    assert "History not updated" not in out.getvalue()
    assert history.indexed_runs(db) == [writer.run_id]


def test_a_locked_history_is_retried_then_reported_as_busy(tmp_path):
    writer, db, holder = _run_beside_a_locked_history(tmp_path)
    try:
        started = time.monotonic()
        with pytest.raises(history.HistoryBusy, match="locked by another program for 0.5 s"):
            history.index_run(tmp_path, writer.run_id, timeout=0.5)
        assert time.monotonic() - started < 5
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert history.index_run(tmp_path, writer.run_id, timeout=0.5) == writer.run_id


def test_not_run_is_stored_indexed_and_compared_but_never_scored(tmp_path):
    plan = {"council": "A", "council_id": "alpha", "task": "bin-days", "start_url": "http://x/", "steps": 2}
    record = unrun_record(plan, "not_run", kind="interrupted", message="not run: interrupted by SIGINT")
    assert not list(VALIDATOR.iter_errors(record))
    assert "friction" not in assess_journey(dict(record)), "rescore leaves it unscored too"
    writer = RunWriter(tmp_path, {"journey_count": 1})
    writer.add(JourneyResult(record))
    writer.finish("interrupted")
    history.index_run(tmp_path, writer.run_id)
    rows = history.query(tmp_path / "history.sqlite", "SELECT outcome, error_kind, friction FROM journeys")
    assert rows == [{"outcome": "not_run", "error_kind": "interrupted", "friction": None}]
    base = {**replayed(journey("alpha")).data, "findings": [], "metrics": {"fields_total": 3}}
    compared = diff_journeys(base, record)
    assert compared.status == "not_run" and not compared.changes


def test_a_worker_stuck_past_its_journey_budget_is_given_up_on_and_the_run_ends(tmp_path, monkeypatch, fake_replay):
    """A call that never returns where no watchdog reaches (a driver or browser no longer answering): the
    run records that journey, ends the worker's driver, and a new worker replays the rest of the queue."""
    from journey_audit.browser.runner import RunOptions

    never = threading.Event()
    ended: list[str] = []

    class StuckableSession(NoBrowser):
        def end_driver(self) -> bool:
            ended.append(threading.current_thread().name)
            return True

    def replay(j, session, options, screens_dir, folder):
        if j.council_id == "stuck":
            never.wait(60)  # ended by the test's teardown at the latest
        return replayed(j)

    monkeypatch.setattr(execution, "BrowserSession", StuckableSession)
    monkeypatch.setattr(execution, "replay_journey", replay)
    monkeypatch.setattr(execution, "OVERRUN_MARGIN_S", 0.5)
    box: dict[str, object] = {}
    runner = threading.Thread(target=lambda: box.update(run=run_journeys(
        [journey("stuck"), journey("alpha"), journey("beta")], results_dir=tmp_path, workers=1,
        options=RunOptions(journey_timeout_s=1.0), handle_signals=False)))
    try:
        runner.start()
        runner.join(timeout=30)
        assert not runner.is_alive(), "the run waited for ever on a stuck worker"
    finally:
        never.set()
    run = box["run"]
    got = by_council(run)
    assert {k: j.outcome for k, j in got.items()} == {"stuck": "broken", "alpha": "completed", "beta": "completed"}
    assert got["stuck"]["error"]["kind"] == "worker_stuck"
    assert "1 s budget" in got["stuck"]["error"]["message"]
    assert ended, "the stuck worker's driver was not ended"
    assert not list(VALIDATOR.iter_errors(got["stuck"].data))
    assert run.meta["status"] == "finished" and len(run.journeys) == 3
