"""The saved HTML and accessibility tree of a step, for audits (and future rules) that parse markup with
BeautifulSoup or read roles and names."""

from __future__ import annotations

from journey_audit.probes.snapshot import unpack

from .common import artifact


def _stored(journey: dict, step: dict, key: str) -> str:
    """``key`` of the step's snapshot, or of the earlier step with the same digest; "" if none."""
    snap = artifact(step, "snapshot")
    if not snap:
        return ""
    if snap.get(key):
        return unpack(snap[key])
    for earlier in reversed([s for s in journey.get("steps", []) if s.get("index", -1) < step.get("index", 0)]):
        other = artifact(earlier, "snapshot")
        if other.get("digest") == snap.get("digest") and other.get(key):
            return unpack(other[key])
    return ""


def html_of(journey: dict, step: dict) -> str:
    """The step's HTML (scripts and styles stripped)."""
    return _stored(journey, step, "html_z")


def aria_of(journey: dict, step: dict) -> str:
    """The step's accessibility tree as Playwright's ARIA snapshot (YAML text)."""
    return _stored(journey, step, "aria_z")
