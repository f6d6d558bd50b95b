"""Deadlines enforced from outside the page: a thread that closes the journey's browser context when a
step or the whole journey runs over its budget.

Why a thread: a page can hold a Playwright call for ever (``page.evaluate`` waits for a navigation that
is never answered, a script loops), and no timeout inside the page helps then. Playwright's sync API is
bound to its own thread, so the watchdog never calls it: it schedules the close on the worker's event
loop (``call_soon_threadsafe``), which runs while the worker waits on the blocked call. The blocked call
then fails with "Target ... closed" and the runner, seeing ``tripped``, records a timeout instead of a
browser crash. If closing the context does not free the worker within ``grace_s``, the browser is closed
too (the session relaunches it for the next journey).
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any


def _schedule_close(sync_obj: Any) -> bool:
    """Ask the thread that owns ``sync_obj`` to close it, from any thread. True if it was scheduled."""
    try:
        loop: asyncio.AbstractEventLoop = sync_obj._loop
        impl = sync_obj._impl_obj
    except AttributeError:
        return False

    def close() -> None:
        task = loop.create_task(impl.close(reason="journey-audit watchdog: the deadline passed"))
        task.add_done_callback(lambda t: t.cancelled() or t.exception())  # closing a dead target may fail

    try:
        loop.call_soon_threadsafe(close)
    except RuntimeError:  # the loop is closed: nothing left to free
        return False
    return True


class Watchdog:
    """One per journey: ``arm`` before a step, ``disarm`` after; the journey deadline always applies."""

    def __init__(self, journey_budget_s: float, grace_s: float = 5.0):
        self.journey_deadline = time.monotonic() + journey_budget_s
        self.journey_budget_s = journey_budget_s
        self.grace_s = grace_s
        self.tripped: str | None = None  # why the watchdog closed the context, once it has
        self._context: Any = None
        self._browser: Any = None
        self._step_deadline: float | None = None
        self._step_budget_s = 0.0
        self._stop = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._watch, name="journey-watchdog", daemon=True)
        self._thread.start()

    def watch(self, context: Any, browser: Any = None) -> None:
        with self._cond:
            self._context, self._browser = context, browser
            self._cond.notify()

    def arm(self, budget_s: float) -> None:
        with self._cond:
            self._step_budget_s = budget_s
            self._step_deadline = time.monotonic() + budget_s
            self._cond.notify()

    def disarm(self) -> None:
        with self._cond:
            self._step_deadline = None
            self._cond.notify()

    def remaining_s(self) -> float:
        """Seconds left before the nearer deadline (for bounding waits the page does itself)."""
        now = time.monotonic()
        left = self.journey_deadline - now
        if self._step_deadline is not None:
            left = min(left, self._step_deadline - now)
        return max(0.0, left)

    def stop(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify()
        self._thread.join(timeout=2)

    def _deadline(self) -> tuple[float, str]:
        step = self._step_deadline
        if step is not None and step < self.journey_deadline:
            return step, f"the step ran over its {self._step_budget_s:g} s budget"
        return self.journey_deadline, f"the journey ran over its {self.journey_budget_s:g} s budget"

    def _watch(self) -> None:
        with self._cond:
            while not self._stop:
                deadline, reason = self._deadline()
                wait = deadline - time.monotonic()
                if wait > 0 or self._context is None:
                    self._cond.wait(timeout=max(wait, 0.05) if self._context is not None else None)
                    continue
                self.tripped = reason
                _schedule_close(self._context)
                self._context = None
                self._escalate()
                return

    def _escalate(self) -> None:
        """Closing the context did not free the worker in time: close the whole browser."""
        browser = self._browser
        freed = self._cond.wait_for(lambda: self._stop, timeout=self.grace_s)
        if not freed and browser is not None:
            _schedule_close(browser)
