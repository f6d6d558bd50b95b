"""Content: reading age of the pages' main text, jargon buttons, and the confirmation page."""

from __future__ import annotations

import re
from functools import cache

from journey_audit.probes import text_facts as tf

from .common import artifact, executed, finding, scaled, url_path

AUDIT_ID = "content"
FINDING_IDS = ("reading-age-high", "jargon-buttons", "confirmation-no-reference", "confirmation-no-next-steps")
JARGON = {"submit", "next", "submit form", "submit query", "proceed", "go", "ok", "send", "enter", "click here"}


def prose(text: str) -> str:
    """Main text as sentences: drop short lines (buttons, labels) and end each line with a full stop."""
    lines = []
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        if len(line.split()) >= 4:
            lines.append(line if line[-1] in ".!?:" else line + ".")
    return " ".join(lines)


@cache
def _hyphenator():  # noqa: ANN202 - a pyphen.Pyphen, imported lazily
    import pyphen

    return pyphen.Pyphen(lang="en_GB")


def load_text_libraries() -> None:
    """Load textstat (NLTK comes with it: about a second) and the hyphenation dictionary now. A run calls this
    in its start-up, so the cost is shown there, not inside the first journey's "assess" time."""
    import textstat  # noqa: F401

    _hyphenator()


def syllables(word: str) -> int:
    """Syllables by hyphenation (pyphen, shipped with textstat): offline and the same on every machine."""
    return len(_hyphenator().positions(word)) + 1


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def reading_age(text: str, min_words: int = 30) -> float | None:
    """Flesch-Kincaid grade + 5 (a UK reading-age convention); None for too little text.

    Counts words and sentences with textstat but syllables with pyphen, because textstat's own
    syllable counter wants to download NLTK's cmudict (not possible offline, and machine-dependent).
    """
    words = _WORD.findall(text or "")
    if len(words) < min_words:
        return None
    import textstat

    sentences = max(1, textstat.sentence_count(text))
    syl = sum(syllables(w.lower()) for w in words)
    grade = 0.39 * len(words) / sentences + 11.8 * syl / len(words) - 15.59
    return round(grade + 5, 1)


def page_texts(journey: dict) -> dict[str, str]:
    """Main text of each distinct page (first visit), so repeats don't skew reading age."""
    texts: dict[str, str] = {}
    for step in executed(journey):
        content = artifact(step, "content")
        path = url_path(step.get("url", ""))
        if content.get("main_text") and path not in texts:
            texts[path] = prose(content["main_text"])
    return texts


def confirmation(journey: dict) -> dict | None:
    """The final page if its main content says the request went through.

    Read from the main content, not the page's first h1 (often a site banner): a confirmation panel, a
    'received/submitted' heading inside the main content, or 'thank you for submitting'-style words in
    the main text of a page that asks nothing more.
    """
    steps = executed(journey)
    if not steps:
        return None
    last = steps[-1]
    content = artifact(last, "content")
    headings = content.get("main_headings")
    if headings is None:  # runs recorded before main headings were collected
        headings = [content.get("h1", "")]
    asks_more = any(f.get("visible") and f.get("in_main", True) and not f.get("in_search_form")
                    for f in artifact(last, "forms").get("fields", []))
    if (content.get("confirmation_panel") or any(tf.CONFIRMATION_HEADING.search(h) for h in headings)
            or (not asks_more and tf.CONFIRMATION_TEXT.search(content.get("main_text", "")))):
        return {"step": last, "content": content}
    return None


def vague_buttons(journey: dict) -> list[str]:
    """Button labels that don't say what happens ('Submit', 'Go'), across the journey.

    A 'Go' button beside the single question of its form (a list of places to go, a search box) is told
    apart by that question, so it is not vague: it is the accessible replacement for a list that jumps
    away as soon as it changes, which must never score worse than the jump.
    """
    vague: set[str] = set()
    for step in executed(journey):
        forms = artifact(step, "forms")
        questions: dict = {}
        for f in forms.get("fields", []):
            if f.get("visible") and f.get("type") not in ("hidden",):
                questions.setdefault(f.get("form"), set()).add((f.get("name") or f.get("id"), bool(f.get("labelled"))))
        explained = set()
        for b in forms.get("buttons", []):
            own = questions.get(b.get("form"), set()) if b.get("form") is not None else set()
            if len(own) == 1 and next(iter(own))[1]:
                explained.add(b.get("text", ""))
        for text in artifact(step, "content").get("buttons", []):
            if text.strip().lower() in JARGON and text not in explained:
                vague.add(text)
    return sorted(vague)


def run(journey: dict, profile: dict) -> dict:
    pts = profile["points"]["content"]
    th = profile["thresholds"]
    texts = page_texts(journey)
    overall = reading_age(" ".join(texts.values()), th["reading_age_min_words"])
    per_page = {p: reading_age(t, th["reading_age_min_words"]) for p, t in texts.items()}
    per_page = {p: a for p, a in per_page.items() if a is not None}
    jargon = vague_buttons(journey)
    confirm = confirmation(journey)
    metrics = {"reading_age": overall, "reading_age_max_page": max(per_page.values(), default=None),
               "jargon_buttons": jargon, "confirmation_page": confirm is not None}
    findings = []
    if overall is not None and overall > th.get("reading_age_flag", th["reading_age_target"]):
        worst = sorted(per_page.items(), key=lambda kv: -kv[1])[:3]
        findings.append(finding(
            "reading-age-high", AUDIT_ID, "content", "medium" if overall > th["reading_age_flag_high"] else "low",
            f"The text needs a reading age of about {overall:.1f}",
            f"Flesch-Kincaid grade + 5 over the journey's main text; GOV.UK aims for {th['reading_age_target']}.",
            "Use short sentences and everyday words (aim for a reading age of 9).",
            scaled(overall, th["reading_age_target"], pts["reading_age_cap"], pts["reading_age_max"]),
            [f"{p}: {a}" for p, a in worst], key="journey",
        ))
    if jargon:
        findings.append(finding(
            "jargon-buttons", AUDIT_ID, "content", "low",
            f"Buttons say {', '.join(repr(b) for b in jargon)}",
            "Generic button text doesn't tell users what happens next; GOV.UK uses 'Continue' and names the final action.",
            "Rename these buttons to say what they do: 'Continue', 'Send report', 'Pay now'.",
            min(pts["jargon_max"], pts["jargon_each"] * len(jargon)), jargon,
        ))
    if confirm:
        step, content = confirm["step"], confirm["content"]
        text = content.get("main_text", "")
        reference = content.get("reference") or (m.group(4) if (m := tf.REFERENCE.search(text)) else "")
        metrics["confirmation_reference"] = bool(reference)
        metrics["confirmation_next_steps"] = bool(content.get("next_steps") or tf.NEXT_STEPS.search(text))
        if not reference:
            findings.append(finding(
                "confirmation-no-reference", AUDIT_ID, "content", "medium", "The confirmation page gives no reference number",
                "Without a reference users cannot chase or quote their request.",
                "Show a reference number on the confirmation page and in the confirmation email.",
                pts["no_reference"], [re.sub(r"\s+", " ", text)[:160]], step.get("index"),
            ))
        if not metrics["confirmation_next_steps"]:
            findings.append(finding(
                "confirmation-no-next-steps", AUDIT_ID, "content", "medium", "The confirmation page doesn't say what happens next",
                "Only 43% of councils told users what action to expect (Better Connected).",
                "Say what happens next and when (e.g. 'We will inspect within 5 working days').",
                pts["no_next_steps"], [re.sub(r"\s+", " ", text)[:160]], step.get("index"),
            ))
    return {"metrics": metrics, "findings": findings}
