"""What every action shares: the parse+run pair (after pa11y's lib/action.js) and locator helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from journey_audit.model import Locator, Step

if TYPE_CHECKING:
    from playwright.sync_api import Locator as PwLocator
    from playwright.sync_api import Page

MODIFIERS = ("final", "expect_error", "timeout", "note")
LOCATOR_KEYS = ("label", "name", "text", "placeholder", "css")


class StepSyntaxError(ValueError):
    """A step that cannot be understood; the loader adds file and line."""


@dataclass
class StepContext:
    """What a running action may use besides the page, and what it reports back."""

    base_url: str
    files_dir: Any  # pathlib.Path where upload files are looked up
    timeout_ms: float
    chars_typed: int = 0
    clicks: int = 0
    fields_filled: int = 0
    notes: list[str] = field(default_factory=list)

    def resolve_url(self, target: str) -> str:
        if target.startswith(("http://", "https://", "file://")):
            return target
        return self.base_url.rstrip("/") + "/" + target.lstrip("/")


@dataclass(frozen=True)
class ActionArgs:
    """What an action's value may be, declared once: the JSON Schema for editors is built from it.

    tests/unit/test_journey_schema.py feeds the same generated steps to the parser and to the schema,
    so a parser change that is not declared here fails the tests.
    """

    shorthand: str | None = None  # a bare non-blank string means {shorthand: string}; None: mapping only
    locator: bool = True  # needs exactly one of LOCATOR_KEYS (each non-blank text)
    # The action's own required keys and what each holds: "words" non-blank text, "text" non-empty text
    # or a number, "value" text or a number, possibly empty, "url" a path or an http(s) URL.
    required: tuple[tuple[str, str], ...] = ()
    # Required keys that may be left out when the step is located by ``css`` (choose: the CSS picks the radio).
    optional_with_css: tuple[str, ...] = ()


@dataclass(frozen=True)
class Action:
    name: str
    parse: Callable[[Any, int], Step]
    run: Callable[[Page, Step, StepContext], None]
    summary: str
    args: ActionArgs = field(default_factory=ActionArgs)


def split_modifiers(raw: Any) -> tuple[Any, dict[str, Any]]:
    """Separate ``final``/``expect_error``/``timeout``/``note`` from an action's own arguments."""
    if not isinstance(raw, dict):
        return raw, {}
    args = {k: v for k, v in raw.items() if k not in MODIFIERS}
    mods = {k: v for k, v in raw.items() if k in MODIFIERS}
    for key in ("final", "expect_error"):
        if key in mods and not isinstance(mods[key], bool):
            raise StepSyntaxError(f"'{key}' must be true or false, not {mods[key]!r}")
    if "timeout" in mods and (isinstance(mods["timeout"], bool) or not isinstance(mods["timeout"], (int, float)) or mods["timeout"] <= 0):
        raise StepSyntaxError(f"'timeout' must be a positive number of seconds, not {mods['timeout']!r}")
    return args, mods


def parse_locator(args: dict[str, Any], *, allow_extra: tuple[str, ...] = ()) -> Locator:
    unknown = [k for k in args if k not in LOCATOR_KEYS and k not in allow_extra]
    if unknown:
        allowed = ", ".join(LOCATOR_KEYS + allow_extra + MODIFIERS)
        raise StepSyntaxError(f"unknown key '{unknown[0]}' (expected one of: {allowed})")
    given = {k: args[k] for k in LOCATOR_KEYS if k in args}
    if len(given) != 1:
        raise StepSyntaxError(f"give exactly one of {', '.join(LOCATOR_KEYS)} to find the element")
    key, value = next(iter(given.items()))
    if not isinstance(value, str) or not value.strip():
        raise StepSyntaxError(f"'{key}' must be non-empty text")
    return Locator(**{key: value})


def make_step(action: str, line: int, locator: Locator, value: str | None, mods: dict[str, Any]) -> Step:
    return Step(
        action=action,
        line=line,
        locator=locator,
        value=value,
        final=bool(mods.get("final", False)),
        expect_error=bool(mods.get("expect_error", False)),
        timeout_s=float(mods["timeout"]) if "timeout" in mods else None,
        note=mods.get("note"),
    )


def require_text(args: dict[str, Any], key: str, action: str) -> str:
    value = args.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or value == "":
        raise StepSyntaxError(f"'{action}' needs '{key}: <text>'")
    return value


_QUOTES = {"'": "['‘’]", '"': '["“”]'}


def text_pattern(text: str, *, exact: bool = False) -> str | re.Pattern[str]:
    """Match text as written, whichever quote marks the site used (vehicle's = vehicle’s).

    Plain text when it has no quotes (Playwright's own matching: case-insensitive, whitespace-normalised).
    """
    if not any(q in text for q in "'\"‘’“”"):
        return text
    body = "".join(_QUOTES.get({"‘": "'", "’": "'", "“": '"', "”": '"'}.get(c, c), re.escape(c))
                   for c in " ".join(text.split()))
    body = body.replace(r"\ ", r"\s+")
    return re.compile(f"^\\s*{body}\\s*$" if exact else body, re.I)


# Roles a `name:` locator searches when the action has no narrower idea: anything a user can name and use.
ANY_ROLE: tuple[str, ...] = ("button", "link", "textbox", "searchbox", "combobox", "listbox", "spinbutton", "checkbox",
                             "radio", "switch", "slider", "group", "radiogroup", "tab", "menuitem", "option")
CLICK_ROLES: tuple[str, ...] = ("button", "link", "menuitem", "tab", "option", "switch", "checkbox", "radio")
FIELD_ROLES: tuple[str, ...] = ("textbox", "searchbox", "spinbutton", "combobox")
LIST_ROLES: tuple[str, ...] = ("combobox", "listbox")
TICK_ROLES: tuple[str, ...] = ("checkbox", "switch", "radio")


def by_name(page: Page, name: str, roles: tuple[str, ...]) -> PwLocator:
    """Elements whose accessible name is ``name`` (from a label, aria-label, title or a group's legend)."""
    pattern = text_pattern(name, exact=True)
    exact = isinstance(pattern, str)
    found = None
    for role in roles:
        candidate = page.get_by_role(role, name=pattern, exact=exact)  # type: ignore[arg-type]
        found = candidate if found is None else found.or_(candidate)
    assert found is not None
    return found


def find(page: Page, locator: Locator, *, roles: tuple[str, ...] = CLICK_ROLES, text_fallback: bool = True) -> PwLocator:
    """Resolve a Locator to one visible element, preferring accessible role and label.

    ``name:`` matches the accessible name users hear, for the action's roles; a field named only by its
    ``title`` or ``aria-label`` (no visible label) is found this way too.
    """
    if locator.label is not None:
        label = text_pattern(locator.label, exact=True)
        loose = text_pattern(locator.label)
        if isinstance(label, str):
            return page.get_by_label(label, exact=True).or_(page.get_by_label(label)).first
        return page.get_by_label(label).or_(page.get_by_label(loose)).first
    if locator.name is not None:
        found = by_name(page, locator.name, roles)
        if not text_fallback:
            return found.first
        name = text_pattern(locator.name, exact=True)
        return found.or_(page.get_by_text(name, exact=isinstance(name, str))).first
    if locator.text is not None:
        return page.get_by_text(text_pattern(locator.text)).first
    if locator.placeholder is not None:
        return page.get_by_placeholder(locator.placeholder).first
    return page.locator(locator.css or "").first
