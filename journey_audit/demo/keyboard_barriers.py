"""The keyboard barriers planted in Mudford and Stonyfield, written down before a keyboard run measured them.

Each is a pattern real council sites have (WCAG failures F54 and F55, 2.1.1, 2.1.2, 2.4.3, 2.4.7), built
into the demo pages by hand; a mouse user meets none of them, so every bundled journey still ends as it
did by mouse. ``step`` is the step of the bundled journey (results ``index``; 0 is the start page) where a
keyboard user meets the barrier. ``blocks`` says whether it stops the keyboard journey there (a
``keyboard_unreachable`` or ``keyboard_trap`` dead end) or is a finding on a journey that goes further.
Brightwater has none: every task can be done by keyboard, with a visible focus style on every control
and a skip link. docs/demo.md describes them for people; tests/e2e/test_keyboard_demo.py checks each.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyboardBarrier:
    council_id: str
    task: str
    step: int
    pattern: str  # custom-dropdown | focus-trap | outline-none | positive-tabindex | div-button
    control: str  # what the barrier is on, as the page shows it
    blocks: bool
    where: str  # the template or stylesheet that plants it
    meets: str  # what a keyboard user meets


KEYBOARD_BARRIERS: tuple[KeyboardBarrier, ...] = (
    KeyboardBarrier(
        "mudford", "apply-parking-permit", 10, "custom-dropdown", "Select a security question", True,
        "templates/mudford/register.html",
        "the registration form's 'Security question' is a styled <div> that opens a <ul> on a mouse click: no "
        "tabindex, no role, no key handling, so Tab never reaches it and no account can be made",
    ),
    KeyboardBarrier(
        "mudford", "report-missed-bin", 13, "focus-trap", "Date of missed collection (the calendar pop-up)", True,
        "templates/mudford/calendar_popup.html",
        "after typing the date, Tab moves into a calendar pop-up that swallows Tab and Shift+Tab and cycles "
        "its own links (Prev, Next, the days); Escape does nothing; only a mouse click outside closes it",
    ),
    KeyboardBarrier(
        "mudford", "report-pothole", 2, "positive-tabindex", "Road/Street name of defect", False,
        "mudford_forms.py (tabindex=1..9)",
        "the 'defect details' fields carry tabindex 1-9, so Tab visits them first, then the header, menus "
        "and the caller's details above them: the Tab order does not follow the page",
    ),
    KeyboardBarrier(
        "stonyfield", "book-bulky-waste", 6, "div-button", "Next", True,
        "templates/stonyfield/bulky_step1.html",
        "the form's 'Next' is a <div role=button> with an onclick and no tabindex: Tab goes from the last "
        "field to the footer, and Enter in a field does not submit (the form has no submit button)",
    ),
    KeyboardBarrier(
        "stonyfield", "report-pothole", 1, "outline-none", "Roads and transport", False,
        "static/stonyfield/site.css (.site-nav a:focus)",
        "the main menu links drop the focus outline (outline: none) and put nothing in its place, so a "
        "keyboard user cannot see which menu link is focused; met on every Stonyfield page",
    ),
)
