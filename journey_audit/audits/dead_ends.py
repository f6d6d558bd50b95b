"""Dead ends over a whole journey: per-step detections, then journey-level judgement.

A blocking detection on a page the journey later got past (a later step loaded a new page) is
downgraded to non-blocking friction. Journey-level kinds: validation_loop, timeout (journey error),
offsite_handoff between consecutive steps.
"""

from __future__ import annotations

from .common import artifact, executed, finding, host
from .detectors import dead_end_record, detect_dead_ends
from .error_handling import cleared_fields
from .kinds import kind_of

AUDIT_ID = "dead-ends"

FIXES = {
    "pdf_form": ("The task is only offered as a form to download", "Replace the downloadable form with an online form (keep the document as an alternative)."),
    "phone_only": ("The task can only be done by phone", "Offer an online way to do this task; keep the phone number as an alternative."),
    "email_only": ("The task can only be done by email", "Replace 'email us' with an online form that asks for exactly what you need."),
    "login_wall": ("Users must sign in or register first", "Let people do this without an account (offer 'continue without an account')."),
    "captcha": ("A CAPTCHA stands in the way", "Remove the CAPTCHA; stop spam with invisible checks (honeypot fields, rate limits)."),
    "http_error": ("A page failed with an error", "Fix the failing page (server error or missing page)."),
    "broken_link": ("A link in the journey is broken", "Fix or redirect the broken link."),
    "timeout": ("A page did not respond in time", "Make the page respond within a few seconds."),
    "session_expired": ("The session expired and answers were lost", "Warn before a session times out and let users extend it (WCAG 2.2.1); keep their answers."),
    "validation_loop": ("Users get stuck in a loop of errors", "Keep users' answers after an error and accept valid input first time."),
    "no_way_forward": ("The page offers no way forward", "Give the page a clear next step (a button or link to continue)."),
    "offsite_handoff": ("The journey hands users to another website", "Tell users before sending them to a partner site and keep the look consistent."),
}


def _passed(journey: dict, index: int) -> bool:
    """A later step loaded a new page successfully, so the journey got past step ``index``."""
    return any(s.get("index", -1) > index and s.get("status") == "ok" and s.get("navigated") for s in executed(journey))


def _errors(step: dict) -> list[str]:
    forms = artifact(step, "forms")
    summary = forms.get("error_summary", {}) or {}
    return sorted(set(summary.get("items", [])) | {f["error_message"] for f in forms.get("fields", []) if f.get("error_message")}
                  | set(forms.get("error_messages", [])))


def validation_loops(journey: dict) -> list[dict]:
    """Same errors again after the journey answered correctly, or answers wiped by an error."""
    out = []
    steps = executed(journey)
    for i, step in enumerate(steps):
        if not step.get("validation_check"):
            continue
        errors = _errors(step)
        held, lost = cleared_fields(journey, step)
        if lost:
            out.append(dead_end_record("validation_loop", step, False, f"The error cleared {len(lost)} of {held} answers: {', '.join(lost[:6])}"))
        for later in steps[i + 1:]:
            if later.get("validation_check"):
                break
            if later.get("action") in ("click", "submit") and errors and _errors(later) == errors:
                out.append(dead_end_record("validation_loop", later, True, f"Same errors after correcting: {'; '.join(errors[:3])}"))
                break
    return out


def handoffs(journey: dict) -> list[dict]:
    out, previous = [], None
    for step in executed(journey):
        now = host(step.get("url", ""))
        if previous and now and now != previous and step.get("navigated"):
            out.append(dead_end_record("offsite_handoff", step, False, f"Handed off from {previous} to {now}"))
        previous = now or previous
    return out


def journey_dead_ends(journey: dict) -> list[dict]:
    found: list[dict] = []
    for step in executed(journey):
        for dead in detect_dead_ends(step):
            if dead["blocking"] and _passed(journey, step.get("index", 0)):
                dead["blocking"] = False
                dead["evidence"]["text"] = "(the journey got past it) " + dead["evidence"]["text"]
            found.append(dead)
    found += validation_loops(journey) + handoffs(journey)
    error = journey.get("error") or {}
    page_timeout = error.get("kind") == "timeout" if error.get("kind") else "timeout" in str(error.get("message", "")).lower()
    if error and page_timeout and not any(d["kind"] == "timeout" for d in found):
        step = next((s for s in journey.get("steps", []) if s.get("index") == error.get("step")), {"index": error.get("step")})
        found.append(dead_end_record("timeout", {**step, "screenshot": error.get("screenshot") or step.get("screenshot")}, False, str(error["message"])[:240]))
    # One record per kind and page: re-probing the same page after each fill must not multiply it.
    unique: dict[tuple, dict] = {}
    for dead in sorted(found, key=lambda d: (d["step"] if d["step"] is not None else -1)):
        key = (dead["kind"], dead["evidence"]["url"].split("#")[0])
        if key in unique:
            unique[key]["blocking"] = unique[key]["blocking"] or dead["blocking"]
        else:
            unique[key] = dead
    # The link to a PDF and the PDF itself are one dead end: keep the blocking record of a kind.
    blocking_kinds = {d["kind"] for d in unique.values() if d["blocking"]}
    return [d for d in unique.values() if d["blocking"] or d["kind"] not in blocking_kinds]


def run(journey: dict, profile: dict) -> dict:
    pts = profile["points"]["dead_ends"]
    dead_ends = journey_dead_ends(journey)
    findings = []
    for dead in dead_ends:
        title, fix = FIXES.get(dead["kind"], (dead["kind"].replace("_", " "), "Remove the obstacle."))
        points = pts["blocking"] if dead["blocking"] else pts.get(dead["kind"], pts["other"])
        fid = f"dead-end-{dead['kind'].replace('_', '-')}"
        findings.append(finding(
            fid, AUDIT_ID, "dead_ends",
            "high" if dead["blocking"] else ("info" if dead["kind"] == "offsite_handoff" else "medium"),
            title + (" (blocking)" if dead["blocking"] else ""), dead["evidence"]["text"], fix, points,
            [dead["evidence"]["url"]], dead["step"], kind=kind_of(fid, dead["blocking"]),
        ))
    metrics = {
        "dead_ends": len(dead_ends),
        "dead_ends_blocking": sum(1 for d in dead_ends if d["blocking"]),
        "dead_end_kinds": sorted({d["kind"] for d in dead_ends}),
    }
    return {"metrics": metrics, "findings": findings, "dead_ends": dead_ends}
