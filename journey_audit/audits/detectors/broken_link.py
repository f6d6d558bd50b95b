"""broken_link: a link or button the journey followed led to a 4xx (or a "page not found" page)."""

from __future__ import annotations

from .facts import PageFacts

KIND = "broken_link"
TITLE = "A link in the journey is broken"
FIX = "Fix or redirect the broken link."


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    if facts.action not in ("click", "submit"):
        return None
    code = facts.http_status
    if code is not None and 400 <= code < 500:
        return {"blocking": True, "text": f"Followed link gave HTTP {code}: {facts.url}"}
    if facts.signals.get("not_found") and (code is None or code < 500):
        return {"blocking": True, "text": f"Followed link reached a 'not found' page (HTTP {code}): '{facts.h1 or facts.title}'"}
    return None
