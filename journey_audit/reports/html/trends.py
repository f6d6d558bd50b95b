"""Friction over time: per task, one line per council across recent runs, as ready-made SVG geometry.

The template only draws what is computed here, so the chart needs no script and no charting library.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journey_audit.model import RunResult
from journey_audit.reports.html.values import as_dict, as_num, slug
from journey_audit.reports.html.words import humanise, short_date

MAX_HISTORY = 20
# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D31"]


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
