"""Each action done with keys: find the target as mouse mode does, reach it with Tab, then use the keys a
keyboard user would (Enter, Space, arrows, typing). Counts go into ``KeyFacts``; nothing is clicked or focused
by script.

A file chooser cannot be driven by keys in a headless browser: an upload reaches the file input with Tab,
counts one key for opening the chooser, then sets the file on the focused input.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from journey_audit.actions import REGISTRY, StepContext
from journey_audit.actions.base import FIELD_ROLES, LIST_ROLES, TICK_ROLES, find
from journey_audit.actions.forms import choice_target
from journey_audit.browser.keyboard.reach import reach
from journey_audit.browser.keyboard.record import KeyFacts
from journey_audit.browser.keyboard.script import call
from journey_audit.model import Step

TICKED = "el => el.checked === true || el.getAttribute('aria-checked') === 'true'"
LIST_STATE = """el => el.tagName === 'SELECT' ? {index: el.selectedIndex,
  options: [...el.options].map(o => ({label: o.label, text: o.text.trim(), disabled: o.disabled}))} : null"""
FIELD_STATE = "el => ({value: 'value' in el ? String(el.value ?? '') : (el.textContent || ''), multiline: el.tagName === 'TEXTAREA' || el.isContentEditable})"
SPACE_ROLES = ("checkbox", "radio", "switch")


class Operation:
    """One step done by keyboard; ``deadline`` (time.monotonic) bounds every key loop."""

    def __init__(self, page, step: Step, ctx: StepContext, facts: KeyFacts, deadline: float):
        self.page, self.step, self.ctx, self.facts, self.deadline = page, step, ctx, facts, deadline

    def located(self, locator, state: str = "visible", ready: str | None = "enabled"):
        """The step's element as a handle, waited for as mouse mode waits for it (visible, then enabled or
        editable): a control the page has not enabled yet is not a keyboard barrier."""
        locator.wait_for(state=state, timeout=self.ctx.timeout_ms)
        handle = locator.element_handle(timeout=self.ctx.timeout_ms)
        if ready:
            handle.wait_for_element_state(ready, timeout=self.ctx.timeout_ms)
        return handle

    def reach(self, handle) -> dict:
        return reach(self.page, handle, self.facts, deadline=self.deadline)

    def press(self, key: str, on=None) -> None:
        """A counted key press; ``on`` the focused control when the key may load a page (see KeyFacts.press)."""
        self.facts.press(self.page, key, on)


FOCUSED = """() => { let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  return el && el !== document.body && el.tagName !== 'IFRAME' ? el : null; }"""


def focused_element(page):
    """The element Tab left focus on (through open shadow roots), or None (the page itself, or a frame)."""
    handle = page.evaluate_handle(FOCUSED)
    return handle.as_element()


def pressable(op: Operation):
    """The control a click or submit step presses, found as mouse mode finds it."""
    roles = ("button",) if op.step.action == "submit" else None
    return op.located(find(op.page, op.step.locator, **({"roles": roles} if roles else {})))


def do_press(op: Operation) -> None:
    """click / submit: Tab to the control, then Enter (Space for a checkbox, radio or switch)."""
    stop = op.reach(pressable(op))
    op.press("Space" if stop.get("role") in SPACE_ROLES else "Enter", on=focused_element(op.page))


def do_fill(op: Operation) -> None:
    """Tab to the field, select what is in it (Control+A) and type the value key by key."""
    handle = op.located(find(op.page, op.step.locator, roles=FIELD_ROLES, text_fallback=False), ready="editable")
    op.reach(handle)
    state = handle.evaluate(FIELD_STATE)
    value = op.step.value or ""
    if not state["multiline"]:
        value = value.replace("\r", "").replace("\n", "")  # a one-line field drops them, as mouse mode's fill does
    if state["value"]:
        op.press("Control+A")
    if value:
        op.page.keyboard.type(value)
        op.facts.keys += len(value)
    elif state["value"]:
        op.press("Delete")
    op.ctx.chars_typed += len(value)
    op.ctx.fields_filled += 1


def do_select(op: Operation) -> None:
    """Tab to the list, then arrow keys until the wanted option is selected (checked after every key)."""
    handle = op.located(find(op.page, op.step.locator, roles=LIST_ROLES, text_fallback=False))
    op.reach(handle)
    state = handle.evaluate(LIST_STATE)
    if state is None:
        raise LookupError(f"select: '{op.step.target()}' is not a drop-down list (<select>)")
    wanted_label = op.step.value or ""
    labels = [o["label"] for o in state["options"]]
    wanted = labels.index(wanted_label) if wanted_label in labels else next(
        (i for i, o in enumerate(state["options"]) if o["text"] == wanted_label.strip()), -1)
    if wanted < 0:
        raise LookupError(f"select: '{op.step.target()}' has no option '{wanted_label}' "
                          f"(its options: {', '.join(labels[:10])})")
    for _ in range(len(labels) + 2):
        index = state["index"]
        if index == wanted or time.monotonic() > op.deadline:
            break
        op.press("ArrowDown" if index < wanted else "ArrowUp")
        state = handle.evaluate(LIST_STATE)
    if state["index"] != wanted:
        raise LookupError(f"keyboard: the arrow keys did not select '{wanted_label}' in '{op.step.target()}' "
                          f"(it shows '{labels[state['index']] if state['index'] >= 0 else ''}')")
    op.ctx.fields_filled += 1


def do_check(op: Operation) -> None:
    """Tab to the checkbox and press Space unless it is already ticked."""
    handle = op.located(find(op.page, op.step.locator, roles=TICK_ROLES, text_fallback=False))
    op.reach(handle)
    if not handle.evaluate(TICKED):
        op.press("Space")
        if not handle.evaluate(TICKED):
            raise LookupError(f"keyboard: Space did not tick '{op.step.target()}'")
    op.ctx.fields_filled += 1


def do_choose(op: Operation) -> None:
    """Tab into the radio group (focus lands on its checked radio, or the first), then arrows to the option
    (down or up, whichever is fewer presses round the group)."""
    handle = op.located(choice_target(op.page, op.step, op.ctx), state="attached")
    op.reach(handle)
    state = call(op.page, "choice")
    for _ in range(40):
        if state["on_target"] or time.monotonic() > op.deadline:
            break
        op.press("ArrowDown" if state["down"] else "ArrowUp")
        state = call(op.page, "choice")
    if not state["on_target"]:
        raise LookupError(f"keyboard: the arrow keys did not move to option '{op.step.value}' of "
                          f"'{op.step.target()}'")
    if not state["target_checked"]:
        op.press("Space")
        if not handle.evaluate(TICKED):
            raise LookupError(f"keyboard: Space did not select option '{op.step.value}' of '{op.step.target()}'")
    op.ctx.fields_filled += 1


def do_upload(op: Operation) -> None:
    """Tab to the file input; the chooser it opens cannot be used by keys headless, so the file is set on it."""
    handle = op.located(find(op.page, op.step.locator), state="attached", ready=None)
    op.reach(handle)
    path = Path(op.step.value or "")
    if not path.is_absolute():
        path = Path(op.ctx.files_dir) / path
    op.facts.keys += 1  # Enter or Space opens the chooser
    handle.set_input_files(str(path), timeout=op.ctx.timeout_ms)
    op.ctx.fields_filled += 1


def do_without_keys(op: Operation) -> None:
    """goto (a navigation) and expect (a check): no key is pressed."""
    REGISTRY[op.step.action].run(op.page, op.step, op.ctx)


OPERATIONS: dict[str, Callable[[Operation], None]] = {
    "click": do_press, "submit": do_press, "fill": do_fill, "select": do_select, "check": do_check,
    "choose": do_choose, "upload": do_upload, "goto": do_without_keys, "expect": do_without_keys,
}
