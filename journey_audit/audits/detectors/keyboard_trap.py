"""keyboard_trap: in a keyboard replay, focus could not leave a widget (Tab swallowed, or cycling among a few
controls, or an iframe holding focus), so the step's control was never reached (WCAG 2.1.2). Blocking. The
runner records it as the step's ``error_kind``; the cycle and presses are in ``step["keyboard"]["trap"]``."""

from __future__ import annotations

from .facts import PageFacts

KIND = "keyboard_trap"
TITLE = "Keyboard focus gets trapped"
FIX = ("Let Tab and Shift+Tab move focus out of every widget (do not cancel the Tab key, and close or release "
       "modal widgets with Escape and their own buttons).")


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    if facts.error_kind != KIND:
        return None
    return {"blocking": True, "text": facts.error}
