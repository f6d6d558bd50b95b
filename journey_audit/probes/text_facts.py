"""Plain-text rules (phone numbers, tell-tale phrases) used by the audits on saved text.

Pure regex functions, never run in the browser, so a stored run is re-judged by ``rescore``.
"""

from __future__ import annotations

import re

# UK numbers: 01/02/03/07/08 + 9-10 digits, optional +44, spaces, brackets or dashes; and international
# numbers written with a country code (+1 212 555 0100, +353 (0)1 555 0100, 00 33 1 23 45 67 89).
_PHONE = re.compile(
    r"(?<![\w/])(?:(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}"
    r"|(?:\+|00\s?)[1-9]\d{0,2}[\s.-]?(?:\(0\)\s?)?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4})(?![\w/])"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

PHONE_CTA = re.compile(
    r"\b(call|phone|ring|telephone|contact)\s+(us|the council|our (contact|customer) (centre|services?))"
    r"|\b(please|you (can|will need to|must|should|need to))\s+(call|phone|ring|telephone)\b"
    r"|\b(call|phone|ring)\s+(on|:)?\s*\(?0\d"
    r"|\btel(ephone)?\s*(no\.?|number)?\s*[:.]"
    r"|\b(call|phone|ring|telephone)\s+(us\s+|the box office\s+|our \w+ (line|team)\s+)?(on\s+)?([+\d(][\d()\s.-]{6,24}\s+)?to\s+(book|order|buy|apply|report|arrange|request|pay|reserve|register)\b"
    r"|\b(book(ed|ings?)?|order(ed)?|bought|sold|available|reserve[ds]?|apply)\s+(only\s+)?(by|over the) (tele)?phone\b"
    r"|\bby (tele)?phone only\b|\bonly by (tele)?phone\b"
    r"|\bto (book|order|buy|apply|report|arrange|request|pay|reserve|register)\b[^.]{0,40}\b(call|phone|ring|telephone)\b",
    re.I,
)
EMAIL_CTA = re.compile(r"\b(e-?mail|send)\s+(us|it|your (completed )?(form|request|application|details))\b|\bby e-?mail\b", re.I)
NOT_ONLINE = re.compile(
    r"\b(can ?not|can't|unable to|not (currently )?(possible|able) to)\s+(be\s+)?(\w+\s+){0,3}online\b|\bnot available online\b",
    re.I,
)
OFFLINE_FORM = re.compile(
    r"\b(download|print)(ing)?\b.{0,60}\b(form|application)\b|\b(complete|fill (in|out)|return)\b.{0,40}\b(form|application)\b.{0,80}\b(post|send|return|hand)"
    r"|\bpost (it|the form|your (form|application)) to\b",
    re.I,
)
SESSION_EXPIRED = re.compile(
    r"\b(your )?session (has )?(expired|timed out|ended)\b|\b(page|form|link) has expired\b"
    r"|\bsession time-?out\b|\bwe have (deleted|cleared) your answers\b|\byou have been (logged|signed) out\b"
    r"|\btimed out due to inactivity\b",
    re.I,
)
LOGIN_REQUIRED = re.compile(
    r"\b(you (must|need to|will need to|have to)|please)\s+(log ?in|sign ?in|register|create an account)\b"
    r"|\b(log ?in|sign ?in) (to|before) (continue|continuing|access|use|report|apply|make|submit)\b"
    r"|\b(log ?in|sign ?in) to your (account|\w+ account)\b|\bmember login\b",
    re.I,
)
GUEST_ROUTE = re.compile(
    r"\b(continue|proceed|report|apply|carry on) (as a guest|without (an |a )?(account|signing in|logging in|registering))\b"
    r"|\bguest\b|\bwithout (an |a )?account\b",
    re.I,
)
CAPTCHA_WORDS = re.compile(
    r"\bi'?m not a robot\b|\bcaptcha\b|\b(type|enter) the (characters|letters|code|word)s? (you see|shown|in the (image|picture))\b"
    r"|\bprove you are (a )?human\b|\bsecurity (check|code)\b.{0,40}\b(image|picture|shown)\b",
    re.I,
)
NOT_FOUND = re.compile(
    r"^\s*(page not found|404\b|not found|sorry,? (we|the page).{0,30}(can(no|')t|could ?n[o']t) (be )?(find|found)|page (cannot|can't) be found)",
    re.I,
)
SERVER_ERROR = re.compile(r"^\s*(sorry,? there is a problem with (the|this) service|internal server error|500\b|service unavailable)", re.I)
REFERENCE = re.compile(r"\b(reference|ref\.?|case|tracking)\s*(number|no\.?|id|code)?\s*(is|:)?\s*:?\s*((?=[A-Z/-]*\d)[A-Z0-9][A-Z0-9/-]{3,})\b", re.I)
NEXT_STEPS = re.compile(
    r"\bwhat happens next\b|\bnext steps?\b|\bwe('ll| will) (contact|email|write|send|call|inspect|review|aim|be in touch|let you know|process|repair|collect|look)"
    r"|\byou('ll| will) (receive|get|hear)\b|\bwithin \d+ (working )?(days|hours|weeks)\b",
    re.I,
)
CONFIRMATION_HEADING = re.compile(
    r"\b(received|submitted|complete|completed|confirmation|thank you|thanks|sent|application (has been )?made|booked)\b",
    re.I,
)

# Words in the main content that say a request went through, wherever they sit (not only in the first h1).
CONFIRMATION_TEXT = re.compile(
    r"\bthank you for (your|submitting|reporting|applying|booking|contacting|voting|telling)\b"
    r"|\bwe have (received|recorded) your\b"
    r"|\byour (report|request|application|booking|vote|form|enquiry|payment|answers?|response) (has|have) been "
    r"(sent|submitted|received|made|booked|recorded|accepted)\b",
    re.I,
)


def phones(text: str, limit: int = 10) -> list[str]:
    """Distinct phone numbers (UK, or international with a country code) in the text, in order of appearance."""
    out: list[str] = []
    for match in _PHONE.finditer(text or ""):
        number = " ".join(match.group(0).split())
        digits = sum(ch.isdigit() for ch in number)
        if (digits >= 10 or (number.startswith(("+", "00")) and digits >= 9)) and number not in out:
            out.append(number)
        if len(out) >= limit:
            break
    return out


def emails(text: str, limit: int = 10) -> list[str]:
    """Distinct e-mail addresses in the text."""
    out: list[str] = []
    for match in _EMAIL.finditer(text or ""):
        if match.group(0) not in out:
            out.append(match.group(0))
        if len(out) >= limit:
            break
    return out


def snippet(pattern: re.Pattern[str], text: str, width: int = 80) -> str:
    """The first match with some context, or "" (used as dead-end evidence)."""
    match = pattern.search(text or "")
    if not match:
        return ""
    start, end = max(0, match.start() - width), min(len(text), match.end() + width)
    # Widen to whole words, and mark a cut with "…", so evidence never starts mid-word ("onths. A maximum").
    while start > 0 and not text[start - 1].isspace() and match.start() - start < width + 20:
        start -= 1
    while end < len(text) and not text[end].isspace() and end - match.end() < width + 20:
        end += 1
    words = " ".join(text[start:end].split())
    return ("… " if start > 0 else "") + words + (" …" if end < len(text) else "")
