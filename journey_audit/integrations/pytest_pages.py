"""Watch a test's Playwright page: each action becomes a step record, exactly as the runner records a journey.

Why wrap Playwright's ``Page``/``Locator`` methods rather than listen to ``framenavigated``: a listener runs
inside Playwright's event dispatch, where the sync API cannot evaluate scripts or take screenshots, and it
would miss actions that do not navigate (typing, ticking, in-page updates). Wrapping the action methods
gives a safe point *after* each action, on the test's own thread, where the runner's ``execute`` can wait
for the page to settle, run the probes and axe, and take a screenshot; navigations the page makes on its own
between actions (redirects, timers) are caught by the runner's ``DocumentTracker`` and recorded as their own
step before the next action. Only pages registered by the plugin (the ``page`` fixture) are watched; every
other call goes straight through, and the test sees every return value and exception unchanged.
"""

from __future__ import annotations

import functools
import re
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from journey_audit.browser.runner import JourneyReplay, RunOptions, journey_data, step_record
from journey_audit.browser.session import MUTATION_COUNTER
from journey_audit.browser.settings import BrowserSettings
from journey_audit.browser.tracking import DocumentTracker
from journey_audit.browser.watchdog import Watchdog
from journey_audit.model import Journey, JourneyResult, Locator, Step
from journey_audit.pipeline import assess_journey


def _count(**fixed: int) -> Callable[[Any], dict[str, int]]:
    return lambda value: dict(fixed)


def _typed(value: Any) -> dict[str, int]:
    return {"chars_typed": len(str(value or "")), "fields_filled": 1}


# Playwright method -> (the journey action it is, the effort it costs the user)
ACTIONS: dict[str, tuple[str, Callable[[Any], dict[str, int]]]] = {
    "goto": ("goto", _count()), "reload": ("reload", _count()), "go_back": ("back", _count()),
    "go_forward": ("forward", _count()),
    "click": ("click", _count(clicks=1)), "tap": ("click", _count(clicks=1)), "dblclick": ("click", _count(clicks=2)),
    "fill": ("fill", _typed), "type": ("fill", _typed), "press_sequentially": ("fill", _typed),
    "press": ("press", _count(chars_typed=1)),
    "check": ("check", _count(clicks=1, fields_filled=1)), "uncheck": ("check", _count(clicks=1, fields_filled=1)),
    "set_checked": ("check", _count(clicks=1, fields_filled=1)),
    "select_option": ("select", _count(clicks=2, fields_filled=1)),
    "set_input_files": ("upload", _count(clicks=2, fields_filled=1)),
}
WATCHDOG_NEVER_S = 7 * 24 * 3600.0
NAVIGATIONS = ("goto", "reload", "go_back", "go_forward")
VALUE_ARG = {"fill": "value", "type": "text", "press_sequentially": "text", "press": "key"}

_OBSERVERS: dict[Any, PageObserver] = {}  # keyed by the page's implementation object (stable identity)
_PATCHED: list[tuple[type, str, Any]] = []

_SELECTOR_PARTS = (
    (re.compile(r'^internal:role=\w+\[name="(.*)"[is]?\]'), "name"),
    (re.compile(r'^internal:label="(.*)"[is]?$'), "label"),
    (re.compile(r'^internal:text="(.*)"[is]?$'), "text"),
    (re.compile(r'^internal:attr=\[placeholder="(.*)"[is]?\]$'), "placeholder"),
)


def describe_selector(selector: str) -> Locator:
    """A readable locator for the record's target, from Playwright's selector (last part of a chain)."""
    parts = [p.strip() for p in selector.split(">>")
             if p.strip() and not p.strip().startswith(("nth=", "internal:or=", "internal:and="))]
    last = parts[-1] if parts else selector
    for pattern, key in _SELECTOR_PARTS:
        match = pattern.match(last)
        if match:
            return Locator(**{key: match.group(1).replace('\\"', '"')})
    return Locator(css=last[:200])


def _argument(args: tuple, kwargs: dict, position: int, name: str) -> Any:
    return args[position] if len(args) > position else kwargs.get(name)


class PageObserver(JourneyReplay):
    """One test's page: the runner's step recording and outcome rules, driven by the test's own actions."""

    def __init__(self, page: Any, *, test_file: Path, screens_dir: Path, run_folder: Path, axe: bool,
                 settings: BrowserSettings):
        # No BrowserSession: the page belongs to pytest-playwright; the replay's own loop is not used, only
        # its settings (timeouts for settling after an action) are.
        self.journey = Journey(path=test_file, council="", council_id="", task="", start="", base_url=None,
                               persona="default", steps=())
        self.session = SimpleNamespace(settings=settings)
        self.options = RunOptions(axe=axe)
        self.screens_dir = screens_dir
        self.run_folder = run_folder
        self.base_url = ""
        self.steps: list[dict[str, Any]] = []
        self.timeout_ms = settings.action_timeout_s * 1000
        # The test's own Playwright timeouts bound its calls; this watchdog watches no context, so it never
        # closes the test's page: it only answers the runner's "time left?" and "tripped?" questions.
        self.watchdog = Watchdog(WATCHDOG_NEVER_S)
        self.page = page
        self.test_file = str(test_file)
        self.busy = False
        self.t0 = time.perf_counter()
        self.data = journey_data(self.journey, "", datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
                                 self.steps)
        self.data["viewport"] = page.viewport_size
        page.add_init_script(MUTATION_COUNTER)  # the runner's DOM-change counter, for documents to come
        self.tracker = DocumentTracker(page)
        _OBSERVERS[page._impl_obj] = self

    def _test_line(self) -> int:
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename == self.test_file:
                return frame.f_lineno
            frame = frame.f_back
        return 0

    def perform(self, action: str, locator: Locator, value: Any, counts: dict[str, int], call: Callable[[], Any]) -> Any:
        """Run the test's own call, then record and audit the page; the test gets the call's result or error."""
        if self.busy:
            return call()
        outcome: dict[str, Any] = {}

        def run(page, step, ctx) -> None:
            try:
                outcome["value"] = call()
            except Exception as exc:
                outcome["error"] = exc
                raise
            for key, n in counts.items():
                setattr(ctx, key, getattr(ctx, key) + n)

        self.busy = True
        try:
            self._catch_up()
            step = Step(action=action, line=self._test_line(), locator=locator,
                        value=str(value) if action == "goto" and value is not None else None)
            self._add(self.execute(self.page, self.tracker, step, len(self.steps), perform=run))
        except Exception:  # a fault in the audit must never change the test: it only loses this record
            if not outcome:
                return call()
        finally:
            self.busy = False
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("value")

    def _add(self, record: dict[str, Any]) -> None:
        if record["target"] == "?":
            record["target"] = record["url"]
        self.steps.append(record)
        self.tracker.reset()  # what arrives from now on happened after this step (see _catch_up)
        if self.data["outcome"] != "completed" or self.data["error"]:
            return  # the first thing that stopped the user is the journey's outcome; later steps are kept
        if record["status"] == "failed":
            self._end_on_failure(self.data, record, 0)
        else:
            self._blocked(self.data, record, final_check=False)

    def _catch_up(self) -> None:
        """The page navigated on its own since the last step (a redirect, a timer): record where it went."""
        if not self.steps or not (self.tracker.documents or self.tracker.downloads):
            return
        documents, downloads = list(self.tracker.documents), list(self.tracker.downloads)

        def arrived(page, step, ctx) -> None:
            self.tracker.documents.extend(documents)
            self.tracker.downloads.extend(downloads)

        step = Step(action="navigate", line=self._test_line())
        self._add(self.execute(self.page, self.tracker, step, len(self.steps), perform=arrived))

    def checkpoint(self, name: str) -> None:
        """``journey_audit.step(page, name)``: audit the page now, as a step with this name."""
        self.perform("step", Locator(name=name), None, {}, lambda: None)

    def finish(self, *, nodeid: str, failed: bool, message: str | None, line: int,
               naming: dict[str, str]) -> JourneyResult | None:
        """The test is over: decide the outcome as the runner would, assess and score; None if nothing was visited."""
        _OBSERVERS.pop(self.page._impl_obj, None)
        self.watchdog.stop()
        try:
            self.busy = True
            self._catch_up()
        except Exception:
            pass  # the test may have closed its page
        visited = [s for s in self.steps if s.get("url") and s["url"] != "about:blank"]
        if not visited:
            return None
        if failed and self.data["outcome"] == "completed" and not self.data["error"]:
            record = step_record(Step(action="expect", line=line, locator=Locator(text="the test's own checks")),
                                 len(self.steps), datetime.now(timezone.utc).isoformat(timespec="milliseconds"))
            record.update(status="failed", url=self.steps[-1]["url"], title=self.steps[-1]["title"],
                          error=f"the test failed: {message or 'see the pytest report'}", error_kind="step_failed")
            self.steps.append(record)
            self._end_on_failure(self.data, record, 0)
        elif self.data["outcome"] == "completed" and not self.data["error"]:
            self._blocked(self.data, self.steps[-1], final_check=True)
        self.data.update(naming, journey_path=self.test_file, start_url=visited[0]["url"],
                         duration_s=round(time.perf_counter() - self.t0, 2),
                         source={"kind": "pytest", "test": nodeid, "test_outcome": "failed" if failed else "passed"})
        return JourneyResult(assess_journey(self.data))


def checkpoint(page: Any, name: str) -> None:
    observer = _OBSERVERS.get(getattr(page, "_impl_obj", None))
    if observer is not None:
        observer.checkpoint(name)


def _wrap(original: Callable, method: str, on_page: bool) -> Callable:
    action, cost = ACTIONS[method]

    @functools.wraps(original)
    def watched(self, *args, **kwargs):
        page = self if on_page else getattr(self, "page", None)
        observer = _OBSERVERS.get(getattr(page, "_impl_obj", None)) if page is not None else None
        if observer is None or observer.busy:
            return original(self, *args, **kwargs)
        shift = 1 if on_page and method not in NAVIGATIONS else 0  # page.fill(selector, value)
        if method in NAVIGATIONS:
            locator, value = Locator(), _argument(args, kwargs, 0, "url")
        else:
            selector = _argument(args, kwargs, 0, "selector") if on_page else self._impl_obj._selector
            locator, value = describe_selector(str(selector)), _argument(args, kwargs, shift, VALUE_ARG.get(method, ""))
        return observer.perform(action, locator, value, cost(value), lambda: original(self, *args, **kwargs))

    return watched


def install() -> None:
    """Wrap Playwright's action methods (once per session); ``uninstall`` puts them back."""
    if _PATCHED:
        return
    from playwright.sync_api import Locator as PwLocator
    from playwright.sync_api import Page

    for cls, on_page in ((Page, True), (PwLocator, False)):
        for method in ACTIONS:
            original = cls.__dict__.get(method)
            if original is None or (not on_page and method in NAVIGATIONS):
                continue
            setattr(cls, method, _wrap(original, method, on_page))
            _PATCHED.append((cls, method, original))


def uninstall() -> None:
    while _PATCHED:
        cls, method, original = _PATCHED.pop()
        setattr(cls, method, original)
    _OBSERVERS.clear()
