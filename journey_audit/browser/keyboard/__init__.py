"""Keyboard-only replay: each step done with Tab, Enter, Space, arrows and typing (``run --keyboard``).

``KeyboardPerformer`` is passed as ``perform`` to ``JourneyReplay.execute``; after each step the runner
stores ``performer.record(page, step)`` as ``step["keyboard"]``. The facts are judged by
journey_audit/audits/keyboard.py; see docs/measurements.md, "Keyboard replay".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from journey_audit.actions import StepContext
from journey_audit.browser.keyboard.operate import OPERATIONS, Operation, pressable
from journey_audit.browser.keyboard.record import KeyboardBarrier, KeyFacts
from journey_audit.browser.keyboard.script import call
from journey_audit.model import Step

__all__ = ["KeyboardBarrier", "KeyboardPerformer"]

KEY_TIME_S = 20.0  # the most a step's key presses may take (within the step's own budget)
PROBE_RESERVE_S = 15.0  # left of the step's budget for probes and the screenshot after the keys


class KeyboardPerformer:
    """Does one journey's steps by keyboard; keeps the facts of the step it did last."""

    def __init__(self, remaining_s: Callable[[], float] = lambda: float("inf")):
        self.remaining_s = remaining_s
        self.facts: KeyFacts | None = None
        self.skip_link_tried = False

    def __call__(self, page, step: Step, ctx: StepContext) -> None:
        self.facts = facts = KeyFacts(target=step.target())
        OPERATIONS[step.action](Operation(page, step, ctx, facts, self._deadline(ctx)))
        if step.action in ("goto", "expect"):
            facts.reached = True
        if step.action == "goto" and not self.skip_link_tried:
            self.skip_link_tried = True
            page.wait_for_load_state("load", timeout=ctx.timeout_ms)
            facts.skip_link = try_skip_link(page, facts)

    def reach_only(self, page, step: Step, ctx: StepContext) -> None:
        """Tab to the step's control and stop there: for a final step held back without --allow-submit."""
        self.facts = facts = KeyFacts(target=step.target())
        if step.action in ("click", "submit"):
            op = Operation(page, step, ctx, facts, self._deadline(ctx))
            op.reach(pressable(op))

    def _deadline(self, ctx: StepContext) -> float:
        """When a step's key presses must stop (time.monotonic): within the step's budget, probes' time kept."""
        return time.monotonic() + max(1.0, min(ctx.timeout_ms / 1000 + KEY_TIME_S, self.remaining_s() - PROBE_RESERVE_S))

    def record(self, page, step: Step) -> dict[str, Any] | None:
        """The step's keyboard facts, with where focus is now that the step has settled (not for goto)."""
        if self.facts is None:
            return None
        facts, self.facts = self.facts, None
        if step.action != "goto":
            try:
                facts.focus_after = call(page, "focusAfter")
            except Exception:  # noqa: BLE001 - the page is gone or navigating: focus is nowhere to be read
                facts.focus_after = None
        return facts.as_record()


def try_skip_link(page, facts: KeyFacts) -> dict[str, Any]:
    """The first Tab stop of the first page: a same-page link ("Skip to main content")? Use it as a keyboard
    user would: Enter, and it works when focus is then in its target or the next Tab lands after it. The
    journey goes on from there, and these presses count in the step's keys."""
    call(page, "snapshot")
    facts.press(page, "Tab")
    stop = call(page, "stop")
    if not stop.get("is_body"):
        facts.add_stop(stop)
    link = call(page, "skipLink")
    if not link["present"]:
        return {"present": False, "works": False, "name": link["name"]}
    facts.press(page, "Enter")
    works = bool(call(page, "skipLanded"))
    if not works:
        facts.press(page, "Tab")
        stop = call(page, "stop")
        if not stop.get("is_body"):
            facts.add_stop(stop)
        works = bool(call(page, "skipLanded"))
    return {"present": True, "works": works, "name": link["name"]}
