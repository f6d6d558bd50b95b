"""Reach a step's target with Tab alone, from wherever focus is, and say why not when it cannot be done.

The walk presses Tab (forward, wrapping past the end of the page as browsers do), or Shift+Tab when the
target is expected to be fewer presses behind focus, and reads the focused element after every press. It never calls ``element.focus()`` and never clicks. It stops when:

- focus is on the target (or in it; for a radio, on any radio of the target's group): reached;
- focus came back to a stop already passed after going past the end of the page: the whole tab order was
  cycled, so Tab cannot reach the target (``keyboard_unreachable``);
- focus came back to a stop already passed WITHOUT going past the end of the page, or stayed on one element
  for ``SAME_HOLD`` presses (``IFRAME_HOLD`` for an iframe, whose own controls Tab walks through): focus
  cannot leave a widget (``keyboard_trap``);
- ``MAX_PRESSES`` presses, or the step's time, ran out (``keyboard_unreachable``).

Going past the end of the page is seen in a read of the page itself, or in focus.js's trail of focus events
when the browser handed focus back to the page before the read. When it handed focus back after the read and
the next press moved it on, the stop it came back to counts as passed (and, when it was the target, one press
the other way goes back to it): without that, a busy machine's timing made a reachable first stop look
unreachable ("focus cycled the whole page").
"""

from __future__ import annotations

import time
from typing import Any

from journey_audit.browser.keyboard.record import KeyboardBarrier, KeyFacts
from journey_audit.browser.keyboard.script import call, call_on

MAX_PRESSES = 200
SAME_HOLD = 3  # Tab presses that leave focus on the same element: the widget swallows Tab
IFRAME_HOLD = 50  # an iframe keeps document.activeElement while Tab walks its own controls
BODY_HOLD = 3  # Tab presses that leave focus on the page body although the page has focusable elements
CYCLED = "focus cycled the whole page without reaching it"


def _names(stops: list[dict[str, Any]]) -> list[str]:
    return [s.get("name") or s.get("tag") or "?" for s in stops]


def reach(page, handle, facts: KeyFacts, *, deadline: float) -> dict[str, Any]:
    """Tab (or Shift+Tab) until focus is on the element ``handle``; return that stop.

    Shift+Tab is used when the page's expected tab order puts the target fewer presses behind focus than
    ahead of it (both ways pass the page itself once when they wrap round). A backward walk that meets
    anything unexpected (a repeat, focus held, the page itself twice) gives way to a forward walk, which
    alone judges traps and unreachable controls; every press counts.
    Raises KeyboardBarrier when the target cannot be reached.
    """
    call_on(handle, "setTarget")
    plan = call(page, "snapshot")  # the unfocused looks, before any key moves focus
    stop = call(page, "stop")
    if stop.get("is_target"):
        facts.reached = True
        return stop
    if plan["backward"] is not None and plan["forward"] is not None and plan["backward"] < plan["forward"]:
        found = _walk(page, facts, stop, "Shift+Tab", plan["tabbable"], deadline)
        if found is not None:
            return found
        stop = call(page, "stop")
    found = _walk(page, facts, stop, "Tab", plan["tabbable"], deadline)
    assert found is not None  # a forward walk either reaches the target or raises
    return found


def _walk(page, facts: KeyFacts, stop: dict[str, Any], key: str, tabbable: int,
          deadline: float) -> dict[str, Any] | None:
    """Press ``key`` from ``stop`` until the target; None when a backward walk should give way to Tab."""
    walk = _Walk(page, facts, stop, key, tabbable)
    why = f"{MAX_PRESSES} Tab presses did not reach it"
    while facts.tab_presses + facts.shift_tab_presses < MAX_PRESSES:
        if time.monotonic() > deadline:
            why = f"the step's time ran out after {facts.tab_presses + facts.shift_tab_presses} presses"
            break
        facts.press(page, key)
        outcome = walk.after_press(call(page, "stop"))
        if outcome is GIVE_WAY:
            return None
        if outcome is CYCLED:
            why = CYCLED
            break
        if outcome is not None:
            return outcome
    _unreachable(page, facts, why)
    raise AssertionError("unreachable")  # _unreachable always raises


GIVE_WAY = object()  # a backward walk met something unexpected: a forward walk takes over


class _Walk:
    """What one walk has passed, and the verdict each new read of focus gives (None: press on)."""

    def __init__(self, page, facts: KeyFacts, stop: dict[str, Any], key: str, tabbable: int):
        self.page, self.facts, self.key, self.tabbable = page, facts, key, tabbable
        self.forward = key == "Tab"
        self.seen: dict[int, int] = {}  # stop id -> its place in ``walked``
        self.walked: list[dict[str, Any]] = []
        if not stop.get("is_body"):
            self.seen[stop["id"]] = 0
            self.walked.append(stop)
        self.wrapped = False  # focus went past the end of the page (to the browser) at least once
        self.stepped_back = False
        self.same = self.bodies = 0
        self.previous = self.walked[-1]["id"] if self.walked else None  # the stop before this press (None: the page)

    def after_press(self, stop: dict[str, Any]) -> Any:
        """Judge the read after a press, with what focus did unseen since the read before (focus.js ``trail``)."""
        if stop.get("left") and not stop.get("is_body") and self._wrap():
            return GIVE_WAY  # out to the browser and back into the page between two reads: a wrap all the same
        back = stop.get("back")
        if back is not None:
            # Focus came back into the page on ``back`` after the last read (the browser's own wrap round the page,
            # late), and this press moved it on: the walk passed ``back`` without reading it there.
            if back.get("is_target") and not stop.get("is_target") and not self.stepped_back:
                return self._step_back(back, stop)
            outcome = self._see(back)
            if outcome is not None:
                return outcome
        return self._see(stop)

    def _wrap(self) -> bool:
        """Focus passed the page itself; True when a backward walk should give way (it passes it once at most)."""
        if not self.forward and self.wrapped:
            return True
        self.wrapped = True
        self.previous = None
        return False

    def _step_back(self, back: dict[str, Any], stop: dict[str, Any]) -> Any:
        """The press went one stop past the target: one press the other way, as a keyboard user would, and judge
        where focus is then."""
        self.stepped_back = True
        self.facts.add_stop(back)
        if not stop.get("is_body"):
            self.facts.add_stop(stop)
        self.facts.press(self.page, "Shift+Tab" if self.forward else "Tab")
        return self.after_press(call(self.page, "stop"))

    def _see(self, stop: dict[str, Any]) -> Any:
        facts = self.facts
        if stop.get("is_body"):
            if self._wrap():
                return GIVE_WAY
            self.bodies += 1
            if self.bodies >= BODY_HOLD and self.tabbable:
                _trapped(self.page, facts, {"name": "the page", "frame": False}, [], "Tab did not move focus from "
                         f"the page itself in {BODY_HOLD} presses although the page has {self.tabbable} focusable "
                         "elements")
            return None
        self.bodies = 0
        facts.add_stop(stop)
        if stop.get("is_target"):
            facts.reached = True
            return stop
        if stop["id"] == self.previous:
            self.same += 1
            frame = bool(stop.get("frame"))
            if not self.forward and (self.same >= IFRAME_HOLD or not frame):
                return GIVE_WAY
            if self.same >= (IFRAME_HOLD if frame else SAME_HOLD):
                held = "the frame kept focus" if frame else "Tab left focus on it"
                _trapped(self.page, facts, stop, [stop], f"{held} for {self.same} presses in a row")
            return None
        self.same = 0
        self.previous = stop["id"]
        if stop["id"] in self.seen:
            if not self.forward:
                return GIVE_WAY
            if self.wrapped:
                return CYCLED
            cycle = self.walked[self.seen[stop["id"]]:]
            _trapped(self.page, facts, stop, cycle, f"Tab keeps cycling through {len(cycle)} controls "
                     f"({', '.join(_names(cycle)[:6])}) and never reaches the rest of the page")
        self.seen[stop["id"]] = len(self.walked)
        self.walked.append(stop)
        return None


def _target_reason(page) -> tuple[str | None, str]:
    """Why the target itself cannot take focus from Tab ("not focusable", "not in the tab order"), or None."""
    t = call(page, "targetFacts")
    if not t.get("connected"):
        return None, "the target left the page while Tab walked"
    what = f"<{t['tag']}>" + (f" role={t['role']}" if t.get("role") else "")
    if t.get("disabled"):
        return "not focusable", f"{what} is disabled"
    if t.get("inert"):
        return "not focusable", f"{what} is inside an inert region"
    if not t.get("shown"):
        return "not focusable", f"{what} is not displayed (display: none or visibility: hidden)"
    if t.get("tabindex") is not None and t["tabindex"] < 0:
        return "not in the tab order", f"{what} has tabindex={t['tabindex']}"
    if not t.get("native") and t.get("tabindex") is None:
        return "not focusable", f"{what} is not a link, button or form control and has no tabindex"
    return None, f"{what}"


def _unreachable(page, facts: KeyFacts, why: str) -> None:
    reason, evidence = _target_reason(page)
    presses = facts.tab_presses + facts.shift_tab_presses
    facts.unreachable = {"control": facts.target, "reason": reason or why, "presses": presses,
                         "evidence": f"{evidence}; {why} ({presses} presses)"}
    raise KeyboardBarrier("keyboard_unreachable", f"keyboard: '{facts.target}' could not be reached with Tab "
                                                  f"({reason or why}; {presses} presses)")


def _trapped(page, facts: KeyFacts, stop: dict[str, Any], cycle: list[dict[str, Any]], evidence: str) -> None:
    presses = facts.tab_presses + facts.shift_tab_presses
    control = stop.get("name") or stop.get("tag") or "?"
    facts.trap = {"control": control, "presses": presses, "cycle": _names(cycle)[:20], "evidence": evidence}
    reason, _ = _target_reason(page)
    if reason is not None:  # the target could never take focus: that, not the trap, is what stops the user
        _unreachable(page, facts, f"focus was trapped in '{control}' on the way")
    raise KeyboardBarrier("keyboard_trap", f"keyboard: focus is trapped in '{control}' and never reaches "
                                           f"'{facts.target}' ({evidence}; {presses} presses)")
