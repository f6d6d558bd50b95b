"""Probes gather facts from a live page after each journey step (they are the only code that
touches the page). Each probe is one file; ``PROBES`` is the registry the runner iterates.

``gather`` never raises: a failing probe yields ``{"error": "..."}`` under its name.
"""

from __future__ import annotations

from typing import Any

from . import axe, content, forms, layout, links, page_parts, snapshot
from . import page as page_probe
from .base import Probe, ProbeContext, ProbeOptions

PROBES: list[Probe] = [page_probe.PROBE, forms.PROBE, links.PROBE, page_parts.PROBE, content.PROBE, snapshot.PROBE,
                       axe.PROBE, layout.PROBE]

__all__ = ["PROBES", "Probe", "ProbeOptions", "gather"]


def gather(page: Any, options: ProbeOptions | None = None) -> dict[str, dict]:
    """Run every registered probe on ``page`` (a Playwright sync ``Page``); one DOM round trip + axe."""
    ctx = ProbeContext(page, options or ProbeOptions())
    artifacts: dict[str, dict] = {}
    for probe in PROBES:
        try:
            artifacts[probe.name] = probe.collect(ctx)
        except Exception as exc:  # noqa: BLE001 - failure is data, never a crash
            artifacts[probe.name] = {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''}"}
    return artifacts
