"""Pruning old run folders while the SQLite history keeps their rows (trends, compare, diff still see them).

Nothing is lost by pruning: a run is indexed into the history before its folder goes, and some runs are
never removed whatever the rules say: the run ``latest`` names, a run still in progress, and a shard run
that no merged run holds yet. A folder is renamed out of the way before it is deleted, so a crash part-way
never leaves a half-deleted folder that still looks like a run.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from journey_audit.storage.history import default_history_path, index_run, indexed_runs
from journey_audit.storage.run_folder import ResultsError, list_runs, read_json, resolve_run

# A run whose status is still "running" but whose run.json has not changed for this long was killed:
# every finished journey rewrites run.json, and no journey waits this long.
ACTIVE_WITHIN = timedelta(hours=6)


@dataclass
class PrunePlan:
    remove: list[str] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)
    protected: dict[str, str] = field(default_factory=dict)  # run id -> why it is kept whatever the rules say
    freed_bytes: int = 0


def _meta(results_dir: Path, run_id: str) -> dict:
    try:
        meta = read_json(results_dir / run_id / "run.json")
    except ResultsError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _started(results_dir: Path, run_id: str, meta: dict) -> datetime:
    try:
        when = datetime.fromisoformat(str(meta.get("started_at")))
        return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    except ValueError:
        return datetime.fromtimestamp((results_dir / run_id / "run.json").stat().st_mtime, timezone.utc)


def _latest(results_dir: Path) -> str | None:
    try:
        return resolve_run(results_dir, "latest").name
    except ResultsError:
        return None


def _protection(results_dir: Path, run_id: str, meta: dict, latest: str | None, merged: set[str],
                now: datetime) -> str | None:
    if run_id == latest:
        return "latest"
    if meta.get("status") == "running":
        changed = datetime.fromtimestamp((results_dir / run_id / "run.json").stat().st_mtime, timezone.utc)
        if now - changed < ACTIVE_WITHIN:
            return "in progress"
    if meta.get("shard") and run_id not in merged:
        return "a shard not merged yet (journey-audit merge)"
    return None


def plan_prune(results_dir: str | Path, keep: int | None = None, older_than_days: float | None = None,
               now: datetime | None = None) -> PrunePlan:
    """Which run folders the rules remove: beyond the newest ``keep`` AND started over ``older_than_days`` ago
    (each rule only when given), minus the protected runs."""
    if keep is None and older_than_days is None:
        raise ValueError("give keep or older_than_days (or both)")
    results_dir = Path(results_dir)
    now = now or datetime.now(timezone.utc)
    runs = list_runs(results_dir)
    metas = {r: _meta(results_dir, r) for r in runs}
    merged = {shard for m in metas.values() for shard in (m.get("merged_from") or [])}
    latest = _latest(results_dir)
    newest = set(runs[-keep:]) if keep else set()
    plan = PrunePlan()
    for run_id in runs:
        chosen = run_id not in newest if keep is not None else True
        if older_than_days is not None:
            chosen = chosen and now - _started(results_dir, run_id, metas[run_id]) > timedelta(days=older_than_days)
        why = _protection(results_dir, run_id, metas[run_id], latest, merged, now) if chosen else None
        if why:
            plan.protected[run_id] = why
        (plan.remove if chosen and not why else plan.keep).append(run_id)
    return plan


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def prune_runs(results_dir: str | Path, keep: int | None = None, older_than_days: float | None = None,
               history_path: str | Path | None = None, dry_run: bool = False,
               now: datetime | None = None) -> PrunePlan:
    """Remove the run folders ``plan_prune`` picks, indexing each into the history first."""
    results_dir = Path(results_dir)
    history = Path(history_path or default_history_path(results_dir))
    plan = plan_prune(results_dir, keep, older_than_days, now)
    in_history = set(indexed_runs(history)) if history.is_file() else set()
    removed = []
    for run_id in plan.remove:
        folder = results_dir / run_id
        meta = _meta(results_dir, run_id)
        # Shards are in the history through their merge; an interrupted run is kept out of it, as `run` does.
        if run_id not in in_history and not meta.get("shard") and meta.get("status") != "interrupted":
            try:
                if not dry_run:
                    index_run(results_dir, run_id, history)
            except ResultsError as exc:
                plan.protected[run_id] = f"could not be added to the history, so kept ({exc})"
                plan.keep.append(run_id)
                continue
        plan.freed_bytes += _size(folder)
        removed.append(run_id)
        if not dry_run:
            doomed = results_dir / f".pruning-{run_id}-{os.getpid()}"
            folder.rename(doomed)
            shutil.rmtree(doomed, ignore_errors=True)
    plan.remove = removed
    plan.keep.sort()
    return plan
