"""validation_loop (journey-level): after a deliberate error the answers were wiped (friction), or the
same errors came back after the journey answered correctly (blocking)."""

from __future__ import annotations

from ..common import executed
from ..error_handling import cleared_fields
from ..error_state import error_texts
from .facts import PageFacts
from .record import dead_end_record

KIND = "validation_loop"
TITLE = "Users get stuck in a loop of errors"
FIX = "Keep users' answers after an error and accept valid input first time."


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    return None  # only visible across steps: see detect_journey


def detect_journey(journey: dict) -> list[dict]:
    out = []
    steps = executed(journey)
    for i, step in enumerate(steps):
        if not step.get("validation_check"):
            continue
        errors = error_texts(step)
        held, lost = cleared_fields(journey, step)
        if lost:
            out.append(dead_end_record(KIND, step, False, f"The error cleared {len(lost)} of {held} answers: {', '.join(lost[:6])}"))
        for later in steps[i + 1:]:
            if later.get("validation_check"):
                break
            if later.get("action") in ("click", "submit") and errors and error_texts(later) == errors:
                out.append(dead_end_record(KIND, later, True, f"Same errors after correcting: {'; '.join(errors[:3])}"))
                break
    return out
