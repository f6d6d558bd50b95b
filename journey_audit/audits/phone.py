"""Phone: what a phone-sized run measures that a desktop run cannot (judged from the ``layout`` facts).

* ``reflow-horizontal-scroll`` (WCAG 1.4.10): at 320 CSS px wide the page needs more width, so people
  who read it at full size scroll sideways. A page without a viewport meta tag is laid out ~980 px wide.
* ``target-size-small`` (WCAG 2.5.8): links, buttons and fields under 24 x 24 CSS px with another
  target within the spacing circle (links inside sentences, and browser-drawn boxes, are exempt).
* ``text-clipped``: text cut off by its box, or spilling out of it, on the phone or at 320 px.
* ``viewport-meta-missing`` (advice): no ``<meta name="viewport">``, so phones show the desktop layout shrunk.

Only phone runs (viewport narrower than 600 CSS px) are judged; desktop runs record no layout facts.
"""

from __future__ import annotations

from .common import artifact, executed, finding, url_path

AUDIT_ID = "phone"
FINDING_IDS = ("reflow-horizontal-scroll", "target-size-small", "text-clipped", "viewport-meta-missing")
PHONE_MAX_WIDTH = 600


def is_phone_run(journey: dict) -> bool:
    viewport = journey.get("viewport") or {}
    return bool(viewport.get("width")) and viewport["width"] < PHONE_MAX_WIDTH


def pages(journey: dict) -> dict[str, tuple[dict, dict]]:
    """Per page (URL path): the first step with layout facts, and those facts (preferring a 320 px measurement)."""
    out: dict[str, tuple[dict, dict]] = {}
    for step in executed(journey):
        facts = artifact(step, "layout")
        if not facts or facts.get("skipped"):
            continue
        path = url_path(step.get("url", ""))
        if path not in out or ("reflow" in facts and "reflow" not in out[path][1]):
            out[path] = (step, facts)
    return out


def _first(steps: list[dict]) -> int | None:
    return min((s.get("index") for s in steps if s.get("index") is not None), default=None)


def run(journey: dict, profile: dict) -> dict:
    if not is_phone_run(journey):
        return {"metrics": {}, "findings": []}
    pts = profile["points"]["phone"]
    seen = pages(journey)
    no_meta, reflow, small, clipped = [], [], [], []
    for path, (step, facts) in seen.items():
        if facts.get("viewport_meta") is None:
            no_meta.append((path, step))
        narrow = facts.get("reflow") or {}
        if narrow and narrow.get("scroll_width", 0) > narrow.get("width", 320) + 1:
            why = "" if facts.get("viewport_meta") is not None else ", no viewport meta tag"
            wide = "; ".join(f"'{w.get('text') or w['target']}' ({w['target']}) reaches {w.get('right', w['width'])} px"
                             for w in narrow.get("wide_elements", [])[:3])
            reflow.append((step, f"{path}: needs {narrow['scroll_width']} CSS px at {narrow['width']} px wide"
                                 f" (laid out {narrow.get('layout_width')} px{why}){'; ' + wide if wide else ''}"))
        for t in facts.get("undersized_targets", []):
            small.append((step, f"{path}: '{t.get('text') or t.get('target')}' ({t.get('target')}) is "
                                f"{t.get('width'):g} x {t.get('height'):g} px"))
        texts = {(c.get("target"), c.get("text")): c for c in facts.get("clipped_text", []) + narrow.get("clipped_text", [])}
        for c in texts.values():
            clipped.append((step, f"{path}: '{c.get('text')}' is {c.get('how')} ({c.get('target')}: "
                                  f"{c.get('content_width')} px of text in a {c.get('box_width')} px box)"))
    findings = []
    if reflow:
        findings.append(finding(
            "reflow-horizontal-scroll", AUDIT_ID, "accessibility", "high",
            f"On a phone, {len(reflow)} page{'s' if len(reflow) > 1 else ''} scroll sideways",
            "At 320 CSS px wide (WCAG 1.4.10 Reflow) the page needs more width, so people who read it at a "
            "readable size have to scroll left and right along every line.",
            "Let the page's layout shrink to the screen: add <meta name=\"viewport\" content=\"width=device-width, "
            "initial-scale=1\"> and replace fixed widths (tables, width=760) with widths that adapt.",
            min(pts["reflow_max"], pts["reflow_each"] * len(reflow)),
            [text for _, text in reflow], _first([s for s, _ in reflow]),
        ))
    if small:
        findings.append(finding(
            "target-size-small", AUDIT_ID, "accessibility", "medium",
            f"{len(small)} link{'s' if len(small) > 1 else ''} or button{'s' if len(small) > 1 else ''} are too small to tap",
            "Smaller than 24 x 24 CSS px with another target close by (WCAG 2.5.8 Target Size, Minimum); "
            "links inside sentences and browser-drawn boxes are not counted.",
            "Make these links and buttons at least 24 px tall and wide (padding works), or space them further apart.",
            min(pts["target_size_max"], pts["target_size_base"] + pts["per_extra_target"] * (len(small) - 1)),
            [text for _, text in small], _first([s for s, _ in small]),
        ))
    if clipped:
        findings.append(finding(
            "text-clipped", AUDIT_ID, "accessibility", "medium",
            f"On a phone, {len(clipped)} piece{'s' if len(clipped) > 1 else ''} of text are cut off or spill out of their box",
            "Text cut off by a fixed-size box can't be read; text spilling out overlaps other content (WCAG 1.4.4, 1.4.10).",
            "Let these boxes grow with their text (no fixed width or height, no overflow: hidden on text).",
            min(pts["clipped_max"], pts["clipped_each"] * len(clipped)),
            [text for _, text in clipped], _first([s for s, _ in clipped]),
        ))
    if no_meta:
        findings.append(finding(
            "viewport-meta-missing", AUDIT_ID, "accessibility", "low",
            "Phones show the desktop page shrunk",
            "The page has no <meta name=\"viewport\">, so phone browsers lay it out about 980 px wide and shrink it.",
            "Add <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"> to every page.",
            pts["viewport_meta"], [p for p, _ in no_meta], _first([s for _, s in no_meta]),
        ))
    metrics = {"phone_pages_checked": len(seen), "phone_pages_reflow_fail": len(reflow),
               "phone_targets_small": len(small), "phone_text_clipped": len(clipped),
               "phone_pages_no_viewport_meta": len(no_meta)}
    return {"metrics": metrics, "findings": findings}
