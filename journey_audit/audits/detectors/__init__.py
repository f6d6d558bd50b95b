"""Dead-end detectors: one file per kind, each ``detect(facts, found) -> {"blocking", "text"} | None``.

Adding a detector = one new file + one line in ``DETECTORS``. Order matters only for
``no_way_forward``, which runs last and looks at what the others found.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    broken_link,
    captcha,
    email_only,
    http_error,
    login_wall,
    no_way_forward,
    offsite_handoff,
    pdf_form,
    phone_only,
    session_expired,
    timeout,
)
from .facts import PageFacts

DETECTORS: list[ModuleType] = [
    http_error, broken_link, timeout, session_expired, login_wall, captcha,
    pdf_form, email_only, phone_only, offsite_handoff, no_way_forward,
]
KINDS: tuple[str, ...] = tuple(d.KIND for d in DETECTORS) + ("validation_loop", "not_findable")  # journey-level kinds


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


def dead_end_record(kind: str, step: dict, blocking: bool, text: str) -> dict:
    return {
        "kind": kind,
        "step": step.get("index"),
        "blocking": bool(blocking),
        "evidence": {"url": step.get("url") or "", "text": text[:400], "screenshot": step.get("screenshot")},
    }
