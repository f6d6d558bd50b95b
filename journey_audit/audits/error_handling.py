"""Error handling: GOV.UK validation pattern conformance, checked on deliberate validation steps.

Each step with ``validation_check`` (the journey submitted empty or wrong on purpose) is scored on
the checks below; the component is "not measured" when a journey has no such step.
"""

from __future__ import annotations

from .common import artifact, finding, keyboard_facts
from .error_state import error_state, previous_step
from .kinds import BARRIER, kind_of
from .questions import answers

AUDIT_ID = "error-handling"

# id, check name, plain title, fix
CHECKS: tuple[tuple[str, str, str, str], ...] = (
    ("no-error-shown", "error_shown", "No error message in words was shown after a wrong submission",
     "When an answer is missing or wrong, say so in words next to the field and at the top of the page; "
     "a red border, a colour change or a browser pop-up alone is not enough."),
    ("error-summary-missing", "summary_present", "No error summary at the top of the page",
     "Show a 'There is a problem' error summary at the top of the page."),
    ("error-summary-not-linked", "summary_links", "The error summary does not link to the fields",
     "Link each error in the summary to its field (href=\"#field-id\")."),
    ("error-summary-not-focused", "summary_focused", "Focus does not move to the error summary",
     "Move keyboard focus to the error summary when the page shows errors."),
    ("error-title-prefix-missing", "title_prefix", "The page title does not start with 'Error:'",
     "Start the page <title> with 'Error: ' so screen reader users hear it first."),
    ("error-messages-not-by-fields", "messages_by_fields", "Error messages are not shown next to the fields",
     "Show each error message directly above its field, saying how to fix it."),
    ("errors-not-announced", "errors_announced", "Fields in error are not marked for assistive technology",
     "Mark fields in error (aria-describedby pointing at the message, or aria-invalid)."),
    ("error-not-in-words", "explained", "The error is shown only by colour or markup, with no words saying what is wrong",
     "Say what is wrong and how to fix it in text next to the field and in an error summary; don't rely on colour."),
    ("values-cleared-on-error", "values_kept", "The form clears what users typed when it shows an error",
     "Keep everything users entered when you show an error."),
)
FINDING_IDS = tuple(c[0] for c in CHECKS)


def cleared_fields(journey: dict, step: dict) -> tuple[int, list[str]]:
    """(questions answered before the submit, the questions whose answer is gone after it).

    A radio or checkbox group is one question: it lost its answer only if an option that was chosen is
    no longer chosen (the options nobody picked were never an answer).
    """
    before = answers(previous_step(journey.get("steps", []), step) or {}, skip=("password", "file"))
    after = answers(step)
    held = {k: a for k, a in before.items() if a["chosen"] or a["filled"]}
    lost = []
    for key, was in held.items():
        now = after.get(key)
        if now is None:
            continue
        gone = (was["chosen"] - now["chosen"]) if was["choice"] else (was["filled"] and not now["filled"])
        if gone:
            lost.append(was["question"])
    return len(held), lost


def check_step(journey: dict, step: dict) -> dict[str, bool | None]:
    """Pass/fail per check for one validation step (None = does not apply)."""
    forms = artifact(step, "forms")
    fields = forms.get("fields", [])
    title = artifact(step, "page").get("title") or step.get("title") or ""
    state = error_state(step, previous_step(journey.get("steps", []), step))
    focused = (forms.get("error_summary") or {}).get("focused") or any(b.get("focused") for b in forms.get("notice_blocks") or [])
    held, lost = cleared_fields(journey, step)
    return {
        "error_shown": state.shown,
        "summary_present": state.summary,
        "summary_links": state.summary_linked,
        # A keyboard replay measured where focus went: audits/keyboard.py judges it (keyboard-focus-lost).
        "summary_focused": None if keyboard_facts(step).get("focus_after") else bool(focused),
        "title_prefix": title.strip().lower().startswith("error:"),
        "messages_by_fields": bool(state.inline),
        "errors_announced": any(f.get("aria_invalid") or f.get("error_linked") for f in fields),
        "explained": state.explained if state.shown else None,
        "values_kept": None if not held else not lost,
    }


def run(journey: dict, profile: dict) -> dict:
    total = profile["points"]["error_handling"]["total"]
    steps = [s for s in journey.get("steps", []) if s.get("validation_check") and s.get("status") != "skipped_final"]
    results = [(s, check_step(journey, s)) for s in steps]
    applicable = {name for _, r in results for name, ok in r.items() if ok is not None}
    passed = sum(1 for _, r in results for ok in r.values() if ok is True)
    run_checks = sum(1 for _, r in results for ok in r.values() if ok is not None)
    # The component's points are shared by the barrier checks that apply (an error not said in words,
    # answers wiped); the GOV.UK pattern checks are advice, whose points scoring keeps small.
    barriers = [name for fid, name, _, _ in CHECKS if name in applicable and kind_of(fid) == BARRIER]
    findings = []
    for fid, name, title, fix in CHECKS:
        if name not in applicable:
            continue
        failed = [s for s, r in results if r.get(name) is False]
        considered = [s for s, r in results if r.get(name) is not None]
        if not failed:
            continue
        share = len(failed) / len(considered)
        evidence = [f"step {s.get('index')}: {s.get('url', '')}" for s in failed]
        if name == "values_kept":
            evidence += [f"answers lost: {'; '.join(cleared_fields(journey, s)[1][:8])}" for s in failed]
        findings.append(finding(
            fid, AUDIT_ID, "error_handling", "high" if name in ("error_shown", "values_kept", "explained") else "medium",
            title, f"Failed on {len(failed)} of {len(considered)} validation check(s).", fix,
            total / (len(barriers) if name in barriers else len(applicable)) * share, evidence, failed[0].get("index"),
        ))
    metrics = {
        "error_checks": run_checks,
        "error_checks_passed": passed,
        "error_handling_pass_rate": round(passed / run_checks, 2) if run_checks else None,
    }
    return {"metrics": metrics, "findings": findings, "checks": {s.get("index"): r for s, r in results}}
