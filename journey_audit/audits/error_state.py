"""The one definition of "the page shows an error", used by the runner, effort, dead ends and error handling.

Judged in Python from a step's saved facts (``forms`` and ``page`` artifacts), so a stored run is
re-judged the same way. An error can show as:

- an error summary: the GOV.UK component or a framework class, or any block found by role/heading/text
  ("There is a problem", "Error – the submission failed due to the following 2 problems:") that lists
  the problems or links to the fields;
- inline messages next to fields (text that appeared by a field after the submit, or a known error class);
- fields marked ``aria-invalid``;
- a ``role=alert`` / live-region message;
- a colour-only change: a field's label, legend or border turned red and no words say what is wrong.

``explained`` is narrower than ``shown``: a colour change or an ``aria-invalid`` alone tells sighted
or screen-reader users nothing about what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .common import artifact

ERROR_WORDS = re.compile(
    r"\b(errors?|problems?|there (is|was|are|were) (a )?problem|invalid|incorrect|not valid|is required|are required"
    r"|must (be|enter|select|choose|provide|give)|(please|you must) (enter|select|choose|provide|give|tell us|fill in|complete|correct)"
    r"|missing|can ?not be (blank|empty)|(was|is|were) (left )?(blank|empty)|failed|fix the following)\b",
    re.I,
)
# GOV.UK error messages say what to do: new words by a field after a submit that start like this are an error.
_FIX_WORDING = re.compile(r"^\s*(error:?\s*)?(enter|select|choose|tell us|give|provide|upload|add|answer|check|"
                          r"you (must|need to|have not))\b", re.I)
_SUMMARY_CLASS = re.compile(r"error-summary|validation-summary|errorsummary|alert-danger|alert-error|form-errors", re.I)


def _reddish(colour: str) -> bool:
    """rgb()/rgba() that reads as red: red well above green and blue."""
    m = re.match(r"rgba?\((\d+),\s*(\d+),\s*(\d+)", colour or "")
    if not m:
        return False
    r, g, b = (int(x) for x in m.groups())
    return r >= 150 and r - max(g, b) >= 80


@dataclass(frozen=True)
class ErrorState:
    summary: bool = False
    summary_title: str = ""
    summary_linked: bool = False  # the summary links to the fields in error
    inline: tuple[str, ...] = ()  # messages by fields
    invalid_fields: tuple[str, ...] = ()  # aria-invalid="true"
    alerts: tuple[str, ...] = ()  # role=alert / live-region text
    messages: tuple[str, ...] = ()  # other visible error boxes
    colour_only: tuple[str, ...] = ()  # fields whose label/border turned red, with no words
    title_error: bool = False  # <title> or h1 says error/problem
    texts: tuple[str, ...] = field(default=())  # every error text, for comparing two states

    @property
    def explained(self) -> bool:
        """Words say what is wrong (what users of any sense can act on)."""
        return bool(self.summary or self.inline or self.alerts or self.messages)

    @property
    def shown(self) -> bool:
        return bool(self.explained or self.invalid_fields or self.colour_only or self.title_error)


def _field_name(f: dict) -> str:
    return f.get("accessible_name") or f.get("label") or f.get("name") or f.get("id") or f.get("type", "field")


def _new_text(now: str, before: str) -> str:
    """Words by a field after the submit that were not there before it."""
    if not now:
        return ""
    if before and now.strip() == before.strip():
        return ""
    extra = now.replace(before, " ") if before and before in now else now
    return " ".join(extra.split())


def _message_by_field(f: dict, prior: dict) -> str:
    """Error words by a field: new text there since the previous step, or text that starts "Error"."""
    for key in ("described_by_text", "wrapper_text"):
        text = f.get(key) or ""
        extra = _new_text(text, prior.get(key) or "") if prior else ""
        if extra and (ERROR_WORDS.search(extra) or _FIX_WORDING.match(extra)):
            return extra
        if re.match(r"\s*error\b", text, re.I):
            return " ".join(text.split())
    return ""


def _summary_blocks(forms: dict) -> list[dict]:
    """Blocks that link to fields or list problems, recognised by role, class, heading or words."""
    out = []
    for block in forms.get("notice_blocks") or []:
        heading = block.get("heading") or block.get("text", "")[:160]
        words = ERROR_WORDS.search(heading) or ERROR_WORDS.search(block.get("text", "")[:300])
        roleish = block.get("role") in ("alert", "alertdialog") or _SUMMARY_CLASS.search(block.get("class", ""))
        lists = bool(block.get("field_links") or block.get("items"))
        if lists and (words or roleish):
            out.append(block)
    return out


def error_state(step: dict, previous: dict | None = None) -> ErrorState:
    """What the page says (or only shows) is wrong, from one saved step (and the step before it)."""
    forms = artifact(step, "forms")
    page = artifact(step, "page")
    before_fields = {(f.get("name") or f.get("id"), f.get("type")): f for f in artifact(previous or {}, "forms").get("fields", [])}
    legacy = forms.get("error_summary") or {}
    blocks = _summary_blocks(forms)
    summary = bool(legacy.get("present") or blocks)
    linked = any(link.get("to_field") for link in legacy.get("links", [])) or any(b.get("field_links") for b in blocks)
    inline, invalid, colour, texts = [], [], [], []
    for f in forms.get("fields", []):
        if not f.get("visible", True) or f.get("in_search_form"):
            continue
        name = _field_name(f)
        prior = before_fields.get((f.get("name") or f.get("id"), f.get("type")), {})
        message = f.get("error_message") or ""
        if not message:
            message = _message_by_field(f, prior)
        if message:
            inline.append(f"{name}: {message[:160]}")
            texts.append(message[:160])
        if f.get("aria_invalid"):
            invalid.append(name)
        red_now = _reddish(f.get("label_colour", "")) or _reddish(f.get("border_colour", ""))
        red_before = _reddish(prior.get("label_colour", "")) or _reddish(prior.get("border_colour", ""))
        if red_now and not message and not red_before:
            colour.append(name)
    alerts = [a for a in forms.get("alerts") or [] if a and ERROR_WORDS.search(a)]
    messages = [m for m in forms.get("error_messages") or [] if m]
    texts += list(legacy.get("items", [])) + [i for b in blocks for i in b.get("items", [])] + alerts + messages
    title = f"{page.get('title') or step.get('title') or ''} {page.get('h1', '')}"
    return ErrorState(
        summary=summary,
        summary_title=legacy.get("title") or (blocks[0].get("heading", "") if blocks else ""),
        summary_linked=linked,
        inline=tuple(dict.fromkeys(inline)),
        invalid_fields=tuple(dict.fromkeys(invalid)),
        alerts=tuple(dict.fromkeys(alerts)),
        messages=tuple(dict.fromkeys(messages)),
        colour_only=tuple(dict.fromkeys(colour)),
        title_error=bool(re.search(r"^\s*error\b|\b(there is a problem|errors? (occurred|found))\b", title, re.I)),
        texts=tuple(sorted(set(texts))),
    )


def error_texts(step: dict) -> list[str]:
    """The error wording on a page (to tell "the same errors came back" from new ones)."""
    return list(error_state(step).texts)


def previous_step(steps: list[dict], step: dict) -> dict | None:
    """The executed step just before ``step`` (the form as it was before submitting)."""
    earlier = [s for s in steps if s.get("index", -1) < step.get("index", 0) and s.get("status") != "skipped_final"]
    return earlier[-1] if earlier else None


def validation_check_held(record: dict, steps: list[dict]) -> bool:
    """After a deliberate wrong submission (``expect_error``): the page shows an error, wherever the form
    posted to, or at least kept the user on the same page. With no facts to judge by, the journey gets
    the benefit of the doubt."""
    forms = (record.get("artifacts") or {}).get("forms")
    if not isinstance(forms, dict) or "error" in forms:
        return True
    if error_state(record, previous_step(steps, record)).shown:
        return True
    before = previous_step(steps, record) or {}
    return _path(record.get("url")) == _path(before.get("url"))


def _path(url: str | None) -> str:
    return urlsplit(url or "").path.rstrip("/")
