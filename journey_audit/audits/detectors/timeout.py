"""timeout: the step timed out. Blocking when a page never loaded; a locator wait that timed out is
more likely a changed page or script (the runner then calls the journey broken)."""

from __future__ import annotations

import re

from .facts import PageFacts
from .record import dead_end_record

KIND = "timeout"
TITLE = "A page did not respond in time"
FIX = "Make the page respond within a few seconds."
_TIMEOUT = re.compile(r"time(d)? ?out|timeout", re.I)
_LOADING = re.compile(r"goto|navigat|wait_for_load|load state|networkidle|waiting for url|net::ERR_TIMED_OUT", re.I)


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    if facts.error_kind and facts.error_kind != "timeout":
        return None  # the runner knows: an element the script looked for never appeared (not the site's fault)
    if not _TIMEOUT.search(facts.error):
        return None
    return {"blocking": bool(_LOADING.search(facts.error)), "text": facts.error.splitlines()[0][:240]}


def detect_journey(journey: dict) -> list[dict]:
    """The journey ended on a page that never loaded (recorded on the journey, not on a probed step)."""
    error = journey.get("error") or {}
    if not error:
        return []
    page_timeout = error.get("kind") == "timeout" if error.get("kind") else "timeout" in str(error.get("message", "")).lower()
    if not page_timeout:
        return []
    step = next((s for s in journey.get("steps", []) if s.get("index") == error.get("step")), {"index": error.get("step")})
    shot = error.get("screenshot") or step.get("screenshot")
    return [dead_end_record(KIND, {**step, "screenshot": shot}, False, str(error.get("message", ""))[:240])]
