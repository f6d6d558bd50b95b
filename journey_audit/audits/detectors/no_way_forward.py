"""no_way_forward: a step failed on a page with no fields, buttons or in-page links to carry on,
and no other dead end explains it. Runs last (it looks at what the others found)."""

from __future__ import annotations

from .facts import PageFacts

KIND = "no_way_forward"
TITLE = "The page offers no way forward"
FIX = "Give the page a clear next step (a button or link to continue)."


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    if facts.status != "failed" or not facts.probed or any(d.get("blocking") for d in found) or facts.online:
        return None
    if int(facts.signals.get("links_in_main", 0)) > 3:
        return None
    return {"blocking": True, "text": f"No form, button or link to continue on '{facts.h1 or facts.title}'"}
