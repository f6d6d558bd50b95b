"""Two kinds of finding, kept apart everywhere: barriers and advice.

* ``barrier``: fails a WCAG success criterion, or stops (or wrongly rejects) the task.
* ``advice``: a preference from the GOV.UK Design System or axe's best-practice rules, or a design
  suggestion (shorter forms, plainer words). Useful, but a service can meet WCAG without it.

Advice never outranks a barrier in top fixes, and its points are small and capped (scoring profile
``advice``). A finding id not listed here is a barrier: new detectors report barriers unless they say so.
"""

from __future__ import annotations

BARRIER = "barrier"
ADVICE = "advice"
KINDS = (BARRIER, ADVICE)

ADVICE_IDS: frozenset[str] = frozenset({
    # form-inventory: GOV.UK patterns and form-design guidance
    "too-many-fields", "asterisk-required-markers", "several-questions-per-page",
    # effort
    "long-task-time", "slow-pages", "back-tracks",
    # error-handling: the GOV.UK error pattern beyond WCAG 3.3.1 (error identified in text)
    "error-summary-missing", "error-summary-not-linked", "error-summary-not-focused", "error-title-prefix-missing",
    "error-messages-not-by-fields", "errors-not-announced",
    # content
    "reading-age-high", "jargon-buttons", "confirmation-no-reference", "confirmation-no-next-steps",
    # dead ends that do not stop the task and fail no criterion
    "dead-end-offsite-handoff", "dead-end-login-wall",
    # accessibility information, and the phone layout's cause (its effects are the barriers)
    "axe-cut", "viewport-meta-missing",
    # keyboard: the GOV.UK focus pattern after errors, a skip link (2.4.1 can be met other ways), Tab effort
    "keyboard-focus-lost", "keyboard-no-skip-link", "keyboard-many-tab-presses",
})


def kind_of(finding_id: str, blocking: bool = False) -> str:
    """The kind of a finding id; a blocking dead end is always a barrier."""
    if blocking:
        return BARRIER
    return ADVICE if finding_id in ADVICE_IDS else BARRIER


def axe_kind(tags: list[str] | tuple[str, ...] | None) -> str:
    """axe rules tagged ``best-practice`` (and no WCAG criterion) are advice; WCAG-tagged rules are barriers."""
    tags = [str(t) for t in (tags or [])]
    if "best-practice" in tags and not any(t.startswith("wcag") for t in tags):
        return ADVICE
    return BARRIER


# axe impact -> severity shown to users, per kind. Moderate stays moderate ("medium"); advice is never high.
AXE_SEVERITY = {
    BARRIER: {"critical": "high", "serious": "high", "moderate": "medium", "minor": "low"},
    ADVICE: {"critical": "low", "serious": "low", "moderate": "low", "minor": "low"},
}


def axe_severity(impact: str | None, kind: str) -> str:
    return AXE_SEVERITY[kind].get(impact or "minor", "low")
