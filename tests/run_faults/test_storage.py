"""Storage faults under a real `journey-audit run`: a disk that fills up mid-run, a history held locked.

The full disk is real: a small tmpfs mounted for the test (needs root with mount rights, as on this
project's CI; skipped otherwise, and test_bookkeeping.py injects ENOSPC at the writer instead). It is
filled up while the second journey's page is held open, so the first journey is on disk before it.
"""

from __future__ import annotations

import errno
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from journey_audit.storage import history

from .conftest import journey_files, run_folder_of, start_run, wait_until_held

pytestmark = pytest.mark.e2e


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
                              capture_output=True, text=True)
        why = done.stderr.strip() or f"exit {done.returncode}"
    except OSError as exc:
        done, why = None, str(exc)
    if done is None or done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({why}); test_bookkeeping.py covers a full disk by "
                    "injecting ENOSPC")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> None:
    """Write until the disk says it is full."""
    with open(disk / "filler", "wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def test_a_full_disk_stops_the_run_in_one_line_keeping_finished_journeys(tmp_path, small_disk, hold_site,
                                                                         stop_process_at_end):
    run = start_run(tmp_path, hold_site, results=small_disk / "results")
    stop_process_at_end(run)
    wait_until_held(run, hold_site)
    fill(small_disk)
    hold_site.release.set()
    code = run.wait(120)
    output = run.output()
    assert code == 2, output
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if "disk is full" in line]
    assert len(lines) == 1 and "finished journey(s) kept" in lines[0], output

    folder = run_folder_of(run.results)
    files = journey_files(folder)
    assert files["a-first--bin-days"]["outcome"] == "completed"
    meta = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert meta["status"] == "incomplete" and "disk is full" in meta["stop_reason"]
    assert {f["council_id"]: f["outcome"] for f in files.values()} == {
        "a-first": "completed", "b-held": "not_run", "c-later": "not_run", "d-last": "not_run"}


def test_a_locked_history_still_saves_the_run_and_its_report(tmp_path, hold_site, stop_process_at_end):
    hold_site.release.set()
    results = tmp_path / "results"
    db = results / "history.sqlite"
    with history.connect(db):
        pass
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program is writing the history for a long time
    try:
        run = start_run(tmp_path, hold_site, "--council", "a-first", "--history-timeout", "1", results=results)
        stop_process_at_end(run)
        code = run.wait(120)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    output = run.output()
    assert code == 0, output
    assert "History not updated" in output and "journey-audit index" in output
    folder = run_folder_of(results)
    assert (folder / "report.html").is_file()
    assert json.loads((folder / "run.json").read_text(encoding="utf-8"))["status"] == "finished"
    assert history.query(db, "SELECT COUNT(*) AS n FROM runs") == [{"n": 0}]
    history.index_run(results, folder.name)  # once the lock is gone, the run goes in as the message says
    assert history.query(db, "SELECT run_id FROM runs") == [{"run_id": folder.name}]
