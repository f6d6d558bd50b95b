"""Friction index (0-100, higher = more friction), 1-4 stars and top fixes.

Each component score is the sum of its findings' points, capped at 100. The index is the
weighted mean of the measured components; a blocking dead end lifts it into the top band and caps
the stars at 1, and any critical axe violation caps them at 3 (as Better Connected did).
Each finding's ``friction_points`` is how far the index would fall without it.
"""

from __future__ import annotations

from typing import Any

from . import essentials

COMPONENTS = ("forms", "effort", "accessibility", "dead_ends", "error_handling", "content", "findability", "keyboard")
# The words for each number of stars (Socitm Better Connected), shown the same in every report and the docs.
STAR_WORDS = {4: "very good", 3: "good", 2: "unsatisfactory", 1: "poor"}


def star_words(stars: int | None) -> str:
    """'3 stars (good)', or '' when the journey was not scored."""
    if stars not in STAR_WORDS:
        return ""
    return f"{stars} star{'s' if stars != 1 else ''} ({STAR_WORDS[stars]})"


def cap_advice(findings: list[dict], profile: dict) -> None:
    """Keep advice small: each advice finding and each component's advice total are capped (profile ``advice``)."""
    caps = profile.get("advice") or {}
    each, most = float(caps.get("each_max", 3)), float(caps.get("component_max", 8))
    for name in COMPONENTS:
        advice = [f for f in findings if f.get("component") == name and f.get("kind") == "advice"]
        for item in advice:
            item["points"] = round(min(float(item.get("points", 0)), each), 2)
        total = sum(f["points"] for f in advice)
        if total > most:
            for item in advice:
                item["points"] = round(item["points"] * most / total, 2)


def measured(metrics: dict) -> dict[str, bool]:
    """Components with evidence: error handling needs a validation check, accessibility an axe run
    (or, in a phone run, the layout checks)."""
    return {
        "forms": True,
        "effort": True,
        "accessibility": bool((metrics.get("a11y") or {}).get("pages_checked") or metrics.get("phone_pages_checked")),
        "dead_ends": True,
        "error_handling": bool(metrics.get("error_checks")),
        "content": True,
        "findability": bool(metrics.get("findability")),  # explored journeys only
        "keyboard": bool(metrics.get("keyboard")),  # keyboard runs only
    }


def component_scores(findings: list[dict], metrics: dict) -> dict[str, float | None]:
    which = measured(metrics)
    scores: dict[str, float | None] = {}
    for name in COMPONENTS:
        if not which[name]:
            scores[name] = None
            continue
        scores[name] = round(min(100.0, sum(f.get("points", 0) for f in findings if f.get("component") == name)), 1)
    return scores


def index_of(findings: list[dict], metrics: dict, profile: dict) -> float:
    """The friction index for a set of findings (used again with one finding left out)."""
    weights = profile["weights"]
    scores = component_scores(findings, metrics)
    total = sum(weights[n] for n, s in scores.items() if s is not None)
    value = sum(weights[n] * s for n, s in scores.items() if s is not None) / total if total else 0.0
    if any(f.get("blocking") for f in findings):
        floor = profile["stars"]["blocking_dead_end_min_index"]
        value = floor + (100 - floor) * value / 100
    return round(value, 1)


def stars(index: float, metrics: dict, blocking: bool, profile: dict, findings: list[dict] | None = None) -> int:
    s = profile["stars"]
    value = 4 if index <= s["four_max_index"] else 3 if index <= s["three_max_index"] else 2 if index <= s["two_max_index"] else 1
    if blocking:
        value = min(value, s["blocking_dead_end_max_stars"])
    if (metrics.get("a11y") or {}).get("critical"):
        value = min(value, s["critical_a11y_max_stars"])
    return essentials.cap(value, metrics, profile, findings)


def explain(name: str, score: float | None, metrics: dict, profile: dict) -> str:
    """One plain-English sentence per component, built from the numbers."""
    m = metrics
    if name == "forms":
        return (f"{m.get('fields_total', 0)} fields ({m.get('fields_required', 0)} required), {m.get('fields_unlabelled', 0)} without a label "
                f"({m.get('fields_placeholder_only', 0)} placeholder-only), at most {m.get('questions_max_per_page', 0)} questions on one page.")
    if name == "effort":
        kb = m.get("keyboard") or {}
        how = f"{kb['keys_total']} key presses" if kb else f"{m.get('clicks', 0)} clicks"
        return (f"About {m.get('klm_seconds', 0):.0f} s (±{profile['klm'].get('accuracy', 0.21):.0%}) of "
                f"{'key presses' if kb else 'clicking and typing'} over {m.get('steps', 0)} screens and {how}, "
                f"{m.get('chars_typed', 0)} characters typed, {m.get('wait_seconds', 0):.1f} s waiting.")
    if name == "accessibility":
        a = m.get("a11y") or {}
        if score is None:
            return "Not measured: axe did not run on any page."
        phone = ""
        if m.get("phone_pages_checked"):
            phone = (f" On a phone: {m.get('phone_pages_reflow_fail', 0)} page(s) scroll sideways at 320 px, "
                     f"{m.get('phone_targets_small', 0)} target(s) too small to tap, {m.get('phone_text_clipped', 0)} text(s) cut off.")
        if not a.get("pages_checked"):
            return "axe did not run." + phone
        return (f"axe found {a.get('critical', 0)} critical, {a.get('serious', 0)} serious, {a.get('moderate', 0)} moderate and "
                f"{a.get('minor', 0)} minor WCAG failures ({a.get('rules', 0)} rules) on {a.get('pages_checked', 0)} page states, "
                f"and {a.get('best_practice', 0)} best-practice suggestion(s); {a.get('incomplete', 0)} need a human check.{phone}")
    if name == "dead_ends":
        n, b = m.get("dead_ends", 0), m.get("dead_ends_blocking", 0)
        if not n:
            return "No dead ends: the task can be done online from start to finish."
        return f"{n} dead end(s) ({', '.join(m.get('dead_end_kinds', []))}); {b} stop the task being done online."
    if name == "error_handling":
        if score is None:
            return "Not measured: the journey made no deliberate validation check."
        return (f"Error pages passed {m.get('error_checks_passed', 0)} of {m.get('error_checks', 0)} GOV.UK pattern checks "
                f"({(m.get('error_handling_pass_rate') or 0):.0%}).")
    if name == "content":
        age = m.get("reading_age")
        age_text = f"reading age {age:.0f} (target {profile['thresholds']['reading_age_target']})" if age is not None else "too little text for a reading age"
        jargon = m.get("jargon_buttons") or []
        confirm = ""
        if m.get("confirmation_page"):
            confirm = (f"; the confirmation page {'gives' if m.get('confirmation_reference') else 'lacks'} a reference and "
                       f"{'says' if m.get('confirmation_next_steps') else 'does not say'} what happens next")
        return f"Text has a {age_text}, {len(jargon)} vague button label(s){confirm}."
    if name == "findability":
        f = m.get("findability") or {}
        if score is None:
            return "Not measured: a scripted journey starts at the service, not at the home page."
        clicks, rank, a_to_z = f.get("clicks_from_home"), f.get("search_rank"), f.get("in_a_to_z")
        return (f"Found by {', '.join(f.get('found_by') or []) or 'no way tried'}: "
                f"{'not reachable by links' if clicks is None else f'{clicks} click(s) from the home page'}, "
                f"{'no site search' if not f.get('has_search') else f'search rank {rank}' if rank else 'not in the search top 10'}, "
                f"{'no A to Z' if a_to_z is None else 'in the A to Z' if a_to_z else 'not in the A to Z'}.")
    if name == "keyboard":
        k = m.get("keyboard") or {}
        if score is None:
            return "Not measured: the journey was replayed with a mouse (journey-audit run --keyboard measures it)."
        stuck = k.get("first_stuck")
        where = f" A keyboard user gets stuck at '{stuck.get('control')}' (step {stuck.get('step')})." if stuck else ""
        link = k.get("skip_link")
        skip = ("no skip link recorded" if not link else "a working skip link" if link.get("works") else
                "a skip link that does not work" if link.get("present") else "no skip link")
        back = f" ({k['shift_tab_presses']} with Shift)" if k.get("shift_tab_presses") else ""
        return (f"By keyboard: {k.get('keys_total', 0)} key presses, {k.get('tab_presses', 0)} of them Tab{back} "
                f"(about {k.get('klm_seconds', 0):.0f} s); {len(k.get('focus_not_visible') or [])} control(s) with "
                f"invisible focus, {len(k.get('order_mismatch') or [])} Tab-order inversion(s), "
                f"{len(k.get('focus_lost') or [])} time(s) focus lost after errors, {skip}.{where}")
    return ""


def friction(metrics: dict, findings: list[dict], profile: dict) -> dict[str, Any]:
    """The friction block of a journey; also fills each finding's ``friction_points`` (and caps advice points)."""
    cap_advice(findings, profile)
    scores = component_scores(findings, metrics)
    index = index_of(findings, metrics, profile)
    weights = profile["weights"]
    total_weight = sum(weights[n] for n, s in scores.items() if s is not None) or 1
    for i, item in enumerate(findings):
        without = findings[:i] + findings[i + 1:]
        marginal = index - index_of(without, metrics, profile)
        # In a capped component, removing one finding may change nothing; share the component's part instead.
        name = item.get("component")
        pool = sum(f.get("points", 0) for f in findings if f.get("component") == name) or 1
        share = weights.get(name, 0) * (scores.get(name) or 0) / total_weight * item.get("points", 0) / pool
        item["friction_points"] = round(max(0.0, marginal, share), 1)
    blocking = bool(metrics.get("dead_ends_blocking"))
    return {
        "index": index,
        "stars": stars(index, metrics, blocking, profile, findings),
        "components": {
            name: {"score": scores[name], "weight": profile["weights"][name], "explanation": explain(name, scores[name], metrics, profile)}
            for name in COMPONENTS
        },
        "profile_version": str(profile["version"]),
    }


ADVICE_PREFIX = "Advice: "


def top_fixes(findings: list[dict], limit: int = 5) -> list[str]:
    """Up to ``limit`` plain-English fixes: barriers first, then advice (marked "Advice: "), each by the
    friction it removes (same fix merged). Advice never outranks a barrier, whatever its points."""
    merged: dict[str, dict] = {}
    for item in findings:
        if item.get("friction_points", 0) <= 0:
            continue
        entry = merged.setdefault(item["fix"], {"points": 0.0, "titles": [], "barrier": False})
        entry["points"] += item["friction_points"]
        entry["barrier"] = entry["barrier"] or item.get("kind", "barrier") == "barrier"
        title = item["title"].removesuffix(" (blocking)")
        if title not in entry["titles"]:
            entry["titles"].append(title)
    ranked = sorted(merged.items(), key=lambda kv: (not kv[1]["barrier"], -kv[1]["points"]))[:limit]
    return [f"{'' if e['barrier'] else ADVICE_PREFIX}{fix} ({'; '.join(e['titles'][:2])}; {_points(e['points'])})"
            for fix, e in ranked]


def _points(points: float) -> str:
    return "under 1 friction point" if points < 1 else f"about {points:.0f} friction points"
