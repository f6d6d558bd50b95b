"""The saved HTML of a step, for audits (and future rules) that parse markup with BeautifulSoup."""

from __future__ import annotations

from journey_audit.probes.snapshot import unpack

from .common import artifact


def html_of(journey: dict, step: dict) -> str:
    """The step's HTML: stored on the step, or on the earlier step with the same digest; "" if none."""
    snap = artifact(step, "snapshot")
    if not snap:
        return ""
    if snap.get("html_z"):
        return unpack(snap["html_z"])
    for earlier in reversed([s for s in journey.get("steps", []) if s.get("index", -1) < step.get("index", 0)]):
        other = artifact(earlier, "snapshot")
        if other.get("digest") == snap.get("digest") and other.get("html_z"):
            return unpack(other["html_z"])
    return ""
