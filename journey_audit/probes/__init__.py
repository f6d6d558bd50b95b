"""Probes gather facts from a live page after each journey step (they are the only code that
touches the page). Each probe is one file; ``PROBES`` is the registry the runner iterates.

``gather`` never raises: a failing probe yields ``{"error": "..."}`` under its name. Given a ``timings``
dict, it fills in each probe's time in ms (``dom_facts``: the shared DOM round trip, apart from the probes;
probes under 0.05 ms are left out).
"""

from __future__ import annotations

import time
from typing import Any

from . import axe, content, forms, layout, links, page_parts, snapshot
from . import page as page_probe
from .base import Probe, ProbeContext, ProbeOptions

PROBES: list[Probe] = [page_probe.PROBE, forms.PROBE, links.PROBE, page_parts.PROBE, content.PROBE, snapshot.PROBE,
                       axe.PROBE, layout.PROBE]

__all__ = ["PROBES", "Probe", "ProbeOptions", "gather"]


def gather(page: Any, options: ProbeOptions | None = None, timings: dict[str, float] | None = None) -> dict[str, dict]:
    """Run every registered probe on ``page`` (a Playwright sync ``Page``); one DOM round trip + axe."""
    ctx = ProbeContext(page, options or ProbeOptions())
    artifacts: dict[str, dict] = {}
    spent: dict[str, float] = {}
    for probe in PROBES:
        started, dom_before = time.perf_counter(), ctx.dom_ms
        try:
            artifacts[probe.name] = probe.collect(ctx)
        except Exception as exc:  # noqa: BLE001 - failure is data, never a crash
            artifacts[probe.name] = {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''}"}
        spent[probe.name] = (time.perf_counter() - started) * 1000 - (ctx.dom_ms - dom_before)
    if timings is not None:
        timings["dom_facts"] = round(ctx.dom_ms, 1)
        # A probe that only reads the shared DOM facts takes well under 0.1 ms: left out, not stored as 0.0.
        timings.update({name: round(ms, 1) for name, ms in spent.items() if ms >= 0.05})
    return artifacts
