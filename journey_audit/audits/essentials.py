"""Essential criteria (in the spirit of Better Connected's): failing any one caps a journey at 2 stars,
however good its other numbers (the cap itself is applied by ``journey_audit.scoring.essentials``).

- a control the journey had to use (it filled or chose it, or it is required) with no label, or a
  radio/checkbox question it had to answer that is not grouped under its question;
- an error that is not explained in words (only colour, or only ``aria-invalid``);
- a critical accessibility violation (axe) on a step that shows a form;
- a control the journey needed with no accessible name at all (a field, or the form's button).
"""

from __future__ import annotations

from .barriers import barrier
from .common import artifact, executed
from .error_state import error_state, previous_step
from .form_barriers import choice_groups, grouped

AUDIT_ID = "essentials"
FINDING_IDS = ("essential-criteria-failed",)


def _own_fields(step: dict) -> list[dict]:
    return [f for f in artifact(step, "forms").get("fields", []) if f.get("visible") and not f.get("in_search_form")]


def used_fields(journey: dict) -> dict[tuple, dict]:
    """Fields the journey had to use: it gave them a value, or they are required. A journey that filled
    nothing (a single-page check) had to use every field of the page's forms to get anywhere."""
    used: dict[tuple, dict] = {}
    every: dict[tuple, dict] = {}
    for step in executed(journey):
        for f in _own_fields(step):
            key = (f.get("form_action") or step.get("url", "").split("?")[0], f.get("name") or f.get("id"), f.get("type"))
            every.setdefault(key, f)
            if f.get("value_present") or f.get("required_attr", f.get("required")):
                used.setdefault(key, f)
    filled = any(int(s.get("fields_filled") or 0) or s.get("action") in ("choose", "select", "check", "fill")
                 for s in executed(journey))
    return used if filled else every


def failures(journey: dict) -> list[str]:
    """One line per essential criterion failed, with where."""
    out: list[str] = []
    steps = executed(journey)
    used = used_fields(journey)
    used_names = {(f.get("form"), f.get("name")) for f in used.values()}
    for f in used.values():
        if not f.get("labelled"):
            what = "no accessible name" if not f.get("accessible_name") else "no label (placeholder only)" \
                if f.get("placeholder_only") else "no label"
            out.append(f"a control the journey used has {what}: {f.get('name') or f.get('id') or f.get('type')}")
    for step in steps:
        fields = _own_fields(step)
        for (form, name), options in choice_groups(fields).items():
            if (form, name) in used_names and not grouped(options):
                out.append(f"the question '{name}' the journey answered is not grouped under its wording")
        state = error_state(step, previous_step(steps, step))
        if state.shown and not state.explained:
            out.append(f"step {step.get('index')}: an error shown without words ({', '.join(state.colour_only or state.invalid_fields)[:80]})")
        axe = artifact(step, "axe")
        critical = [r["id"] for r in axe.get("violations", []) if r.get("impact") == "critical"] if fields else []
        if critical:
            out.append(f"step {step.get('index')}: critical accessibility violation on a form ({', '.join(critical[:3])})")
        used_forms = {f.get("form") for f in fields if (f.get("form"), f.get("name")) in used_names}
        for button in artifact(step, "forms").get("buttons", []):
            if button.get("form") in used_forms and button.get("form") is not None and not button.get("text"):
                out.append(f"step {step.get('index')}: the form's button has no accessible name")
    return list(dict.fromkeys(out))


def run(journey: dict, profile: dict) -> dict:
    failed = failures(journey)
    findings = [barrier(
        "essential-criteria-failed", AUDIT_ID, "forms", "high",
        f"The journey fails {len(failed)} essential accessibility criteri{'a' if len(failed) > 1 else 'on'}",
        f"Any one of these caps the journey at {profile['stars']['essential_max_stars']} stars, however good the "
        "other numbers: a control it had to use without a label or group, an error not explained in words, a critical "
        "accessibility violation on a form, or a needed control with no name.",
        "Fix each failure listed in the evidence; they are also reported as findings of their own.", 0, failed,
    )] if failed else []
    return {"metrics": {"essential_failures": failed}, "findings": findings}
