"""Merge shard runs (``run --shard I/N``) into one run folder, as if the run had not been split.

The merged folder is built beside the results under a temporary name and renamed into place, so a
failed merge leaves nothing half-written; overlapping journeys are refused rather than guessed at.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from journey_audit.analysis.run_kind import run_kind
from journey_audit.storage import run_folder
from journey_audit.storage.atomic import write_json_atomic
from journey_audit.storage.journey_file import write_journey
from journey_audit.storage.run_folder import ResultsError, summary_of

STATUS_ORDER = ("finished", "interrupted", "incomplete", "killed", "running")


class MergeError(ResultsError):
    """Runs that cannot be merged (overlap, unknown id, target exists): exit code 2."""


def merged_meta(metas: Sequence[dict[str, Any]], journeys: Sequence[dict[str, Any]], run_id: str) -> dict[str, Any]:
    """run.json for the merged run: earliest start, latest finish, worst status, every journey."""
    first = metas[0]
    statuses = [m.get("status") or "running" for m in metas]
    worst = max(statuses, key=lambda s: STATUS_ORDER.index(s) if s in STATUS_ORDER else len(STATUS_ORDER))
    finishes = [m.get("finished_at") for m in metas]
    paths = list(dict.fromkeys(p for m in metas for p in m.get("journey_paths") or []))
    # Each shard's line keeps its facts about writing (write_ms); start-up was each shard's own, so it is left out.
    lines = {line.get("key"): line for m in metas for line in m.get("journeys") or [] if isinstance(line, dict)}
    return {
        **{k: v for k, v in first.items() if k not in ("run_id", "journeys", "planned", "pid", "host", "startup_ms")},
        "schema_version": 1, "run_id": run_id, "status": worst,
        "started_at": min((m.get("started_at") or "") for m in metas) or None,
        "finished_at": None if None in finishes else max(finishes),
        "journey_count": len(journeys), "journey_paths": paths, "shard": None,
        "merged_from": [m["run_id"] for m in metas],
        "journeys": [{**lines.get(f"{j['council_id']}--{j['task']}", {}), **summary_of(j)}
                     for j in sorted(journeys, key=lambda j: f"{j['council_id']}--{j['task']}")],
    }


def merge_runs(results_dir: str | Path, run_ids: Sequence[str], into: str | None = None) -> str:
    """Combine shard runs into a new run folder (journeys + screenshots), point latest at it, return its id."""
    results_dir = Path(results_dir)
    if len(run_ids) < 2:
        raise MergeError("merge needs at least two runs")
    runs = [run_folder.load_run(results_dir, r) for r in run_ids]
    if len({r.run_id for r in runs}) < len(runs):
        raise MergeError("the same run is listed twice")
    viewports = {str(r.meta.get("viewport")) for r in runs}
    if len(viewports) > 1:
        raise MergeError(f"the runs used different viewports ({', '.join(sorted(viewports))}): "
                         "shards of one run share one viewport")
    modes = {run_kind(r.meta, [j.data for j in r.journeys])["mode"] for r in runs}
    if len(modes) > 1:
        raise MergeError(f"the runs used different modes ({', '.join(sorted(modes))}): "
                         "shards of one run share one mode (a keyboard run is not part of a mouse run)")
    owner: dict[str, str] = {}
    for run in runs:
        for journey in run.journeys:
            if journey.key in owner:
                raise MergeError(f"journey {journey.key} is in both {owner[journey.key]} and {run.run_id}: "
                                 "shards must not overlap (were they made with different --shard N or filters?)")
            owner[journey.key] = run.run_id
    run_id = into or run_folder.new_run_id(results_dir)
    target = results_dir / run_id
    if target.exists() or run_id == "latest" or "/" in run_id:
        raise MergeError(f"cannot merge into '{run_id}': {target} already exists or is not a valid run id")
    building = results_dir / f".{run_id}.merging"
    shutil.rmtree(building, ignore_errors=True)
    try:
        (building / "journeys").mkdir(parents=True)
        for run in runs:
            for journey in run.journeys:
                stem = run_folder.file_stem(journey.key)
                write_journey(building / "journeys" / f"{stem}.json", journey.data)
                screens = run.folder / "screens" / stem
                if screens.is_dir():
                    shutil.copytree(screens, building / "screens" / stem)
        meta = merged_meta([r.meta for r in runs], [j.data for r in runs for j in r.journeys], run_id)
        write_json_atomic(building / "run.json", meta)
        building.rename(target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    run_folder.point_latest(results_dir, run_id)
    return run_id
