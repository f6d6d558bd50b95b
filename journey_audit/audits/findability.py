"""Findability: can people find the task from the council's home page? (explored journeys only)

Judges the facts ``journey-audit explore`` recorded (``journey["exploration"]``): clicks from the home
page, the rank in the site's own search, a place in the A to Z. A task found no way at all is the
blocking dead end ``not_findable``. Scripted journeys have no such facts, so nothing is measured.
"""

from __future__ import annotations

from .common import finding

AUDIT_ID = "findability"
FINDING_IDS = ("findability-deep", "findability-search", "findability-a-to-z")


def metrics_of(facts: dict) -> dict:
    search, a_to_z = facts.get("search") or {}, facts.get("a_to_z") or {}
    return {
        "clicks_from_home": facts.get("clicks_from_home"),
        "search_rank": search.get("rank"),
        "has_search": search.get("box") not in (None, False),
        "in_a_to_z": a_to_z.get("in_a_to_z"),
        "path": facts.get("path") or [],
        "found_by": facts.get("found_by") or [],
    }


def run(journey: dict, profile: dict) -> dict:
    facts = journey.get("exploration")
    if not facts:
        return {}
    pts = profile["points"]["findability"]
    m = metrics_of(facts)
    home = facts.get("home_url", "")
    findings: list[dict] = []
    clicks = m["clicks_from_home"]
    if clicks is not None and clicks > pts["clicks_good"]:
        findings.append(finding("findability-deep", AUDIT_ID, "findability", "medium",
                                f"The task is {clicks} clicks from the home page",
                                " > ".join(str(p) for p in m["path"]),
                                "Link to the task from the home page or one topic page away.",
                                min(pts["clicks_max"], pts["per_extra_click"] * (clicks - pts["clicks_good"])), [home], None))
    rank = m["search_rank"]
    if not m["has_search"] or rank is None or rank > pts["search_good_rank"]:
        why = ("The site has no working search box" if not m["has_search"] else
               "Site search does not put the task in its top 10" if rank is None else
               f"Site search puts the task at position {rank}")
        findings.append(finding("findability-search", AUDIT_ID, "findability", "medium", why,
                                "; ".join(f"'{t['term']}': {t['rank'] or 'not in top 10'}" for t in
                                          (facts.get("search") or {}).get("tries", [])) or why,
                                "Make site search rank the task's page first for the words people use.",
                                pts["search_missing"] if rank is None else
                                min(pts["search_missing"], pts["per_search_place"] * (rank - pts["search_good_rank"])),
                                [home], None))
    if m["in_a_to_z"] is False:
        findings.append(finding("findability-a-to-z", AUDIT_ID, "findability", "low",
                                "The A to Z does not list the task", (facts.get("a_to_z") or {}).get("page") or "",
                                "List the task in the A to Z under the words people use.", pts["not_in_a_to_z"],
                                [home], None))
    return {"metrics": {"findability": m}, "findings": findings}
