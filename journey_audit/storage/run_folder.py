"""Run folders: ``results/<run-id>/run.json`` + one JSON file per journey, written atomically.

Each journey's file is written the moment it finishes (temp file + rename), so a run killed
half-way keeps every journey that had finished, and ``latest`` always names a readable run.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import socket
import sqlite3
import threading
import time
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from journey_audit.model import JourneyResult, RunResult, unrun_record
from journey_audit.storage.atomic import write_json_atomic
from journey_audit.storage.journey_file import expand, file_form


class ResultsError(ValueError):
    """A run id or results file that cannot be used; the message says which and why."""


class StorageFull(ResultsError):
    """The disk (or quota) is full: the run stops, keeping every journey already written."""


FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
MAX_FILE_STEM = 120  # well under the 255-byte name limit, leaving room for ".json" and temp-file affixes
RESERVE_FILE = ".space-reserve"
RESERVE_BYTES = 256 * 1024  # run.json plus a not_run file for every journey left, for runs of hundreds


def storage_error(exc: OSError, what: str) -> ResultsError:
    """One clear line for a write that failed; ``StorageFull`` when the disk is full."""
    if exc.errno in FULL_ERRNOS:
        return StorageFull(f"the disk is full: cannot write {what} ({exc.strerror or exc})")
    return ResultsError(f"cannot write {what}: {exc.strerror or exc}")


def new_run_id(results_dir: Path | None = None) -> str:
    """Time-stamped (ids sort by start time) plus a random suffix, so two runs started in the same second,
    or on two machines writing to one results folder, never share an id."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    while True:
        run_id = f"{stamp}-{secrets.token_hex(3)}"
        if results_dir is None or not (results_dir / run_id).exists():
            return run_id


def file_stem(key: str) -> str:
    """The name a journey's files use: its key when that is a short, safe file name, else a bounded
    slug plus a hash of the key (so over-long or odd ids still get a distinct, writable name)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", key)
    if safe == key and len(key) <= MAX_FILE_STEM and not key.startswith("."):
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    return f"{safe.lstrip('.')[:MAX_FILE_STEM - len(digest) - 1]}-{digest}"


def point_latest(results_dir: Path, run_id: str) -> None:
    """Make ``results/latest`` name this run: a symlink, or a text file where links are refused."""
    latest = results_dir / "latest"
    tmp = results_dir / f".latest.{os.getpid()}.{secrets.token_hex(4)}"  # unique: runs may start together
    try:
        tmp.unlink(missing_ok=True)
        os.symlink(run_id, tmp)
        os.replace(tmp, latest)
    except OSError:
        tmp.unlink(missing_ok=True)
        if latest.is_symlink():
            latest.unlink()
        write_json_atomic(latest, run_id)


class RunWriter:
    """Owns one run folder while the run is going on; safe to call from worker threads."""

    def __init__(self, results_dir: Path, meta: dict[str, Any], run_id: str | None = None):
        self.results_dir = Path(results_dir)
        try:
            self.results_dir.mkdir(parents=True, exist_ok=True)
            self.run_id, self.folder = self._claim_folder(run_id)
            (self.folder / "journeys").mkdir(exist_ok=True)
        except OSError as exc:
            raise storage_error(exc, f"results to {self.results_dir}") from None
        self._lock = threading.Lock()
        self.fault: ResultsError | None = None  # a run.json update that failed after its journey was kept
        self.meta = {
            "schema_version": 1,
            "run_id": self.run_id,
            "status": "running",
            "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "finished_at": None,
            "journeys": [],
            "host": socket.gethostname(), "pid": os.getpid(),  # to tell a killed run from one still going
            **meta,
        }
        try:
            write_json_atomic(self.folder / "run.json", self.meta)
            point_latest(self.results_dir, self.run_id)
            self._set_reserve()
        except OSError as exc:
            raise storage_error(exc, f"the run file in {self.folder}") from None

    def _claim_folder(self, run_id: str | None) -> tuple[str, Path]:
        """Create a new run's folder atomically (mkdir fails if it exists), so no two runs ever share one.
        A caller naming ``run_id`` itself (a rewrite of that run) may reuse its folder."""
        if run_id:
            (self.results_dir / run_id).mkdir(exist_ok=True)
            return run_id, self.results_dir / run_id
        while True:
            chosen = new_run_id(self.results_dir)
            try:
                (self.results_dir / chosen).mkdir()
                return chosen, self.results_dir / chosen
            except FileExistsError:
                continue  # another process took this id between the check and the mkdir

    def screens_dir(self, key: str) -> Path:
        folder = self.folder / "screens" / file_stem(key)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise storage_error(exc, f"screenshots to {folder}") from None
        return folder

    def add(self, result: JourneyResult, timeout: float | None = None) -> bool:
        """Write one journey's file and its line in run.json; False if, with ``timeout``, the writer stayed
        busy that long (a signal handler must not wait on the thread it interrupted)."""
        started = time.perf_counter()
        stored = file_form(result.data)  # outside the lock: other workers' journeys are written meanwhile
        if not self._lock.acquire(timeout=-1 if timeout is None else timeout):
            return False
        try:
            try:
                write_json_atomic(self.folder / "journeys" / f"{file_stem(result.key)}.json", stored, compact=True)
            except OSError as exc:
                raise storage_error(exc, f"the result of {result.key}") from None
            # The file cannot hold the time it took to write itself: run.json's line for the journey does.
            self.meta["journeys"].append({**summary_of(result.data),
                                          "write_ms": round((time.perf_counter() - started) * 1000, 1)})
            launch = (result.data.get("timings_ms") or {}).get("browser_launch")
            if launch is not None and isinstance(self.meta.get("startup_ms"), dict):
                self.meta["startup_ms"].setdefault("browser_launch", []).append(launch)
            try:
                write_json_atomic(self.folder / "run.json", self.meta)
            except OSError as exc:  # the journey is kept; finish() brings run.json up to date if it can
                self.fault = storage_error(exc, f"the run file in {self.folder}")
            return True
        finally:
            self._lock.release()

    def finish(self, status: str = "finished", timeout: float | None = None, **details: Any) -> bool:
        """Seal the run: its status (finished, interrupted, incomplete) and why, if it did not finish."""
        if not self._lock.acquire(timeout=-1 if timeout is None else timeout):
            return False
        try:
            self.meta["status"] = status
            self.meta["finished_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
            # Lines were added as journeys finished (several workers, longest first): seal them in the planned
            # order, so run.json lists the same run the same way every time.
            planned = {f"{p.get('council_id')}--{p.get('task')}": n
                       for n, p in enumerate(self.meta.get("planned") or []) if isinstance(p, dict)}
            if isinstance(self.meta.get("journeys"), list):
                self.meta["journeys"].sort(key=lambda line: planned.get(
                    line.get("key") if isinstance(line, dict) else None, len(planned)))
            self.meta.update(details)
            try:
                write_json_atomic(self.folder / "run.json", self.meta)
            except OSError as exc:
                raise storage_error(exc, f"the run file in {self.folder}") from None
            self.release_reserve()
            return True
        finally:
            self._lock.release()

    def release_reserve(self) -> None:
        """Free the space set aside at the start, so a run stopped by a full disk can still be closed."""
        with contextlib.suppress(OSError):
            (self.folder / RESERVE_FILE).unlink(missing_ok=True)

    def _set_reserve(self) -> None:
        try:
            with open(self.folder / RESERVE_FILE, "wb") as fh:
                fh.write(b"\0" * RESERVE_BYTES)  # real blocks (a sparse file would free nothing)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError:
            self.release_reserve()  # no room even for this: the run will stop at its first write


def summary_of(journey: dict[str, Any]) -> dict[str, Any]:
    """The line run.json keeps per journey: enough for a table without opening every file."""
    friction = journey.get("friction") or {}
    return {
        "key": f"{journey['council_id']}--{journey['task']}",
        "council_id": journey["council_id"],
        "council": journey["council"],
        "task": journey["task"],
        "outcome": journey["outcome"],
        "steps": sum(1 for s in journey.get("steps", []) if s.get("status") == "ok"),  # as the summary table
        "duration_s": journey.get("duration_s"),
        "friction": friction.get("index"),
        "stars": friction.get("stars"),
        "file": f"journeys/{file_stem(journey['council_id'] + '--' + journey['task'])}.json",
    }


HISTORY_FILE_NAME = "history.sqlite"  # storage.history.HISTORY_FILE; that module imports this one


def _in_default_history(results_dir: Path, run: str) -> bool:
    """Whether the results folder's own history indexed ``run``: a folder that is gone was pruned, not mistyped.

    Read-only and best effort: a missing, locked or damaged history just means no such hint.
    """
    path = results_dir / HISTORY_FILE_NAME
    if not path.is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)) as conn:
            return conn.execute("SELECT 1 FROM runs WHERE run_id = ?", (run,)).fetchone() is not None
    except sqlite3.Error:
        return False


def resolve_run(results_dir: Path, run: str = "latest") -> Path:
    """Folder of a run id, or of ``latest``; ResultsError with a helpful message otherwise."""
    results_dir = Path(results_dir)
    if run == "latest":
        latest = results_dir / "latest"
        if latest.is_symlink() or latest.is_dir():
            folder = latest.resolve()
        elif latest.is_file():
            try:
                folder = results_dir / json.loads(latest.read_text(encoding="utf-8"))
            except (ValueError, TypeError):
                raise ResultsError(f"{latest} is damaged: it should name a run") from None
        elif known := (list_runs(results_dir)[-5:] if results_dir.is_dir() else []):
            # Run folders copied in by hand, or a removed link: name one rather than guess which is meant.
            raise ResultsError(f"{results_dir} has no 'latest' link: name a run (recent runs: {', '.join(known)})")
        else:
            raise ResultsError(f"no runs in {results_dir} yet: run `journey-audit run` first")
    else:
        folder = results_dir / run
    if not (folder / "run.json").is_file():
        if _in_default_history(results_dir, run):
            raise ResultsError(f"run '{run}' was pruned: its folder is gone from {results_dir}, but its rows stay "
                               f"in {results_dir / HISTORY_FILE_NAME} (`journey-audit history` and the report's "
                               f"trends still show it)")
        known = list_runs(results_dir)[-5:] if results_dir.is_dir() else []
        hint = f" (recent runs: {', '.join(known)})" if known else ""
        raise ResultsError(f"unknown run '{run}' in {results_dir}{hint}")
    return folder


def list_runs(results_dir: Path) -> list[str]:
    """Run ids, oldest first (ids sort by time)."""
    return sorted(p.parent.name for p in Path(results_dir).glob("*/run.json") if not p.parent.is_symlink())


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ResultsError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ResultsError(f"{path} is not valid JSON ({exc}); the file is damaged") from None


def load_run(results_dir: Path, run: str = "latest") -> RunResult:
    folder = resolve_run(results_dir, run)
    meta = read_json(folder / "run.json")
    if not isinstance(meta, dict) or "run_id" not in meta:
        raise ResultsError(f"{folder / 'run.json'} is not a journey-audit run file")
    journeys = []
    for file in sorted((folder / "journeys").glob("*.json")):
        data = read_json(file)
        if not isinstance(data, dict) or not {"council_id", "task", "outcome", "steps"} <= set(data):
            raise ResultsError(f"{file} is not a journey-audit journey result")
        try:
            journeys.append(JourneyResult(expand(data)))
        except (LookupError, TypeError, ValueError, zlib.error) as exc:
            raise ResultsError(f"{file} is damaged: its shared values or saved snapshots do not expand "
                               f"({type(exc).__name__}: {exc})") from None
    _account_for_missing(meta, journeys)
    return RunResult(run_id=meta["run_id"], folder=folder, journeys=journeys, meta=meta)


def _account_for_missing(meta: dict[str, Any], journeys: list[JourneyResult]) -> None:
    """Read a run as it really ended (in memory only; the folder is left as it is).

    - A run still "running" whose process is gone from this machine was killed (kill -9, power cut):
      status ``killed``, and each planned journey without a file is shown as ``not_run``.
    - A run marked "finished" with fewer results than journeys (older versions lost journeys when a worker
      thread died) is ``incomplete``.
    """
    status = meta.get("status")
    if status == "running" and _writer_is_gone(meta):
        meta["status"] = "killed"
        meta["status_note"] = "the process writing this run ended without closing it (killed?)"
        have = {j.key for j in journeys}
        for plan in meta.get("planned") or []:
            if isinstance(plan, dict) and f"{plan.get('council_id')}--{plan.get('task')}" not in have:
                journeys.append(JourneyResult(unrun_record(plan, "not_run", kind="killed", message=(
                    "not run: the run was killed before this journey finished"))))
    elif status == "finished" and isinstance(meta.get("journey_count"), int) \
            and len(journeys) != meta["journey_count"]:
        meta["status"] = "incomplete"
        meta["status_note"] = f"{len(journeys)} results for {meta['journey_count']} journeys"


def _writer_is_gone(meta: dict[str, Any]) -> bool:
    """True only when it can be known: same machine, and no process with that id."""
    pid = meta.get("pid")
    if meta.get("host") != socket.gethostname() or not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # exists, owned by someone else
    return False


def incomplete_note(run: RunResult) -> str | None:
    """Why a run is not whole (killed, interrupted), or None when it finished."""
    status = run.meta.get("status")
    if status == "finished":
        return None
    expected = run.meta.get("journey_count")
    ran = [j for j in run.journeys if j.outcome != "not_run"]
    of = f" of {expected}" if expected else ""
    why = f": {run.meta['stop_reason']}" if run.meta.get("stop_reason") else ""
    return f"Run {run.run_id} did not finish (status: {status}{why}; {len(ran)}{of} journeys ran)"

