"""Dead ends over a whole journey: per-step detections, then journey-level judgement.

A blocking detection on a page the journey later got past (a later step loaded a new page) is
downgraded to non-blocking friction. Journey-level kinds: validation_loop, timeout (journey error),
offsite_handoff between consecutive steps.
"""

from __future__ import annotations

from .common import executed, finding
from .detectors import BY_KIND, detect_dead_ends, detect_journey_dead_ends
from .kinds import kind_of

AUDIT_ID = "dead-ends"
GOT_PAST = "(the journey got past it) "  # leads the evidence of a dead end the journey went on from


def finding_id(kind: str) -> str:
    return f"dead-end-{kind.replace('_', '-')}"


FINDING_IDS = tuple(finding_id(kind) for kind in BY_KIND)


def _passed(journey: dict, index: int) -> bool:
    """A later step loaded a new page successfully, so the journey got past step ``index``."""
    return any(s.get("index", -1) > index and s.get("status") == "ok" and s.get("navigated") for s in executed(journey))


def journey_dead_ends(journey: dict) -> list[dict]:
    found: list[dict] = []
    for step in executed(journey):
        for dead in detect_dead_ends(step):
            if dead["blocking"] and _passed(journey, step.get("index", 0)):
                dead["blocking"] = False
                dead["evidence"]["text"] = GOT_PAST + dead["evidence"]["text"]
            found.append(dead)
    journey_level = detect_journey_dead_ends(journey)
    if any(d["kind"] == "timeout" for d in found):
        journey_level = [d for d in journey_level if d["kind"] != "timeout"]
    found += journey_level
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
        detector = BY_KIND.get(dead["kind"])
        title = detector.TITLE if detector else dead["kind"].replace("_", " ")
        fix = detector.FIX if detector else "Remove the obstacle."
        points = pts["blocking"] if dead["blocking"] else pts.get(dead["kind"], pts["other"])
        item = finding(
            finding_id(dead["kind"]), AUDIT_ID, "dead_ends",
            "high" if dead["blocking"] else ("info" if dead["kind"] == "offsite_handoff" else "medium"),
            title + (" (blocking)" if dead["blocking"] else ""), dead["evidence"]["text"], fix, points,
            [dead["evidence"]["url"]], dead["step"], kind=kind_of(finding_id(dead["kind"]), dead["blocking"]),
        )
        item["blocking"] = bool(dead["blocking"])  # scoring reads this, never the title
        findings.append(item)
    metrics = {
        "dead_ends": len(dead_ends),
        "dead_ends_blocking": sum(1 for d in dead_ends if d["blocking"]),
        "dead_end_kinds": sorted({d["kind"] for d in dead_ends}),
    }
    return {"metrics": metrics, "findings": findings, "dead_ends": dead_ends}
