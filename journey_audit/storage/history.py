"""SQLite history: every run indexed into one file, so trends and cross-run questions are queries.

Run folders stay the source of truth; the history is an index that can always be rebuilt from them
(``journey-audit index --all``). Indexing a run is one transaction that first deletes the run's rows:
re-indexing replaces, and a crash part-way leaves the previous history exactly as it was.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from journey_audit.analysis import rows
from journey_audit.model import RunResult
from journey_audit.storage.migrations import SCHEMA_VERSION, migrate, user_version
from journey_audit.storage.run_folder import (
    HISTORY_FILE_NAME,
    ResultsError,
    list_runs,
    load_run,
    read_json,
    resolve_run,
)

HISTORY_FILE = HISTORY_FILE_NAME
TABLES: dict[str, tuple[str, ...]] = {
    "journeys": rows.JOURNEY_COLUMNS, "steps": rows.STEP_COLUMNS, "findings": rows.FINDING_COLUMNS,
    "dead_ends": rows.DEAD_END_COLUMNS, "scores": rows.SCORE_COLUMNS,
}
RUN_COLUMNS = ("run_id", "started_at", "finished_at", "status", "journey_count", "shard", "meta", "indexed_at")


def default_history_path(results_dir: str | Path) -> Path:
    return Path(results_dir) / HISTORY_FILE


DEFAULT_BUSY_TIMEOUT_S = 30.0  # how long to retry a history another program holds locked


class HistoryBusy(ResultsError):
    """Another program held the history locked for longer than the timeout; the run folder is unaffected."""


def _is_busy(exc: Exception) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _damaged(path: Path, exc: Exception, timeout: float = DEFAULT_BUSY_TIMEOUT_S) -> ResultsError:
    if _is_busy(exc):
        return HistoryBusy(f"the history {path} stayed locked by another program for {timeout:g} s ({exc})")
    return ResultsError(f"{path} is not a usable journey-audit history database ({exc}); it was left untouched: "
                        f"move it aside and run `journey-audit index --all` to rebuild it from the run folders")


@contextmanager
def connect(path: str | Path, *, create: bool = True,
            timeout: float = DEFAULT_BUSY_TIMEOUT_S) -> Iterator[sqlite3.Connection]:
    """Open (and migrate) the history; ResultsError, never a traceback, for a missing or damaged file.

    Readers pass ``create=False`` so a mistyped --history path is an error, not a new empty file.
    A history locked by another program is retried for ``timeout`` seconds (SQLite's busy timeout),
    then ``HistoryBusy``.
    """
    path = Path(path)
    if not create and not path.is_file():
        raise ResultsError(f"no history at {path} yet: run `journey-audit index --all` to build it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ResultsError(f"cannot create the folder for history {path}: {exc.strerror or exc}") from None
    uri = f"{path.resolve().as_uri()}?mode={'rwc' if create else 'rw'}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise _damaged(path, exc, timeout) from None
    try:
        try:
            version = user_version(conn)
            if version > SCHEMA_VERSION:
                raise ResultsError(f"{path} was written by a newer journey-audit (schema {version}, this "
                                   f"version reads up to {SCHEMA_VERSION}): upgrade journey-audit")
            if version < SCHEMA_VERSION:
                migrate(conn)
        except sqlite3.DatabaseError as exc:
            raise _damaged(path, exc, timeout) from None
        yield conn
    finally:
        conn.close()


def _encode(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _insert(conn: sqlite3.Connection, table: str, columns: Sequence[str], records: Iterable[Mapping[str, Any]]) -> None:
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    conn.executemany(sql, [[_encode(r.get(c)) for c in columns] for r in records])


def _run_record(run: RunResult) -> dict[str, Any]:
    meta = run.meta
    return {"run_id": run.run_id, "started_at": meta.get("started_at"), "finished_at": meta.get("finished_at"),
            "status": meta.get("status"), "journey_count": len(run.journeys),
            "shard": "/".join(map(str, meta["shard"])) if meta.get("shard") else None,
            "meta": {k: v for k, v in meta.items() if k not in ("journeys", "planned")},
            "indexed_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def write_run(conn: sqlite3.Connection, run: RunResult) -> None:
    """Replace everything the history holds about ``run`` in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in ("runs", *TABLES):
            conn.execute(f"DELETE FROM {table} WHERE run_id = ?", (run.run_id,))
        _insert(conn, "runs", RUN_COLUMNS, [_run_record(run)])
        for journey in run.journeys:
            data = journey.data
            _insert(conn, "journeys", rows.JOURNEY_COLUMNS, [rows.journey_row(run.run_id, data)])
            _insert(conn, "steps", rows.STEP_COLUMNS, rows.step_rows(run.run_id, data))
            _insert(conn, "findings", rows.FINDING_COLUMNS, rows.finding_rows(run.run_id, data))
            _insert(conn, "dead_ends", rows.DEAD_END_COLUMNS, rows.dead_end_rows(run.run_id, data))
            _insert(conn, "scores", rows.SCORE_COLUMNS, rows.score_rows(run.run_id, data))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def index_run(results_dir: str | Path, run_id: str = "latest", history_path: str | Path | None = None,
              timeout: float = DEFAULT_BUSY_TIMEOUT_S) -> str:
    """Index one run folder into the history (replacing it if already there); returns the run id."""
    run = load_run(Path(results_dir), run_id)  # read everything before touching the history
    path = Path(history_path or default_history_path(results_dir))
    with connect(path, timeout=timeout) as conn:
        try:
            write_run(conn, run)
        except sqlite3.DatabaseError as exc:
            raise _damaged(path, exc, timeout) from None
    return run.run_id


def indexed_runs(history_path: str | Path) -> list[str]:
    with connect(history_path, create=False) as conn:
        return [r[0] for r in conn.execute("SELECT run_id FROM runs ORDER BY run_id")]


def index_all(results_dir: str | Path, history_path: str | Path | None = None,
              only_missing: bool = False) -> list[str]:
    """Index every run folder (or only those not yet in the history); returns the ids indexed."""
    path = Path(history_path or default_history_path(results_dir))
    done = set(indexed_runs(path)) if only_missing and path.is_file() else set()
    return [index_run(results_dir, run_id, path) for run_id in list_runs(Path(results_dir))
            if run_id not in done and not _is_shard(Path(results_dir), run_id)]


def _is_shard(results_dir: Path, run_id: str) -> bool:
    """Shard runs hold part of a run; their merged run is what the history keeps."""
    try:
        meta = read_json(results_dir / run_id / "run.json")
    except ResultsError:
        return False  # let index_run report the damage
    return isinstance(meta, dict) and bool(meta.get("shard"))


def query(history_path: str | Path, sql: str, params: Sequence[Any] = (),
          json_columns: frozenset[str] = rows.JSON_COLUMNS,
          timeout: float = DEFAULT_BUSY_TIMEOUT_S) -> list[dict[str, Any]]:
    """Read-only query returning dict rows, JSON columns decoded; ``HistoryBusy`` after ``timeout`` s locked."""
    with connect(history_path, create=False, timeout=timeout) as conn:
        try:
            cursor = conn.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise _damaged(Path(history_path), exc) from None
        names = [d[0] for d in cursor.description]
        return [{n: (json.loads(v) if n in json_columns and isinstance(v, str) else v)
                 for n, v in zip(names, record, strict=True)} for record in cursor]


def journey_history(history_path: str | Path, council_id: str, task: str | None = None) -> list[dict[str, Any]]:
    """One row per (run, journey) for a council, oldest run first: the data behind a trend."""
    sql = ("SELECT r.started_at AS run_started_at, j.* FROM journeys j JOIN runs r USING (run_id) "
           "WHERE j.council_id = ?" + (" AND j.task = ?" if task else "") + " ORDER BY j.task, j.run_id")
    return query(history_path, sql, (council_id, task) if task else (council_id,))


def _likeness(meta: dict) -> tuple:
    """What makes two runs comparable as base and head: the same kind of run, viewport and input mode."""
    return meta.get("kind"), meta.get("viewport"), meta.get("mode") or "mouse"


def previous_run(results_dir: str | Path, run_id: str) -> str | None:
    """The newest whole run before ``run_id`` (shard runs are skipped: they hold only part of the journeys),
    preferring one like it: same kind (a `check` or `calibrate` run between two nightly runs is not their base),
    same viewport and same mode (mouse or keyboard); else the newest whole run of any kind."""
    folder = resolve_run(Path(results_dir), run_id)
    head = folder.name
    try:
        head_meta = read_json(folder / "run.json")
    except ResultsError:
        head_meta = {}
    like = _likeness(head_meta) if isinstance(head_meta, dict) else (None, None, None)
    fallback = None
    for candidate in reversed([r for r in list_runs(Path(results_dir)) if r < head]):
        try:
            meta = read_json(Path(results_dir) / candidate / "run.json")
        except ResultsError:
            continue
        if isinstance(meta, dict) and not meta.get("shard"):
            if _likeness(meta) == like:
                return candidate
            fallback = fallback or candidate
    return fallback
