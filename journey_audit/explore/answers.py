"""What a person would type into a field, from the persona: by autocomplete token, type, inputmode, then name.

Returns the value as a journey writes it (``{persona.postcode}``, ``{date.yesterday}`` or literal text),
or None for a field a person would leave alone (optional, a password, a CAPTCHA only eyes can read).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

AUTOCOMPLETE = {
    "postal-code": "{persona.postcode}", "email": "{persona.email}", "tel": "{persona.phone}",
    "tel-national": "{persona.phone}", "name": "{persona.name}", "given-name": "{persona.first_name}",
    "family-name": "{persona.last_name}", "address-line1": "{persona.address_line1}",
    "street-address": "{persona.address_line1}", "address-level2": "{persona.town}", "bday": "{persona.date_of_birth}",
}
# (pattern on the field's label, placeholder or name attribute) -> value; first match wins.
BY_NAME: tuple[tuple[str, str | None], ...] = (
    (r"captcha|characters (shown|in the image)|security code|verification code", None),
    (r"password|passcode", None),
    (r"e-?mail", "{persona.email}"),
    (r"post ?code|zip", "{persona.postcode}"),
    (r"phone|tel\b|tel\.|telephone|mobile", "{persona.phone}"),
    (r"fore ?name|first name|given name", "{persona.first_name}"),
    (r"surname|last name|family name", "{persona.last_name}"),
    (r"full name|your name|^name\b", "{persona.name}"),
    (r"registration|number plate|\bvrm\b|reg(istration)? no", "{persona.vehicle_registration}"),
    (r"date of birth|\bdob\b|birth", "{persona.date_of_birth}"),
    (r"\bdate\b", "{date.yesterday}"),
    (r"address line 1|house (number|name)|street|road name|address|landmark", "{persona.address_line1}"),
    (r"town|city", "{persona.town}"),
    (r"how many|number of|quantity", "1"),
    (r"describe|description|details|tell us|more information|comments", "{persona.description}"),
)
OPTIONAL = re.compile(r"\(optional\)|\boptional\b", re.I)
DATE_PARTS = {"day": 0, "month": 1, "year": 2}


def describe(control: dict[str, Any]) -> str:
    """The words that say what a field is for: its label, else placeholder, else its name attribute."""
    name = re.sub(r"[_\-]+", " ", control.get("name") or control.get("id") or "")
    return " ".join(x for x in (control.get("label"), control.get("placeholder"), name) if x)


def _date_part(control: dict[str, Any], words: str) -> str | None:
    about_a_date = re.search(r"date|birth|when", f"{words} {control.get('context') or ''}", re.I)
    part = next((p for p in DATE_PARTS if re.fullmatch(rf"\s*{p}\s*", control.get("label") or "", re.I)
                 or (about_a_date and re.search(rf"[-_\[]{p}\]?$", control.get("name") or "", re.I))), None)
    if part is None:
        return None
    birth = "birth" in (control.get("context") or "").lower() or "birth" in words.lower()
    when = date(1980, 1, 1) if birth else date.today() - timedelta(days=1)
    return str((when.day, when.month, when.year)[DATE_PARTS[part]])


def value_for(control: dict[str, Any]) -> str | None:
    """The value to type, as written in a journey, or None to leave the field alone."""
    words = describe(control)
    if OPTIONAL.search(control.get("label") or "") and not control.get("required"):
        return None
    token = next((t for t in (control.get("autocomplete") or "").split() if t in AUTOCOMPLETE or t.startswith("bday-")), None)
    if token and token.startswith("bday-"):
        return _date_part({**control, "label": token[5:]}, "birth")
    if token:
        return AUTOCOMPLETE[token]
    kind = control.get("kind")
    if kind == "email" or control.get("inputmode") == "email":
        return "{persona.email}"
    if kind == "tel" or control.get("inputmode") == "tel":
        return "{persona.phone}"
    part = _date_part(control, words)
    if part is not None:
        return part
    for pattern, value in BY_NAME:
        if re.search(pattern, words, re.I):
            return value
    if kind == "number" or control.get("inputmode") == "numeric":
        return "1" if control.get("required") else None
    if kind == "textarea":
        return "{persona.description}"
    return "Not known" if control.get("required") else None


def first_sensible(options: list[Any]) -> str | None:
    """The first real option of a select or radio group (not 'Please select', not an empty value)."""
    for option in options:
        text, value = (option[0], option[1]) if isinstance(option, (list, tuple)) else (option, option)
        if text and value and not re.search(r"^\s*(-+|please select|select|choose)\b", text, re.I):
            return text
    return None


def ticks(control: dict[str, Any]) -> bool:
    """A checkbox a person ticks unprompted: a required one, or a declaration/terms box."""
    label = control.get("label") or ""
    return bool(control.get("required")) or bool(re.search(r"\bI (confirm|declare|agree|accept|understand)\b|terms", label, re.I))
