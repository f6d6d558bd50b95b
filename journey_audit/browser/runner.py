"""Replays one journey in its own browser context and records every step.

Failure is data: a step that cannot run ends the journey as ``broken`` (the script could not go on)
or ``dead_end`` (the site stopped the user), with the step, the reason and a screenshot.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from journey_audit.actions import REGISTRY, StepContext
from journey_audit.actions.base import find
from journey_audit.browser.session import TAKE_MUTATIONS, BrowserSession
from journey_audit.browser.tracking import DocumentTracker
from journey_audit.model import Journey, JourneyResult, Locator, Step
from journey_audit.pipeline import assess_journey, detect_dead_ends, validation_check_held

FILES_DIR = Path(__file__).resolve().parent.parent / "demo" / "files"
UNREACHABLE_MARKERS = ("ERR_CONNECTION_REFUSED", "ERR_NAME_NOT_RESOLVED", "ERR_CONNECTION_RESET",
                       "ERR_ADDRESS_UNREACHABLE", "ERR_INTERNET_DISCONNECTED", "ERR_EMPTY_RESPONSE",
                       "ERR_CONNECTION_CLOSED", "ERR_UNSAFE_PORT", "ERR_CONNECTION_TIMED_OUT")
CRASH_MARKERS = ("Target page, context or browser has been closed", "Browser has been closed",
                 "Target closed", "browser has disconnected", "Connection closed")


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

    def base_for(self, journey: Journey) -> str:
        return self.base_url or self.base_urls.get(journey.council_id) or journey.base_url or ""


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
        "status": "ok", "url": None, "title": None, "http_status": None, "navigated": False,
        "documents": [], "downloads": [], "started_at": started_at, "duration_ms": 0.0, "wait_ms": 0.0,
        "xhr_ms": 0.0, "xhr_count": 0, "chars_typed": 0, "clicks": 0, "fields_filled": 0,
        "validation_check": step.expect_error, "screenshot": None, "error": None, "error_kind": None,
        "artifacts": {},
    }


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class JourneyReplay:
    """State of one journey being replayed: page, tracker, records."""

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

    def _gather(self, page, *, dom_changed: bool) -> dict[str, Any]:
        if not self.options.probes:
            return {}
        from journey_audit.pipeline import gather_artifacts

        return gather_artifacts(page, axe=self.options.axe and dom_changed)

    def _screenshot(self, page, index: int) -> str | None:
        if not self.options.screenshots:
            return None
        path = self.screens_dir / f"{index:02d}.jpg"
        try:
            page.screenshot(path=str(path), type="jpeg", quality=55, timeout=10_000)
        except Exception:
            return None
        return str(path.relative_to(self.run_folder))

    def execute(self, page, tracker: DocumentTracker, step: Step, index: int) -> dict[str, Any]:
        ctx = StepContext(base_url=self.base_url, files_dir=FILES_DIR,
                          timeout_ms=(step.timeout_s * 1000) if step.timeout_s else self.timeout_ms)
        tracker.reset()
        started_at, t0 = _now(), time.perf_counter()
        error: dict[str, str] | None = None
        try:
            REGISTRY[step.action].run(page, step, ctx)
            if tracker.navigated or step.action == "goto":
                page.wait_for_load_state("load")
            else:
                tracker.wait_for_fetches(ctx.timeout_ms)
        except Exception as exc:  # Playwright raises its own Error/TimeoutError for every page failure
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if tracker.downloads and "ERR_ABORTED" in message:
                pass  # navigating to a file starts a download: the site answered, nothing failed
            else:
                is_timeout = type(exc).__name__ == "TimeoutError"
                kind = classify_error(str(exc), navigating=step.action == "goto" or tracker.navigated,
                                      is_timeout=is_timeout)
                if kind == "timeout_waiting_for_element" and step.action != "expect":
                    message = (f"{step.action} '{step.target()}': nothing on the page matched within "
                               f"{ctx.timeout_ms / 1000:g} s (check the journey's locator; the page may have changed)")
                elif kind == "timeout_waiting_for_element":
                    message = f"expected text '{step.value}' did not appear within {ctx.timeout_ms / 1000:g} s"
                error = {"kind": kind, "message": message}
        duration_ms = (time.perf_counter() - t0) * 1000
        record = step_record(step, index, started_at)
        record.update({
            "status": "failed" if error else "ok",
            "http_status": tracker.last_status,
            "navigated": tracker.navigated,
            "documents": tracker.documents,
            "downloads": tracker.downloads,
            "duration_ms": round(duration_ms, 1),
            "wait_ms": round(duration_ms if tracker.navigated else tracker.xhr_ms, 1),
            "xhr_ms": round(tracker.xhr_ms, 1),
            "xhr_count": tracker.xhr_count,
            "chars_typed": ctx.chars_typed,
            "clicks": ctx.clicks,
            "fields_filled": ctx.fields_filled,
            "error": error["message"] if error else None,
            "error_kind": error["kind"] if error else None,
        })
        if error and error["kind"] in ("site_unreachable", "browser_crash"):
            return record
        try:
            record["url"] = page.url
            record["title"] = page.title()
            changed = page.evaluate(TAKE_MUTATIONS) > 0
            record["dom_changed"] = bool(changed or tracker.navigated or step.action == "goto")
            content_type = tracker.documents[-1]["content_type"] if tracker.documents else "text/html"
            if content_type and "html" not in content_type:
                # A PDF or other file shown in the browser's own viewer: probing it would audit Chromium.
                record["artifacts"] = {"not_a_web_page": {"content_type": content_type}}
            else:
                record["artifacts"] = self._gather(page, dom_changed=record["dom_changed"])
        except Exception as exc:
            record["artifacts"] = {"error": str(exc).splitlines()[0]}
        record["screenshot"] = self._screenshot(page, index)
        try:
            page.evaluate(TAKE_MUTATIONS)  # axe and the probes touch the DOM: start the next step from zero
        except Exception:
            pass  # the page may be navigating away; the next document starts its own count
        return record

    def replay(self) -> JourneyResult:
        journey = self.journey
        started_at, t0 = _now(), time.perf_counter()
        data: dict[str, Any] = {
            "schema_version": 1,
            "council": journey.council,
            "council_id": journey.council_id,
            "task": journey.task,
            "journey_path": str(journey.path),
            "start_url": journey.start_url(self.base_url or None),
            "outcome": "completed",
            "outcome_reason": None,
            "stopped_before_submit": False,
            "submitted": False,
            "steps_not_run": 0,
            "error": None,
            "started_at": started_at,
            "duration_s": None,
            "viewport": None,
            "steps": self.steps,
        }
        context = None
        try:
            context = self.session.new_context(self.options.viewport)
            page = context.new_page()
            data["viewport"] = page.viewport_size
            tracker = DocumentTracker(page)
            script = [Step(action="goto", line=0, locator=Locator(), value=data["start_url"]), *journey.steps]
            for index, step in enumerate(script):
                if step.final and not self.options.allow_submit:
                    record = self._skipped_final(step, index)
                    self.steps.append(record)
                    missing = self._final_target_missing(page, step)
                    if missing:  # a wrong name on the held-back button must not pass as "completed"
                        record.update(status="failed", error=missing, error_kind="step_failed")
                        self._end_on_failure(data, record, len(script) - index - 1)
                        break
                    data["stopped_before_submit"] = True
                    data["steps_not_run"] = len(script) - index - 1
                    break
                if index and self.options.pause_s:
                    page.wait_for_timeout(self.options.pause_s * 1000)
                record = self.execute(page, tracker, step, index)
                self.steps.append(record)
                if step.expect_error and record["status"] == "ok" and not validation_check_held(record, self.steps):
                    record.update(status="failed", error_kind="step_failed",
                                  error=f"{step.action} '{step.target()}' was marked expect_error, but the page moved "
                                        "on without an error: the validation check did not happen (check the journey)")
                if record["status"] == "failed":
                    self._end_on_failure(data, record, len(script) - index - 1)
                    break
                if step.final:
                    data["submitted"] = True
                if self._blocked(data, record, final_check=False):
                    data["steps_not_run"] = len(script) - index - 1
                    break
            else:
                if self.steps:
                    self._blocked(data, self.steps[-1], final_check=True)
        except Exception as exc:  # the browser itself failed: record it, never stop the run
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            data["outcome"] = "broken"
            data["error"] = {"step": len(self.steps), "kind": classify_error(message, navigating=False,
                                                                               is_timeout=False),
                             "message": message, "screenshot": None}
        finally:
            if context is not None:
                try:
                    context.close()
                except Exception:
                    pass  # the browser may have died with the context
        data["duration_s"] = round(time.perf_counter() - t0, 2)
        return JourneyResult(assess_journey(data))

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
        if record["error_kind"] == "timeout":
            data["outcome"] = "dead_end"
            data["outcome_reason"] = {"kind": "timeout", "step": record["index"],
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
            data["error"] = {"step": 0, "line": None, "kind": "start_not_found", "screenshot": record["screenshot"],
                             "message": f"the start URL {record['url']} answered HTTP {status}: check 'start:' in "
                                        f"{self.journey.path}"}
            return True
        dead = [d for d in detect_dead_ends(record) if d.get("blocking")]
        http = [d for d in dead if d["kind"] in ("http_error", "broken_link", "session_expired")]
        chosen = http[0] if http else (dead[0] if dead and final_check else None)
        if chosen is None:
            return False
        data["outcome"] = "dead_end"
        data["outcome_reason"] = chosen
        return True


def replay_journey(journey: Journey, session: BrowserSession, options: RunOptions, screens_dir: Path,
                   run_folder: Path) -> JourneyResult:
    """Replay with retries for failures that are the site's or the browser's, not the script's."""
    attempt = 0
    while True:
        result = JourneyReplay(journey, session, options, screens_dir, run_folder).replay()
        error = result.get("error") or {}
        if result.outcome != "broken" or error.get("kind") not in ("site_unreachable", "browser_crash") \
                or attempt >= options.retries:
            result.data["attempts"] = attempt + 1
            return result
        attempt += 1
