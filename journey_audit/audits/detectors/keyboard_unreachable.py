"""keyboard_unreachable: in a keyboard replay, Tab never reached the control the step needed (it is not
focusable, is taken out of the tab order, or the whole tab order went by without it). Blocking: a keyboard
user cannot go on. The runner records it as the step's ``error_kind``; the evidence is in ``step["keyboard"]``."""

from __future__ import annotations

from .facts import PageFacts

KIND = "keyboard_unreachable"
TITLE = "A control cannot be reached with the keyboard"
FIX = ("Use a real <button>, link or form control (or add tabindex=\"0\" and key handlers to a custom one), and "
       "never take a control the task needs out of the tab order with tabindex=\"-1\".")


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    if facts.error_kind != KIND:
        return None
    return {"blocking": True, "text": facts.error}
