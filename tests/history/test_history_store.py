"""The SQLite history: indexing, re-indexing, atomicity, migrations, damaged files."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from journey_audit import cli
from journey_audit.storage import history
from journey_audit.storage.migrations import SCHEMA_VERSION, migrate
from journey_audit.storage.run_folder import ResultsError

from .conftest import dead_end, make_journey, unlabelled_finding, write_run


def counts(db: Path, run_id: str) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t} WHERE run_id = ?", (run_id,)).fetchone()[0]
                for t in ("runs", *history.TABLES)}


def test_index_writes_every_table(results_dir: Path):
    journey = make_journey(findings=[unlabelled_finding()], dead_ends=[dead_end()], fields_unlabelled=1)
    write_run(results_dir, "r1", [journey, make_journey("eastmoor")])
    assert history.index_run(results_dir, "r1") == "r1"
    db = results_dir / "history.sqlite"
    assert counts(db, "r1") == {"runs": 1, "journeys": 2, "steps": 10, "findings": 1, "dead_ends": 1, "scores": 4}
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        row = conn.execute("SELECT friction, fields_unlabelled, dead_ends FROM journeys WHERE key = ?",
                           ("brightwater--report-pothole",)).fetchone()
    assert row == (40.0, 1, '["login_wall"]')


def test_reindex_replaces_the_run(results_dir: Path, tmp_path: Path):
    db = tmp_path / "elsewhere.sqlite"
    write_run(results_dir, "r1", [make_journey(), make_journey("eastmoor")])
    history.index_run(results_dir, "r1", db)
    shutil.rmtree(results_dir / "r1")
    write_run(results_dir, "r1", [make_journey(friction=70.0)])  # the run folder was rewritten
    history.index_run(results_dir, "r1", db)
    rows = history.query(db, "SELECT key, friction FROM journeys")
    assert rows == [{"key": "brightwater--report-pothole", "friction": 70.0}]
    assert counts(db, "r1")["steps"] == 5


def test_crash_mid_index_leaves_previous_history(results_dir: Path, monkeypatch):
    write_run(results_dir, "r1", [make_journey(friction=10.0), make_journey("eastmoor")])
    history.index_run(results_dir, "r1")
    db = results_dir / "history.sqlite"
    before = counts(db, "r1")
    write_run(results_dir, "r1", [make_journey(friction=90.0), make_journey("eastmoor"), make_journey("x")])

    real_insert, calls = history._insert, []

    def failing_insert(conn, table, columns, records):
        calls.append(table)
        real_insert(conn, table, columns, records)
        if len(calls) == 7:  # part-way through the second journey
            raise RuntimeError("power cut")

    monkeypatch.setattr(history, "_insert", failing_insert)
    with pytest.raises(RuntimeError):
        history.index_run(results_dir, "r1")
    assert counts(db, "r1") == before
    assert history.query(db, "SELECT friction FROM journeys WHERE council_id = 'brightwater'") == [{"friction": 10.0}]
    monkeypatch.setattr(history, "_insert", real_insert)
    history.index_run(results_dir, "r1")  # and the run can be indexed again
    assert counts(db, "r1")["journeys"] == 3


def test_migrates_a_version_1_file(tmp_path: Path, results_dir: Path):
    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, target=1)
    conn.execute("INSERT INTO runs (run_id) VALUES ('old')")
    conn.execute("""INSERT INTO journeys (run_id, key, council_id, task, outcome, error, dead_ends)
                    VALUES ('old', 'a--t', 'a', 't', 'broken', '{"kind": "timeout", "step": 2}',
                            '[{"kind": "captcha", "step": 1, "blocking": true, "evidence": {"url": "u"}}]')""")
    conn.close()
    write_run(results_dir, "new", [make_journey(findings=[unlabelled_finding()])])
    history.index_run(results_dir, "new", db)  # opening migrates, keeping old rows
    assert history.query(db, "SELECT error_kind, dead_ends FROM journeys WHERE run_id = 'old'") == [
        {"error_kind": "timeout", "dead_ends": ["captcha"]}]
    assert history.query(db, "SELECT kind, step, blocking, url FROM dead_ends") == [
        {"kind": "captcha", "step": 1, "blocking": 1, "url": "u"}]
    assert history.query(db, "SELECT finding_id, kind, component FROM findings WHERE run_id = 'new'") == [
        {"finding_id": "unlabelled-field", "kind": "barrier", "component": "forms"}]
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_damaged_history_is_reported_and_left_alone(results_dir: Path):
    write_run(results_dir, "r1", [make_journey()])
    db = results_dir / "history.sqlite"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ResultsError, match="history.sqlite is not a usable"):
        history.index_run(results_dir, "r1")
    assert db.read_bytes() == b"this is not sqlite" * 100


def test_newer_schema_is_refused(tmp_path: Path, results_dir: Path):
    db = tmp_path / "h.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    write_run(results_dir, "r1", [make_journey()])
    with pytest.raises(ResultsError, match="newer journey-audit"):
        history.index_run(results_dir, "r1", db)


def test_index_command(results_dir: Path, commands, capsys):
    write_run(results_dir, "r1", [make_journey()])
    write_run(results_dir, "r2", [make_journey()])
    assert cli.main(["index", "--results", str(results_dir)]) == 0
    assert history.indexed_runs(results_dir / "history.sqlite") == ["r2"]
    assert cli.main(["index", "--all", "--missing", "--results", str(results_dir)]) == 0
    assert "r1" in capsys.readouterr().out
    assert history.indexed_runs(results_dir / "history.sqlite") == ["r1", "r2"]
    assert cli.main(["index", "nope", "--results", str(results_dir)]) == 2
    assert "unknown run 'nope'" in capsys.readouterr().err
