"""Words on the page: main text (for reading age and phrase checks), headings, button labels and
whether a confirmation panel is shown. Raw facts only: references and "what happens next" wording are
found by the content audit in Python."""

from __future__ import annotations

from .base import Probe, ProbeContext


def collect(ctx: ProbeContext) -> dict:
    dom = ctx.dom
    page = dom.get("page", {})
    text = dom.get("main_text", "")
    return {
        "main_text": text[: ctx.options.text_chars],
        "truncated": len(text) > ctx.options.text_chars,
        "words": len(text.split()),
        "h1": page.get("h1", ""),
        "headings": page.get("headings", []),
        "main_headings": page.get("main_headings", []),
        "buttons": sorted({b["text"] for b in dom.get("buttons", []) if b.get("text") and not b.get("in_search_form")}),
        "confirmation_panel": bool(page.get("confirmation_panel")),
    }


PROBE = Probe("content", collect)
