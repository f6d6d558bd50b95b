"""phone_only: the page tells users to phone, and offers no online way to do the task."""

from __future__ import annotations

from journey_audit.probes import text_facts as tf

from .facts import PageFacts

KIND = "phone_only"
TITLE = "The task can only be done by phone"
FIX = "Offer an online way to do this task; keep the phone number as an alternative."


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    numbers = facts.signals.get("phones_main", []) + [t.get("href", "")[4:] for t in facts.main_links("tel_links")]
    if not numbers or facts.online:
        return None
    if any(d["kind"] in ("pdf_form", "email_only") for d in found):
        return None  # the page's route is a form to post or an email; its phone number is not the only way
    cta = tf.snippet(tf.PHONE_CTA, facts.main_text, 60) or tf.snippet(tf.NOT_ONLINE, facts.main_text, 60)
    if not cta:
        return None
    return {"blocking": True, "text": f"Phone only ({numbers[0]}): {cta}"}
