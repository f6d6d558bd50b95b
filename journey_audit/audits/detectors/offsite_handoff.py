"""offsite_handoff (informational): the journey moved to another site (form or payment platform)."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..common import executed, host
from .facts import PageFacts
from .record import dead_end_record

KIND = "offsite_handoff"
TITLE = "The journey hands users to another website"
FIX = "Tell users before sending them to a partner site and keep the look consistent."


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    referrer = facts.signals.get("referrer", "")
    if not facts.navigated or not referrer:
        return None
    before, now = urlsplit(referrer).hostname or "", urlsplit(facts.url).hostname or ""
    if before and now and before.lower() != now.lower():
        return {"blocking": False, "text": f"Handed off from {before} to {now}"}
    return None


def detect_journey(journey: dict) -> list[dict]:
    """Moves to another host between consecutive steps (when the referrer does not say so)."""
    out, previous = [], None
    for step in executed(journey):
        now = host(step.get("url", ""))
        if previous and now and now != previous and step.get("navigated"):
            out.append(dead_end_record(KIND, step, False, f"Handed off from {previous} to {now}"))
        previous = now or previous
    return out
