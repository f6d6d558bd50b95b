"""Dead-end detectors: one file per kind, and ``DETECTORS``, the one registry of dead-end kinds.

Each detector module has ``KIND``, ``TITLE`` (what the finding says), ``FIX`` (plain English), and
``detect(facts, found) -> {"blocking", "text"} | None`` for one step; a kind that is only visible across
steps adds ``detect_journey(journey) -> [dead-end records]``. Adding a detector = one new file + one line
in ``DETECTORS``; the schema enum, report words, scoring profile and docs are checked against ``KINDS``
by tests/measure/test_registry.py. Order matters only for ``no_way_forward``, which runs last and looks
at what the others found.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    broken_link,
    captcha,
    email_only,
    http_error,
    keyboard_trap,
    keyboard_unreachable,
    login_wall,
    no_way_forward,
    not_findable,
    offsite_handoff,
    pdf_form,
    phone_only,
    session_expired,
    timeout,
    validation_loop,
)
from .facts import PageFacts
from .record import dead_end_record

DETECTORS: list[ModuleType] = [
    keyboard_unreachable, keyboard_trap, http_error, broken_link, timeout, session_expired, login_wall, captcha,
    pdf_form, email_only, phone_only, offsite_handoff, validation_loop, not_findable, no_way_forward,
]
KINDS: tuple[str, ...] = tuple(d.KIND for d in DETECTORS)
BY_KIND: dict[str, ModuleType] = {d.KIND: d for d in DETECTORS}

__all__ = ["BY_KIND", "DETECTORS", "KINDS", "dead_end_record", "detect_dead_ends"]


def detect_dead_ends(step: dict) -> list[dict]:
    """Dead ends visible in ONE saved step record (url, http_status, title, artifacts). Never raises."""
    facts = PageFacts.from_step(step)
    found: list[dict] = []
    for detector in DETECTORS:
        try:
            hit = detector.detect(facts, found)
        except Exception:  # noqa: BLE001 - a detector bug must not stop the journey
            continue
        if hit:
            found.append(dead_end_record(detector.KIND, step, hit["blocking"], hit["text"]))
    return found


def detect_journey_dead_ends(journey: dict) -> list[dict]:
    """Dead ends only visible across steps (validation loops, hand-offs between steps, a journey timeout)."""
    found: list[dict] = []
    for detector in DETECTORS:
        hook = getattr(detector, "detect_journey", None)
        if hook is None:
            continue
        try:
            found += hook(journey)
        except Exception:  # noqa: BLE001 - a detector bug must not lose the others
            continue
    return found
