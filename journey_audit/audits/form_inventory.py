"""Form inventory: how many fields, how many required, labelled, marked and grouped per page."""

from __future__ import annotations

import re

from journey_audit.probes.forms import question_count

from .common import artifact, executed, finding, scaled, url_path
from .questions import furniture, group_key, question

AUDIT_ID = "form-inventory"
FINDING_IDS = ("too-many-fields", "unlabelled-fields", "placeholder-only-labels", "asterisk-required-markers",
               "missing-autocomplete", "several-questions-per-page")
_PERSONAL = re.compile(
    r"\b(full ?name|your name|fore ?names?|first ?name|given ?names?|sur ?name|last ?name|family ?name|name)\b"
    r"|e-?mail|\b(tel|telephone|phone|mobile)\b|post ?code|postal|\b(addr|address|street|town|city)\b|date of birth|\bdob\b|birth",
    re.I,
)
# Where the problem is (the pothole's street, the bin's location) is not the user's own address.
_NOT_PERSONAL = re.compile(r"\b(user ?name|file ?name|company|business|street ?light|search|pothole|defect|fault|"
                           r"problem|incident|location of|where (is|was|are|did))\b", re.I)
# WCAG 1.3.5 covers information about the user. A field about someone else ("Prisoner's name", "Your child's
# date of birth", "their email") has no autocomplete token that fits, so it is not charged.
_THIRD_PARTY = re.compile(r"\b(?!your\b)[a-z]+['’]s\b|\b(their|his|her|child|children|partner|spouse|prisoner|"
                          r"deceased|other person|someone|friend|relative|witness|neighbour|neighbor|landlord|"
                          r"tenant|pupil|patient)\b", re.I)


def _words(text: str) -> str:
    return re.sub(r"[_\-\[\]]+", " ", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text or ""))


def is_personal(field: dict) -> bool:
    """Personal-data fields should carry an autocomplete token (WCAG 1.3.5)."""
    if _THIRD_PARTY.search(" ".join(field.get(k) or "" for k in ("label", "aria_label", "legend"))):
        return False  # the words the user reads say the field is about someone else
    if field.get("type") in ("email", "tel"):
        return True
    if field.get("type") not in ("text", "textarea", "", None):
        return False
    text = " ".join(_words(field.get(k, "")) for k in ("label", "aria_label", "name", "id", "placeholder"))
    return bool(_PERSONAL.search(text)) and not _NOT_PERSONAL.search(text)


field_key = group_key  # identity of a field (a radio/checkbox group is one) across re-probes of a page


def inventory(journey: dict) -> dict[tuple, dict]:
    """Unique visible task fields seen anywhere in the journey (a radio group counts once).

    Site search and site furniture (controls in the header, footer or navigation) are not questions of the task.
    """
    fields: dict[tuple, dict] = {}
    chrome = furniture(journey)
    pages = [(step, [(position, field) for position, field in enumerate(artifact(step, "forms").get("fields", []))
                     if field.get("visible") and not field.get("in_search_form")
                     and field_key(step, field, position) not in chrome])
             for step in executed(journey)]
    # GOV.UK's convention: a service that marks its optional questions "(optional)" asks the rest as required.
    marks_optional = any(field.get("optional_marker") for _, task_fields in pages for _, field in task_fields)
    for step, task_fields in pages:
        for position, field in task_fields:
            key = field_key(step, field, position)
            flagged = bool(step.get("validation_check")) and bool(field.get("aria_invalid") or field.get("error_message"))
            implied = marks_optional and not field.get("optional_marker")
            entry = fields.setdefault(key, {**field, "steps": [], "labelled": True, "placeholder_only": False})
            entry["steps"] = sorted(set(entry["steps"]) | {step.get("index")})
            # Required: attribute/aria-required, a visible "*" marker, flagged by an error after an empty submit,
            # or not marked "(optional)" in a journey that marks its optional fields.
            entry["required"] = bool(entry.get("required") or field.get("required") or field.get("asterisk")
                                     or flagged or implied)
            # A group is unlabelled if any option is; a field keeps its worst labelling seen.
            entry["labelled"] = entry["labelled"] and bool(field.get("labelled"))
            entry["placeholder_only"] = entry["placeholder_only"] or bool(field.get("placeholder_only"))
            entry["asterisk"] = bool(entry.get("asterisk") or field.get("asterisk"))
    return fields


def beyond_detail(journey: dict) -> dict[str, int]:
    """Fields past the probe's detail cap (counted, not described): per page the most seen, summed over pages.

    Without them a 5,000-field form would count as its first 200 fields and score like a smaller form.
    """
    pages: dict[str, dict] = {}
    for step in executed(journey):
        extra = artifact(step, "forms").get("fields_beyond_detail") or {}
        path = url_path(step.get("url", ""))
        if int(extra.get("fields") or 0) > int(pages.get(path, {}).get("fields") or 0):
            pages[path] = extra
    return {k: sum(int(p.get(k) or 0) for p in pages.values()) for k in ("fields", "unlabelled", "required")}


def questions_per_page(journey: dict) -> dict[str, int]:
    """Task questions on each page (site furniture left out), the most seen on any visit."""
    pages: dict[str, int] = {}
    chrome = furniture(journey)
    for step in executed(journey):
        forms = artifact(step, "forms")
        if forms:
            path = url_path(step.get("url", ""))
            task = [f for i, f in enumerate(forms.get("fields", [])) if field_key(step, f, i) not in chrome]
            pages[path] = max(pages.get(path, 0), question_count(task))
    return {p: q for p, q in pages.items() if q > 0}


def _name(field: dict) -> str:
    return question(field)


def run(journey: dict, profile: dict) -> dict:
    pts = profile["points"]["forms"]
    fields = inventory(journey)
    values = list(fields.values())
    extra = beyond_detail(journey)
    unlabelled = [f for f in values if not f["labelled"]]
    placeholder_only = [f for f in unlabelled if f["placeholder_only"]]
    bare = [f for f in unlabelled if not f["placeholder_only"]]
    asterisk = [f for f in values if f.get("asterisk")]
    optional = [f for f in values if f.get("optional_marker")]
    no_autocomplete = [f for f in values if is_personal(f) and f.get("autocomplete", "").lower() in ("", "off", "on")]
    pages = questions_per_page(journey)
    limit = profile["thresholds"]["max_questions_per_page"]
    crowded = {p: q for p, q in pages.items() if q > limit}
    metrics = {
        "fields_total": len(values) + extra["fields"],
        "fields_required": sum(1 for f in values if f.get("required")) + extra["required"],
        "fields_unlabelled": len(unlabelled) + extra["unlabelled"],
        "fields_placeholder_only": len(placeholder_only),
        "fields_asterisk": len(asterisk),
        "fields_optional_marked": len(optional),
        "fields_missing_autocomplete": len(no_autocomplete),
        "question_pages": len(pages),
        "questions_max_per_page": max(pages.values(), default=0),
        "one_thing_per_page": round(sum(1 for q in pages.values() if q <= 1) / len(pages), 2) if pages else None,
    }
    findings = []
    n = metrics["fields_total"]
    if n > pts["fields_good"]:
        findings.append(finding(
            "too-many-fields", AUDIT_ID, "forms", "medium" if n < pts["fields_cap"] else "high",
            f"The journey asks for {n} pieces of information",
            f"{n} fields in total ({metrics['fields_required']} required); lean services ask for about {pts['fields_good']}.",
            "Ask only for what the service needs; drop optional and duplicate fields (e.g. 'confirm email').",
            scaled(n, pts["fields_good"], pts["fields_cap"], pts["too_many_fields_max"]),
            [_name(f) for f in values[:10]], key="journey",
        ))
    n_bare = len(bare) + extra["unlabelled"]  # fields past the detail cap have no placeholder check
    if n_bare:
        findings.append(finding(
            "unlabelled-fields", AUDIT_ID, "forms", "high",
            f"{n_bare} form field{'s' if n_bare > 1 else ''} ha{'ve' if n_bare > 1 else 's'} no label",
            "Screen readers announce these fields without a name, nobody can click the text to focus them, and "
            "browsers cannot tell what they are for, so they cannot offer to fill them in (WCAG 1.3.1, 1.3.5, 3.3.2, 4.1.2).",
            "Give each of these fields a visible label tied to it (<label for=...>, or a legend for a group of options).",
            min(pts["unlabelled_max"], pts["unlabelled_each"] * n_bare),
            [_name(f) for f in bare]
            + ([f"{extra['unlabelled']} more past the first fields described"] if extra["unlabelled"] else []),
            bare[0]["steps"][0] if bare and bare[0]["steps"] else None,
        ))
    if placeholder_only:
        findings.append(finding(
            "placeholder-only-labels", AUDIT_ID, "forms", "medium",
            f"{len(placeholder_only)} field{'s' if len(placeholder_only) > 1 else ''} use placeholder text as the only label",
            "Placeholder text disappears as soon as people type and is often too faint to read.",
            "Put the words now inside these fields in visible labels above them.",
            min(pts["placeholder_only_max"], pts["placeholder_only_each"] * len(placeholder_only)),
            [_name(f) for f in placeholder_only],
        ))
    if asterisk:
        findings.append(finding(
            "asterisk-required-markers", AUDIT_ID, "forms", "low",
            "Required fields are marked with asterisks",
            f"{len(asterisk)} fields use '*'; {len(optional)} are marked '(optional)'. GOV.UK asks for everything it needs and marks the rest '(optional)'.",
            "Remove the asterisks from these labels; add '(optional)' to the few fields people may leave empty.",
            pts["asterisks"], [_name(f) for f in asterisk],
        ))
    if no_autocomplete:
        findings.append(finding(
            "missing-autocomplete", AUDIT_ID, "forms", "low",
            f"{len(no_autocomplete)} personal-data field{'s' if len(no_autocomplete) > 1 else ''} cannot be autofilled",
            "Name, email, phone, address and postcode fields have no autocomplete token (WCAG 1.3.5).",
            "Add autocomplete attributes to these fields (name, email, tel, postal-code, address-line1...) so browsers can fill them in.",
            min(pts["autocomplete_max"], pts["autocomplete_each"] * len(no_autocomplete)),
            [_name(f) for f in no_autocomplete],
        ))
    if crowded:
        share = len(crowded) / len(pages)
        findings.append(finding(
            "several-questions-per-page", AUDIT_ID, "forms", "medium",
            "Pages ask many questions at once",
            f"{len(crowded)} of {len(pages)} question pages ask more than {limit} questions (most: {max(crowded.values())}).",
            "Split long forms into one question (or one small group) per page.",
            pts["several_questions_max"] * share,
            [f"{p}: {q} questions" for p, q in crowded.items()], key="journey",
        ))
    return {"metrics": metrics, "findings": findings}
