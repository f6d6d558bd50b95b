"""Friction over time: per task, one line per council across recent runs, as ready-made SVG geometry.

The template only draws what is computed here, so the chart needs no script and no charting library.
Earlier runs come from the SQLite history (one query, only the columns a trend draws), so a report on a
long history does not read every earlier run's journey files; runs the history lacks are read from their
folders, and runs whose folders were pruned still count while the history keeps them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from journey_audit.model import JourneyResult, RunResult
from journey_audit.reports.html.values import as_dict, as_num, slug
from journey_audit.reports.html.words import humanise, short_date

MAX_HISTORY = 20
# Trends are a bonus: a history another program holds locked is waited for this long, then the earlier run
# folders are read instead (a report must not wait the history's own 30 s, nor a run's --history-timeout).
TRENDS_BUSY_TIMEOUT_S = 2.0
# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D31"]


def load_history(run: RunResult, limit: int = MAX_HISTORY, history_path: str | Path | None = None) -> list[RunResult]:
    """This run and up to ``limit - 1`` earlier comparable runs, oldest first.

    Comparable: a whole run (not a shard, whose merge holds all of it) with the same viewport. A damaged
    earlier run or history is skipped: trends are a bonus and must never stop the report.
    """
    from journey_audit.storage.history import default_history_path
    from journey_audit.storage.run_folder import list_runs

    results_dir = run.folder.parent
    indexed, known = _indexed_runs(Path(history_path or default_history_path(results_dir)), run, limit)
    folders = {r for r in list_runs(results_dir) if r < run.run_id and not (results_dir / r).is_symlink()}
    history: list[RunResult] = []
    for run_id in sorted(set(indexed) | (folders - known), reverse=True):
        if len(history) >= limit - 1:
            break
        earlier = indexed.get(run_id) or _load_folder(results_dir, run_id)
        if earlier is None or earlier.meta.get("shard") or earlier.meta.get("viewport") != run.meta.get("viewport"):
            continue
        history.append(earlier)
    return [*reversed(history), run]


def _indexed_runs(path: Path, run: RunResult, limit: int) -> tuple[dict[str, RunResult], set[str]]:
    """Up to ``limit`` comparable runs before ``run`` from the history, as light RunResults holding only the
    friction per journey; and every run id the history knows (so the folders of those are not read)."""
    from journey_audit.storage.history import query
    from journey_audit.storage.run_folder import ResultsError

    if not path.is_file():
        return {}, set()
    try:
        wait = TRENDS_BUSY_TIMEOUT_S
        known = {r["run_id"] for r in query(path, "SELECT run_id FROM runs WHERE run_id < ?", (run.run_id,),
                                            timeout=wait)}
        runs = query(path, "SELECT run_id, meta FROM runs WHERE run_id < ? AND shard IS NULL AND "
                           "json_extract(meta, '$.viewport') IS ? ORDER BY run_id DESC LIMIT ?",
                     (run.run_id, run.meta.get("viewport"), limit), json_columns=frozenset({"meta"}), timeout=wait)
        marks = ", ".join("?" * len(runs))
        journeys = query(path, f"SELECT run_id, council_id, council, task, friction FROM journeys "
                               f"WHERE run_id IN ({marks}) ORDER BY run_id, key",
                         [r["run_id"] for r in runs], json_columns=frozenset(), timeout=wait) if runs else []
    except (ResultsError, json.JSONDecodeError):
        return {}, set()
    by_run: dict[str, list[JourneyResult]] = {r["run_id"]: [] for r in runs}
    for j in journeys:
        by_run[j["run_id"]].append(JourneyResult({"council_id": j["council_id"], "council": j["council"],
                                                  "task": j["task"], "friction": {"index": j["friction"]}}))
    folder = run.folder.parent
    light = {r["run_id"]: RunResult(run_id=r["run_id"], folder=folder / r["run_id"], journeys=by_run[r["run_id"]],
                                    meta=r["meta"] if isinstance(r["meta"], dict) else {}) for r in runs}
    return light, known


def _load_folder(results_dir: Path, run_id: str) -> RunResult | None:
    from journey_audit.storage.run_folder import ResultsError, load_run

    try:
        return load_run(results_dir, run_id)
    except ResultsError:
        return None


def trend_charts(history: Sequence[RunResult], current: RunResult) -> list[dict[str, Any]]:
    """Per task, friction over runs as SVG geometry; only tasks measured in at least two runs."""
    runs = sorted({r.run_id: r for r in [*history, current]}.values(), key=lambda r: r.run_id)[-MAX_HISTORY:]
    charts = []
    for task in sorted({j.get("task") for r in runs for j in r.journeys}):
        series: dict[str, dict[str, Any]] = {}
        for x, run in enumerate(runs):
            for j in run.journeys:
                index = as_num(as_dict(j.get("friction")).get("index"))
                if j.get("task") != task or index is None:
                    continue
                line = series.setdefault(str(j.get("council_id")), {"council": str(j.get("council")), "points": {}})
                line["points"][x] = index
        used = sorted({x for s in series.values() for x in s["points"]})
        if len(used) >= 2:
            charts.append(_chart(task, runs, used, series))
    return charts


def _chart(task: str, runs: Sequence[RunResult], used: list[int],
           series: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One task's chart: x spaced evenly over the runs that measured it, y is friction 0-100."""
    width, height, left, right, top, bottom = 640, 240, 44, 56, 14, 40
    inner_w, inner_h = width - left - right, height - top - bottom
    xs = {x: left + (inner_w * n / (len(used) - 1)) for n, x in enumerate(used)}

    def y(v: float) -> float:
        return round(top + inner_h * (1 - max(0.0, min(100.0, v)) / 100), 1)

    lines = []
    for n, (council_id, s) in enumerate(sorted(series.items(), key=lambda kv: kv[1]["council"].lower())):
        pts = [(round(xs[x], 1), y(v), v) for x, v in sorted(s["points"].items())]
        lines.append({"council": s["council"], "id": council_id, "colour": PALETTE[n % len(PALETTE)],
                      "points": " ".join(f"{px},{py}" for px, py, _ in pts), "dots": pts,
                      "values": {runs[x].run_id: v for x, v in s["points"].items()}})
    step = max(1, len(used) // 6)
    shown = [x for n, x in enumerate(used) if n % step == 0 or x == used[-1]]
    labels = [{"x": round(xs[x], 1), "text": short_date(runs[x]),
               "anchor": "start" if x == used[0] else "end" if x == used[-1] else "middle"} for x in shown]
    return {
        "task": task, "title": humanise(task), "anchor": "trend-" + slug(task), "width": width,
        "height": height, "left": left, "right": width - right, "top": top, "bottom": height - bottom,
        "grid": [{"y": y(v), "label": v} for v in (0, 25, 50, 75, 100)], "lines": lines, "labels": labels,
        "runs": [runs[x] for x in used], "run_labels": {runs[x].run_id: short_date(runs[x]) for x in used},
    }
