"""Effort: steps, pages, clicks, typing, waiting, and a Keystroke-Level Model time estimate.

Deliberate validation checks (``expect_error``) are the audit's doing, not the user's, so they are
left out of the effort counts (their waits are still measured).
"""

from __future__ import annotations

from .common import artifact, finding, keyboard_facts, keyboard_run, scaled
from .error_state import error_state

AUDIT_ID = "effort"
FINDING_IDS = ("long-task-time", "slow-pages", "back-tracks", "unexpected-validation-errors")
_CLICKY = ("click", "submit")


def counts(journey: dict) -> dict:
    """Raw effort counts from the step records."""
    steps = pages = clicks = fields = chars = back = trips = checks = 0
    wait_ms = 0.0
    seen: list[str] = []
    previous: dict = {}
    by_mouse = journey.get("mode") != "keyboard"  # a keyboard user presses the held-back button with Enter
    for step in journey.get("steps", []):
        if step.get("status") == "skipped_final":
            clicks += 1 if by_mouse and step.get("action") in _CLICKY else 0
            continue
        wait_ms += float(step.get("wait_ms") or 0)
        if step.get("validation_check"):
            checks += 1
            continue
        url = (step.get("url") or "").split("#")[0]
        moved = step.get("navigated") or step.get("index") == 0
        spa = not moved and step.get("action") in _CLICKY and previous and (
            url != (previous.get("url") or "").split("#")[0]
            or artifact(step, "page").get("h1") != artifact(previous, "page").get("h1"))
        pages += 1 if moved else 0
        steps += 1 if (moved or spa) else 0
        if moved and url in seen[:-1] and step.get("action") != "goto" or step.get("action") == "back":
            back += 1
        if moved:
            seen.append(url)
        if step.get("action") in _CLICKY and error_state(step, previous or None).shown:
            trips += 1
        clicks += int(step.get("clicks") or 0)
        fields += int(step.get("fields_filled") or 0)
        chars += int(step.get("chars_typed") or 0)
        previous = step
    return {"steps": steps, "pages": pages, "clicks": clicks, "fields_filled": fields, "chars_typed": chars,
            "back_tracks": back, "validation_round_trips": trips, "validation_checks": checks,
            "wait_seconds": round(wait_ms / 1000, 2)}


def klm_seconds(c: dict, klm: dict) -> float:
    """Per screen M; per field M+P+BB+H plus K per character; per click P+BB (Card, Moran & Newell)."""
    k, p, b, h, m = (float(klm[x]) for x in ("K", "P", "B", "H", "M"))
    return c["steps"] * m + c["fields_filled"] * (m + p + 2 * b + h) + c["chars_typed"] * k + c["clicks"] * (p + 2 * b)


def keyboard_klm_seconds(c: dict, keys: int, klm: dict) -> float:
    """The same task by keyboard alone: M per screen and per field (the thinking does not change), and K per
    key press (Tab, Shift+Tab, typing, Enter/Space, arrows); no pointing, clicking or homing on the keyboard."""
    k, m = float(klm["K"]), float(klm["M"])
    return c["steps"] * m + c["fields_filled"] * m + keys * k


def run(journey: dict, profile: dict) -> dict:
    pts = profile["points"]["effort"]
    klm = profile["klm"]
    c = counts(journey)
    # The predicted time of the way the journey was replayed: one figure for compare, diff, gate and the report.
    keys = sum(int(keyboard_facts(s).get("keys") or 0) for s in journey.get("steps", [])) \
        if keyboard_run(journey) else None
    seconds = klm_seconds(c, klm) if keys is None else keyboard_klm_seconds(c, keys, klm)
    acc = float(klm.get("accuracy", 0.21))
    metrics = {**c, "klm_seconds": round(seconds, 1),
               "klm_range": [round(seconds * (1 - acc), 1), round(seconds * (1 + acc), 1)]}
    findings = []
    if seconds > pts["klm_good_s"]:
        how = "clicking and typing" if keys is None else "key presses"
        done = f"{c['clicks']} clicks" if keys is None else f"{keys} key presses"
        findings.append(finding(
            "long-task-time", AUDIT_ID, "effort", "medium",
            f"The task takes about {seconds:.0f} seconds of {how}",
            f"Keystroke-Level Model estimate ±{acc:.0%}: {c['steps']} screens, {c['fields_filled']} fields, "
            f"{c['chars_typed']} characters, {done}.",
            "Ask fewer questions and remove pages that only ask users to click on.",
            scaled(seconds, pts["klm_good_s"], pts["klm_cap_s"], pts["klm_max"]),
            [f"klm_seconds={seconds:.1f}"], key="journey",
        ))
    if c["wait_seconds"] > pts["wait_good_s"]:
        findings.append(finding(
            "slow-pages", AUDIT_ID, "effort", "medium",
            f"Users wait {c['wait_seconds']:.1f} seconds for pages to load",
            "Measured time waiting for navigations and network during the journey.",
            "Speed up slow pages (server response, heavy scripts, third-party widgets).",
            scaled(c["wait_seconds"], pts["wait_good_s"], pts["wait_cap_s"], pts["wait_max"]),
            [f"wait_seconds={c['wait_seconds']}"], key="journey",
        ))
    if c["back_tracks"]:
        findings.append(finding(
            "back-tracks", AUDIT_ID, "effort", "low",
            f"The journey goes back {c['back_tracks']} time(s)",
            "Returning to a page already seen usually means the route forward was unclear.",
            "Link straight to the next step so users never have to go back.",
            pts["back_track_each"] * c["back_tracks"],
        ))
    if c["validation_round_trips"]:
        findings.append(finding(
            "unexpected-validation-errors", AUDIT_ID, "effort", "medium",
            f"Correct answers were rejected {c['validation_round_trips']} time(s)",
            "A step with valid test data came back with errors.",
            "Accept reasonable formats (spaces in postcodes, dates, phone numbers) instead of rejecting them.",
            pts["round_trip_each"] * c["validation_round_trips"],
        ))
    return {"metrics": metrics, "findings": findings}
