"""Chrome DevTools Recorder exports (the JSON @puppeteer/replay and Lighthouse user flows read) -> journey steps.

Each recorded step offers several selectors; the importer prefers what a person sees (``aria/Name``,
``text/...``), then CSS, and never XPath or ``pierce/``. Line numbers come from the file itself, so a
message points at the step in the JSON the user has open.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from journey_audit.importers.draft import Draft

ARIA = re.compile(r'^aria/(.*?)(?:\[role="(\w+)"\])?$')
SKIPPED = {"setViewport": "the viewport is chosen with --viewport", "scroll": "scrolling does not change a journey",
           "keyUp": "the key's press is its keyDown"}
QUIET_KEYS = {"Tab", "Shift", "Control", "Alt", "Meta"}
TICKABLE = {"checkbox", "radio", "switch"}


class RecorderFormatError(ValueError):
    """Not a Recorder export: the message says where and why."""


def _step_lines(text: str, count: int) -> list[int]:
    """The line of each item of the top-level "steps" list (JSON is YAML, whose parser keeps positions)."""
    try:
        root = yaml.compose(text)
        for key, value in root.value:
            if key.value == "steps" and isinstance(value, yaml.SequenceNode) and len(value.value) == count:
                return [item.start_mark.line + 1 for item in value.value]
    except Exception:
        pass  # tabs or odd escapes: fall back to no line numbers rather than fail
    return [0] * count


def _selector(step: dict[str, Any]) -> tuple[str, str, str | None] | None:
    """(kind, text, role) from the most human of the step's selectors."""
    options = [s[-1] if isinstance(s, list) and s else s for s in step.get("selectors") or []]
    options = [o for o in options if isinstance(o, str)]
    for option in options:
        match = ARIA.match(option)
        if match and match.group(1):
            return ("aria", match.group(1), match.group(2))
    for option in options:
        if option.startswith("text/") and option[5:]:
            return ("text", option[5:], None)
    for option in options:
        if not option.startswith(("xpath/", "pierce/", "aria/", "text/")):
            return ("css", option, None)
    return None


def read_recorder(path: Path, text: str) -> Draft:
    try:
        data = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", 1)
        raise RecorderFormatError(f"{path}:{line}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise RecorderFormatError(f"{path}:1: a Recorder export is an object with a 'steps' list")
    draft = Draft(source=path, kind="recorder")
    steps = data["steps"]
    for step, line in zip(steps, _step_lines(text, len(steps)), strict=True):
        kind = step.get("type") if isinstance(step, dict) else None
        shown = json.dumps({k: v for k, v in step.items() if k in ("type", "url", "key", "value")}) \
            if isinstance(step, dict) else json.dumps(step)
        if kind in SKIPPED:
            continue
        if kind == "navigate" and isinstance(step.get("url"), str):
            draft.add(line, "goto", step["url"])
        elif kind == "keyDown":
            if step.get("key") not in QUIET_KEYS:
                draft.fail(line, shown, "a journey cannot press keys; record a click on the button instead")
        elif kind in ("click", "change", "waitForElement"):
            found = _selector(step)
            if found is None:
                draft.fail(line, shown, "no aria/, text/ or CSS selector (only XPath or pierce/)")
            else:
                _convert(draft, line, shown, kind, step, *found)
        else:
            draft.fail(line, shown, f"'{kind}' steps have no journey action")
    return draft


def _convert(draft: Draft, line: int, shown: str, kind: str, step: dict[str, Any], how: str, text: str,
             role: str | None) -> None:
    if kind == "waitForElement":
        if how == "css" or role in TICKABLE:
            draft.fail(line, shown, "a journey expects text, not an element")
        else:
            draft.add(line, "expect", text)
        return
    where = {"css": {"css": text}, "text": {"text": text}}.get(how)
    if kind == "click":
        if role in TICKABLE:
            draft.add(line, "check", {"label": text})
        elif where is None and role in (None, "button", "link", "menuitem", "tab"):
            draft.add(line, "click", text)
        else:
            draft.add(line, "click", where or {"label": text})
        return
    value = step.get("value")
    if not isinstance(value, str):
        draft.fail(line, shown, "a change step without a text value")
        return
    where = where or {"label": text}
    if role in ("combobox", "listbox"):
        draft.add(line, "select", {**where, "option": value})
        draft.note(line, f"the Recorder saves the chosen option's value {value!r}; a journey picks it by its "
                         "visible text: check it")
    else:
        draft.add(line, "fill", {**where, "value": value})
