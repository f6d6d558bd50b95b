"""not_findable (journey-level, explored journeys only): no way from the home page found the task."""

from __future__ import annotations

from .facts import PageFacts
from .record import dead_end_record

KIND = "not_findable"
TITLE = "The task cannot be found from the home page"
FIX = ("Link to the task from the home page or its topic page, in the words people use; make site search and "
       "the A to Z find it.")


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    return None  # only visible from explore's facts: see detect_journey


def evidence_text(exploration: dict) -> str:
    """The evidence, in words: each way explore tried, and what it met."""
    nav, search, a_to_z = (exploration.get("navigation") or {}, exploration.get("search") or {},
                           exploration.get("a_to_z") or {})
    bits = [f"no link naming the task within {(exploration.get('bounds') or {}).get('max_depth', '?')} clicks "
            f"({len(nav.get('pages_opened') or [])} pages opened)"]
    bits.append("no site search" if search.get("box") is False else "not in the search's top 10")
    bits.append("no A to Z" if a_to_z.get("in_a_to_z") is None else "not in the A to Z")
    return "; ".join(bits)


def detect_journey(journey: dict) -> list[dict]:
    """The blocking dead end of an explored task that no way could find."""
    facts = journey.get("exploration")
    if not facts or facts.get("found_by") or journey.get("outcome") == "broken":
        return []  # found, or the site could not be reached at all (that is not the council's wording)
    first = (journey.get("steps") or [{}])[0]
    return [dead_end_record(KIND, {"index": 0, "url": facts.get("home_url", ""),
                                   "screenshot": first.get("screenshot")}, True, evidence_text(facts))]
