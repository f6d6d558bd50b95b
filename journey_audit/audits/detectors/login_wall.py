"""login_wall: a password box or "you must sign in/register" with no other way forward.

With a guest route (or other online fields) it is reported as non-blocking friction.
"""

from __future__ import annotations

from .facts import PageFacts

KIND = "login_wall"
TITLE = "Users must sign in or register first"
FIX = "Let people do this without an account (offer 'continue without an account')."


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    s = facts.signals
    password = int(s.get("password_fields", 0))
    wording = s.get("login_wording", "")
    if not password and not wording:
        return None
    other_way = bool(s.get("guest_route") or facts.route.get("fields") or facts.route.get("online_links"))
    if not password and other_way:
        return None  # "sign in" mentioned on a page that carries on anyway
    why = wording or f"{password} password field(s)"
    if other_way:
        return {"blocking": False, "text": f"Sign-in offered, but another way forward exists: {why}"}
    return {"blocking": True, "text": f"Sign-in required: {why}"}
