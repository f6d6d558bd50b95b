"""`prune`: old run folders go, their history rows stay; latest, running runs and unmerged shards never go."""

from __future__ import annotations

import json
import os
import time
from datetime import datetime, timedelta, timezone

import pytest

from journey_audit.cli import main
from journey_audit.storage.history import index_run, indexed_runs, query
from journey_audit.storage.prune import plan_prune, prune_runs
from journey_audit.storage.run_folder import point_latest

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
JOURNEY = {"council_id": "c", "council": "C", "task": "t", "outcome": "completed", "steps": [],
           "friction": {"index": 30, "stars": 3}}


def make_run(results, day: int, status: str = "finished", **meta) -> str:
    run_id = f"202611{day:02d}-020000"
    folder = results / run_id
    (folder / "journeys").mkdir(parents=True)
    (folder / "journeys" / "c--t.json").write_text(json.dumps(JOURNEY))
    (folder / "screens").mkdir()
    (folder / "screens" / "00.jpg").write_bytes(b"\xff" * 2048)
    (folder / "run.json").write_text(json.dumps({"schema_version": 1, "run_id": run_id, "status": status,
                                                 "started_at": f"2026-11-{day:02d}T02:00:00+00:00",
                                                 "journeys": [], **meta}))
    return run_id


@pytest.fixture
def results(tmp_path):
    folder = tmp_path / "results"
    ids = [make_run(folder, day) for day in range(1, 7)]
    for run_id in ids[:3]:
        index_run(folder, run_id)  # half indexed, half not: prune must index the rest before removing
    point_latest(folder, ids[-1])
    return folder


def test_keep_removes_the_oldest_and_the_history_keeps_every_row(results):
    plan = prune_runs(results, keep=2, now=NOW)
    assert plan.remove == ["20261101-020000", "20261102-020000", "20261103-020000", "20261104-020000"]
    assert sorted(p.name for p in results.iterdir() if p.name[0].isdigit()) == ["20261105-020000", "20261106-020000"]
    assert not list(results.glob(".pruning-*"))
    assert set(plan.remove) <= set(indexed_runs(results / "history.sqlite")), "unindexed runs were indexed first"
    rows = query(results / "history.sqlite", "SELECT run_id, friction FROM journeys WHERE run_id = ?", ("20261104-020000",))
    assert rows == [{"run_id": "20261104-020000", "friction": 30}]
    assert plan.freed_bytes >= 4 * 2048


def test_latest_is_never_removed_even_when_old(results):
    point_latest(results, "20261102-020000")
    plan = prune_runs(results, keep=1, now=NOW)
    assert plan.protected == {"20261102-020000": "latest"}
    assert (results / "20261102-020000" / "run.json").is_file()
    assert (results / "latest").resolve().name == "20261102-020000"


def test_a_run_in_progress_is_kept_but_a_long_dead_one_goes(tmp_path):
    results = tmp_path / "results"
    live, dead = make_run(results, 1, status="running"), make_run(results, 2, status="running")
    make_run(results, 3)
    stale = time.time() - timedelta(hours=7).total_seconds()
    os.utime(results / dead / "run.json", (stale, stale))
    plan = prune_runs(results, keep=1)
    assert plan.protected == {live: "in progress"}
    assert dead in plan.remove and (results / live).is_dir() and not (results / dead).exists()


def test_older_than_uses_the_start_time_and_combines_with_keep(results):
    assert plan_prune(results, older_than_days=21.5, now=NOW).remove == ["20261101-020000", "20261102-020000",
                                                                            "20261103-020000"]
    assert plan_prune(results, keep=5, older_than_days=21.5, now=NOW).remove == ["20261101-020000"]


def test_unmerged_shards_are_kept_merged_ones_may_go(tmp_path):
    results = tmp_path / "results"
    loose = make_run(results, 1, shard=[1, 2])
    merged_shard = make_run(results, 2, shard=[2, 2])
    make_run(results, 3, merged_from=[merged_shard])
    plan = prune_runs(results, keep=1, now=NOW)
    assert plan.protected == {loose: "a shard not merged yet (journey-audit merge)"}
    assert merged_shard in plan.remove
    assert not (results / "history.sqlite").exists(), "a shard is not indexed: its merged run holds it"


def test_dry_run_removes_nothing(results):
    plan = prune_runs(results, keep=2, dry_run=True, now=NOW)
    assert len(plan.remove) == 4 and all((results / r).is_dir() for r in plan.remove)


def test_command_needs_a_rule_and_reports_what_it_did(results, capsys):
    assert main(["prune", "--results", str(results)]) == 2
    assert "needs --keep N or --older-than DAYS" in capsys.readouterr().err
    assert main(["prune", "--results", str(results), "--keep", "3"]) == 0
    out = capsys.readouterr().out
    assert "Removed 3 run folder(s)" in out and "20261103-020000" in out


def test_an_interrupted_run_is_removed_without_entering_the_history(tmp_path):
    """`run` keeps interrupted runs out of the history; pruning one must not slip it in."""
    folder = tmp_path / "results"
    stopped = make_run(folder, 1, status="interrupted")
    point_latest(folder, make_run(folder, 2))
    plan = prune_runs(folder, keep=1, now=NOW)
    assert plan.remove == [stopped] and not (folder / stopped).exists()
    history = folder / "history.sqlite"
    assert not history.exists() or stopped not in indexed_runs(history)
    index_run(folder, "20261102-020000")  # a history that exists still has no row for it
    assert stopped not in indexed_runs(history)


def test_a_pruned_run_asked_for_by_id_is_called_pruned_not_unknown(results, capsys):
    prune_runs(results, keep=2, now=NOW)
    assert main(["report", "20261102-020000", "--results", str(results)]) == 2
    err = capsys.readouterr().err
    assert "'20261102-020000' was pruned" in err and "history" in err
    assert main(["report", "20261199-020000", "--results", str(results)]) == 2
    assert "unknown run '20261199-020000'" in capsys.readouterr().err
