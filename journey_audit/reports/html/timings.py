"""The appendix "Where the time went": the run's start-up and, per journey, the sum of each phase.

Timings are facts about the tool, not the council: they are shown last, never scored. Runs recorded before
timings existed have none, and the appendix is then left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journey_audit.model import RunResult
from journey_audit.reports.html.values import as_dict, as_list, as_num, clip

PHASES = ("action", "navigation_wait", "probes", "screenshot")  # a step's phases, in the order they happen
PHASE_LABELS = {"action": "Action", "navigation_wait": "Waiting for the page", "probes": "Probes",
                "screenshot": "Screenshot"}
STARTUP_LABELS = {"imports": "Python start-up and imports (process start to the run)",
                  "browser_resolution": "Finding the browser",
                  "text_libraries": "Loading the text libraries (textstat, hyphenation) for the content audit",
                  "first_journey": "Process start to the first journey",
                  "browser_launch": "Browser launch, per worker"}
SLOWEST = 2  # slowest steps named per journey


@dataclass
class JourneyTime:
    label: str
    steps: int
    phases: dict[str, float]  # ms summed over the steps, per phase (PHASES)
    probes: dict[str, float]  # ms summed over the steps, per probe name, slowest first
    assess: float | None
    write: float | None
    total: float  # sum of the steps' totals
    slowest: list[str] = field(default_factory=list)  # "step 3 (click 'Continue'): 830 ms, most in axe"


def _probe_sum(timings: dict[str, Any]) -> float:
    return sum(as_num(v) or 0.0 for v in as_dict(timings.get("probes")).values())


def _phase(timings: dict[str, Any], name: str) -> float:
    return _probe_sum(timings) if name == "probes" else (as_num(timings.get(name)) or 0.0)


def _biggest_part(timings: dict[str, Any]) -> str:
    parts = {PHASE_LABELS[p].lower(): _phase(timings, p) for p in PHASES if p != "probes"}
    parts.update({f"the {name} probe": as_num(v) or 0.0 for name, v in as_dict(timings.get("probes")).items()})
    return max(parts, key=parts.__getitem__) if parts else "?"


def journey_time(data: dict[str, Any], write_ms: float | None) -> JourneyTime | None:
    """One journey's row, or None when its steps recorded no timings (an older run)."""
    steps = [s for s in as_list(data.get("steps")) if isinstance(s, dict) and as_dict(s.get("timings_ms"))]
    if not steps:
        return None
    phases = {p: 0.0 for p in PHASES}
    probes: dict[str, float] = {}
    for step in steps:
        t = as_dict(step.get("timings_ms"))
        for p in PHASES:
            phases[p] += _phase(t, p)
        for name, value in as_dict(t.get("probes")).items():
            if (ms := as_num(value)) is not None:
                probes[str(name)] = probes.get(str(name), 0.0) + ms
    totals = [(as_num(as_dict(s["timings_ms"]).get("total")) or 0.0, s) for s in steps]
    slowest = []
    for total, step in sorted(totals, key=lambda pair: -pair[0])[:SLOWEST]:
        target = clip(step.get("target"), 60)
        what = f"{step.get('action')} '{target}'" if target else str(step.get("action"))
        slowest.append(f"step {step.get('index')} ({what}): {total:.0f} ms, most in "
                       f"{_biggest_part(as_dict(step['timings_ms']))}")
    journey = as_dict(data.get("timings_ms"))
    return JourneyTime(
        label=f"{clip(data.get('council'), 80)}: {clip(data.get('task'), 80)}", steps=len(steps),
        phases={p: round(ms, 1) for p, ms in phases.items()},
        probes={k: round(v, 1) for k, v in sorted(probes.items(), key=lambda kv: -kv[1]) if v >= 0.5}, assess=as_num(journey.get("assess")),
        write=write_ms, total=sum(total for total, _ in totals), slowest=slowest)


def startup_rows(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """(what, how long) for the run's start-up, as recorded in run.json."""
    startup = as_dict(meta.get("startup_ms"))
    rows = []
    for key, label in STARTUP_LABELS.items():
        value = startup.get(key)
        if isinstance(value, list):
            launches = [f"{ms:.0f} ms" for v in value if (ms := as_num(v)) is not None]
            if launches:
                rows.append((label, ", ".join(launches)))
        elif (ms := as_num(value)) is not None:
            rows.append((label, f"{ms:.0f} ms"))
    return rows


def run_timings(run: RunResult) -> dict[str, Any] | None:
    """The appendix's content, or None when the run recorded no timings at all."""
    writes = {str(line.get("key")): as_num(line.get("write_ms"))
              for line in as_list(run.meta.get("journeys")) if isinstance(line, dict)}
    journeys = []
    for journey in run.journeys:
        data = getattr(journey, "data", journey)
        if not isinstance(data, dict):
            continue
        row = journey_time(data, writes.get(f"{data.get('council_id')}--{data.get('task')}"))
        if row is not None:
            journeys.append(row)
    startup = startup_rows(run.meta)
    if not journeys and not startup:
        return None
    journeys.sort(key=lambda j: -j.total)
    return {"startup": startup, "journeys": journeys, "phases": PHASES, "labels": PHASE_LABELS}
