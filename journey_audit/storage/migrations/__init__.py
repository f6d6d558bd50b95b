"""History schema, as an ordered list of migrations; ``PRAGMA user_version`` records how far a file got.

Never edit a released migration: add the next one. Each runs in its own transaction, so a crash
mid-migration leaves the file at the previous version, and the next open tries again.
"""

from __future__ import annotations

import sqlite3

V1 = [
    """CREATE TABLE runs (
        run_id TEXT PRIMARY KEY, started_at TEXT, finished_at TEXT, status TEXT, journey_count INTEGER,
        shard TEXT, meta TEXT, indexed_at TEXT)""",
    """CREATE TABLE journeys (
        run_id TEXT NOT NULL, key TEXT NOT NULL, council_id TEXT NOT NULL, council TEXT, task TEXT NOT NULL,
        outcome TEXT NOT NULL, error_step INTEGER, error_message TEXT, error TEXT,
        stopped_before_submit INTEGER, submitted INTEGER, started_at TEXT, duration_s REAL, journey_path TEXT,
        start_url TEXT, steps INTEGER, pages INTEGER, clicks INTEGER, fields_total INTEGER,
        fields_required INTEGER, fields_unlabelled INTEGER, chars_typed INTEGER, klm_seconds REAL,
        wait_seconds REAL, a11y_critical INTEGER, a11y_serious INTEGER, a11y_moderate INTEGER,
        a11y_minor INTEGER, a11y_incomplete INTEGER, reading_age REAL, friction REAL, stars INTEGER,
        profile_version TEXT, dead_ends TEXT, top_fixes TEXT, findings_count INTEGER,
        PRIMARY KEY (run_id, key))""",
    """CREATE TABLE steps (
        run_id TEXT NOT NULL, key TEXT NOT NULL, idx INTEGER NOT NULL, action TEXT, target TEXT, line INTEGER,
        status TEXT, url TEXT, title TEXT, http_status INTEGER, navigated INTEGER, started_at TEXT,
        duration_ms REAL, wait_ms REAL, chars_typed INTEGER, clicks INTEGER, fields_filled INTEGER,
        validation_check INTEGER, screenshot TEXT, error TEXT, PRIMARY KEY (run_id, key, idx))""",
    """CREATE TABLE findings (
        run_id TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, finding_id TEXT, audit TEXT, step INTEGER,
        severity TEXT, title TEXT, detail TEXT, fix TEXT, friction_points REAL, evidence TEXT, identity TEXT,
        PRIMARY KEY (run_id, key, seq))""",
    """CREATE TABLE scores (
        run_id TEXT NOT NULL, key TEXT NOT NULL, component TEXT NOT NULL, score REAL, weight REAL,
        explanation TEXT, PRIMARY KEY (run_id, key, component))""",
]

# v2: dead ends get their own table (they were only JSON in journeys.dead_ends, as full objects), and the
# error kind becomes a column so "site unreachable" can be filtered in SQL. Both backfilled from v1 data.
V2 = [
    """CREATE TABLE dead_ends (
        run_id TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT, step INTEGER, blocking INTEGER,
        url TEXT, text TEXT, screenshot TEXT, PRIMARY KEY (run_id, key, seq))""",
    """INSERT INTO dead_ends (run_id, key, seq, kind, step, blocking, url, text, screenshot)
       SELECT j.run_id, j.key, CAST(d.key AS INTEGER),
              COALESCE(json_extract(d.value, '$.kind'), d.value), json_extract(d.value, '$.step'),
              COALESCE(json_extract(d.value, '$.blocking'), 0), json_extract(d.value, '$.evidence.url'),
              json_extract(d.value, '$.evidence.text'), json_extract(d.value, '$.evidence.screenshot')
       FROM journeys j, json_each(CASE WHEN json_valid(j.dead_ends) THEN j.dead_ends ELSE '[]' END) d""",
    # journeys.dead_ends now holds just the kinds (the table has the rest).
    """UPDATE journeys SET dead_ends = (
        SELECT json_group_array(kind) FROM (SELECT kind FROM dead_ends d
                                            WHERE d.run_id = journeys.run_id AND d.key = journeys.key
                                            ORDER BY seq))""",
    "ALTER TABLE journeys ADD COLUMN error_kind TEXT",
    "UPDATE journeys SET error_kind = json_extract(error, '$.kind') WHERE json_valid(error)",
    "CREATE INDEX journeys_by_council_task ON journeys (council_id, task)",
    "CREATE INDEX findings_by_identity ON findings (identity)",
]

# v3: keyboard mode. Each journey row says how it was replayed (mode) and, for a keyboard replay, its Tab
# presses. Old rows take the mode their run recorded (runs.meta), else mouse; they have no Tab presses.
V3 = [
    "ALTER TABLE journeys ADD COLUMN mode TEXT",
    "ALTER TABLE journeys ADD COLUMN kb_tab_presses INTEGER",
    """UPDATE journeys SET mode = COALESCE(
        (SELECT json_extract(r.meta, '$.mode') FROM runs r WHERE r.run_id = journeys.run_id AND json_valid(r.meta)),
        'mouse')""",
]

# v4: a finding's kind (barrier or advice), the friction component it counts against (forms, accessibility...) and,
# for axe findings, its impact, so exports and SQL can group findings as the report does. Old rows keep NULL
# until ``journey-audit index --all`` re-reads their run folders.
V4 = [
    "ALTER TABLE findings ADD COLUMN kind TEXT",
    "ALTER TABLE findings ADD COLUMN component TEXT",
    "ALTER TABLE findings ADD COLUMN impact TEXT",
]

MIGRATIONS: list[list[str]] = [V1, V2, V3, V4]
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the file up to ``target``; ``conn`` must be in autocommit mode (isolation_level=None)."""
    while True:
        conn.execute("BEGIN IMMEDIATE")  # re-read under the write lock: another process may have migrated
        try:
            version = user_version(conn)
            if version >= target:
                conn.execute("ROLLBACK")
                return version
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
