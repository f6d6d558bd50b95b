"""Form barriers: how a form is built, judged from each control's saved facts (name, group, words tied to
it, box on screen, DOM order). Each finding is a barrier (``kind: barrier``) with evidence and a fix.

Checks follow the GOV.UK Design System and W3C WAI forms tutorial patterns, and WCAG failures F68
(no accessible name), F82/F86 (labels not tied), H71 (fieldset/legend), F1/F34 (focus and reading order).
"""

from __future__ import annotations

import re

from .barriers import Texts, barrier_findings, evidence_by_id
from .common import artifact, keyboard_run

AUDIT_ID = "form-barriers"
FINDING_IDS = ("ungrouped-choices", "empty-legend", "search-placeholder-only", "labels-not-tied", "hints-not-tied",
               "errors-not-tied", "required-not-explained", "focus-order-mismatch", "long-select-ungrouped")
_CHOICE = ("radio", "checkbox")
_TEXTLIKE = ("text", "email", "tel", "number", "password", "search", "url", "date", "textarea", "select")
_MARKED = re.compile(r"\*|\(optional\)|\boptional\b|\(required\)|\brequired\b|\bmust\b|\bmandatory\b", re.I)


def _visible(fields: list[dict]) -> list[dict]:
    return [f for f in fields if f.get("visible") and f.get("type") not in ("hidden", "submit", "button", "image", "reset")]


def _name(f: dict) -> str:
    return f.get("accessible_name") or f.get("nearby_text") or f.get("name") or f.get("id") or f.get("type", "field")


def choice_groups(fields: list[dict]) -> dict[tuple, list[dict]]:
    """Radios/checkboxes sharing a name in a form: one question each (a lone checkbox is not a group)."""
    groups: dict[tuple, list[dict]] = {}
    for f in _visible(fields):
        if f.get("type") in _CHOICE and f.get("name") and not f.get("in_search_form"):
            groups.setdefault((f.get("form"), f["name"]), []).append(f)
    return {k: v for k, v in groups.items() if len(v) > 1}


def grouped(options: list[dict]) -> bool:
    """A fieldset with a legend that says something, or role=group/radiogroup with a name."""
    if "box" in options[0]:  # recorded with group facts (since profile 2026.2)
        return all(o.get("group_name") for o in options)
    return all(o.get("legend") for o in options)


def extra_words(f: dict) -> str:
    """Words by the field beyond its label and error: a hint, when there is one."""
    text = " ".join((f.get("wrapper_text") or "").split())
    for part in (f.get("label"), f.get("error_message"), f.get("legend"), f.get("nearby_text"), f.get("accessible_name")):
        if part:
            text = text.replace(" ".join(part.split()), " ")
    return " ".join(text.replace("*", " ").split())


def shown_before(a: list[int], b: list[int]) -> bool:
    """Box ``b`` is visually before box ``a``: above it in the same column, or left of it on the same row."""
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    same_row = by < ay + ah and ay < by + bh
    same_column = bx < ax + aw and ax < bx + bw
    return (same_row and bx + bw <= ax) or (same_column and by + bh <= ay)


def order_mismatches(fields: list[dict]) -> list[tuple[str, str]]:
    """Consecutive controls (in focus order) where the later one is visually before the earlier one."""
    out = []
    by_form: dict = {}
    for position, f in enumerate(_visible(fields)):
        if f.get("in_search_form") or not f.get("box") or f["box"][2] * f["box"][3] == 0:
            continue
        by_form.setdefault(f.get("form"), []).append((position, f))
    for items in by_form.values():
        # Focus order: positive tabindex first (ascending), then DOM order.
        focus = sorted(items, key=lambda pf: (0, pf[1]["tabindex"], pf[0]) if (pf[1].get("tabindex") or 0) > 0 else (1, 0, pf[0]))
        focus = [f for _, f in focus]
        for a, b in zip(focus, focus[1:], strict=False):
            if shown_before(a["box"], b["box"]) and not (a.get("type") in _CHOICE and a.get("name") == b.get("name")):
                out.append((_name(a), _name(b)))
    return out


def page_checks(fields: list[dict], forms_text: str, long_select: int) -> dict[str, list[str]]:
    """Evidence per finding id for one page state."""
    hits: dict[str, list[str]] = {fid: [] for fid in FINDING_IDS}
    for (_, name), options in choice_groups(fields).items():
        if any(o.get("has_legend_element") and not o.get("legend") for o in options):
            hits["empty-legend"].append(name)
        elif not grouped(options):
            hits["ungrouped-choices"].append(f"{name}: {', '.join(_name(o) for o in options[:4])}")
    for f in _visible(fields):
        if f.get("in_search_form"):
            if f.get("placeholder_only"):
                hits["search-placeholder-only"].append(f"'{f.get('placeholder')}'")
            continue
        if not f.get("labelled") and re.search(r"[^\W\d_]{2}", f.get("nearby_text", "")) and f.get("type") not in _CHOICE:
            hits["labels-not-tied"].append(f"{f.get('name') or f.get('id')}: text '{f['nearby_text'][:60]}' is not its label")
        if "box" in f and f.get("type") in _TEXTLIKE and not f.get("described_by_text"):
            hint = extra_words(f)
            if len(hint.split()) >= 3 and not f.get("error_message"):
                hits["hints-not-tied"].append(f"{_name(f)}: '{hint[:80]}'")
        if f.get("error_message") and not f.get("error_linked") and not f.get("described_by_text"):
            hits["errors-not-tied"].append(f"{_name(f)}: '{f['error_message'][:80]}'")
        if f.get("tag") == "select" and f.get("options", 0) > long_select and not f.get("optgroups"):
            hits["long-select-ungrouped"].append(f"{_name(f)}: {f['options']} options")
    hits["focus-order-mismatch"] = [f"'{b}' is shown before '{a}' but reached after it" for a, b in order_mismatches(fields)]
    hits["required-not-explained"] = required_not_explained(fields, forms_text)
    return hits


def required_not_explained(fields: list[dict], page_text: str) -> list[str]:
    """Some fields are required and some are not, and nothing on the fields or the page says which."""
    own = [f for f in _visible(fields) if not f.get("in_search_form") and f.get("type") not in ("hidden",)]
    required = [f for f in own if f.get("required_attr", f.get("required"))]
    optional = [f for f in own if not f.get("required_attr", f.get("required"))]
    if not required or not optional:
        return []  # all required (the GOV.UK way: ask only what you need) or nothing known
    marked = any(f.get("asterisk") or f.get("optional_marker") or _MARKED.search(
        f"{f.get('label', '')} {f.get('nearby_text', '')} {f.get('legend', '')} {f.get('described_by_text', '')}") for f in own)
    if marked or _MARKED.search(page_text or ""):
        return []
    return [f"{len(required)} required and {len(optional)} optional fields, none marked: {', '.join(_name(f) for f in required[:4])}"]


_TEXT: Texts = {
    "ungrouped-choices": (
        "Radio buttons or checkboxes are not grouped under their question",
        "Screen reader users hear each option without the question it answers (no fieldset and legend, or a named group).",
        "Put each set of radios or checkboxes in a <fieldset> whose <legend> asks the question.", "high", "ungrouped_each"),
    "empty-legend": (
        "A group of options has an empty legend",
        "The fieldset's <legend> is empty, so the question is never announced.",
        "Write the question in the <legend> of the fieldset.", "high", "ungrouped_each"),
    "search-placeholder-only": (
        "A search box is labelled only by its placeholder",
        "The placeholder disappears when people type and is not a reliable name for assistive technology.",
        "Give the search box a label (it can be visually hidden) and keep the placeholder as an example only.", "medium",
        "search_placeholder"),
    "labels-not-tied": (
        "Text beside a field is not tied to it as its label",
        "The words look like a label but are not a <label for=...>, so screen readers announce the field without a name.",
        "Turn the text into a <label for=\"field-id\"> (or wrap the field in the label).", "high", "not_tied_each"),
    "hints-not-tied": (
        "Hint text is not tied to its field",
        "Screen reader users do not hear the hint when they reach the field (no aria-describedby).",
        "Point the field's aria-describedby at the hint's id.", "medium", "hint_each"),
    "errors-not-tied": (
        "Error messages are not tied to their fields",
        "The message is shown near the field but not announced with it (no aria-describedby).",
        "Point the field's aria-describedby at the error message's id, and set aria-invalid=\"true\".", "medium",
        "hint_each"),
    "required-not-explained": (
        "The form does not say which fields must be filled in",
        "Some fields are required and some are not, but neither is marked and no instructions say so.",
        "Mark the optional fields '(optional)' (or say which are required) before the form.", "medium", "no_instructions"),
    "focus-order-mismatch": (
        "The keyboard order of the form differs from the order on screen",
        "Tabbing through the form jumps around, so keyboard and screen reader users meet questions out of order.",
        "Put the fields in the HTML in the order they are shown; don't reorder with CSS or positive tabindex.", "high",
        "order"),
    "long-select-ungrouped": (
        "A drop-down list is very long and has no groups",
        "Long lists are hard to scan and to use with a keyboard, a screen reader or a phone.",
        "Use radios for short lists, group long ones with <optgroup>, or offer a search (autocomplete) box.", "low",
        "long_select"),
}


def run(journey: dict, profile: dict) -> dict:
    long_select = int(profile["thresholds"].get("long_select_options", 30))

    def check(step: dict) -> dict[str, list[str]]:
        forms = artifact(step, "forms")
        if not forms:
            return {}
        return page_checks(forms.get("fields", []), artifact(step, "content").get("main_text", ""), long_select)

    seen = evidence_by_id(journey, check)
    if keyboard_run(journey):
        # The keyboard replay measured the real tab order: audits/keyboard.py judges it (keyboard-order-mismatch),
        # so this estimate from DOM order and tabindex is not charged a second time.
        seen.pop("focus-order-mismatch", None)
    findings = barrier_findings(seen, _TEXT, AUDIT_ID, "forms", profile["points"]["form_barriers"])
    return {"metrics": {"form_barriers": {fid: len(items) for fid, items in seen.items()}}, "findings": findings}
