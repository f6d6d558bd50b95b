"""captcha: a CAPTCHA is present (friction and an accessibility barrier, not necessarily blocking)."""

from __future__ import annotations

from .facts import PageFacts

KIND = "captcha"
TITLE = "A CAPTCHA stands in the way"
FIX = "Remove the CAPTCHA; stop spam with invisible checks (honeypot fields, rate limits)."


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    markers = facts.signals.get("captcha", [])
    if not markers:
        return None
    return {"blocking": False, "text": f"CAPTCHA markers: {', '.join(markers[:4])}"}
