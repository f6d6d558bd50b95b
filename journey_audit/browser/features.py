"""Chromium features journey-audit turns off, added to the ``--disable-features`` list Playwright passes itself.

Chromium keeps only the last ``--disable-features`` switch on its command line: a second one of ours would
silently replace Playwright's (which keeps HTTP navigations on HTTP, turns off paint holding, and more). So
ours carries Playwright's list too, and Playwright's own switch is left out with ``ignore_default_args``.
Playwright has no API for its default switches: the list is read from the installed driver's source
(``chromiumSwitches``). When it cannot be read exactly (only plain string literals), nothing is changed and
the browser starts with Playwright's switches alone.

Why (``DISABLE_FEATURES`` in playwright.config.py): Chromium 151+ preloads the address bar's popup, a WebUI
page in renderer processes of its own, for every window, headless ones too, where no address bar is ever
shown. A journey opens a new window (context and page), so each journey paid for starting those renderers:
about 0.1 CPU-second and one renderer process per page (docs/internals.md, "Memory at several workers").
"""

from __future__ import annotations

import inspect
import json
import re
from functools import cache
from pathlib import Path

_SWITCHES_FILES = ("lib/coreBundle.js", "lib/server/chromium/chromiumSwitches.js")  # new and older layouts
_LIST = re.compile(r"disabledFeatures\s*=\s*\[(.*?)\]", re.S)
_BUILT = '"--disable-features=" + disabledFeatures.join(",")'
_COMMENT = re.compile(r"//[^\n]*")
_LITERAL = re.compile(r'"[A-Za-z0-9_-]*"')


def parse_disabled_features(source: str) -> tuple[str, ...] | None:
    """Playwright's own disabled features from its chromiumSwitches source; None unless every entry is a
    plain string literal and the switch is built from exactly that list."""
    found = _LIST.search(source)
    if found is None or _BUILT not in source:
        return None
    body = _COMMENT.sub("", found.group(1))
    body = re.sub(r"\.filter\(Boolean\)\s*$", "", body.strip())
    entries = [e.strip() for e in body.split(",") if e.strip()]
    if not entries or not all(_LITERAL.fullmatch(e) for e in entries):
        return None
    return tuple(f for f in (json.loads(e) for e in entries) if f)


@cache
def playwright_disabled_features() -> tuple[str, ...] | None:
    """The list the installed Playwright passes as ``--disable-features`` (None: could not be read exactly)."""
    try:
        import playwright

        package = Path(inspect.getfile(playwright)).parent / "driver" / "package"
        for name in _SWITCHES_FILES:
            path = package / name
            if path.is_file():
                return parse_disabled_features(path.read_text(encoding="utf-8", errors="replace"))
    except (ImportError, OSError, ValueError):
        pass
    return None


def feature_switches(extra: tuple[str, ...] | list[str]) -> tuple[list[str], list[str]]:
    """(default switches to leave out, switches to add) that turn ``extra`` off as well as Playwright's own."""
    ours = [f for f in extra if f]
    theirs = playwright_disabled_features()
    if not ours or theirs is None:
        return [], []
    merged = list(theirs) + [f for f in ours if f not in theirs]
    return [f"--disable-features={','.join(theirs)}"], [f"--disable-features={','.join(merged)}"]
