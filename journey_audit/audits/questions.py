"""Fields as the user meets them: the question in its own words, groups of options as one answer,
and site furniture (header search, "explore by topic" menus) kept out of the task.
"""

from __future__ import annotations

import re

from .common import artifact, executed, url_path

CHOICE = ("radio", "checkbox")
FURNITURE_MIN_PAGES = 3  # a lone control repeated on this many pages of the journey is part of the site, not the task


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().rstrip("*: ").strip()


def question(field: dict) -> str:
    """The question as shown: a group's legend, the label, the words beside or above the field.

    The HTML ``name`` appears only when the page shows no words at all, and is then said as such.
    """
    grouped = field.get("type") in CHOICE and field.get("legend")
    for key in (("legend",) if grouped else ()) + ("label", "aria_label", "legend", "title", "nearby_text",
                                                      "preceding_text", "prompt", "heading", "placeholder"):
        text = _clean(field.get(key, ""))
        if text:
            return text[:120]
    ident = field.get("name") or field.get("id")
    kind = field.get("type") or "field"
    return f"a {kind} field with no words near it (HTML name '{ident}')" if ident else f"an unnamed {kind} field"


def option_text(field: dict) -> str:
    """One option of a group, by its own label."""
    return _clean(field.get("label") or field.get("aria_label") or field.get("title") or field.get("id") or "")


def group_key(step: dict, field: dict, position: int) -> tuple:
    """Identity of a question across re-probes of the same page: a radio/checkbox group is one key."""
    where = url_path(field.get("form_action") or step.get("url", ""))
    if field.get("type") in CHOICE and field.get("name"):
        return (where, "group:" + field["name"])
    return (where, field.get("name") or field.get("id") or field.get("accessible_name") or f"#{position}")


def answers(step: dict, skip: tuple[str, ...] = ()) -> dict[tuple, dict]:
    """Per question on the step's page: its words and the answer it holds (options chosen, or text present)."""
    out: dict[tuple, dict] = {}
    fields = artifact(step, "forms").get("fields", [])
    for position, field in enumerate(fields):
        if field.get("type") in skip or field.get("in_search_form"):
            continue
        key = group_key(step, field, position)
        entry = out.setdefault(key, {"question": question(field), "chosen": set(), "filled": False,
                                     "choice": field.get("type") in CHOICE})
        if entry["choice"]:
            if field.get("value_present"):
                entry["chosen"].add(option_text(field) or str(position))
        else:
            entry["filled"] = entry["filled"] or bool(field.get("value_present"))
    return out


def furniture(journey: dict) -> set[tuple]:
    """Keys of site-wide controls: outside the page's main content (header, footer, navigation landmarks),
    or a lone control that repeats unanswered on several pages of the journey (sites without landmarks)."""
    outside: set[tuple] = set()
    pages: dict[tuple, set[str]] = {}
    answered: set[tuple] = set()
    for step in executed(journey):
        fields = artifact(step, "forms").get("fields", [])
        per_form: dict = {}
        for f in fields:
            per_form.setdefault(f.get("form"), set()).add(f.get("name") or f.get("id"))
        for position, field in enumerate(fields):
            key = group_key(step, field, position)
            if field.get("in_main") is False:
                outside.add(key)
            if field.get("value_present"):
                answered.add(key)
            if len(per_form.get(field.get("form"), ())) == 1:
                pages.setdefault(key, set()).add(url_path(step.get("url", "")))
    repeated = {k for k, seen in pages.items() if len(seen) >= FURNITURE_MIN_PAGES and k not in answered}
    return outside | repeated
