"""Form inventory of the current page: forms, fields, error summary and messages, buttons.

Also counts "questions" (a fieldset with a legend, a radio/checkbox group, or a lone field) so
audits can check one-thing-per-page.
"""

from __future__ import annotations

from .base import Probe, ProbeContext

_CHOICE = ("radio", "checkbox")
# Kept even when empty or false (the schema requires them); other empty facts are left out to keep the file small.
KEPT_KEYS = ("tag", "type", "name", "id", "form", "visible", "labelled", "required", "value_present", "box")


def compact_field(field: dict) -> dict:
    """The field without empty values (audits read every fact with a default)."""
    return {k: v for k, v in field.items() if k in KEPT_KEYS or v not in ("", False, 0, None, [])}


def question_count(fields: list[dict]) -> int:
    """Questions a user answers on this page: grouped controls count once."""
    seen: set[tuple] = set()
    for field in fields:
        if not field.get("visible") or field.get("in_search_form"):
            continue
        if field.get("legend"):
            key: tuple = ("legend", field.get("form"), field["legend"])
        elif field.get("type") in _CHOICE and field.get("name"):
            key = ("group", field.get("form"), field["name"])
        else:
            key = ("field", field.get("form"), field.get("name") or field.get("id") or len(seen))
        seen.add(key)
    return len(seen)


def collect(ctx: ProbeContext) -> dict:
    dom = ctx.dom
    fields = [compact_field(f) for f in dom.get("fields", [])]
    return {
        "forms": dom.get("forms", []),
        "fields": fields,
        "fields_total_in_dom": dom.get("fields_total_in_dom", len(fields)),
        # Fields past ProbeOptions.max_fields, counted but not described one by one.
        "fields_beyond_detail": dom.get("fields_beyond_detail", {"fields": 0, "unlabelled": 0, "required": 0}),
        "questions": question_count(fields),
        "error_summary": dom.get("error_summary", {"present": False}),
        "error_messages": dom.get("error_messages", []),
        "notice_blocks": dom.get("notice_blocks", []),
        "alerts": dom.get("alerts", []),
        "buttons": dom.get("buttons", []),
    }


PROBE = Probe("forms", collect)
