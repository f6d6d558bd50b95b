"""Where a `check` run's time went, from the timings the tool records in its results (no extra measuring).

Per-step phases (action, waiting for the page, each probe, the screenshot) are summed over every page, the
journey's own costs (context, assess, write) added, and shown per page and as a share of all worker time;
the run's start-up (imports, finding the browser, launching one per worker) is listed apart.
"""

from __future__ import annotations

import json
from pathlib import Path


def _add(into: dict[str, float], name: str, value: object) -> None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        into[name] = into.get(name, 0.0) + float(value)


def phase_totals(run_folder: Path) -> dict:
    """Summed ms per phase over a run's journeys, with the page count and the run's start-up."""
    phases: dict[str, float] = {}
    pages = 0
    for file in sorted((run_folder / "journeys").glob("*.json")):
        journey = json.loads(file.read_text(encoding="utf-8"))
        pages += 1
        for step in journey.get("steps") or []:
            timings = step.get("timings_ms") or {}
            for name in ("action", "navigation_wait", "screenshot"):
                _add(phases, name, timings.get(name))
            for probe, ms in (timings.get("probes") or {}).items():
                _add(phases, f"probe {probe}", ms)
            steps_known = sum(v for k, v in timings.items()
                              if k not in ("probes", "total") and isinstance(v, (int, float)))
            _add(phases, "other (title and DOM-change count, tracking)",
                 (timings.get("total") or 0.0) - steps_known - sum((timings.get("probes") or {}).values()))
        for name in ("context", "context_reset", "browser_launch", "assess"):
            _add(phases, name, (journey.get("timings_ms") or {}).get(name))
    meta = json.loads((run_folder / "run.json").read_text(encoding="utf-8"))
    for line in meta.get("journeys") or []:
        _add(phases, "write", line.get("write_ms"))
    return {"pages": pages, "phases_ms": {k: round(v, 1) for k, v in phases.items()},
            "startup_ms": meta.get("startup_ms") or {}}


def print_breakdown(results: Path, wall_s: float) -> dict:
    """Print the breakdown of the newest run in ``results`` (a `check --results` folder); return its figures."""
    folders = sorted(p.parent for p in results.glob("*/run.json") if not p.parent.is_symlink())
    if not folders:
        print("  (no check run to break down)")
        return {}
    totals = phase_totals(folders[-1])
    phases, pages = totals["phases_ms"], max(totals["pages"], 1)
    worker_ms = sum(phases.values())
    print(f"\nwhere `check` spent its time ({pages} pages, from the timings in its results; "
          f"{worker_ms / 1000:.1f} s of worker time in a {wall_s:.1f} s run):")
    for name, ms in sorted(phases.items(), key=lambda kv: -kv[1]):
        if ms >= 0.5 * pages:  # under half a millisecond a page is noise here
            print(f"  {name:<34} {ms / pages:8.1f} ms/page  {100 * ms / worker_ms:5.1f}%")
    startup = totals["startup_ms"]
    if startup:
        launches = ", ".join(f"{ms:.0f}" for ms in startup.get("browser_launch") or [])
        print(f"  start-up: imports {startup.get('imports', 0):.0f} ms, finding the browser "
              f"{startup.get('browser_resolution', 0):.0f} ms, first journey at {startup.get('first_journey', 0):.0f} ms"
              f", browser launch per worker {launches or '-'} ms")
    return {**totals, "worker_ms": round(worker_ms, 1)}
