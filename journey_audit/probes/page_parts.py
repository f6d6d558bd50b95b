"""Raw facts about the page's parts that audits judge in Python: CAPTCHA markers, images (alt and
file name), tables and grids built without table markup, and the text outside the main content."""

from __future__ import annotations

from .base import Probe, ProbeContext


def other_text(main: str, body: str, limit: int = 1500) -> str:
    """Body text that is not main text (header, footer, navigation): where a phone number is not a route."""
    rest = body.replace(main, " ") if main and main in body else body
    return " ".join(rest.split())[:limit]


def collect(ctx: ProbeContext) -> dict:
    dom = ctx.dom
    return {
        "captcha": dom.get("captcha", []),
        "images": dom.get("images", []),
        "tables": dom.get("tables", []),
        "fake_tables": dom.get("fake_tables", []),
        "other_text": other_text(dom.get("main_text", ""), dom.get("body_text", "")),
    }


PROBE = Probe("page_parts", collect)
