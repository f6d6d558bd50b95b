"""Trends come from the SQLite history (no earlier journey files read), and survive pruned run folders."""

from __future__ import annotations

import shutil

from report_fixtures import good, legacy, write_run

from journey_audit.reports.html import load_history, render_report, trend_charts
from journey_audit.storage.history import index_run
from journey_audit.storage.run_folder import load_run


def _three_runs(results, jpegs, index: bool):
    for n, friction in enumerate((70, 55, 40)):
        run_id = f"2026112{n + 1}-090000"
        write_run(results, run_id, [good(index=friction), legacy()], jpegs, started_at=f"2026-11-2{n + 1}T09:00:00+00:00")
        if index:
            index_run(results, run_id)
    return load_run(results, "20261123-090000")


def _values(charts):
    return [(c["task"], line["council"], sorted(line["values"].items())) for c in charts for line in c["lines"]]


def test_trends_from_history_match_trends_from_folders_and_outlive_the_folders(tmp_path, jpegs):
    from_folders = _three_runs(tmp_path / "plain", jpegs, index=False)
    expected = _values(trend_charts(load_history(from_folders), from_folders))
    assert ("report-pothole", "Brightwater Borough Council",
            [("20261121-090000", 70), ("20261122-090000", 55), ("20261123-090000", 40)]) in expected

    results = tmp_path / "indexed"
    current = _three_runs(results, jpegs, index=True)
    for pruned in ("20261121-090000", "20261122-090000"):
        shutil.rmtree(results / pruned)  # as `prune` does: the history rows stay
    history = load_history(current)
    assert [r.run_id for r in history] == ["20261121-090000", "20261122-090000", "20261123-090000"]
    assert _values(trend_charts(history, current)) == expected
    assert "Brightwater Borough Council: 70, 55, 40" in render_report(current, history_runs=history)


def test_history_skips_shards_and_other_viewports(tmp_path, jpegs):
    results = tmp_path / "results"
    current = _three_runs(results, jpegs, index=True)
    write_run(results, "20261122-100000", [good(index=99)], jpegs)
    meta_file = results / "20261122-100000" / "run.json"
    meta_file.write_text(meta_file.read_text().replace('"demo": true', '"demo": true, "viewport": "phone"'))
    index_run(results, "20261122-100000")
    assert "20261122-100000" not in [r.run_id for r in load_history(current)]


def test_a_damaged_history_falls_back_to_the_folders(tmp_path, jpegs):
    results = tmp_path / "results"
    current = _three_runs(results, jpegs, index=False)
    (results / "history.sqlite").write_bytes(b"not a database at all" * 50)
    assert [r.run_id for r in load_history(current)] == ["20261121-090000", "20261122-090000", "20261123-090000"]


def test_a_locked_history_is_waited_for_briefly_then_the_folders_are_read(tmp_path, jpegs, monkeypatch):
    """Trends are a bonus: a history another program holds locked costs the report TRENDS_BUSY_TIMEOUT_S, not
    the history's own 30 s busy timeout, and the earlier runs still come from their folders."""
    import sqlite3

    from journey_audit.reports.html import trends
    from journey_audit.storage import history

    results = tmp_path / "results"
    current = _three_runs(results, jpegs, index=True)
    waits: list[float] = []
    real_connect = history.connect

    def recording_connect(path, *, create=True, timeout=history.DEFAULT_BUSY_TIMEOUT_S):
        waits.append(timeout)
        return real_connect(path, create=create, timeout=timeout)

    monkeypatch.setattr(history, "connect", recording_connect)
    monkeypatch.setattr(trends, "TRENDS_BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(results / "history.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program writing the history
    try:
        runs = load_history(current)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert waits == [0.2], "the trends read waited as long as a history write may"
    assert [r.run_id for r in runs] == ["20261121-090000", "20261122-090000", "20261123-090000"]
