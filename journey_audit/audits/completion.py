"""Completion: when the journey really submitted (``--allow-submit``), the last page must confirm it.

A confirmation says the request was received (a panel, or "received / submitted / thank you" words),
gives a reference, or says what happens next. With none of these users cannot tell whether it worked,
and many submit again or phone. Dry runs (the final step held back) are not judged.
"""

from __future__ import annotations

from journey_audit.probes import text_facts as tf

from .barriers import barrier
from .common import artifact, executed

AUDIT_ID = "completion"
FINDING_IDS = ("no-confirmation",)


def confirms(step: dict) -> bool:
    """The page confirms success in its main content (panel, heading or words), a reference or next steps."""
    content = artifact(step, "content")
    text = content.get("main_text", "")
    said = tf.CONFIRMATION_HEADING.search(content.get("h1", "")) or tf.CONFIRMATION_HEADING.search(text[:600])
    return bool(content.get("confirmation_panel") or said or tf.REFERENCE.search(text) or tf.NEXT_STEPS.search(text))


def run(journey: dict, profile: dict) -> dict:
    steps = executed(journey)
    if not journey.get("submitted") or not steps or journey.get("outcome") == "broken":
        return {"metrics": {}, "findings": []}
    last = steps[-1]
    ok = confirms(last)
    findings = [] if ok else [barrier(
        "no-confirmation", AUDIT_ID, "content", "high", "The last page does not confirm that the request was received",
        "After the final submission the page gives no confirmation, reference or next steps, so users cannot tell "
        "whether it worked.", "End with a confirmation page: what was received, a reference number and what happens next.",
        profile["points"]["page_basics"]["no_confirmation"],
        [f"{last.get('url', '')}: '{artifact(last, 'content').get('h1', '') or last.get('title', '')}'"], last.get("index"))]
    return {"metrics": {"submission_confirmed": ok}, "findings": findings}
