"""Layout facts for phone runs (WCAG 1.4.10 reflow, 2.5.8 target size, clipped text, viewport meta).

Recorded only when the page is phone-sized (narrower than 600 CSS px, as the browser session emulates a
phone), so desktop runs carry none. Facts are measured twice: at the run's own phone viewport, and at
320 CSS px wide (the reflow width of WCAG 1.4.10); the viewport is put back before the screenshot.
The 320 px measurement is done once per loaded document (its first probe), to keep runs quick.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .base import Probe, ProbeContext

LAYOUT_JS = Path(__file__).with_name("layout_facts.js")
PHONE_MAX_WIDTH = 600  # the session emulates a phone (is_mobile) below this width
REFLOW_WIDTH = 320  # WCAG 1.4.10: content usable at 320 CSS px without scrolling sideways


@cache
def _script() -> str:
    return LAYOUT_JS.read_text(encoding="utf-8")


def collect(ctx: ProbeContext) -> dict:
    page = ctx.page
    if page.is_closed():
        raise RuntimeError("the page is closed")
    size = page.viewport_size or {}
    if not size or size.get("width", 10_000) >= PHONE_MAX_WIDTH:
        return {"skipped": True}
    facts = {"viewport": dict(size), **page.evaluate(_script(), {"minTarget": 24})}
    if not page.evaluate("() => window.__journeyAuditReflowMeasured === true"):
        try:
            page.set_viewport_size({"width": REFLOW_WIDTH, "height": size["height"]})
            narrow = page.evaluate(_script(), {"minTarget": 24})
        finally:
            page.set_viewport_size(size)
            page.evaluate("() => { window.__journeyAuditReflowMeasured = true; }")
        facts["reflow"] = {"width": REFLOW_WIDTH, "layout_width": narrow["layout_width"],
                           "scroll_width": narrow["scroll_width"], "wide_elements": narrow["wide_elements"],
                           "clipped_text": narrow["clipped_text"]}
    return facts


PROBE = Probe("layout", collect)
