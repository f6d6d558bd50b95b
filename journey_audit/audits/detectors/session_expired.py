"""session_expired: the service says the session timed out (answers lost; WCAG 2.2.1)."""

from __future__ import annotations

from .facts import PageFacts

KIND = "session_expired"
TITLE = "The session expired and answers were lost"
FIX = "Warn before a session times out and let users extend it (WCAG 2.2.1); keep their answers."


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    wording = facts.signals.get("session_expired", "")
    return {"blocking": True, "text": wording} if wording else None
