"""Replays one journey in its own browser context and records every step.

Failure is data: a step that cannot run ends the journey as ``broken`` (the script could not go on)
or ``dead_end`` (the site stopped the user), with the step, the reason and a screenshot.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from journey_audit.actions import REGISTRY, StepContext
from journey_audit.actions.base import find
from journey_audit.browser.guard import SubmitGuard
from journey_audit.browser.keyboard import KeyboardBarrier, KeyboardPerformer
from journey_audit.browser.reuse import tab_pool
from journey_audit.browser.screens import JourneyScreens
from journey_audit.browser.session import TAKE_MUTATIONS, BrowserSession
from journey_audit.browser.tracking import UNREACHABLE_MARKERS, DocumentTracker
from journey_audit.browser.watchdog import Watchdog
from journey_audit.model import Journey, JourneyResult, Locator, Step
from journey_audit.pipeline import assess_journey, detect_dead_ends, validation_check_held
from journey_audit.politeness import host_of

FILES_DIR = Path(__file__).resolve().parent.parent / "demo" / "files"
CRASH_MARKERS = ("Target page, context or browser has been closed", "Browser has been closed",
                 "Target closed", "browser has disconnected", "Connection closed", "Browser closed")


@dataclass(frozen=True)
class RunOptions:
    allow_submit: bool = False  # never file a real report unless the user says so
    base_url: str | None = None  # overrides every journey's base_url
    base_urls: dict[str, str] = field(default_factory=dict)  # per council_id (the demo server's ports)
    viewport: str | None = None
    probes: bool = True
    axe: bool = True
    screenshots: bool = True
    retries: int = 0  # re-run a journey that broke because the site or browser failed
    pause_s: float = 0.0  # politeness: wait this long between steps on real councils' sites
    step_timeout_s: float | None = None  # a step's whole budget (action, page load, probes); None: from settings
    journey_timeout_s: float | None = None  # the journey's whole budget; None: JOURNEY_BUDGET_S plus pauses
    per_host: int = 2  # journeys on one host at once, whatever the workers (journey_audit/politeness.py)
    host_delay_s: float = 0.0  # politeness: least time between two steps' starts on one host, across workers
    respect_robots: bool = False  # skip journeys whose start URL robots.txt disallows (else only reported)
    before_step: Callable[[Journey], None] | None = field(default=None, compare=False, repr=False)  # the run's pacer
    keyboard: bool = False  # replay every journey by keyboard alone (a journey file can ask with keyboard: true)
    # `check`: a journey without steps (one page) reuses the worker's tab for its site, cleared between pages
    # (browser/reuse.py); journeys with steps always get their own fresh context.
    reuse_tabs: bool = False

    def base_for(self, journey: Journey) -> str:
        return self.base_url or self.base_urls.get(journey.council_id) or journey.base_url or ""

    def mode_for(self, journey: Journey) -> str:
        """``keyboard`` or ``mouse``: how this journey is replayed."""
        return "keyboard" if self.keyboard or journey.keyboard else "mouse"


PROBE_ALLOWANCE_S = 30.0  # on top of a step's action and navigation timeouts: probes, axe, screenshot
CONTEXT_CLOSE_BUDGET_S = 15.0  # closing a journey's context; past it the watchdog closes it, then the browser
JOURNEY_BUDGET_S = 600.0  # no journey may hold a worker longer than this (plus its pauses)


# The page's title (as page.title() reads it) and the DOM-change count since the last step, in one round trip.
TITLE_AND_MUTATIONS = f"() => [document.title, ({TAKE_MUTATIONS})()]"


def classify_error(message: str, *, navigating: bool, is_timeout: bool) -> str:
    if any(m in message for m in UNREACHABLE_MARKERS):
        return "site_unreachable"
    if any(m in message for m in CRASH_MARKERS):
        return "browser_crash"
    if is_timeout and navigating:
        return "timeout"
    return "timeout_waiting_for_element" if is_timeout else "step_failed"


def step_record(step: Step, index: int, started_at: str) -> dict[str, Any]:
    """A step's record before anything is known about what it did (see docs/internals.md)."""
    return {
        "index": index, "action": step.action, "target": step.target(), "line": step.line or None,
        "final": step.final, "status": "ok", "url": None, "title": None, "http_status": None, "navigated": False,
        "documents": [], "downloads": [], "started_at": started_at, "duration_ms": 0.0, "wait_ms": 0.0,
        "xhr_ms": 0.0, "xhr_count": 0, "xhr_unfinished": 0, "dialogs": [], "popups": [], "chars_typed": 0, "clicks": 0, "fields_filled": 0,
        "validation_check": step.expect_error, "screenshot": None, "error": None, "error_kind": None,
        "artifacts": {}, "timings_ms": {},
    }


def journey_data(journey: Journey, start_url: str, started_at: str, steps: list[dict[str, Any]],
                 mode: str = "mouse") -> dict[str, Any]:
    """A journey's record before its outcome is known (see docs/internals.md)."""
    return {
        "schema_version": 1,
        "mode": mode,
        "council": journey.council,
        "council_id": journey.council_id,
        "task": journey.task,
        "journey_path": journey.source,
        "start_url": start_url,
        "outcome": "completed",
        "outcome_reason": None,
        "stopped_before_submit": False,
        "submitted": False,
        "final_pressed": False,
        "submissions": [],
        "blocked_submission": None,
        "guarded_endpoints": [],
        "steps_not_run": 0,
        "error": None,
        "started_at": started_at,
        "duration_s": None,
        "viewport": None,
        "timings_ms": {},
        "steps": steps,
    }


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)


class JourneyReplay:
    """State of one journey being replayed: page, tracker, records."""

    screens: JourneyScreens | None = None  # made on the first screenshot (the pytest plugin skips __init__)
    last_index: int | None = None  # the script's last step, once replay() knows the script

    def __init__(self, journey: Journey, session: BrowserSession, options: RunOptions, screens_dir: Path,
                 run_folder: Path):
        self.journey = journey
        self.session = session
        self.options = options
        self.screens_dir = screens_dir
        self.run_folder = run_folder
        self.base_url = options.base_for(journey)
        self.steps: list[dict[str, Any]] = []
        self.timeout_ms = session.settings.action_timeout_s * 1000
        self.watchdog: Watchdog  # set by replay(): one per replay

    def _gather(self, page, *, dom_changed: bool, timings: dict[str, Any]) -> dict[str, Any]:
        """The probes' facts; each probe's time goes to ``timings["probes"]``."""
        if not self.options.probes:
            return {}
        from journey_audit.pipeline import gather_artifacts

        spent: dict[str, float] = {}
        artifacts = gather_artifacts(page, axe=self.options.axe and dom_changed, timings=spent)
        timings["probes"] = spent
        return artifacts

    def _screenshot(self, page, index: int, *, changed: bool = True) -> str | None:
        """A new picture only when the page changed (see browser/screens.py); else the last step's picture."""
        if not self.options.screenshots:
            return None
        if self.screens is None:
            self.screens = JourneyScreens(self.screens_dir, self.run_folder)
        return self.screens.shoot(page, index, changed=changed)

    def step_budget_s(self, step: Step) -> float:
        """All a step may take, from its action to its screenshot; the watchdog ends it after that."""
        if self.options.step_timeout_s:
            return self.options.step_timeout_s
        action_s = step.timeout_s or self.session.settings.action_timeout_s
        return action_s + self.session.settings.navigation_timeout_s + PROBE_ALLOWANCE_S + self.waits_s()

    def waits_s(self) -> float:
        """The most a step may wait on purpose before it starts: --pause, and its turn on the host (--host-delay)."""
        return waits_s(self.options)

    def journey_budget_s(self) -> float:
        return journey_budget_s(self.journey, self.options)

    def _failure(self, exc: Exception, step: Step, tracker: DocumentTracker, ctx: StepContext,
                 watchdog: Watchdog) -> dict[str, str] | None:
        """What went wrong in a step, in the words of the journey (kind + message); None when nothing did."""
        if isinstance(exc, KeyboardBarrier):  # the keys could not do it: the site's barrier, named
            return {"kind": exc.kind, "message": exc.message}
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if tracker.downloads and "ERR_ABORTED" in message:
            return None  # navigating to a file starts a download: the site answered, nothing failed
        if watchdog.tripped:
            return {"kind": "timeout", "message": f"{step.action} '{step.target()}': {watchdog.tripped}; the watchdog "
                                                  "closed the page"}
        is_timeout = type(exc).__name__ == "TimeoutError"
        if is_timeout and tracker.loading:  # the element was there; the page it asked for never came
            return {"kind": "timeout", "message": f"{step.action} '{step.target()}': the navigation it started got no "
                                                  f"answer in time ({message})"}
        kind = classify_error(str(exc), navigating=step.action == "goto" or tracker.navigated, is_timeout=is_timeout)
        if kind == "timeout_waiting_for_element" and step.action != "expect":
            message = (f"{step.action} '{step.target()}': nothing on the page matched within "
                       f"{ctx.timeout_ms / 1000:g} s (check the journey's locator; the page may have changed)")
        elif kind == "timeout_waiting_for_element":
            message = f"expected text '{step.value}' did not appear within {ctx.timeout_ms / 1000:g} s"
        return {"kind": kind, "message": message}

    def _settle(self, page, tracker: DocumentTracker, step: Step, ctx: StepContext, watchdog: Watchdog) -> None:
        """After the action: wait for the page it loaded, or for the fetches it started (cut off in time)."""
        tracker.wait_for_navigations(self.session.settings.navigation_timeout_s * 1000)
        if tracker.navigation_failure:
            return
        if tracker.navigated or step.action == "goto":
            page.wait_for_load_state("load")
        else:
            tracker.wait_for_fetches(min(ctx.timeout_ms, watchdog.remaining_s() * 1000 / 2))

    def execute(self, page, tracker: DocumentTracker, step: Step, index: int,
                perform: Callable[[Any, Step, StepContext], None] | None = None) -> dict[str, Any]:
        """Run the step (its registered action, or ``perform``: the pytest plugin's user action) and record it."""
        watchdog = self.watchdog
        ctx = StepContext(base_url=self.base_url, files_dir=FILES_DIR,
                          timeout_ms=(step.timeout_s * 1000) if step.timeout_s else self.timeout_ms)
        tracker.reset()
        started_at, t0 = _now(), time.perf_counter()
        error: dict[str, str] | None = None
        timings: dict[str, Any] = {}  # where the step's time went (facts about the tool, never scored)
        try:
            (perform or REGISTRY[step.action].run)(page, step, ctx)
            timings["action"] = _ms(t0)
            self._settle(page, tracker, step, ctx, watchdog)
        except Exception as exc:  # Playwright raises its own Error/TimeoutError for every page failure
            error = self._failure(exc, step, tracker, ctx, watchdog)
        if tracker.navigation_failure and not watchdog.tripped:
            gone = "the site stopped answering" if tracker.answered else "the site could not be reached"
            error = ({"kind": "site_unreachable", "message": f"{gone}: {tracker.navigation_failure}"}
                     if tracker.site_gone else
                     {"kind": "navigation_failed", "message": f"the page could not be shown: {tracker.navigation_failure}"})
        if error and error["kind"] == "timeout" and not tracker.answered:
            error = {"kind": "site_unreachable",
                     "message": f"nothing answered: {error['message']} (the site accepted no request of the journey)"}
        duration_ms = (time.perf_counter() - t0) * 1000
        if "action" in timings:
            timings["navigation_wait"] = round(max(duration_ms - timings["action"], 0.0), 1)
        else:
            timings["action"] = round(duration_ms, 1)  # the action itself failed: all its time was the action's
        record = step_record(step, index, started_at)
        record.update({
            "status": "failed" if error else "ok",
            "http_status": tracker.last_status,
            "navigated": tracker.navigated,
            "documents": tracker.documents,
            "downloads": tracker.downloads,
            "dialogs": tracker.dialogs,
            "popups": tracker.popups,
            "duration_ms": round(duration_ms, 1),
            "wait_ms": round(duration_ms if tracker.navigated else tracker.xhr_ms, 1),
            "xhr_ms": round(tracker.xhr_ms, 1),
            "xhr_count": tracker.xhr_count,
            "xhr_unfinished": tracker.xhr_unfinished,
            "chars_typed": ctx.chars_typed,
            "clicks": ctx.clicks,
            "fields_filled": ctx.fields_filled,
            "error": error["message"] if error else None,
            "error_kind": error["kind"] if error else None,
            "timings_ms": timings,
        })
        if error and (error["kind"] in ("site_unreachable", "browser_crash", "navigation_failed") or watchdog.tripped
                      or (error["kind"] == "timeout" and not tracker.documents)):
            # No page to look at: the site is gone, the page was closed, or the load never got an answer
            # (the page would hold every script call until the navigation ends).
            record["url"] = page.url if not watchdog.tripped else None
            timings["total"] = _ms(t0)
            return record
        try:
            record["url"] = page.url
            record["title"], mutations = page.evaluate(TITLE_AND_MUTATIONS)  # one round trip for both
            changed = mutations > 0
            record["dom_changed"] = bool(changed or tracker.navigated or step.action == "goto")
            content_type = tracker.documents[-1]["content_type"] if tracker.documents else "text/html"
            if content_type and "html" not in content_type:
                # A PDF or other file shown in the browser's own viewer: probing it would audit Chromium.
                record["artifacts"] = {"not_a_web_page": {"content_type": content_type}}
            else:
                record["artifacts"] = self._gather(page, dom_changed=record["dom_changed"], timings=timings)
        except Exception as exc:
            record["artifacts"] = {"error": str(exc).splitlines()[0]}
        shot_t0 = time.perf_counter()
        record["screenshot"] = self._screenshot(page, index, changed=bool(error) or record.get("dom_changed", True))
        timings["screenshot"] = _ms(shot_t0)
        if index != self.last_index:  # after the journey's last step nobody reads the count
            try:
                page.evaluate(TAKE_MUTATIONS)  # axe and the probes touch the DOM: start the next step from zero
            except Exception:
                pass  # the page may be navigating away; the next document starts its own count
        timings["total"] = _ms(t0)
        if watchdog.tripped:  # the page was closed while being probed: the step did not end in time
            record.update(status="failed", error_kind="timeout", artifacts={},
                          error=f"{step.action} '{step.target()}': {watchdog.tripped}; the watchdog closed the page")
        return record

    def replay(self) -> JourneyResult:
        journey = self.journey
        started_at, t0 = _now(), time.perf_counter()
        mode = self.options.mode_for(journey)
        data = journey_data(journey, journey.start_url(self.base_url or None), started_at, self.steps, mode)
        performer = KeyboardPerformer(lambda: self.watchdog.remaining_s()) if mode == "keyboard" else None
        context = page = None
        guard: SubmitGuard | None = None
        tracker: DocumentTracker | None = None
        pool = tab_pool(self.session) if self.options.reuse_tabs and not journey.steps else None
        watchdog = self.watchdog = Watchdog(self.journey_budget_s())
        script = [Step(action="goto", line=0, locator=Locator(), value=data["start_url"]), *journey.steps]
        self.last_index = len(script) - 1
        try:
            launches = len(getattr(self.session, "launches_ms", ()))
            context_t0 = time.perf_counter()
            if pool is not None:
                context, page = pool.take(host_of(data["start_url"]), self.options.viewport,
                                          axe=self.options.probes and self.options.axe)
            else:
                context = self.session.new_context(self.options.viewport)
                page = context.new_page()
            watchdog.arm(self.step_budget_s(script[0]))  # armed now: a slow browser start is not the step's time
            watchdog.watch(context, self.session.browser)
            guard = SubmitGuard(context, script, allow_submit=self.options.allow_submit)
            opened_ms = _ms(context_t0)
            launched = getattr(self.session, "launches_ms", [])[launches:]
            if launched:  # this journey was the first of its worker (or the browser had died): it paid the launch
                data["timings_ms"]["browser_launch"] = round(sum(launched), 1)
            data["timings_ms"]["context"] = round(max(opened_ms - sum(launched), 0.0), 1)  # the launch apart
            data["viewport"] = page.viewport_size
            tracker = DocumentTracker(page)
            for index, step in enumerate(script):
                watchdog.arm(self.step_budget_s(step))
                if index:
                    guard.look_ahead(page, index)
                if step.final and not self.options.allow_submit:
                    record = self._skipped_final(step, index)
                    self.steps.append(record)
                    missing = self._final_target_missing(page, step)
                    if missing:  # a wrong name on the held-back button must not pass as "completed"
                        record.update(status="failed", error=missing, error_kind="step_failed")
                        self._end_on_failure(data, record, len(script) - index - 1)
                        break
                    if performer is not None and self._reach_final(page, performer, step, record):
                        self._end_on_failure(data, record, len(script) - index - 1)
                        break
                    data["stopped_before_submit"] = True
                    data["steps_not_run"] = len(script) - index - 1
                    break
                if index and self.options.pause_s:
                    page.wait_for_timeout(self.options.pause_s * 1000)
                if self.options.before_step:  # the host's turn (--host-delay), across all workers
                    self.options.before_step(journey)
                guard.step_starting(index, step)
                blocked_before = len(guard.blocked)
                data["final_pressed"] = data["final_pressed"] or step.final
                if performer is None:
                    record = self.execute(page, tracker, step, index)
                else:
                    record = self.execute(page, tracker, step, index, perform=performer)
                    record["keyboard"] = performer.record(page, step)
                self.steps.append(record)
                if len(guard.blocked) > blocked_before:
                    # The step would have sent the final form: the guard stopped it, and the dry run ends here.
                    record["blocked_submission"] = data["blocked_submission"] = guard.blocked[blocked_before]
                    data["stopped_before_submit"] = True
                    data["steps_not_run"] = len(script) - index - 1
                    break
                if step.expect_error and record["status"] == "ok" and not validation_check_held(record, self.steps):
                    record.update(status="failed", error_kind="step_failed",
                                  error=f"{step.action} '{step.target()}' was marked expect_error, but the page moved "
                                        "on without an error: the validation check did not happen (check the journey)")
                if record["status"] == "failed":
                    self._end_on_failure(data, record, len(script) - index - 1)
                    break
                if self._blocked(data, record, final_check=False):
                    data["steps_not_run"] = len(script) - index - 1
                    break
            else:
                if self.steps:
                    self._blocked(data, self.steps[-1], final_check=True)
        except Exception as exc:  # the browser itself failed: record it, never stop the run
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            kind = getattr(exc, "error_kind", None) or classify_error(message, navigating=False, is_timeout=False)
            if watchdog.tripped:
                answered = tracker is not None and tracker.answered
                kind = "timeout" if answered else "site_unreachable"
                message = f"{watchdog.tripped}; the watchdog closed the page" + ("" if answered else " (nothing answered)")
            data["outcome"] = "dead_end" if kind == "timeout" else "broken"
            data["error"] = {"step": len(self.steps), "kind": kind, "message": message, "screenshot": None}
            if kind == "timeout":
                data["outcome_reason"] = {"kind": "timeout", "step": len(self.steps),
                                          "evidence": {"url": None, "text": message, "screenshot": None}}
        finally:
            if context is not None:
                # Closing can hang too (a page stuck in a script, a close the watchdog already started): the
                # watchdog keeps running until it returns, so it can close the browser after its grace time.
                if not watchdog.tripped:
                    watchdog.arm(CONTEXT_CLOSE_BUDGET_S)
                if pool is not None and page is not None:
                    for listener in (tracker, guard):
                        if listener is not None:
                            listener.detach()
                    healthy = not watchdog.tripped and not data["error"]  # a page that failed: a fresh tab next
                    data["timings_ms"]["context_reset"] = pool.give_back(page, healthy=healthy)
                else:
                    try:
                        context.close()
                    except Exception:
                        pass  # the browser may have died with the context
            watchdog.stop()
        if guard is not None:
            pressed = [s["index"] for s in self.steps if s.get("final") and s["status"] != "skipped_final"]
            data["submissions"] = guard.submissions(pressed)
            data["guarded_endpoints"] = guard.guarded()
        data["submitted"] = bool(data["submissions"])
        data["duration_s"] = round(time.perf_counter() - t0, 2)
        assess_t0 = time.perf_counter()
        assess_journey(data)
        data["timings_ms"]["assess"] = _ms(assess_t0)
        return JourneyResult(data)

    def _final_target_missing(self, page, step: Step) -> str | None:
        """The final step is not pressed, but its button must be there: otherwise the script is wrong."""
        if step.action in ("goto", "expect"):
            return None
        timeout_ms = step.timeout_s * 1000 if step.timeout_s else self.timeout_ms
        try:
            find(page, step.locator).wait_for(state="visible", timeout=timeout_ms)
        except Exception:
            return (f"{step.action} '{step.target()}' (final, not pressed): nothing on the page matched within "
                    f"{timeout_ms / 1000:g} s (check the journey's locator)")
        return None

    def _reach_final(self, page, performer: KeyboardPerformer, step: Step, record: dict[str, Any]) -> bool:
        """Keyboard mode: Tab to the held-back final control without pressing it (a keyboard user must be able
        to get there too). True when the keyboard cannot: the record is then a failed keyboard step."""
        ctx = StepContext(base_url=self.base_url, files_dir=FILES_DIR,
                          timeout_ms=(step.timeout_s * 1000) if step.timeout_s else self.timeout_ms)
        failed = False
        try:
            performer.reach_only(page, step, ctx)
        except KeyboardBarrier as exc:
            record.update(status="failed", error=exc.message, error_kind=exc.kind, url=page.url)
            failed = True
        except Exception as exc:  # noqa: BLE001 - the control was found a moment ago; say what stopped the walk
            record["note"] += f"; keyboard: not reached ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})"
        record["keyboard"] = performer.record(page, step)
        return failed

    def _skipped_final(self, step: Step, index: int) -> dict[str, Any]:
        record = step_record(step, index, _now())
        record.update(status="skipped_final", validation_check=False,
                      note="final submission not sent: pass --allow-submit to really submit")
        return record

    def _end_on_failure(self, data: dict[str, Any], record: dict[str, Any], not_run: int) -> None:
        data["steps_not_run"] = not_run
        error = {"step": record["index"], "line": record["line"], "kind": record["error_kind"],
                 "message": record["error"], "screenshot": record["screenshot"]}
        data["error"] = error
        if record["error_kind"] in ("timeout", "navigation_failed"):
            # The site kept the user from the next page: it never came, or came as a browser error page.
            data["outcome"] = "dead_end"
            data["outcome_reason"] = {"kind": "timeout" if record["error_kind"] == "timeout" else "http_error",
                                      "step": record["index"],
                                      "evidence": {"url": record["url"], "text": record["error"],
                                                   "screenshot": record["screenshot"]}}
            return
        blocking = [d for d in detect_dead_ends(record) if d.get("blocking")]
        if not blocking and record["index"] > 0:
            blocking = [d for d in detect_dead_ends(self.steps[record["index"] - 1]) if d.get("blocking")]
        if blocking and record["error_kind"] not in ("site_unreachable", "browser_crash"):
            data["outcome"] = "dead_end"
            data["outcome_reason"] = blocking[0]
        else:
            data["outcome"] = "broken"

    def _blocked(self, data: dict[str, Any], record: dict[str, Any], *, final_check: bool) -> bool:
        """After a step: an HTTP error page ends the journey at once; other dead ends at the end."""
        status = record.get("http_status") or 0
        if record["index"] == 0 and status in (404, 410):
            # The journey's own start URL is missing: most likely a typo or a moved page, not a dead end users meet.
            data["outcome"] = "broken"
            fix = f"check 'start:' in {self.journey.path}" if self.journey.steps else "check the URL"
            data["error"] = {"step": 0, "line": None, "kind": "start_not_found", "screenshot": record["screenshot"],
                             "message": f"the start URL {record['url']} answered HTTP {status}: {fix}"}
            return True
        dead = [d for d in detect_dead_ends(record) if d.get("blocking")]
        http = [d for d in dead if d["kind"] in ("http_error", "broken_link", "session_expired")]
        chosen = http[0] if http else (dead[0] if dead and final_check else None)
        if chosen is None:
            return False
        data["outcome"] = "dead_end"
        data["outcome_reason"] = chosen
        return True


def waits_s(options: RunOptions) -> float:
    """The most a step may wait on purpose before it starts: --pause, and its turn on the host (--host-delay)."""
    return options.pause_s + options.host_delay_s * options.per_host


def journey_budget_s(journey: Journey, options: RunOptions) -> float:
    """The watchdog's budget for the whole journey (the run loop also uses it to spot a stuck worker)."""
    if options.journey_timeout_s:
        return options.journey_timeout_s
    return JOURNEY_BUDGET_S + waits_s(options) * (len(journey.steps) + 1)


def replay_journey(journey: Journey, session: BrowserSession, options: RunOptions, screens_dir: Path,
                   run_folder: Path) -> JourneyResult:
    """Replay with retries for failures that are the site's or the browser's, not the script's."""
    attempt = 0
    while True:
        result = JourneyReplay(journey, session, options, screens_dir, run_folder).replay()
        error = result.get("error") or {}
        if result.outcome != "broken" or error.get("kind") not in ("site_unreachable", "browser_crash") \
                or attempt >= options.retries or result.get("final_pressed") or result.get("submissions"):
            # Never again after a final step was really pressed: a retry would file a second report.
            result.data["attempts"] = attempt + 1
            return result
        attempt += 1
