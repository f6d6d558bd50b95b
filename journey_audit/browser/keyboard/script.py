"""The focus helper (focus.js), called by name: each call installs it in the document if it is not there yet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

_LIB = Path(__file__).with_name("focus.js").read_text(encoding="utf-8")
_INSTALLED = f"(window.__jaKeyboard || (window.__jaKeyboard = {_LIB.strip().rstrip(';')}))"


def call(page, name: str, arg: Any = None) -> Any:
    """Run ``window.__jaKeyboard[name](arg)`` in the page (awaiting it) and return its JSON answer."""
    return page.evaluate(f"(arg) => {_INSTALLED}.{name}(arg)", arg)


def call_on(handle, name: str) -> Any:
    """Run ``window.__jaKeyboard[name](element)`` for one element (the step's target)."""
    return handle.evaluate(f"(el) => {_INSTALLED}.{name}(el)")
