"""email_only: the page asks users to email the council and offers no online form."""

from __future__ import annotations

from journey_audit.probes import text_facts as tf

from .facts import PageFacts

KIND = "email_only"
TITLE = "The task can only be done by email"
FIX = "Replace 'email us' with an online form that asks for exactly what you need."


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    addresses = facts.signals.get("emails_main", []) + [m.get("href", "")[7:] for m in facts.main_links("mailto_links")]
    if not addresses or facts.online:
        return None
    cta = tf.snippet(tf.EMAIL_CTA, facts.main_text, 60)
    if not cta:
        return None
    return {"blocking": True, "text": f"Email only ({addresses[0]}): {cta}"}
