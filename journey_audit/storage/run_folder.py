"""Run folders: ``results/<run-id>/run.json`` + one JSON file per journey, written atomically.

Each journey's file is written the moment it finishes (temp file + rename), so a run killed
half-way keeps every journey that had finished, and ``latest`` always names a readable run.
"""

from __future__ import annotations

import json
import os
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from journey_audit.model import JourneyResult, RunResult
from journey_audit.storage.atomic import write_json_atomic


class ResultsError(ValueError):
    """A run id or results file that cannot be used; the message says which and why."""


def new_run_id(results_dir: Path) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    run_id, n = stamp, 1
    while (results_dir / run_id).exists():
        n += 1
        run_id = f"{stamp}-{n}"
    return run_id


def point_latest(results_dir: Path, run_id: str) -> None:
    """Make ``results/latest`` name this run: a symlink, or a text file where links are refused."""
    latest = results_dir / "latest"
    tmp = results_dir / f".latest.{os.getpid()}"
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
            self.run_id = run_id or new_run_id(self.results_dir)
            self.folder = self.results_dir / self.run_id
            (self.folder / "journeys").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ResultsError(f"cannot write results to {self.results_dir}: {exc.strerror or exc}") from None
        self._lock = threading.Lock()
        self.meta = {
            "schema_version": 1,
            "run_id": self.run_id,
            "status": "running",
            "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "finished_at": None,
            "journeys": [],
            **meta,
        }
        write_json_atomic(self.folder / "run.json", self.meta)
        point_latest(self.results_dir, self.run_id)

    def screens_dir(self, key: str) -> Path:
        folder = self.folder / "screens" / key
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def add(self, result: JourneyResult) -> None:
        with self._lock:
            write_json_atomic(self.folder / "journeys" / f"{result.key}.json", result.data, compact=True)
            self.meta["journeys"].append(summary_of(result.data))
            write_json_atomic(self.folder / "run.json", self.meta)

    def finish(self, status: str = "finished") -> None:
        with self._lock:
            self.meta["status"] = status
            self.meta["finished_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
            write_json_atomic(self.folder / "run.json", self.meta)


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
        "file": f"journeys/{journey['council_id']}--{journey['task']}.json",
    }


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
        else:
            raise ResultsError(f"no runs in {results_dir} yet: run `journey-audit run` first")
    else:
        folder = results_dir / run
    if not (folder / "run.json").is_file():
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
        journeys.append(JourneyResult(data))
    return RunResult(run_id=meta["run_id"], folder=folder, journeys=journeys, meta=meta)


def incomplete_note(run: RunResult) -> str | None:
    """Why a run is not whole (killed, interrupted), or None when it finished."""
    status = run.meta.get("status")
    if status == "finished":
        return None
    expected = run.meta.get("journey_count")
    of = f" of {expected}" if expected else ""
    return f"Run {run.run_id} did not finish (status: {status}; {len(run.journeys)}{of} journeys)"

