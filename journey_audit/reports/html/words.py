"""Plain English for councillors: a headline per journey, outcome labels, times, dates, counts.

Every phrase is built only from the recorded numbers, and a missing number is said as "not measured"
or "not checked", never as zero.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from journey_audit.model import RunResult
from journey_audit.reports.html.values import as_dict, as_int, as_list, as_num, plural

DEAD_END_PHRASES = {  # dead-end kind (journey_audit.audits.KINDS) -> (plain-English ending, short label)
    "pdf_form": ("ends at a PDF to print and post", "PDF to post"),
    "phone_only": ("ends by telling you to phone", "phone us"),
    "email_only": ("ends by telling you to email", "email us"),
    "login_wall": ("hits a login wall", "login wall"),
    "captcha": ("is blocked by a CAPTCHA", "CAPTCHA"),
    "timeout": ("times out part-way", "timed out"),
    "session_expired": ("times out part-way", "timed out"),
    "broken_link": ("ends at a broken link", "broken link"),
    "http_error": ("ends at an error page", "error page"),
    "not_findable": ("cannot be found from the home page", "not findable"),
    "validation_loop": ("gets stuck in a loop of errors", "error loop"),
    "no_way_forward": ("ends on a page with no way forward", "no way forward"),
    "offsite_handoff": ("hands you to another website", "another website"),
    "keyboard_unreachable": ("has a control the keyboard cannot reach", "keyboard cannot reach"),
    "keyboard_trap": ("traps keyboard focus", "keyboard trap"),
}


def headline(data: dict[str, Any]) -> str:
    """One line a councillor can repeat, built only from the numbers: what the journey asks of people."""
    metrics = as_dict(data.get("metrics"))
    parts: list[str] = []
    if data.get("outcome") == "not_run":
        return "Not run: the run was stopped before this journey ran, so nothing was measured."
    if data.get("outcome") == "broken":
        error = as_dict(data.get("error"))
        where = f" at step {error['step']}" if error.get("step") is not None else ""
        kind = f" ({str(error['kind']).replace('_', ' ')})" if error.get("kind") else ""
        parts.append(f"could not be measured: the journey broke{where}{kind}")
    fields, pages = as_int(metrics.get("fields_total")), as_int(metrics.get("pages"))
    unlabelled = as_int(metrics.get("fields_unlabelled"))
    if fields:
        if pages == 1:
            text = f"asks {plural(fields, 'question')} on one page"
        elif pages:
            text = f"{plural(fields, 'field')} over {plural(pages, 'page')}"
        else:
            text = plural(fields, "field")
        if unlabelled == 0:
            text += ", all labelled" if fields > 1 else ", labelled"
        elif unlabelled:
            text += f", {unlabelled} without a label"
        parts.append(text)
    elif fields == 0 and pages:
        parts.append(f"{plural(pages, 'page')}, no form to fill in")
    reason = data.get("outcome_reason") if isinstance(data.get("outcome_reason"), dict) else None
    if reason is None and data.get("outcome") == "dead_end":
        reason = next((d for d in as_list(data.get("dead_ends")) if isinstance(d, dict)), None)
    if reason is not None:
        parts.append(dead_end_phrase(reason.get("kind")))
    bad = a11y_bad(a11y_checked(metrics))
    if bad:
        parts.append(f"{plural(bad, 'critical or serious accessibility problem')}")
    if data.get("outcome") == "completed" and as_num(task_seconds(metrics)) is not None:
        parts.append(predicted_time(task_seconds(metrics)) + " to complete")
    if not parts:
        return "No measurements recorded."
    text = "; ".join(parts[:3])
    return text[0].upper() + text[1:]


def dead_end_phrase(kind: Any, short: bool = False) -> str:
    """How a dead end of this kind reads: a sentence ending, or a short label for tables."""
    key = str(kind or "").lower()
    if key in DEAD_END_PHRASES:
        phrase, label = DEAD_END_PHRASES[key]
        return label if short else phrase
    words = key.replace("_", " ")
    if short:
        return words
    return f"ends at a dead end ({words})" if key else "ends at a dead end"


def predicted_time(seconds: Any) -> str:
    """KLM seconds as people say it: about N min."""
    value = as_num(seconds)
    if value is None:
        return "not measured"
    if value < 45:
        return "under a minute"
    return f"about {max(1, round(value / 60))} min"


def a11y_summary(a11y: dict[str, Any] | None) -> str:
    """WCAG failures by axe's own impact words (moderate is moderate), then best-practice advice;
    "not checked" when axe did not run."""
    if a11y is None:
        return "not checked"
    counts = [(impact, as_int(a11y.get(impact)) or 0) for impact in ("critical", "serious", "moderate", "minor")]
    failures = ", ".join(f"{n} {impact}" for impact, n in counts if n)
    advice = as_int(a11y.get("best_practice")) or 0
    advice_text = plural(advice, "best-practice suggestion") if advice else ""
    if failures:
        return f"{failures} WCAG failure{'s' if sum(n for _, n in counts) != 1 else ''}" + (f"; {advice_text}" if advice else "")
    return f"no WCAG failures found; {advice_text}" if advice else "no problems found"


def a11y_checked(metrics: dict[str, Any]) -> dict[str, Any] | None:
    """The a11y counts, or None when axe did not run (zero pages checked is not zero problems)."""
    a11y = metrics.get("a11y")
    if not isinstance(a11y, dict) or a11y.get("pages_checked") == 0:
        return None
    return a11y


def a11y_bad(a11y: dict[str, Any] | None) -> int | None:
    """Critical plus serious problems, or None when not checked."""
    if a11y is None:
        return None
    return (as_int(a11y.get("critical")) or 0) + (as_int(a11y.get("serious")) or 0)


def by_mouse(metrics: dict[str, Any]) -> dict[str, str]:
    """The mouse figures for a fact card: clicks, then characters typed. A keyboard run made no clicks (a final
    submit held back still counts as one in ``clicks``), so it says so instead."""
    clicks, chars = as_int(metrics.get("clicks")), as_int(metrics.get("chars_typed"))
    if clicks is None and chars is None:
        return {"main": "not measured", "sub": ""}
    typed = f"{plural(chars or 0, 'character')} typed"
    if as_dict(metrics.get("keyboard")):
        return {"main": "none", "sub": f"(keyboard run); {typed}"}
    return {"main": str(clicks or 0), "sub": typed}


def by_keyboard(metrics: dict[str, Any]) -> dict[str, str] | None:
    """"N key presses, M of them Tab" for a keyboard run; None for a mouse run (nothing measured)."""
    keyboard = as_dict(metrics.get("keyboard"))
    keys, tabs = as_int(keyboard.get("keys_total")), as_int(keyboard.get("tab_presses"))
    if keys is None or tabs is None:
        return None
    back = as_int(keyboard.get("shift_tab_presses")) or 0
    return {"main": f"{keys} key press{'' if keys == 1 else 'es'},",
            "sub": f"{tabs} of them Tab" + (f" ({back} with Shift)" if back else "")}


def task_seconds(metrics: dict[str, Any]) -> Any:
    """The KLM time of the run's own user: the keyboard estimate in a keyboard run, else the mouse one."""
    keyboard = as_dict(metrics.get("keyboard"))
    return keyboard.get("klm_seconds") if keyboard else metrics.get("klm_seconds")


STUCK_WORDS = {"keyboard_unreachable": "Tab never reaches it", "keyboard_trap": "focus cannot leave it"}


def keyboard_stuck(metrics: dict[str, Any]) -> dict[str, Any] | None:
    """Where a keyboard user first gets stuck (step, control, why, evidence), or None."""
    stuck = as_dict(as_dict(metrics.get("keyboard")).get("first_stuck"))
    if not stuck:
        return None
    return {"step": as_int(stuck.get("step")), "control": str(stuck.get("control") or "a control"),
            "why": STUCK_WORDS.get(str(stuck.get("kind")), str(stuck.get("kind") or "")),
            "evidence": str(stuck.get("evidence") or "")}


def outcome_label(data: dict[str, Any]) -> str:
    """The outcome as a short label, with the dead-end kind or the broken step when known."""
    outcome = data.get("outcome")
    if outcome == "completed":
        return "Completed"
    if outcome == "dead_end":
        reason = as_dict(data.get("outcome_reason"))
        return "Dead end" + (f": {dead_end_phrase(reason['kind'], short=True)}" if reason.get("kind") else "")
    if outcome == "broken":
        step = as_dict(data.get("error")).get("step")
        return "Broken" + (f" at step {step}" if step is not None else "")
    return str(outcome or "unknown").replace("_", " ").capitalize()


def humanise(task: str) -> str:
    """A task id as a title: report-pothole -> Report pothole."""
    text = task.replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def long_date(value: Any) -> str:
    """An ISO timestamp as 25 November 2026, 14:00 UTC; anything unparseable is shown as given."""
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    utc = " UTC" if when.utcoffset() is not None and not when.utcoffset() else ""
    return f"{when.day} {when:%B %Y, %H:%M}{utc}"


def short_date(run: RunResult) -> str:
    """A run's start as 25 Nov 14:00 for chart axes; the run id if the start is unreadable."""
    try:
        when = datetime.fromisoformat(str(run.meta.get("started_at")))
        return f"{when.day} {when:%b %H:%M}"
    except ValueError:
        return run.run_id
