"""Words on the page: main text (for reading age and phrase checks), headings, button labels,
and confirmation facts (reference number, what happens next)."""

from __future__ import annotations

from . import text_facts as tf
from .base import Probe, ProbeContext


def collect(ctx: ProbeContext) -> dict:
    dom = ctx.dom
    page = dom.get("page", {})
    text = dom.get("main_text", "")
    reference = tf.REFERENCE.search(text)
    return {
        "main_text": text[: ctx.options.text_chars],
        "truncated": len(text) > ctx.options.text_chars,
        "words": len(text.split()),
        "h1": page.get("h1", ""),
        "headings": page.get("headings", []),
        "main_headings": page.get("main_headings", []),
        "buttons": sorted({b["text"] for b in dom.get("buttons", []) if b.get("text") and not b.get("in_search_form")}),
        "confirmation_panel": bool(page.get("confirmation_panel")),
        "reference": reference.group(4) if reference else "",
        "next_steps": tf.snippet(tf.NEXT_STEPS, text, 40),
    }


PROBE = Probe("content", collect)
