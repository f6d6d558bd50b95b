"""http_error: the page came back with a server or client error (or a soft error page with 200)."""

from __future__ import annotations

from .facts import PageFacts

KIND = "http_error"
TITLE = "A page failed with an error"
FIX = "Fix the failing page (server error or missing page)."


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    code = facts.http_status
    followed = facts.action in ("click", "submit")
    if code is not None and code >= 500:
        return {"blocking": True, "text": f"HTTP {code} on {facts.url}"}
    if code is not None and code >= 400 and not followed:
        return {"blocking": True, "text": f"HTTP {code} on {facts.url}"}
    if facts.signals.get("server_error"):
        return {"blocking": True, "text": f"Error page: '{facts.h1 or facts.title}'"}
    if facts.signals.get("not_found") and not followed:
        return {"blocking": True, "text": f"Soft 404 (HTTP {code}): '{facts.h1 or facts.title}'"}
    return None
