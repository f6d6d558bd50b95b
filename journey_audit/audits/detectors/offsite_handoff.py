"""offsite_handoff (informational): the journey moved to another site (form or payment platform)."""

from __future__ import annotations

from urllib.parse import urlsplit

from .facts import PageFacts

KIND = "offsite_handoff"


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    referrer = facts.signals.get("referrer", "")
    if not facts.navigated or not referrer:
        return None
    before, now = urlsplit(referrer).hostname or "", urlsplit(facts.url).hostname or ""
    if before and now and before.lower() != now.lower():
        return {"blocking": False, "text": f"Handed off from {before} to {now}"}
    return None
